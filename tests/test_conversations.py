"""Realistic WhatsApp conversations through the whole pipeline, checked for behaviour and for facts.

Each script is a list of customer messages with what must hold for the reply to each one:
the intent, key phrases, whether slots were offered or an appointment exists, a handoff.
Every reply of every script is also checked against the facts it may state: each car line
is a real stock car with its real year, mileage and price; each euro amount is a stock price;
each clock time is an opening or lunch boundary, an offered or booked slot, or a time the
customer wrote. One reply per message, at most two emoji besides the numbered keycaps, and
never the same reply twice in a row.
"""

from __future__ import annotations

import re
import uuid
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import anyio
import pytest

from actors.dialogue.language.normalize import normalize
from actors.dialogue.language.when import read_when
from actors.messages import Alert, Booked, Rescheduled
from daemon.chat import converse
from daemon.config import build
from daemon.runtime import open_runtime
from integrations.clock import ManualClock
from integrations.messages import InboundMessage, Location, Media
from integrations.phone import conversation_id

PHONE = "+31612345678"
TUESDAY_9_UTC = datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc)  # 10:00 in Amsterdam
TZ = ZoneInfo("Europe/Amsterdam")
# A car as the replies write it: "Volkswagen Polo 1.0 TSI Life (2023, 18.400 km, benzine, handgeschakeld) – € 20.950",
# as a numbered or bulleted list line or inside a sentence; the title is whatever stock title ends the text before it.
CAR_LINE = re.compile(r"\((?P<year>\d{4}), (?P<km>[\d.,]+) km, (?P<fuel>[^,()\n]+), (?P<gear>[^,()\n]+)\)"
                      r"(?: – € (?P<price>[\d.,]+))?")
FUELS = {"benzine": {"benzine", "petrol"}, "diesel": {"diesel"}, "elektrisch": {"elektrisch", "electric"},
         "hybride": {"hybride", "hybrid"}, "lpg": {"lpg", "LPG"}}
MENTION = re.compile(r"\b(?:de|the) ((?:[A-Z][\w.-]*|\d[\w.-]*)(?: [\w.!-]+)+?)(?=[!.,?:]|\s*\n|$)")
GEARS = {"automaat": {"automaat", "automatic"}, "handgeschakeld": {"handgeschakeld", "manual"}}
EURO = re.compile(r"€\s?(\d{1,3}(?:[.,]\d{3})+|\d+)")
CLOCK = re.compile(r"\b(\d{1,2}):(\d{2})\b")
KEYCAP = re.compile(r"[0-9#*]\ufe0f?\u20e3")
EMOJI = re.compile(r"[\U0001F300-\U0001FAFF\u2600-\u27BF\u2B50\u2705]")


@pytest.fixture
def anyio_backend():
    return "asyncio"


@asynccontextmanager
async def runtime(path, now: datetime = TUESDAY_9_UTC, **sections):
    config = build({"store": {"path": str(path / "s.db")}, **sections})
    async with open_runtime(config, clock=ManualClock(now)) as rt:
        yield rt


async def deliver(rt, msg: InboundMessage):
    """An inbound message of any kind through the inbox and the conversation actor, like a webhook's."""
    send, receive = anyio.create_memory_object_stream(1)
    added = await rt.store.inbox.add(msg)
    rt.on_turn(added.id, send.send_nowait)
    rt.deliver(msg.conversation_id, msg.phone, added.id)
    with receive, send:
        with anyio.fail_after(60):
            return await receive.receive()


def attachment(rt, kind: str = "", location: bool = False, phone: str = PHONE) -> InboundMessage:
    media = (Media(url="https://example.invalid/m", content_type=kind),) if kind else ()
    return InboundMessage(provider="twilio", message_id=f"m-{uuid.uuid4().hex}",
                          conversation_id=conversation_id("twilio", phone), phone=phone, body="",
                          received_at=rt.clock.iso(), profile_name="Jan", wa_id=phone[1:], media=media,
                          location=Location(52.08, 5.62) if location else None,
                          message_type="image" if kind else "location" if location else "text")


@dataclass
class Expect:
    """What must hold for the reply to one customer message."""

    intent: str | None = None
    says: tuple[str, ...] = ()        # each (case-insensitive) in the reply
    says_any: tuple[str, ...] = ()    # at least one of these in the reply
    not_says: tuple[str, ...] = ()
    slots: bool | None = None         # offered_slots present
    appt: bool | None = None          # an appointment exists after this turn
    handoff: str | None | bool = False  # False: no handoff; True: any; a string: that reason
    silent: bool = False
    lang: str | None = None
    cars: int | None = None           # number of car lines in the reply
    effect: type | None = None        # an effect of this class was produced
    weekday: int | None = None        # every offered slot falls on this weekday (0 = Monday)
    drive: bool | None = None         # times offered or a drive booked in this turn


@dataclass
class Convo:
    name: str
    turns: list[tuple[Any, Expect]]
    now: datetime = TUESDAY_9_UTC
    name_of_customer: str = "Jan"
    extra: dict = field(default_factory=dict)


def E(**kw) -> Expect:  # noqa: N802 - reads like a table in the scripts below
    for key in ("says", "says_any", "not_says"):
        if isinstance(kw.get(key), str):
            kw[key] = (kw[key],)
    return Expect(**kw)


class Facts:
    """What a reply may state: stock, config and the slots this conversation has been offered."""

    def __init__(self, cars, business):
        self.cars = {c.title: c for c in cars}
        self.prices = {c.price_eur for c in cars}
        self.years = {c.year for c in cars}
        self.times = {"09:00", "18:00", "12:00", "13:00"}
        for spec in (business.lunch,):
            self.times.update(spec.split("-"))

    def learn(self, out, text: str) -> None:
        for slot in out.offered_slots or ():
            self.times.add(f"{datetime.fromisoformat(slot['start']).astimezone(TZ):%H:%M}")
        if out.appointment:
            self.times.add(f"{datetime.fromisoformat(out.appointment['start']).astimezone(TZ):%H:%M}")
        for h, m in CLOCK.findall(text):
            self.times.add(f"{int(h):02d}:{m}")
        for h, m in read_when(normalize(text), TUESDAY_9_UTC.date()).times:  # "8pm" may be echoed as 20:00
            self.times.add(f"{h:02d}:{m:02d}")

    def check(self, reply: str) -> list[str]:
        problems = []
        for m in CAR_LINE.finditer(reply):
            before = reply[reply.rfind("\n", 0, m.start()) + 1:m.start()].rstrip()
            titles = [t for t in self.cars if before == t or before.endswith((" " + t, "." + t))]
            if not titles:
                problems.append(f"car line for a car not in stock: {before!r}")
                continue
            car = self.cars[max(titles, key=len)]
            stated = (int(m["year"]), _int(m["km"]), m["fuel"], m["gear"])
            if (car.year, car.mileage_km) != stated[:2] or m["fuel"] not in FUELS[car.fuel] or (
                    m["gear"] not in GEARS[car.transmission]):
                problems.append(f"wrong facts for {car.title!r}: {stated}")
            if m["price"] is not None and _int(m["price"]) != car.price_eur:
                problems.append(f"wrong price for {car.title!r}: {m['price']}")
        for raw in EURO.findall(reply):
            if _int(raw) not in self.prices:
                problems.append(f"price € {raw} is not a stock price")
        for h, m in CLOCK.findall(reply):
            if f"{int(h):02d}:{m}" not in self.times:
                problems.append(f"time {h}:{m} comes from nowhere")
        for phrase in MENTION.findall(reply):
            problem = self._mention(phrase)
            if problem:
                problems.append(problem)
        return problems


    def _mention(self, phrase: str) -> str | None:
        """ "de Toyota Corolla rijdt op hybride" names a stock model; "de Volkswagen Golf 2.0 GTI" is not in stock."""
        if phrase.split()[0] not in {c.make for c in self.cars.values()}:
            return None
        if any(t.startswith(phrase) or phrase.startswith(t) for t in self.cars):
            return None
        models = [f"{c.make} {c.model}" for c in self.cars.values()
                  if re.match(re.escape(f"{c.make} {c.model}") + r"(?!\S)", phrase)]
        if not models:
            return f"car {phrase!r} is not in stock"
        rest = phrase[len(max(models, key=len)):].split()
        if rest and re.search(r"[\dA-Z]", rest[0]):
            return f"car {phrase!r} is not in stock (no such variant)"
        return None


def _int(raw: str) -> int:
    return int(re.sub(r"[.,]", "", raw))


