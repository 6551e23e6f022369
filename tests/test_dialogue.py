"""The dialogue's behaviour through the whole pipeline: conversation actor, dialogue graph, store, calendar, CRM.

Every test talks to the assistant as a customer would (`daemon.chat.converse`) against the real runtime
(`open_runtime`), real SQLite in a temp dir and a manual clock; Google Calendar and HubSpot are the local
fakes that speak their real APIs. Expected facts are read from the shipped stock and knowledge files, never
from the dialogue's own code.
"""

from __future__ import annotations

import re
import socket
import sqlite3
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import anyio
import pytest

from actors.dialogue.turn import TurnInput
from actors.messages import Alert, Booked, Cancelled, Rescheduled
from daemon.chat import converse
from daemon.config import ConfigError, build
from daemon.runtime import open_runtime
from integrations.clock import ManualClock
from integrations.google_calendar import event_id_for
from integrations.knowledge import default_knowledge_text, load_knowledge
from integrations.messages import InboundMessage
from integrations.phone import conversation_id
from integrations.stock import parse_stock_csv, sample_stock_text
from integrations.store.appointments import Appointment
from tests.conftest import until
from tests.fakes.google_calendar import FakeGoogleCalendar
from tests.fakes.hubspot import FakeHubSpot

PHONE = "+31612345678"
CID = conversation_id("twilio", PHONE)
TUESDAY_9_UTC = datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc)  # Tuesday 10:00 in Amsterdam
TZ = ZoneInfo("Europe/Amsterdam")
CALENDAR = "dealer@example.com"
TIME = re.compile(r"\b\d{1,2}:\d{2}\b")
STOCK = parse_stock_csv(sample_stock_text())  # what the runtime seeds on first start
KNOWLEDGE = load_knowledge()
CAR_FACTS = re.compile(r"\((\d{4}), ([\d.,]+) km, [^,()\n]+, [^,()\n]+\)")
WARNING_NL = "Let op! Geld lenen kost geld."


@pytest.fixture
def anyio_backend():
    return "asyncio"


@asynccontextmanager
async def runtime(path, now: datetime = TUESDAY_9_UTC, **sections):
    config = build({"store": {"path": str(path / "s.db")}, "logging": {"level": "warning"}, **sections})
    async with open_runtime(config, clock=ManualClock(now)) as rt:
        yield rt


async def say(rt, text, name="Jan"):
    return await converse(rt, PHONE, name, text)


def body(out) -> str:
    assert len(out.replies) == 1, out.replies
    return out.replies[0]


def listed(reply: str) -> list:
    """The stock cars written as car lines in a reply, in order (a line for a car not in stock fails)."""
    cars = []
    for m in CAR_FACTS.finditer(reply):
        before = reply[reply.rfind("\n", 0, m.start()) + 1:m.start()].rstrip()
        found = [c for c in STOCK if before == c.title or before.endswith(" " + c.title)]
        assert found, f"a car line for a car not in stock: {before!r}"
        car = max(found, key=lambda c: len(c.title))
        assert (int(m[1]), int(m[2].replace(".", "").replace(",", ""))) == (car.year, car.mileage_km), m[0]
        cars.append(car)
    return cars


