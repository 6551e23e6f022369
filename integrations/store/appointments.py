"""Test-drive appointments; with no Google Calendar configured this table is the calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from integrations.store.database import Database


@dataclass(frozen=True)
class Appointment:
    id: str
    conversation_id: str
    phone: str
    stock_id: str | None
    car: str
    start: str
    end: str
    status: str  # booked | cancelled
    calendar_event_id: str | None
    hubspot_deal_id: str | None


def _appt(r) -> Appointment:
    return Appointment(r["id"], r["conversation_id"], r["phone"], r["stock_id"], r["car"], r["start"], r["end"],
                       r["status"], r["calendar_event_id"], r["hubspot_deal_id"])


class Appointments:
    def __init__(self, db: Database, clock) -> None:
        self._db = db
        self._clock = clock

    async def book(self, appt: Appointment) -> bool:
        """Insert; False when the id exists already (a replayed booking)."""
        now = self._clock.iso()
        return bool(await self._db.execute(
            "INSERT OR IGNORE INTO appointments (id, conversation_id, phone, stock_id, car, start, \"end\", status,"
            " calendar_event_id, hubspot_deal_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (appt.id, appt.conversation_id, appt.phone, appt.stock_id, appt.car, appt.start, appt.end, appt.status,
             appt.calendar_event_id, appt.hubspot_deal_id, now, now),
        ))

    async def get(self, appointment_id: str) -> Appointment | None:
        r = await self._db.fetchone("SELECT * FROM appointments WHERE id = ?", (appointment_id,))
        return _appt(r) if r else None

    async def for_conversation(self, conversation_id: str) -> list[Appointment]:
        rows = await self._db.fetchall(
            "SELECT * FROM appointments WHERE conversation_id = ? ORDER BY created_at", (conversation_id,)
        )
        return [_appt(r) for r in rows]

    async def booked_between(self, start: str, end: str) -> list[tuple[str, str]]:
        """Booked intervals overlapping [start, end), compared as instants (offsets may differ)."""
        lo, hi = datetime.fromisoformat(start), datetime.fromisoformat(end)
        rows = await self._db.fetchall("SELECT start, \"end\" FROM appointments WHERE status = 'booked'")
        return [(r["start"], r["end"]) for r in rows
                if datetime.fromisoformat(r["start"]) < hi and datetime.fromisoformat(r["end"]) > lo]

    async def update(self, appointment_id: str, **values: object) -> None:
        allowed = {"status", "start", "end", "calendar_event_id", "hubspot_deal_id", "car", "stock_id"}
        assert values and set(values) <= allowed, values
        sets = ", ".join(f'"{k}" = ?' for k in values)  # quoted: `end` is a reserved word in PostgreSQL
        await self._db.execute(f"UPDATE appointments SET {sets}, updated_at = ? WHERE id = ?",
                               (*values.values(), self._clock.iso(), appointment_id))
