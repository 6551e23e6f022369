"""The dialogue through the whole pipeline: conversation actor, LangGraph brain, store, calendar actor."""

from __future__ import annotations

import re
import socket
import sqlite3
from contextlib import asynccontextmanager
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import anyio
import pytest

from actors.dialogue.turn import TurnInput
from actors.messages import Alert, Booked, Cancelled, Rescheduled
from daemon.chat import converse
from daemon.config import build
from daemon.runtime import open_runtime
from integrations.clock import ManualClock
from integrations.google_calendar import event_id_for
from integrations.messages import InboundMessage
from integrations.phone import conversation_id
from integrations.store.appointments import Appointment

PHONE = "+31612345678"
CID = conversation_id("twilio", PHONE)
TUESDAY_9_UTC = datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc)  # 10:00 in Amsterdam
TZ = ZoneInfo("Europe/Amsterdam")
TIME = re.compile(r"\b\d{1,2}:\d{2}\b")


@pytest.fixture
def anyio_backend():
    return "asyncio"


@asynccontextmanager
async def runtime(path, **sections):
    config = build({"store": {"path": str(path / "s.db")}, **sections})
    async with open_runtime(config, clock=ManualClock(TUESDAY_9_UTC)) as rt:
        yield rt


async def say(rt, text, name="Jan"):
    return await converse(rt, PHONE, name, text)


def body(out) -> str:
    assert len(out.replies) == 1, out.replies
    return out.replies[0]


async def shown_cars(rt, out):
    ids = re.findall(r"occasions/(SR\d+)", body(out))
    return [await rt.store.cars.get(i) for i in ids]


def turn(text: str, inbound_id: int) -> TurnInput:
    msg = InboundMessage(provider="twilio", message_id=f"m{inbound_id}", conversation_id=CID, phone=PHONE,
                         body=text, received_at=TUESDAY_9_UTC.isoformat(), profile_name="Jan")
    return TurnInput(CID, inbound_id, msg, "Jan")


async def offer_golf(rt):
    await say(rt, "kan ik een proefrit maken")
    return await say(rt, "de golf")


@pytest.mark.anyio
async def test_greeting_uses_the_whatsapp_profile_name(tmp_path):
    """A hello is answered with the customer's first name and the dealer's name."""
    async with runtime(tmp_path) as rt:
        out = await converse(rt, PHONE, "Jan de Vries", "Hallo")
    assert out.intent == "greeting"
    assert body(out).startswith("Hoi Jan!") and "Seldenrijk Auto" in body(out)


@pytest.mark.anyio
async def test_search_answers_with_at_most_three_matching_cars_and_a_follow_up_refines_it(tmp_path):
    """Automatics under 20k from stock; "en in het wit?" keeps those wishes and adds the colour."""
    async with runtime(tmp_path) as rt:
        out = await say(rt, "ik zoek een automaat onder de 20k")
        cars = await shown_cars(rt, out)
        assert out.intent == "car_search" and 1 <= len(cars) <= 3
        assert all(c.transmission == "automaat" and c.price_eur <= 20000 for c in cars)
        assert "proefrit" in body(out)
        out = await say(rt, "en in het wit?")
        cars = await shown_cars(rt, out)
    assert out.intent == "car_search" and cars
    assert all(c.transmission == "automaat" and c.price_eur <= 20000 and c.color == "wit" for c in cars)


@pytest.mark.anyio
async def test_search_is_honest_when_nothing_fits_exactly_or_at_all(tmp_path):
    """Relaxed wishes are named; a make we do not have gets no invented car."""
    async with runtime(tmp_path) as rt:
        out = await say(rt, "ik zoek een elektrische automaat onder de 10k")
        assert "Precies zo heb ik er nu geen" in body(out) and await shown_cars(rt, out)
        out = await converse(rt, "+31687654321", "Piet", "hebben jullie een tesla onder de 5000 euro?")
        assert "niets" in body(out) and not await shown_cars(rt, out)
        out = await converse(rt, "+31611111111", "Kees", "ik zoek een auto")
    assert "budget" in body(out) and not await shown_cars(rt, out)