def _emoji_count(reply: str) -> int:
    return len(EMOJI.findall(KEYCAP.sub("", reply)))


async def play(rt, convo: Convo, phone: str = PHONE) -> list:
    facts = Facts(await rt.store.cars.all(), rt.config.business)
    transcript: list[str] = []
    outs = []
    previous = None
    for number, (message, expect) in enumerate(convo.turns, start=1):
        if isinstance(message, str):
            out = await converse(rt, phone, convo.name_of_customer, message)
            shown = message
        else:
            out = await deliver(rt, attachment(rt, phone=phone, **message))
            shown = f"[{message}]"
        body = "\n".join(out.replies)
        transcript.append(f"> {shown}\n{body or '(silent)'}  [{out.intent}, handoff={out.handoff}]")
        where = f"{convo.name}, turn {number} ({shown!r}):\n" + "\n".join(transcript)
        assert len(out.replies) <= 1, where
        if expect.silent:
            assert out.replies == (), where
            outs.append(out)
            continue
        assert len(out.replies) == 1, where
        facts.learn(out, shown)
        low = body.lower()
        assert not facts.check(body), f"{facts.check(body)}\n{where}"
        assert _emoji_count(body) <= 2, where
        assert body != previous, "the same reply twice in a row\n" + where
        previous = body
        if expect.intent is not None:
            assert out.intent == expect.intent, where
        for phrase in expect.says:
            assert phrase.lower() in low, f"missing {phrase!r}\n{where}"
        if expect.says_any:
            assert any(p.lower() in low for p in expect.says_any), f"none of {expect.says_any}\n{where}"
        for phrase in expect.not_says:
            assert phrase.lower() not in low, f"unexpected {phrase!r}\n{where}"
        if expect.slots is not None:
            assert bool(out.offered_slots) == expect.slots, where
        if expect.appt is not None:
            assert (out.appointment is not None) == expect.appt, where
        if expect.handoff is False:
            assert out.handoff is None, where
        elif expect.handoff is True:
            assert out.handoff, where
        elif expect.handoff is not None:
            assert out.handoff == expect.handoff, where
        if expect.lang is not None:
            assert out.language == expect.lang, where
        if expect.cars is not None:
            assert len(CAR_LINE.findall(body)) == expect.cars, where
        if expect.effect is not None:
            assert any(isinstance(e, expect.effect) for e in out.effects), where
        if expect.weekday is not None:
            assert out.offered_slots and all(
                datetime.fromisoformat(s["start"]).astimezone(TZ).weekday() == expect.weekday
                for s in out.offered_slots), where
        if expect.drive is not None:
            acted = bool(out.offered_slots) or any(isinstance(e, Booked) for e in out.effects)
            assert acted == expect.drive, where
        outs.append(out)
    return outs


AUTOMATIC = "ik zoek een automaat onder de 20k"  # lists Picanto 17.450, i20 16.950, Corsa 11.450

