"""What the customer does in one clause: the detectors, strongest first.

`clause_acts` looks at one clause with everything computed once (`View`): the customer's own
car blanked out, the contract's intent scores, the car words, the criteria, the moment named.
Detectors run in a fixed order; some end the clause (an opt-out, a person asked for, a
cancellation), others add acts side by side ("de benzine, kan ik die financieren?" points and
asks). What a clause *means in context* is decided by flow.py, not here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from actors.dialogue.language import cues
from actors.dialogue.language.clauses import Clause
from actors.dialogue.language.criteria import read_criteria
from actors.dialogue.language.entities import extract
from actors.dialogue.language.facts import VALUE_FIELDS, Field, asked_fields, asks_value, read_rank
from actors.dialogue.language.intents import score_intents
from actors.dialogue.language.lexicon import Mention, find_mentions
from actors.dialogue.language.numbers import money_amounts
from actors.dialogue.language.ordinals import names_position, position
from actors.dialogue.language.other_models import find_other_model
from actors.dialogue.language.own_car import details as own_car_details
from actors.dialogue.language.own_car import find_own_car
from actors.dialogue.language.reading import Act, ActKind, Criteria, OwnCar
from actors.dialogue.language.references import Resolved, Scope, by_variant, resolve, resolve_each
from actors.dialogue.language.topics import combined_spans, find_holidays, find_topics
from actors.dialogue.language.when import SEE_YOU, Shift, When, read_shift, read_when
from actors.dialogue.language.yesno import Polarity, polarity
from integrations.knowledge import Knowledge

_TOKEN = re.compile(r"[a-z0-9]+")
# Topics a skill answers as part of an act, so they are not also answered as knowledge.
OWNED_TOPICS = {"negotiation": (ActKind.NEGOTIATE,), "trade_in_process": (ActKind.TRADE_IN,),
                "buying_process": (ActKind.BUY,), "reservation": (ActKind.BUY,), "stock_alert": (ActKind.OPT_IN,),
                "private_lease": (ActKind.FINANCING,), "registration": (ActKind.OPT_IN, ActKind.TEST_DRIVE),
                "payment": (ActKind.FINANCING,)}
# Car facts the knowledge file answers for any car: asked without pointing at a car, they are dealer questions.
_DEALER_FIELDS = frozenset({Field.WARRANTY, Field.APK, Field.HISTORY})
_THANKS = re.compile(r"\b(?:bedankt|dank|thanks|thank you|merci|dankjewel|cheers)\b")
_BYE = re.compile(r"\b(?:doei|daag|tot ziens|tot later|bye|goodbye|fijne dag|fijn weekend|see you)\b")
_APPLICATION = re.compile(r"\b(?:aanvra\w*|aanvraag|apply|application|afsluiten|regel(?:en)? (?:de|een) financiering)\b")
_FINANCE_WISH = re.compile(r"\b(?:wil|willen|zou|zouden|graag|interesse|kan|kun|kunnen|mag|mogelijk|possible|can|could|"
                           r"would|like|want|wat (?:is|zou|kost)|hoeveel|how much|per maand|maandbedrag|maandlast)\b")
_FINANCE_NOT = re.compile(r"\b(?:stoppen met|stop met|geen zin in|klaar met|loopt af|afgelopen|beeindig\w*|"
                          r"not interested|no financing|geen financiering|contant|cash|zonder financiering)\b")
# "jullie goedkoopste hybrides", "de 3 nieuwste suv's": a search sorted that way, not one car asked for
# (number words are digits once normalised)
_SUPERLATIVE_AS_ADJECTIVE = re.compile(r"\b(?:jullie|onze|uw|your|our|alle)\s+(?:\d+\s+|\w+\s+)?\w+st\w*\b|"
                                       r"\b\d+\s+\w+st\w*\b")
_WHICH = re.compile(r"\b(?:welke|welk|wat is|wat zijn|wie|which|what is|what's|who|de|den|het|the)\b")
_COMPARATIVE_ONLY = re.compile(r"\b(?:goedkoper|duurder|nieuwer|ouder|jonger|minder|meer|cheaper|newer|older|fewer|less|more)\b")
_STOP_SEARCHING = re.compile(r"\b(?:stop|stoppen|hou op|klaar) (?:maar |nu )?met (?:zoeken|searching)|\bhoeft? niet (?:meer )?"
                             r"(?:verder )?te zoeken|\bstop (?:looking|searching)|\bno need to (?:look|search)")
_VISITING = re.compile(r"\b(?:langs\w*|komen|kom|proefrit\w*|bekijken|proberen|rijden|test ?drive|come (?:by|in|over)|"
                       r"visit|drop by|stop by)\b")
_NOT_A_VISIT = re.compile(r"\b(?:laten zien|laat (?:\w+ )?zien|opsturen|doorsturen|toesturen|sturen|send|show me)\b")
_OPINION = re.compile(r"^(?:amai|wow|jeetje|tjonge|oei|pff+|hmm+|oh|ah|nou|wel|best|nogal|erg|heel|zo(?! \w+ mogelijk)|dat is|die is|"
                      r"hij is|is wel|vind ik|that'?s|it'?s|quite|pretty|rather)\b")
_CONDITION = re.compile(r"\b(?:als|wanneer|zodra|if|when|once) (?:ik|we|wij|i) (?:\w+ ){0,3}?(?:kom|komen|kijken|"
                        r"langskom|ben|zijn|come|visit|am)\b(?: kijken| langs| by| over)?")
_FACT_QUESTION = re.compile(r"^(?:en |maar )?(?:hoeveel|hoe ver|hoe lang|how many|how far|how much|how long)\b")
_TIME_WORDS = re.compile(r"\b(?:uur|u|am|pm|ochtend|middag|avond|morgen|vandaag|overmorgen|week)\b")
_INFO = re.compile(r"\b(?:info|informatie|uitleg|weten|vertel|hoe zit het|hoe werkt|details|tell me|explain|"
                   r"how does|i'?d like to know|wondering)\b")
_POINTING = re.compile(r"^(?:en |of |ok |oke |dan |doe maar |ik neem |i'?ll take |ik denk |ik ga voor |ik kies |dan maar |liever "
                       r"|i think |i'?ll go (?:for|with) )?(?:de|die|deze|dat|den|die van|the|that|"
                       r"this)\b(?!\s+(?:is|zijn|heeft|kost)\b)")
_OTHER_ONE = re.compile(r"\b(?:die|de|het|the|that)\s+(?:\w+\s+)?(?:andere|other)\b|\bthe other one\b")
_BARE_NUMBER = re.compile(r"^(?:(?:ok|oke|doe|dan|maar|liever|graag|om|is|toch|ja|nee|of|ik|kies|neem|actually|make|it|"
                          r"lets|let's|say|rather|at|sorry|then|nah|no)\s+)*(\d{1,2})"
                          r"(?:\s+(?:dan|graag|uur|u|maar|alsjeblieft|aub|please|instead|then|o'?clock))*$")
_BOUND = re.compile(r"\b(?:ouder|nieuwer|jonger|goedkoper|duurder|minder|meer|older|newer|cheaper|more|less|fewer)\s+"
                    r"(?:\w+\s+)?(?:dan|than)\s+(?:de\s+)?(?:€\s*)?\d")
_BROKEN_PROMISE = re.compile(r"\b(?:beloofd\w*|toegezegd|promised|nobody (?:called|came)|niemand (?:heeft )?(?:gebeld|"
                             r"teruggebeld)|nooit (?:terug)?gebeld|never called|not called back|niet teruggebeld|"
                             r"nooit (?:meer )?(?:iets |wat |niks )?(?:terug)?gehoord|(?:niks|niets) (?:meer )?(?:terug)?gehoord|"
                             r"(?:nog )?(?:steeds )?geen (?:reactie|antwoord|offerte) (?:gehad|ontvangen|gekregen)|"
                             r"never heard back|no (?:reply|answer|response) (?:yet|so far)|still waiting)\b")
# A car the customer bought here that now has a problem: a complaint for a person, never a search.
_AFTER_SALE = re.compile(r"\b(?:gekocht|kocht|bought|purchased|afgeleverd|opgehaald)\b.*\b(?:geluid|lampje|start niet|"
                         r"lekt|kapot|storing|defect|rammel\w*|piep\w*|noise|warning light|won'?t start|broke\w*|leak\w*|"
                         r"probleem|problem|klacht)|\b(?:geluid|lampje|start niet|kapot|storing|defect|noise|warning light|"
                         r"probleem|problem)\b.*\b(?:gekocht|kocht|bought|afgeleverd)\b")
_ASKS_NUMBER = re.compile(r"\b(?:nummer|telefoonnummer|phone number|number)\b")
_CALL_ME = re.compile(r"\b(?:bel (?:me|mij)|terugbel\w*|bellen (?:me|mij)|call me|call (?:me )?back|iemand spreken)\b")
_PAST = re.compile(r"\b(?:vorige week|gisteren|vorige maand|laatst|(?:heb|had|hebben) (?:\w+ ){0,4}(?:gehad|geboekt|gemaakt|"
                   r"gereden|afgesproken)|last week|yesterday|i had|we had|i booked|i have booked)\b")
_ABOUT_A_DRIVE = re.compile(r"\b(?:hoe ?lang duurt|hoelang duurt|wat kost (?:een|de|die) proefrit|kost (?:een|de) proefrit|"
                            r"is (?:een|de) proefrit gratis|mag (?:mijn|een) (?:\w+ )?mee|moet ik (?:me )?registreren|"
                            r"how long (?:is|does)|does a test drive cost|is the test drive free)\b")
_NOT_HOURS = re.compile(r"\b(?:dak|raam|ramen|kap|schuifdak|roof|window|motorkap|kofferbak)\b.{0,20}\bopen\b|"
                        r"\bopen\b.{0,10}\b(?:dak|kap|roof)\b")
# "veel snelweg" is how someone drives, not a question about the route to us
_NOT_LOCATION = re.compile(r"\b(?:veel|voor de|op de|lange) (?:snelweg|highway|motorway)\b|"
                           r"\bsnelweg ?(?:rijden|kilometers|km)\b")
_EQUIPMENT = re.compile(r"\bparkeer(?:sensor\w*|hulp|camera|assistent\w*|pilot)\b|\bparking (?:sensors?|camera|aid)\b")
_ADVICE = re.compile(
    r"\b(?:raad (?:je|jij|u|jullie) (?:\w+ )?aan|aanraden|aanrader|adviseer\w*|advies|(?:welke|wat) zou (?:je|jij|u) "
    r"(?:\w+ )?(?:nemen|kiezen|doen|aanraden|adviseren)|welke (?:is|vind je|vindt u) (?:het )?(?:beste|fijnste|handigste)|"
    r"(?:de )?beste (?:auto|keuze|optie|koop)|recommend\w*|which (?:one )?would you (?:take|choose|pick|recommend)|"
    r"what would you (?:choose|take|pick|recommend)|best (?:car|choice|option|buy)|welke moet ik (?:nemen|kiezen)|"
    r"which (?:one )?(?:is|would be) (?:better|best) for|welke is (?:beter|het beste|het best|geschikter) (?:voor|om)|"
    r"welke (?:past|zou) (?:het )?(?:beter|best) (?:bij|voor))\b")
_ELLIPSIS = re.compile(r"^(?:en|and|of|or|ook|also|what about|en wat dan met|en voor)\b")


@dataclass(frozen=True)
class ClauseContext:
    """The parts of the reading context a clause needs (see `reader.Context`)."""

    scope: Scope
    knowledge: Knowledge
    today: date
    expecting: str
    has_appointment: bool
    has_offer: bool
    offered: int
    own_model: str | None
    trade_context: bool
    lookalike: bool                      # the message corrects, cancels or registers: never an opt-out
    last: str = ""                       # the act kind our last reply answered, for "en zondag?"
    last_fields: tuple[Field, ...] = ()
    car_in_question: bool = False          # an earlier clause of this message ranked or asked about a car
    focus_price: int | None = None       # price of the car in focus: "ik geef er 16 voor" means 16.000


@dataclass
class View:
    """One clause, read once: everything the detectors look at."""

    clause: Clause
    raw: str
    single: bool                          # the message has only this clause
    own: OwnCar | None
    masked: str                           # the clause with the customer's own car blanked out
    scores: dict[str, float]
    mentions: list[Mention]
    tokens: list[str]
    question: bool
    criteria: Criteria
    when: When
    shift: Shift

    @property
    def n(self) -> str:
        return self.clause.text


def view_of(clause: Clause, raw: str, single: bool, ctx: ClauseContext) -> View:
    n = clause.text
    own = find_own_car(n, known_model=ctx.own_model, context=ctx.trade_context)
    masked = n if own is None else n[:own.start] + " " * (own.end - own.start) + n[own.end:]
    found = extract(masked)
    toks = _TOKEN.findall(masked)
    crit = read_criteria(masked)
    question = (clause.question or bool(cues.QUESTION.search(n))) and not (crit.widen or crit.exclude)
    return View(clause, raw, single, own.car if own else None, masked, score_intents(masked, found.entities),
                find_mentions(toks, masked), toks, question, crit, read_when(n, ctx.today), read_shift(n))


def clause_acts(v: View, ctx: ClauseContext, local: tuple[str, ...]) -> list[Act]:
    """The acts of one clause, in the order they should be answered."""
    for final in (_stopping, _person, _appointment):
        ended = final(v, ctx)
        if ended:
            return ended
    acts: list[Act] = []
    acts += _money(v, ctx, local)
    acts += _finance_and_trade(v, ctx, local, acts)
    acts += _drive(v, ctx, local, acts)
    acts += _car_questions(v, ctx, local, acts)
    acts += _dealer(v, ctx, local, acts)
    acts += _search(v, ctx, local, acts)
    if acts:
        return acts
    return _short_answer(v, ctx, local)


# -- detectors that end the clause ------------------------------------------------------------------

def _stopping(v: View, ctx: ClauseContext) -> list[Act]:
    n = v.n
    if not ctx.lookalike and _opt_out(v, ctx):
        return [Act(ActKind.OPT_OUT, n)]
    if cues.OPT_IN.search(n) and not cues.CANCEL.search(n) and not re.search(r"\b(?:proefr\w*|afspraak|test ?drive)", n):
        return [Act(ActKind.OPT_IN, n, criteria=v.criteria)]
    return []


def _opt_out(v: View, ctx: ClauseContext) -> bool:
    # A bare "stop" or "afmelden" is a request only when it is the whole message; inside a longer
    # message the clause has to name the messages or the unsubscribing itself.
    whole = v.single and bool(cues.OPT_OUT_WORD.search(v.n))
    if not whole and not cues.OPT_OUT_CLEAR.search(v.n):
        return False
    # "ik moet me afmelden" with a drive booked and no word about messages cancels the drive.
    messages = re.search(r"\b(?:berichten|berichtjes|whatsapp\w*|appjes|nieuwsbrief\w*|mail\w*|spam|reclame|messages|"
                         r"texts|sms\w*)\b", v.n)
    if ctx.has_appointment and not messages and not re.fullmatch(r"\W*stop\W*", v.n):
        return False
    return True


def _person(v: View, ctx: ClauseContext) -> list[Act]:
    # A complaint comes first: "nobody called me back, I want a manager" needs an apology with the handover.
    if v.scores.get("complaint", 0) >= 4 or _BROKEN_PROMISE.search(v.n) or (
            v.scores.get("complaint", 0) >= 3 and _AFTER_SALE.search(v.n)):
        return [Act(ActKind.COMPLAINT, v.n)]
    if v.scores.get("human", 0) >= 3:
        if _ASKS_NUMBER.search(v.n) and not _CALL_ME.search(v.n):
            return []  # "wat is jullie nummer?" asks a fact (knowledge "contact"), not for a person
        return [Act(ActKind.HUMAN, v.n)]
    return []


_PRICE_WORD = re.compile(r"\b(?:prijs|vraagprijs|kost|kosten|price|cost)\b")
# Right after a booking, a bare "toch niet" takes it back.
_TAKE_BACK = re.compile(r"^(?:oh |ah |hmm )?(?:nee,? |sorry,? )?(?:laat maar,? )?toch (?:maar )?niet(?: meer)?(?: nodig)?$|"
                        r"^(?:never ?mind|actually no|on second thought,? no)$")
_BOOKING_ACTS = frozenset({ActKind.PICK, ActKind.WHEN, ActKind.TEST_DRIVE, ActKind.YES, ActKind.MOVE})


def _appointment(v: View, ctx: ClauseContext) -> list[Act]:
    n = v.n
    if ctx.has_appointment and v.single and ctx.last in _BOOKING_ACTS and _TAKE_BACK.search(n):
        return [Act(ActKind.CANCEL, n)]
    if cues.CANCEL.search(n) or (ctx.has_appointment and re.search(r"\bafmelden\b", n)) or (
            ctx.last == ActKind.OPT_OUT and re.search(r"\b(?:bedoel\w*|i meant?)\b.*\b(?:proefrit|afspraak|test ?drive)", n)):
        # the last one: "ik wil afmelden" … "nee, ik bedoel mijn proefrit": the drive is what goes
        return [Act(ActKind.CANCEL, n)]
    if cues.RECALL.search(n) and not re.search(r"\b(?:open|dicht|sluit|gesloten|close|opening)\b", n):
        recall = [Act(ActKind.RECALL, n)]
        # "kun je me de prijs en de tijd van de afspraak nog even sturen": the price is asked as well
        price = [Act(ActKind.ASK_CAR, n, fields=(Field.PRICE,))] if _PRICE_WORD.search(n) else []
        return price + recall
    if cues.DEFER.search(n) and not cues.MOVE.search(n):
        return [Act(ActKind.DEFER, n)]
    if cues.MOVE.search(n) or (v.shift and (ctx.has_appointment or ctx.has_offer)):
        return [Act(ActKind.MOVE, n, when=v.when or None, shift=v.shift or None)]
    return []


# -- detectors that add acts side by side -----------------------------------------------------------

def _ref(v: View, ctx: ClauseContext, local: tuple[str, ...]) -> Resolved:
    return resolve(v.masked, v.mentions, ctx.scope, local)


def _money(v: View, ctx: ClauseContext, local: tuple[str, ...]) -> list[Act]:
    acts: list[Act] = []
    amounts = money_amounts(v.masked) or _thousands(v.masked, ctx)
    if cues.OFFER.search(v.masked) and amounts:
        acts.append(Act(ActKind.OFFER, v.n, cars=_deal_car(v, ctx, local), amount=amounts[0]))
    elif cues.NEGOTIATE.search(v.masked) or cues.BID_ANNOUNCED.search(v.masked):
        # "ik wil u een bod doen:" announces a bid; its amount may follow in the next clause
        acts.append(Act(ActKind.NEGOTIATE, v.n, cars=_deal_car(v, ctx, local)))
    if cues.BUY.search(v.masked) and not cues.SEARCH_VERB.search(v.masked) and not _ON_CREDIT.search(v.masked):
        # "kan ik op afbetaling kopen?" asks how to pay, it is no decision to buy
        acts.append(Act(ActKind.BUY, v.n, cars=_ref(v, ctx, local).cars))
    return acts


# "hoe zit het met de APK?", "hoe werkt het?": the "het" points at nothing
_HOW_ABOUT = re.compile(r"\b(?:hoe zit het|hoe werkt het|hoe gaat het|hoe doen jullie het|hoe regelen jullie het|how does it work|"
                        r"how is it)\b")
def _deal_car(v: View, ctx: ClauseContext, local: tuple[str, ...]) -> tuple[str, ...]:
    """The car a bid is for: the amount is the bid, never a description of the car ("18.000 contant"), and
    "de golf" with a Golf in focus is that Golf."""
    without_money = re.sub(r"(?<![\w.])\d[\d.,]*\s*(?:k\b|euro\b|€)?", " ", v.masked)
    cars = resolve(without_money, v.mentions, ctx.scope, local).cars
    if len(cars) > 1 and ctx.scope.focus in cars:
        return (ctx.scope.focus,)
    return cars


_ON_CREDIT = re.compile(r"\b(?:op afbetaling|afbetal\w*|financier\w*|financ\w*|lease\w*|in termijnen|on finance|"
                        r"in instalments|monthly payments?)\b")


def _thousands(masked: str, ctx: ClauseContext) -> list[int]:
    """ "ik geef er 16 voor" about a car of 17.450: sixteen thousand, when the car's price makes that plain."""
    if ctx.focus_price is None:
        return []
    out = []
    for m in re.finditer(r"(?<![\d.,])(\d{1,3}(?:[.,]\d)?)(?![\d.,:])(?!\s*(?:km|uur|u\b|%|maand|jaar|dagen))", masked):
        value = float(m.group(1).replace(",", ".")) * 1000
        if 0.5 * ctx.focus_price <= value <= 1.2 * ctx.focus_price:
            out.append(int(value))
    return out


