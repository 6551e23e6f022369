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

from actors.brain import booking, cues, llm, respond, respond_cars
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
_ENGLISH_HINTS = frozenset({"thanks", "thank", "you", "please", "the", "yes", "sure", "great", "cheers", "bye",
                            "okay", "nice", "cool", "no", "one", "that", "fine", "good", "perfect"})
_BARE_NO = re.compile(r"^(?:nee+|neen|no|nope)\W*$")
_WISH_KEYS = ("fuel", "transmission", "body_type", "year_min", "mileage_max")


def _language(text: str, detected: str, current: str) -> str:
    # "ok" or "2" says nothing about the language; English is taken from any words,
    # Dutch only from two or more, so a short Dutch-looking reply keeps an English chat English.
    # An English chat also stays English on a short reply with an English word in it
    # ("ok thanks"), which the word-count rule alone would read as Dutch.
    words = _WORDS.findall(text)
    if detected == "en" and words:
        return "en"
    if current == "en" and len(words) <= 3 and any(w.lower() in _ENGLISH_HINTS for w in words):
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
        elif not turn["text"].strip():
            # A photo, voice note, location or empty message: nothing to understand, but
            # something to answer — never a misunderstanding, never a reason to hand off.
            updates["route"] = "media"
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
        if config.base_url and nlu["confidence"] < config.min_confidence and not state.get("offered") \
                and state["route"] != "media":
            base = await llm.classify(config, text) or base
        # The cars of the last list, in listed order, so "de tweede" or "die van 13.950" can be resolved.
        listed = [await rt.store.cars.get(i) for i in state.get("shown") or []]
        chosen, action, choice = _effective(ctx, base, text, listed)
        signals = list(state.get("signals") or [])
        if chosen in ("test_drive", "trade_in", "financing") and action not in ("cancel", "reschedule", "move_yes") \
                and chosen not in signals:
            signals.append(chosen)
        return {"intent": chosen, "action": action, "choice": choice, "signals": signals}

    def _effective(ctx: Ctx, base: str, text: str, listed: list) -> tuple[str, str, int | None]:
        state = ctx.state
        route = state["route"]
        entities = state["nlu"]["entities"]
        if route in ("opt_out", "opt_out_repeat"):
            return "opt_out", route, None
        if route == "media":
            return "other", "media", None
        standalone = base in _STANDALONE
        yes, no = cues.is_yes(text), cues.is_no(text)
        if route == "slots" and not standalone:
            offered = state.get("offered") or []
            if is_cancellation(text):
                return "test_drive", "cancel", None
            if no:
                # A bare "nee" to a list of times means "not these"; "nee dank je" means "not now".
                return ("slot_choice", "other_time", None) if _BARE_NO.match(text.strip().lower()) \
                    else ("test_drive", "cancel", None)
            if wants_other_time(text) and not cues.names_day_or_time(text):
                return "slot_choice", "other_time", None
            if yes:
                return "slot_choice", "pick", None  # "ja" to a list of times: which one, then?
            if base in _SLOT_LIKE:
                pairs = [(datetime.fromisoformat(s), datetime.fromisoformat(e)) for s, e, _ in offered]
                index = resolve_slot_choice(text, pairs, ctx.now)
                if index is not None or cues.names_day_or_time(text) or base == "slot_choice":
                    return "slot_choice", "pick", index
        pending = state.get("pending")
        if state.get("appointment_id") and not standalone:
            if is_reschedule(text):
                return "test_drive", "reschedule", None
            if is_cancellation(text):
                return "test_drive", "cancel", None
            if pending == "move" and yes:
                return "test_drive", "move_yes", None
            if pending == "move" and no:
                return "other", "keep", None
            if base == "test_drive":
                return "test_drive", "second", None
        if pending == "check" and not standalone and (yes or no):
            return "other", ("check_yes" if yes else "no"), None
        # A car sold since the list was shown leaves a gap: positions would no longer match.
        reference = cues.car_reference(text, listed) if listed and None not in listed else None
        if reference is None:
            reference = _named_in(listed, entities, text)
        if listed and None not in listed and len(cues.car_references(text, listed)) >= 2 and not standalone \
                and base not in ("test_drive", "trade_in", "financing"):
            return "car_search", "compare", None  # "wat is het verschil tussen de eerste en de tweede?"
        if pending == "which_car" and not standalone:
            if reference is not None:
                return "test_drive", "which", reference
            if yes:
                return "test_drive", "", None  # "ja" to "met welke auto?": ask again, differently
            if entities.get("make") or entities.get("model"):
                return "test_drive", "", None
        if pending in ("trade_in", "financing") and not standalone and base not in ("trade_in", "financing"):
            return pending, "", None
        if cues.detail_question(text) and not standalone and base not in ("test_drive", "trade_in", "financing") \
                and not _wishes_beyond(entities, listed[reference] if reference is not None else None):
            return "other", "detail", reference
        if reference is not None and not standalone:
            if base == "test_drive":
                return "test_drive", "which", reference
            if base == "price" and not cues.is_haggling(text):
                return "price", "which", reference
            if base in ("other", "slot_choice", "car_search", "goodbye") \
                    and not _wishes_beyond(entities, listed[reference]) and not cues.refinement(text):
                return "car_search", "focus", reference
        if state.get("car") and cues.asks_available(text) and base in ("other", "car_search") \
                and not _wishes_beyond(entities, None) and not (entities.get("make") or entities.get("model")):
            return "car_search", "focus", None  # "is hij nog beschikbaar?" about the car in focus
        if is_cancellation(text) and base == "other":
            return "test_drive", "cancel", None
        if base == "other" and cues.names_day_or_time(text) and (
                pending == "which_car" or state.get("invited") or state.get("car")):
            return "test_drive", "", None  # "vanavond 20:00" while we talk about a test drive
        if state.get("invited") and yes:
            return "test_drive", "", None
        if no and base in ("other", "goodbye", "slot_choice"):
            return ("goodbye" if base == "goodbye" else "other"), "no", None
        if yes and base == "other":
            return "other", "ack", None
        if (kind := cues.refinement(text)) and state.get("shown") and not standalone \
                and base not in ("test_drive", "trade_in", "financing") and not cues.is_haggling(text):
            return "car_search", kind, None
        if base == "slot_choice":
            return ("test_drive", "", None) if cues.names_day_or_time(text) else ("other", "", None)
        if base in ("other", "car_search") and state.get("last_intent") == "car_search" and (
                cues.color(text) or cues.is_follow_up(text)):
            return "car_search", "refine", None
        if base == "other" and (entities or {"urgency", "timeframe"} & set(state["nlu"]["signals"])):
            # Not a question we recognise, but it tells us what they want or how soon
            # ("het moet snel, mijn auto is total loss"): carry on with the search, don't ask again.
            return "car_search", "", None
        return base, "", None

    async def respond_node(state: DialogueState) -> dict[str, Any]:
        ctx = Ctx.of(rt, state)
        chosen, action = state["intent"], state.get("action", "")
        choice = state.get("choice")
        if action != "media":
            # A yes/no question is answered by the very next message or not at all: a "ja"
            # three turns later must not book a test drive nobody is talking about any more.
            ctx.set(invited=False)
            if state.get("pending") in ("check", "move"):
                ctx.set(pending=None)
        if action == "media":
            await respond.media(ctx)
        elif action == "detail":
            await respond_cars.detail(ctx, choice)
        elif action == "check_yes":
            respond_cars.check_yes(ctx)
        elif action == "no":
            ctx.say("no_thanks")
        elif action == "ack":
            ctx.say("ack")
        elif action == "keep":
            await respond.keep_booking(ctx)
        elif action == "second":
            await respond.already_booked(ctx)
        elif action == "compare":
            await respond_cars.compare(ctx)
        elif action == "focus":
            await respond_cars.focus(ctx, choice)
        elif action in ("cheaper", "newer", "less_km", "more"):
            await respond_cars.refine(ctx, action)
        elif action == "opt_out":
            ctx.set(opted_out=True, offered=[], pending=None, rescheduling=False)
            await respond.simple(ctx, "opt_out", "")
        elif action == "opt_out_repeat":
            pass  # confirmed once already: stay silent
        elif action == "cancel":
            await booking.cancel(ctx)
        elif action == "reschedule":
            await booking.reschedule(ctx)
        elif action == "move_yes":
            await booking.reschedule(ctx, switch_car=True)
        elif action == "other_time":
            await booking.offer_more(ctx)
        elif action == "pick":
            await booking.pick(ctx, state.get("choice"))
        elif chosen == "test_drive":
            await respond.test_drive(ctx, choice if action == "which" else None)
        elif chosen == "car_search":
            await respond_cars.car_search(ctx)
        elif chosen == "price":
            await respond_cars.price(ctx, choice if action == "which" else None)
        elif chosen == "trade_in":
            await respond.trade_in(ctx)
        elif chosen == "financing":
            await respond.financing(ctx)
        elif chosen in ("human", "complaint"):
            pass  # escalation answers and hands over
        else:
            await respond.simple(ctx, chosen, state["turn"].get("name", ""))
        return {**ctx.updates, "reply": ctx.reply, "effects": ctx.effects, "offered_now": ctx.offered_now,
                "handoff_now": ctx.handoff, "said": ctx.said}

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
            misunderstood = int(state.get("misunderstood", 0))
            if state.get("action") == "media":
                pass  # an attachment is neither understood nor misunderstood
            elif chosen == "other" and not state.get("action"):
                misunderstood += 1
            else:
                misunderstood = 0
            updates["misunderstood"] = misunderstood
            if chosen == "human":
                reply, handoff = [ctx.say_text("human")], "human"
                updates["said"] = ["human"]
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


def _named_in(listed: list, entities: dict[str, Any], text: str) -> int | None:
    """ "de i20" right after a list that holds one i20: that car, by its position in the list."""
    model = entities.get("model")
    if not model or not listed or None in listed or len(_WORDS.findall(text)) > 5:
        return None
    hits = [i for i, car in enumerate(listed) if car.model.casefold() == str(model).casefold()]
    return hits[0] if len(hits) == 1 else None


def _wishes_beyond(entities: dict[str, Any], car: Any) -> bool:
    """True when the message asks for more than pointing at `car`: a new search, not a reference.

    "die van 13.950" carries the price as a budget and "de i20" the model; both describe the
    car itself. A fuel, gearbox, body, year or mileage wish, or another make, model or
    price, starts a new search.
    """
    if any(entities.get(k) for k in _WISH_KEYS):
        return True
    if car is None:
        return bool(entities.get("budget_max"))
    if entities.get("make") and str(entities["make"]).casefold() != car.make.casefold():
        return True
    if entities.get("model") and str(entities["model"]).casefold() != car.model.casefold():
        return True
    return bool(entities.get("budget_max")) and entities["budget_max"] != car.price_eur
