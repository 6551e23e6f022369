"""`read(text, context) -> Reading`: the one reading of a customer message.

The message is normalised once, cut into clauses, and each clause is read for what the
customer does in it (`ActKind`). The customer's own car is found first and blanked out, so
"ik wil mijn Zafira inruilen en zoek een hybride SUV" searches hybrid SUVs. Car references
are resolved clause by clause against the conversation (`Scope`) and against cars named
earlier in the same message, so "Hebt ge nog een Duster? Wat kost die?" asks the Duster's
price. The reader decides what was *said*; what to *do* with it is `flow.py`'s business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from actors.dialogue.language import cues
from actors.dialogue.language.clauses import Clause, split_clauses
from actors.dialogue.language.criteria import read_criteria
from actors.dialogue.language.entities import extract
from actors.dialogue.language.facts import VALUE_FIELDS, Field, read_rank
from actors.dialogue.language.intents import score_intents
from actors.dialogue.language.language import detect_language
from actors.dialogue.language.lexicon import find_mentions
from actors.dialogue.language.normalize import normalize, tokens
from actors.dialogue.language.numbers import money_amounts
from actors.dialogue.language.ordinals import names_position, position
from actors.dialogue.language.other_models import find_other_model
from actors.dialogue.language.own_car import details as own_car_details
from actors.dialogue.language.own_car import find_own_car
from actors.dialogue.language.reading import Act, ActKind, Criteria, OwnCar, Reading
from actors.dialogue.language.references import Scope, resolve, resolve_each
from actors.dialogue.language.topics import find_holidays, find_topics
from actors.dialogue.language.understanding import understand
from actors.dialogue.language.when import read_shift, read_when
from actors.dialogue.language.yesno import Polarity, polarity
from integrations.knowledge import Knowledge

_TOKEN = re.compile(r"[a-z0-9]+")
# Topics a skill answers as part of an act, so they are not also answered as knowledge.
_OWNED_TOPICS = {"negotiation": ActKind.NEGOTIATE, "trade_in_process": ActKind.TRADE_IN,
                 "buying_process": ActKind.BUY, "reservation": ActKind.BUY, "stock_alert": ActKind.OPT_IN,
                 "private_lease": ActKind.FINANCING}
_THANKS = re.compile(r"\b(?:bedankt|dank|thanks|thank you|merci|dankjewel|cheers|top bedankt)\b")
_BYE = re.compile(r"\b(?:doei|daag|tot ziens|tot later|bye|goodbye|fijne dag|fijn weekend|see you)\b")
_APPLICATION = re.compile(r"\b(?:aanvra\w*|aanvraag|apply|application|afsluiten|regel(?:en)? (?:de|een) financiering)\b")
_COMPARATIVE_ONLY = re.compile(r"\b(?:goedkoper|duurder|nieuwer|ouder|jonger|minder|meer|cheaper|newer|older|fewer|less|more)\b")
_WHICH = re.compile(r"\b(?:welke|welk|wat is|wie|which|what is|de|den|the)\b")
_CAR_WORD = re.compile(r"\b(?:auto|autos|wagen|occasion|occasions|car|cars)\b")
_MEDIA = re.compile(r"^\[(?:media|locatie)")


@dataclass(frozen=True)
class Context:
    """What the reader may know of the conversation: what is on the table, what was asked."""

    scope: Scope
    knowledge: Knowledge
    today: date
    expecting: str = "nothing"        # the conversation model's `Expect` value
    has_appointment: bool = False
    has_offer: bool = False
    offered: int = 0                  # how many times are on offer
    own_model: str | None = None      # the trade-in car's model, once known
    trade_in_open: bool = False       # the customer's trade-in is being discussed


def read(text: str, ctx: Context) -> Reading:
    """The acts of one customer message, references resolved, in the order written."""
    norm = normalize(text or "")
    contract = understand(text or "")
    language = detect_language(tokens(norm))
    if not norm.strip():
        return Reading(text, language, (_bare(text),), contract.intent, contract.entities, contract.signals)
    trade_context = ctx.trade_in_open or ctx.expecting == "trade_in_details" or bool(
        re.search(r"inruil|trade|taxat|inkoop|wat (?:geven|geeft|bied)", norm))
    acts: list[Act] = []
    local: tuple[str, ...] = ()
    clauses = split_clauses(norm)
    lookalike = bool(cues.OPT_OUT_LOOKALIKE.search(norm))
    for clause in clauses:
        for act in _clause_acts(clause, text, len(clauses), ctx, local, trade_context, lookalike):
            acts.append(act)
            if act.cars and act.kind not in (ActKind.SEARCH, ActKind.RANK):
                local = act.cars
            elif act.kind in (ActKind.SEARCH, ActKind.RANK) and len(act.cars) == 1:
                local = act.cars
    return Reading(text, language, tuple(_tidy(acts)), contract.intent, contract.entities, contract.signals)


def _bare(text: str) -> Act:
    return Act(ActKind.MEDIA if _MEDIA.match(text or "") else ActKind.YES if polarity(text or "", "") else
               ActKind.UNKNOWN)


def _clause_acts(clause: Clause, raw: str, count: int, ctx: Context, local: tuple[str, ...],
                 trade_context: bool, lookalike: bool = False) -> list[Act]:
    n = clause.text
    own = find_own_car(n, known_model=ctx.own_model, context=trade_context)
    masked = n
    if own is not None:
        masked = n[:own.start] + " " * (own.end - own.start) + n[own.end:]
    found = extract(masked)
    scores = score_intents(masked, found.entities)
    toks = _TOKEN.findall(masked)
    mentions = find_mentions(toks, masked)
    question = clause.question or bool(cues.QUESTION.match(n))
    wish = read_criteria(masked)
    if wish.widen or wish.exclude:
        question = False  # "automaat hoeft niet per se": a wish about the search, not a question about a car
    acts: list[Act] = []

    def car_ref() -> tuple[tuple[str, ...], bool, str | None]:
        r = resolve(masked, mentions, ctx.scope, local)
        return r.cars, r.named, r.missing

    # -- stopping, people, complaints: these override everything else in the clause
    if not lookalike and _opt_out(n, scores):
        return [Act(ActKind.OPT_OUT, n)]
    if cues.OPT_IN.search(n) and not cues.CANCEL.search(n):
        acts.append(Act(ActKind.OPT_IN, n, criteria=read_criteria(masked)))
    if scores.get("human", 0) >= 3:
        acts.append(Act(ActKind.HUMAN, n))
    if scores.get("complaint", 0) >= 4:
        acts.append(Act(ActKind.COMPLAINT, n))
    if acts and acts[-1].kind in (ActKind.HUMAN, ActKind.COMPLAINT):
        return acts
    # -- the appointment
    when = read_when(n, ctx.today)
    shift = read_shift(n)
    if cues.CANCEL.search(n):
        acts.append(Act(ActKind.CANCEL, n))
        return acts
    if cues.MOVE.search(n) or (shift and (ctx.has_appointment or ctx.has_offer)):
        acts.append(Act(ActKind.MOVE, n, when=when or None, shift=shift or None))
        return acts
    if cues.RECALL.search(n) and not re.search(r"\b(?:open|dicht|sluit|gesloten|close|opening)\b", n):
        acts.append(Act(ActKind.RECALL, n))
    # -- money
    amounts = money_amounts(masked)
    if cues.OFFER.search(masked) and amounts:
        cars, _, _ = car_ref()
        acts.append(Act(ActKind.OFFER, n, cars=cars, amount=amounts[0]))
    elif cues.NEGOTIATE.search(masked):
        cars, _, _ = car_ref()
        acts.append(Act(ActKind.NEGOTIATE, n, cars=cars))
    if cues.BUY.search(masked) and not cues.SEARCH_VERB.search(masked):
        cars, _, _ = car_ref()
        acts.append(Act(ActKind.BUY, n, cars=cars))
    # -- financing and trade-in
    if scores.get("financing", 0) >= 3:
        cars, _, _ = car_ref()
        acts.append(Act(ActKind.FINANCING, n, cars=cars, application=bool(_APPLICATION.search(n))))
    if own is not None or scores.get("trade_in", 0) >= 4 or (
            ctx.expecting == "trade_in_details" and _states_details(n)):
        car = own.car if own is not None else OwnCar()
        if ctx.expecting == "trade_in_details" or (own is None and ctx.trade_in_open):
            car = car.merged(own_car_details(n))
        acts.append(Act(ActKind.TRADE_IN, n, own_car=car if car else None))
    # -- test drives and times
    drive = scores.get("test_drive", 0) >= 3 or bool(re.search(r"\bproefr|\btest ?drive|\bproefrit", n))
    if drive and not any(a.kind in (ActKind.BUY, ActKind.OFFER) for a in acts):
        cars, _, missing = car_ref()
        rank = read_rank(masked)
        if rank is not None and not cars:
            acts.append(Act(ActKind.RANK, n, rank=rank, criteria=read_criteria(masked)))
        acts.append(Act(ActKind.TEST_DRIVE, n, cars=cars, when=when or None, missing=missing))
    # -- questions about cars
    rank = read_rank(masked)
    fields = tuple(f for f in _asked(masked, question, mentions, local, ctx) if f not in _covered(acts))
    search_verb = bool(cues.SEARCH_VERB.search(masked)) or scores.get("car_search", 0) >= 4
    if cues.COMPARE.search(masked) and not drive:
        acts.append(_compare(masked, mentions, ctx, local, n))
    elif rank is not None and not drive and (_WHICH.search(masked) or not _COMPARATIVE_ONLY.search(masked)):
        crit = read_criteria(masked)
        if cues.REFERS_BACK.search(masked):
            crit = replace(crit, refers_back=True)
        among = ctx.scope.compared if cues.AMONG_TWO.search(masked) else (
            ctx.scope.shown if cues.AMONG_SHOWN.search(masked) else ())
        acts.append(Act(ActKind.RANK, n, rank=rank, criteria=crit, cars=among))
    elif fields and not (search_verb and all(f in VALUE_FIELDS for f in fields)):
        cars, named, missing = car_ref()
        acts.append(Act(ActKind.ASK_CAR, n, cars=cars, named=named, fields=fields, missing=missing))
    # -- the dealer
    topics = tuple(t for t in find_topics(masked, ctx.knowledge)
                   if not any(a.kind == _OWNED_TOPICS.get(t) for a in acts))
    holidays = find_holidays(n, ctx.knowledge)
    if scores.get("opening_hours", 0) >= 3 or holidays:
        acts.append(Act(ActKind.HOURS, n, when=when or None, holidays=tuple(h.date for h in holidays)))
    if scores.get("location", 0) >= 4 and not (set(topics) & {"parking", "public_transport", "ev_range"}) \
            and not _only_range(n):
        acts.append(Act(ActKind.LOCATION, n))
    topics = tuple(t for t in topics if not (t == "ev_range" and any(Field.RANGE in a.fields for a in acts)))
    if topics:
        cars, _, _ = car_ref()
        acts.append(Act(ActKind.KNOWLEDGE, n, topics=topics, cars=cars))
    # -- the search
    crit = read_criteria(masked)
    wants_car = search_verb or (bool(crit) and not acts) or (
        mentions and not acts and not question and _names_unshown(mentions, ctx))
    wishes = bool(crit.require.get("fuel") or crit.require.get("transmission") or crit.require.get("body_type")
                  or crit.budget_max or crit.year_min or crit.mileage_max or crit.exclude or crit.widen)
    busy = any(a.kind in (ActKind.TEST_DRIVE, ActKind.FINANCING, ActKind.BUY, ActKind.OFFER, ActKind.NEGOTIATE)
               for a in acts)
    if any(a.kind == ActKind.TRADE_IN for a in acts) and wishes:
        wants_car = True  # "mijn Zafira inruilen voor iets elektrisch": the wanted car is a search
    if wants_car and not any(a.kind in (ActKind.ASK_CAR, ActKind.RANK, ActKind.COMPARE) for a in acts) \
            and not (busy and not wishes):
        if cues.REFERS_BACK.search(masked):
            crit = replace(crit, refers_back=True)
        cars, named, missing = car_ref() if any(m.key in ("make", "model") for m in mentions) else ((), False, None)
        if missing is None and crit.wanted is None and (other := find_other_model(masked)) is not None:
            missing = f"{other[0].make} {other[0].name}"
        acts.append(Act(ActKind.SEARCH, n, criteria=crit, cars=cars if named else (), named=named,
                        missing=missing or crit.wanted))
    if acts:
        return acts
    # -- short answers: a car pointed at, a position, a time, yes/no
    if cues.DEFER.search(n):
        return [Act(ActKind.DEFER, n)]
    if mentions or (names_position(n) and not ctx.has_offer):
        cars, named, missing = car_ref()
        if cars or missing:
            return [Act(ActKind.POINT, n, cars=cars, named=named, missing=missing)]
    if ctx.has_offer and cues.OTHER_TIME.search(n):
        return [Act(ActKind.OTHER_TIME, n)]
    pick = position(n, max(ctx.offered, len(ctx.scope.shown), 1), bare_digits=len(toks) <= 6)
    if pick is not None and not when.names_time:
        return [Act(ActKind.PICK, n, position=pick)]
    if when:
        return [Act(ActKind.WHEN, n, when=when)]
    said = polarity(raw if count == 1 else "", n)
    if said is Polarity.NO:
        return [Act(ActKind.NO, n)]
    if said is Polarity.YES:
        thanks = _THANKS.search(n) or _BYE.search(n)
        return [Act(ActKind.THANKS if thanks and ctx.expecting == "nothing" else ActKind.YES, n)]
    if scores.get("goodbye", 0) >= 2 or _THANKS.search(n):
        return [Act(ActKind.THANKS, n)]
    if scores.get("greeting", 0) >= 2:
        return [Act(ActKind.GREET, n)]
    if ctx.has_offer and cues.OTHER_TIME.search(n):
        return [Act(ActKind.OTHER_TIME, n)]
    return [Act(ActKind.UNKNOWN, n)]


def _opt_out(n: str, scores: dict[str, float]) -> bool:
    if scores.get("opt_out", 0) < 5 or cues.OPT_OUT_LOOKALIKE.search(n):
        return False
    return bool(cues.OPT_OUT_CLEAR.search(n)) or not re.search(r"\b(?:proefrit|afspraak|auto|zoek)\w*", n)


def _asked(masked: str, question: bool, mentions, local, ctx: Context) -> tuple[Field, ...]:
    from actors.dialogue.language.facts import asked_fields

    fields = asked_fields(masked)
    if not fields:
        return ()
    pointed = bool(cues.PRONOUN.search(masked)) or any(m.key in ("make", "model") for m in mentions)
    if not question and not re.search(r"\b(?:vertel|tell|info|weten|details|foto)", masked):
        # "maximaal 70.000 km graag" states a wish; only a question asks a fact
        return tuple(f for f in fields if f not in VALUE_FIELDS and f not in (Field.PRICE,)) if pointed else ()
    if not pointed and not (local or ctx.scope.focus):
        return tuple(f for f in fields if f not in VALUE_FIELDS)
    return fields


def _covered(acts: list[Act]) -> set[Field]:
    covered: set[Field] = set()
    if any(a.kind == ActKind.FINANCING for a in acts):
        covered |= {Field.PRICE}
    if any(a.kind in (ActKind.OFFER, ActKind.NEGOTIATE) for a in acts):
        covered |= {Field.PRICE}
    if any(a.kind == ActKind.TRADE_IN for a in acts):
        covered |= {Field.KM, Field.YEAR, Field.PLATE}
    if any(a.kind == ActKind.TEST_DRIVE for a in acts):
        covered |= set(Field)
    return covered


def _compare(masked: str, mentions, ctx: Context, local: tuple[str, ...], n: str) -> Act:
    """The cars to compare: each named in the clause, else the cars just named, else the last pair."""
    cars = list(resolve_each(masked, mentions, ctx.scope))
    named = bool(cars)
    if len(cars) < 2 and local and len(local) >= 2:
        cars = list(local)
    if len(cars) < 2:
        cars = list(ctx.scope.compared or ctx.scope.shown[:2])
    return Act(ActKind.COMPARE, n, cars=tuple(cars), named=named)


def _names_unshown(mentions, ctx: Context) -> bool:
    return any(m.key in ("make", "model") for m in mentions)


def _states_details(n: str) -> bool:
    d = own_car_details(n)
    return bool(d.km or d.year or d.plate)


def _only_range(n: str) -> bool:
    return bool(re.search(r"\bhoe ver\b", n)) and bool(re.search(r"\b(?:accu|batterij|lading|battery|charge)\b", n))


def _tidy(acts: list[Act]) -> list[Act]:
    """Merge what belongs together and drop what adds nothing next to a real request."""
    out: list[Act] = []
    for act in acts:
        prev = out[-1] if out else None
        if prev is not None and act.kind == ActKind.WHEN and prev.kind in (ActKind.MOVE, ActKind.TEST_DRIVE):
            merged_when = act.when if prev.when is None else prev.when
            if prev.when is not None and act.when is not None and act.when.same_time:
                merged_when = replace(prev.when, same_time=True)
            out[-1] = replace(prev, when=merged_when)
            continue
        if prev is not None and act.kind == prev.kind and act.kind in (
                ActKind.COMPARE, ActKind.BUY, ActKind.HOURS, ActKind.KNOWLEDGE) and act.kind != ActKind.KNOWLEDGE:
            out[-1] = _merge_same(prev, act)
            continue
        if prev is not None and act.kind == prev.kind == ActKind.TRADE_IN:
            mine = (prev.own_car or OwnCar()).merged(act.own_car or OwnCar())
            out[-1] = replace(prev, own_car=mine or None, clause=f"{prev.clause} {act.clause}")
            continue
        if prev is not None and act.kind == prev.kind == ActKind.SEARCH:
            out[-1] = replace(prev, criteria=(prev.criteria or Criteria()).merged(act.criteria or Criteria()),
                              cars=prev.cars or act.cars, named=prev.named or act.named,
                              missing=prev.missing or act.missing)
            continue
        if prev is not None and act.kind == ActKind.ASK_CAR and prev.kind == ActKind.ASK_CAR and (
                act.cars == prev.cars or not act.named):
            out[-1] = replace(prev, fields=tuple(dict.fromkeys(prev.fields + act.fields)))
            continue
        if prev is not None and prev.kind == ActKind.POINT and act.cars == prev.cars and act.kind not in (
                ActKind.UNKNOWN,):
            out[-1] = replace(act, named=act.named or prev.named)
            continue
        out.append(act)
    substantive = [a for a in out if a.kind not in (ActKind.UNKNOWN, ActKind.GREET, ActKind.THANKS)]
    if substantive:
        keep_thanks = any(a.kind == ActKind.THANKS for a in out) and all(
            a.kind in (ActKind.YES, ActKind.NO, ActKind.DEFER) for a in substantive)
        out = [a for a in out if a.kind not in (ActKind.UNKNOWN, ActKind.GREET)
               and (a.kind != ActKind.THANKS or keep_thanks)]
    return out


def _merge_same(a: Act, b: Act) -> Act:
    return replace(a, cars=tuple(dict.fromkeys(a.cars + b.cars)), holidays=tuple(dict.fromkeys(a.holidays + b.holidays)),
                   when=a.when or b.when, topics=tuple(dict.fromkeys(a.topics + b.topics)))