def _finance_and_trade(v: View, ctx: ClauseContext, local: tuple[str, ...], before: list[Act]) -> list[Act]:
    acts: list[Act] = []
    n = v.n
    down_payment_only = bool(re.search(r"\baanbeta", n)) and not re.search(r"\bfinanc|\bafbeta|\blease|\bmaandbedrag", n)
    if v.scores.get("financing", 0) >= 3 and not _FINANCE_NOT.search(n) and (v.question or _FINANCE_WISH.search(n)) \
            and not down_payment_only:
        acts.append(Act(ActKind.FINANCING, n, cars=_ref(v, ctx, local).cars, application=bool(_APPLICATION.search(n))))
    if v.own is not None or v.scores.get("trade_in", 0) >= 4 or (
            ctx.expecting == "trade_in_details" and _states_details(n)):
        car = v.own or OwnCar()
        if ctx.expecting == "trade_in_details" or (v.own is None and ctx.trade_context):
            car = car.merged(own_car_details(n))
        acts.append(Act(ActKind.TRADE_IN, n, own_car=car if car else None))
    return acts


def _states_details(n: str) -> bool:
    d = own_car_details(n)
    return bool(d.km or d.year or d.plate)


def _drive(v: View, ctx: ClauseContext, local: tuple[str, ...], before: list[Act]) -> list[Act]:
    n = v.n
    explicit = bool(re.search(r"\bproefr|\btest ?dri|\bproefrit|\btestrit", n))
    cue = v.scores.get("test_drive", 0) >= 3 and not _NOT_A_VISIT.search(n) and not _FACT_QUESTION.search(n)
    if not (explicit or cue) or any(a.kind in (ActKind.BUY, ActKind.OFFER) for a in before):
        return []
    main = _CONDITION.sub("", n)
    if main != n and not re.search(r"\bproefr|\btest ?dri|\btestrit|\bkijken|\blangs|\bkomen\b|\bcome\b", main):
        return []  # "kan ik de auto kwijt als ik kom kijken?": the visit is the condition, not the request
    if _PAST.search(n) and not v.when:
        return []  # "tijdens de proefrit van vorige week…", "ik heb een proefrit geboekt": no new request
    if _ABOUT_A_DRIVE.search(n) and not v.when:
        return []  # "hoe lang duurt een proefrit?", "wat kost een proefrit?": a question about drives
    ref = _ref(v, ctx, local)
    acts: list[Act] = []
    rank = read_rank(v.masked)
    if rank is not None and not ref.cars:
        acts.append(Act(ActKind.RANK, n, rank=rank, criteria=v.criteria))
    acts.append(Act(ActKind.TEST_DRIVE, n, cars=ref.cars, when=v.when or None, missing=ref.missing))
    return acts


