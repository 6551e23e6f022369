"""The dialogue's steps, one per graph node: router → crm → read → respond → escalation (DESIGN §7).

Each step takes the graph state and returns only the keys it changes. The conversation
model travels as plain data (`model`), read into a `Conversation` where a step needs it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from typing import Any, TypedDict
from zoneinfo import ZoneInfo

from actors.dialogue import flow, wording
from actors.dialogue.context import Turn
from actors.dialogue.language.facts import Field
from actors.dialogue.language.language import reply_language
from actors.dialogue.language.normalize import normalize
from actors.dialogue.language.reader import Context
from actors.dialogue.language.reading import ActKind, Reading
from actors.dialogue.language.references import Scope
from actors.dialogue.language.scoring import LEAD_RULES, lead_score, lead_status
from actors.dialogue.language.understanding import understand
from actors.dialogue.llm.choose import phrase_for, reading_for
from actors.dialogue.model import Conversation, Expect
from actors.dialogue.skills import appointment
from daemon.logs import get_logger

log = get_logger(component="dialogue")

REASONS = {"car": "noemt specifieke auto", "budget": "budget genoemd", "urgency": "heeft haast",
           "test_drive": "wil proefrit", "trade_in": "wil inruilen", "financing": "vraagt naar financiering",
           "timeframe": "noemt koopmoment", "buying": "wil kopen of deed een bod"}
HOT_SCORE = 70
_CORRECTION = re.compile(r"\b(?:bedoel\w*|i meant?|niet dat|not that|ik had het over|i was talking about)\b")


class DialogueState(TypedDict, total=False):
    turn: dict[str, Any]        # this message: conversation_id, inbound_id, phone, text, name, now, media, location
    model: dict[str, Any]       # the conversation model (Conversation.data)
    route: str                  # normal | silent
    signals_now: list[str]      # lead signals of this message
    intent: str                 # the message's single NLU label, for reports
    reading: Reading | None     # this message's reading (cleared before the checkpoint)
    reader: str                 # which reader made it: rules | model
    budget_from: float          # monotonic start of the turn's model budget
    expect: str                 # what the previous reply asked
    reply: list[str]
    effects: list[dict[str, str]]
    offered_now: list[dict[str, str]] | None
    listed_now: list[dict[str, str]]  # the cars of the reply's numbered list, as tappable items
    handoff_now: str | None
    rules: list[str]
    last_inbound_id: int
    last_output: dict[str, Any]


def _now(rt: Any, state: DialogueState) -> datetime:
    # Read the time zone per turn: a reload may have swapped the config.
    return datetime.fromisoformat(state["turn"]["now"]).astimezone(ZoneInfo(rt.config.business.timezone))


async def router(rt: Any, state: DialogueState) -> dict[str, Any]:
    """A conversation a person has taken over stays silent; every other message is read."""
    turn = state["turn"]
    conversation = await rt.store.conversations.get(turn["conversation_id"])
    if conversation is not None and conversation.handoff:
        return {"route": "silent", "handoff_now": conversation.handoff_reason or "human", "reading": None}
    model = Conversation.of(state.get("model"))
    if turn.get("opted_out"):
        model.opted_out = True  # the provider or staff unsubscribed them: only their own opt-in undoes it
    return {"route": "normal", "model": model.data(), "handoff_now": None}


async def crm(rt: Any, state: DialogueState) -> dict[str, Any]:
    """Lead signals of this message (each rule counts once per conversation, in earning order)."""
    understood = understand(state["turn"]["text"])
    model = Conversation.of(state.get("model"))
    for signal in LEAD_RULES:
        if signal in understood.signals and signal not in model.signals:
            model.signals.append(signal)
    return {"model": model.data(), "signals_now": sorted(understood.signals), "intent": understood.intent}


async def reading(rt: Any, state: DialogueState) -> dict[str, Any]:
    """One reading of the message against what the conversation has shown."""
    turn = state["turn"]
    model = Conversation.of(state.get("model"))
    stock = await rt.store.cars.all()
    now = _now(rt, state)
    found = tuple(c.stock_id for c in model.frame.matches(stock)) if model.frame else ()
    scope = Scope(stock=stock, shown=tuple(model.shown), compared=tuple(model.compared), found=found,
                  focus=model.focus, singled=tuple(model.singled))
    focus = next((c for c in stock if c.stock_id == model.focus), None)
    ctx = Context(scope=scope, knowledge=rt.knowledge, today=now.date(), expecting=model.expect.value,
                  has_appointment=bool(model.appointment_id), has_offer=model.offer is not None,
                  offered=len(model.offer.slots) if model.offer else 0,
                  own_model=model.trade_in.model if model.trade_in else None, trade_in_open=model.trade_in is not None,
                  last=model.last, last_fields=tuple(Field(f) for f in model.last_fields),
                  focus_price=focus.price_eur if focus else None)
    text = turn["text"] if turn["text"].strip() else ("[media]" if turn.get("media") or turn.get("location") else "")
    read_as = await reading_for(rt, text, ctx, understand(turn["text"]), model, turn)
    result = read_as.reading
    result = replace(result, acts=tuple(replace(a, when=a.when.ahead_of(now)) if a.when else a for a in result.acts))
    for act in result.acts:
        if act.when is not None and act.when.times:
            model.asked_time = act.when.times[0]
    model.language = reply_language(turn["text"], result.language, model.language)
    out: dict[str, Any] = {"reading": result, "model": model.data(), "expect": model.expect.value,
                           "reader": read_as.reader, "budget_from": read_as.started}
    contextual = _intent_in_context(result, model)
    if contextual is not None:
        out["intent"] = contextual
    return out


def _intent_in_context(result: Reading, model: Conversation) -> str | None:
    """The report's intent for a message only its context explains ("2" to offered times, "2016, 98.000
    km" to a trade-in question); None keeps the message's own label."""
    first = next((a for a in result.acts if a.kind not in (ActKind.THANKS, ActKind.GREET)), None)
    if first is None:
        return None
    if model.offer is not None and first.kind in (ActKind.PICK, ActKind.WHEN, ActKind.YES):
        return "slot_choice"
    if first.kind == ActKind.TRADE_IN and model.expect == Expect.TRADE_IN_DETAILS:
        return "trade_in"
    if result.intent == "other":
        return _INTENT_OF.get(first.kind)  # "iets nieuwers?" is a search in the conversation it belongs to
    return None