def nl(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def local(iso: str) -> datetime:
    return datetime.fromisoformat(iso).astimezone(TZ)


def topic_text(rt, topic: str, lang: str = "nl") -> str:
    business = rt.config.business
    return rt.knowledge.topic(topic).text(lang).format(name=business.name, address=business.address,
                                                       phone=business.phone or "")


def alerts(out) -> list[str]:
    return [e.note for e in out.effects if isinstance(e, Alert)]


def turn(text: str, inbound_id: int) -> TurnInput:
    msg = InboundMessage(provider="twilio", message_id=f"m{inbound_id}", conversation_id=CID, phone=PHONE,
                         body=text, received_at=TUESDAY_9_UTC.isoformat(), profile_name="Jan")
    return TurnInput(CID, inbound_id, msg, "Jan")


async def offer_golf(rt):
    return await say(rt, "kan ik een proefrit maken met de golf")


async def book_yaris_thursday_10(rt):
    out = await say(rt, "kan ik donderdag om 10:00 een proefrit maken met de yaris?")
    assert out.appointment and local(out.appointment["start"]) == datetime(2026, 11, 26, 10, tzinfo=TZ), body(out)
    return out


# -- the seed's booking ------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_seed_booking_in_three_messages_books_slot_two_with_one_calendar_event_and_one_deal(tmp_path):
    """Golf search → "Ik wil graag een proefrit" → "2": offered slot 2 is booked, once in Google and once in HubSpot."""
    clock = ManualClock(TUESDAY_9_UTC)
    with FakeHubSpot() as hubspot, FakeGoogleCalendar() as calendar:
        config = build({"store": {"path": str(tmp_path / "s.db")}, "logging": {"level": "warning"},
                        "hubspot": {"access_token": "pat-eu1-test", "base_url": hubspot.base_url},
                        "google_calendar": {"calendar_id": CALENDAR, "base_url": calendar.base_url}})
        async with open_runtime(config, clock=clock) as rt:
            out = await converse(rt, PHONE, "Jan de Vries", "Hallo, ik zoek een Volkswagen Golf")
            shown = listed(body(out))
            assert shown and all(c.model == "Golf" for c in shown)
            offer = await converse(rt, PHONE, "Jan de Vries", "Ik wil graag een proefrit")
            assert offer.offered_slots and len(offer.offered_slots) == 3 and "Golf" in body(offer)
            booked = await converse(rt, PHONE, "Jan de Vries", "2")
            assert booked.appointment and booked.appointment["start"] == offer.offered_slots[1]["start"]
            assert [type(e) for e in booked.effects] == [Booked]
            assert f"{local(booked.appointment['start']):%H:%M}" in body(booked)
            assert rt.config.business.address in body(booked)

            async def side_effects_done() -> bool:
                appts = await rt.store.appointments.for_conversation(CID)
                return bool(appts and appts[0].hubspot_deal_id and calendar.events(CALENDAR))

            assert await until(side_effects_done, clock, step=1.0)
            await rt.settle(2)
            appts = await rt.store.appointments.for_conversation(CID)
    assert len(appts) == 1 and "Golf" in appts[0].car
    assert len(calendar.requests_to("POST", r"/calendar/v3/calendars/[^/]+/events")) == 1
    assert len(hubspot.requests_to("POST", r"/crm/v3/objects/deals")) == 1
    assert len(calendar.events(CALENDAR)) == 1 and len(hubspot.deals) == 1
    event = next(iter(calendar.events(CALENDAR).values()))
    assert event["id"] == appts[0].calendar_event_id and "Golf" in event["summary"]


# -- a time named against the calendar ---------------------------------------------------------------


def _half_hourly(calendar: FakeGoogleCalendar) -> dict:
    return {"business": {"slot_minutes": 30},
            "google_calendar": {"calendar_id": CALENDAR, "base_url": calendar.base_url}}


@pytest.mark.anyio
async def test_a_busy_time_named_is_explained_honestly_and_the_nearest_free_times_are_offered(tmp_path):
    """Tomorrow 14:30 is taken (half-hour slots): the reply says it is taken — not that the day is full or that
    only whole hours exist — and offers the free times closest to 14:30 (14:00 and 15:00 among them)."""
    with FakeGoogleCalendar() as calendar:
        calendar.extra_busy[CALENDAR] = [(datetime(2026, 11, 25, 14, 30, tzinfo=TZ),
                                          datetime(2026, 11, 25, 15, 0, tzinfo=TZ))]
        async with runtime(tmp_path, **_half_hourly(calendar)) as rt:
            await offer_golf(rt)
            out = await say(rt, "morgen half 3")
    text = body(out).lower()
    assert out.appointment is None and out.offered_slots
    assert "niets meer vrij" not in text and "hele uur" not in text
    assert "bezet" in text
    starts = [local(s["start"]) for s in out.offered_slots]
    target = datetime(2026, 11, 25, 14, 30, tzinfo=TZ)
    assert {"14:00", "15:00"} <= {f"{s:%H:%M}" for s in starts if s.date() == target.date()}, starts
    assert all(abs(s - target) <= timedelta(minutes=60) for s in starts), starts


@pytest.mark.anyio
@pytest.mark.parametrize("daypart, busy_from, busy_to", [("morgenmiddag", 13, 18), ("morgenochtend", 9, 12)])
async def test_a_busy_daypart_never_claims_the_day_is_full_while_offering_that_day(tmp_path, daypart, busy_from,
                                                                                  busy_to):
    """Wednesday afternoon (or morning) is taken: whatever else is said, "nothing free on Wednesday" never sits
    next to a Wednesday time."""
    with FakeGoogleCalendar() as calendar:
        calendar.extra_busy[CALENDAR] = [(datetime(2026, 11, 25, busy_from, tzinfo=TZ),
                                          datetime(2026, 11, 25, busy_to, tzinfo=TZ))]
        async with runtime(tmp_path, google_calendar={"calendar_id": CALENDAR, "base_url": calendar.base_url}) as rt:
            await offer_golf(rt)
            out = await say(rt, daypart)
    assert out.offered_slots
    wednesday = [s for s in out.offered_slots if local(s["start"]).date() == datetime(2026, 11, 25).date()]
    part = daypart.removeprefix("morgen")
    if wednesday:
        # the part asked for may be full; the day is not
        assert "op woensdag heb" not in body(out).lower(), body(out)
        if "niets meer vrij" in body(out):
            assert f"woensdag{part}" in body(out).lower(), body(out)


@pytest.mark.anyio
async def test_a_free_time_named_is_booked_at_once_and_confirmed(tmp_path):
    """Tomorrow 14:30 is free: "morgen half 3" books it without another question and says so."""
    with FakeGoogleCalendar() as calendar:
        async with runtime(tmp_path, **_half_hourly(calendar)) as rt:
            await offer_golf(rt)
            out = await say(rt, "morgen half 3")
    assert out.appointment and local(out.appointment["start"]) == datetime(2026, 11, 25, 14, 30, tzinfo=TZ)
    assert [type(e) for e in out.effects] == [Booked]
    assert "14:30" in body(out) and "25 november" in body(out) and not out.offered_slots


# -- questions about cars -----------------------------------------------------------------------------

MINI = next(c for c in STOCK if c.model == "Cooper")


@pytest.mark.anyio
@pytest.mark.parametrize("question, answer", [
    ("hoeveel km heeft hij gelopen?", f"{nl(MINI.mileage_km)} km"),
    ("welke kleur heeft hij?", MINI.color),
    ("wat is het bouwjaar?", str(MINI.year)),
    ("wat kost hij?", f"€ {nl(MINI.price_eur)}"),
    ("is het een automaat?", "automaat"),
    ("rijdt hij op benzine?", MINI.fuel),
])
async def test_questions_about_the_car_just_shown_are_answered_from_its_record(tmp_path, question, answer):
    """One Mini shown; each question about "hij" is answered with that Mini's own value."""
    async with runtime(tmp_path) as rt:
        shown = await say(rt, "hebben jullie een mini?")
        assert listed(body(shown)) == [MINI]
        out = await say(rt, question)
    assert answer in body(out) and MINI.model in body(out)
    assert out.handoff is None and not out.offered_slots


@pytest.mark.anyio
async def test_a_column_the_stock_feed_has_is_answered_from_it(tmp_path):
    """With power_hp in the stock, "hoeveel pk heeft hij?" gives that car's figure."""
    async with runtime(tmp_path) as rt:
        cars = await rt.store.cars.all()
        await rt.store.cars.replace_all([replace(c, power_hp=136 if c.stock_id == MINI.stock_id else 90)
                                         for c in cars])
        await say(rt, "hebben jullie een mini?")
        out = await say(rt, "hoeveel pk heeft hij?")
    assert "136 pk" in body(out) and "90" not in body(out)


@pytest.mark.anyio
async def test_a_fact_the_stock_lacks_is_never_guessed_and_a_colleague_checks_it_without_a_handoff(tmp_path):
    """No power in the feed: "I don't know, a colleague can check"; yes → staff get a note, the chat goes on."""
    async with runtime(tmp_path) as rt:
        await say(rt, "hebben jullie een mini?")
        out = await say(rt, "hoeveel pk heeft hij?")
        assert "collega" in body(out) and not re.search(r"\d+\s*pk", body(out))
        assert out.handoff is None
        out = await say(rt, "ja graag")
    assert out.handoff is None and "collega" in body(out)
    assert any("Mini" in note for note in alerts(out))


GOLFS = [c for c in STOCK if c.model == "Golf"]


@pytest.mark.anyio
@pytest.mark.parametrize("question, best", [
    ("welke is het goedkoopst?", lambda: [min(GOLFS, key=lambda c: c.price_eur)]),
    ("welke is het nieuwst?", lambda: [c for c in GOLFS if c.year == max(g.year for g in GOLFS)]),
    ("welke heeft de minste km?", lambda: [min(GOLFS, key=lambda c: c.mileage_km)]),
])
async def test_superlatives_rank_every_car_of_the_search_not_only_those_shown(tmp_path, question, best):
    """Five Golfs found, three shown: the newest and the lowest mileage are Golfs that were not shown."""
    async with runtime(tmp_path) as rt:
        first = await say(rt, "ik zoek een golf")
        out = await say(rt, question)
    winners = best()
    named = listed(body(out))
    assert {c.stock_id for c in named} == {c.stock_id for c in winners}, body(out)
    if question != "welke is het goedkoopst?":
        assert not {c.stock_id for c in winners} & {c.stock_id for c in listed(body(first))}


@pytest.mark.anyio
async def test_two_cars_of_a_list_are_compared_side_by_side(tmp_path):
    """ "wat is het verschil tussen de eerste en de tweede?" puts those two next to each other with the difference."""
    async with runtime(tmp_path) as rt:
        first = listed(body(await say(rt, "ik zoek een stationwagen automaat max 25000")))
        out = await say(rt, "wat is het verschil tussen de eerste en de tweede?")
    assert listed(body(out)) == first[:2]
    assert first[0].fuel != first[1].fuel and first[0].fuel in body(out) and first[1].fuel in body(out)
    assert not out.offered_slots and out.handoff is None


# -- the dealer's knowledge ----------------------------------------------------------------------------


@pytest.mark.anyio
@pytest.mark.parametrize("question, topic, lang", [
    ("hebben jullie garantie op jullie occasions?", "warranty", "nl"),
    ("zijn jullie BOVAG-lid?", "bovag", "nl"),
    ("krijg ik er een nieuwe APK bij?", "apk", "nl"),
    ("hoe zit het met de APK?", "apk", "nl"),
    ("kan ik bij jullie parkeren?", "parking", "nl"),
    ("kan ik met het OV komen?", "public_transport", "nl"),
    ("bezorgen jullie de auto ook thuis?", "delivery", "nl"),
    ("hoe lang duurt het opladen van een elektrische auto?", "ev_charging", "nl"),
    ("hoe snel laadt een elektrische auto?", "ev_charging", "nl"),
    ("hoe laad ik een elektrische auto op?", "ev_charging", "nl"),
    ("do you offer a warranty?", "warranty", "en"),
])
async def test_dealer_questions_are_answered_from_the_knowledge_file(tmp_path, question, topic, lang):
    """The answer is the knowledge file's own text for the topic; a general question is not asked back about a car."""
    async with runtime(tmp_path) as rt:
        out = await say(rt, question)
        expected = topic_text(rt, topic, lang)
    assert expected in body(out)
    assert "welke auto" not in body(out).lower() and "which car" not in body(out).lower()
    assert out.handoff is None


@pytest.mark.anyio
@pytest.mark.parametrize("question", [
    "kan ik financieren?",
    "wat is het maandbedrag?",
    "moet ik iets aanbetalen als ik financier?",
    "kan ik de golf financieren met 3000 aanbetaling over 48 maanden?",
])
async def test_every_financing_answer_carries_the_legal_warning(tmp_path, question):
    """Whatever the financing question, the reply has the line "Let op! Geld lenen kost geld."."""
    async with runtime(tmp_path) as rt:
        out = await say(rt, question)
    assert WARNING_NL in body(out).splitlines(), body(out)


@pytest.mark.anyio
async def test_financing_a_car_gives_the_monthly_amount_from_the_knowledge_figures(tmp_path):
    """The example for the Polo of € 20.950 is the annuity at the file's JKP and term, with the warning; in English
    the warning is there too."""
    terms = KNOWLEDGE.financing
    polo = next(c for c in STOCK if c.model == "Polo" and c.price_eur == 20950)
    rate = (1 + terms.apr_percent / 100) ** (1 / 12) - 1
    expected = polo.price_eur * rate / (1 - (1 + rate) ** -terms.months)
    async with runtime(tmp_path) as rt:
        await say(rt, "ik zoek een polo")
        await say(rt, "die van 20.950")
        out = await say(rt, "kan ik hem financieren?")
        english = await converse(rt, "+31687654321", "Ann", "Can I pay in monthly instalments?")
    amount = re.search(r"€ ([\d.]+) per maand", body(out))
    assert amount and abs(int(amount[1].replace(".", "")) - expected) <= 1, body(out)
    assert f"{terms.months} maanden" in body(out) and WARNING_NL in body(out).splitlines()
    assert "Geld lenen kost geld" in body(english) and english.language == "en"


@pytest.mark.anyio
async def test_asking_about_paying_in_instalments_is_no_decision_to_buy(tmp_path):
    """ "kan ik op afbetaling kopen?" asks about financing; it is not "great that you want to buy" nor a HOT lead."""
    async with runtime(tmp_path) as rt:
        out = await say(rt, "kan ik op afbetaling kopen?")
    assert "wilt kopen" not in body(out) and out.lead_status != "HOT"
    assert WARNING_NL in body(out).splitlines()


@pytest.mark.anyio
async def test_a_replaced_knowledge_file_changes_the_answer(tmp_path):
    """`[business] knowledge_file` pointing at the dealer's own file: its warranty text is what the customer reads."""
    shipped = KNOWLEDGE.topic("warranty").nl
    mine = "Bij ons krijg je 24 maanden huisgarantie op elke occasion, zonder eigen risico."
    path = tmp_path / "kennis.toml"
    path.write_text(default_knowledge_text().replace(shipped, mine), encoding="utf-8")
    async with runtime(tmp_path, business={"knowledge_file": str(path)}) as rt:
        out = await say(rt, "hebben jullie garantie op jullie occasions?")
    assert mine in body(out) and shipped not in body(out)


@pytest.mark.parametrize("broken, names", [
    ('[[topic]]\nid = "warranty"\nwords = ["garantie"]\nen = "A warranty."\n', "warranty"),
    ('[[topic]]\nid = "warranty"\nwords = "garantie"\nnl = "Garantie."\nen = "Warranty."\n', "words"),
    ('[[holiday]]\ndate = "13-45"\nnl = "x"\nen = "x"\nwords = ["x"]\n', "date"),
    ('[faq]\nq = "x"\n', "faq"),
])
def test_an_invalid_knowledge_file_is_a_config_error_naming_the_key(tmp_path, broken, names):
    """A broken knowledge file is refused like any bad config: a ConfigError on business.knowledge_file naming it."""
    path = tmp_path / "kennis.toml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        build({"store": {"path": str(tmp_path / "s.db")}, "business": {"knowledge_file": str(path)}})
    assert info.value.key == "business.knowledge_file" and names in str(info.value)


# -- several things at once ---------------------------------------------------------------------------


@pytest.mark.anyio
async def test_several_questions_in_one_message_get_one_reply_answering_each_in_order(tmp_path):
    """Price, km and parking in one message: one reply, the answers in the order asked; two dealer questions too."""
    async with runtime(tmp_path) as rt:
        first = listed(body(await say(rt, "ik zoek een golf")))[0]
        out = await say(rt, "wat kost de eerste? en hoeveel km heeft hij? en kan ik bij jullie parkeren?")
        text = body(out)
        places = [text.find(f"€ {nl(first.price_eur)}"), text.find(f"{nl(first.mileage_km)} km"),
                  text.find(topic_text(rt, "parking"))]
        two = await converse(rt, "+31687654321", "Piet", "Zijn jullie BOVAG-lid? En hoeveel garantie krijg ik?")
        bovag, warranty = body(two).find(topic_text(rt, "bovag")), body(two).find(topic_text(rt, "warranty"))
    assert -1 not in places and places == sorted(places), text
    assert -1 < bovag < warranty


# -- booking as a conversation ------------------------------------------------------------------------


@pytest.mark.anyio
@pytest.mark.parametrize("yes", ["ja graag", "👍"])
async def test_yes_to_the_test_drive_invitation_offers_times_for_that_car(tmp_path, yes):
    """One Mini shown with "wil je een proefrit maken?": a yes gets times for the Mini, nothing booked yet."""
    async with runtime(tmp_path) as rt:
        await say(rt, "hebben jullie een mini?")
        out = await say(rt, yes)
    assert out.offered_slots and "Mini" in body(out) and out.appointment is None


@pytest.mark.anyio
@pytest.mark.parametrize("yes", ["ja graag", "👍"])
async def test_yes_to_a_single_proposed_time_books_it(tmp_path, yes):
    """One time proposed: a yes books exactly that time."""
    async with runtime(tmp_path, business={"slots_offered": 1}) as rt:
        offer = await say(rt, "proefrit met de yaris")
        assert len(offer.offered_slots) == 1
        out = await say(rt, yes)
    assert out.appointment and out.appointment["start"] == offer.offered_slots[0]["start"]
    assert [type(e) for e in out.effects] == [Booked]


@pytest.mark.anyio
async def test_yes_to_several_offered_times_asks_which_and_books_nothing(tmp_path):
    """Three times offered and a bare "ja": the customer is asked which one, the times stay on offer."""
    async with runtime(tmp_path) as rt:
        offer = await offer_golf(rt)
        out = await say(rt, "ja")
        assert out.appointment is None and not out.effects
        assert all(s["label"] in body(out) for s in offer.offered_slots)
        out = await say(rt, "2")
    assert out.appointment["start"] == offer.offered_slots[1]["start"]


@pytest.mark.anyio
async def test_a_free_time_named_with_the_request_is_booked_at_once(tmp_path):
    """ "kan ik donderdag om 10:00 een proefrit maken met de yaris?" books Thursday 10:00 and confirms it."""
    async with runtime(tmp_path) as rt:
        out = await book_yaris_thursday_10(rt)
        appts = await rt.store.appointments.for_conversation(CID)
    assert [type(e) for e in out.effects] == [Booked] and "donderdag 26 november om 10:00" in body(out)
    assert len(appts) == 1 and "Yaris" in appts[0].car and appts[0].calendar_event_id == event_id_for(appts[0].id)


@pytest.mark.anyio
async def test_moves_relative_to_the_appointment_move_it_instead_of_cancelling(tmp_path):
    """A day later, an hour earlier, next week same time: each moves the same booked drive and confirms the new time."""
    async with runtime(tmp_path) as rt:
        booked = await book_yaris_thursday_10(rt)
        appt_id = booked.effects[0].appointment_id
        for text, expected in [("kan het een dag later?", datetime(2026, 11, 27, 10, tzinfo=TZ)),
                               ("een uurtje eerder", datetime(2026, 11, 27, 9, tzinfo=TZ)),
                               ("volgende week zelfde tijd", datetime(2026, 12, 4, 9, tzinfo=TZ))]:
            out = await say(rt, text)
            assert out.effects == (Rescheduled(appt_id),), (text, body(out))
            stored = await rt.store.appointments.get(appt_id)
            assert stored.status == "booked" and local(stored.start) == expected, text
            assert f"{expected:%H:%M}" in body(out)
        appts = await rt.store.appointments.for_conversation(CID)
    assert [a.status for a in appts] == ["booked"]


@pytest.mark.anyio
@pytest.mark.parametrize("question", ["wanneer was mijn afspraak ook alweer?", "hoe laat moest ik komen?"])
async def test_asking_when_the_drive_is_recalls_day_time_car_and_address(tmp_path, question):
    async with runtime(tmp_path) as rt:
        await book_yaris_thursday_10(rt)
        out = await say(rt, question)
    text = body(out)
    assert "donderdag 26 november om 10:00" in text and "Yaris" in text and rt.config.business.address in text
    assert not out.effects and not out.offered_slots


@pytest.mark.anyio
@pytest.mark.parametrize("text", ["annuleer mijn afspraak maar", "ik kan toch niet komen", "toch niet"])
async def test_cancelling_right_after_booking_cancels_the_drive(tmp_path, text):
    """Said right after the confirmation, each of these cancels the booked drive and says so."""
    async with runtime(tmp_path) as rt:
        booked = await book_yaris_thursday_10(rt)
        appt_id = booked.effects[0].appointment_id
        out = await say(rt, text)
        stored = await rt.store.appointments.get(appt_id)
    assert out.effects == (Cancelled(appt_id),) and stored.status == "cancelled", body(out)
    assert out.appointment is None and "geannuleerd" in body(out)


@pytest.mark.anyio
async def test_no_new_offers_after_a_confirmation(tmp_path):
    """With the drive booked, questions and thanks get answers, not a new invitation or new times."""
    async with runtime(tmp_path) as rt:
        await book_yaris_thursday_10(rt)
        outs = [await say(rt, text) for text in ("hoeveel km heeft hij?", "hebben jullie ook een corolla?",
                                                 "bedankt!")]
    for out in outs:
        assert not out.offered_slots and out.appointment, body(out)
        assert "proefrit maken?" not in body(out) and "wil je die verzetten" not in body(out).lower(), body(out)


@pytest.mark.anyio
async def test_naming_another_car_while_times_are_offered_books_that_car(tmp_path):
    """Times proposed for the best automatic; "de golf graag" puts the times on a Golf, and "2" books the Golf."""
    async with runtime(tmp_path) as rt:
        await say(rt, "ik zoek een automaat onder de 20k")
        proposed = await say(rt, "ik wil een proefrit")
        assert proposed.offered_slots and "Golf" not in body(proposed)
        out = await say(rt, "de golf graag")
        assert out.offered_slots and "Golf" in body(out), body(out)
        out = await say(rt, "2")
    assert out.appointment and "Golf" in out.appointment["car"], body(out)


@pytest.mark.anyio
async def test_the_car_named_after_which_car_gets_times_not_a_new_invitation(tmp_path):
    """ "kan ik een proefrit maken" → which car? → "de golf": times for a Golf, within opening hours, not lunch,
    not Sunday, with two hours' notice; "2" books the second."""
    async with runtime(tmp_path) as rt:
        out = await say(rt, "kan ik een proefrit maken")
        assert "welke auto" in body(out).lower() and out.offered_slots is None
        out = await say(rt, "de golf")
        slots = out.offered_slots
        assert slots and len(slots) == 3 and "Golf" in body(out), body(out)
        for slot in slots:
            start = local(slot["start"])
            assert slot["label"] in body(out)
            assert start.weekday() != 6 and 9 <= start.hour < 18 and start.hour != 12
            assert start - TUESDAY_9_UTC >= timedelta(hours=2)
        out = await say(rt, "2")
    assert out.appointment["start"] == slots[1]["start"] and "Golf" in out.appointment["car"]


@pytest.mark.anyio
@pytest.mark.parametrize("answer, expected", [("de tweede", 1), ("optie 3", 2), ("morgen 14:00", None)])
async def test_slot_answers_in_words_and_by_day_and_time_book(tmp_path, answer, expected):
    """ "de tweede", "optie 3" pick by position; "morgen 14:00" books that free time even if not offered."""
    async with runtime(tmp_path) as rt:
        offered = (await offer_golf(rt)).offered_slots
        out = await say(rt, answer)
    assert out.appointment is not None, body(out)
    if expected is None:
        assert local(out.appointment["start"]) == datetime(2026, 11, 25, 14, tzinfo=TZ)
    else:
        assert out.appointment["start"] == offered[expected]["start"]


@pytest.mark.anyio
async def test_slot_taken_between_offer_and_answer_is_not_double_booked_and_new_times_are_offered(tmp_path):
    """Someone else books slot 2 in the meantime: nothing booked for this customer, new times without it."""
    async with runtime(tmp_path) as rt:
        offered = (await offer_golf(rt)).offered_slots
        taken = offered[1]
        await rt.store.appointments.book(Appointment("other", "twilio:+31600000000", "+31600000000", None, "x",
                                                     taken["start"], taken["end"], "booked", None, None))
        out = await say(rt, "2")
        mine = await rt.store.appointments.for_conversation(CID)
    assert not mine and out.appointment is None and "geboekt" in body(out)
    assert out.offered_slots and taken["start"] not in [s["start"] for s in out.offered_slots]


@pytest.mark.anyio
async def test_other_times_then_moving_the_drive_keeps_one_appointment(tmp_path):
    """ "geen van deze" → later times; booked; "kan het verzet worden" → times; "3" moves that same appointment."""
    async with runtime(tmp_path) as rt:
        first = (await offer_golf(rt)).offered_slots
        out = await say(rt, "geen van deze")
        assert min(s["start"] for s in out.offered_slots) > first[-1]["start"]
        out = await say(rt, "1")
        appt_id = out.effects[0].appointment_id
        out = await say(rt, "kan het verzet worden naar een andere dag")
        assert out.offered_slots and out.appointment is not None
        out = await say(rt, "3")
        moved = await rt.store.appointments.get(appt_id)
        appts = await rt.store.appointments.for_conversation(CID)
    assert out.effects == (Rescheduled(appt_id),) and "verzet" in body(out)
    assert moved.start == out.appointment["start"] and moved.status == "booked" and len(appts) == 1


@pytest.mark.anyio
async def test_cancelling_an_offer_books_nothing(tmp_path):
    """ "annuleren" with only times on offer: nothing to cancel in the calendar, no new times."""
    async with runtime(tmp_path) as rt:
        await offer_golf(rt)
        out = await say(rt, "annuleren")
    assert out.effects == () and out.offered_slots is None and "niets" in body(out)


# -- honest stock and price talk ------------------------------------------------------------------------


@pytest.mark.anyio
@pytest.mark.parametrize("question, wanted", [
    ("hebben jullie een T-Roc?", "T-Roc"),
    ("ik zoek een volkswagen t-roc automaat", "T-Roc"),
    ("hebben jullie een ford focus?", "Focus"),
])
async def test_a_model_not_in_stock_is_named_as_such_and_alternatives_are_labelled(tmp_path, question, wanted):
    """The model asked for is said to be not in stock; cars shown instead are introduced as alternatives."""
    async with runtime(tmp_path) as rt:
        out = await say(rt, question)
    text = body(out)
    assert wanted.lower() in text.lower() and "niet op voorraad" in text, text
    cars = listed(text)
    assert all(wanted.lower() not in c.title.lower() for c in cars)
    if cars:
        assert "alternatieven" in text[:text.find(cars[0].title)]


@pytest.mark.anyio
@pytest.mark.parametrize("setup, bid, model, price, amount", [
    (["ik zoek een golf", "de eerste"], "ik bied 12.500", "Golf", 13950, "12.500"),
    (["ik zoek een golf", "de eerste"], "ik geef 12.000 voor de golf", "Golf", 13950, "12.000"),
    (["ik zoek een polo", "die van 20.950"], "18.000 contant en we hebben een deal", "Polo", 20950, "18.000"),
])
async def test_a_bid_on_the_car_in_focus_is_a_negotiation_and_makes_the_lead_hot(tmp_path, setup, bid, model, price,
                                                                                 amount):
    """An amount offered for the car being looked at is a bid on that car: passed to sales, never a budget search,
    never a test drive offer, and the lead is HOT."""
    car = next(c for c in STOCK if c.model == model and c.price_eur == price)
    async with runtime(tmp_path) as rt:
        for text in setup:
            await say(rt, text)
        out = await say(rt, bid)
    text = body(out)
    assert car.title in text and amount in text, text
    assert not listed(text) and not out.offered_slots and "tot " + amount not in text
    assert out.lead_status == "HOT" and out.handoff is None
    assert any(amount in note and car.stock_id in note for note in alerts(out))


@pytest.mark.anyio
async def test_a_bid_without_a_car_in_focus_is_no_budget_search(tmp_path):
    """ "ik geef 12.000 voor de golf" as the first message: a bid (which Golf?), not a list of cars up to 12.000."""
    async with runtime(tmp_path) as rt:
        out = await say(rt, "ik geef 12.000 voor de golf")
    assert not listed(body(out)) and "12.000" in body(out) and not out.offered_slots


@pytest.mark.anyio
async def test_haggling_gets_the_dealers_price_policy_and_no_invented_discount(tmp_path):
    """ "is er nog wat aan de prijs te doen": the asking price and the knowledge file's policy; no other amount."""
    async with runtime(tmp_path) as rt:
        await say(rt, "hebben jullie een mini?")
        out = await say(rt, "is er nog wat aan de prijs te doen")
        policy = topic_text(rt, "negotiation")
    assert policy in body(out) and out.handoff is None
    assert re.findall(r"€ ([\d.]+)", body(out)) == [nl(MINI.price_eur)]


# -- trade-in -------------------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_a_trade_in_is_collected_apart_from_the_wanted_car(tmp_path):
    """Own Astra in, Golf wanted: Golfs are shown, the Astra's year and km are asked and passed to staff."""
    async with runtime(tmp_path) as rt:
        out = await say(rt, "ik wil mijn opel astra inruilen, ik zoek een golf")
        assert "bouwjaar" in body(out) and "kilometerstand" in body(out)
        cars = listed(body(out))
        assert cars and all(c.model == "Golf" for c in cars)
        out = await say(rt, "2015, 120000 km")
    assert out.handoff is None and not listed(body(out))
    assert any("Astra" in note and "2015" in note and "120.000" in note for note in alerts(out))


@pytest.mark.anyio
@pytest.mark.parametrize("messages", [
    ["ik wil mijn volkswagen inruilen voor een automaat"],
    ["ik wil mijn golf inruilen", "2016, 98000 km", "ik zoek een automaat tot 20k"],
])
async def test_the_own_car_never_becomes_the_search(tmp_path, messages):
    """The make or model of the car traded in does not narrow the search for the next one."""
    async with runtime(tmp_path) as rt:
        for text in messages:
            out = await say(rt, text)
    cars = listed(body(out))
    assert cars and all(c.transmission == "automaat" for c in cars)
    assert not all(c.make == "Volkswagen" for c in cars)


# -- a person, when there is a reason -----------------------------------------------------------------------


@pytest.mark.anyio
@pytest.mark.parametrize("text, reason", [
    ("kan ik iemand spreken", "human"),
    ("slechte service", "complaint"),
    ("ik wil een klacht indienen", "complaint"),
    ("de auto die ik vorige week kocht maakt een raar geluid", "complaint"),
])
async def test_asking_for_a_person_or_complaining_hands_off_and_then_the_bot_stays_silent(tmp_path, text, reason):
    """The customer is told a colleague takes over; the next message gets no bot reply."""
    async with runtime(tmp_path) as rt:
        out = await say(rt, text)
        assert out.handoff == reason and "collega" in body(out), body(out)
        assert (await rt.store.conversations.get(CID)).handoff
        out = await say(rt, "hallo?")
    assert out.replies == ()


@pytest.mark.anyio
async def test_misread_messages_are_asked_back_and_never_handed_off(tmp_path):
    """Three messages in a row that cannot be read: each gets a question back, none goes to a person."""
    async with runtime(tmp_path) as rt:
        outs = [await say(rt, text) for text in ("asdfgh", "wat vind je van ajax", "qwerty")]
    for out in outs:
        assert out.handoff is None and "?" in body(out)


@pytest.mark.anyio
@pytest.mark.parametrize("now, expected", [
    (datetime(2026, 11, 24, 10, tzinfo=TZ), "zo snel mogelijk"),
    (datetime(2026, 11, 24, 21, tzinfo=TZ), "morgen vanaf 09:00"),
    (datetime(2026, 11, 28, 19, tzinfo=TZ), "maandag 30 november vanaf 09:00"),
    (datetime(2026, 12, 24, 16, 30, tzinfo=TZ), "maandag 28 december vanaf 09:00"),
])
async def test_outside_opening_hours_the_handoff_says_when_a_person_answers(tmp_path, now, expected):
    """Open: as soon as possible. Closed (evening, Sunday, Christmas): the next opening from the hours and holidays."""
    async with runtime(tmp_path, now=now) as rt:
        out = await say(rt, "kan ik iemand spreken?")
    assert out.handoff == "human" and expected in body(out), body(out)


@pytest.mark.anyio
@pytest.mark.parametrize("policy", ["notify", "handoff"])
async def test_a_hot_lead_notifies_sales_or_hands_off_as_the_policy_says(tmp_path, policy):
    """Urgency, a named car and a budget make a HOT lead: a note to sales (notify) or a handoff (handoff)."""
    async with runtime(tmp_path, business={"policy": {"hot_lead": policy}}) as rt:
        out = await say(rt, "ik zoek zo snel mogelijk een golf tot 25k")
    assert out.lead_status == "HOT" and "Golf" in body(out)
    if policy == "handoff":
        assert out.handoff == "hot_lead"
    else:
        assert out.handoff is None and any("HOT" in note for note in alerts(out))


@pytest.mark.anyio
@pytest.mark.parametrize("policy", ["handoff", "notify"])
async def test_a_financing_application_goes_to_a_person_as_the_policy_says(tmp_path, policy):
    """ "ik wil graag een financiering aanvragen": a colleague follows up, by handoff or by a note to staff."""
    async with runtime(tmp_path, business={"policy": {"financing_application": policy}}) as rt:
        await say(rt, "ik zoek een polo")
        await say(rt, "die van 20.950")
        out = await say(rt, "ik wil graag een financiering aanvragen")
    assert "collega" in body(out) and WARNING_NL in body(out).splitlines()
    if policy == "handoff":
        assert out.handoff == "financing_application"
    else:
        assert out.handoff is None and alerts(out)


# -- opting out -----------------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_stop_unsubscribes_and_is_confirmed_once(tmp_path):
    """STOP → confirmation and opted out in the store; a second STOP does not get the same confirmation again."""
    async with runtime(tmp_path) as rt:
        first = await say(rt, "STOP")
        assert first.opted_out and "afgemeld" in body(first)
        assert (await rt.store.contacts.get(PHONE)).opted_out
        again = await say(rt, "STOP")
    assert again.opted_out and again.replies != first.replies


@pytest.mark.anyio
@pytest.mark.parametrize("text, answered", [
    ("stop, ik bedoelde een Polo", "Volkswagen Polo"),
    ("kan ik die auto in België inschrijven?", "DIV"),
    ("kan ik me inschrijven voor de nieuwsbrief?", "nieuwsbrief"),
])
async def test_opt_out_look_alikes_do_not_unsubscribe_and_are_answered(tmp_path, text, answered):
    """A correction, registering a car abroad and a newsletter question are not a request to stop messages."""
    async with runtime(tmp_path) as rt:
        await say(rt, "ik zoek een golf")
        out = await say(rt, text)
        contact = await rt.store.contacts.get(PHONE)
    assert not out.opted_out and not (contact and contact.opted_out)
    assert answered in body(out), body(out)


@pytest.mark.anyio
async def test_after_stop_a_real_question_is_answered_and_thanks_does_not_resubscribe(tmp_path):
    async with runtime(tmp_path) as rt:
        await say(rt, "STOP")
        out = await say(rt, "hebben jullie een golf?")
        assert listed(body(out)) and out.opted_out
        out = await say(rt, "dank je")
        contact = await rt.store.contacts.get(PHONE)
    assert out.opted_out and contact.opted_out


# -- English ---------------------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_an_english_customer_gets_english_throughout(tmp_path):
    """Search, test drive, a bare "2", recall, parking and thanks: every reply in English."""
    dutch = re.compile(r"\b(?:je|jij|proefrit|genoteerd|welke|bedankt|graag|momenten|voorraad)\b", re.I)
    async with runtime(tmp_path) as rt:
        outs = [await say(rt, text) for text in (
            "Hello, do you have an automatic under 20k?", "can I test drive the cheapest one?", "2",
            "when was my appointment again?", "do you have parking?", "thanks!")]
    assert outs[2].appointment and "Booked" in body(outs[2])
    for out in outs:
        assert out.language == "en" and not dutch.search(body(out)), body(out)


# -- the rest of the contract ----------------------------------------------------------------------------


@pytest.mark.anyio
async def test_greeting_uses_the_whatsapp_profile_name(tmp_path):
    """A hello is answered with the customer's first name and the dealer's name."""
    async with runtime(tmp_path) as rt:
        out = await converse(rt, PHONE, "Jan de Vries", "Hallo")
    assert out.intent == "greeting"
    assert body(out).startswith("Hoi Jan!") and "Seldenrijk Auto" in body(out)


@pytest.mark.anyio
async def test_search_shows_at_most_three_matching_cars_and_a_follow_up_refines_it(tmp_path):
    """Automatics under 20k from stock; "en in het wit?" keeps those wishes and adds the colour."""
    async with runtime(tmp_path) as rt:
        out = await say(rt, "ik zoek een automaat onder de 20k")
        cars = listed(body(out))
        assert out.intent == "car_search" and 1 <= len(cars) <= 3
        assert all(c.transmission == "automaat" and c.price_eur <= 20000 for c in cars)
        assert "proefrit" in body(out)
        out = await say(rt, "en in het wit?")
        cars = listed(body(out))
    assert cars and all(c.transmission == "automaat" and c.price_eur <= 20000 and c.color == "wit" for c in cars)


@pytest.mark.anyio
async def test_search_is_honest_when_nothing_fits_exactly_or_at_all(tmp_path):
    """Relaxed wishes are named; a make we do not have at that price gets no invented car; no wishes → ask."""
    async with runtime(tmp_path) as rt:
        out = await say(rt, "ik zoek een elektrische automaat onder de 10k")
        assert "Precies zo heb ik er nu geen" in body(out) and listed(body(out))
        out = await converse(rt, "+31687654321", "Piet", "hebben jullie een tesla onder de 5000 euro?")
        assert "niets" in body(out) and not listed(body(out))
        out = await converse(rt, "+31611111111", "Kees", "ik zoek een auto")
    assert "budget" in body(out) and not listed(body(out))


@pytest.mark.anyio
async def test_hours_and_location_come_from_the_config(tmp_path):
    """Hours and address from `[business]`, with a maps link built from the address."""
    async with runtime(tmp_path, business={"address": "Dorpsstraat 1, 1234 AB Ergens"}) as rt:
        out = await say(rt, "tot hoe laat zijn jullie open")
        assert "09:00–18:00" in body(out) and "zondag: gesloten" in body(out)
        out = await say(rt, "waar zitten jullie")
    assert "Dorpsstraat 1, 1234 AB Ergens" in body(out) and "google.com/maps" in body(out)


@pytest.mark.anyio
async def test_calendar_error_alerts_a_human_and_invents_no_times(tmp_path):
    """Google Calendar unreachable: a polite message, an Alert effect, no slot and no clock time."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens here any more: connection refused
    calendar = {"base_url": f"http://127.0.0.1:{port}", "calendar_id": CALENDAR, "timeout_seconds": 2}
    async with runtime(tmp_path, google_calendar=calendar) as rt:
        out = await say(rt, "kan ik een proefrit maken met de golf")
    assert out.offered_slots is None and out.appointment is None and out.handoff is None
    assert "collega" in body(out) and not TIME.search(body(out))
    assert alerts(out)


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
        assert f"Klant{int(phone[-2:])}" in body(hello)
        assert len(offer.offered_slots) == 3
    with sqlite3.connect(tmp_path / "s.db") as db:
        assert db.execute("SELECT COUNT(DISTINCT thread_id), COUNT(*) FROM checkpoints").fetchone() == (10, 10)