def _car_questions(v: View, ctx: ClauseContext, local: tuple[str, ...], before: list[Act]) -> list[Act]:
    if any(a.kind == ActKind.TEST_DRIVE for a in before) or _ABOUT_A_DRIVE.search(v.n):
        return []
    n, masked = v.n, v.masked
    named = resolve_each(masked, v.mentions, ctx.scope) if sum(m.key == "model" for m in v.mentions) >= 2 else ()
    if _ADVICE.search(masked):
        among = named or tuple(local) if len(named or local) > 1 else ()
        return [Act(ActKind.ADVICE, n, cars=tuple(among), criteria=v.criteria)]
    if (cues.COMPARE.search(masked) or (len(named) >= 2 and v.question and re.search(r"\b(?:of|or|beter|better)\b", n))):
        return [_compare(v, ctx, local, named)]
    rank = read_rank(masked)
    if rank is not None and _ranks(v):
        among = local if (cues.AMONG_SHOWN.search(masked) or cues.AMONG_TWO.search(masked)) and len(local) > 1 else (
            ctx.scope.compared if cues.AMONG_TWO.search(masked) else (
                ctx.scope.shown if cues.AMONG_SHOWN.search(masked) else ()))
        crit = replace(v.criteria, refers_back=bool(cues.REFERS_BACK.search(masked)))
        return [Act(ActKind.RANK, n, rank=rank, criteria=crit, cars=tuple(among))]
    fields = _asked(v, ctx, local, before)
    search_verb = bool(cues.SEARCH_VERB.search(masked))
    if fields and not (search_verb and all(f in VALUE_FIELDS for f in fields)):
        ref = _ref(v, ctx, local)
        return [Act(ActKind.ASK_CAR, n, cars=_fit_for(ref.cars, fields, ctx), named=ref.named, fields=fields,
                    missing=ref.missing)]
    return []