CONVERSATIONS = [
    # -- references to listed cars (gap 1) --
    Convo("first of the list for a test drive", [
        ("Hallo", E(intent="greeting", says="Hoi Jan")),
        (AUTOMATIC, E(intent="car_search", cars=3, says="proefrit")),
        ("kan ik een proefrit maken met de eerste?", E(intent="test_drive", says="Kia Picanto", slots=True,
                                                        not_says="welke auto")),
        ("2", E(intent="slot_choice", appt=True, says="genoteerd", effect=Booked)),
    ]),
    Convo("die tweede then yes", [
        (AUTOMATIC, E(cars=3)),
        ("die tweede", E(says="Hyundai i20", cars=1, not_says="begreep", slots=False)),
        ("ja", E(says="i20", slots=True)),
        ("1", E(appt=True, says="i20")),
    ]),
    Convo("model name from the list", [
        ("ik zoek een hyundai", E(cars=3)),
        ("de kona", E(intent="car_search", says="Kona", cars=1)),
        ("prima", E(says="Kona", slots=True)),
    ]),
    Convo("price reference", [
        (AUTOMATIC, E(cars=3)),
        ("die van 11.450", E(intent="car_search", says="Opel Corsa", cars=1)),
        ("wil ik graag proefrijden", E(intent="test_drive", says="Corsa", slots=True)),
    ]),
    Convo("cheapest one in English", [
        ("Hi, I'm looking for an automatic under 20k", E(intent="car_search", lang="en", cars=3)),
        ("can I test drive the cheapest one?", E(intent="test_drive", says=("Opel Corsa", "Which one suits you"),
                                                  slots=True, lang="en")),
        ("2", E(says="Booked", appt=True, lang="en")),
    ]),
    Convo("another car of the list instead of the one proposed for a drive", [
        (AUTOMATIC, E(cars=3)),
        ("ik wil een proefrit", E(intent="test_drive", says="Kia Picanto", slots=True)),
        ("liever de laatste auto uit de lijst", E(says="Opel Corsa", slots=True, appt=False)),
        ("1", E(appt=True, says="Opel Corsa")),
    ]),
    Convo("price of the second", [
        ("ik zoek een golf", E(cars=3)),
        ("wat kost de tweede?", E(intent="price", says="7.950")),
    ]),
    Convo("newest of the list", [
        (AUTOMATIC, E(cars=3)),
        ("doe maar de nieuwste", E(says="Kia Picanto", cars=1)),
    ]),
    # -- media and locations (gap 2) --
    Convo("photo only", [
        ({"kind": "image/jpeg"}, E(says="foto", intent="other")),
        ({"kind": "image/jpeg"}, E(says="foto", handoff=False)),
        ({"kind": "image/jpeg"}, E(says="foto", handoff=False)),
        ("ik zoek een polo", E(intent="car_search", cars=3)),
    ]),
    Convo("voice note then text", [
        ({"kind": "audio/ogg"}, E(says="spraakbericht", handoff=False)),
        ("wat zijn jullie openingstijden", E(intent="opening_hours", says="09:00–18:00")),
    ]),
    Convo("location shared", [
        ({"location": True}, E(says=("Industrieweg 12", "google.com/maps"), handoff=False)),
    ]),
    Convo("photo during a slot offer keeps the offer", [
        ("kan ik een proefrit maken met de golf", E(slots=True)),
        ({"kind": "image/png"}, E(says=("foto", "nummer"), handoff=False)),
        ("2", E(intent="slot_choice", appt=True)),
    ]),
    Convo("photo of the trade-in car", [
        ("ik wil mijn astra inruilen", E(intent="trade_in", says="bouwjaar")),
        ({"kind": "image/jpeg"}, E(says=("foto", "bouwjaar"), handoff=False)),
        # the trade-in is passed to staff as a note; the customer keeps buying, nobody takes over
        ("2016, 98000 km", E(intent="trade_in", says=("2016", "98.000"), handoff=False, effect=Alert)),
    ]),
    Convo("misunderstanding then a photo does not hand off", [
        ("asdfgh", E(intent="other")),
        ({"kind": "video/mp4"}, E(says="video", handoff=False)),
        ("zoek een diesel", E(intent="car_search")),
    ]),
    # -- short answers in context (gap 3) --
    Convo("ja graag to the invitation", [
        ("hebben jullie een tiguan?", E(intent="car_search")),
        ("ja graag", E(says="Tiguan", slots=True)),
    ]),
    Convo("nee dank je ends politely", [
        (AUTOMATIC, E(cars=3)),
        ("nee dank je", E(says_any=("helemaal goed", "prima"), handoff=False, not_says="begreep")),
    ]),
    Convo("bare nee to offered times gives other times", [
        ("proefrit met de golf", E(slots=True)),
        ("nee", E(says="momenten", not_says="niets in", appt=False)),  # other times, offered or asked
    ]),
    Convo("ja to offered times asks which", [
        ("proefrit met de polo", E(slots=True)),
        ("ja", E(says="Welk moment", appt=False)),
        ("de eerste", E(appt=True)),
    ]),
    Convo("ok after hours is a goodbye, not a test drive", [
        ("hoe laat zijn jullie open?", E(intent="opening_hours")),
        ("ok", E(intent="goodbye", slots=False, not_says="proefrit")),
    ]),
    Convo("a stray ja is not a misunderstanding", [
        ("ja", E(handoff=False)),
        ("ja", E(handoff=False)),
        ("asdf", E(handoff=False)),
    ]),
    Convo("thumbs up to an invitation", [
        ("hebben jullie een mini?", E(cars=1)),
        ("👍", E(says="Mini", slots=True)),
    ]),
    # -- vague follow-ups (gap 4) --
    Convo("cheaper, diesels, estates, newer", [
        ("hebben jullie suv's tot 25k?", E(cars=3)),
        ("nog iets goedkopers?", E(says="16.950", not_says=("boven je budget", "17.950"))),
        ("hebben jullie ook diesels?", E(intent="car_search", says="Tiguan")),
        ("en stationwagens?", E(intent="car_search")),
        ("iets nieuwers?", E(intent="car_search", says="nieuwer")),
    ]),
    Convo("cheaper than the cheapest golf is honest", [
        ("ik zoek een golf", E(cars=3)),
        ("nog iets goedkopers?", E(says="7.950", not_says="boven je budget")),
    ]),
    Convo("more of the same", [
        ("ik zoek een diesel", E(cars=3)),
        ("heb je nog meer?", E(intent="car_search", says="Tiguan", cars=1)),
        ("nog meer?", E(intent="car_search", cars=0, says="niet")),
    ]),
    Convo("English: anything cheaper", [
        ("do you have any SUVs under 25k?", E(lang="en", cars=3)),
        ("anything cheaper?", E(says="16,950", not_says="over budget", lang="en")),
    ]),
    # -- questions we cannot answer (gap 5) --
    Convo("trekhaak on a listed car", [
        (AUTOMATIC, E(cars=3)),
        ("die van 11.450", E(cars=1)),
        ("heeft hij een trekhaak?", E(says=("collega", "Corsa"), handoff=False,
                                        not_says=("ja, ", "heeft een trekhaak"))),
        ("ja graag", E(effect=Alert, handoff=False, says="collega")),
    ]),
    Convo("APK without a car", [
        ("APK?", E(says="nieuwe APK", handoff=False, not_says="welke auto")),
        ("nee", E(handoff=False)),
    ]),
    Convo("onderhoudsboekjes of a named model", [
        ("zijn er onderhoudsboekjes bij de mini?", E(says=("Mini", "collega"), handoff=False)),
    ]),
    Convo("photos of a car point to its page", [
        ("hebben jullie een tesla model y", E(cars=1)),
        ("zijn er meer foto's?", E(says="seldenrijk-auto.nl/occasions/SR2579", handoff=False)),
    ]),
    Convo("English warranty question", [
        ("Is the Golf eHybrid still available? I want an automatic golf", E(lang="en")),
        ("does it have a warranty?", E(says="warranty", lang="en", handoff=False)),
    ]),
    # -- booking edge cases (gap 6) --
    Convo("sunday is closed", [
        ("proefrit met de golf", E(slots=True)),
        ("zondag 10 uur", E(says=("zondag", "gesloten"), slots=True, appt=False)),
    ]),
    Convo("tonight 20:00 is after hours", [
        ("kan ik vanavond om 20:00 een proefrit maken met de polo?", E(says=("niet open", "18:00"), slots=True)),
    ]),
    Convo("lunch time", [
        ("proefrit met de clio", E(slots=True)),
        ("morgen 12:30", E(says="lunchpauze", slots=True, appt=False)),
    ]),
    Convo("earlier today is past", [
        ("proefrit met de fiesta", E(slots=True)),
        ("vandaag 09:00", E(says="voorbij", slots=True, appt=False)),
    ]),
    Convo("a day without a time narrows the offer", [
        ("proefrit met de yaris", E(slots=True)),
        ("donderdag", E(weekday=3, slots=True)),
    ]),
    Convo("second booking offers to move", [
        ("proefrit met de golf", E(slots=True)),
        ("1", E(appt=True)),
        ("kan ik nog een proefrit maken", E(says="al een proefrit", appt=True, slots=False)),
        ("ja", E(slots=True, appt=True)),
        ("3", E(effect=Rescheduled, says="verzet", appt=True)),
    ]),
    Convo("second booking refused keeps it", [
        ("proefrit met de golf", E(slots=True)),
        ("2", E(appt=True)),
        ("ik wil een proefrit", E(says="al een proefrit")),
        ("nee", E(says_any=("blijft", "helemaal goed"), appt=True, slots=False)),
        ("bedankt!", E(intent="goodbye", says="Tot")),
    ]),
    Convo("time named before the car", [
        ("ik wil zaterdag 10 uur een proefrit maken", E(intent="test_drive", says="welke auto")),
        ("de tiguan", E(drive=True, says=("Tiguan", "zaterdag"))),
    ]),
    # -- tone (gap 7) --
    Convo("no second welcome", [
        ("hoi", E(says="Welkom")),
        ("ik zoek een kia", E(cars=3)),
        ("hallo?", E(intent="greeting", not_says="Welkom")),
    ]),
    Convo("clarifying questions vary", [
        ("kan je mij vertellen hoe het weer wordt", E(intent="other", handoff=False)),
        ("ik zoek een auto", E(says="budget")),
        ("blabla", E(intent="other", handoff=False)),
    ]),
    # -- English throughout (gap 8) --
    Convo("English booking and hours", [
        ("Hello!", E(intent="greeting", says="Welcome", lang="en")),
        ("I'd like to test drive the Golf", E(slots=True, lang="en", says="Golf")),
        ("sunday 10am", E(says="closed on Sunday", slots=True, lang="en")),
        ("1", E(says="Booked", appt=True, lang="en")),
        ("what are your opening hours?", E(says="Monday to Saturday", lang="en")),
        ("ok thanks", E(intent="goodbye", lang="en", says="See you")),
    ]),
    Convo("English photo", [
        ("hi there, do you have a polo?", E(lang="en", cars=3)),
        ({"kind": "image/jpeg"}, E(says="photos", lang="en")),
    ]),
    # -- Flemish and mixed --
    Convo("Flemish estate", [
        ("goeiemiddag, hebde gij iets van een break onder de 15000 euro?", E(intent="car_search", cars=2)),
        ("de eerste", E(says="Renault Megane", cars=1)),
    ]),
    Convo("Flemish diesel and address", [
        ("goeiemorgen, ik zoek nen diesel", E(intent="car_search", cars=3)),
        ("waar zit ge?", E(says="Industrieweg")),
    ]),
    # -- longer happy path --
    Convo("full journey", [
        ("hoi", E(intent="greeting")),
        ("ik zoek een hybride suv", E(intent="car_search")),
        ("nog iets goedkopers?", E(not_says="begreep")),
        ("de eerste", E(cars=1)),
        ("heeft die een trekhaak", E(says="collega")),
        ("nee hoeft niet", E(handoff=False)),
        ("kan ik er morgen mee proefrijden", E(intent="test_drive", slots=True)),
        ("2", E(appt=True)),
        ("waar zitten jullie?", E(intent="location", says="Industrieweg")),
        ("top bedankt", E(intent="goodbye", says="Tot")),
    ]),
    Convo("compare two, then a bare hour on the offered day", [
        ("ik zoek een stationwagen automaat max 25000", E(cars=3)),
        ("wat is het verschil tussen de eerste en de tweede?", E(cars=2, says=("Skoda Octavia", "Corolla"))),
        ("kan ik de tweede zaterdag komen bekijken?", E(intent="test_drive", slots=True, says="Corolla")),
        ("11 uur", E(appt=True, says="zaterdag 28 november om 11:00")),
    ]),
    Convo("nee laat maar to a colleague check", [
        ("hebben jullie elektrische autos", E(cars=3)),
        ("de goedkoopste", E(says="Kona", cars=1)),
        ("wat is de actieradius?", E(says=("Kona", "bereik"))),
        ("nee laat maar", E(handoff=False, not_says="begreep")),
    ]),
    Convo("the black polo from the site, then another polo by its variant", [
        ("is de zwarte polo van de site nog te koop", E(says="zwart", cars=3)),
        ("ja", E(says="Polo", slots=True)),
        ("doe maar de Highline", E(says="Highline", slots=True, not_says="begreep")),
        ("1", E(appt=True, says="Highline")),
    ]),
    Convo("cheap first car for a daughter, tomorrow morning", [
        ("goedendag, ik zoek een auto voor mijn dochter, niet te duur, max 8000, handgeschakeld mag", E(cars=3)),
        ("de eerste graag", E(says="Kia Picanto", cars=1)),
        ("kan ik die morgenochtend proefrijden", E(intent="test_drive", slots=True, weekday=2, says="Morgen",
                                                    not_says=("Vandaag", "!!"))),
        ("2", E(appt=True)),
        ("toch niet", E(says="geannuleerd", appt=False)),
    ]),
    Convo("English evening request", [
        ("Hi, do you guys have a Tesla?", E(cars=2, lang="en")),
        ("the first one", E(says="Model 3", lang="en")),
        ("what's the price?", E(intent="price", says="24,950", lang="en")),
        ("can I come tomorrow at 8pm?", E(says=("not open", "18:00"), slots=True, lang="en")),
    ]),
    Convo("a correction of the budget keeps the kind of car", [
        ("ik zoek een suv automaat tot 25k", E(cars=3)),
        ("nee, ik bedoelde tot 20.000", E(says="suv", not_says="helemaal goed", handoff=False)),
    ]),
    # -- awkward ones --
    Convo("complaint hands off and stays silent", [
        ("de auto die ik vorige week kocht maakt een raar geluid", E(intent="complaint", handoff="complaint")),
        ("hallo??", E(silent=True, handoff=True)),
    ]),
    Convo("stop and come back", [
        ("STOP", E(says="afgemeld")),
        ("hoi, toch nog een vraag: hebben jullie een picanto?", E(intent="car_search", cars=2)),
    ]),
]


