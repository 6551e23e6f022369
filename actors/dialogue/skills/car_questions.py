"""Skill: questions about cars — a fact of the car in focus, two side by side, which to take.

Every answer is read off the stock record. A fact the record does not hold (options, power
when the feed has none) is never guessed: the customer hears that, and a colleague can check.
The best of a search by one key is `ranking.py`.
"""

from __future__ import annotations

import re
from typing import Sequence

from actors.dialogue import wording
from actors.dialogue.context import Turn
from actors.dialogue.language.facts import Field, colour_adjective, feature_words, read_colour
from actors.dialogue.language.lexicon import find_mentions
from actors.dialogue.language.reading import Act
from actors.dialogue.model import Expect
from actors.dialogue.skills import search as search_skill
from integrations.stock import Car

_TOKEN = re.compile(r"[a-z0-9]+")
_KWH = re.compile(r"(\d+(?:[.,]\d)?)\s*kwh", re.I)
# Fields the stock feed may carry as optional columns, and how they are named in a reply.
_EXTRA = {Field.POWER: ("power_hp", "Vermogen", "Power", "{} pk"), Field.DOORS: ("doors", "Aantal deuren", "Doors", "{}"),
          Field.SEATS: ("seats", "Zitplaatsen", "Seats", "{}"),
          Field.CONSUMPTION: ("consumption_l_100km", "Verbruik", "Consumption", "{} l/100 km"),
          Field.RANGE: ("range_km", "Actieradius (WLTP)", "Range (WLTP)", "{} km"),
          Field.WARRANTY: ("warranty_months", "Garantie", "Warranty", "{} maanden"),
          Field.APK: ("apk_until", "APK geldig tot", "MOT valid until", "{}"),
          Field.OPTIONS: ("options", "Opties", "Options", "{}")}
_UNKNOWN_NAME = {"nl": {Field.POWER: "Het vermogen", Field.DOORS: "Het aantal deuren", Field.SEATS: "Het aantal zitplaatsen",
                        Field.CONSUMPTION: "Het verbruik", Field.RANGE: "De actieradius", Field.OPTIONS: "De uitrusting",
                        Field.DAMAGE: "De schadehistorie", Field.HISTORY: "De historie", Field.PLATE: "Het kenteken",
                        Field.BATTERY: "De accucapaciteit", Field.WARRANTY: "De garantie", Field.APK: "De APK-datum",
                        Field.BOOT: "De inhoud van de kofferbak"},
                 "en": {Field.POWER: "power", Field.DOORS: "number of doors", Field.SEATS: "number of seats",
                        Field.CONSUMPTION: "fuel consumption", Field.RANGE: "range", Field.OPTIONS: "equipment",
                        Field.DAMAGE: "damage history", Field.HISTORY: "history", Field.PLATE: "licence plate",
                        Field.BATTERY: "battery capacity", Field.WARRANTY: "warranty", Field.APK: "MOT date",
                        Field.BOOT: "boot capacity"}}
# Topics in the knowledge file that answer a field for any car, when the record has no value.
_KNOWLEDGE_FOR = {Field.WARRANTY: "warranty", Field.APK: "apk", Field.RANGE: "ev_range", Field.HISTORY: "history",
                  Field.DAMAGE: "history"}


# What only the car's own papers can tell: the general answer is given, and a colleague offered for this car.
_RECORD_ONLY = frozenset({Field.HISTORY, Field.DAMAGE})
_SIMPLE = (Field.PRICE, Field.KM, Field.YEAR, Field.COLOUR, Field.FUEL, Field.BODY)
_PLUGIN = re.compile(r"\b(?:phev|ehybrid|e-hybrid|gte|recharge|330e|plug-?in|e-tron)\b", re.I)
_CAR_POINTER = re.compile(r"\b(?:hij|die|ie|hem|deze|de auto|die auto|the car|he|she)\b")
_THING_POINTER = re.compile(r"\b(?:dat|dit|het|that|this|it)\b")