_ELECTRIC_FIELDS = frozenset({Field.RANGE, Field.BATTERY})


def _fit_for(cars: tuple[str, ...], fields: tuple[Field, ...], ctx: ClauseContext) -> tuple[str, ...]:
    """ "hoe ver kom ik met die Hyundai?" with three Hyundais: the range is asked of the electric one."""
    if len(cars) > 1 and set(fields) & _ELECTRIC_FIELDS:
        electric = tuple(c.stock_id for c in ctx.scope.cars(cars) if c.fuel == "elektrisch")
        return electric or cars
    return cars


def _ranks(v: View) -> bool:
    """ "welke is de goedkoopste?", "de nieuwste van die drie": a ranking asked, not "jullie nieuwste occasions"."""
    if _BOUND.search(v.masked):
        return False  # "niet ouder dan 2019" bounds the search
    if _SUPERLATIVE_AS_ADJECTIVE.search(v.masked) and not re.search(r"\b(?:welke|welk|which)\b", v.masked):
        return False
    return bool(_WHICH.search(v.masked)) or not _COMPARATIVE_ONLY.search(v.masked)


def _asked(v: View, ctx: ClauseContext, local: tuple[str, ...], before: list[Act]) -> tuple[Field, ...]:
    masked = v.masked
    for a, b in combined_spans(masked, ctx.knowledge):
        masked = masked[:a] + " " * (b - a) + masked[b:]
    fields = asked_fields(masked)
    if not fields:
        return ()
    covered: set[Field] = set()
    if any(a.kind in (ActKind.FINANCING, ActKind.OFFER, ActKind.NEGOTIATE) for a in before):
        covered |= {Field.PRICE}
    if any(a.kind == ActKind.TRADE_IN for a in before):
        covered |= {Field.KM, Field.YEAR, Field.PLATE}
    crit = v.criteria
    # "welke benzine stationwagen heb je met minder dan 100.000 km?" bounds a search; it asks no car's km
    covered |= {f for f, bound in ((Field.KM, crit.mileage_max), (Field.YEAR, crit.year_min)) if bound}
    fields = tuple(f for f in fields if f not in covered)
    # "is het een automaat?" asks; "de Kona elektrisch" or "ik zoek een automaat" only names.
    if not asks_value(v.masked):
        fields = tuple(f for f in fields if f not in (Field.TRANSMISSION, Field.FUEL, Field.BODY))
    pronoun = cues.PRONOUN.search(_HOW_ABOUT.sub(" ", v.masked))
    # "de duurste van de drie, hoeveel km heeft die en welke kleur?": the car just ranked is meant, and
    # "hoeveel km heeft die en wat is de kleur?": the car the clause before asked about
    ranked = ctx.car_in_question or any(a.kind == ActKind.RANK for a in before)
    pointed = bool(pronoun) or any(m.key in ("make", "model") for m in v.mentions) \
        or names_position(v.masked) or bool(_POINTING.match(v.masked.strip())) or ranked
    if not pointed:
        fields = tuple(f for f in fields if f not in _DEALER_FIELDS)  # "hoeveel garantie krijg ik?" asks the dealer
    if not v.question and not re.search(r"\b(?:vertel|tell|info|weten|details|foto)", v.masked):
        # "maximaal 70.000 km graag" states a wish; only a question asks a fact
        return tuple(f for f in fields if f not in VALUE_FIELDS) if pointed else ()
    if not pointed and not (local or ctx.scope.focus):
        return tuple(f for f in fields if f not in VALUE_FIELDS)
    return fields


