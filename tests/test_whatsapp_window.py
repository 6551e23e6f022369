"""WhatsApp's 24-hour window, decided before sending on every outbound path (api-notes §c): free
text inside it, the purpose's approved template outside, else nothing sent and a note for a human.

Through the signed Twilio and Chatwoot webhooks, the real runtime, and the real Twilio SDK against the fake."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from integrations.clock import ManualClock
from integrations.messages import InboundMessage
from integrations.window import Route, plan, window_open
from integrations.store.outbox import Draft
from tests.conftest import arrived, idle, inbound_params, make_config, running, sid, signed, until
from tests.fakes.chatwoot import FakeChatwoot, agent_reply, sign

pytestmark = pytest.mark.anyio

PHONE = "+31612345678"
CONV = f"twilio:{PHONE}"
AGENT_TEMPLATE = "HX" + "a" * 32
REPLY_TEMPLATE = "HX" + "b" * 32
MESSAGES = r".*/Messages\.json$"
T0 = datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def chatwoot():
    with FakeChatwoot() as fake:
        yield fake


def _config(tmp_path, fake_twilio, chatwoot, **templates: str):
    return make_config(tmp_path, fake_twilio, twilio={"templates": templates},
                       chatwoot={"base_url": chatwoot.base_url, "api_token": "cw-token", "account_id": 1, "inbox_id": 1,
                                 "webhook_secret": "cw-secret"})


async def _customer_writes(rt, client, fake_twilio, n: int, text: str = "Hallo, ik zoek een golf") -> None:
    before = len(fake_twilio.sent)
    body, headers = signed("/webhooks/twilio/whatsapp", inbound_params(sid(n), text))
    assert (await client.post("/webhooks/twilio/whatsapp", data=body, headers=headers)).status_code == 200

    async def handled() -> bool:
        return (await rt.store.inbox.counts()).get("pending", 0) == 0

    assert await until(handled)
    conversation = await rt.store.conversations.get(CONV)
    if not conversation.handoff:
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == before + 1)


async def _chatwoot_id(rt) -> int:
    async def linked() -> bool:
        conversation = await rt.store.conversations.get(CONV)
        return conversation is not None and conversation.chatwoot_conversation_id is not None

    assert await until(linked)
    return (await rt.store.conversations.get(CONV)).chatwoot_conversation_id


async def _agent_says(rt, client, text: str, message_id: int) -> None:
    payload = agent_reply(text, message_id=message_id, conversation_id=await _chatwoot_id(rt))
    raw = json.dumps(payload).encode()
    headers = sign("cw-secret", int(rt.clock.now().timestamp()), raw) | {"Content-Type": "application/json"}
    assert (await client.post("/webhooks/chatwoot", data=raw, headers=headers)).status_code == 200

    async def applied() -> bool:
        return (await rt.store.inbox.counts()).get("pending", 0) == 0

    assert await until(applied)


def _private_notes(chatwoot) -> list[str]:
    return [m["content"] for m in chatwoot.messages if m.get("private")]


async def test_a_chatwoot_agent_reply_30_hours_after_the_customer_is_sent_as_the_configured_template(
        tmp_path, fake_twilio, chatwoot):
    """Outside the window the agent's reply goes as the `agent_reply` template (ContentSid, no Body),
    never as free text Twilio would refuse with 63016."""
    clock = ManualClock(T0)
    async with running(_config(tmp_path, fake_twilio, chatwoot, agent_reply=AGENT_TEMPLATE), clock=clock) as (rt, client):
        await _customer_writes(rt, client, fake_twilio, 1)
        await idle(rt)
        clock.advance(30 * 3600)
        await _agent_says(rt, client, "Hoi Jan, de Golf is er nog. Wanneer wil je langskomen?", 7001)
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 2)
        await idle(rt)
        request = fake_twilio.requests_to("POST", MESSAGES)[-1].form()
        assert request["ContentSid"] == [AGENT_TEMPLATE] and "Body" not in request
        assert json.loads(request["ContentVariables"][0]) == {"1": "Jan"}
        assert request["To"] == [f"whatsapp:{PHONE}"]
        assert len(fake_twilio.sent) == 2


async def test_a_chatwoot_agent_reply_30_hours_later_without_a_template_is_refused_with_a_note(
        tmp_path, fake_twilio, chatwoot):
    """No template for `agent_reply`: nothing goes to WhatsApp; a private note in Chatwoot says why
    and quotes what was not sent."""
    clock = ManualClock(T0)
    async with running(_config(tmp_path, fake_twilio, chatwoot), clock=clock) as (rt, client):
        await _customer_writes(rt, client, fake_twilio, 1)
        await idle(rt)
        clock.advance(30 * 3600)
        await _agent_says(rt, client, "Hoi Jan, de Golf is er nog.", 7001)
        assert await arrived(chatwoot, lambda: any("24 uur" in n for n in _private_notes(chatwoot)))
        await idle(rt)
        assert len(fake_twilio.sent) == 1  # only the bot's first reply, 30 hours ago
        [note] = [n for n in _private_notes(chatwoot) if "24 uur" in n]
        assert "Hoi Jan, de Golf is er nog." in note and "twilio.templates.agent_reply" in note


async def test_an_agent_reply_inside_the_window_goes_as_free_text(tmp_path, fake_twilio, chatwoot):
    """Twenty hours after the customer's message the agent's words go as they are, template or not."""
    clock = ManualClock(T0)
    async with running(_config(tmp_path, fake_twilio, chatwoot, agent_reply=AGENT_TEMPLATE), clock=clock) as (rt, client):
        await _customer_writes(rt, client, fake_twilio, 1)
        await idle(rt)
        clock.advance(20 * 3600)
        await _agent_says(rt, client, "Hoi Jan!", 7001)
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 2)
        assert fake_twilio.sent[-1]["body"] == "Hoi Jan!"


async def test_63016_closes_the_window_until_the_customer_writes_again(tmp_path, fake_twilio, chatwoot):
    """A 63016 from a status callback feeds the planner: the next agent reply, though only two hours
    after the customer's message by our clock, is refused; after the customer writes again it goes."""
    clock = ManualClock(T0)
    async with running(_config(tmp_path, fake_twilio, chatwoot), clock=clock) as (rt, client):
        await _customer_writes(rt, client, fake_twilio, 1)
        await idle(rt)
        [row] = await rt.store.outbox.all_rows()
        body, headers = signed("/webhooks/twilio/status", [
            ("MessageSid", row.provider_message_id), ("MessageStatus", "undelivered"), ("ErrorCode", "63016"),
            ("To", f"whatsapp:{PHONE}")])
        assert (await client.post("/webhooks/twilio/status", data=body, headers=headers)).status_code == 200

        async def closed() -> bool:
            return (await rt.store.conversations.get(CONV)).window_closed_at is not None

        assert await until(closed)
        await idle(rt)
        clock.advance(2 * 3600)
        await _agent_says(rt, client, "Ben je er nog?", 7001)
        assert await arrived(chatwoot, lambda: any("Ben je er nog?" in n for n in _private_notes(chatwoot)))
        await idle(rt)
        assert len(fake_twilio.sent) == 1
        await _customer_writes(rt, client, fake_twilio, 2, "ja hoor")
        await _agent_says(rt, client, "Top, tot zaterdag!", 7002)
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 2)
        assert fake_twilio.sent[-1]["body"] == "Top, tot zaterdag!"


