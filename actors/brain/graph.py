"""The dialogue graph: router → crm → intent → respond → escalation (DESIGN §7).

Each node is a closure over the runtime and returns only the state keys it changes.
The router sends a conversation that is with a human straight to escalation, which
then produces a silent turn; every other turn passes through all five nodes.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from langgraph.graph import END, START, StateGraph

from actors.brain import booking, cues, llm, respond
from actors.brain.context import Ctx
from actors.brain.nlu import (LEAD_RULES, is_cancellation, is_reschedule, lead_score, lead_status,
                              resolve_slot_choice, understand, wants_other_time)
from actors.brain.state import DialogueState, remember

REASONS = {
    "car": "noemt specifieke auto",
    "budget": "budget genoemd",
    "urgency": "heeft haast",
    "test_drive": "wil proefrit",
    "trade_in": "wil inruilen",
    "financing": "vraagt naar financiering",
    "timeframe": "noemt koopmoment",
}
# Intents a customer means on their own, whatever we asked just before.
_STANDALONE = frozenset({"human", "complaint", "opt_out", "opening_hours", "location", "greeting"})
# What a bare answer to a slot offer may look like to the NLU before context is applied.
_SLOT_LIKE = frozenset({"slot_choice", "test_drive", "other", "goodbye", "greeting"})
_WORDS = re.compile(r"[^\W\d_]+")


def _language(text: str, detected: str, current: str) -> str:
    # "ok" or "2" says nothing about the language; English is taken from any words,
    # Dutch only from two or more, so a short Dutch-looking reply keeps an English chat English.
    words = _WORDS.findall(text)
    if detected == "en" and words:
        return "en"
    if detected == "nl" and len(words) >= 2:
        return "nl"
    return current or "nl"


def build_graph(rt: Any, checkpointer: Any):
    """Compile the dialogue graph for `rt` with `checkpointer` (thread id = conversation id)."""

    async def router(state: DialogueState) -> dict[str, Any]:
        turn = state["turn"]
        u = understand(turn["text"])
        nlu = {"intent": u.intent, "confidence": u.confidence, "entities": dict(u.entities),
               "negated": dict(u.negated), "signals": sorted(u.signals), "language": u.language}
        updates: dict[str, Any] = {
            "nlu": nlu, "reply": [], "effects": [], "offered_now": None, "handoff_now": None,
            "action": "", "choice": None, "intent": u.intent,
            "language": _language(turn["text"], u.language, state.get("language", "nl")),
        }
        conversation = await rt.store.conversations.get(turn["conversation_id"])
        if conversation is not None and conversation.handoff:
            updates["route"] = "silent"
            updates["handoff_now"] = conversation.handoff_reason or "human"
        elif u.intent == "opt_out":
            updates["route"] = "opt_out_repeat" if state.get("opted_out") else "opt_out"
        elif state.get("offered"):
            updates["route"] = "slots"
        else:
            updates["route"] = "normal"
        if state.get("opted_out") and u.intent != "opt_out":
            updates["opted_out"] = False  # writing again after an opt-out is consent to talk again
        return updates

    async def crm(state: DialogueState) -> dict[str, Any]:
        signals = list(state.get("signals") or [])
        before = lead_status(lead_score(signals))
        for signal in LEAD_RULES:  # each rule once per conversation, kept in earning order
            if signal in state["nlu"]["signals"] and signal not in signals:
                signals.append(signal)
        return {"signals": signals, "prev_status": before}

    async def intent(state: DialogueState) -> dict[str, Any]:
        ctx = Ctx.of(rt, state)
        nlu, text = state["nlu"], state["turn"]["text"]
        base = nlu["intent"]
        config = rt.config.llm
        if config.base_url and nlu["confidence"] < config.min_confidence and not state.get("offered"):
            base = await llm.classify(config, text) or base
        chosen, action, choice = _effective(ctx, base, text)
        signals = list(state.get("signals") or [])
        if chosen in ("test_drive", "trade_in", "financing") and action not in ("cancel", "reschedule") \
                and chosen not in signals:
            signals.append(chosen)
        return {"intent": chosen, "action": action, "choice": choice, "signals": signals}

    def _effective(ctx: Ctx, base: str, text: str) -> tuple[str, str, int | None]:
        state = ctx.state
        route = state["route"]
        entities = state["nlu"]["entities"]
        if route in ("opt_out", "opt_out_repeat"):
            return "opt_out", route, None
        if route == "slots" and base not in _STANDALONE:
            offered = state.get("offered") or []
            if is_cancellation(text):
                return "test_drive", "cancel", None
            if wants_other_time(text) and not cues.names_day_or_time(text):
                return "slot_choice", "other_time", None
            if base in _SLOT_LIKE:
                pairs = [(datetime.fromisoformat(s), datetime.fromisoformat(e)) for s, e, _ in offered]
                index = resolve_slot_choice(text, pairs, ctx.now)
                if index is not None or cues.names_day_or_time(text) or base == "slot_choice":
                    return "slot_choice", "pick", index
        if state.get("appointment_id") and base not in _STANDALONE:
            if is_reschedule(text):
                return "test_drive", "reschedule", None
            if is_cancellation(text):
                return "test_drive", "cancel", None
        pending = state.get("pending")
        shown = state.get("shown") or []
        if pending == "which_car" and base not in _STANDALONE:
            if entities.get("make") or entities.get("model"):
                return "test_drive", "", None
            if shown and (position := cues.ordinal(text, len(shown))) is not None:
                return "test_drive", "which", position
        if pending in ("trade_in", "financing") and base not in _STANDALONE and base not in ("trade_in", "financing"):
            return pending, "", None
        if is_cancellation(text) and base == "other":
            return "test_drive", "cancel", None
        if state.get("invited") and cues.is_yes(text):
            return "test_drive", "", None
        if base == "slot_choice":
            return ("test_drive", "", None) if cues.names_day_or_time(text) else ("other", "", None)
        if base in ("other", "car_search") and state.get("last_intent") == "car_search" and (
                cues.color(text) or cues.is_follow_up(text)):
            return "car_search", "refine", None
        return base, "", None

    async def respond_node(state: DialogueState) -> dict[str, Any]:
        ctx = Ctx.of(rt, state)
        chosen, action = state["intent"], state.get("action", "")
        if action == "opt_out":
            ctx.set(opted_out=True, offered=[], pending=None, rescheduling=False)
            await respond.simple(ctx, "opt_out", "")
        elif action == "opt_out_repeat":
            pass  # confirmed once already: stay silent
        elif action == "cancel":
            await booking.cancel(ctx)
        elif action == "reschedule":
            await booking.reschedule(ctx)
        elif action == "other_time":
            await booking.offer_more(ctx)
        elif action == "pick":
            await booking.pick(ctx, state.get("choice"))
        elif chosen == "test_drive":
            await respond.test_drive(ctx, state.get("choice") if action == "which" else None)
        elif chosen == "car_search":
            await respond.car_search(ctx)
        elif chosen == "price":
            await respond.price(ctx)
        elif chosen == "trade_in":
            await respond.trade_in(ctx)
        elif chosen == "financing":
            await respond.financing(ctx)
        elif chosen in ("human", "complaint"):
            pass  # escalation answers and hands over
        else:
            await respond.simple(ctx, chosen, state["turn"].get("name", ""))
        return {**ctx.updates, "reply": ctx.reply, "effects": ctx.effects, "offered_now": ctx.offered_now,
                "handoff_now": ctx.handoff}

    async def escalation(state: DialogueState) -> dict[str, Any]:
        ctx = Ctx.of(rt, state)
        chosen = state.get("intent", "other")
        signals = list(state.get("signals") or [])
        score = lead_score(signals)
        status = lead_status(score)
        updates: dict[str, Any] = {}
        reply, handoff = list(state.get("reply") or []), state.get("handoff_now")
        if state["route"] == "silent":
            reply = []
        else:
            misunderstood = int(state.get("misunderstood", 0)) + 1 if chosen == "other" else 0
            updates["misunderstood"] = misunderstood
            if chosen == "human":
                reply, handoff = [ctx.say_text("human")], "human"
            elif chosen == "complaint":
                reply, handoff = [ctx.say_text("complaint")], "complaint"
            elif misunderstood >= 2:
                reply, handoff = [ctx.say_text("misunderstood")], "misunderstood"
            elif (handoff is None and status == "HOT" and not state.get("hot_done")
                  and not _booking(state)):
                reply.append(ctx.say_text("hot"))
                handoff = "hot_lead"
            if handoff:
                updates["hot_done"] = True
                updates.update(offered=[], pending=None)
            updates["last_intent"] = chosen if chosen != "other" else state.get("last_intent", "other")
            updates["recent"] = remember(state.get("recent"), state["turn"]["text"], chosen)
            updates["turns"] = int(state.get("turns", 0)) + 1
        opted_out = state["route"] in ("opt_out", "opt_out_repeat")
        output = {
            "replies": ["\n".join(reply)] if reply else [],
            "intent": chosen,
            "lead_score": score,
            "lead_status": status,
            "lead_reasons": [REASONS[s] for s in signals if s in REASONS],
            "handoff": handoff,
            "opted_out": opted_out,
            "language": ctx.lang,
            "offered_slots": state.get("offered_now") if state["route"] != "silent" else None,
            "appointment": await booking.current_appointment(ctx),
            "effects": list(state.get("effects") or []) if state["route"] != "silent" else [],
        }
        return {**updates, "last_inbound_id": state["turn"]["inbound_id"], "last_output": output}

    def after_router(state: DialogueState) -> str:
        return "escalation" if state["route"] == "silent" else "crm"

    graph = StateGraph(DialogueState)
    graph.add_node("router", router)
    graph.add_node("crm", crm)
    graph.add_node("intent", intent)
    graph.add_node("respond", respond_node)
    graph.add_node("escalation", escalation)
    graph.add_edge(START, "router")
    graph.add_conditional_edges("router", after_router, ["crm", "escalation"])
    graph.add_edge("crm", "intent")
    graph.add_edge("intent", "respond")
    graph.add_edge("respond", "escalation")
    graph.add_edge("escalation", END)
    return graph.compile(checkpointer=checkpointer)


def _booking(state: DialogueState) -> bool:
    """True while the customer is in the middle of booking (or has booked): no HOT handoff then."""
    return bool(state.get("offered_now") or state.get("pending") in ("which_car", "slots")
                or state.get("appointment_id") or state.get("intent") in ("test_drive", "slot_choice")
                or any(e.get("kind") in ("booked", "rescheduled") for e in state.get("effects") or []))
