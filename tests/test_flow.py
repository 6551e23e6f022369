"""The flow's named rules: what the conversation expects × what the customer did → the rule that acts.

A table of situations and the rule each must pick, plus the shape of the rule list itself:
names are unique, every rule is picked somewhere, no rule is hidden behind an earlier one
that always fits, and every act kind has a rule that fits whatever was expected.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from actors.dialogue.context import Turn
from actors.dialogue.flow import RULES, match
from actors.dialogue.language.reading import Act, ActKind
from actors.dialogue.language.when import When
from actors.dialogue.model import Conversation, Expect
from integrations.knowledge import load_knowledge

KNOWLEDGE = load_knowledge()
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
SHOWN = ["SR2401", "SR2405", "SR2407"]

# What the conversation holds besides what it expects: nothing yet, a list on the table, one car in
# focus, or a booked drive.
STATES = {
    "fresh": {},
    "list": {"shown": SHOWN},
    "focus": {"focus": "SR2401"},
    "booked": {"appointment_id": "a1", "focus": "SR2401"},
    "asked_a_drive": {"shown": SHOWN, "last": "test_drive"},   # "Met welke auto?" was just asked
    "asked_a_purchase": {"shown": SHOWN, "last": "buy", "buying": True},  # "Over welke auto gaat het?" after "ik wil hem kopen"
}


def turn(state: str) -> Turn:
    return Turn(rt=None, model=Conversation(**STATES[state]), stock=(), knowledge=KNOWLEDGE, now=NOW,
                conversation_id="twilio:+31612345678", inbound_id=1, phone="+31612345678", name="Jan")


def act(kind: ActKind, **fields) -> Act:
    return Act(kind, **fields)


TODAY_15H = When(day=NOW.date(), times=((15, 0),))

TABLE = [
    # (what was expected, what the conversation holds, what the customer did) → rule
    (Expect.NOTHING, "fresh", act(ActKind.OPT_OUT), "opt_out_request"),
    (Expect.SLOT_CHOICE, "list", act(ActKind.OPT_OUT), "opt_out_request"),
    (Expect.NOTHING, "fresh", act(ActKind.OPT_IN), "opt_in_request"),
    (Expect.SLOT_CHOICE, "focus", act(ActKind.HUMAN), "asks_for_a_person"),
    (Expect.NOTHING, "fresh", act(ActKind.COMPLAINT), "complaint_to_a_person"),
    (Expect.NOTHING, "booked", act(ActKind.CANCEL), "cancel_the_drive"),
    (Expect.SLOT_CHOICE, "focus", act(ActKind.CANCEL), "cancel_the_drive"),
    (Expect.NOTHING, "booked", act(ActKind.MOVE), "move_the_drive"),
    (Expect.NOTHING, "booked", act(ActKind.RECALL), "recall_the_drive"),
    (Expect.SLOT_CHOICE, "focus", act(ActKind.PICK, position=1), "pick_an_offered_time"),
    (Expect.SLOT_CONFIRM, "list", act(ActKind.PICK, position=0), "pick_an_offered_time"),
    (Expect.NOTHING, "list", act(ActKind.PICK, position=1), "pick_a_listed_car"),
    (Expect.TEST_DRIVE, "list", act(ActKind.PICK, position=2), "pick_a_listed_car"),
    (Expect.NOTHING, "list", act(ActKind.PICK, position=5), "pick_without_a_list"),
    (Expect.NOTHING, "fresh", act(ActKind.PICK, position=0), "pick_without_a_list"),
    (Expect.SLOT_CHOICE, "focus", act(ActKind.WHEN, when=TODAY_15H), "name_an_offered_time"),
    (Expect.SLOT_CONFIRM, "fresh", act(ActKind.WHEN, when=TODAY_15H), "name_an_offered_time"),
    (Expect.NOTHING, "focus", act(ActKind.WHEN, when=TODAY_15H), "name_a_time_for_a_drive"),
    (Expect.NOTHING, "list", act(ActKind.WHEN, when=TODAY_15H), "name_a_time_for_a_drive"),
    (Expect.NOTHING, "booked", act(ActKind.WHEN, when=TODAY_15H), "name_a_time_for_a_drive"),
    (Expect.NOTHING, "fresh", act(ActKind.WHEN, when=TODAY_15H), "time_without_a_drive"),
    (Expect.SLOT_CHOICE, "focus", act(ActKind.OTHER_TIME), "other_times"),
    (Expect.SLOT_CHOICE, "focus", act(ActKind.YES), "yes_to_a_time"),
    (Expect.SLOT_CONFIRM, "focus", act(ActKind.YES), "yes_to_a_time"),
    (Expect.COLLEAGUE_CHECK, "focus", act(ActKind.YES), "yes_to_a_colleague_check"),
    (Expect.TEST_DRIVE, "focus", act(ActKind.YES), "yes_to_a_test_drive"),
    (Expect.MOVE_CONFIRM, "booked", act(ActKind.YES), "yes_to_moving_the_drive"),
    (Expect.MOVE_CONFIRM, "booked", act(ActKind.NO), "no_to_moving_the_drive"),
    (Expect.TEST_DRIVE, "asked_a_drive", act(ActKind.POINT, cars=("SR2405",)), "car_named_for_the_drive"),
    (Expect.NOTHING, "asked_a_purchase", act(ActKind.POINT, cars=("SR2405",)), "car_named_for_the_purchase"),
    (Expect.NOTHING, "asked_a_purchase", act(ActKind.POINT, cars=("SR2405", "SR2407")), "point_at_a_car"),
    (Expect.TEST_DRIVE, "asked_a_drive", act(ActKind.SEARCH, cars=("SR2405", "SR2407")), "car_searched_for_the_drive"),
    (Expect.TEST_DRIVE, "list", act(ActKind.POINT, cars=("SR2405",)), "point_at_a_car"),
    (Expect.NOTHING, "fresh", act(ActKind.YES), "yes_with_nothing_asked"),
    (Expect.NOTHING, "booked", act(ActKind.YES), "yes_with_nothing_asked"),
    (Expect.SLOT_CHOICE, "focus", act(ActKind.NO), "no_to_the_times"),
    (Expect.SLOT_CONFIRM, "focus", act(ActKind.NO), "no_to_the_times"),
    (Expect.TEST_DRIVE, "focus", act(ActKind.NO), "no_thanks"),
    (Expect.COLLEAGUE_CHECK, "focus", act(ActKind.NO), "no_thanks"),
    (Expect.NOTHING, "fresh", act(ActKind.TEST_DRIVE), "test_drive"),
    (Expect.SLOT_CHOICE, "focus", act(ActKind.TEST_DRIVE), "test_drive"),
    (Expect.NOTHING, "focus", act(ActKind.OFFER, amount=12000), "a_bid"),
    (Expect.NOTHING, "focus", act(ActKind.NEGOTIATE), "haggling"),
    (Expect.NOTHING, "focus", act(ActKind.BUY), "wants_to_buy"),
    (Expect.NOTHING, "fresh", act(ActKind.FINANCING), "financing"),
    (Expect.TRADE_IN_DETAILS, "fresh", act(ActKind.TRADE_IN), "trade_in"),
    (Expect.NOTHING, "list", act(ActKind.COMPARE, cars=tuple(SHOWN[:2])), "compare_cars"),
    (Expect.NOTHING, "list", act(ActKind.ADVICE), "advise_a_car"),
    (Expect.NOTHING, "list", act(ActKind.RANK), "best_of_the_search"),
    (Expect.NOTHING, "focus", act(ActKind.ASK_CAR), "fact_about_a_car"),
    (Expect.SLOT_CHOICE, "focus", act(ActKind.ASK_CAR), "fact_about_a_car"),
    (Expect.NOTHING, "fresh", act(ActKind.SEARCH), "search_stock"),
    (Expect.TEST_DRIVE, "list", act(ActKind.SEARCH), "search_stock"),
    (Expect.NOTHING, "list", act(ActKind.POINT, cars=("SR2405",)), "point_at_a_car"),
    (Expect.TEST_DRIVE, "asked_a_drive", act(ActKind.POINT, named=True, gone=True), "linked_car_gone"),
    (Expect.SLOT_CHOICE, "focus", act(ActKind.POINT, named=True, gone=True), "linked_car_gone"),
    (Expect.NOTHING, "fresh", act(ActKind.KNOWLEDGE, topics=("warranty",)), "dealer_knowledge"),
    (Expect.SLOT_CHOICE, "focus", act(ActKind.KNOWLEDGE, topics=("parking",)), "dealer_knowledge"),
    (Expect.NOTHING, "fresh", act(ActKind.HOURS), "opening_hours"),
    (Expect.NOTHING, "fresh", act(ActKind.LOCATION), "where_we_are"),
    (Expect.NOTHING, "fresh", act(ActKind.GREET), "greeting"),
    (Expect.NOTHING, "booked", act(ActKind.THANKS), "thanks"),
    (Expect.TEST_DRIVE, "focus", act(ActKind.DEFER), "thinking_it_over"),
    (Expect.SLOT_CHOICE, "focus", act(ActKind.MEDIA), "attachment"),
    (Expect.NOTHING, "fresh", act(ActKind.UNKNOWN), "not_understood"),
    (Expect.SLOT_CHOICE, "focus", act(ActKind.UNKNOWN), "not_understood"),
]


@pytest.mark.parametrize("expect, state, customer, rule", TABLE,
                         ids=[f"{e.value}-{s}-{a.kind.value}-{r}" for e, s, a, r in TABLE])
def test_match_picks_the_named_rule(expect, state, customer, rule):
    assert match(expect, turn(state), customer).name == rule


def test_rule_names_are_unique():
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)


def test_every_rule_is_picked_in_some_situation_of_the_table():
    """The table reaches every rule: none is dead, none is left untested."""
    assert {rule for *_, rule in TABLE} == {rule.name for rule in RULES}


def test_no_rule_is_hidden_behind_an_earlier_rule_that_always_fits():
    """A rule after an unconditional rule of the same act kind could never be picked."""
    for index, rule in enumerate(RULES):
        earlier = [r for r in RULES[:index] if r.kind == rule.kind and r.expects is None and r.holds is None]
        assert not earlier, f"{rule.name} comes after {earlier[0].name}"


@pytest.mark.parametrize("kind", list(ActKind), ids=[k.value for k in ActKind])
def test_every_act_kind_has_a_rule_whatever_was_expected(kind):
    """Whatever the conversation expected and holds, an act of any kind finds a rule."""
    for expect in Expect:
        for state in STATES:
            assert match(expect, turn(state), act(kind, position=0, when=TODAY_15H)).kind == kind
