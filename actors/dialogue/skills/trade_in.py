"""Skill: the customer's own car as a trade-in — collected apart from the car they are buying.

The make, model, year, km and plate are gathered across messages; the wanted car, the
search and the booking are never touched by them. No trade-in price is ever named: that
takes a valuation of the car itself.
"""

from __future__ import annotations

from actors.dialogue import wording
from actors.dialogue.context import Turn
from actors.dialogue.language.reading import Act, OwnCar
from actors.dialogue.model import Expect

_MISSING = {"nl": {"year": "het bouwjaar", "km": "de kilometerstand", "car": "het merk en model"},
            "en": {"year": "the year", "km": "the mileage", "car": "the make and model"}}


def _name(car: OwnCar, lang: str) -> str:
    words = " ".join(x for x in (car.make, car.model) if x)
    if not words:
        words = "current car" if lang == "en" else "huidige auto"
    return words


async def trade_in(t: Turn, act: Act, more_to_say: bool = False) -> None:
    """Note what the customer told about their car, ask for what is still missing, explain how it works."""
    if not t.once("trade_in"):
        if act.own_car:
            t.model.trade_in = (t.model.trade_in or OwnCar()).merged(act.own_car)
        return
    known = (t.model.trade_in or OwnCar()).merged(act.own_car or OwnCar())
    t.model.trade_in = known
    lang = t.lang
    valuation = "wat geef" in act.clause or "what would you" in act.clause or "waard" in act.clause or \
        "geven voor" in act.clause or "how much" in act.clause
    how = "hoe werkt" in act.clause or "how does" in act.clause or "hoe gaat" in act.clause
    missing = [k for k, v in (("car", known.make or known.model), ("year", known.year), ("km", known.km)) if not v]
    name = _name(known, lang)
    if valuation:
        t.say("trade_in_value")
    if how or (valuation and missing):
        t.add(t.topic("trade_in_process"))
    if missing and not how:
        words = wording.join([_MISSING["en" if lang == "en" else "nl"][m] for m in missing], lang)
        t.say("trade_in_ask", car=name, missing=words)
        t.model.expect = Expect.TRADE_IN_DETAILS
        return
    if not how:
        t.say("trade_in_noted", car=_described(known, lang))
    t.model.expect = Expect.NOTHING
    t.note("trade_in", f"Inruil: {_described(known, 'nl')}"
                       + (f", kenteken {known.plate}" if known.plate else "") + ". Graag taxeren.")


def _described(car: OwnCar, lang: str) -> str:
    parts = [_name(car, lang)]
    if car.year:
        parts.append(f"{'from' if lang == 'en' else 'uit'} {car.year}")
    if car.km:
        parts.append(f"{'with' if lang == 'en' else 'met'} {wording.km(car.km, lang)}")
    return " ".join(parts)
