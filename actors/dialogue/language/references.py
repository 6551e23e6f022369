"""Which stock car a clause points at: "de tweede", "de rode", "die van 13.950", "de Niro", "hij".

Resolution order, most specific first:
1. a make or model named: the stock cars of that model, narrowed by whatever else the
   clause says of them (fuel, gearbox, colour, variant words such as "GT-Line" or "DSG",
   a price, a year), preferring those just shown, then those matching the search;
2. no name, but a position or a description: within what was just compared, else shown,
   else found by the search ("de benzine", "de rode", "de tweede", "die van 13.950");
3. a pronoun or nothing: the car named earlier in the same message, else the car in focus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from actors.dialogue.language.facts import read_colour
from actors.dialogue.language.lexicon import Mention
from actors.dialogue.language.numbers import money_amounts
from actors.dialogue.language.ordinals import names_position, position
from integrations.stock import Car

_TOKEN = re.compile(r"[a-z0-9]+")
_OTHER = re.compile(r"\b(?:die|de|het|the|that)\s+(?:\w+\s+)?(?:andere|other)\b|\bthe other one\b")
_YEAR = re.compile(r"\b(?:uit|van|from|bouwjaar|bj)\s+(19[89]\d|20[0-3]\d)\b")
# Words too common in variants and messages alike to tell cars apart.
_PLAIN = frozenset(("de", "het", "een", "die", "met", "van", "en", "of", "the", "a", "with", "auto", "automaat",
                    "handgeschakeld", "benzine", "diesel", "hybride", "elektrisch", "1", "0", "2", "5", "edition",
                    "business", "plus", "pack", "s", "line"))


@dataclass(frozen=True)
class Scope:
    """What the conversation has put on the table, for pointing into."""

    stock: Sequence[Car]
    shown: tuple[str, ...] = ()
    compared: tuple[str, ...] = ()
    found: tuple[str, ...] = ()      # every car matching the current search
    focus: str | None = None
    singled: tuple[str, ...] = ()    # the last two cars singled out, one after the other

    def cars(self, ids: Sequence[str]) -> list[Car]:
        by_id = {c.stock_id: c for c in self.stock}
        return [by_id[i] for i in ids if i in by_id]


@dataclass(frozen=True)
class Resolved:
    cars: tuple[str, ...]
    named: bool                      # by make/model rather than by pointing
    missing: str | None = None       # a make/model named that we do not have


# An engine size ("1.5 TSI", "2.0 TDI") tells cars of one model apart; its digits alone do not.
_ENGINE = re.compile(r"\b\d[.,]\d\b")


def variant_words(car: Car) -> frozenset[str]:
    text = f"{car.variant} {car.model}".lower()
    words = set(_TOKEN.findall(text)) - _PLAIN
    return frozenset({w for w in words if len(w) >= 2} | {e.replace(",", ".") for e in _ENGINE.findall(text)})


def resolve(norm: str, mentions: Sequence[Mention], scope: Scope, local: tuple[str, ...] = ()) -> Resolved:
    """The stock cars `norm` refers to (possibly several when it is ambiguous), or none."""
    names = [m for m in mentions if m.key in ("make", "model")]
    if len({m.value for m in names if m.key == "model"}) > 1:
        # "de Kamiq, de Qashqai en de Peugeot 2008": several cars, each with its own make
        each = resolve_each(norm, mentions, scope)
        if each:
            return Resolved(each, True)
    if names:
        model = next((m.value for m in names if m.key == "model"), None)
        make = next((m.value for m in names if m.key == "make"), None)
        pool = [c for c in scope.stock if (model is None or c.model == model) and (make is None or c.make == make)]
        if not pool:
            label = " ".join(v for v in (make, model) if v)
            return Resolved((), True, label or None)
        if model is None and len(pool) > 1 and not _describes(norm, mentions):
            # "de Toyota" after a list of Toyotas points into the list; "the audi" right after the Audi was
            # named as the cheapest is that Audi; with none on the table it is a search.
            for table in ((scope.focus,) if scope.focus else (), scope.shown, scope.compared, scope.found):
                on_table = [c for c in pool if c.stock_id in table]
                if on_table:
                    pool = on_table
                    break
            if len(pool) > 1:
                return Resolved(tuple(c.stock_id for c in pool), True)
        return Resolved(_narrow(norm, mentions, pool, scope), True)
    among = scope.compared or scope.shown or scope.found
    if _OTHER.search(norm):
        # "die andere", "en de andere?": the other car of the pair being talked about
        others = [c for c in (scope.compared or scope.shown) if c != (local[0] if local else scope.focus)]
        if not others and scope.focus:
            focus = next((c for c in scope.stock if c.stock_id == scope.focus), None)
            others = [c.stock_id for c in scope.stock if focus and c.model == focus.model and c.stock_id != focus.stock_id]
        if others:
            narrowed = _narrow(norm, mentions, scope.cars(others), scope, keep_all_if_none=False)
            if not narrowed and _describes(norm, mentions):
                # "die andere van 2021": described, and not among the cars shown: another of the search or model
                focus_car = next((c for c in scope.stock if c.stock_id == (local[0] if local else scope.focus)), None)
                wider = [c for c in scope.stock if c.stock_id != (focus_car.stock_id if focus_car else None) and (
                    c.stock_id in scope.found or (focus_car is not None and c.model == focus_car.model))]
                narrowed = _narrow(norm, mentions, wider, scope, keep_all_if_none=False)
            return Resolved(narrowed or tuple(others), False)
    if names_position(norm) and scope.shown:
        index = position(norm, len(scope.shown), bare_digits=False)
        if index is not None:
            return Resolved((scope.shown[index],), False)
    if _describes(norm, mentions) and among:
        pool = scope.cars(among)
        narrowed = _narrow(norm, mentions, pool, scope, keep_all_if_none=False)
        if narrowed:
            return Resolved(narrowed, False)
    if local:
        return Resolved(local, False)
    if scope.focus:
        return Resolved((scope.focus,), False)
    return Resolved((), False)


_PREDICATE = re.compile(r"\b(?:een|a|an|geen|no)\s+[\w-]+(?:\s+[\w-]+)?|"
                        r"\b(?:is|was|are) (?:hij|ie|het|ze|dat|it|he|she|that)\s+(?:nog |ook |wel |echt )?(?:een |a |an )?[\w-]+")


def _describes(norm: str, mentions: Sequence[Mention]) -> bool:
    """Does the clause point at a car by a description ("de rode", "die van 13.950")?

    A value after "een"/"a" is what is asked or wished ("is dat een plug-in?"), not a pointer, and so
    is one after a pronoun ("is hij rood?").
    """
    pointing = _PREDICATE.sub(" ", norm)
    toks = _TOKEN.findall(pointing)
    from actors.dialogue.language.lexicon import find_mentions

    kinds = any(m.key in ("fuel", "transmission", "body_type") for m in find_mentions(toks, pointing))
    return kinds or read_colour(pointing) is not None or bool(money_amounts(pointing)) or bool(_YEAR.search(pointing))


def _narrow(norm: str, mentions: Sequence[Mention], pool: list[Car], scope: Scope,
            keep_all_if_none: bool = True) -> tuple[str, ...]:
    """Apply each description that leaves at least one car; then prefer shown, then found."""
    matched_something = False
    for mention in mentions:
        if mention.key in ("fuel", "transmission", "body_type"):
            kept = [c for c in pool if getattr(c, mention.key) == mention.value]
            if kept:
                pool, matched_something = kept, True
    colour = read_colour(norm)
    if colour:
        kept = [c for c in pool if c.color.lower().startswith(colour)]
        if kept:
            pool, matched_something = kept, True
    for amount in money_amounts(norm):
        kept = [c for c in pool if abs(c.price_eur - amount) <= max(300, 0.03 * c.price_eur)]
        if kept:
            pool, matched_something = kept, True
            break
    if (year := _YEAR.search(norm)) is not None:
        kept = [c for c in pool if c.year == int(year.group(1))]
        if kept:
            pool, matched_something = kept, True
    words = set(_TOKEN.findall(norm)) | {e.replace(",", ".") for e in _ENGINE.findall(norm)}
    scores = {c.stock_id: len(variant_words(c) & words) for c in pool}
    best = max(scores.values(), default=0)
    if best > 0 and len(pool) > 1:
        pool, matched_something = [c for c in pool if scores[c.stock_id] == best], True
    if not matched_something and not keep_all_if_none:
        return ()
    if len(pool) > 1:
        for preferred in (scope.compared, scope.shown, scope.found):
            kept = [c for c in pool if c.stock_id in preferred]
            if kept:
                pool = kept
                break
    return tuple(c.stock_id for c in pool)


def by_variant(norm: str, scope: Scope) -> tuple[str, ...]:
    """ "doe maar de Highline", "the eHybrid": a car on the table named by its variant words alone."""
    table = [c for c in scope.cars(tuple(dict.fromkeys(scope.compared + scope.shown + scope.found)))]
    words = set(_TOKEN.findall(norm)) | {e.replace(",", ".") for e in _ENGINE.findall(norm)}
    scores = {c.stock_id: len(variant_words(c) & words) for c in table}
    best = max(scores.values(), default=0)
    hits = tuple(i for i, s in scores.items() if s == best) if best else ()
    return hits if len(hits) == 1 else ()


def resolve_each(norm: str, mentions: Sequence[Mention], scope: Scope) -> tuple[str, ...]:
    """Every car named in a clause that names several ("de Toyota C-HR en de Kia Niro hybride").

    The clause is cut before each model (its make included), and each piece is resolved on its
    own, so one car's words never narrow the other's.
    """
    spans = [m.span() for m in _TOKEN.finditer(norm)]
    starts: list[int] = []
    for i, mention in enumerate(mentions):
        if mention.key != "model":
            continue
        first = mention.start
        if i > 0 and mentions[i - 1].key == "make" and mentions[i - 1].end == mention.start:
            first = mentions[i - 1].start
        starts.append(spans[first][0])
    if not starts:
        starts = [spans[m.start][0] for m in mentions if m.key == "make"]
    cars: list[str] = []
    for i, start in enumerate(starts):
        part = norm[start:starts[i + 1] if i + 1 < len(starts) else len(norm)]
        toks = _TOKEN.findall(part)
        from actors.dialogue.language.lexicon import find_mentions

        found = resolve(part, find_mentions(toks, part), scope, ())
        cars.extend(c for c in found.cars if c not in cars)
    return tuple(cars)
