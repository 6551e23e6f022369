"""Entity extraction: car vocabulary, amounts, urgency, and what the customer rules out."""
from __future__ import annotations

from typing import Any

import re
from dataclasses import dataclass

from .lexicon import Mention, find_mentions
from .numbers import extract_quantities

_TOKEN = re.compile(r"[a-z0-9]+")
# Hurry, or a situation that forces a quick purchase. A preferred appointment day is not urgency.
URGENCY = re.compile(
    r"\b(?:zo ?snel (?:als )?mogelijk|zsm|z\.s\.m|asap|a\.s\.a\.p|haast|dringend|urgent|spoed|"
    r"spoedig|per direct|per omgaande|(?:direct|meteen|snel|gauw|vandaag) nodig|"
    r"nodig (?:per direct|op korte termijn|snel|vandaag)|op korte termijn|"
    r"deze week nog|nog deze week|vandaag nog|nog vandaag|morgen al|liefst gisteren|"
    r"total ?loss|totaal ?loss|gestolen|(?:auto|wagen|motor|bak) is (?:net )?(?:kapot|stuk|"
    r"ontploft|overleden|afgeschreven)|zonder auto|geen vervoer|"
    r"as soon as possible|right away|immediately|urgently|in a hurry|need it (?:fast|quickly|"
    r"now|this week)|written off|got stolen|was stolen)\b")
# Negation in front of an attribute ("geen diesel", "liever geen automaat", "not a diesel").
_NEG_BEFORE = re.compile(
    r"\b(?:geen|niet|not|no|zonder|without|behalve|except|nooit|never|don'?t want|rather not)"
    r"(?P<gap>(?: [a-z0-9']+){0,2}) ?$")
_NEG_BEFORE_CAR = re.compile(
    r"\b(?:liever geen|behalve|except|not an?|geen zin in|niet nog een|never again|nooit meer)"
    r"(?P<gap>(?: [a-z0-9']+){0,1}) ?$")
_NEG_AFTER = re.compile(r"^(?:s|'s)?\s*(?:liever niet|niet|hoeft niet|no thanks|nee|not)\b")
_NEG_BREAK = re.compile(r"\b(?:maar|but|wel|liefst|graag|wil|want|of ?een)\b")
_CAR_NOUN = re.compile(r"\b(?:autos?|wagens?|occasions?|cars?|voertuig|vehicle)\b")
_KEYS = ("make", "model", "fuel", "transmission", "body_type")


@dataclass(frozen=True)
class Extraction:
    entities: dict[str, Any]
    negated: dict[str, Any]
    mentions: tuple[Mention, ...]


def _is_negated(norm: str, start: int, end: int, key: str) -> bool:
    before = norm[max(0, start - 40):start]
    before = re.split(r"[,.;!?:()]", before)[-1]
    pattern = _NEG_BEFORE_CAR if key in ("make", "model") else _NEG_BEFORE
    m = pattern.search(before)
    if m is not None and not _NEG_BREAK.search(m.group("gap")):
        return True
    if key in ("fuel", "transmission", "body_type"):
        return bool(_NEG_AFTER.match(norm[end:end + 20]))
    return False


def extract(norm: str) -> Extraction:
    """Entities the customer wants, entities they rule out, and the raw vocabulary mentions."""
    spans = [(m.start(), m.end()) for m in _TOKEN.finditer(norm)]
    toks = [norm[s:e] for s, e in spans]
    mentions = find_mentions(toks, norm)
    wanted: dict[str, str] = {}
    negated: dict[str, str] = {}
    blocked: list[tuple[int, int]] = []
    for mention in mentions:
        start, end = spans[mention.start][0], spans[mention.end - 1][1]
        if mention.key == "model" and any(ch.isdigit() for ch in norm[start:end]):
            blocked.append((start, end))
        if _is_negated(norm, start, end, mention.key):
            negated.setdefault(mention.key, mention.value)
            continue
        current = wanted.get(mention.key)
        if current is None or (mention.key == "fuel" and mention.value == "hybride"):
            # a plug-in hybrid is often described as "deels elektrisch"; hybride is the label
            wanted[mention.key] = mention.value
    entities: dict[str, Any] = {k: wanted[k] for k in _KEYS if k in wanted}
    for key, value in list(negated.items()):
        if wanted.get(key) == value:
            del negated[key]
    car_context = bool(mentions) or bool(_CAR_NOUN.search(norm))
    qty = extract_quantities(norm, blocked, car_context)
    if qty.budget_max is not None:
        entities["budget_max"] = qty.budget_max
    if qty.year_min is not None:
        entities["year_min"] = qty.year_min
    if qty.mileage_max is not None:
        entities["mileage_max"] = qty.mileage_max
    if URGENCY.search(norm):
        entities["urgency"] = True
    return Extraction(entities, negated, tuple(mentions))
