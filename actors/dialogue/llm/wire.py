"""The reading as a language model writes it: a closed JSON shape, validated, then made a `Reading`.

The model answers with `WireReading` (sent to it as a strict JSON Schema). Everything in it is
a choice from a closed set — an act kind, a stock id from the prompt, a knowledge topic id, a
field name, a clock time — so a misread message can at worst pick the wrong act; it can never
carry a price, a slot or a promise into the reply. `to_reading` checks every reference against
what the conversation holds and raises `Unsupported` for anything that is not there, which the
caller treats like any other model failure: the rule reader answers.

`from_reading` writes a rule reading in the same shape; tests and the oracle fake use it to
script a model that reads exactly as the rules do.
"""

from __future__ import annotations

import copy
import re
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field as PydanticField

from actors.dialogue.language.facts import Field, Key, Rank
from actors.dialogue.language.lexicon import MAKES, MODELS
from actors.dialogue.language.normalize import normalize
from actors.dialogue.language.other_models import OTHER_MAKES, find_other_model
from actors.dialogue.language.reading import Act, ActKind, Criteria, OwnCar, Reading
from actors.dialogue.language.understanding import Understanding
from actors.dialogue.language.when import Shift, When
from integrations.knowledge import Knowledge
from integrations.stock import Car

MAX_ACTS = 6
_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
CRITERIA_FIELDS = ("make", "model", "fuel", "transmission", "body_type", "color")
PREFERENCES = ("low_km", "new", "cheap", "small", "large", "economical")
RELATIVES = ("cheaper", "newer", "less_km", "larger", "smaller")
FEATURES = ("awd",)


class Unsupported(ValueError):
    """The model's reading names something the conversation does not hold."""


