"""What one reading of a message holds: its acts, each with what it needs to be acted on.

A message can ask several things ("Zijn jullie BOVAG-lid? En hoeveel garantie krijg ik?"):
the reading lists one `Act` per thing, in the order the customer wrote them. References
("die", "de tweede", "de Niro", "die van 13.950") are already resolved to stock ids against
what the conversation has shown, so the skills never parse text.
"""

from __future__ import annotations

from typing import Any

from dataclasses import dataclass, field
from enum import StrEnum

from actors.dialogue.language.facts import Field, Rank
from actors.dialogue.language.when import Shift, When


class ActKind(StrEnum):
    """What the customer does in one part of a message."""

    GREET = "greet"
    THANKS = "thanks"
    YES = "yes"
    NO = "no"
    DEFER = "defer"                # "ik denk er nog over na", "misschien later"
    POINT = "point"                # "de benzine", "dan wordt het de Corolla": picks a car, asks nothing yet
    SEARCH = "search"
    ASK_CAR = "ask_car"            # a fact about a car: price, km, colour, …
    RANK = "rank"                  # "welke is het goedkoopst"
    COMPARE = "compare"            # "wat is het verschil tussen …"
    ADVICE = "advice"              # "welke raad je aan?", "wat zou jij nemen voor veel snelweg?"
    KNOWLEDGE = "knowledge"        # the dealer's knowledge file
    HOURS = "hours"                # opening hours, holidays
    LOCATION = "location"          # address, route
    TEST_DRIVE = "test_drive"
    WHEN = "when"                  # a day/time on its own ("zaterdag om 10u", "16:00 graag")
    PICK = "pick"                  # a position on its own ("2", "de eerste")
    OTHER_TIME = "other_time"      # "geen van deze", "kan het later in de week?"
    MOVE = "move"                  # move the booked drive ("een dag later")
    CANCEL = "cancel"
    RECALL = "recall"              # "hoe laat was het ook alweer?"
    TRADE_IN = "trade_in"
    FINANCING = "financing"
    NEGOTIATE = "negotiate"        # "kan er nog wat af?"
    OFFER = "offer"                # "ik bied 15.000"
    BUY = "buy"                    # "ik wil hem kopen"
    HUMAN = "human"
    COMPLAINT = "complaint"
    OPT_OUT = "opt_out"
    OPT_IN = "opt_in"              # "hou me op de hoogte", "START"
    MEDIA = "media"                # a photo, voice note, document or location without text
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Criteria:
    """A change to the search frame that one clause asks for.

    `require` and `exclude` map a stock field (make, model, fuel, transmission, body_type,
    color) to values; `widen` names fields the customer no longer insists on ("automaat hoeft
    niet"); `replace` marks a correction ("stop, ik bedoelde een stationwagen") or a fresh
    search, whose fields replace the frame's instead of narrowing it.
    """

    require: dict[str, tuple[str, ...]] = field(default_factory=dict)
    exclude: dict[str, tuple[str, ...]] = field(default_factory=dict)
    widen: tuple[str, ...] = ()
    budget_max: int | None = None
    budget_soft: bool = False
    price_min: int | None = None
    year_min: int | None = None
    mileage_max: int | None = None
    prefer: tuple[str, ...] = ()
    replace: bool = False
    refers_back: bool = False       # "welke daarvan", "van die": within what was found
    wanted: str | None = None       # a named model we may not have ("Hyundai Ioniq 5")
    relative: str | None = None     # "cheaper", "newer", "less_km", "larger", "smaller" than the car in focus
    features: tuple[str, ...] = ()  # equipment the stock can tell: "awd" (4Motion, AWD, quattro, xDrive)
    unknown: tuple[str, ...] = ()   # wishes the stock does not record ("trekhaak", "7 zitter"), as written
    similar: bool = False           # "een A3 of iets vergelijkbaars": the model named, or cars like it
    more: bool = False              # "heb je nog meer?": the matches not shown yet

    def __bool__(self) -> bool:
        return bool(self.require or self.exclude or self.widen or self.budget_max or self.year_min
                    or self.mileage_max or self.prefer or self.wanted or self.relative or self.price_min
                    or self.features or self.unknown or self.more)

    def merged(self, later: "Criteria") -> "Criteria":
        """Two clauses of one message describing one wish ("een Focus automaaat? Budget rond de 15.000")."""
        return Criteria(
            require={**self.require, **later.require},
            # "geen Franse auto's, en ook geen Opel": every refusal of one message holds
            exclude={k: tuple(dict.fromkeys(self.exclude.get(k, ()) + later.exclude.get(k, ())))
                     for k in {**self.exclude, **later.exclude}},
            widen=tuple(dict.fromkeys(self.widen + later.widen)),
            budget_max=later.budget_max or self.budget_max,
            budget_soft=later.budget_soft if later.budget_max else self.budget_soft,
            price_min=later.price_min or self.price_min,
            year_min=later.year_min or self.year_min, mileage_max=later.mileage_max or self.mileage_max,
            prefer=tuple(dict.fromkeys(self.prefer + later.prefer)), replace=self.replace or later.replace,
            refers_back=self.refers_back or later.refers_back, wanted=self.wanted or later.wanted,
            relative=self.relative or later.relative, features=tuple(dict.fromkeys(self.features + later.features)),
            unknown=tuple(dict.fromkeys(self.unknown + later.unknown)), similar=self.similar or later.similar,
            more=self.more or later.more)


@dataclass(frozen=True)
class OwnCar:
    """The customer's own car (trade-in), kept apart from the car they want."""

    make: str | None = None
    model: str | None = None
    year: int | None = None
    km: int | None = None
    plate: str | None = None

    def merged(self, newer: "OwnCar") -> "OwnCar":
        return OwnCar(make=newer.make or self.make, model=newer.model or self.model,
                      year=newer.year if newer.year is not None else self.year,
                      km=newer.km if newer.km is not None else self.km, plate=newer.plate or self.plate)

    def __bool__(self) -> bool:
        return any(v is not None for v in (self.make, self.model, self.year, self.km, self.plate))


@dataclass(frozen=True)
class Act:
    kind: ActKind
    clause: str = ""                      # the normalised clause it was read from
    cars: tuple[str, ...] = ()            # stock ids referred to, resolved
    named: bool = False                   # the customer named the car(s) rather than pointing at them
    fields: tuple[Field, ...] = ()
    rank: Rank | None = None
    topics: tuple[str, ...] = ()
    holidays: tuple[str, ...] = ()        # holiday dates as in the knowledge file
    when: When | None = None
    shift: Shift | None = None
    position: int | None = None           # 0-based, resolved against the list it points into
    criteria: Criteria | None = None
    own_car: OwnCar | None = None
    amount: int | None = None             # euros offered
    application: bool = False             # a financing application, not a question
    missing: str | None = None            # a car named that is not in stock
    gone: bool = False                    # a link to a car page of ours whose car is no longer in stock


@dataclass(frozen=True)
class Reading:
    text: str
    language: str
    acts: tuple[Act, ...]
    intent: str                           # the single label of the NLU contract, for reports
    entities: dict[str, Any] = field(default_factory=dict)
    signals: frozenset[str] = frozenset()

    def kinds(self) -> tuple[ActKind, ...]:
        return tuple(a.kind for a in self.acts)

    def has(self, *kinds: ActKind) -> bool:
        return any(a.kind in kinds for a in self.acts)
