"""The NLU contract (DESIGN §5 `seldenrijk nlu`): one intent, entities and lead points per message.

This single-label view of a message is what `seldenrijk nlu` prints and what reports show
as a turn's intent; the dialogue itself acts on the richer `Reading` of `reader.read`.
"""

from __future__ import annotations

from typing import Any

from dataclasses import dataclass, field

from actors.dialogue.language.entities import extract
from actors.dialogue.language.intents import classify
from actors.dialogue.language.language import detect_language
from actors.dialogue.language.normalize import normalize, tokens
from actors.dialogue.language.scoring import detect_signals, lead_score

INTENTS = ("greeting", "car_search", "test_drive", "slot_choice", "trade_in", "financing",
           "price", "opening_hours", "location", "human", "complaint", "goodbye", "opt_out",
           "other")


@dataclass(frozen=True)
class Understanding:
    text: str
    intent: str
    confidence: float
    entities: dict[str, Any]
    signals: frozenset[str]
    language: str
    negated: dict[str, Any] = field(default_factory=dict)

    @property
    def lead_points(self) -> int:
        """Points this message alone earns under the lead-scoring rules."""
        return lead_score(self.signals)


def understand(text: str) -> Understanding:
    """Intent, entities, signals and language of one customer message."""
    norm = normalize(text or "")
    found = extract(norm)
    intent, confidence = classify(norm, found.entities)
    # a bare slot pick carries no car facts; digits there are positions or hours
    entities: dict[str, Any] = {} if intent == "slot_choice" else found.entities
    signals = detect_signals(norm, intent, entities)
    return Understanding(text=text, intent=intent, confidence=confidence, entities=entities, signals=signals,
                         language=detect_language(tokens(norm)), negated=found.negated)