_INTENT_OF = {ActKind.SEARCH: "car_search", ActKind.RANK: "car_search", ActKind.POINT: "car_search",
              ActKind.ASK_CAR: "car_search", ActKind.TEST_DRIVE: "test_drive", ActKind.TRADE_IN: "trade_in",
              ActKind.FINANCING: "financing", ActKind.HOURS: "opening_hours", ActKind.LOCATION: "location",
              ActKind.HUMAN: "human", ActKind.COMPLAINT: "complaint", ActKind.OPT_OUT: "opt_out"}


async def respond(rt: Any, state: DialogueState) -> dict[str, Any]:
    """The flow's rules run each act's skill; the replies are joined into one message."""
    turn = state["turn"]
    model = Conversation.of(state.get("model"))
    expect = Expect(state.get("expect", "nothing"))
    # An expectation lives for one message; an offer of times stays open until it is taken or replaced.
    model.expect = (Expect.SLOT_CHOICE if model.offer and len(model.offer.slots) > 1 else Expect.SLOT_CONFIRM) \
        if model.offer else Expect.NOTHING
    t = Turn(rt=rt, model=model, stock=await rt.store.cars.all(), knowledge=rt.knowledge, now=_now(rt, state),
             conversation_id=turn["conversation_id"], inbound_id=turn["inbound_id"], phone=turn["phone"],
             name=turn.get("name", ""), media=tuple(turn.get("media") or ()), location=bool(turn.get("location")))
    result = state["reading"]
    assert result is not None
    if model.opted_out and model.last == ActKind.OPT_OUT.value and _CORRECTION.search(normalize(turn["text"])):
        model.opted_out = False  # "ik wil afmelden" … "nee, ik bedoel mijn proefrit": that was no opt-out
    rules = await flow.respond(t, result, expect)
    if not any(a.kind == ActKind.UNKNOWN for a in result.acts):
        model.unclear = 0
    answered = [a for a in result.acts if a.kind not in (ActKind.YES, ActKind.THANKS, ActKind.GREET)]
    if answered:
        model.last = answered[-1].kind.value
        model.last_fields = [f.value for f in answered[-1].fields]
    model.turns += 1
    model.said = t.said
    if model.expect != Expect.TEST_DRIVE:
        model.drive_when = None  # a time asked for a drive lives until the car is named, or the talk moves on
    return {"model": model.data(), "reply": t.parts, "effects": t.effects, "offered_now": t.offered_now,
            "listed_now": [wording.car_choice(c, t.lang) for c in t.cars(t.listed_now)], "handoff_now": t.handoff,
            "rules": rules}


async def escalation(rt: Any, state: DialogueState) -> dict[str, Any]:
    """Score the lead, apply the sales policy for a HOT lead, and assemble the turn's output."""
    turn = state["turn"]
    silent = state.get("route") == "silent"
    model = Conversation.of(state.get("model"))
    signals = list(model.signals)
    score = lead_score(signals)
    if model.buying:
        score = max(score, HOT_SCORE)
    status = lead_status(score)
    reply = [] if silent else list(state.get("reply") or [])
    handoff = state.get("handoff_now")
    effects = [] if silent else list(state.get("effects") or [])
    if not silent and status == "HOT" and model.note_once("hot_lead"):
        summary = ", ".join(REASONS[s] for s in signals + (["buying"] if model.buying else []) if s in REASONS)
        if rt.config.business.policy.hot_lead == "handoff" and handoff is None and not model.appointment_id:
            handoff = "hot_lead"
        else:
            effects.append({"kind": "alert", "note": f"🔥 HOT lead ({score} punten): {summary}."})
    if handoff and not silent:
        model.offer = None
    body = "\n\n".join(p for p in reply if p)
    body, writer = await phrase_for(rt, body, model, dict(state)) if not silent and not handoff else (body, "phrasebook")
    t_stub = Turn(rt=rt, model=model, stock=(), knowledge=rt.knowledge, now=_now(rt, state),
                  conversation_id=turn["conversation_id"], inbound_id=turn["inbound_id"], phone=turn["phone"], name="")
    output = {
        "replies": [body] if reply else [],
        "intent": state.get("intent", "other"),
        "lead_score": score,
        "lead_status": status,
        "lead_reasons": [REASONS[s] for s in signals if s in REASONS] + (["wil kopen of deed een bod"] if model.buying
                                                                          else []),
        "handoff": handoff,
        "opted_out": model.opted_out,
        "language": model.language,
        "offered_slots": None if silent else state.get("offered_now"),
        "listed_cars": [] if silent else list(state.get("listed_now") or []),
        "appointment": await appointment.as_json(t_stub),
        "effects": effects,
        "reader": state.get("reader", "rules") if not silent else "none",
        "writer": writer,
    }
    if not silent:
        read_now = state.get("reading")
        log.debug("dialogue_turn", conversation_id=turn["conversation_id"], rules=state.get("rules"),
                  acts=[a.kind.value for a in (read_now.acts if read_now else ())])
    return {"model": model.data(), "reading": None, "last_inbound_id": turn["inbound_id"], "last_output": output}
