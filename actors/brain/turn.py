"""What the conversation actor hands the dialogue, and what it gets back."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from integrations.messages import InboundMessage


@dataclass(frozen=True)
class TurnInput:
    conversation_id: str
    inbound_id: int
    message: InboundMessage
    contact_name: str = ""


@dataclass(frozen=True)
class TurnOutput:
    """The dialogue's answer to one inbound message.

    `replies` holds at most one WhatsApp message (several lines if needed); empty means
    the bot stays silent. `effects` are messages for the supervisor actors.
    """

    replies: tuple[str, ...]
    intent: str = "other"
    lead_score: int = 0
    lead_status: str = "COLD"
    lead_reasons: tuple[str, ...] = ()
    handoff: str | None = None
    opted_out: bool = False
    language: str = "nl"
    offered_slots: tuple[dict[str, str], ...] | None = None
    appointment: dict[str, Any] | None = None
    effects: tuple[Any, ...] = field(default=())

    def as_json(self) -> dict[str, Any]:
        """The `seldenrijk chat --json` line (DESIGN §5)."""
        return {
            "body": "\n".join(self.replies) if self.replies else None,
            "intent": self.intent,
            "lead_score": self.lead_score,
            "lead_status": self.lead_status,
            "handoff": self.handoff is not None,
            "opted_out": self.opted_out,
            "offered_slots": list(self.offered_slots) if self.offered_slots is not None else None,
            "appointment": self.appointment,
        }


class Brain(Protocol):
    async def respond(self, turn: TurnInput) -> TurnOutput: ...

    async def aclose(self) -> None: ...