def _compare(v: View, ctx: ClauseContext, local: tuple[str, ...], named: tuple[str, ...]) -> Act:
    """The cars to compare: each named in the clause, else the cars just named, else the last pair."""
    cars = list(named) or list(resolve_each(v.masked, v.mentions, ctx.scope))
    was_named = bool(cars)
    if len(cars) == 1 and ctx.scope.focus and ctx.scope.focus != cars[0]:
        cars = [ctx.scope.focus, cars[0]]  # "wat is het verschil met de Niro hybride?": with the car in focus
    if len(cars) < 2 and local and len(local) >= 2:
        cars = list(local)
    if len(cars) < 2:
        # "die twee" after two cars were singled out ("de goedkoopste", "die met de minste km") are those two,
        # unless exactly two are on the list shown
        pair = ctx.scope.singled if len(ctx.scope.singled) == 2 and len(ctx.scope.shown) != 2 \
            and ctx.last == ActKind.RANK else ()
        cars = list(pair or ctx.scope.compared or ctx.scope.shown[:2])
    # "wat is het prijsverschil tussen die twee?": the price is what is compared
    prices = (Field.PRICE,) if re.search(r"\bprijs\w*|\bprice\b|\bduurder\b|\bgoedkoper\b", v.masked) else ()
    return Act(ActKind.COMPARE, v.n, cars=tuple(cars), named=was_named, fields=prices)