@pytest.mark.anyio
async def test_test_drive_flow_offers_valid_slots_and_books_the_second(tmp_path):
    """which car → three slots (open hours, no Sunday, no lunch, 2 h notice) → "2" → booked with event id."""
    async with runtime(tmp_path) as rt:
        out = await say(rt, "kan ik een proefrit maken")
        assert out.intent == "test_drive" and "welke auto" in body(out).lower() and out.offered_slots is None
        out = await say(rt, "de golf")
        slots = out.offered_slots
        assert out.intent == "test_drive" and len(slots) == 3
        for slot in slots:
            start = datetime.fromisoformat(slot["start"])
            local = start.astimezone(TZ)
            assert start.utcoffset() is not None and slot["label"] in body(out)
            assert local.weekday() != 6 and 9 <= local.hour < 18 and local.hour != 12
            assert start - TUESDAY_9_UTC >= timedelta(hours=2)
        assert "1️⃣" in body(out) and "Golf" in body(out)
        out = await say(rt, "2")
        appointments = await rt.store.appointments.for_conversation(CID)
    assert out.intent == "slot_choice" and len(appointments) == 1
    appt = appointments[0]
    assert appt.status == "booked" and appt.start == slots[1]["start"] and "Golf" in appt.car
    assert appt.calendar_event_id == event_id_for(appt.id)
    assert out.effects == (Booked(appt.id),)
    text = body(out)
    assert text.startswith("✅ Proefrit bevestigd!") and "Industrieweg 12, 3771 MD Barneveld" in text
    assert f"{datetime.fromisoformat(appt.start):%H:%M}" in text
    line = out.as_json()
    assert set(line) == {"body", "intent", "lead_score", "lead_status", "handoff", "opted_out", "offered_slots",
                         "appointment"}
    assert line["offered_slots"] is None and line["handoff"] is False
    assert line["appointment"] == {"start": appt.start, "end": appt.end, "car": appt.car,
                                   "calendar_event_id": appt.calendar_event_id}


@pytest.mark.anyio
@pytest.mark.parametrize("answer, expected", [("de tweede", 1), ("optie 3", 2), ("morgen 14:00", None)])
async def test_slot_answers_in_words_and_by_day_and_time_book(tmp_path, answer, expected):
    """ "de tweede", "optie 3" pick by position; "morgen 14:00" books that free time even if not offered."""
    async with runtime(tmp_path) as rt:
        offered = (await offer_golf(rt)).offered_slots
        out = await say(rt, answer)
    assert out.intent == "slot_choice" and out.appointment is not None
    if expected is None:
        start = datetime.fromisoformat(out.appointment["start"]).astimezone(TZ)
        assert (start.date(), start.hour) == ((TUESDAY_9_UTC + timedelta(days=1)).date(), 14)
    else:
        assert out.appointment["start"] == offered[expected]["start"]


@pytest.mark.anyio
async def test_a_day_and_time_in_the_request_is_offered_first(tmp_path):
    """ "zaterdag 10 uur" puts Saturday 10:00 at the top of the offer."""
    async with runtime(tmp_path) as rt:
        out = await say(rt, "wil de tiguan zaterdag 10 uur komen bekijken")
    first = datetime.fromisoformat(out.offered_slots[0]["start"]).astimezone(TZ)
    assert (first.weekday(), first.hour) == (5, 10) and "Tiguan" in body(out)


@pytest.mark.anyio
async def test_slot_taken_between_offer_and_answer_is_apologised_for_and_reoffered(tmp_path):
    """Someone else books slot 2 in the meantime: no double booking, new slots without it."""
    async with runtime(tmp_path) as rt:
        offered = (await offer_golf(rt)).offered_slots
        taken = offered[1]
        await rt.store.appointments.book(Appointment("other", "twilio:+31600000000", "+31600000000", None, "x",
                                                     taken["start"], taken["end"], "booked", None, None))
        out = await say(rt, "2")
        mine = await rt.store.appointments.for_conversation(CID)
    assert "sorry" in body(out).lower() and not mine and out.appointment is None
    assert len(out.offered_slots) == 3 and taken["start"] not in [s["start"] for s in out.offered_slots]


@pytest.mark.anyio
async def test_other_time_cancel_and_reschedule(tmp_path):
    """ "geen van deze" → later slots; reschedule moves the same appointment; "toch niet" cancels it."""
    async with runtime(tmp_path) as rt:
        first = (await offer_golf(rt)).offered_slots
        out = await say(rt, "geen van deze")
        assert min(s["start"] for s in out.offered_slots) > first[-1]["start"]
        out = await say(rt, "1")
        appt_id = out.effects[0].appointment_id
        out = await say(rt, "kan het verzet worden naar een andere dag")
        assert out.offered_slots and out.appointment is not None
        out = await say(rt, "3")
        assert out.effects == (Rescheduled(appt_id),) and "verzet" in body(out)
        moved = await rt.store.appointments.get(appt_id)
        assert moved.start == out.appointment["start"] and moved.status == "booked"
        out = await say(rt, "toch niet")
        cancelled = await rt.store.appointments.get(appt_id)
        assert out.effects == (Cancelled(appt_id),) and cancelled.status == "cancelled"
        assert out.appointment is None and "geannuleerd" in body(out)
        offer = await say(rt, "kan ik een proefrit maken met de golf")
        assert offer.offered_slots
        out = await say(rt, "annuleren")
    assert out.effects == () and out.offered_slots is None and "niets" in body(out)


