"""The WhatsApp typing indicator (api-notes §W.3): shown for a turn that takes more than a second,
never for a quick one or a replay, and never in the way of the reply.

Through the signed webhook and the real Twilio SDK (`messaging.v2.typing_indicator`) against the fake;
a slow turn is a real one: the dealer's calendar answers free/busy slowly."""

from __future__ import annotations

from datetime import timedelta

import pytest

from integrations.messages import InboundMessage
from tests.conftest import arrived, idle, inbound_params, make_config, running, sid, signed
from tests.fakes.google_calendar import FakeGoogleCalendar
from tests.fakes.http import Response

pytestmark = pytest.mark.anyio

PHONE = "+31612345678"
CALENDAR = "dealer@example.com"
SLOW_QUESTION = "kan ik een proefrit maken met de golf"


@pytest.fixture
def calendar():
    with FakeGoogleCalendar() as fake:
        yield fake


def _config(tmp_path, fake_twilio, calendar, **twilio):
    return make_config(tmp_path, fake_twilio, google_calendar={"calendar_id": CALENDAR, "base_url": calendar.base_url},
                       twilio=twilio)


async def _post(client, n: int, text: str) -> None:
    body, headers = signed("/webhooks/twilio/whatsapp", inbound_params(sid(n), text))
    assert (await client.post("/webhooks/twilio/whatsapp", data=body, headers=headers)).status_code == 200


async def test_a_slow_turn_shows_typing_for_the_inbound_message_then_one_reply(tmp_path, fake_twilio, calendar):
    """The calendar takes 1.5 s: "typing…" is shown for exactly that inbound SID, and the reply follows once."""
    calendar.freebusy_delay = 1.5
    async with running(_config(tmp_path, fake_twilio, calendar)) as (rt, client):
        await _post(client, 1, SLOW_QUESTION)
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 1)
        await idle(rt)
        assert fake_twilio.typing == [sid(1)]
        typing = fake_twilio.requests_to("POST", r"/v2/Indicators/Typing\.json")[0].form()
        assert typing == {"channel": ["whatsapp"], "messageId": [sid(1)]}
        assert len(fake_twilio.sent) == 1


async def test_a_quick_turn_shows_no_typing_indicator(tmp_path, fake_twilio, calendar):
    """A greeting is answered in milliseconds: no indicator (it would only flash)."""
    async with running(_config(tmp_path, fake_twilio, calendar)) as (rt, client):
        await _post(client, 1, "Hallo")
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 1)
        await idle(rt)
        assert fake_twilio.typing == []


async def test_a_replayed_message_shows_no_typing_indicator(tmp_path, fake_twilio, calendar):
    """A message picked up minutes after it arrived (after a restart) is answered without "typing…"."""
    calendar.freebusy_delay = 1.5
    async with running(_config(tmp_path, fake_twilio, calendar)) as (rt, client):
        old = InboundMessage(provider="twilio", message_id=sid(7), conversation_id=f"twilio:{PHONE}", phone=PHONE,
                             body=SLOW_QUESTION, received_at=(rt.clock.now() - timedelta(minutes=5)).isoformat(),
                             profile_name="Jan", wa_id=PHONE[1:], to="whatsapp:+14155238886")
        added = await rt.store.inbox.add(old)
        rt.deliver(old.conversation_id, PHONE, added.id)
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 1)
        await idle(rt)
        assert fake_twilio.typing == []


async def test_a_hanging_typing_indicator_never_holds_up_the_reply(tmp_path, fake_twilio, calendar):
    """Twilio's typing endpoint hangs for 20 s: the reply still goes out as soon as the turn is done,
    and the failed indicator is no error of the turn."""
    calendar.freebusy_delay = 1.5
    fake_twilio.script("POST", r"/v2/Indicators/Typing\.json", Response(200, json={"success": True}, delay=20))
    async with running(_config(tmp_path, fake_twilio, calendar, timeout_seconds=30)) as (rt, client):
        await _post(client, 1, SLOW_QUESTION)
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 1, timeout=10)
        assert len(fake_twilio.requests_to("POST", r"/v2/Indicators/Typing\.json")) == 1  # it was asked, and hung
        await idle(rt)
        assert (await rt.store.inbox.counts()) == {"done": 1}
        assert rt.metrics.value("seldenrijk_messages_handled_total", outcome="error") == 0


async def test_typing_indicator_can_be_switched_off(tmp_path, fake_twilio, calendar):
    """`twilio.typing_indicator = false`: never shown, however slow the turn."""
    calendar.freebusy_delay = 1.5
    async with running(_config(tmp_path, fake_twilio, calendar, typing_indicator=False)) as (rt, client):
        await _post(client, 1, SLOW_QUESTION)
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 1)
        await idle(rt)
        assert fake_twilio.typing == []