@pytest.mark.anyio
@pytest.mark.parametrize("convo", CONVERSATIONS, ids=[c.name for c in CONVERSATIONS])
async def test_conversation(tmp_path, convo):
    async with runtime(tmp_path, now=convo.now) as rt:
        await play(rt, convo)


@pytest.mark.anyio
async def test_there_are_enough_scripted_conversations():
    assert len(CONVERSATIONS) >= 40


@pytest.mark.anyio
async def test_morgen_late_at_night_is_the_next_calendar_day_in_amsterdam(tmp_path):
    """At 00:30 on Wednesday in Amsterdam (23:30 UTC Tuesday), "morgen" is Thursday."""
    now = datetime(2026, 11, 24, 23, 30, tzinfo=timezone.utc)
    async with runtime(tmp_path, now=now) as rt:
        out = await converse(rt, PHONE, "Jan", "kan ik morgen een proefrit maken met de golf")
    days = {datetime.fromisoformat(s["start"]).astimezone(TZ).date() for s in out.offered_slots}
    assert days == {now.astimezone(TZ).date() + timedelta(days=1)}
    assert all(s["label"].startswith("Morgen") for s in out.offered_slots)


@pytest.mark.anyio
async def test_slots_across_the_clock_change_keep_wall_clock_times(tmp_path):
    """Saturday before the March change: "maandag 10 uur" books Monday 10:00 local time, now at +02:00."""
    now = datetime(2026, 3, 28, 9, 0, tzinfo=timezone.utc)  # Saturday 10:00 CET
    async with runtime(tmp_path, now=now) as rt:
        out = await converse(rt, PHONE, "Jan", "proefrit met de golf maandag 10 uur")
    start = datetime.fromisoformat(out.appointment["start"])
    assert (start.weekday(), start.hour, start.utcoffset()) == (0, 10, timedelta(hours=2))
    assert "10:00" in out.replies[0]


@pytest.mark.anyio
async def test_media_is_never_a_misunderstanding_and_replays_idempotently(tmp_path):
    """Three photos in a row: three helpful answers, no handoff; a replay returns the stored answer."""
    async with runtime(tmp_path) as rt:
        outs = [await deliver(rt, attachment(rt, "image/jpeg")) for _ in range(3)]
        assert all(o.handoff is None and len(o.replies) == 1 for o in outs)
        from actors.dialogue.turn import TurnInput
        msg = attachment(rt, "audio/ogg")
        cid = conversation_id("twilio", PHONE)
        runs = rt.brain.runs
        first = await rt.brain.respond(TurnInput(cid, 777, msg, "Jan"))
        again = await rt.brain.respond(TurnInput(cid, 777, msg, "Jan"))
    assert first == again and rt.brain.runs == runs + 1


@pytest.mark.anyio
async def test_a_drive_with_another_car_after_booking_never_loses_track_of_the_first(tmp_path):
    """Booked Golf, then "ik wil ook een proefrit met de polo": the reply names the booked Golf drive, the Polo
    gets booked, and every drive still booked is one the assistant can tell the customer about."""
    async with runtime(tmp_path) as rt:
        await converse(rt, PHONE, "Jan", "proefrit met de golf")
        await converse(rt, PHONE, "Jan", "1")
        out = await converse(rt, PHONE, "Jan", "ik wil ook een proefrit met de polo")
        assert "Polo" in out.replies[0] and "Golf" in out.replies[0]
        for answer in ("ja", "2"):
            if out.appointment and "Polo" in out.appointment["car"]:
                break
            out = await converse(rt, PHONE, "Jan", answer)
        recall = await converse(rt, PHONE, "Jan", "wanneer was mijn afspraak ook alweer?")
        appts = [a for a in await rt.store.appointments.for_conversation(conversation_id("twilio", PHONE))
                 if a.status == "booked"]
    assert any("Polo" in a.car for a in appts)
    for appt in appts:
        assert appt.car in recall.replies[0], (appt.car, recall.replies[0])


@pytest.mark.anyio
async def test_moving_after_looking_at_another_car_keeps_the_booked_car(tmp_path):
    """Booked Golf, looked at a Polo since: "kan het verzet worden" moves the Golf, not the Polo."""
    async with runtime(tmp_path) as rt:
        await converse(rt, PHONE, "Jan", "proefrit met de golf")
        await converse(rt, PHONE, "Jan", "1")
        await converse(rt, PHONE, "Jan", "wat kost de polo")
        out = await converse(rt, PHONE, "Jan", "kan mijn afspraak verzet worden")
        assert "Golf" in out.replies[0] and "Polo" not in out.replies[0]
        out = await converse(rt, PHONE, "Jan", "2")
    assert "Golf" in out.appointment["car"] and "Golf" in out.replies[0]


@pytest.mark.anyio
async def test_a_message_with_only_wishes_or_hurry_continues_the_search(tmp_path):
    """'het moet snel, mijn auto is total loss' after a search is not 'sorry, I didn't understand'."""
    from daemon.chat import converse
    from daemon.config import build
    from daemon.runtime import open_runtime
    from integrations.clock import ManualClock

    async with open_runtime(build({"store": {"path": str(tmp_path / "s.db")}}), clock=ManualClock()) as rt:
        await converse(rt, "+31612345678", "Jan", "Hallo, ik zoek een golf")
        out = await converse(rt, "+31612345678", "Jan", "het moet snel, mijn auto is total loss")
        assert "begreep" not in out.replies[0]
        assert "Golf" in out.replies[0]


def _hours(out) -> list[tuple[int, int]]:
    """(weekday, hour) in Amsterdam of every slot offered in this turn, or of the drive booked in it."""
    starts = [s["start"] for s in out.offered_slots or []] or ([out.appointment["start"]] if out.appointment else [])
    moments = [datetime.fromisoformat(s).astimezone(TZ) for s in starts]
    return [(m.weekday(), m.hour) for m in moments]


@pytest.mark.anyio
async def test_after_or_before_an_hour_offers_only_times_inside_that_bound(tmp_path):
    """Regression: "morgen na 4en" offered only 16:00 and "liefst voor 11en" said "dat moment is bezet" and
    offered 11:00; an hour with the -en ending is a bound like "na 4 uur", and "voor" never means at."""
    async with runtime(tmp_path) as rt:
        await converse(rt, PHONE, "Jan", "hebben jullie een opel corsa automaat?")
        out = await converse(rt, PHONE, "Jan", "proefrit morgen na 4en?")
    assert out.offered_slots and all(h >= 16 for _, h in _hours(out)) and len(_hours(out)) >= 2
    (tmp_path / "b").mkdir()
    async with runtime(tmp_path / "b") as rt:
        await converse(rt, PHONE, "Jan", "hebben jullie een opel corsa automaat?")
        out = await converse(rt, PHONE, "Jan", "ik kom zaterdag, liefst voor 11en")
    assert "bezet" not in out.replies[0]
    assert out.offered_slots and all(d == 5 and h < 11 for d, h in _hours(out))


@pytest.mark.anyio
async def test_as_late_as_possible_proposes_the_last_free_time_and_yes_books_it(tmp_path):
    """Regression: "liefst zo laat mogelijk, ik werk tot 4" booked 16:00; "wat is het laatste tijdstip op
    vrijdag?" booked a morning time. The latest free time of that day is proposed, and a yes books it."""
    async with runtime(tmp_path) as rt:
        await converse(rt, PHONE, "Jan", "hebben jullie een toyota yaris?")
        await converse(rt, PHONE, "Jan", "kan ik woensdag proefrijden?")
        out = await converse(rt, PHONE, "Jan", "liefst zo laat mogelijk, ik werk tot 4")
        assert out.appointment is None and len(out.offered_slots or []) == 1
        latest = _hours(out)[0]
        free = [s for s in await _free_hours(rt) if s[0] == latest[0]]
        assert latest == max(free)
        out = await converse(rt, PHONE, "Jan", "ja doe maar")
    assert out.appointment and _hours(out) == [latest]