@pytest.mark.anyio
async def test_calendar_error_alerts_a_human_and_invents_no_times(tmp_path):
    """Google Calendar unreachable: a polite message, an Alert effect, no slot and no clock time."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens here any more: connection refused
    calendar = {"base_url": f"http://127.0.0.1:{port}", "calendar_id": "dealer@example.com", "timeout_seconds": 2}
    async with runtime(tmp_path, google_calendar=calendar) as rt:
        out = await say(rt, "kan ik een proefrit maken met de golf")
    assert out.offered_slots is None and out.appointment is None and out.handoff is None
    assert "collega" in body(out) and not TIME.search(body(out))
    assert any(isinstance(e, Alert) for e in out.effects)


@pytest.mark.anyio
async def test_opt_out_is_confirmed_once(tmp_path):
    """STOP → confirmation and opted_out; a second STOP stays silent."""
    async with runtime(tmp_path) as rt:
        out = await say(rt, "STOP")
        assert out.opted_out and "afgemeld" in body(out)
        assert (await rt.store.contacts.get(PHONE)).opted_out
        out = await say(rt, "STOP")
    assert out.opted_out and out.replies == ()


@pytest.mark.anyio
@pytest.mark.parametrize("text, reason", [("kan ik iemand spreken", "human"), ("slechte service", "complaint")])
async def test_human_or_complaint_hands_off_then_the_bot_stays_silent(tmp_path, text, reason):
    """The customer is told a colleague takes over; the next message gets no bot reply."""
    async with runtime(tmp_path) as rt:
        out = await say(rt, text)
        assert out.handoff == reason and "collega" in body(out)
        conv = await rt.store.conversations.get(CID)
        assert conv.handoff
        out = await say(rt, "hallo?")
    assert out.replies == ()


@pytest.mark.anyio
async def test_two_misunderstandings_in_a_row_hand_off(tmp_path):
    """One clarifying question first; the second miss goes to a human."""
    async with runtime(tmp_path) as rt:
        out = await say(rt, "asdfgh")
        assert out.handoff is None and "?" in body(out)
        out = await say(rt, "wat vind je van ajax")
    assert out.handoff == "misunderstood" and "collega" in body(out)


@pytest.mark.anyio
async def test_hot_lead_is_handed_off_once(tmp_path):
    """Becoming HOT outside a booking hands off; after the human hands back it does not again."""
    async with runtime(tmp_path) as rt:
        out = await say(rt, "ik zoek zo snel mogelijk een golf tot 25k")
        assert out.lead_status == "HOT" and out.handoff == "hot_lead"
        assert "Golf" in body(out) and "collega" in body(out)
        await rt.store.conversations.set_handoff(CID, False)
        out = await say(rt, "en hebben jullie ook een polo?")
    assert out.handoff is None and out.lead_status == "HOT" and out.replies


@pytest.mark.anyio
async def test_english_conversation_stays_english(tmp_path):
    """An English writer gets English replies, also after a bare "2"."""
    async with runtime(tmp_path) as rt:
        out = await say(rt, "Hello, do you have an automatic under 20k?")
        assert "Here's what I found" in body(out) or "I have" in body(out)
        out = await say(rt, "can I book a test drive")
        assert "Which car" in body(out)
        out = await say(rt, "the golf please")
        assert "When suits you" in body(out)
        out = await say(rt, "2")
    assert "Test drive confirmed" in body(out) and out.language == "en"


@pytest.mark.anyio
async def test_lead_score_counts_each_rule_once_and_is_capped(tmp_path):
    """Every rule once over the conversation, with Dutch reasons; never above 125."""
    messages = ["ik zoek een golf tot 20k", "nog een golf tot 25k", "het moet zo snel mogelijk, deze maand nog",
                "kan ik financieren?", "ik wil mijn astra inruilen", "kan ik een proefrit maken"]
    async with runtime(tmp_path) as rt:
        scores = []
        for number, text in enumerate(messages, start=1):
            out = await rt.brain.respond(turn(text, 100 + number))
            scores.append(out.lead_score)
    assert scores[:2] == [50, 50] and scores == sorted(scores)
    assert out.lead_score == 125 and out.lead_status == "HOT"
    assert {"noemt specifieke auto", "budget genoemd", "wil proefrit", "wil inruilen"} <= set(out.lead_reasons)


@pytest.mark.anyio
async def test_replayed_message_returns_the_stored_output_without_running_the_graph(tmp_path):
    """Same inbound id twice: same TurnOutput (effects too), one graph run, one appointment."""
    async with runtime(tmp_path) as rt:
        await offer_golf(rt)
        runs = rt.brain.runs
        first = await rt.brain.respond(turn("2", 9000))
        again = await rt.brain.respond(turn("2", 9000))
        appointments = await rt.store.appointments.for_conversation(CID)
    assert first == again and isinstance(first.effects[0], Booked)
    assert rt.brain.runs == runs + 1 and len(appointments) == 1


@pytest.mark.anyio
async def test_state_stays_small_over_sixty_turns(tmp_path):
    """One checkpoint row per conversation, and its size does not grow with the conversation."""
    texts = ["ik zoek een automaat onder de 20k", "en in het wit?", "hoe laat zijn jullie open?",
             "waar zitten jullie", "en een diesel?", "top bedankt!"]

    def checkpoint_sizes():
        with sqlite3.connect(tmp_path / "s.db") as db:
            return db.execute("SELECT length(checkpoint) FROM checkpoints WHERE thread_id = ?", (CID,)).fetchall()

    async with runtime(tmp_path) as rt:
        for number in range(10):
            await rt.brain.respond(turn(texts[number % len(texts)], number + 1))
        early = checkpoint_sizes()
        for number in range(10, 60):
            await rt.brain.respond(turn(texts[number % len(texts)], number + 1))
        late = checkpoint_sizes()
    assert len(early) == len(late) == 1
    assert late[0][0] < 8000 and late[0][0] < early[0][0] * 1.25


@pytest.mark.anyio
async def test_restart_keeps_the_pending_offer(tmp_path):
    """Close and reopen the runtime on the same file: "2" still books the offered slot."""
    async with runtime(tmp_path) as rt:
        offered = (await offer_golf(rt)).offered_slots
    async with runtime(tmp_path) as rt:
        out = await say(rt, "2")
    assert out.appointment is not None and out.appointment["start"] == offered[1]["start"]


@pytest.mark.anyio
async def test_trade_in_collects_details_then_hands_off_with_them(tmp_path):
    """The salesperson gets make/model, year and mileage in the handoff reason."""
    async with runtime(tmp_path) as rt:
        out = await say(rt, "ik wil mijn astra inruilen")
        assert out.handoff is None and "bouwjaar" in body(out)
        out = await say(rt, "2015, 120000 km")
    assert out.handoff == "inruil: Astra, bouwjaar 2015, 120.000 km" and "collega" in body(out)


@pytest.mark.anyio
async def test_financing_asks_amount_and_term_then_hands_off(tmp_path):
    """Amount and term end up in the handoff reason."""
    async with runtime(tmp_path) as rt:
        out = await say(rt, "kan ik financieren?")
        assert out.handoff is None and "maanden" in body(out)
        out = await say(rt, "10000 euro over 60 maanden")
    assert out.handoff == "financiering: € 10.000, 60 maanden"


@pytest.mark.anyio
async def test_price_hours_and_location_come_from_stock_and_config(tmp_path):
    """Prices from stock, hours and address from the business config, a maps link built from it."""
    async with runtime(tmp_path, business={"address": "Dorpsstraat 1, 1234 AB Ergens"}) as rt:
        out = await say(rt, "wat kost de polo")
        cars = await shown_cars(rt, out)
        assert cars and all(c.model == "Polo" and f"{c.price_eur:,}".replace(",", ".") in body(out) for c in cars)
        out = await say(rt, "is er nog wat aan de prijs te doen")
        assert out.handoff is None and "verkoper" in body(out)
        out = await say(rt, "tot hoe laat zijn jullie open")
        assert "09:00–18:00" in body(out) and "zondag: gesloten" in body(out)
        out = await say(rt, "waar zitten jullie")
    assert "Dorpsstraat 1, 1234 AB Ergens" in body(out) and "google.com/maps" in body(out)


@pytest.mark.anyio
async def test_concurrent_conversations_share_the_checkpointer_safely(tmp_path):
    """Ten customers at once each get their own answer and keep their own state."""
    results: dict[str, list] = {}

    async def customer(n: int) -> None:
        phone = f"+316200000{n:02d}"
        results[phone] = [await converse(rt, phone, f"Klant{n}", "Hallo"),
                          await converse(rt, phone, f"Klant{n}", "kan ik een proefrit maken met de golf")]

    async with runtime(tmp_path) as rt:
        async with anyio.create_task_group() as tg:
            for n in range(10):
                tg.start_soon(customer, n)
    assert len(results) == 10
    for phone, (hello, offer) in results.items():
        assert f"Klant{phone[-2:].lstrip('0') or '0'}" in body(hello)
        assert len(offer.offered_slots) == 3
    with sqlite3.connect(tmp_path / "s.db") as db:
        assert db.execute("SELECT COUNT(DISTINCT thread_id), COUNT(*) FROM checkpoints").fetchone() == (10, 10)