async def facts(t: Turn, act: Act, more_to_say: bool = False) -> None:
    """Answer each asked field for the car(s) referred to, in the order asked."""
    if act.missing and not act.cars:
        await search_skill.search(t, act, more_to_say)
        return
    if _about_last_topic(t, act):
        t.add(t.topic(t.model.topic or ""))  # "brengen jullie ook thuis?" … "wat kost dat ongeveer?"
        return
    shown = t.cars(t.model.shown)
    if not act.cars and not t.model.focus and len(shown) > 1 and _WHICH.match(act.clause) and act.fields \
            and all(_answer_unknown(c, f) for c in shown for f in act.fields):
        unknown_for_all(t, shown, act.fields[0])  # "welke heeft de grootste kofferbak?": not one car's question
        return
    cars = t.cars(act.cars) or t.cars([t.model.focus] if t.model.focus else t.model.shown[:1])
    if not cars:
        t.say("which_car")
        return
    asked_colour = read_colour(act.clause)
    if asked_colour and len(cars) > 1 and not any(c.color.lower().startswith(asked_colour) for c in cars):
        # "is de zwarte polo nog te koop?" and no Polo is black: say so before showing the ones there are
        t.say("colour_not_in_stock", colour=colour_adjective(asked_colour, t.lang), model=cars[0].model)
    if len(cars) > 1 and (act.named or Field.AVAILABLE in act.fields):
        # "wat kost de golf?" with five Golfs: each one, with the facts asked
        if Field.AVAILABLE in act.fields or Field.MORE in act.fields:
            search_skill.present(t, cars, more_to_say)
            return
        t.add("\n".join(f"• {wording.car_line(car, t.lang)}" for car in cars[:5]))
        t.model.show([c.stock_id for c in cars])
        return
    car = cars[0]
    t.model.focus = car.stock_id
    lines: list[str] = []
    fragments: list[str] = []
    unknown: list[Field] = []
    for field in act.fields:
        if field in _SIMPLE and not (field == Field.FUEL and car.fuel in ("elektrisch", "hybride")):
            fragments.append(_fragment(t, car, field))
            continue
        line = _answer(t, car, field, act.clause)
        if line and line not in lines and not any(line in other for other in lines):
            lines.append(line)
        if line is None or (field in _RECORD_ONLY and not _extra(t, car, field)):
            unknown.append(field)  # the general rule was given; this car's own history is for a colleague
    if fragments:
        lines.insert(0, t.text(_sentence_key(car, act), car=car.title, facts=wording.join(fragments, t.lang)))
    for line in lines:
        t.add(line)
    if unknown:
        _unknown(t, car, unknown[0], act.clause)
    elif act.named and Field.AVAILABLE in act.fields and not more_to_say:
        search_skill.invite(t, "invite_one")


def _sentence_key(car: Car, act: Act) -> str:
    """ "is hij rood?" names the colour it asks about: the answer opens with a yes or a no."""
    asked = read_colour(act.clause) if Field.COLOUR in act.fields else None
    if asked is None:
        return "fact_sentence"
    return "fact_sentence_yes" if car.color.lower().startswith(asked) else "fact_sentence_no"


def _about_last_topic(t: Turn, act: Act) -> bool:
    """ "wat kost dat?" right after a knowledge answer is about that answer, not about a car."""
    if t.model.last != "knowledge" or not t.model.topic or act.named or act.fields != (Field.PRICE,):
        return False
    return bool(_THING_POINTER.search(act.clause)) and not _CAR_POINTER.search(act.clause)


def _fragment(t: Turn, car: Car, field: Field) -> str:
    lang = t.lang
    if field == Field.PRICE:
        return t.text("frag_price", value=wording.euros(car.price_eur, lang))
    if field == Field.KM:
        return t.text("frag_km", value=wording.km(car.mileage_km, lang))
    if field == Field.YEAR:
        return t.text("frag_year", value=car.year)
    if field == Field.COLOUR:
        return t.text("frag_colour", value=wording.colour(car.color, lang))
    if field == Field.FUEL:
        return t.text("frag_fuel", value=wording.fuel(car.fuel, lang))
    body = wording.body(car.body_type, lang)
    return t.text("frag_body", value=body, a=wording.a_or_an(body))


