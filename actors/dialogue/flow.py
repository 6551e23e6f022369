"""The named rules: what the conversation expects × what the customer did → the skill that acts.

Rules are tried in order; the first whose act kind, expectation and condition fit is used.
"What does the bot do with X" is one rule here plus one skill file. `respond` runs the rule
for every act of a reading, in the order the customer wrote them, so a message with three
questions gets three answers in one reply.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Awaitable, Callable

from actors.dialogue.context import Turn
from actors.dialogue.language.reading import Act, ActKind, Reading
from actors.dialogue.model import Expect
from actors.dialogue.skills import (appointment, car_questions, financing, handover, knowledge, negotiation, opt_out,
                                    ranking, search, small_talk, test_drive, trade_in)

Skill = Callable[..., Awaitable[None]]
OFFERING = frozenset({Expect.SLOT_CHOICE, Expect.SLOT_CONFIRM})


@dataclass(frozen=True)
class Rule:
    name: str
    kind: ActKind
    skill: Skill
    expects: frozenset[Expect] | None = None              # None: whatever was asked
    holds: Callable[[Turn, Act], bool] | None = None      # a further condition on the turn

    def fits(self, expect: Expect, turn: Turn, act: Act) -> bool:
        return act.kind == self.kind and (self.expects is None or expect in self.expects) and (
            self.holds is None or self.holds(turn, act))


def _has_shown(turn: Turn, act: Act) -> bool:
    return act.position is not None and 0 <= act.position < len(turn.model.shown)


def _car_for_the_drive(turn: Turn, act: Act) -> bool:
    """ "Met welke auto?" … "de tiguan": the car answers the drive request just made."""
    return bool(act.cars) and turn.model.last == ActKind.TEST_DRIVE.value


def _car_for_the_purchase(turn: Turn, act: Act) -> bool:
    """ "ik wil hem kopen" … "Over welke auto gaat het?" … "de hybride": the car answers the purchase."""
    return len(act.cars) == 1 and turn.model.last == ActKind.BUY.value and turn.model.buying


def _about_a_drive(turn: Turn, act: Act) -> bool:
    return bool(turn.model.focus or turn.model.appointment_id or turn.model.shown)


RULES: tuple[Rule, ...] = (
    Rule("opt_out_request", ActKind.OPT_OUT, opt_out.unsubscribe),
    Rule("opt_in_request", ActKind.OPT_IN, opt_out.subscribe),
    Rule("asks_for_a_person", ActKind.HUMAN, handover.person),
    Rule("complaint_to_a_person", ActKind.COMPLAINT, handover.complaint),
    Rule("linked_car_gone", ActKind.POINT, search.gone, holds=lambda turn, act: act.gone),
    Rule("cancel_the_drive", ActKind.CANCEL, appointment.cancel),
    Rule("move_the_drive", ActKind.MOVE, appointment.move),
    Rule("recall_the_drive", ActKind.RECALL, appointment.recall),
    Rule("pick_an_offered_time", ActKind.PICK, test_drive.pick, OFFERING),
    Rule("pick_a_listed_car", ActKind.PICK, search.point_at, holds=_has_shown),
    Rule("name_an_offered_time", ActKind.WHEN, test_drive.at_time, OFFERING),
    Rule("name_a_time_for_a_drive", ActKind.WHEN, test_drive.at_time, holds=_about_a_drive),
    Rule("other_times", ActKind.OTHER_TIME, test_drive.other_times),
    Rule("yes_to_a_time", ActKind.YES, test_drive.confirm, OFFERING),
    Rule("yes_to_a_colleague_check", ActKind.YES, small_talk.colleague_checks, frozenset({Expect.COLLEAGUE_CHECK})),
    Rule("yes_to_a_test_drive", ActKind.YES, test_drive.request, frozenset({Expect.TEST_DRIVE})),
    Rule("yes_to_moving_the_drive", ActKind.YES, appointment.move, frozenset({Expect.MOVE_CONFIRM})),
    Rule("no_to_moving_the_drive", ActKind.NO, appointment.keep, frozenset({Expect.MOVE_CONFIRM})),
    Rule("car_named_for_the_drive", ActKind.POINT, test_drive.request, frozenset({Expect.TEST_DRIVE}),
         holds=_car_for_the_drive),
    Rule("car_named_for_the_purchase", ActKind.POINT, negotiation.buy, holds=_car_for_the_purchase),
    Rule("car_searched_for_the_drive", ActKind.SEARCH, test_drive.request, frozenset({Expect.TEST_DRIVE}),
         holds=_car_for_the_drive),
    Rule("no_to_the_times", ActKind.NO, test_drive.decline, OFFERING),
    Rule("no_thanks", ActKind.NO, small_talk.no_thanks),
    Rule("yes_with_nothing_asked", ActKind.YES, small_talk.acknowledge),
    Rule("test_drive", ActKind.TEST_DRIVE, test_drive.request),
    Rule("a_bid", ActKind.OFFER, negotiation.bid),
    Rule("haggling", ActKind.NEGOTIATE, negotiation.haggle),
    Rule("wants_to_buy", ActKind.BUY, negotiation.buy),
    Rule("financing", ActKind.FINANCING, financing.financing),
    Rule("trade_in", ActKind.TRADE_IN, trade_in.trade_in),
    Rule("compare_cars", ActKind.COMPARE, car_questions.compare),
    Rule("advise_a_car", ActKind.ADVICE, car_questions.advise),
    Rule("best_of_the_search", ActKind.RANK, ranking.rank),
    Rule("fact_about_a_car", ActKind.ASK_CAR, car_questions.facts),
    Rule("search_stock", ActKind.SEARCH, search.search),
    Rule("point_at_a_car", ActKind.POINT, search.point),
    Rule("dealer_knowledge", ActKind.KNOWLEDGE, knowledge.answer),
    Rule("opening_hours", ActKind.HOURS, knowledge.hours),
    Rule("where_we_are", ActKind.LOCATION, knowledge.location),
    Rule("greeting", ActKind.GREET, small_talk.greet),
    Rule("thanks", ActKind.THANKS, small_talk.thanks),
    Rule("thinking_it_over", ActKind.DEFER, small_talk.defer),
    Rule("attachment", ActKind.MEDIA, small_talk.media),
    Rule("pick_without_a_list", ActKind.PICK, small_talk.unclear),
    Rule("time_without_a_drive", ActKind.WHEN, test_drive.at_time),
    Rule("not_understood", ActKind.UNKNOWN, small_talk.unclear),
)


def match(expect: Expect, turn: Turn, act: Act) -> Rule:
    """The first rule that fits; every act kind has a rule without conditions at the end of its group."""
    return next(rule for rule in RULES if rule.fits(expect, turn, act))


async def respond(turn: Turn, reading: Reading, expect: Expect) -> list[str]:
    """Run the rule for every act, in order; the names of the rules used, for the log."""
    used: list[str] = []
    acts = list(reading.acts)
    for index, act in enumerate(acts):
        rule = match(expect, turn, act)
        used.append(rule.name)
        await rule.skill(turn, act, more_to_say=index < len(acts) - 1)
    return used
