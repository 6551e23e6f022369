"""Intent scoring: weighted cue patterns per intent plus the contract's priority rules.

Request intents compete on summed cue weights. Greeting, thanks and bare slot answers only win
when no request is present, which implements "a greeting or thanks in front of a request takes
the request's intent" without special cases.
"""
from __future__ import annotations

from typing import Any

import math
import re

from .intent_cues import CUES as _CUES
from .slot_answer import is_bare_slot_answer

_REQUESTS = ("opt_out", "human", "complaint", "financing", "trade_in", "test_drive",
             "opening_hours", "location", "price", "car_search")
# on equal scores the more specific, more actionable request wins
_TIE_ORDER = {name: i for i, name in enumerate(_REQUESTS)}
_CAR_KEYS = ("make", "model", "fuel", "transmission", "body_type", "budget_max", "year_min",
             "mileage_max")
_REQUEST_THRESHOLD = 2.0


# "ik zoek een loodgieter": a search verb aimed at something that is plainly not a car
_OFF_TOPIC_SEARCH = re.compile(
    r"\b(?:zoek\w*|looking for) (?:\w+ ){0,3}(?:loodgieter|baan|job|werk|stage\w*|vacature\w*|huis|"
    r"woning|appartement|kamer|vriend\w*|restaurant|kapper|tandarts|dokter|huisarts|advocaat|"
    r"elektricien|schilder|aannemer|hotel|fiets|oppas|hond|kat|plumber|house|flat|girlfriend|"
    r"boyfriend|dentist|doctor)\b")


def _combine(weights: list[float]) -> float:
    """Evidence of one intent: its strongest cue in full, further cues at half weight.

    Cues of one intent often overlap ("wat kost" and "wat ... kosten" both fire on one phrase),
    and plain summing would let one phrase count twice against a different intent's cue.
    Independent cues still add up, just less than linearly.
    """
    weights = sorted(weights, reverse=True)
    return weights[0] + 0.5 * sum(weights[1:])


def _cue_scores(norm: str, entities: dict[str, Any]) -> tuple[dict[str, float], dict[str, float]]:
    """(score per intent, evidence behind each intent that a confidence can rest on)."""
    hits: dict[str, list[float]] = {}
    for intent, weight, pattern in _CUES:
        if pattern.search(norm):
            hits.setdefault(intent, []).append(weight)
    scores = {intent: _combine(weights) for intent, weights in hits.items()}
    car = sum(1 for k in _CAR_KEYS if k in entities)
    if not car and "car_search" in scores and _OFF_TOPIC_SEARCH.search(norm):
        del scores["car_search"]
    # phrase evidence per intent; for car_search every named car fact counts as evidence too,
    # since "mercedes c klasse diesel" is a search without any search verb
    support = dict(scores)
    if car:
        support["car_search"] = support.get("car_search", 0.0) + 1.5 * car
    if car:
        scores["car_search"] = scores.get("car_search", 0.0) + 1.5 + 0.5 * min(car, 3)
        if "test_drive" in scores:
            scores["test_drive"] += 1.0  # "komen kijken" only means a viewing when a car is named
    # a price question about monthly terms or a loan is a financing question ("wat kost de
    # octavia per maand bij lease"): financing is the narrower reading of the two
    if "financing" in scores and "price" in scores:
        scores["financing"] = max(scores["financing"], scores["price"] + 0.5)
    # a purchase word alone is no complaint; it backs up a problem description
    if scores.get("complaint", 0.0) <= 2.0:
        scores.pop("complaint", None)
    return scores, support


def score_intents(norm: str, entities: dict[str, Any]) -> dict[str, float]:
    """Evidence per intent: combined cue weights plus the bonus for named car facts."""
    return _cue_scores(norm, entities)[0]


# Confidence caps by the evidence behind the winner. A winner carried by a single named car
# ("en de polo dan?") or by weak context words is a guess worth a second opinion, so it stays
# under the dialogue's default refinement threshold (0.6).
_NO_CUE_CAP = 0.55
_WEAK_CUE_CAP = 0.58
_WEAK_CUE = 2.0


def _confidence(best: float, second: float, cue: float | None = None) -> float:
    """Map the winning score, the runner-up and the evidence behind the winner onto 0..1.

    Strength saturates with the evidence; the margin term drops the figure when another
    intent is nearly as well supported, which is when a rule-based reading is most often wrong.
    """
    strength = 1.0 - math.exp(-best / 3.0)
    margin = (best - second) / best if best > 0 else 0.0
    conf = min(0.97, 0.3 + 0.4 * strength + 0.3 * margin)
    if cue is not None:
        if cue <= 0:
            conf = min(conf, _NO_CUE_CAP)
        elif cue <= _WEAK_CUE:
            conf = min(conf, _WEAK_CUE_CAP)
    return round(conf, 3)


def classify(norm: str, entities: dict[str, Any]) -> tuple[str, float]:
    """Return (intent, confidence) for a normalised message and its extracted entities."""
    scores, support = _cue_scores(norm, entities)
    requests = sorted(((scores[i], -_TIE_ORDER[i], i) for i in _REQUESTS if i in scores),
                      reverse=True)
    if requests and requests[0][0] >= _REQUEST_THRESHOLD:
        best, _, winner = requests[0]
        second = requests[1][0] if len(requests) > 1 else 0.0
        return winner, _confidence(best, second, support.get(winner, 0.0))
    if is_bare_slot_answer(norm):
        return "slot_choice", 0.9
    greet, bye = scores.get("greeting", 0.0), scores.get("goodbye", 0.0)
    if greet or bye:
        if bye > greet or (bye == greet and not norm.startswith(("h", "g", "d", "m"))):
            return "goodbye", _confidence(bye, 0.0) if bye >= 2 else 0.6
        return "greeting", _confidence(greet, bye)
    return "other", 0.2 if re.search(r"[a-z]{2}", norm) else 0.1