async def _free_hours(rt) -> list[tuple[int, int]]:
    from actors.dialogue.slots import candidate_slots
    return [(s.astimezone(TZ).weekday(), s.astimezone(TZ).hour) for s, _ in candidate_slots(rt.config.business,
                                                                                           rt.clock.now())]


@pytest.mark.anyio
async def test_a_farewell_naming_the_day_of_the_drive_does_not_move_it(tmp_path):
    """Regression: "Prima, tot zaterdag!" after booking Saturday 10:00 answered "je proefrit is verzet"."""
    async with runtime(tmp_path) as rt:
        await converse(rt, PHONE, "Jan", "hebben jullie een renault megane estate?")
        booked = await converse(rt, PHONE, "Jan", "kunnen we zaterdag om 10 uur komen?")
        out = await converse(rt, PHONE, "Jan", "Prima, tot zaterdag!")
    assert booked.appointment and "verzet" not in out.replies[0] and "10:00" in out.replies[0]


@pytest.mark.anyio
async def test_a_ranking_after_alternatives_ranks_the_cars_shown(tmp_path):
    """Regression: after SUV alternatives to a Ford Puma we lack, "welke heeft de minste km" named a Picanto
    that was never shown, because the ranking ran over everything within budget."""
    async with runtime(tmp_path) as rt:
        first = await converse(rt, PHONE, "Jan", "hebben jullie een ford puma? max 25k")
        shown = [c for c in ("Duster", "Captur", "Kamiq", "Sportage", "T-Roc", "Tiguan") if c in first.replies[0]]
        out = await converse(rt, PHONE, "Jan", "ok welke heeft de minste km")
    named = [c for c in ("Duster", "Captur", "Kamiq", "Picanto", "Sportage") if c in out.replies[0]]
    assert named and set(named) <= set(shown), (first.replies[0], out.replies[0])


@pytest.mark.anyio
async def test_the_cheapest_of_a_kind_are_listed_cheapest_first(tmp_path):
    """Regression: "wat zijn jullie 3 goedkoopste hybrides?" listed the three best-value hybrids."""
    async with runtime(tmp_path) as rt:
        out = await converse(rt, PHONE, "Jan", "Hee, wat zijn jullie 3 goedkoopste hybrides?")
    prices = [int(p.replace(".", "")) for p in EURO.findall(out.replies[0])]
    from integrations.stock import parse_stock_csv, sample_stock_text
    hybrids = sorted(c.price_eur for c in parse_stock_csv(sample_stock_text()) if c.fuel == "hybride")
    assert prices == hybrids[:3]


@pytest.mark.anyio
async def test_several_models_named_each_with_its_own_make_and_a_ranking_answers_for_its_winner(tmp_path):
    """Regression: "Wat kosten de Kamiq, de Qashqai en de Peugeot 2008?" became "a Peugeot Kamiq we don't have",
    and "de goedkoopste van de drie, is dat een automaat?" answered for the car in focus before the ranking."""
    async with runtime(tmp_path) as rt:
        out = await converse(rt, PHONE, "Jan", "Wat kosten de Kamiq, de Qashqai en de Peugeot 2008 bij jullie?")
        assert all(m in out.replies[0] for m in ("Kamiq", "Qashqai", "2008")) and "niet op voorraad" not in out.replies[0]
        out = await converse(rt, PHONE, "Jan", "De duurste van de drie, hoeveel km heeft die en welke kleur?")
        assert "Kamiq" in out.replies[0] and "42.300 km" in out.replies[0] and "blauw" in out.replies[0]
        out = await converse(rt, PHONE, "Jan", "en de goedkoopste van de drie, is dat een automaat?")
    assert "Peugeot 2008" in out.replies[0] and "Kamiq" not in out.replies[0]


@pytest.mark.anyio
async def test_a_make_named_after_a_ranking_is_the_ranked_car_and_forget_sets_it_aside(tmp_path):
    """Regression: "the audi is a diesel right?" after "the cheapest is the Audi A4" listed three Audis;
    "forget the audi, rather no diesel. can I test drive the skoda…" searched Audis and booked a diesel Skoda."""
    async with runtime(tmp_path) as rt:
        await converse(rt, PHONE, "Jan", "Hi, looking for an automatic estate under 25k")
        ranked = await converse(rt, PHONE, "Jan", "which one's the newest? and which is cheapest?")
        out = await converse(rt, PHONE, "Jan", "the audi is a diesel right? how many miles has it done?")
        assert "Audi A4" in ranked.replies[0] and out.replies[0].count("Audi") == 1 and "diesel" in out.replies[0]
        out = await converse(rt, PHONE, "Jan", "that's a lot. forget the audi, rather no diesel anyway. "
                                               "can I test drive the skoda on monday at 2pm?")
    assert out.appointment and "Octavia Combi 1.5 TSI" in out.appointment["car"] and "Audi" not in out.replies[0]


@pytest.mark.anyio
async def test_those_two_after_two_rankings_are_the_two_cars_ranked(tmp_path):
    """Regression: "wat is het verschil tussen die twee?" after "minste km" and "goedkoopst" compared the first
    two cars of the list instead of the two just named."""
    async with runtime(tmp_path) as rt:
        await converse(rt, PHONE, "Jan", "hebben jullie een toyota rav4 hybride? mag max 30 mille kosten")
        a = await converse(rt, PHONE, "Jan", "welke van die heeft de minste km")
        b = await converse(rt, PHONE, "Jan", "en welke is het goedkoopst?")
        out = await converse(rt, PHONE, "Jan", "wat is het verschil tussen die twee?")
    first, second = (re.search(r"is de (\w+ \w+)", r.replies[0]).group(1) for r in (a, b))
    assert first != second and first in out.replies[0] and second in out.replies[0]


@pytest.mark.anyio
async def test_half_an_hour_later_off_the_grid_offers_only_later_times_and_red_is_no_colour_in_dutch(tmp_path):
    """Regression: "kan het een half uurtje later? om 2 uur red ik het niet" offered 13:00 among the times and
    listed nine red cars ("red" read as English)."""
    async with runtime(tmp_path) as rt:
        await converse(rt, PHONE, "Jan", "ik zou graag vandaag om 14:00 de Mazda 2 komen proefrijden")
        out = await converse(rt, PHONE, "Jan", "kan het een half uurtje later? om 2 uur red ik het niet")
    assert out.offered_slots and all(h > 14 for _, h in _hours(out)), out.replies[0]
    assert "rood" not in out.replies[0] and "Citroen" not in out.replies[0]


@pytest.mark.anyio
async def test_a_weekday_with_a_day_of_the_month_books_that_date(tmp_path):
    """Regression: "zaterdag de 12e om 10 uur" booked Saturday the 5th."""
    async with runtime(tmp_path, now=datetime(2026, 12, 1, 8, 30, tzinfo=timezone.utc)) as rt:
        await converse(rt, PHONE, "Jan", "hebben jullie een nissan micra?")
        out = await converse(rt, PHONE, "Jan", "zaterdag de 12e om 10 uur een proefrit?")
    assert out.appointment, out.replies[0]
    start = datetime.fromisoformat(out.appointment["start"]).astimezone(TZ)
    assert (start.day, start.weekday(), start.hour) == (12, 5, 10)


@pytest.mark.anyio
async def test_refusals_in_two_clauses_both_hold_and_a_bare_small_budget_is_thousands(tmp_path):
    """Regression: "geen Franse auto's graag, en ook geen Opel" still showed a Peugeot (the second clause's refusal
    replaced the first's); "handgeschakeld is prima, onder de 10" required a manual gearbox and had no budget."""
    async with runtime(tmp_path) as rt:
        await converse(rt, PHONE, "Jan", "Ik zoek een automaat hatchback, rond de 20 mille")
        out = await converse(rt, PHONE, "Jan", "geen Franse auto's graag, en ook geen Opel")
        assert not any(m in out.replies[0] for m in ("Peugeot", "Renault", "Citroen", "Opel")), out.replies[0]
    (tmp_path / "b").mkdir()
    async with runtime(tmp_path / "b") as rt:
        out = await converse(rt, PHONE, "Jan", "Ik zoek iets kleins en zuinigs, handgeschakeld is prima, onder de 10")
    prices = [int(p.replace(".", "")) for p in EURO.findall(out.replies[0])]
    assert prices and max(prices) <= 10_000 and "handgeschakeld)" not in out.replies[0].split("\n")[0]