async def test_a_message_handled_more_than_a_day_late_is_not_answered_with_free_text(tmp_path, fake_twilio, chatwoot):
    """A customer message picked up 25 hours after it arrived (the daemon was down) gets the `reply`
    template, not a free-text answer Twilio would refuse."""
    clock = ManualClock(T0)
    async with running(_config(tmp_path, fake_twilio, chatwoot, reply=REPLY_TEMPLATE), clock=clock) as (rt, client):
        late = InboundMessage(provider="twilio", message_id=sid(9), conversation_id=CONV, phone=PHONE,
                              body="Hallo, is de Golf er nog?", received_at=(T0 - timedelta(hours=25)).isoformat(),
                              profile_name="Jan", wa_id=PHONE[1:], to="whatsapp:+14155238886")
        added = await rt.store.inbox.add(late)
        rt.deliver(CONV, PHONE, added.id)
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 1)
        request = fake_twilio.requests_to("POST", MESSAGES)[-1].form()
        assert request["ContentSid"] == [REPLY_TEMPLATE] and "Body" not in request


def test_the_window_is_open_for_24_hours_less_a_margin_and_closed_by_63016() -> None:
    """The boundaries of the planner, and a template that is already one goes at any time."""
    last = T0.isoformat()
    assert window_open(last, None, T0 + timedelta(hours=23, minutes=54))
    assert not window_open(last, None, T0 + timedelta(hours=23, minutes=56))
    assert not window_open(None, None, T0)
    assert not window_open(last, (T0 + timedelta(minutes=1)).isoformat(), T0 + timedelta(hours=1))
    assert window_open((T0 + timedelta(hours=2)).isoformat(), (T0 + timedelta(hours=1)).isoformat(), T0 + timedelta(hours=3))
    templated = Draft(content_sid=AGENT_TEMPLATE, content_variables="{}")
    assert plan(templated, purpose="followup", last_inbound_at=None, window_closed_at=None, now=T0, template_sid="",
                name="").route is Route.FREE
    refused = plan(Draft(body="hoi"), purpose="followup", last_inbound_at=None, window_closed_at=None, now=T0,
                   template_sid="", name="")
    assert refused.route is Route.REFUSE and refused.draft is None
