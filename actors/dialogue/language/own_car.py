"""The customer's own car: "mijn Opel Zafira uit 2012", "ik heb nog een 508 SW die ik wil inruilen".

A car the customer owns must never become the car they are looking for. `find_own_car`
returns what the clause says about it and the span of text it takes, so the reader can
blank that span out before it looks for the wanted car.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from actors.dialogue.language.cues import OWN_CAR
from actors.dialogue.language.lexicon import find_mentions
from actors.dialogue.language.numbers import extract_quantities
from actors.dialogue.language.other_models import OTHER_MAKES, OtherModel, find_other_model
from actors.dialogue.language.reading import OwnCar
from integrations.stock import MODEL_MAKE

_TOKEN = re.compile(r"[a-z0-9]+")
# Dutch licence plates in the current side codes: 12-ABC-3, AB-123-C, 1-ABC-23, …
_PLATE = re.compile(r"\b(?=[a-z0-9-]*[a-z])(?=[a-z0-9-]*\d)[a-z0-9]{1,3}-[a-z0-9]{1,3}-[a-z0-9]{1,3}\b")
_YEAR = re.compile(r"\b(?:uit|van|from|bouwjaar|bj|year|of)\s*(?P<y>19[89]\d|20[0-3]\d)\b|\b(?P<y2>19[89]\d|20[0-3]\d)\b")
_KM = re.compile(r"\b(?P<n>\d{1,3}(?:[.,]\d{3})+|\d{2,6})\s*(?P<k>k|dkm|duizend)?\s*(?:km|kilometers?|kms|miles)\b|"
                 r"\b(?P<n2>\d{1,3})\s*dkm\b")
_TAIL = 60  # characters after the car's name that may still describe it ("uit 2012 met 165.000 km")


@dataclass(frozen=True)
class OwnCarHit:
    car: OwnCar
    start: int
    end: int


def find_own_car(norm: str, *, known_model: str | None = None, context: bool = False) -> OwnCarHit | None:
    """The customer's own car in `norm`, or None.

    A possessive ("mijn", "my", "ik heb een") right before a car name marks it; so does
    "het is een …" when `context` says a trade-in is being discussed, and the model of a
    trade-in already known (`known_model`) wherever it is named again.
    """
    for m in OWN_CAR.finditer(norm):
        if m.group(0).startswith(("het is", "it")) and not context:
            continue
        if m.group(0).startswith(("ik heb", "ik rijd", "i have", "i drive", "i own")) and not context \
                and not re.search(r"inruil|trade|taxat|verkopen|sell|kwijt|weg\b", norm):
            continue
        hit = _car_after(norm, m.end(), possessive=True)
        if hit is not None:
            return OwnCarHit(hit[0], m.start(), hit[1])
    if known_model:
        pattern = re.compile(r"\b" + re.escape(known_model.lower()) + r"\b")
        known = pattern.search(norm)
        if known is not None:
            hit = _car_after(norm, max(0, known.start() - 12), possessive=True)
            if hit is not None:
                return OwnCarHit(hit[0], known.start(), hit[1])
            return OwnCarHit(OwnCar(model=known_model), known.start(), known.end())
    return None


def details(norm: str) -> OwnCar:
    """Year, km and licence plate stated on their own ("hij heeft 165.000 km gelopen")."""
    year = _YEAR.search(norm)
    return OwnCar(year=int(year.group("y") or year.group("y2")) if year else None, km=_km(norm),
                  plate=_plate(norm))


def _car_after(norm: str, at: int, possessive: bool) -> tuple[OwnCar, int] | None:
    window = norm[at:at + 40]
    if (year := re.match(r"\s*(19[89]\d|20[0-3]\d)\s+", window)) is not None:
        window_start = at + year.end()
        lead_year: int | None = int(year.group(1))
    else:
        window_start, lead_year = at, None
    head = norm[window_start:window_start + 35]
    words = _TOKEN.findall(head)[:5]
    if not words:
        return None
    make = model = None
    end = window_start
    mentions = find_mentions(words, head)
    for mention in mentions:
        if mention.start > 4:
            break
        if mention.key == "make" and make is None:
            make = mention.value
        elif mention.key == "model" and model is None:
            model = mention.value
    other = find_other_model(head, make)
    if other is None and possessive:
        other = _guarded_other(head)
    if other is not None and other[1] <= 20:
        make = make or other[0].make
        model = other[0].name if model is None or other[1] < head.find(model.lower()) else model
    if make is None and words[0] in OTHER_MAKES:
        make = OTHER_MAKES[words[0]]
    if make is None and model is not None and model in MODEL_MAKE:
        make = MODEL_MAKE[model]
    if make is None and model is None:
        return None
    # The car's own words end where its description ends: the name, then "uit 2012", "met 165.000 km".
    name_end = _name_end(head, make, model)
    end = window_start + name_end
    tail = norm[end:end + _TAIL]
    stop = re.search(r"[?!;.]\s|[?!;]|,\s*(?:hoe|wat|welke|kan|is|en|maar|and|but|what|how|can)\b|"
                     r"\b(?:en|maar|and|but) (?!\d)|\b(?:inruil\w*|trade|voor|zoek\w*|die|dat|which|that|willen|wil)\b", tail)
    tail = tail[:stop.start()] if stop else tail
    year_m = _YEAR.search(tail)
    car = OwnCar(make=make, model=model, year=lead_year or (int(year_m.group("y") or year_m.group("y2")) if year_m else None),
                 km=_km(tail), plate=_plate(tail))
    return car, end + len(tail.rstrip())


def _guarded_other(head: str) -> tuple[OtherModel, int] | None:
    # "mijne 307": after a possessive, a bare type number is the customer's car.
    m = re.match(r"\s*(?:oude |huidige |vorige |eigen )?(\d{3,4})\b", head)
    if m:
        return find_other_model(f"peugeot {m.group(1)}")
    return None


def _name_end(head: str, make: str | None, model: str | None) -> int:
    end = 0
    for name in (make, model):
        if not name:
            continue
        for form in {name.lower(), name.lower().replace("-", " "), name.lower().split()[0]}:
            i = head.find(form)
            if i >= 0:
                end = max(end, i + len(form))
                break
    m = re.match(r"[ a-z0-9.]{0,12}?\b(?:sw|station|combi|estate|variant|touring|break|tourer|avant)\b", head[end:])
    return end + (m.end() if m else 0)


def _km(text: str) -> int | None:
    m = _KM.search(text)
    if not m:
        q = extract_quantities(text)
        return q.mileage_max
    if m.group("n2"):
        return int(m.group("n2")) * 1000
    value = int(re.sub(r"[.,]", "", m.group("n")))
    return value * 1000 if m.group("k") else value


def _plate(text: str) -> str | None:
    m = _PLATE.search(text)
    return m.group(0).upper() if m else None