def _answer(t: Turn, car: Car, field: Field, clause: str) -> str | None:
    """The reply line for one fact, "" to stay quiet about it, None when the record lacks it."""
    lang, name = t.lang, car.title
    if field == Field.TRANSMISSION:
        return _gearbox(t, car, clause)
    if field == Field.FUEL:
        if car.fuel == "hybride" and _PLUGIN.search(car.variant):
            return t.text("fact_plugin", car=name)
        return t.text("fact_fuel_ev" if car.fuel == "elektrisch" else "fact_fuel_hybrid", car=name)
    if field == Field.MORE:
        gear, body = wording.gearbox(car.transmission, lang), wording.body(car.body_type, lang)
        return t.text("fact_more", car=name, year=car.year, km=wording.km(car.mileage_km, lang),
                      a_gear=wording.a_or_an(gear), a_body=wording.a_or_an(body),
                      fuel=wording.fuel(car.fuel, lang), gear=gear, body=body, colour=wording.colour(car.color, lang),
                      price=wording.euros(car.price_eur, lang)) + (f"\n{car.url}" if car.url else "")
    if field == Field.AVAILABLE:
        return t.text("fact_available", car=name) + "\n" + wording.car_line(car, lang)
    if field == Field.PHOTOS:
        return t.text("fact_photos", car=name, url=car.url) if car.url else None
    if field == Field.BATTERY or (field == Field.RANGE and car.fuel == "elektrisch"):
        extra = _extra(t, car, field)
        if extra:
            return extra
        kwh = _KWH.search(car.variant)
        battery = t.text("fact_battery", car=name, value=f"{kwh.group(1)} kWh") if kwh else ""
        topic = _topic_once(t, "ev_range") if field == Field.RANGE else ""
        return "\n".join(x for x in (battery, topic) if x) or None
    extra = _extra(t, car, field)
    if extra:
        return extra
    known = _KNOWLEDGE_FOR.get(field)
    if known:
        return _topic_once(t, known) or ""
    return None


def _topic_once(t: Turn, topic: str) -> str:
    """A knowledge answer that also answers a car question, given once per turn."""
    if not t.once(f"topic:{topic}"):
        return ""
    t.model.topic = topic
    return t.topic(topic)


def _extra(t: Turn, car: Car, field: Field) -> str:
    spec = _EXTRA.get(field)
    value = getattr(car, spec[0], None) if spec else None
    if spec is None or value in (None, ""):
        return ""
    label = spec[2] if t.lang == "en" else spec[1]
    unit = spec[3] if t.lang != "en" else spec[3].replace("maanden", "months").replace("pk", "hp")
    return t.text("fact_extra", label=label, car=car.title, value=unit.format(value))


def _gearbox(t: Turn, car: Car, clause: str) -> str:
    """ "is het een automaat?" gets a yes or no; "handgeschakeld of automaat?" gets the gearbox."""
    toks = _TOKEN.findall(clause)
    asked = {m.value for m in find_mentions(toks, clause) if m.key == "transmission"}
    if len(asked) == 1:
        value = asked.pop()
        key = {("automaat", True): "fact_gear_yes", ("automaat", False): "fact_gear_no",
               ("handgeschakeld", True): "fact_gear_manual_yes", ("handgeschakeld", False): "fact_gear_manual_no"}
        return t.text(key[(value, car.transmission == value)], car=car.title)
    return t.text("fact_gear", car=car.title, value=wording.gearbox(car.transmission, t.lang))


_WHICH = re.compile(r"(?:en |and |maar |but )?(?:welke|which)\b")


def _answer_unknown(car: Car, field: Field) -> bool:
    """The record holds nothing for `field` (and no general rule answers it for any car)."""
    return field in _UNKNOWN_NAME["nl"] and field not in _KNOWLEDGE_FOR and not (
        field in _EXTRA and getattr(car, _EXTRA[field][0], None) not in (None, ""))


