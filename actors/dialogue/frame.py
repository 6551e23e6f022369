"""The search frame: what the customer wants, with the strength of each wish.

Required values narrow (a car must have one of them), excluded values rule cars out,
preferences only rank ("liefst weinig km", "klein", "zuinig"). `apply` folds a clause's
`Criteria` in: later wishes replace earlier ones of the same kind ("een suv" then "een
stationwagen"), "mag ook" widens a set, "hoeft niet" drops it, and a correction or a new
model starts the car part afresh while keeping budget and gearbox.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Sequence

from actors.dialogue.language.other_models import SMALL_MODELS
from actors.dialogue.language.reading import Criteria
from integrations.stock import MODEL_MAKE, Car

AWD = re.compile(r"\b(?:4motion|awd|quattro|xdrive|4x4|all4|4wd)\b", re.I)

KEYS = ("make", "model", "fuel", "transmission", "body_type", "color")
SOFT_BUDGET = 1.1     # "rond de 15.000" still shows a 16.450 car
_LARGE = {"mpv": 0, "stationwagen": 1, "suv": 2, "sedan": 3, "bestelwagen": 3, "hatchback": 4, "coupe": 5, "cabrio": 6}


@dataclass(frozen=True)
class Frame:
    require: dict[str, tuple[str, ...]] = field(default_factory=dict)
    exclude: dict[str, tuple[str, ...]] = field(default_factory=dict)
    budget_max: int | None = None
    price_min: int | None = None
    year_min: int | None = None
    mileage_max: int | None = None
    prefer: tuple[str, ...] = ()
    wanted: str | None = None         # a model asked for that we do not have
    features: tuple[str, ...] = ()    # equipment read from the variant ("awd")

    @classmethod
    def of(cls, data: dict[str, Any] | None) -> "Frame":
        if not data:
            return cls()
        return cls(require={k: tuple(v) for k, v in (data.get("require") or {}).items()},
                   exclude={k: tuple(v) for k, v in (data.get("exclude") or {}).items()},
                   budget_max=data.get("budget_max"), price_min=data.get("price_min"), year_min=data.get("year_min"),
                   mileage_max=data.get("mileage_max"), prefer=tuple(data.get("prefer") or ()),
                   wanted=data.get("wanted"), features=tuple(data.get("features") or ()))

    def data(self) -> dict[str, Any]:
        out = asdict(self)
        out["require"] = {k: list(v) for k, v in self.require.items()}
        out["exclude"] = {k: list(v) for k, v in self.exclude.items()}
        out["prefer"] = list(self.prefer)
        out["features"] = list(self.features)
        return out

    def __bool__(self) -> bool:
        return bool(self.require or self.exclude or self.budget_max or self.year_min or self.mileage_max
                    or self.prefer or self.price_min or self.features)

    # -- matching -------------------------------------------------------------------------------

    def fits(self, car: Car) -> bool:
        for key, values in self.require.items():
            if values and _value(car, key) not in values:
                return False
        for key, values in self.exclude.items():
            if _value(car, key) in values:
                return False
        if self.budget_max is not None and car.price_eur > self.budget_max:
            return False
        if self.price_min is not None and car.price_eur < self.price_min:
            return False
        if "awd" in self.features and not AWD.search(car.variant):
            return False
        if self.year_min is not None and car.year < self.year_min:
            return False
        return self.mileage_max is None or car.mileage_km <= self.mileage_max

    def matches(self, stock: Sequence[Car]) -> list[Car]:
        """Every car that fits, best first by the customer's preferences (else value for money)."""
        found = [c for c in stock if self.fits(c)]
        return rank(found, self.prefer, self.budget_max)

    # -- changing -------------------------------------------------------------------------------

    def apply(self, c: Criteria, *, fresh: bool = False) -> "Frame":
        """This frame with a clause's wishes folded in (see the module docstring)."""
        require = dict(self.require)
        exclude = dict(self.exclude)
        new_car = "model" in c.require or ("make" in c.require and "model" not in c.require)
        # A correction ("ik bedoelde een stationwagen", `fresh`) replaces only what it names; another
        # car named starts its make/model, body and colour afresh; budget and gearbox stay.
        if (new_car and c.require.get("make") != self.require.get("make")) or (
                new_car and c.require.get("model") and c.require.get("model") != self.require.get("model")):
            for key in ("make", "model", "body_type", "color"):
                require.pop(key, None)
        if "model" in c.require and "make" not in c.require:
            makes = tuple(dict.fromkeys(MODEL_MAKE[m] for m in c.require["model"] if m in MODEL_MAKE))
            if require.get("make") and not set(require["make"]) & set(makes):
                require.pop("make", None)
        for key in c.widen:
            if key.startswith("+"):
                continue
            require.pop(key, None)
        for key, values in c.require.items():
            if f"+{key}" in c.widen:
                # "handgeschakeld mag ook": added to what is wanted, or no longer ruled out
                if key in require:
                    require[key] = tuple(dict.fromkeys(require[key] + values))
            else:
                require[key] = values
            if key in exclude:
                exclude[key] = tuple(v for v in exclude[key] if v not in values)
        for key, values in c.exclude.items():
            exclude[key] = tuple(dict.fromkeys(exclude.get(key, ()) + values))
            if key in require:
                kept = tuple(v for v in require[key] if v not in values)
                if kept:
                    require[key] = kept
                else:
                    require.pop(key)
        budget = self.budget_max
        if c.budget_max:
            budget = int(c.budget_max * SOFT_BUDGET) if c.budget_soft else c.budget_max
        prefer = tuple(dict.fromkeys(c.prefer + self.prefer)) if c.prefer else self.prefer
        if new_car and not c.prefer:
            prefer = tuple(p for p in prefer if p not in ("large", "small"))
        return Frame(require={k: v for k, v in require.items() if v}, exclude={k: v for k, v in exclude.items() if v},
                     budget_max=budget, price_min=c.price_min or (self.price_min if not c.budget_max else None),
                     year_min=c.year_min or self.year_min, mileage_max=c.mileage_max or self.mileage_max,
                     prefer=prefer, wanted=c.wanted if (c.wanted or new_car or fresh) else self.wanted,
                     features=tuple(dict.fromkeys(self.features + c.features)))

    def without(self, *keys: str) -> "Frame":
        return replace(self, require={k: v for k, v in self.require.items() if k not in keys})


def _value(car: Car, key: str) -> str:
    value = str(getattr(car, key))
    return value.lower() if key == "color" else value


def rank(cars: Sequence[Car], prefer: Sequence[str] = (), budget: int | None = None) -> list[Car]:
    """Cars best first: by the stated preferences, else value for money (price against age and km)."""
    if not cars:
        return []
    reference = budget or sorted(c.price_eur for c in cars)[len(cars) // 2]
    newest = max(c.year for c in cars)

    def value(car: Car) -> float:
        return car.price_eur / reference + 0.08 * (newest - car.year) + 0.03 * car.mileage_km / 10_000

    def key(car: Car) -> tuple[float | str, ...]:
        parts: list[float | str] = []
        for p in prefer:
            if p == "low_km":
                parts.append(car.mileage_km)
            elif p == "new":
                parts.append(-car.year)
            elif p == "cheap":
                parts.append(car.price_eur)
            elif p == "small":
                parts.append(0 if car.model in SMALL_MODELS else 1)
            elif p == "large":
                parts.append(_LARGE.get(car.body_type, 5))
            elif p == "economical":
                parts.append({"elektrisch": 0, "hybride": 1, "lpg": 2}.get(car.fuel, 3))
        return (*parts, value(car), car.stock_id)

    return sorted(cars, key=key)
