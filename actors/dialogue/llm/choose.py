"""Which reading the skills act on: the model's when one is configured and answers in time, else the rules'.

The rule reading is made first, always: it costs a few milliseconds and is the answer for
every message the model cannot read (a timeout, a 429, a reading naming a car that is not
there). The model never sees the phone number; the skills act the same on either reading.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from actors.dialogue.language.reader import Context, read
from actors.dialogue.language.reading import Reading
from actors.dialogue.language.understanding import Understanding
from actors.dialogue.llm.prompt import PromptView
from actors.dialogue.llm.reader import ModelFailure
from actors.dialogue.model import Conversation
from daemon.logs import get_logger

log = get_logger(component="model_reader")

RULES = "rules"
MODEL = "model"
RECENT_TURNS = 6
_MEDIA = re.compile(r"^\[(?:media|locatie)")


async def reading_for(rt: Any, text: str, ctx: Context, contract: Understanding, model: Conversation,
                      turn: dict[str, Any]) -> tuple[Reading, str]:
    """The reading of this message and the reader that made it (`"model"` or `"rules"`)."""
    rules = read(text, ctx, contract)
    reader = rt.model_readers.get(rt.config.llm)
    if reader is None or not text.strip() or _MEDIA.match(text):
        return rules, RULES
    view = await _view(rt, text, ctx, model, turn)
    metrics = rt.metrics
    try:
        answer = await reader.read(view, contract, dealer=rt.config.business.name, stock=ctx.scope.stock,
                                   knowledge=ctx.knowledge, budget=rt.config.llm.timeout_seconds)
    except ModelFailure as failure:
        metrics.inc("seldenrijk_llm_calls_total", outcome="fallback")
        metrics.inc("seldenrijk_llm_fallbacks_total", reason=failure.reason.value)
        log.warning("model_reader_fallback", conversation_id=turn["conversation_id"], reason=failure.reason.value,
                    detail=failure.detail)
        return rules, RULES
    metrics.inc("seldenrijk_llm_calls_total", outcome="ok")
    metrics.observe("seldenrijk_llm_seconds", answer.seconds)
    metrics.inc("seldenrijk_llm_tokens_total", answer.prompt_tokens, kind="prompt")
    metrics.inc("seldenrijk_llm_tokens_total", answer.completion_tokens, kind="completion")
    log.debug("model_reading", conversation_id=turn["conversation_id"], acts=[a.kind.value for a in answer.reading.acts],
              rule_acts=[a.kind.value for a in rules.acts], ms=round(answer.seconds * 1000, 1))
    return answer.reading, MODEL


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