@pytest.mark.anyio
async def test_a_mileage_bound_is_a_search_and_a_second_clause_asks_about_the_same_car(tmp_path):
    """Regression: "welke benzine stationwagen heb je met minder dan 100.000 km?" answered the km of the car in
    focus; "hoeveel km heeft die en wat is de kleur?" answered the km only."""
    async with runtime(tmp_path) as rt:
        await converse(rt, PHONE, "Jan", "zoek een diesel stationwagen")
        await converse(rt, PHONE, "Jan", "welke is het goedkoopst")
        out = await converse(rt, PHONE, "Jan", "ok laat maar dan, welke benzine stationwagen heb je met minder dan "
                                               "100.000 km?")
        lines = CAR_LINE.findall(out.replies[0])
        assert lines and all(fuel == "benzine" and int(km.replace(".", "")) < 100_000 for _, km, fuel, _, _ in lines)
    (tmp_path / "b").mkdir()
    async with runtime(tmp_path / "b") as rt:
        await converse(rt, PHONE, "Jan", "ik zoek een benzine automaat, niet meer dan 14 duizend euro")
        out = await converse(rt, PHONE, "Jan", "Hoeveel km heeft die precies en wat is de kleur?")
    assert " km " in out.replies[0] and "van kleur" in out.replies[0], out.replies[0]


@pytest.mark.anyio
async def test_price_and_time_of_the_appointment_asked_together_get_both(tmp_path):
    """Regression: "kun je me de prijs en de tijd van de afspraak nog even sturen" got the price only."""
    async with runtime(tmp_path, now=datetime(2026, 12, 1, 8, 30, tzinfo=timezone.utc)) as rt:
        await converse(rt, PHONE, "Jan", "kan ik zaterdag om 10 uur in de Opel Corsa 1.2 rijden?")
        out = await converse(rt, PHONE, "Jan", "kun je me de prijs en de tijd van de afspraak nog even sturen")
    assert "€ 13.950" in out.replies[0] and "10:00" in out.replies[0] and "zaterdag" in out.replies[0]


@pytest.mark.anyio
async def test_a_short_weekday_with_a_time_later_in_the_clause_is_that_day(tmp_path):
    """Regression: "ok kan ik za ff langs rond 3en" offered 15:00 on three weekdays, none a Saturday."""
    async with runtime(tmp_path, now=datetime(2026, 12, 1, 8, 30, tzinfo=timezone.utc)) as rt:
        await converse(rt, PHONE, "Jan", "hebben jullie een suzuki swift?")
        out = await converse(rt, PHONE, "Jan", "ok kan ik za ff langs rond 3en")
    assert _hours(out) and all(d == 5 and 14 <= h <= 16 for d, h in _hours(out)), out.replies[0]


@pytest.mark.anyio
async def test_the_three_cheapest_are_three_cars_in_price_order_and_the_first_one_is_the_first_of_them(tmp_path):
    """Regression: "Which are the three cheapest?" named one car, and "the first one" then meant the first of the
    earlier list."""
    async with runtime(tmp_path) as rt:
        await converse(rt, PHONE, "Jan", "Hi, I'm looking for an automatic car under 20 grand")
        out = await converse(rt, PHONE, "Jan", "Which are the three cheapest?")
        prices = [int(p.replace(",", "")) for p in EURO.findall(out.replies[0])]
        assert len(prices) >= 3 and prices == sorted(prices)
        first = CAR_LINE.search(out.replies[0])
        nxt = await converse(rt, PHONE, "Jan", "The first one, what year is it?")
    assert first is not None and first.group("year") in nxt.replies[0]


@pytest.mark.anyio
async def test_a_request_never_answered_is_a_complaint_with_an_apology(tmp_path):
    """Regression: "ik heb een offerte gevraagd maar nooit iets teruggehoord" was answered with the car's listing."""
    async with runtime(tmp_path) as rt:
        out = await converse(rt, PHONE, "Jan", "Goeiendag, ik heb vorige week een offerte gevraagd voor de Volvo V40 "
                                               "maar nooit iets teruggehoord.")
    assert re.search(r"sorry|vervelend", out.replies[0]) and out.handoff


@pytest.mark.anyio
async def test_the_difference_with_one_car_named_compares_it_with_the_car_in_focus_by_full_name(tmp_path):
    """Regression: "wat is het verschil met de Niro hybride?" after the Niro EV asked "which two cars?", and
    "ik twijfel tussen elektrisch en hybride" put the same question before the range answer."""
    async with runtime(tmp_path) as rt:
        first = await converse(rt, PHONE, "Jan", "Hallo, ik twijfel tussen elektrisch en hybride. Hoe ver komt de Kia "
                                                 "Niro EV op een volle accu in de winter?")
        out = await converse(rt, PHONE, "Jan", "Wat is het verschil met de Niro hybride, qua prijs en km?")
        drive = await converse(rt, PHONE, "Jan", "Ik denk de EV. Maandag 14:00?")
    assert "vergelijken" not in first.replies[0] and "bereik" in first.replies[0]
    assert "€ 27.950" in out.replies[0] and "€ 17.950" in out.replies[0]
    assert "Niro EV 64,8 kWh DynamicLine rijdt elektrisch" in out.replies[0]
    assert drive.appointment and "Niro EV" in drive.appointment["car"]


@pytest.mark.anyio
async def test_a_bid_announced_before_a_colon_is_a_bid_of_the_amount_after_it(tmp_path):
    """Regression: "Ik wil u een bod doen: 25.500 euro" searched cars up to 25.500."""
    async with runtime(tmp_path) as rt:
        await converse(rt, PHONE, "Jan", "ik heb interesse in de ford kuga plug-in")
        haggle = await converse(rt, PHONE, "Jan", "Is er over de prijs nog te praten?")
        out = await converse(rt, PHONE, "Jan", "Ik wil u een bod doen: 25.500 euro, inclusief een set winterbanden.")
    assert "verkoper" in haggle.replies[0]
    assert "bod van 25.500" in out.replies[0] and "Kuga" in out.replies[0] and "dichtst in de buurt" not in out.replies[0]


@pytest.mark.anyio
async def test_which_of_the_two_has_a_feature_is_answered_among_the_two(tmp_path):
    """Regression: "welke van de twee heeft 4x4?" after comparing two Tiguans searched every SUV, a Tesla first,
    and the drive that followed was booked in the Tesla."""
    async with runtime(tmp_path) as rt:
        await converse(rt, PHONE, "Jan", "jullie hebben 2 tiguans toch? wat is het verschil tussen die twee")
        out = await converse(rt, PHONE, "Jan", "welke van de twee heeft 4x4?")
        other = await converse(rt, PHONE, "Jan", "en die andere, hoeveel heeft die gereden?")
    assert "4Motion" in out.replies[0] and "Tesla" not in out.replies[0]
    assert "Tiguan 1.5 TSI" in other.replies[0]


@pytest.mark.anyio
async def test_the_other_one_described_by_its_year_is_found_beyond_the_list_shown(tmp_path):
    """Regression: "die andere van 2021, wat kost die?" listed every Golf from 2021 and priced the car in focus."""
    async with runtime(tmp_path) as rt:
        await converse(rt, PHONE, "Jan", "hoi, wat voor golfs hebben jullie op dit moment staan?")
        await converse(rt, PHONE, "Jan", "welke heeft de minste km?")
        out = await converse(rt, PHONE, "Jan", "te duur eigenlijk. die andere van 2021, wat kost die?")
    assert "Golf 1.5 TSI Life" in out.replies[0] and "eHybrid" not in out.replies[0]


@pytest.mark.anyio
async def test_an_unsubscribe_after_thanks_offers_nothing(tmp_path):
    """Regression: "ok thanks. please unsubscribe me" took the "ok" as a yes to a test drive and offered times."""
    async with runtime(tmp_path) as rt:
        await converse(rt, PHONE, "Jan", "Do you have any small petrol cars under 10k?")
        await converse(rt, PHONE, "Jan", "which one has done the fewest miles?")
        out = await converse(rt, PHONE, "Jan", "ok thanks. please unsubscribe me from your messages now")
    assert out.opted_out and not out.offered_slots and "test drive" not in out.replies[0]


