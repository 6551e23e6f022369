"""The search frame: wishes as the customer words them, folded into what the search keeps.

"mag ook X" widens, "geen X" rules X out, "X hoeft niet" drops a wish, a later wish of the same
kind replaces the earlier one, a correction replaces only what it mentions, and ranking words
("weinig km", "zuinig", "klein") order the matches without narrowing them. The wishes are read
from the customer's words (`read_criteria`); the frame is matched against the shipped stock. The
corrections are also checked on the frame a real conversation keeps.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from datetime import datetime, timezone

import pytest

from actors.dialogue.frame import Frame
from actors.dialogue.language.criteria import read_criteria
from actors.dialogue.language.normalize import normalize
from daemon.chat import converse
from daemon.config import build
from daemon.runtime import open_runtime
from integrations.clock import ManualClock
from integrations.phone import conversation_id
from integrations.stock import parse_stock_csv, sample_stock_text

STOCK = parse_stock_csv(sample_stock_text())
PHONE = "+31612345678"
SMALL = {"Up", "Picanto", "Aygo X", "500", "i10", "i20", "C3", "Swift", "Micra", "Corsa", "Polo", "Yaris", "Fiesta",
         "Clio", "208", "Ibiza", "2", "Cooper", "Sandero"}  # A- and B-segment models


@pytest.fixture
def anyio_backend():
    return "asyncio"


def wish(text: str):
    return read_criteria(normalize(text))


def frame_of(*texts: str) -> Frame:
    frame = Frame()
    for text in texts:
        frame = frame.apply(wish(text))
    return frame


def values(cars, key: str) -> set:
    return {getattr(c, key) for c in cars}


# -- widening, excluding, dropping ----------------------------------------------------------------


def test_mag_ook_adds_to_what_is_wanted():
    """ "ik zoek een automaat" then "handgeschakeld mag ook": both gearboxes now match."""
    before = frame_of("ik zoek een automaat tot 15000")
    after = before.apply(wish("handgeschakeld mag ook"))
    assert values(before.matches(STOCK), "transmission") == {"automaat"}
    assert values(after.matches(STOCK), "transmission") == {"automaat", "handgeschakeld"}
    assert all(c.price_eur <= 15000 for c in after.matches(STOCK))


def test_mag_ook_widens_the_kind_of_car():
    """ "een suv" then "mag ook een stationwagen zijn": SUVs and estates."""
    after = frame_of("ik zoek een suv", "mag ook een stationwagen zijn")
    assert values(after.matches(STOCK), "body_type") == {"suv", "stationwagen"}


def test_mag_ook_lifts_an_earlier_exclusion():
    """ "geen diesel" then "een diesel mag ook": diesels are back."""
    frame = frame_of("ik zoek een stationwagen", "geen diesel")
    assert "diesel" not in values(frame.matches(STOCK), "fuel")
    assert "diesel" in values(frame.apply(wish("een diesel mag ook")).matches(STOCK), "fuel")


@pytest.mark.parametrize("first, excluded, key, ruled_out", [
    ("ik zoek een stationwagen", "geen diesel", "fuel", {"diesel"}),
    ("ik zoek een auto tot 15000", "liever geen rood", "color", {"rood"}),
    ("ik zoek een suv", "geen Franse", "make", {"Peugeot", "Renault", "Citroen"}),
])
def test_geen_rules_a_value_out_and_keeps_the_rest(first, excluded, key, ruled_out):
    before = frame_of(first).matches(STOCK)
    after = frame_of(first, excluded).matches(STOCK)
    assert ruled_out & values(before, key) and not ruled_out & values(after, key)
    assert {c.stock_id for c in after} == {c.stock_id for c in before if getattr(c, key) not in ruled_out}


def test_geen_removes_a_value_that_was_wanted():
    """ "benzine of diesel" then "geen diesel": only petrol cars remain."""
    frame = frame_of("ik zoek een stationwagen op benzine of diesel", "geen diesel")
    assert values(frame.matches(STOCK), "fuel") == {"benzine"}


def test_hoeft_niet_drops_the_wish():
    before = frame_of("ik zoek een automaat tot 12000")
    after = before.apply(wish("automaat hoeft niet"))
    assert "transmission" not in after.require and after.budget_max == 12000
    assert len(after.matches(STOCK)) > len(before.matches(STOCK))


def test_a_later_wish_of_the_same_kind_replaces_the_earlier():
    """ "een suv" then "een stationwagen": estates only; the budget stays."""
    frame = frame_of("ik zoek een suv tot 25000", "ik zoek een stationwagen")
    assert values(frame.matches(STOCK), "body_type") == {"stationwagen"} and frame.budget_max == 25000


# -- ranking words ----------------------------------------------------------------------------------


@pytest.mark.parametrize("words, first_is", [
    ("liefst weinig km", lambda cars: min(c.mileage_km for c in cars)),
    ("met weinig kilometers", lambda cars: min(c.mileage_km for c in cars)),
])
def test_weinig_km_ranks_by_mileage_without_narrowing(words, first_is):
    base = frame_of("ik zoek een automaat tot 20000")
    ranked = base.apply(wish(words)).matches(STOCK)
    assert {c.stock_id for c in ranked} == {c.stock_id for c in base.matches(STOCK)}
    assert [c.mileage_km for c in ranked] == sorted(c.mileage_km for c in ranked)
    assert ranked[0].mileage_km == first_is(ranked)


@pytest.mark.parametrize("words", ["iets zuinigs", "een zuinige auto"])
def test_zuinig_ranks_electric_then_hybrid_first_without_narrowing(words):
    base = frame_of("ik zoek een suv tot 30000")
    ranked = base.apply(wish(words)).matches(STOCK)
    assert {c.stock_id for c in ranked} == {c.stock_id for c in base.matches(STOCK)}
    order = {"elektrisch": 0, "hybride": 1}
    assert [order.get(c.fuel, 2) for c in ranked] == sorted(order.get(c.fuel, 2) for c in ranked)
    assert ranked[0].fuel == "elektrisch"


def test_klein_ranks_small_cars_first_without_narrowing():
    base = frame_of("ik zoek een automaat tot 20000")
    ranked = base.apply(wish("iets kleins")).matches(STOCK)
    assert {c.stock_id for c in ranked} == {c.stock_id for c in base.matches(STOCK)}
    small = [c.model in SMALL for c in ranked]
    assert small == sorted(small, reverse=True) and small[0] and not small[-1]


# -- corrections, on the frame a conversation keeps ------------------------------------------------------


@asynccontextmanager
async def runtime(path):
    config = build({"store": {"path": str(path / "s.db")}, "logging": {"level": "warning"}})
    async with open_runtime(config, clock=ManualClock(datetime(2026, 11, 24, 9, tzinfo=timezone.utc))) as rt:
        yield rt


async def kept_frame(rt) -> Frame:
    state = await rt.brain.graph.aget_state({"configurable": {"thread_id": conversation_id("twilio", PHONE)}})
    return Frame.of(state.values["model"]["frame"])


@pytest.mark.anyio
@pytest.mark.parametrize("search, correction, require, budget", [
    ("ik zoek een witte hybride suv automaat tot 30k", "stop, ik bedoelde een stationwagen",
     {"body_type": ("stationwagen",), "fuel": ("hybride",), "transmission": ("automaat",), "color": ("wit",)}, 30000),
    ("ik zoek een rode benzine auto tot 15000", "ik bedoelde een diesel",
     {"fuel": ("diesel",), "color": ("rood",)}, 15000),
    ("ik zoek een suv automaat tot 25k", "nee, ik bedoelde tot 20.000",
     {"body_type": ("suv",), "transmission": ("automaat",)}, 20000),
    ("ik zoek een automaat stationwagen tot 25k", "toch liever een suv",
     {"body_type": ("suv",), "transmission": ("automaat",)}, 25000),
])
async def test_a_correction_replaces_only_the_wishes_it_mentions(tmp_path, search, correction, require, budget):
    """ "ik bedoelde een stationwagen" changes the kind of car; colour, fuel, gearbox and budget stay as they were."""
    async with runtime(tmp_path) as rt:
        await converse(rt, PHONE, "Jan", search)
        await converse(rt, PHONE, "Jan", correction)
        frame = await kept_frame(rt)
    assert (frame.require, frame.budget_max) == (require, budget)