def unknown_for_all(t: Turn, cars: Sequence[Car], field: Field) -> None:
    """ "welke heeft het meeste vermogen?" when no record of them holds it: said so, a colleague offered."""
    names = _UNKNOWN_NAME["en" if t.lang == "en" else "nl"]
    t.say("rank_unknown", what=names.get(field, "Dat" if t.lang != "en" else "that"))
    if cars:
        t.model.expect = Expect.COLLEAGUE_CHECK
        t.model.check = f"{field.value} van {', '.join(f'{c.title} ({c.stock_id})' for c in cars[:5])}"


def _unknown(t: Turn, car: Car, field: Field, clause: str) -> None:
    """A fact the record does not hold: said so by name, and a colleague offered — never guessed."""
    feature = feature_words(clause) if field == Field.OPTIONS else ""
    if feature:
        t.say("fact_unknown_feature", car=car.title, feature=feature)
    else:
        names = _UNKNOWN_NAME["en" if t.lang == "en" else "nl"]
        t.say("fact_unknown", what=names.get(field, "Dat" if t.lang != "en" else "that"), car=car.title)
    t.model.expect = Expect.COLLEAGUE_CHECK
    t.model.check = f"{feature or field.value} van {car.title} ({car.stock_id})"


# -- comparing -----------------------------------------------------------------------------------

async def compare(t: Turn, act: Act, more_to_say: bool = False) -> None:
    """Two (or a few) cars side by side, and the difference that matters most."""
    cars = t.cars(act.cars)[:4]
    if len(cars) < 2:
        t.say("compare_which")
        return
    t.say("compare", cars="\n".join(f"• {wording.car_line(c, t.lang)}" for c in cars))
    if Field.PRICE in act.fields and len(cars) == 2 and cars[0].price_eur != cars[1].price_eur:
        cheap, dear = sorted(cars, key=lambda c: c.price_eur)
        t.say("price_difference", amount=wording.euros(dear.price_eur - cheap.price_eur, t.lang), car=cheap.title)
    diff = _difference(cars, t.lang)
    if diff:
        t.say("compare_diff", diff=diff)
    t.model.compared = [c.stock_id for c in cars]
    t.model.focus = None
    if not more_to_say:
        search_skill.invite(t, "invite_many")


def _difference(cars: Sequence[Car], lang: str) -> str:
    """ "de Suzuki Swift is handgeschakeld en rijdt op benzine; de Toyota Yaris is een automaat en rijdt hybride"."""
    parts = []
    gear = len({c.transmission for c in cars}) > 1
    fuel = len({c.fuel for c in cars}) > 1
    body = len({c.body_type for c in cars}) > 1
    same_model = len({(c.make, c.model) for c in cars}) < len(cars)
    for car in cars:
        bits = []
        if gear:
            bits.append(("is an " if lang == "en" and car.transmission == "automaat" else "is a " if lang == "en" else
                         "is een " if car.transmission == "automaat" else "is ") + wording.gearbox(car.transmission, lang))
        if fuel:
            bits.append(_runs_on(car.fuel, lang))
        if body:
            name = wording.body(car.body_type, lang)
            bits.append(("is " + wording.a_or_an(name) if lang == "en" else "is een ") + name)
        if not bits:
            if car is max(cars, key=lambda c: c.year) and len({c.year for c in cars}) > 1:
                bits.append("is newer" if lang == "en" else "is nieuwer")
            if car is min(cars, key=lambda c: c.mileage_km):
                bits.append("has the fewest km" if lang == "en" else "heeft de minste km")
            if car is min(cars, key=lambda c: c.price_eur) and len({c.price_eur for c in cars}) > 1:
                bits.append("is the cheapest" if lang == "en" else "is de goedkoopste")
        if bits:
            # two cars of one model are told apart by their full names
            name = car.title if same_model else f"{car.make} {car.model}"
            parts.append(f"{'the' if lang == 'en' else 'de'} {name} {wording.join(bits, lang)}")
    return "; ".join(parts)