def _dealer(v: View, ctx: ClauseContext, local: tuple[str, ...], before: list[Act]) -> list[Act]:
    acts: list[Act] = []
    n, masked = v.n, v.masked
    holidays = find_holidays(n, ctx.knowledge)
    hours_cue = v.scores.get("opening_hours", 0) >= 3 and not _NOT_HOURS.search(n)
    if hours_cue or holidays:
        acts.append(Act(ActKind.HOURS, n, when=v.when or None, holidays=tuple(h.date for h in holidays)))
    # "parkeersensoren" is equipment, not parking: blank out equipment words before looking for topics
    plain = _EQUIPMENT.sub(" ", masked)
    topics = tuple(t for t in find_topics(plain, ctx.knowledge)
                   if not any(a.kind in OWNED_TOPICS.get(t, ()) for a in before))
    if v.scores.get("location", 0) >= 4 and not (set(topics) & {"parking", "public_transport", "ev_range"}) \
            and not re.search(r"\bhoe ver\b.*\b(?:accu|batterij|lading|battery|charge)\b", n) \
            and not _NOT_LOCATION.search(n):
        acts.append(Act(ActKind.LOCATION, n))
    asked_range = any(Field.RANGE in a.fields for a in before)
    topics = tuple(t for t in topics if not (t == "ev_range" and asked_range))
    # A topic word in a statement ("mijn dochter heeft net haar rijbewijs", "ik wil stoppen met leasen") is no
    # question about it; a question, or a request for information, is.
    if topics and (v.question or _INFO.search(n)):
        acts.append(Act(ActKind.KNOWLEDGE, n, topics=topics, cars=_ref(v, ctx, local).cars))
    return acts


