"""Events for a conversation that do not come from the customer, stored in the inbox (DESIGN §3).

The conversation actor is the only writer of its conversation's state. What changes that state
from outside — a Chatwoot agent's reply, a conversation opened or resolved in Chatwoot, a
delivery failure reported by a status callback, the calendar's late answer to a test-drive
request — is stored as an inbox row of its own kind and
applied by the actor in order with the customer's messages, like a message. Once stored, an
event is as durable as a message: if applying it fails, the row stays pending and is applied
later (the sweep, or the next start).

Adding a kind: a frozen dataclass with a unique `kind`, decorated with `@event_kind`, plus an
applier registered in `actors.conversation_events`. Its payload is the dataclass's fields as JSON
(strings, numbers, booleans, lists and dicts only).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from typing import Any, ClassVar, TypeVar

MESSAGE = "message"  # the kind of a customer's message (payload: an InboundMessage)

E = TypeVar("E", bound="InboxEvent")


class InboxEvent:
    """Base of every event kind; `kind` names it in the inbox's `kind` column."""

    kind: ClassVar[str] = ""

    def payload(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"))  # type: ignore[call-overload]


_KINDS: dict[str, type[InboxEvent]] = {}


def event_kind(cls: type[E]) -> type[E]:
    """Register an event class under its `kind` (unique, and never "message")."""
    if not cls.kind or cls.kind == MESSAGE or cls.kind in _KINDS:
        raise ValueError(f"inbox event kind {cls.kind!r} is empty, reserved or taken")
    _KINDS[cls.kind] = cls
    return cls


def decode(kind: str, payload: str) -> InboxEvent:
    """The event stored as (`kind`, `payload`); unknown keys in the payload are ignored, so a row
    written by a newer release still loads. Raises KeyError for a kind this release does not know."""
    cls = _KINDS[kind]
    data: dict[str, Any] = json.loads(payload)
    names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    return cls(**{k: v for k, v in data.items() if k in names})


def known_kinds() -> frozenset[str]:
    return frozenset(_KINDS)


@event_kind
@dataclass(frozen=True)
class AgentReply(InboxEvent):
    """A human wrote to the customer in Chatwoot: send it, and let the bot step back."""

    kind: ClassVar[str] = "agent_reply"
    chatwoot_message_id: str
    content: str
    agent: str = ""


@event_kind
@dataclass(frozen=True)
class ChatwootStatus(InboxEvent):
    """The conversation was opened (a human has it), or resolved / set pending (back to the bot)."""

    kind: ClassVar[str] = "chatwoot_status"
    status: str


@event_kind
@dataclass(frozen=True)
class DeliveryFailed(InboxEvent):
    """Twilio reported a sent message as failed or undelivered, with an error code (api-notes §0.5)."""

    kind: ClassVar[str] = "delivery_failed"
    outbox_id: int
    status: str
    error_code: str


@event_kind
@dataclass(frozen=True)
class FreeTimes(InboxEvent):
    """The calendar answered (or failed) after a turn had told the customer the free times would
    follow: the busy intervals over [start, end), or `error`. `key` names the lookup the turn
    started; a conversation that has moved on since (times offered, a newer lookup) ignores it."""

    kind: ClassVar[str] = "free_times"
    key: str
    start: str
    end: str
    busy: list[list[str]] = field(default_factory=list)
    error: str = ""