class _Wire(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class WireWhen(_Wire):
    date: str | None = PydanticField(description="YYYY-MM-DD when a calendar day is meant (resolve 'morgen', 'zaterdag')")
    weekday: int | None = PydanticField(description="0=Monday … 6=Sunday, only when no date is given")
    times: list[str] = PydanticField(description="clock times HH:MM (24h), most likely first")
    part: list[int] | None = PydanticField(description="[from_hour, to_hour) for a part of day ('s middags' = [12, 18])")
    after: str | None = PydanticField(description="HH:MM: not before this time")
    before: str | None = PydanticField(description="HH:MM: before this time")
    approx: bool
    week: int | None = PydanticField(description="weeks ahead: 'volgende week' = 1")
    weekend: bool
    same_time: bool = PydanticField(description="'zelfde tijd': the time named before")


class WireShift(_Wire):
    days: int
    minutes: int
    later_same_day: bool
    earlier_same_day: bool


class WireValues(_Wire):
    make: list[str]
    model: list[str]
    fuel: list[str]
    transmission: list[str]
    body_type: list[str]
    color: list[str]


class WireCriteria(_Wire):
    require: WireValues
    exclude: WireValues
    widen: list[Literal["make", "model", "fuel", "transmission", "body_type", "color"]]
    budget_max: int | None
    budget_soft: bool
    price_min: int | None
    year_min: int | None
    mileage_max: int | None
    prefer: list[Literal["low_km", "new", "cheap", "small", "large", "economical"]]
    replace: bool
    refers_back: bool
    wanted: str | None = PydanticField(description="a make/model asked for that is not in stock, as written")
    relative: Literal["cheaper", "newer", "less_km", "larger", "smaller"] | None
    features: list[Literal["awd"]]
    unknown: list[str] = PydanticField(description="wishes the stock does not record ('trekhaak'), as written")
    similar: bool
    more: bool


class WireOwnCar(_Wire):
    make: str | None
    model: str | None
    year: int | None
    km: int | None
    plate: str | None = PydanticField(description="the kenteken, only when the customer wrote it")


class WireRank(_Wire):
    key: Literal["price_eur", "year", "mileage_km", "power_hp", "consumption_l_100km", "range_km"]
    lowest: bool


class WireAct(_Wire):
    kind: ActKind
    clause: str = PydanticField(description="the words of the message this act was read from, copied verbatim")
    cars: list[str] = PydanticField(description="stock ids of the cars meant, from the conversation or the catalogue")
    named: bool = PydanticField(description="the customer named the car rather than pointing at it")
    fields: list[Field]
    rank: WireRank | None
    topics: list[str] = PydanticField(description="knowledge topic ids")
    holidays: list[str] = PydanticField(description="holiday keys as listed")
    when: WireWhen | None
    shift: WireShift | None
    position: int | None = PydanticField(description="0-based position in the list the customer points into")
    criteria: WireCriteria | None
    own_car: WireOwnCar | None
    amount: int | None = PydanticField(description="euros the customer offers for a car")
    application: bool = PydanticField(description="applies for financing (not just a question)")
    missing: str | None = PydanticField(description="a car named that is not in stock, as written")


class WireReading(_Wire):
    language: Literal["nl", "en"]
    acts: list[WireAct] = PydanticField(min_length=1, max_length=MAX_ACTS)


def json_schema() -> dict[str, Any]:
    """`WireReading` as a strict JSON Schema: every property required (null where optional), no
    extra properties, no defaults — the subset structured-output servers enforce."""
    schema = copy.deepcopy(WireReading.model_json_schema())

    def strict(node: Any) -> None:
        if isinstance(node, dict):
            node.pop("default", None)
            node.pop("title", None)
            if node.get("type") == "object" and "properties" in node:
                node["additionalProperties"] = False
                node["required"] = list(node["properties"])
            for value in node.values():
                strict(value)
        elif isinstance(node, list):
            for value in node:
                strict(value)

    strict(schema)
    # Servers reject length bounds on arrays in strict mode; pydantic still checks them.
    schema["properties"]["acts"].pop("minItems", None)
    schema["properties"]["acts"].pop("maxItems", None)
    return schema


# -- from the wire to a Reading ----------------------------------------------------------------------

def _clock(text: str | None, what: str) -> tuple[int, int] | None:
    if text is None:
        return None
    m = _HHMM.match(text.strip())
    if m is None:
        raise Unsupported(f"{what}: not a clock time")
    return int(m.group(1)), int(m.group(2))


def _when(w: WireWhen, today: date) -> When:
    day: date | None = None
    if w.date is not None:
        try:
            day = date.fromisoformat(w.date)
        except ValueError:
            raise Unsupported("when.date: not a date") from None
        if not today.replace(year=today.year - 1) <= day <= today.replace(year=today.year + 2):
            raise Unsupported("when.date: out of range")
    if w.weekday is not None and not 0 <= w.weekday <= 6:
        raise Unsupported("when.weekday")
    part: tuple[int, int] | None = None
    if w.part is not None:
        if len(w.part) != 2 or not 0 <= w.part[0] < w.part[1] <= 24:
            raise Unsupported("when.part")
        part = (w.part[0], w.part[1])
    if w.week is not None and not 0 <= w.week <= 8:
        raise Unsupported("when.week")
    times = tuple(t for t in (_clock(x, "when.times") for x in w.times[:4]) if t is not None)
    return When(day=day, weekday=w.weekday, times=times, part=part, after=_clock(w.after, "when.after"),
                before=_clock(w.before, "when.before"), approx=w.approx, week=w.week, weekend=w.weekend,
                same_time=w.same_time)


class _Catalogue:
    """The closed sets a reading may name, from the stock and the knowledge file."""

    def __init__(self, stock: tuple[Car, ...], knowledge: Knowledge) -> None:
        self.ids = {c.stock_id for c in stock}
        self.values: dict[str, dict[str, str]] = {name: {} for name in CRITERIA_FIELDS}
        for car in stock:
            for name in CRITERIA_FIELDS:
                value = str(getattr(car, name))
                self.values[name][value.casefold()] = value
        self.topics = {t.id for t in knowledge.topics}
        self.holidays = {h.date for h in knowledge.holidays}

    def value(self, name: str, given: str) -> str:
        found = self.values[name].get(given.strip().casefold()) or _known_car_name(name, given)
        if found is None:
            raise Unsupported(f"criteria.{name}: not a stock value")
        return found


def _known_car_name(name: str, given: str) -> str | None:
    """A make or model the stock lacks but the reader's vocabulary knows ("Focus", "Ioniq 5"): the
    search skill then says honestly it is not in stock. Any other text stays out of the frame."""
    key = given.strip().casefold()
    if name == "make":
        makes = {m.casefold(): m for m in (*MAKES, *OTHER_MAKES.values())}
        makes.update({alias: m for m, aliases in MAKES.items() for alias in aliases})
        return makes.get(key)
    if name == "model":
        models = {m.casefold(): m for m in MODELS}
        if key in models:
            return models[key]
        other = find_other_model(normalize(given))
        return other[0].name if other is not None and other[0].name.casefold() == key else None
    return None


def _car_name(text: str | None, what: str) -> str | None:
    """A car name the skills may repeat to the customer ("een Superb hebben we nu niet"): a known
    make and/or model, so no other words of the model's can reach a reply."""
    text = _short(text)
    if text is None:
        return None
    words = text.split()
    for cut in range(len(words), -1, -1):
        make = _known_car_name("make", " ".join(words[:cut])) if cut else None
        if cut and make is None:
            continue
        rest = " ".join(words[cut:])
        model = _known_car_name("model", rest) if rest else None
        if (make or model) and (not rest or model):
            return " ".join(x for x in (make, model) if x)
    raise Unsupported(f"{what}: not a known car name")


def _customer_words(items: list[str], norm: str) -> tuple[str, ...]:
    # Wishes the stock does not record are repeated in the reply ("een trekhaak zie ik niet"):
    # only words the customer wrote.
    out = []
    for item in items[:5]:
        words = normalize(item).strip(" ,.;!?")
        if words and words in norm:
            out.append(words[:40])
    return tuple(out)


def _values(v: WireValues, cat: _Catalogue) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for name in CRITERIA_FIELDS:
        given: list[str] = getattr(v, name)
        if given:
            out[name] = tuple(dict.fromkeys(cat.value(name, x) for x in given))
    return out


def _short(text: str | None, limit: int = 60) -> str | None:
    if text is None:
        return None
    text = " ".join(text.split())[:limit]
    return text or None


def _criteria(c: WireCriteria, cat: _Catalogue, norm: str) -> Criteria:
    for amount in (c.budget_max, c.price_min, c.mileage_max):
        if amount is not None and not 0 < amount <= 10_000_000:
            raise Unsupported("criteria: amount out of range")
    if c.year_min is not None and not 1950 <= c.year_min <= 2100:
        raise Unsupported("criteria.year_min")
    return Criteria(
        require=_values(c.require, cat), exclude=_values(c.exclude, cat), widen=tuple(dict.fromkeys(c.widen)),
        budget_max=c.budget_max, budget_soft=c.budget_soft, price_min=c.price_min, year_min=c.year_min,
        mileage_max=c.mileage_max, prefer=tuple(dict.fromkeys(c.prefer)), replace=c.replace, refers_back=c.refers_back,
        wanted=_car_name(c.wanted, "criteria.wanted"), relative=c.relative, features=tuple(dict.fromkeys(c.features)),
        unknown=_customer_words(c.unknown, norm), similar=c.similar, more=c.more)


def _clause(given: str, norm: str) -> str:
    # The skills read a few words of the clause ("wat geef je voor…"): only the customer's own words
    # may get there, so a clause that is not part of the message becomes the whole message.
    clause = normalize(given).strip(" ,.;!?")
    return clause if clause and clause in norm else norm.strip()


def _act(a: WireAct, norm: str, cat: _Catalogue, today: date) -> Act:
    unknown = [i for i in a.cars if i not in cat.ids]
    if unknown:
        raise Unsupported("cars: not a stock id")
    if any(t not in cat.topics for t in a.topics):
        raise Unsupported("topics: not a knowledge topic")
    if any(h not in cat.holidays for h in a.holidays):
        raise Unsupported("holidays: not a listed holiday")
    if a.position is not None and not 0 <= a.position < 20:
        raise Unsupported("position out of range")
    if a.amount is not None and not 0 < a.amount <= 10_000_000:
        raise Unsupported("amount out of range")
    shift = Shift(days=a.shift.days, minutes=a.shift.minutes, later_same_day=a.shift.later_same_day,
                  earlier_same_day=a.shift.earlier_same_day) if a.shift else None
    if shift is not None and not (abs(shift.days) <= 60 and abs(shift.minutes) <= 24 * 60):
        raise Unsupported("shift out of range")
    own = a.own_car
    return Act(
        kind=a.kind, clause=_clause(a.clause, norm), cars=tuple(dict.fromkeys(a.cars)), named=a.named,
        fields=tuple(dict.fromkeys(a.fields)), rank=Rank(Key(a.rank.key), a.rank.lowest) if a.rank else None,
        topics=tuple(dict.fromkeys(a.topics)), holidays=tuple(dict.fromkeys(a.holidays)),
        when=_when(a.when, today) if a.when else None, shift=shift, position=a.position,
        criteria=_criteria(a.criteria, cat, norm) if a.criteria else None,
        own_car=OwnCar(make=_short(own.make, 30), model=_short(own.model, 30), year=own.year, km=own.km,
                       plate=_short(own.plate, 12)) if own else None,
        amount=a.amount, application=a.application, missing=_car_name(a.missing, "missing"))


def to_reading(wire: WireReading, text: str, contract: Understanding, stock: tuple[Car, ...], knowledge: Knowledge,
               today: date) -> Reading:
    """The `Reading` the skills act on; raises `Unsupported` when a reference is not in the conversation.

    The report's intent, entities and lead signals stay those of the NLU contract: they are
    what `seldenrijk nlu` promises, whichever reader the dialogue used.
    """
    cat = _Catalogue(stock, knowledge)
    norm = normalize(text or "")
    acts = tuple(_act(a, norm, cat, today) for a in wire.acts)
    return Reading(text, wire.language, acts, contract.intent, contract.entities, contract.signals)


# -- from a Reading to the wire (the oracle) ----------------------------------------------------------

def _hhmm(clock: tuple[int, int] | None) -> str | None:
    return None if clock is None else f"{clock[0] % 24:02d}:{clock[1]:02d}"


def _wire_values(values: dict[str, tuple[str, ...]]) -> dict[str, list[str]]:
    return {name: list(values.get(name, ())) for name in CRITERIA_FIELDS}


def from_reading(reading: Reading) -> dict[str, Any]:
    """A rule reading as the model would write it (the JSON body of a scripted answer)."""
    acts = []
    for a in reading.acts[:MAX_ACTS]:
        w, c, o = a.when, a.criteria, a.own_car
        acts.append({
            "kind": a.kind.value, "clause": a.clause, "cars": list(a.cars), "named": a.named,
            "fields": [f.value for f in a.fields],
            "rank": {"key": a.rank.key.value, "lowest": a.rank.lowest} if a.rank else None,
            "topics": list(a.topics), "holidays": list(a.holidays),
            "when": {"date": w.day.isoformat() if w.day else None, "weekday": w.weekday,
                     "times": [_hhmm(t) for t in w.times], "part": list(w.part) if w.part else None,
                     "after": _hhmm(w.after), "before": _hhmm(w.before), "approx": w.approx, "week": w.week,
                     "weekend": w.weekend, "same_time": w.same_time} if w is not None else None,
            "shift": {"days": a.shift.days, "minutes": a.shift.minutes, "later_same_day": a.shift.later_same_day,
                      "earlier_same_day": a.shift.earlier_same_day} if a.shift is not None else None,
            "position": a.position,
            "criteria": {"require": _wire_values(c.require), "exclude": _wire_values(c.exclude), "widen": list(c.widen),
                         "budget_max": c.budget_max, "budget_soft": c.budget_soft, "price_min": c.price_min,
                         "year_min": c.year_min, "mileage_max": c.mileage_max, "prefer": list(c.prefer),
                         "replace": c.replace, "refers_back": c.refers_back, "wanted": c.wanted,
                         "relative": c.relative, "features": list(c.features), "unknown": list(c.unknown),
                         "similar": c.similar, "more": c.more} if c is not None else None,
            "own_car": {"make": o.make, "model": o.model, "year": o.year, "km": o.km, "plate": o.plate} if o is not None else None,
            "amount": a.amount, "application": a.application, "missing": a.missing,
        })
    return {"language": reading.language if reading.language in ("nl", "en") else "nl", "acts": acts}
