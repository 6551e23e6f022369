"""Which reading the skills act on, and which wording the customer gets.

The reading is the model's when one is configured and answers in time, else the rules'. The
reply is the phrasebook's unless `mode = "read+write"` and the model's phrasing passes the
fact validator, within what is left of the same per-turn budget.

The rule reading is made first, always: it costs a few milliseconds and is the answer for
every message the model cannot read (a timeout, a 429, a reading naming a car that is not
there). The model never sees the phone number; the skills act the same on either reading.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from actors.dialogue.language.reader import Context, read
from actors.dialogue.language.reading import ActKind, Reading
from actors.dialogue.language.understanding import Understanding
from actors.dialogue.llm.prompt import PromptView
from actors.dialogue.llm.reader import ModelFailure
from actors.dialogue.llm.validate import Facts
from actors.dialogue.llm.writer import phrase
from actors.dialogue.model import Conversation
from daemon.logs import get_logger



def _log() -> Any:
    # Per call, not per module: structlog caches a logger's output on first use, and these lines
    # are rare enough that following the current configuration matters more than the lookup.
    return get_logger(component="model_reader")

RULES = "rules"
MODEL = "model"
PHRASEBOOK = "phrasebook"
RECENT_TURNS = 6
_MEDIA = re.compile(r"^\[(?:media|locatie)")


@dataclass(frozen=True)
class ReadAs:
    reading: Reading
    reader: str                 # "model" or "rules"
    started: float              # monotonic start of the turn's model budget (the writer gets what is left)


async def reading_for(rt: Any, text: str, ctx: Context, contract: Understanding, model: Conversation,
                      turn: dict[str, Any]) -> ReadAs:
    """The reading of this message and the reader that made it."""
    started = time.monotonic()
    rules = read(text, ctx, contract)
    reader = rt.model_readers.get(rt.config.llm)
    if reader is None or not text.strip() or _MEDIA.match(text):
        return ReadAs(rules, RULES, started)
    view = await _view(rt, text, ctx, model, turn)
    metrics = rt.metrics
    try:
        answer = await reader.read(view, contract, dealer=rt.config.business.name, stock=ctx.scope.stock,
                                   knowledge=ctx.knowledge, budget=rt.config.llm.timeout_seconds)
    except ModelFailure as failure:
        metrics.inc("seldenrijk_llm_calls_total", outcome="fallback")
        metrics.inc("seldenrijk_llm_fallbacks_total", reason=failure.reason.value)
        _log().warning("model_reader_fallback", conversation_id=turn["conversation_id"], reason=failure.reason.value,
                    detail=failure.detail)
        return ReadAs(rules, RULES, started)
    metrics.inc("seldenrijk_llm_calls_total", outcome="ok")
    metrics.observe("seldenrijk_llm_seconds", answer.seconds)
    metrics.inc("seldenrijk_llm_tokens_total", answer.prompt_tokens, kind="prompt")
    metrics.inc("seldenrijk_llm_tokens_total", answer.completion_tokens, kind="completion")
    _log().debug("model_reading", conversation_id=turn["conversation_id"], acts=[a.kind.value for a in answer.reading.acts],
              rule_acts=[a.kind.value for a in rules.acts], ms=round(answer.seconds * 1000, 1))
    return ReadAs(answer.reading, MODEL, started)


# Replies whose wording is the policy's: never rephrased.
_OWN_WORDING = (ActKind.OPT_OUT, ActKind.OPT_IN, ActKind.HUMAN, ActKind.COMPLAINT)


async def phrase_for(rt: Any, draft: str, model: Conversation, state: dict[str, Any]) -> tuple[str, str]:
    """The reply to send and who wrote it: the model's phrasing when `[llm] mode = "read+write"` and the
    validator finds every claim in the facts, else the phrasebook's draft."""
    config = rt.config.llm
    reading: Reading | None = state.get("reading")
    if config.mode != "read+write" or not draft.strip() or (reading is not None and reading.has(*_OWN_WORDING)):
        return draft, PHRASEBOOK
    writer = rt.model_readers.get(config)
    if writer is None:
        return draft, PHRASEBOOK
    budget = config.timeout_seconds - (time.monotonic() - float(state.get("budget_from") or time.monotonic()))
    stock = {c.stock_id: c for c in await rt.store.cars.all()}
    ids = [*model.shown, *model.compared, model.focus, model.offer.car if model.offer else None]
    cars = tuple(stock[i] for i in dict.fromkeys(i for i in ids if i) if i in stock)
    business = rt.config.business
    facts = Facts(draft=draft, language=model.language, cars=cars,
                  extra=tuple(x for x in (business.name, business.address, business.phone) if x))
    phrased = await phrase(writer, facts, state["turn"]["text"], business.name, budget)
    metrics, conversation_id = rt.metrics, state["turn"]["conversation_id"]
    metrics.inc("seldenrijk_llm_writer_total", outcome="accepted" if phrased.accepted else "rejected")
    metrics.inc("seldenrijk_llm_tokens_total", phrased.prompt_tokens, kind="prompt")
    metrics.inc("seldenrijk_llm_tokens_total", phrased.completion_tokens, kind="completion")
    if not phrased.accepted:
        metrics.inc("seldenrijk_llm_writer_rejections_total", reason=phrased.reason or "unknown")
        _log().warning("model_writer_rejected", conversation_id=conversation_id, reason=phrased.reason)
        return draft, PHRASEBOOK
    metrics.observe("seldenrijk_llm_seconds", phrased.seconds)
    return phrased.text, MODEL


async def _view(rt: Any, text: str, ctx: Context, model: Conversation, turn: dict[str, Any]) -> PromptView:
    recent = await rt.store.conversations.transcript(turn["conversation_id"], limit=RECENT_TURNS)
    appointment: tuple[str, str] | None = None
    if model.appointment_id:
        appt = await rt.store.appointments.get(model.appointment_id)
        if appt is not None and appt.status == "booked":
            appointment = (appt.start, appt.car)
    trade = model.trade_in
    return PromptView(
        text=text, now=ctx_now(rt, turn), name=turn.get("name") or "", language=model.language,
        expecting=ctx.expecting, last=ctx.last, shown=ctx.scope.shown, focus=ctx.scope.focus,
        found=ctx.scope.found, compared=ctx.scope.compared, last_fields=tuple(f.value for f in ctx.last_fields),
        frame=model.frame.data() if model.frame else None,
        offer=tuple((start, label) for start, _, label in model.offer.slots) if model.offer else (),
        offer_car=model.offer.car if model.offer else None, appointment=appointment,
        trade_in={"make": trade.make, "model": trade.model, "year": trade.year, "km": trade.km} if trade else None,
        recent=tuple(("customer" if direction == "in" else "dealer", body) for direction, _, body in recent if body))


def ctx_now(rt: Any, turn: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(turn["now"]).astimezone(ZoneInfo(rt.config.business.timezone))
