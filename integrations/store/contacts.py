"""Customers by key (their E.164 phone, or the BSUID they first wrote with: see `identities`):
name, CRM/Chatwoot ids, lead score, opt-out and number validity."""

from __future__ import annotations

import json
from dataclasses import dataclass

from integrations.store.database import Database
from integrations.store.identities import new_contact_id


@dataclass(frozen=True)
class Contact:
    phone: str
    name: str
    wa_id: str
    hubspot_id: str | None
    chatwoot_contact_id: int | None
    chatwoot_source_id: str | None
    lead_score: int
    lead_status: str
    lead_reasons: tuple[str, ...]
    opted_out: bool
    invalid_number: bool
    contact_id: str = ""  # the stable internal id


# Arguments: key, name, wa_id, a new contact id (kept when the contact exists), now, now.
UPSERT = (
    "INSERT INTO contacts (phone, name, wa_id, contact_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (phone) DO UPDATE SET name = CASE WHEN excluded.name != '' THEN excluded.name ELSE contacts.name END,"
    " wa_id = CASE WHEN excluded.wa_id != '' THEN excluded.wa_id ELSE contacts.wa_id END,"
    " contact_id = COALESCE(contacts.contact_id, excluded.contact_id), updated_at = excluded.updated_at"
)


# Shared with Outbox.finish_inbound, which applies them inside a turn's transaction.
SET_LEAD = "UPDATE contacts SET lead_score = ?, lead_status = ?, lead_reasons = ?, updated_at = ? WHERE phone = ?"
SET_OPTED_OUT = "UPDATE contacts SET opted_out = ?, updated_at = ? WHERE phone = ?"
SET_INVALID_NUMBER = "UPDATE contacts SET invalid_number = 1, updated_at = ? WHERE phone = ?"


def lead_args(phone: str, score: int, status: str, reasons, now: str) -> tuple:
    return (score, status, json.dumps(list(reasons)), now, phone)


def contact_from_row(r) -> Contact:
    return Contact(
        phone=r["phone"], name=r["name"], wa_id=r["wa_id"], hubspot_id=r["hubspot_id"],
        chatwoot_contact_id=r["chatwoot_contact_id"], chatwoot_source_id=r["chatwoot_source_id"],
        lead_score=r["lead_score"], lead_status=r["lead_status"],
        lead_reasons=tuple(json.loads(r["lead_reasons"])), opted_out=bool(r["opted_out"]),
        invalid_number=bool(r["invalid_number"]), contact_id=r["contact_id"] or "",
    )


class Contacts:
    def __init__(self, db: Database, clock) -> None:
        self._db = db
        self._clock = clock

    async def ensure(self, phone: str, name: str = "", wa_id: str = "") -> None:
        now = self._clock.iso()
        await self._db.execute(UPSERT, (phone, name, wa_id, new_contact_id(), now, now))

    async def get(self, phone: str) -> Contact | None:
        r = await self._db.fetchone("SELECT * FROM contacts WHERE phone = ?", (phone,))
        return contact_from_row(r) if r is not None else None

    async def _update(self, phone: str, assignments: str, args: tuple) -> None:
        await self.ensure(phone)
        await self._db.execute(f"UPDATE contacts SET {assignments}, updated_at = ? WHERE phone = ?",
                               (*args, self._clock.iso(), phone))

    async def set_lead(self, phone: str, score: int, status: str, reasons: tuple[str, ...]) -> None:
        await self.ensure(phone)
        await self._db.execute(SET_LEAD, lead_args(phone, score, status, reasons, self._clock.iso()))

    async def set_opted_out(self, phone: str, opted_out: bool) -> None:
        await self.ensure(phone)
        await self._db.execute(SET_OPTED_OUT, (int(opted_out), self._clock.iso(), phone))

    async def set_invalid_number(self, phone: str) -> None:
        await self._update(phone, "invalid_number = 1", ())

    async def set_hubspot_id(self, phone: str, hubspot_id: str) -> None:
        await self._update(phone, "hubspot_id = ?", (hubspot_id,))

    async def set_chatwoot(self, phone: str, contact_id: int, source_id: str) -> None:
        await self._update(phone, "chatwoot_contact_id = ?, chatwoot_source_id = ?", (contact_id, source_id))