def _wants_car(v: View, ctx: ClauseContext, before: list[Act]) -> bool:
    return bool(cues.SEARCH_VERB.search(v.masked)) or v.scores.get("car_search", 0) >= 4 or bool(_wishes(v.criteria))


def _wishes(c: Criteria) -> bool:
    return bool(c.require.get("fuel") or c.require.get("transmission") or c.require.get("body_type")
                or c.require.get("color") or c.budget_max or c.year_min or c.mileage_max or c.exclude or c.widen
                or c.prefer or c.relative)


def _search(v: View, ctx: ClauseContext, local: tuple[str, ...], before: list[Act]) -> list[Act]:
    crit = v.criteria
    if any(a.kind == ActKind.OFFER for a in before):
        crit = replace(crit, budget_max=None)  # "ik geef 9.500": an offer, not a budget
    own = next((a.own_car for a in before if a.kind == ActKind.TRADE_IN and a.own_car), None)
    if own is not None:
        # "hij heeft 165.000 km gelopen" about the trade-in: the numbers are its own, not wishes
        crit = replace(crit, mileage_max=None if crit.mileage_max == own.km else crit.mileage_max,
                       year_min=None if crit.year_min == own.year else crit.year_min)
    wishes = _wishes(crit)
    names = any(m.key in ("make", "model") for m in v.mentions) or crit.wanted is not None
    search_verb = bool(cues.SEARCH_VERB.search(v.masked)) or v.scores.get("car_search", 0) >= 4 or (
        bool(cues.HURRY.search(v.n)) and bool(ctx.scope.found))  # "het moet snel" goes on with the search
    if any(a.kind in (ActKind.ASK_CAR, ActKind.RANK, ActKind.COMPARE, ActKind.HOURS) for a in before):
        return []
    if _STOP_SEARCHING.search(v.n) and not wishes and not names:
        return []  # "stop maar met zoeken, ik heb hem al gezien": no new list
    busy = any(a.kind in (ActKind.TEST_DRIVE, ActKind.FINANCING, ActKind.BUY, ActKind.OFFER, ActKind.NEGOTIATE,
                          ActKind.KNOWLEDGE, ActKind.LOCATION) for a in before)
    trade = any(a.kind == ActKind.TRADE_IN for a in before)
    if not (search_verb or wishes or (names and not v.question)) or (busy and not wishes) or (trade and not wishes):
        return []
    if not search_verb and not names and not v.question and _OPINION.match(v.n) and not (
            crit.require or crit.exclude or crit.budget_max or crit.widen or crit.mileage_max or crit.year_min
            or crit.price_min or "low_km" in crit.prefer):  # "wel onder de 100.000 km graag" is a wish
        return []  # "amai, veel km", "wel erg oud": a reaction to the car shown, not a new wish
    if (trade or ctx.expecting == "trade_in_details") and v.own is None and not search_verb and not names \
            and _states_details(v.n):
        return []  # "160.000 km, diesel" right after the trade-in describes the customer's own car
    if not search_verb and _POINTING.match(v.masked.strip()) and (ctx.scope.shown or ctx.scope.compared):
        # "de rode", "die van 13.950", "de benzine": a car of the list, described
        pointed = _ref(v, ctx, local)
        if pointed.cars and _on_the_table(pointed.cars, ctx) and len(pointed.cars) < len(
                set(ctx.scope.compared or ctx.scope.shown) | set(pointed.cars)) + (1 if names else 0):
            return [Act(ActKind.POINT, v.n, cars=pointed.cars, named=pointed.named)]
    ref = _ref(v, ctx, local) if names else None
    if ref is not None and sum(m.key == "model" for m in v.mentions) >= 2:
        # "een Toyota Yaris of een Suzuki Swift": every car named
        ref = replace(ref, cars=resolve_each(v.masked, v.mentions, ctx.scope))
    if ref is not None and ref.cars and not wishes and not search_verb and _on_the_table(ref.cars, ctx):
        return [Act(ActKind.POINT, v.n, cars=ref.cars, named=True)]
    if cues.REFERS_BACK.search(v.masked):
        crit = replace(crit, refers_back=True)
    missing = (ref.missing if ref else None) or crit.wanted
    if missing is None and (other := find_other_model(v.masked)) is not None:
        missing = f"{other[0].make} {other[0].name}"
    return [Act(ActKind.SEARCH, v.n, criteria=crit, cars=ref.cars if ref and ref.named else (),
                named=bool(ref and ref.named), missing=missing)]