def _runs_on(fuel: str, lang: str) -> str:
    """ "rijdt elektrisch", "is een hybride", "rijdt op diesel"."""
    if fuel == "elektrisch":
        return "is electric" if lang == "en" else "rijdt elektrisch"
    if fuel == "hybride":
        return "is a hybrid" if lang == "en" else "is een hybride"
    return ("runs on " if lang == "en" else "rijdt op ") + wording.fuel(fuel, lang)


# -- advice --------------------------------------------------------------------------------------

_CITY = re.compile(r"\b(?:file|files|stad|city|spits|traffic|stadsverkeer|parkeren)\b")
_LONG = re.compile(r"\b(?:snelweg|highway|motorway|lange afstand\w*|long distance\w*|veel (?:km|kilometers)|woon ?werk|"
                   r"30\.?000|forens\w*|commut\w*)\b")
_NOVICE = re.compile(r"\b(?:beginner|beginnend\w*|net (?:haar |zijn |mijn )?rijbewijs|eerste auto|first car|new driver|"
                     r"dochter|zoon|student)\b")
_FAMILY = re.compile(r"\b(?:gezin|kinderen|kids|family|hond|bagage|kinderwagen)\b")


async def advise(t: Turn, act: Act, more_to_say: bool = False) -> None:
    """ "welke raad je aan?": one car, chosen from what is on the table for the use named, with the facts why."""
    pool = t.cars(act.cars) or t.cars(t.model.compared) or t.cars(t.model.shown) or search_skill.matches_now(t)
    if not pool:
        t.say("which_car")
        return
    clause = act.clause
    prefer: list[str] = []
    reasons_for: list[str] = []
    if _CITY.search(clause):
        prefer, reasons_for = ["small"], ["automatic"]
    if _LONG.search(clause):
        prefer, reasons_for = ["economical", "new"], ["economical", "automatic"]
    if _NOVICE.search(clause):
        prefer, reasons_for = ["small", "cheap", "low_km"], ["small", "cheap"]
    if _FAMILY.search(clause):
        prefer, reasons_for = ["large"], ["large"]
    from actors.dialogue.frame import rank as rank_cars

    ranked = rank_cars(pool, prefer)
    if "automatic" in reasons_for:
        ranked = sorted(ranked, key=lambda c: 0 if c.transmission == "automaat" else 1)
    car = ranked[0]
    reasons = _reasons(car, pool, reasons_for, t.lang)
    t.say("advice", car=wording.car_line(car, t.lang), why=wording.join(reasons, t.lang))
    t.model.focus = car.stock_id
    if not more_to_say:
        search_skill.invite(t, "invite_one")


def _reasons(car: Car, pool: Sequence[Car], uses: list[str], lang: str) -> list[str]:
    """Facts that make this car the pick, from its record only."""
    en = lang == "en"
    out: list[str] = []
    if "automatic" in uses and car.transmission == "automaat":
        out.append("it's an automatic, relaxed in traffic" if en else "het is een automaat, fijn in de file")
    if "economical" in uses and car.fuel in ("hybride", "elektrisch"):
        out.append(f"as a{'n electric car' if car.fuel == 'elektrisch' else ' hybrid'} it is economical" if en else
                   f"als {'elektrische auto' if car.fuel == 'elektrisch' else 'hybride'} is hij zuinig")
    if len(pool) > 1:
        if car.year == max(c.year for c in pool):
            out.append(f"it's the newest ({car.year})" if en else f"hij is de nieuwste ({car.year})")
        if car.mileage_km == min(c.mileage_km for c in pool):
            out.append(f"it has the fewest km ({wording.km(car.mileage_km, lang)})" if en else
                       f"hij heeft de minste km ({wording.km(car.mileage_km, lang)})")
        if car.price_eur == min(c.price_eur for c in pool):
            out.append("it's the cheapest" if en else "hij is de voordeligste")
    if not out:
        out.append(f"good value: {car.year}, {wording.km(car.mileage_km, lang)} for {wording.euros(car.price_eur, lang)}"
                   if en else f"veel auto voor het geld: {car.year}, {wording.km(car.mileage_km, lang)} voor "
                              f"{wording.euros(car.price_eur, lang)}")
    return out