@pytest.mark.anyio
async def test_a_visit_named_right_after_the_hours_is_a_visit_and_a_move_is_never_a_cancel(tmp_path):
    """Regression: "ok kan ik za ff langs rond 3en" after the opening hours got the Saturday hours again;
    "donderdag kan ik toch niet. Kan het een dag eerder, zelfde tijd?" cancelled the drive."""
    async with runtime(tmp_path, now=datetime(2026, 12, 1, 8, 30, tzinfo=timezone.utc)) as rt:
        await converse(rt, PHONE, "Jan", "hebben jullie een suzuki swift?")
        await converse(rt, PHONE, "Jan", "wnr zijn jullie open dit weekend")
        visit = await converse(rt, PHONE, "Jan", "ok kan ik za ff langs rond 3en")
    assert _hours(visit) and all(d == 5 and 14 <= h <= 16 for d, h in _hours(visit)), visit.replies[0]
    (tmp_path / "b").mkdir()
    async with runtime(tmp_path / "b", now=datetime(2026, 12, 1, 8, 30, tzinfo=timezone.utc)) as rt:
        await converse(rt, PHONE, "Jan", "ik wil de Volvo XC40 proefrijden, donderdag om 15:00?")
        out = await converse(rt, PHONE, "Jan", "Oh wacht, donderdag kan ik toch niet. Kan het een dag eerder, "
                                               "zelfde tijd?")
    assert "geannuleerd" not in out.replies[0] and out.appointment and _hours(out) == [(2, 15)]


@pytest.mark.anyio
async def test_a_price_difference_is_an_amount_and_which_of_the_three_names_one(tmp_path):
    """Regression: "Wat is het prijsverschil tussen die twee?" gave one car's price; "Welke van de drie heeft het
    minst gereden?" read "de drie" as a count and listed all three."""
    async with runtime(tmp_path) as rt:
        await converse(rt, PHONE, "Jan", "Wij zoeken een stationwagen op benzine, budget tot 15 mille.")
        await converse(rt, PHONE, "Jan", "Mag ook een diesel hoor, als hij maar ruim is.")
        out = await converse(rt, PHONE, "Jan", "Wat is het prijsverschil tussen die twee?")
        assert "€ 3.500" in out.replies[0]
        await converse(rt, PHONE, "Jan", "Wat kosten de Kamiq, de Qashqai en de Peugeot 2008 bij jullie?")
        out = await converse(rt, PHONE, "Jan", "Welke van de drie heeft het minst gereden?")
    assert "Kamiq" in out.replies[0] and "Qashqai" not in out.replies[0]


@pytest.mark.anyio
async def test_stop_searching_with_a_car_named_answers_about_that_car_only(tmp_path):
    """Regression: "stop maar met zoeken, ik heb m al gezien: die witte polo. wat kost die nog?" listed the search
    again before the Polo's price."""
    async with runtime(tmp_path) as rt:
        await converse(rt, PHONE, "Jan", "zoek een automaat hatchback tot 20k")
        out = await converse(rt, PHONE, "Jan", "stop maar met zoeken, ik heb m al gezien op jullie site: die witte "
                                               "polo. wat kost die nog?")
    assert "Polo" in out.replies[0] and "Picanto" not in out.replies[0] and not out.opted_out


@pytest.mark.anyio
async def test_a_fuel_that_picks_the_car_asked_about_starts_no_search(tmp_path):
    """Regression: "wat kost die benzine per maand als ik financier?" answered for the petrol Tiguan and then
    listed 39 petrol cars, so the drive asked next was booked in the first of them."""
    async with runtime(tmp_path) as rt:
        await converse(rt, PHONE, "Jan", "jullie hebben 2 tiguans toch? wat is het verschil tussen die twee")
        out = await converse(rt, PHONE, "Jan", "wat kost die benzine per maand ongeveer als ik financier?")
        drive = await converse(rt, PHONE, "Jan", "ik kom hem zaterdag rond 1 uur bekijken")
    assert "Tiguan 1.5 TSI" in out.replies[0] and "Picanto" not in out.replies[0]
    assert drive.appointment and "Tiguan 1.5 TSI" in drive.appointment["car"]


@pytest.mark.anyio
async def test_range_asked_of_a_make_with_several_cars_is_the_electric_one_and_every_unknown_item_is_named(tmp_path):
    """Regression: "Hoe ver kom ik met die Hyundai?" listed three Hyundais; "winterbanden? En zijn er twee
    sleutels?" answered the tyres only."""
    async with runtime(tmp_path) as rt:
        await converse(rt, PHONE, "Jan", "Goedemorgen, hebben jullie een Nissan Leaf? Budget rond de 24.000.")
        out = await converse(rt, PHONE, "Jan", "Hoe ver kom ik met die Hyundai?")
        assert "Kona" in out.replies[0] and "i20" not in out.replies[0] and "bereik" in out.replies[0]
        await converse(rt, PHONE, "Jan", "ik overweeg de Mercedes A-Klasse. Heeft hij stoelverwarming?")
        out = await converse(rt, PHONE, "Jan", "Worden er winterbanden bij geleverd? En zijn er twee sleutels?")
    assert "winterbanden" in out.replies[0] and "sleutels" in out.replies[0]


@pytest.mark.anyio
@pytest.mark.parametrize("text", ["hou op met appen", "please stop texting me", "stop maar met die berichten"])
async def test_stop_messaging_in_other_words_unsubscribes(tmp_path, text):
    """Regression: "hou op met appen" and "please stop texting me" were not understood, and the messages went on."""
    async with runtime(tmp_path) as rt:
        await converse(rt, PHONE, "Jan", "hebben jullie een golf?")
        out = await converse(rt, PHONE, "Jan", text)
    assert out.opted_out


@pytest.mark.anyio
async def test_a_pasted_link_to_one_of_our_cars_is_answered_for_that_car(tmp_path):
    """Regression: "Is deze nog beschikbaar? <link to our advert>" was not understood at all."""
    async with runtime(tmp_path) as rt:
        await converse(rt, PHONE, "Jan", "ik zoek een golf")
        out = await converse(rt, PHONE, "Jan", "Hoi, is deze nog beschikbaar? "
                                               "https://www.seldenrijk-auto.nl/occasions/SR2447")
        assert "Opel Corsa 1.4 Online Edition" in out.replies[0] and "Golf" not in out.replies[0]
        drive = await converse(rt, PHONE, "Jan", "mooi, kan ik er zaterdag mee proefrijden?")
    assert drive.offered_slots and "Corsa" in drive.replies[0]


@pytest.mark.anyio
async def test_a_pasted_link_to_a_car_sold_says_it_is_gone_and_never_answers_for_another(tmp_path):
    """A link to an advert of ours whose car left the stock: said so; "deze" is not the car in focus."""
    async with runtime(tmp_path) as rt:
        await converse(rt, PHONE, "Jan", "wat kost de Opel Corsa 1.4 Online Edition?")
        out = await converse(rt, PHONE, "Jan", "en is deze nog te koop? https://www.seldenrijk-auto.nl/occasions/SR1999")
    assert "niet meer in onze voorraad" in out.replies[0] and "€" not in out.replies[0]


@pytest.mark.anyio
async def test_auto_3_while_times_are_offered_is_the_third_car_not_the_third_time(tmp_path):
    """Regression: "auto 3" with times on offer for the first car booked the third time."""
    async with runtime(tmp_path) as rt:
        listed = await converse(rt, PHONE, "Jan", "ik zoek een automaat onder de 20k")
        third = re.findall(r"^3\. (.+?) \(", listed.replies[0], re.M)[0]
        offer = await converse(rt, PHONE, "Jan", "kan ik met de eerste zaterdag proefrijden?")
        assert offer.offered_slots
        out = await converse(rt, PHONE, "Jan", "auto 3")
    assert out.appointment is None and third in out.replies[0]


SATURDAY_4PM_UTC = datetime(2026, 11, 28, 15, 0, tzinfo=timezone.utc)  # 16:00 in Amsterdam


