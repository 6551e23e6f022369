"""`read(text, context) -> Reading`: the one reading of a customer message.

The message is normalised once, cut into clauses, and each clause is read for what the
customer does in it (`clause_acts`). The customer's own car is found first and blanked out,
so "ik wil mijn Zafira inruilen en zoek een hybride SUV" searches hybrid SUVs. Car references
are resolved clause by clause against the conversation (`Scope`) and against cars named
earlier in the same message, so "Hebt ge nog een Duster? Wat kost die?" asks the Duster's
price. The reader decides what was *said*; what to *do* with it is `flow.py`'s business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from datetime import date

from actors.dialogue.language import cues
from actors.dialogue.language.clause_acts import ClauseContext, clause_acts, view_of
from actors.dialogue.language.clauses import split_clauses
from actors.dialogue.language.facts import Field
from actors.dialogue.language.language import detect_language
from actors.dialogue.language.links import Links, find as find_links
from actors.dialogue.language.normalize import normalize, tokens
from actors.dialogue.language.reading import Act, ActKind, Criteria, OwnCar, Reading
from actors.dialogue.language.references import Scope
from actors.dialogue.language.understanding import Understanding, understand
from actors.dialogue.language.when import When
from actors.dialogue.language.yesno import polarity
from integrations.knowledge import Knowledge

_MEDIA = re.compile(r"^\[(?:media|locatie)")
_TRADE_WORDS = re.compile(r"inruil|trade|taxat|inkoop|wat (?:geven|geeft|bied)")
# Acts that answer once per message however many clauses ask them.
_ONCE = (ActKind.CANCEL, ActKind.RECALL, ActKind.BUY, ActKind.YES, ActKind.THANKS, ActKind.OPT_IN, ActKind.DEFER)


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
    last: str = ""                    # the act kind our last reply answered
    last_fields: tuple[Field, ...] = ()
    focus_price: int | None = None


def read(text: str, ctx: Context, contract: Understanding | None = None) -> Reading:
    """The acts of one customer message, references resolved, in the order written."""
    links = find_links(text or "", ctx.scope.stock)
    norm = normalize(links.rest)
    contract = contract or understand(text or "")
    language = detect_language(tokens(norm))
    if _MEDIA.match(text or "") or not (norm.strip() or links.cars or links.gone):
        return Reading(text, language, (_bare(text),), contract.intent, contract.entities, contract.signals)
    clause_ctx = ClauseContext(
        scope=ctx.scope, knowledge=ctx.knowledge, today=ctx.today, expecting=ctx.expecting,
        has_appointment=ctx.has_appointment, has_offer=ctx.has_offer, offered=ctx.offered, own_model=ctx.own_model,
        trade_context=ctx.trade_in_open or ctx.expecting == "trade_in_details" or bool(_TRADE_WORDS.search(norm)),
        lookalike=bool(cues.OPT_OUT_LOOKALIKE.search(norm)), last=ctx.last, last_fields=ctx.last_fields,
        focus_price=ctx.focus_price)
    acts: list[Act] = []
    local: tuple[str, ...] = links.cars  # "is deze nog beschikbaar? <link>": deze is the car linked
    clauses = split_clauses(norm) if norm.strip() else []
    for clause in clauses:
        view = view_of(clause, text, len(clauses) == 1, clause_ctx)
        for act in clause_acts(view, clause_ctx, local):
            acts.append(act)
            if act.cars and (act.kind not in (ActKind.SEARCH, ActKind.RANK) or len(act.cars) == 1):
                local = act.cars
            if act.kind in (ActKind.RANK, ActKind.ASK_CAR):
                clause_ctx = replace(clause_ctx, car_in_question=True)
            if act.kind == ActKind.TRADE_IN:
                # "wat geef je voor mijn Insignia? 160.000 km, diesel": what follows describes that car
                clause_ctx = replace(clause_ctx, expecting="trade_in_details", trade_context=True)
    acts = _linked(_descriptions_only(acts, ctx.scope), links)
    return Reading(text, language, tuple(tidy(acts, ctx.expecting, ctx.has_appointment)), contract.intent, contract.entities,
                   contract.signals)


_DESCRIBING = ("fuel", "transmission", "body_type", "color")


def _descriptions_only(acts: list[Act], scope: Scope) -> list[Act]:
    """ "wat kost die benzine per maand?": "benzine" picks the car the question is about; it is no new search."""
    out = []
    for act in acts:
        crit = act.criteria
        about = [a for a in acts if a is not act and a.clause == act.clause and a.cars and a.kind != ActKind.SEARCH]
        if act.kind == ActKind.SEARCH and crit is not None and about and crit.require and not act.named \
                and set(crit.require) <= set(_DESCRIBING) and not (crit.budget_max or crit.year_min or crit.mileage_max):
            cars = scope.cars(about[0].cars)
            if cars and all(str(getattr(c, k)).lower() in [v.lower() for v in vals]
                            for c in cars for k, vals in crit.require.items()):
                continue
        out.append(act)
    return out


def _linked(acts: list[Act], links: Links) -> list[Act]:
    """A linked car is pointed at even when the words around the link ask nothing of it ("hoi, deze
    graag"); a link to a car gone replaces what the message asked of "deze" (it is not the car in focus)."""
    if links.cars:
        if not any(set(a.cars) & set(links.cars) for a in acts):
            return [Act(ActKind.POINT, cars=links.cars, named=True)] + acts
        # "Opel Corsa <link>": the link says which Corsa; the name asks for no list of them
        return [replace(a, kind=ActKind.POINT, cars=tuple(c for c in a.cars if c in links.cars), criteria=None)
                if a.kind in (ActKind.SEARCH, ActKind.POINT) and set(a.cars) & set(links.cars) else a for a in acts]
    if links.gone:
        kept = [a for a in acts if a.named or a.kind not in _ABOUT_THE_LINK or (a.kind == ActKind.SEARCH and a.criteria)]
        return [Act(ActKind.POINT, named=True, gone=True)] + kept
    return acts


def _bare(text: str) -> Act:
    if _MEDIA.match(text or ""):
        return Act(ActKind.MEDIA)
    return Act(ActKind.YES if polarity(text or "", "") else ActKind.UNKNOWN)


_SALES = (ActKind.SEARCH, ActKind.POINT, ActKind.TEST_DRIVE, ActKind.RANK, ActKind.COMPARE, ActKind.ASK_CAR,
          ActKind.BUY, ActKind.OFFER, ActKind.NEGOTIATE, ActKind.FINANCING, ActKind.TRADE_IN, ActKind.WHEN, ActKind.PICK)
# Acts that are about one car and may take it from a car named just after ("kan ik iets reserveren? de Captur")
_WANTS_A_CAR = (ActKind.BUY, ActKind.OFFER, ActKind.NEGOTIATE, ActKind.FINANCING, ActKind.TEST_DRIVE, ActKind.ASK_CAR)


# What a message asks of the car its link shows.
_ABOUT_THE_LINK = (ActKind.POINT, ActKind.ASK_CAR, ActKind.TEST_DRIVE, ActKind.BUY, ActKind.OFFER, ActKind.NEGOTIATE,
                   ActKind.FINANCING, ActKind.SEARCH, ActKind.UNKNOWN)

_EXPLICIT_DRIVE = re.compile(r"\bproefr|\btest ?dri|\btestrit|\bproberen\b|\buitproberen\b|\bproefrijden\b")


def tidy(acts: list[Act], expecting: str = "nothing", booked: bool = False) -> list[Act]:
    """Merge what belongs together and drop what adds nothing next to a real request."""
    acts = _bids(acts)
    if any(a.kind == ActKind.MOVE for a in acts):
        # "donderdag kan ik toch niet. Kan het een dag eerder?": the drive moves, it is not cancelled
        acts = [a for a in acts if a.kind != ActKind.CANCEL]
    if any(a.kind == ActKind.OPT_OUT for a in acts):
        # "ok thanks. please unsubscribe me": nothing else of that message is a reason to write more
        acts = [a for a in acts if a.kind in (ActKind.OPT_OUT, ActKind.THANKS)]
    if any(a.kind in (ActKind.COMPLAINT, ActKind.HUMAN) for a in acts):
        acts = [a for a in acts if a.kind not in _SALES]  # no sales pitch to someone who wants a person
    acts = _point_back(acts)
    if len(acts) > 1:
        # "ik twijfel tussen elektrisch en hybride. Hoe ver komt de Niro EV…": no two cars to compare, the question counts
        acts = [a for a in acts if not (a.kind == ActKind.COMPARE and len(a.cars) < 2)]
    if any(a.kind == ActKind.SEARCH for a in acts):
        # "…als ie maar weinig km heeft, zet de 3 met de minste km op een rij": the new list is the row asked for
        acts = [a for a in acts if not (a.kind == ActKind.COMPARE and not a.named)]
    if booked:
        # "kunnen we ook een stukje snelweg rijden?" with a drive booked: a question about the drive, not a new one
        asked = {a.clause for a in acts if a.kind == ActKind.KNOWLEDGE}
        acts = [a for a in acts if not (a.kind == ActKind.TEST_DRIVE and a.clause in asked and not a.named
                                        and not a.when)]
    # "wat is de laagste prijs die je kunt doen?": haggling over the car, not the cheapest of the search
    haggled = {a.clause for a in acts if a.kind == ActKind.NEGOTIATE}
    acts = [a for a in acts if not (a.kind == ActKind.RANK and a.clause in haggled)]
    # "is de prijs rijklaar?", "any extra costs on top of the price?": the price is what the dealer topic is about
    knowledge_clauses = {a.clause for a in acts if a.kind == ActKind.KNOWLEDGE}
    acts = [a for a in acts if not (a.kind == ActKind.ASK_CAR and a.fields == (Field.PRICE,)
                                    and a.clause in knowledge_clauses)]
    # "zijn er onderhoudsboekjes bij de mini?": the question about the car covers the dealer topic it names
    car_clauses = {a.clause for a in acts if a.kind == ActKind.ASK_CAR and a.cars}
    acts = [a for a in acts if not (a.kind == ActKind.KNOWLEDGE and a.clause in car_clauses)]
    if any(a.kind in (ActKind.OFFER, ActKind.BUY) for a in acts):
        # "ik geef 20.000 en kom hem morgen halen": coming by is to collect the car, not to try it
        acts = [a for a in acts if a.kind != ActKind.TEST_DRIVE or _EXPLICIT_DRIVE.search(a.clause)]
    out: list[Act] = []
    for act in acts:
        prev = out[-1] if out else None
        if act.kind == ActKind.ASK_CAR and not act.named and any(a.kind == ActKind.RANK for a in out):
            # the car a ranking in this message picks is known only once it is ranked: the skill asks the focus
            act = replace(act, cars=())
        if act.kind == ActKind.WHEN:
            # "kan ik een proefrit maken? vrijdagmiddag 15:00 zou mooi zijn": the time belongs to the drive
            target = next((i for i in range(len(out) - 1, -1, -1) if out[i].kind in (ActKind.MOVE, ActKind.TEST_DRIVE)),
                          None)
            if target is not None:
                out[target] = _with_when(out[target], act)
                continue
            if prev is not None and prev.kind == ActKind.WHEN:
                # "liefst zo laat mogelijk, ik werk tot 4": one moment described twice
                out[-1] = _with_when(prev, act)
                continue
        if act.kind in _ONCE and any(a.kind == act.kind for a in out):
            continue
        if prev is not None and act.kind == prev.kind and act.kind in (ActKind.COMPARE, ActKind.HOURS) and (
                act.kind == ActKind.COMPARE or bool(act.holidays) == bool(prev.holidays)):
            out[-1] = replace(prev, cars=tuple(dict.fromkeys(prev.cars + act.cars)),
                              holidays=tuple(dict.fromkeys(prev.holidays + act.holidays)), when=prev.when or act.when)
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
        if prev is not None and act.kind == prev.kind == ActKind.ASK_CAR and (act.cars == prev.cars or not act.named):
            out[-1] = replace(prev, fields=tuple(dict.fromkeys(prev.fields + act.fields)),
                              clause=f"{prev.clause} {act.clause}")
            continue
        if prev is not None and prev.kind == ActKind.POINT and act.cars == prev.cars and act.kind != ActKind.UNKNOWN:
            out[-1] = replace(act, named=act.named or prev.named)
            continue
        out.append(act)
    substantive = [a for a in out if a.kind not in (ActKind.UNKNOWN, ActKind.GREET, ActKind.THANKS, ActKind.YES)]
    if substantive:
        keep_thanks = all(a.kind in (ActKind.NO, ActKind.DEFER) for a in substantive)
        # "ok, en hebt ge nog een Duster?": with nothing asked, an opening "ok" or "ja" only leads in
        # …and "mooi, kan ik morgen om 3 uur komen?" after an invitation is answered by its drive request
        # …and "18.000 contant en we hebben een deal" is a bid, not a yes to the drive
        keep_yes = expecting != "nothing" and not (
            expecting == "test_drive" and any(a.kind in (ActKind.TEST_DRIVE, ActKind.WHEN, ActKind.OFFER, ActKind.BUY,
                                                        ActKind.NEGOTIATE) for a in substantive))
        # "ah nee, kan het een dag vroeger?", "nee, doe maar 15:00": the no only leads in to what follows
        others = [a for a in substantive if a.kind not in (ActKind.NO, ActKind.DEFER)]
        # "nee, ik bedoelde tot 20.000" after an invitation corrects the search; only offered times take a no
        keep_no = not others or (expecting in ("slot_choice", "slot_confirm", "colleague_check") and not any(
            a.kind in (ActKind.MOVE, ActKind.OTHER_TIME, ActKind.WHEN, ActKind.PICK) for a in others))
        out = [a for a in out if a.kind not in (ActKind.UNKNOWN, ActKind.GREET)
               and (a.kind != ActKind.THANKS or keep_thanks) and (a.kind != ActKind.YES or keep_yes)
               and (a.kind != ActKind.NO or keep_no)]
    return out


def _point_back(acts: list[Act]) -> list[Act]:
    """A car named right after an act that needed one is that act's car; a listing of a car already being
    booked or bought adds nothing ("proefrit in de C4 vrijdag om 3 uur" books, it does not also list the C4)."""
    out: list[Act] = []
    for act in acts:
        prev = out[-1] if out else None
        if act.kind in (ActKind.POINT, ActKind.SEARCH) and act.named and len(act.cars) == 1 and prev is not None \
                and prev.kind in _WANTS_A_CAR and not prev.cars and not (act.criteria and act.criteria.require.get("fuel")):
            out[-1] = replace(prev, cars=act.cars)
            continue
        out.append(act)
    committed = {c for a in out if a.kind in (ActKind.TEST_DRIVE, ActKind.BUY, ActKind.OFFER) for c in a.cars}
    return [a for a in out if not (a.kind in (ActKind.SEARCH, ActKind.POINT) and a.cars and set(a.cars) <= committed)
            and not (committed and a.kind == ActKind.SEARCH and _only_ruling_out(a))]


def _only_ruling_out(act: Act) -> bool:
    """ "forget the audi, rather no diesel anyway. can I test drive the skoda…": with a car chosen in the same
    message, what is ruled out explains the choice; it asks for no new list."""
    crit = act.criteria or Criteria()
    return not (crit.require or crit.budget_max or crit.year_min or crit.mileage_max or crit.widen or crit.price_min)


def _bids(acts: list[Act]) -> list[Act]:
    """ "allez, 16500 en ik neem hem mee": an amount next to a decision to buy is a bid, not a budget."""
    announced = [a for a in acts if a.kind == ActKind.NEGOTIATE and cues.BID_ANNOUNCED.search(a.clause)]
    if not any(a.kind in (ActKind.BUY, ActKind.OFFER) for a in acts) and not announced:
        return acts
    out = []
    for act in acts:
        crit = act.criteria
        if act.kind == ActKind.SEARCH and crit is not None and crit.budget_max and not (
                crit.require or crit.exclude or crit.year_min or crit.mileage_max or act.named):
            # "ik wil u een bod doen: 25.500 euro": the amount is the bid announced
            out.append(Act(ActKind.OFFER, act.clause, amount=crit.budget_max,
                           cars=next((a.cars for a in announced if a.cars), ())))
            continue
        out.append(act)
    if any(a.kind == ActKind.OFFER for a in out):
        # a bid is answered as a bid; the sale follows acceptance
        out = [a for a in out if a.kind != ActKind.BUY and not any(a is n for n in announced)]
    return out


def _with_when(act: Act, later: Act) -> Act:
    """The moment of `act` completed by what `later` says of it; what `act` said itself stays."""
    if act.when is None or later.when is None:
        return replace(act, when=act.when or later.when)
    first, second = act.when, later.when
    filled = {f.name: getattr(second, f.name) for f in fields(first)
              if getattr(first, f.name) in (None, (), False) and getattr(second, f.name) not in (None, (), False)}
    # "naar volgende week? dinsdag zelfde tijd": a week and a weekday make one day; two days named keep the first
    if first.names_day and second.names_day and not (_only_week(first) and _only_weekday(second)
                                                     or _only_weekday(first) and _only_week(second)):
        filled = {k: v for k, v in filled.items() if k not in ("day", "weekday", "week", "weekend")}
    return replace(act, when=replace(first, **filled))


def _only_week(when: When) -> bool:
    return when.week is not None and when.weekday is None and when.day is None


def _only_weekday(when: When) -> bool:
    return when.weekday is not None and when.week is None and when.day is None
