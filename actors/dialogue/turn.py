"""What the conversation actor hands the dialogue, and what it gets back."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from actors.messages import Alert, Booked, Cancelled, Rescheduled
from integrations.messages import InboundMessage

_EFFECTS = {"booked": Booked, "cancelled": Cancelled, "rescheduled": Rescheduled, "alert": Alert}


@dataclass(frozen=True)
class TurnInput:
    conversation_id: str
    inbound_id: int
    message: InboundMessage
    contact_name: str = ""
    opted_out: bool = False     # the contact is unsubscribed (by themselves, the provider or staff)


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
    listed_cars: tuple[dict[str, str], ...] = ()  # the reply's numbered cars as list items (wording.car_choice)
    appointment: dict[str, Any] | None = None
    effects: tuple[Any, ...] = field(default=())
    reader: str = "rules"       # which reader read the message: rules | model | none (silent turn)
    writer: str = "phrasebook"  # who worded the reply: phrasebook | model

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


def effect_from_data(data: dict[str, str]) -> Any:
    values = {k: v for k, v in data.items() if k != "kind"}
    effect: Any = _EFFECTS[data["kind"]]
    return effect(**values)


def output_from_data(data: dict[str, Any]) -> TurnOutput:
    """The TurnOutput a checkpoint stored, for a replayed message."""
    offered = data.get("offered_slots")
    return TurnOutput(
        replies=tuple(data.get("replies") or ()),
        intent=data.get("intent", "other"),
        lead_score=int(data.get("lead_score", 0)),
        lead_status=data.get("lead_status", "COLD"),
        lead_reasons=tuple(data.get("lead_reasons") or ()),
        handoff=data.get("handoff"),
        opted_out=bool(data.get("opted_out")),
        language=data.get("language", "nl"),
        offered_slots=tuple(dict(s) for s in offered) if offered is not None else None,
        listed_cars=tuple(dict(c) for c in data.get("listed_cars") or ()),
        appointment=dict(data["appointment"]) if data.get("appointment") is not None else None,
        effects=tuple(effect_from_data(e) for e in data.get("effects") or ()),
        reader=data.get("reader", "rules"),
        writer=data.get("writer", "phrasebook"),
    )