@pytest.mark.anyio
async def test_today_s_weekday_at_a_time_already_gone_is_next_week(tmp_path):
    """Regression: on a Saturday afternoon, "pas zaterdag, zelfde tijd?" (the drive booked on Friday at 14:00)
    and "kan het zaterdag om 10 uur?" were read as today and answered "that time has already passed"."""
    async with runtime(tmp_path, now=SATURDAY_4PM_UTC) as rt:
        await converse(rt, PHONE, "Jan", "kan ik vrijdag om 14:00 een proefrit maken met de Opel Corsa 1.2 Edition?")
        moved = await converse(rt, PHONE, "Jan", "sorry ik kan toch pas zaterdag, zelfde tijd?")
        assert moved.appointment and moved.appointment["start"].startswith("2026-12-05T14:00")
        again = await converse(rt, PHONE, "Jan", "of kan het zaterdag om 10 uur?")
        assert again.appointment and again.appointment["start"].startswith("2026-12-05T10:00")
        asked = await converse(rt, "+31687654321", "Piet", "kan ik zaterdag om 11 uur proefrijden in de Opel Corsa 1.2 "
                                                            "Edition?")
    assert "voorbij" not in asked.replies[0] and asked.appointment and "2026-12-05T11:00" in asked.appointment["start"]


@pytest.mark.anyio
async def test_ik_wil_hem_kopen_with_two_cars_shown_asks_which_and_the_answer_completes_the_purchase(tmp_path):
    """Regression: after two Niros, "ik wil hem kopen" asked "over welke auto?" without naming them, and "de
    hybride" then showed the car with a test-drive invitation, the purchase forgotten."""
    async with runtime(tmp_path) as rt:
        await converse(rt, PHONE, "Jan", "Wat kost die Kia Niro die jullie hebben?")
        which = await converse(rt, PHONE, "Jan", "ok, ik wil hem wel kopen eigenlijk")
        assert "Niro EV" in which.replies[0] and "Niro 1.6 GDi Hybrid" in which.replies[0]
        out = await converse(rt, PHONE, "Jan", "de hybride")
    assert "verkoper" in out.replies[0] and "Hybrid" in out.replies[0] and "proefrit" not in out.replies[0]
    assert out.lead_status == "HOT"


@pytest.mark.anyio
async def test_which_has_the_most_of_a_fact_no_record_holds_says_so_for_these_cars(tmp_path):
    """Regression: "welke heeft het meeste vermogen?" answered "Het vermogen van de Dit heb ik voor je staat niet in
    mijn gegevens"; "welke heeft de grootste kofferbak?" sent the list again; "which one has the most seats?"
    answered about a Seat Ibiza."""
    async with runtime(tmp_path) as rt:
        listed = await converse(rt, PHONE, "Jan", "Hallo, ik zoek een suv of stationwagen, hybride, max 25000")
        power = await converse(rt, PHONE, "Jan", "welke heeft het meeste vermogen?")
        boot = await converse(rt, PHONE, "Jan", "welke heeft de grootste kofferbak?")
        yes = await converse(rt, PHONE, "Jan", "ja graag")
        seats = await converse(rt, PHONE, "Jan", "which one has the most seats?")
    assert "Het vermogen van deze auto's staat niet in mijn gegevens" in power.replies[0]
    assert "kofferbak van deze auto's staat niet in mijn gegevens" in boot.replies[0]
    assert boot.replies[0] != listed.replies[0] and "collega" in yes.replies[0]
    assert "seats of these cars" in seats.replies[0] and "Seat" not in seats.replies[0].replace("seats", "")


@pytest.mark.anyio
async def test_is_the_price_drive_away_answers_what_the_price_includes_not_the_price_again(tmp_path):
    """Regression: "is de prijs rijklaar?" after the price repeated the price word for word."""
    async with runtime(tmp_path) as rt:
        price = await converse(rt, PHONE, "Jan", "Hoi, wat kost de Toyota Yaris?")
        out = await converse(rt, PHONE, "Jan", "is de prijs rijklaar?")
        english = await converse(rt, "+31687654321", "Jo", "are there any extra costs on top of the price of the yaris?")
    assert out.replies[0] != price.replies[0] and "rijklaar" in out.replies[0] and "APK" in out.replies[0]
    assert "registration" in english.replies[0]


@pytest.mark.anyio
async def test_earlier_at_a_time_while_times_are_offered_takes_that_time_and_parking_sensors_are_equipment(tmp_path):
    """Regression: "heeft die eerste ook parkeersensoren?" also sent the address and route (parking); "kan het ook wat
    vroeger? 9 uur?" with Saturday 09:00 on offer offered other days instead of taking it."""
    async with runtime(tmp_path) as rt:
        await converse(rt, PHONE, "Jan", "ik zoek een automaat, niet te groot, max 15000")
        sensors = await converse(rt, PHONE, "Jan", "heeft die eerste ook parkeersensoren?")
        offer = await converse(rt, PHONE, "Jan", "we willen graag met de eerste zaterdagochtend komen kijken")
        assert offer.offered_slots and any(s["start"].endswith("09:00:00+01:00") for s in offer.offered_slots)
        out = await converse(rt, PHONE, "Jan", "kan het ook wat vroeger? 9 uur?")
    assert "parkeersensoren" in sensors.replies[0] and "Industrieweg" not in sensors.replies[0]
    assert out.appointment and out.appointment["start"] == "2026-11-28T09:00:00+01:00"


@pytest.mark.anyio
async def test_a_model_we_have_without_the_4x4_asked_is_shown_with_what_it_lacks_and_make_it_11_moves_the_drive(tmp_path):
    """Regression: "do you sell the kia sportage? i need a 4x4" answered "nothing in stock for that" though a Sportage
    is there (not listed as 4x4); "actually make it 11" after booking was not understood."""
    async with runtime(tmp_path) as rt:
        out = await converse(rt, PHONE, "Jo", "do you sell the kia sportage? i need a 4x4")
        await converse(rt, "+31687654321", "Jo", "can I test drive the Kia Sportage on friday at 10am?")
        moved = await converse(rt, "+31687654321", "Jo", "actually make it 11")
    assert "Kia Sportage" in out.replies[0] and "4x4" in out.replies[0]
    assert moved.appointment and moved.appointment["start"].endswith("T11:00:00+01:00")


@pytest.mark.anyio
async def test_questions_about_the_booked_drive_are_answered_from_the_knowledge_file(tmp_path):
    """Regression: with a drive booked, "kan mijn man ook mee?" and "hoe lang duurt zo'n proefrit eigenlijk?" were not
    understood, and "kunnen we ook een stukje snelweg rijden?" offered to move the drive."""
    async with runtime(tmp_path) as rt:
        booked = await converse(rt, PHONE, "Jan", "kan ik donderdag om 14:00 een proefrit maken in de captur?")
        assert booked.appointment
        along = await converse(rt, PHONE, "Jan", "kan mijn man ook mee?")
        duration = await converse(rt, PHONE, "Jan", "hoe lang duurt zo'n proefrit eigenlijk?")
        route = await converse(rt, PHONE, "Jan", "kunnen we ook een stukje snelweg rijden?")
    assert "welkom" in along.replies[0] and "half uur" in duration.replies[0]
    assert "route" in route.replies[0] and "verzetten" not in route.replies[0]


@pytest.mark.anyio
async def test_english_articles_before_body_and_gearbox_and_which_is_better_for_long_trips_is_advice(tmp_path):
    """Regression: "the Toyota Corolla is a estate; the Toyota C-HR is a SUV", "is an manual", and "which one is
    better for long trips?" was not understood."""
    async with runtime(tmp_path) as rt:
        await converse(rt, PHONE, "Jo", "Hey! Looking for a hybrid, preferably Toyota, budget is flexible up to 25k")
        diff = await converse(rt, PHONE, "Jo", "what's the difference between the corolla and the c-hr?")
        advice = await converse(rt, PHONE, "Jo", "which one is better for long trips?")
        golf = await converse(rt, "+31687654321", "Jo", "tell me more about the golf 1.0 tsi")
    assert "an estate" in diff.replies[0] and "an SUV" in diff.replies[0] and " a estate" not in diff.replies[0]
    assert "choose" in advice.replies[0] and "is a manual" in golf.replies[0]


@pytest.mark.anyio
async def test_next_week_then_a_weekday_in_the_next_clause_is_that_weekday_of_next_week(tmp_path):
    """Regression: "kunnen we het naar volgende week verzetten? dinsdag zelfde tijd" offered Monday and Tuesday
    times: the weekday of the second clause was dropped because the first already named a week."""
    async with runtime(tmp_path) as rt:
        booked = await converse(rt, PHONE, "Jan", "kan ik morgen om 11 uur proefrijden in de yaris?")
        assert booked.appointment and "T11:00" in booked.appointment["start"]
        moved = await converse(rt, PHONE, "Jan", "ik word toch ziek, kunnen we het naar volgende week verzetten? dinsdag "
                                                 "zelfde tijd")
    assert moved.appointment and moved.appointment["start"] == "2026-12-01T11:00:00+01:00"