def _on_the_table(cars: tuple[str, ...], ctx: ClauseContext) -> bool:
    table = set(ctx.scope.shown) | set(ctx.scope.compared) | set(ctx.scope.found) | (
        {ctx.scope.focus} if ctx.scope.focus else set())
    return bool(table) and set(cars) <= table


_CAR_NOUN = re.compile(r"\b(?:auto|auto'?s|wagen|car|cars|occasion|uit de lijst|from the list|of the cars|van de auto'?s)\b")


def _short_answer(v: View, ctx: ClauseContext, local: tuple[str, ...]) -> list[Act]:
    """A clause that does none of the above: a car pointed at, a position, a time, yes or no, thanks."""
    n = v.n
    # "liever de laatste auto uit de lijst" with times on offer: a place in the list of cars, not of times
    a_car_place = names_position(n) and bool(_CAR_NOUN.search(n)) and bool(ctx.scope.shown)
    if v.mentions or (names_position(n) and (not ctx.has_offer or a_car_place)):
        ref = _ref(v, ctx, local)
        if ref.cars or ref.missing:
            if _ELLIPSIS.match(n) and ctx.last == ActKind.ASK_CAR and ctx.last_fields:
                return [Act(ActKind.ASK_CAR, n, cars=_fit_for(ref.cars, ctx.last_fields, ctx), named=ref.named,
                            fields=ctx.last_fields)]
            return [Act(ActKind.POINT, n, cars=ref.cars, named=ref.named, missing=ref.missing)]
    if not v.mentions and (named := by_variant(v.masked, ctx.scope)) and len(v.tokens) <= 6:
        return [Act(ActKind.POINT, n, cars=named, named=True)]
    if _OTHER_ONE.search(n):
        ref = _ref(v, ctx, local)
        if ref.cars:
            if ctx.last == ActKind.ASK_CAR and ctx.last_fields:
                return [Act(ActKind.ASK_CAR, n, cars=ref.cars, fields=ctx.last_fields)]  # "en de andere?"
            return [Act(ActKind.POINT, n, cars=ref.cars)]
    if ctx.has_offer and cues.OTHER_TIME.search(n):
        return [Act(ActKind.OTHER_TIME, n)]
    if (ctx.has_offer or ctx.has_appointment) and not v.when and (hour := _bare_hour(n, ctx)) is not None:
        return [Act(ActKind.WHEN, n, when=When(times=((hour, 0),)))]  # "doe maar 10" after times were offered
    pick = position(n, max(ctx.offered, len(ctx.scope.shown), 1), bare_digits=len(v.tokens) <= 6)
    if pick is not None and not v.when.names_time:
        return [Act(ActKind.PICK, n, position=pick)]
    if v.when:
        if ctx.last == ActKind.HOURS and not ctx.has_offer and (v.when.names_day or _ELLIPSIS.match(n)) \
                and not _VISITING.search(n):  # "ok kan ik za ff langs rond 3en" is a visit, not hours
            return [Act(ActKind.HOURS, n, when=v.when)]  # "Tot hoe laat zaterdag?" … "en zondag?"
        return [Act(ActKind.WHEN, n, when=v.when)]
    said = polarity(v.raw if v.single else "", n)
    if said is Polarity.NO:
        return [Act(ActKind.NO, n)]
    if said is Polarity.YES:
        thanks = _THANKS.search(n) or _BYE.search(n)
        return [Act(ActKind.THANKS if thanks and ctx.expecting == "nothing" else ActKind.YES, n)]
    if v.scores.get("goodbye", 0) >= 2 or _THANKS.search(n) or SEE_YOU.search(n):
        return [Act(ActKind.THANKS, n)]
    if v.scores.get("greeting", 0) >= 2:
        return [Act(ActKind.GREET, n)]
    return [Act(ActKind.UNKNOWN, n)]


def _bare_hour(n: str, ctx: ClauseContext) -> int | None:
    """ "doe maar 10", "liever 11" with times on offer (or a drive booked): a clock hour, not a position."""
    m = _BARE_NUMBER.match(n.strip())
    if m is None:
        return None
    number = int(m.group(1))
    if ctx.has_offer and 1 <= number <= ctx.offered and not re.search(r"\b(?:uur|u)\b", n):
        return None  # "2" picks the second time offered
    if 7 <= number <= 20:
        return number
    if 1 <= number <= 6:
        return number + 12
    return None
