"""Lead scoring rules from the labelling contract, plus per-message signal detection."""
from __future__ import annotations

import re
from typing import Any, Iterable

LEAD_RULES: dict[str, int] = {
    "car": 30,
    "budget": 20,
    "urgency": 20,
    "test_drive": 20,
    "trade_in": 15,
    "financing": 10,
    "timeframe": 10,
}
LEAD_CAP = 125
HOT, WARM = 70, 40

_MONTHS = (r"januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|"
           r"december|january|february|march|june|july|august|october")
# a concrete period for buying; an appointment day ("zaterdag") is not a time frame
TIMEFRAME = re.compile(
    r"\b(?:(?:deze|komende|volgende|binnen (?:een|1|2|3|4|6|paar|enkele)|over (?:een|1|2|3|paar)) "
    r"(?:week|weken|maand|maanden)|voor (?:de|het) (?:zomer|winter|herfst|lente|voorjaar|najaar|"
    r"vakantie|bouwvak|kerst|jaarwisseling|eind(?:e)? van)|(?:eind|einde|begin|half|medio) "
    r"(?:deze maand|dit jaar|volgend jaar|" + _MONTHS + r")|(?:in|voor|na|rond) (?:" + _MONTHS +
    r")|(?:dit|komend) (?:voorjaar|najaar)|rond de kerst|voor de kerst|this (?:week|month)|"
    r"next (?:week|month)|within (?:a|\d+|two|three) (?:weeks?|months?)|before (?:summer|"
    r"christmas|the end of))\b")
_TRADE_IN = re.compile(r"\binruil|\bin ?te ruilen\b|\btrade.?in\b")
_FINANCING = re.compile(r"financ|\blease|\bleas(?:en|ing)\b|\bafbetal|\bmaandbedrag|\bper maand\b")
_TEST_DRIVE = re.compile(r"\bproefr|\btestr(?:it|ij)|\btest ?drive")


def lead_score(signals: Iterable[str]) -> int:
    """Points for a set of signals; each counts once, the total is capped."""
    return min(LEAD_CAP, sum(LEAD_RULES.get(s, 0) for s in set(signals)))


def lead_status(score: int) -> str:
    """HOT, WARM or COLD for a lead score."""
    if score >= HOT:
        return "HOT"
    if score >= WARM:
        return "WARM"
    return "COLD"


def detect_signals(norm: str, intent: str, entities: dict[str, Any]) -> frozenset[str]:
    """Lead-scoring signals present in one normalised message."""
    found = set()
    if "make" in entities or "model" in entities:
        found.add("car")
    if "budget_max" in entities:
        found.add("budget")
    if entities.get("urgency"):
        found.add("urgency")
    if intent == "test_drive" or _TEST_DRIVE.search(norm):
        found.add("test_drive")
    if intent == "trade_in" or _TRADE_IN.search(norm):
        found.add("trade_in")
    if intent == "financing" or _FINANCING.search(norm):
        found.add("financing")
    if TIMEFRAME.search(norm):
        found.add("timeframe")
    return frozenset(found)
