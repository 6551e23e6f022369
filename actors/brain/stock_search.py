"""Find cars in stock for what the customer asked, and say so in one line per car.

`search` never returns an empty answer when something reasonable is close: when no car
fits every criterion it relaxes criteria one at a time in a fixed order (the ones customers
give up most easily first) and reports which ones it had to relax, so the reply can say
"geen automaat onder de 20k, wel deze handgeschakelde". Make and exclusions are never
relaxed: a customer who asked for a Toyota or said "geen diesel" meant it.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from dataclasses import dataclass, field, fields, replace
from types import MappingProxyType
from typing import Any, Callable, Mapping, Sequence

from integrations.stock import CANONICAL, MODEL_MAKE, Car, canonical_value

MAX_RESULTS = 3  # a WhatsApp reply with more cars than this stops being read
BUDGET_STRETCH = 1.15  # "onder de 20k" still gets a look at a 22.950 car when nothing else fits

# Value-for-money weights (lower score is better): price counts as a fraction of the budget,
# each year of age as 8% of it and each 10,000 km as 3%, roughly how fast a used car's value
# falls with age and use. A 19k car from 2021 then beats an 8k car from 2014 on a 20k budget.
_AGE_WEIGHT = 0.08
_MILEAGE_WEIGHT = 0.03 / 10_000

_CATEGORICAL = ("make", "model", "fuel", "transmission", "body_type")
_NUMERIC = ("budget_max", "year_min", "mileage_max")


def _model_key(name: str) -> str:
    # "1-serie", "1 Series", "a klasse", "id3", "Up!" must all meet the canonical model name.
    text = unicodedata.normalize("NFKD", name).casefold()
    text = text.replace("series", "serie").replace("class", "klasse")
    return re.sub(r"[^0-9a-z]", "", text)


@dataclass(frozen=True)
class Criteria:
    """What the customer wants; None means "no preference". Values are canonical (eval README)."""

    make: str | None = None
    model: str | None = None
    fuel: str | None = None
    transmission: str | None = None
    body_type: str | None = None
    budget_max: int | None = None
    year_min: int | None = None
    mileage_max: int | None = None
    # Values the customer ruled out, by field: {"fuel": "diesel"} for "geen diesel".
    exclude: Mapping[str, str] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        # A read-only copy keeps the dataclass honest about being frozen.
        object.__setattr__(self, "exclude", MappingProxyType(dict(self.exclude)))

    @classmethod
    def from_entities(
        cls, entities: Mapping[str, Any], negated: Mapping[str, Any] = MappingProxyType({})
    ) -> "Criteria":
        """Criteria from NLU entities; unknown keys (urgency) and unusable values are ignored."""
        values: dict[str, Any] = {}
        for key in _CATEGORICAL:
            if (value := _categorical(key, entities.get(key))) is not None:
                values[key] = value
        for key in _NUMERIC:
            value = entities.get(key)
            if isinstance(value, int) and not isinstance(value, bool) and value > 0:
                values[key] = value
        exclude = {key: v for key in _CATEGORICAL if (v := _categorical(key, negated.get(key))) is not None}
        return cls(**values, exclude=exclude)

    def merged(self, newer: "Criteria") -> "Criteria":
        """These criteria updated by a later message: its values win, its exclusions add up.

        A newer make drops an older model of another make ("een golf" then "of toch een
        opel?"), a newer model drops an older make it does not belong to, and a value
        wanted now cancels an earlier exclusion of it (and vice versa).
        """
        values = _positive(self)
        values.update({k: v for k, v in _positive(newer).items() if v is not None})
        if newer.make and self.model and newer.model is None and MODEL_MAKE.get(self.model) != newer.make:
            values["model"] = None
        if newer.model and self.make and newer.make is None and MODEL_MAKE.get(newer.model) != self.make:
            values["make"] = None
        exclude = {k: v for k, v in self.exclude.items() if getattr(newer, k, None) != v}
        exclude.update(newer.exclude)
        for key, value in newer.exclude.items():
            if values.get(key) == value:
                values[key] = None
        return Criteria(**values, exclude=exclude)

    def is_empty(self) -> bool:
        return not self.exclude and all(v is None for v in _positive(self).values())


@dataclass(frozen=True)
class SearchResult:
    """Up to three cars, best first.

    `exact` is False when no car fits every criterion; `matches` are then the closest
    alternatives and `relaxed` names the criteria they do not meet, in relaxation order
    (budget_max means "up to 15% over budget"). `total` counts every car that fits the
    criteria as (relaxed and) applied, so a reply can say "7 automaten, dit zijn de beste 3".
    """

    matches: tuple[Car, ...]
    exact: bool
    relaxed: tuple[str, ...] = ()
    total: int = 0


def search(cars: Sequence[Car], criteria: Criteria, limit: int = MAX_RESULTS) -> SearchResult:
    """The best `limit` (at most 3) cars for `criteria`, relaxing criteria when none fits.

    Relaxation order: mileage_max, year_min, body_type, transmission, fuel, budget_max
    (stretched by 15%), then model (keeping its make). The shortest prefix of that order that
    finds a car is taken, then every relaxation in it that turns out not to be needed is
    undone, so `relaxed` lists only criteria that really had to give.
    """
    limit = max(0, min(limit, MAX_RESULTS))
    steps = [name for name in _RELAXATIONS if _relaxable(criteria, name)]
    relaxed: list[str] = []
    found = _filter(cars, criteria)
    for name in steps:
        if found:
            break
        relaxed.append(name)
        found = _filter(cars, _relax(criteria, relaxed))
    if not found:
        return SearchResult(matches=(), exact=False, relaxed=(), total=0)
    # The last relaxation was needed; earlier ones may only have been on the way to it.
    for name in reversed(relaxed[:-1]):
        fewer = [r for r in relaxed if r != name]
        if narrower := _filter(cars, _relax(criteria, fewer)):
            relaxed, found = fewer, narrower
    ranked = sorted(found, key=_scorer(criteria, found))
    return SearchResult(matches=tuple(ranked[:limit]), exact=not relaxed, relaxed=tuple(relaxed), total=len(found))


def format_car_line(car: Car, lang: str) -> str:
    """ "Volkswagen Golf 1.5 TSI (2019, 68.000 km) — € 17.950" and the link on an indented line."""
    sep = "," if lang == "en" else "."
    line = f"{car.title} ({car.year}, {_thousands(car.mileage_km, sep)} km) — € {_thousands(car.price_eur, sep)}"
    return f"{line}\n   {car.url}" if car.url else line


_RELAXATIONS = ("mileage_max", "year_min", "body_type", "transmission", "fuel", "budget_max", "model")


def _relaxable(criteria: Criteria, name: str) -> bool:
    return getattr(criteria, name) is not None


def _relax(criteria: Criteria, names: Sequence[str]) -> Criteria:
    changes: dict[str, Any] = {}
    for name in names:
        if name == "budget_max":
            changes[name] = int(criteria.budget_max * BUDGET_STRETCH)  # type: ignore[operator]
        elif name == "model":
            # The NLU sets make only when the customer wrote it; dropping "Golf" must still keep Volkswagen.
            changes.update(model=None, make=criteria.make or MODEL_MAKE.get(criteria.model or ""))
        else:
            changes[name] = None
    return replace(criteria, **changes)


def _filter(cars: Sequence[Car], c: Criteria) -> list[Car]:
    return [car for car in cars if _fits(car, c)]


def _fits(car: Car, c: Criteria) -> bool:
    if c.make is not None and car.make.casefold() != c.make.casefold():
        return False
    if c.model is not None and _model_key(car.model) != _model_key(c.model):
        return False
    for key in ("fuel", "transmission", "body_type"):
        wanted = getattr(c, key)
        if wanted is not None and getattr(car, key).casefold() != wanted.casefold():
            return False
    if c.budget_max is not None and car.price_eur > c.budget_max:
        return False
    if c.year_min is not None and car.year < c.year_min:
        return False
    if c.mileage_max is not None and car.mileage_km > c.mileage_max:
        return False
    for key, unwanted in c.exclude.items():
        have = getattr(car, key, None)
        if isinstance(have, str) and _model_key(have) == _model_key(unwanted):
            return False
    return True


def _scorer(criteria: Criteria, found: Sequence[Car]) -> Callable[[Car], tuple[float, str]]:
    # Without a budget, the typical price of what was found sets the scale, so the age and
    # mileage weights keep the same meaning relative to price.
    reference = criteria.budget_max or statistics.median(car.price_eur for car in found)
    newest = max(car.year for car in found)

    def score(car: Car) -> tuple[float, str]:
        value = car.price_eur / reference + _AGE_WEIGHT * (newest - car.year) + _MILEAGE_WEIGHT * car.mileage_km
        return (value, car.stock_id)  # stock_id keeps equal scores in a stable order

    return score


def _categorical(key: str, value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    if key == "model":
        wanted = _model_key(value)
        return next((m for m in CANONICAL["model"] if _model_key(m) == wanted), value.strip())
    return canonical_value(key, value) or value.strip()


def _positive(c: Criteria) -> dict[str, Any]:
    return {f.name: getattr(c, f.name) for f in fields(c) if f.name != "exclude"}


def _thousands(number: int, sep: str) -> str:
    return f"{number:,}".replace(",", sep)
