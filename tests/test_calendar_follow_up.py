"""A slow Google Calendar: the turn answers within its budget and the free times follow (issue 9, item 5).

The real daemon pieces (ingress, conversation actors, dialogue, calendar actor, sender) against the
fake Google Calendar and the fake Twilio on loopback: a test-drive request whose free/busy lookup
takes longer than `google_calendar.answer_within_seconds` gets "I'll send you the times" at once,
and the offer — or the calendar_down reply — follows as a second message from a `free_times`
inbox event.
"""

from __future__ import annotations

import sqlite3
import time
from datetime import datetime, timedelta, timezone

import pytest

from actors.dialogue.model import Conversation
from actors.dialogue.turn import TurnInput
from daemon.runtime import open_runtime
from integrations.messages import InboundMessage
from integrations.phone import conversation_id
from integrations.clock import ManualClock
from tests.conftest import arrived, idle, inbound_params, make_config, running, sid, signed
from tests.fakes.chatwoot import FakeChatwoot
from tests.fakes.google_calendar import FakeGoogleCalendar

pytestmark = pytest.mark.anyio

WHATSAPP = "/webhooks/twilio/whatsapp"
CALENDAR = "proefritten@seldenrijk.nl"
PHONE = "+31612345678"
CID = conversation_id("twilio", PHONE)
BUDGET = 0.5
INTERIM = "Ik kijk even in de agenda"


def _config(tmp_path, fake_twilio, calendar, **sections):
    return make_config(tmp_path, fake_twilio, google_calendar={"calendar_id": CALENDAR, "base_url": calendar.base_url,
                                                                "answer_within_seconds": BUDGET}, **sections)


async def _post(client, n: int, body: str) -> None:
    data, headers = signed(WHATSAPP, inbound_params(sid(n), body, phone=PHONE))
    assert (await client.post(WHATSAPP, data=data, headers=headers)).status_code == 200


async def _checkpoint(rt) -> dict:
    return (await rt.brain.graph.aget_state({"configurable": {"thread_id": CID}})).values


def _free_times_rows(path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT status, note FROM inbox WHERE kind = 'free_times' ORDER BY id").fetchall()


async def test_slow_calendar_answers_within_the_budget_and_the_times_follow(tmp_path, fake_twilio):
    """The interim reply leaves within the budget; the offer follows as a second message with real
    free times (none inside the dealer's busy block), with the same checkpoint fields as an offer;
    "1" afterwards books the first of them."""
    with FakeGoogleCalendar() as calendar:
        calendar.freebusy_delay = 2.0
        tomorrow = datetime.now(timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
        busy = (tomorrow, tomorrow + timedelta(days=2))  # the next two days are taken
        calendar.extra_busy[CALENDAR] = [busy]
        async with running(_config(tmp_path, fake_twilio, calendar)) as (rt, client):
            started = time.monotonic()
            await _post(client, 1, "ik wil een proefrit maken met de golf")
            assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) >= 1)
            waited = time.monotonic() - started
            assert waited < BUDGET + 1.0, f"the interim reply took {waited:.1f}s"
            interim = fake_twilio.sent[0]["body"]
            assert INTERIM in interim and "Golf" in interim and ":00" not in interim
            model = Conversation.of((await _checkpoint(rt))["model"])
            assert model.looking_up is not None and model.offer is None

            assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) >= 2, timeout=15)
            offer = fake_twilio.sent[1]["body"]
            assert "Golf" in offer and "1\ufe0f\u20e3" in offer
            state = await _checkpoint(rt)
            slots = state["last_output"]["offered_slots"]
            assert slots and len(slots) == rt.config.business.slots_offered
            for slot in slots:
                start, end = datetime.fromisoformat(slot["start"]), datetime.fromisoformat(slot["end"])
                assert not (start < busy[1] and busy[0] < end), f"{slot} is inside the busy block"
                assert slot["label"] in offer
            model = Conversation.of(state["model"])
            assert model.looking_up is None and model.offer is not None
            assert [s for s, _, _ in model.offer.slots] == [s["start"] for s in slots]

            await _post(client, 2, "1")
            assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) >= 3, timeout=15)
            assert "✅" in fake_twilio.sent[2]["body"]
            appointments = await rt.store.appointments.for_conversation(CID)
            assert [a.start for a in appointments] == [slots[0]["start"]]
            assert _free_times_rows(tmp_path / "seldenrijk.db") == [("done", None)]


async def test_calendar_failing_after_the_interim_reply_gives_the_calendar_down_reply(tmp_path, fake_twilio):
    """Google answers late and with an error: the second message is the calendar_down apology, no
    time is invented, and staff get a private note in Chatwoot."""
    with FakeGoogleCalendar() as calendar, FakeChatwoot() as chatwoot:
        calendar.freebusy_delay = 1.5
        calendar.errors[CALENDAR] = [{"domain": "global", "reason": "notFound"}]
        config = _config(tmp_path, fake_twilio, calendar,
                         chatwoot={"base_url": chatwoot.base_url, "api_token": "cw-token", "account_id": 1,
                                   "inbox_id": 1, "webhook_secret": "s"})
        async with running(config) as (rt, client):
            await _post(client, 1, "kan ik zaterdag een proefrit maken met de golf?")
            assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) >= 1)
            assert INTERIM in fake_twilio.sent[0]["body"]
            assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) >= 2, timeout=15)
            apology = fake_twilio.sent[1]["body"]
            assert "agenda nu even niet inzien" in apology and ":00" not in apology
            state = await _checkpoint(rt)
            assert state["last_output"]["offered_slots"] is None
            assert Conversation.of(state["model"]).looking_up is None
            assert await arrived(chatwoot, lambda: any(m.get("private") and "Agenda niet bereikbaar" in m.get("content", "")
                                                       for m in chatwoot.messages))


