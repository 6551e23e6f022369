"""Messages between actors: frozen dataclasses, one per kind of request."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Wake:
    """Something for you is in the store (inbox row, outbox row, task); look."""

    reason: str = ""
    ref: int | str | None = None


@dataclass(frozen=True)
class Stop:
    """Finish the message in hand and return."""


@dataclass(frozen=True)
class BusyRequest:
    """Calendar ask: busy intervals between two instants (ISO 8601)."""

    start: str
    end: str


@dataclass(frozen=True)
class BusyReply:
    busy: tuple[tuple[str, str], ...] = ()
    error: str | None = None


@dataclass(frozen=True)
class Ask:
    """Envelope for request/response: the actor answers on `reply_to` (a one-slot stream)."""

    request: Any
    reply_to: Any = field(repr=False)


@dataclass(frozen=True)
class Booked:
    """A test drive was booked: create the calendar event and the CRM deal."""

    appointment_id: str


@dataclass(frozen=True)
class Cancelled:
    appointment_id: str


@dataclass(frozen=True)
class Rescheduled:
    appointment_id: str


@dataclass(frozen=True)
class Alert:
    """Tell a human something (a Chatwoot private note, or a log line locally)."""

    note: str
