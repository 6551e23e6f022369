"""Local, deterministic understanding of Dutch (and some English) customer messages.

`understand(text)` returns the intent, entities, negated entities, lead signals and language of
one WhatsApp message. Everything is rule based and runs on the standard library only.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .cancel import is_cancellation, is_reschedule
from .entities import extract
from .intents import classify
from .language import detect_language
from .normalize import normalize, tokens
from .scoring import LEAD_RULES, detect_signals, lead_score, lead_status
from .slot_choice import resolve_slot_choice, wants_other_time

INTENTS = ("greeting", "car_search", "test_drive", "slot_choice", "trade_in", "financing",
           "price", "opening_hours", "location", "human", "complaint", "goodbye", "opt_out",
           "other")

__all__ = [
    "INTENTS", "LEAD_RULES", "Understanding", "is_cancellation", "is_reschedule", "lead_score",
    "lead_status", "normalize", "resolve_slot_choice", "understand", "wants_other_time",
]


@dataclass(frozen=True)
class Understanding:
    text: str
    intent: str
    confidence: float
    entities: dict
    signals: frozenset[str]
    language: str
    negated: dict = field(default_factory=dict)

    @property
    def lead_points(self) -> int:
        """Points this message alone earns under the lead-scoring rules."""
        return lead_score(self.signals)


def understand(text: str) -> Understanding:
    """Intent, entities, signals and language of one customer message."""
    norm = normalize(text or "")
    found = extract(norm)
    intent, confidence = classify(norm, found.entities)
    if intent == "slot_choice":
        # a bare slot pick carries no car facts; digits there are positions or hours
        entities: dict = {}
    else:
        entities = found.entities
    signals = detect_signals(norm, intent, entities)
    return Understanding(
        text=text,
        intent=intent,
        confidence=confidence,
        entities=entities,
        signals=signals,
        language=detect_language(tokens(norm)),
        negated=found.negated,
    )