async def test_customer_writing_again_before_the_times_arrive_gets_one_offer(tmp_path, fake_twilio):
    """While the times are looked up the customer asks for them again and asks the opening hours:
    both are answered at once, and only one offer follows (the older lookup's answer says nothing)."""
    with FakeGoogleCalendar() as calendar:
        calendar.freebusy_delay = 3.0
        async with running(_config(tmp_path, fake_twilio, calendar)) as (rt, client):
            await _post(client, 1, "ik wil een proefrit maken met de golf")
            assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) >= 1)
            await _post(client, 2, "ik wil een proefrit maken met de golf")
            assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) >= 2)
            await _post(client, 3, "wat zijn jullie openingstijden?")
            assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) >= 3)
            bodies = [m["body"] for m in fake_twilio.sent]
            assert INTERIM in bodies[0] and "agenda nog aan het bekijken" in bodies[1]
            assert "1\ufe0f\u20e3" not in bodies[2]
            assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) >= 4, timeout=15)
            await idle(rt)  # both lookups have answered and both answers are applied
            assert len(fake_twilio.sent) == 4 and "1\ufe0f\u20e3" in fake_twilio.sent[3]["body"]
            assert sorted(note or "" for _, note in _free_times_rows(tmp_path / "seldenrijk.db")) == ["", "not waited for"]


async def test_request_replayed_after_a_crash_sends_one_follow_up(tmp_path, fake_twilio):
    """The process dies after the turn's checkpoint (interim reply decided, lookup queued) and before
    its commit, while the calendar is still looking: the next start replays the stored reply and
    runs the queued lookup to the end — one interim reply, one offer, no second graph run."""
    with FakeGoogleCalendar() as calendar:
        calendar.freebusy_delay = 2.0
        config = _config(tmp_path, fake_twilio, calendar, limits={"sweep_seconds": 300})
        message = InboundMessage(provider="twilio", message_id=sid(1), conversation_id=CID, phone=PHONE,
                                 body="ik wil een proefrit maken met de golf", received_at=datetime.now(timezone.utc)
                                 .isoformat(), profile_name="Jan", wa_id=PHONE[1:])
        async with open_runtime(config) as rt:
            added = await rt.store.inbox.add(message)  # stored, not handed to the actor: it "crashes" first
            interim = await rt.brain.respond(TurnInput(CID, added.id, message, "Jan"))
            assert INTERIM in interim.replies[0]
            assert [t.key for t in await rt.store.tasks.pending("cal_lookup")] == [f"cal_lookup:{CID}:{added.id}"]
        assert not fake_twilio.sent and _free_times_rows(tmp_path / "seldenrijk.db") == []

        async with running(config) as (rt, _):
            assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) >= 2, timeout=15)
            assert fake_twilio.sent[0]["body"] == interim.replies[0]
            assert "1\ufe0f\u20e3" in fake_twilio.sent[1]["body"]
            assert rt.brain.runs == 0  # the request was replayed from the checkpoint, not run again
            await idle(rt)
            assert not await rt.store.tasks.pending("cal_lookup")
            assert _free_times_rows(tmp_path / "seldenrijk.db") == [("done", None)]
            assert len(fake_twilio.sent) == 2


async def test_restart_between_the_interim_reply_and_the_times_still_sends_the_times(tmp_path, fake_twilio):
    """The interim reply is sent and the process stops while Google is still looking: the queued
    lookup survives in the store and the next start sends the times (in the customer's language)."""
    with FakeGoogleCalendar() as calendar:
        calendar.freebusy_delay = 2.0
        config = _config(tmp_path, fake_twilio, calendar)
        async with running(config) as (rt, client):
            await _post(client, 1, "can I book a test drive in the golf please?")
            assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) >= 1)
            assert "checking the calendar" in fake_twilio.sent[0]["body"]
            assert await rt.store.tasks.pending("cal_lookup")
        assert len(fake_twilio.sent) == 1

        async with running(config) as (rt, _):
            assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) >= 2, timeout=15)
            offer = fake_twilio.sent[1]["body"]
            assert "These times are free" in offer and "1\ufe0f\u20e3" in offer
            await idle(rt)
            assert len(fake_twilio.sent) == 2 and not await rt.store.tasks.pending("cal_lookup")


async def test_times_that_follow_fit_the_day_the_customer_named(tmp_path, fake_twilio):
    """"Kan ik zaterdag …": the follow-up offers Saturday's free times only, and books nothing
    on its own. (A fixed Tuesday morning: on the real clock a Saturday afternoon has no Saturday left.)"""
    with FakeGoogleCalendar() as calendar:
        calendar.freebusy_delay = 1.5
        tuesday = ManualClock(datetime(2026, 11, 24, 8, 0, tzinfo=timezone.utc))
        async with running(_config(tmp_path, fake_twilio, calendar), clock=tuesday) as (rt, client):
            await _post(client, 1, "kan ik zaterdag een proefrit maken met de golf?")
            assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) >= 2, timeout=15)
            slots = (await _checkpoint(rt))["last_output"]["offered_slots"]
            assert slots and {datetime.fromisoformat(s["start"]).weekday() for s in slots} == {5}
            assert not await rt.store.appointments.for_conversation(CID)
