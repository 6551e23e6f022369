"""Who wrote: every WhatsApp identifier of a contact, and the contact each one belongs to.

Since 2026 one person reaches us under several identifiers (api-notes §W.4): the phone number
(absent when they hide it behind a username), the business-scoped user id (BSUID, which changes
when they change numbers), its parent, a username and Twilio's WaId. A contact is filed under a
key — its E.164 number, or the BSUID it first wrote with — that never changes, so its
conversation `twilio:{key}` continues whichever identifiers a later message carries.

Identifiers are merged, never split: a message that links identifiers of two contacts (a BSUID
seen first alone, then beside a known phone) joins them on the older contact, whose
conversation continues; the other is marked `merged_into` it. Usernames are recorded but never
matched on: a username can be given up and taken by someone else.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any, Protocol, Sequence

from integrations.store.database import Database

PHONE, BSUID, PARENT_BSUID, USERNAME, WA_ID = "phone", "bsuid", "parent_bsuid", "username", "wa_id"
_MATCHED = (PHONE, BSUID, PARENT_BSUID, WA_ID)


class _Reader(Protocol):
    async def fetchall(self, sql: str, args: Sequence[Any] = ()) -> Any: ...


@dataclass(frozen=True)
class Identity:
    """What one inbound message says about who wrote it (empty strings: not given)."""

    phone: str = ""  # E.164
    bsuid: str = ""
    parent_bsuid: str = ""
    username: str = ""
    wa_id: str = ""

    def pairs(self) -> list[tuple[str, str]]:
        given = ((PHONE, self.phone), (BSUID, self.bsuid), (PARENT_BSUID, self.parent_bsuid),
                 (USERNAME, self.username), (WA_ID, self.wa_id))
        return [(kind, value) for kind, value in given if value]

    @property
    def key(self) -> str:
        """The key a new contact is filed under: the phone when there is one, else the BSUID."""
        return self.phone or self.bsuid or self.parent_bsuid


@dataclass(frozen=True)
class Known:
    """A contact's identifiers, oldest first within each kind."""

    key: str
    contact_id: str
    phones: tuple[str, ...] = ()
    bsuids: tuple[str, ...] = ()
    parent_bsuids: tuple[str, ...] = ()
    usernames: tuple[str, ...] = ()
    wa_ids: tuple[str, ...] = ()

    @property
    def phone(self) -> str | None:
        """The newest known E.164 number, if any."""
        if self.phones:
            return self.phones[-1]
        return self.key if self.key.startswith("+") else None

    @property
    def reply_address(self) -> str:
        """Where a reply goes: the phone when one is known, else the BSUID the contact is filed under."""
        return self.phone or self.key

    @property
    def all_bsuids(self) -> tuple[str, ...]:
        return self.bsuids + self.parent_bsuids


@dataclass(frozen=True)
class Resolved:
    key: str
    contact_id: str
    created: bool = False
    merged: tuple[str, ...] = ()  # keys of contacts joined onto this one by this message
    learned: tuple[str, ...] = ()  # kinds of identifier newly recorded


def new_contact_id() -> str:
    return uuid.uuid4().hex


async def _owners(db: _Reader, identity: Identity) -> list[tuple[str, str, str | None, str]]:
    """(key, contact_id, merged_into, created_at) of the contacts the matchable identifiers point at,
    oldest first; a contact filed under the message's phone counts even without identifier rows
    (contacts written before identifiers were recorded, or by the local `chat`). One query; merged
    contacts are followed to the one they live on (rare: a query per hop)."""
    pairs = [(k, v) for k, v in identity.pairs() if k in _MATCHED]
    where = " OR ".join("(kind = ? AND value = ?)" for _ in pairs) or "1 = 0"
    rows = await db.fetchall(
        "SELECT phone, contact_id, merged_into, created_at FROM contacts WHERE phone = ? OR phone IN"
        f" (SELECT contact_phone FROM contact_identifiers WHERE {where})",
        [identity.phone or identity.key, *(x for pair in pairs for x in pair)])
    found: dict[str, tuple[str, str, str | None, str]] = {}
    for r in rows:
        for _ in range(8):  # a short chain; the bound guards against a cycle
            if not r["merged_into"]:
                found[r["phone"]] = (r["phone"], r["contact_id"] or "", None, r["created_at"])
                break
            hop = await db.fetchall("SELECT phone, contact_id, merged_into, created_at FROM contacts WHERE phone = ?",
                                    (r["merged_into"],))
            if not hop:
                break
            r = hop[0]
    return sorted(found.values(), key=lambda t: (t[3], t[0]))


class Identities:
    def __init__(self, db: Database, clock: Any) -> None:
        self._db = db
        self._clock = clock

    async def resolve(self, identity: Identity, name: str = "") -> Resolved:
        """The contact who wrote, created or merged as needed; read-only when nothing is new.

        The decision is taken again inside the write transaction, so two first messages of one
        person arriving together cannot file them under two keys."""
        owners = await _owners(self._db, identity)
        if len(owners) == 1:
            key, contact_id = owners[0][0], owners[0][1]
            known = await self._pairs(self._db, key)
            if contact_id and all(pair in known for pair in identity.pairs()):
                return Resolved(key, contact_id)
        async with self._db.transaction() as tx:
            return await self._write(tx, identity, name)

    async def _write(self, tx: Any, identity: Identity, name: str) -> Resolved:
        now = self._clock.iso()
        owners = await _owners(tx, identity)
        created = not owners
        if created:
            key = identity.key
            await tx.execute(
                "INSERT INTO contacts (phone, name, wa_id, contact_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (phone) DO NOTHING", (key, name, identity.wa_id, new_contact_id(), now, now))
        else:
            key = owners[0][0]
        merged = tuple(o[0] for o in owners[1:])
        for other in merged:
            await tx.execute("UPDATE contact_identifiers SET contact_phone = ? WHERE contact_phone = ?", (key, other))
            if other.startswith("+"):
                # A contact filed under its phone may have no identifier rows (written before they existed).
                await tx.execute("INSERT INTO contact_identifiers (kind, value, contact_phone, created_at) VALUES (?, ?, ?, ?)"
                                 " ON CONFLICT (kind, value) DO UPDATE SET contact_phone = excluded.contact_phone",
                                 (PHONE, other, key, now))
            await tx.execute("UPDATE contacts SET merged_into = ?, updated_at = ? WHERE phone = ?", (key, now, other))
        known = await self._pairs(tx, key)
        learned = []
        for kind, value in identity.pairs():
            if (kind, value) in known:
                continue
            learned.append(kind)
            await tx.execute("INSERT INTO contact_identifiers (kind, value, contact_phone, created_at) VALUES (?, ?, ?, ?)"
                             " ON CONFLICT (kind, value) DO UPDATE SET contact_phone = excluded.contact_phone",
                             (kind, value, key, now))
        row = await tx.fetchone("SELECT contact_id FROM contacts WHERE phone = ?", (key,))
        contact_id = row["contact_id"] if row is not None else None
        if not contact_id:
            contact_id = new_contact_id()
            await tx.execute("UPDATE contacts SET contact_id = ? WHERE phone = ?", (contact_id, key))
        return Resolved(key, contact_id, created, merged, tuple(learned))

    @staticmethod
    async def _pairs(db: _Reader, key: str) -> set[tuple[str, str]]:
        rows = await db.fetchall("SELECT kind, value FROM contact_identifiers WHERE contact_phone = ?", (key,))
        return {(r["kind"], r["value"]) for r in rows}

    async def known(self, key: str) -> Known:
        """Every identifier of the contact filed under `key` (just the key when none is recorded)."""
        rows = await self._db.fetchall(
            "SELECT kind, value FROM contact_identifiers WHERE contact_phone = ? ORDER BY created_at", (key,))
        by_kind: dict[str, list[str]] = {}
        for r in rows:
            by_kind.setdefault(r["kind"], []).append(r["value"])
        contact = await self._db.fetchone("SELECT contact_id FROM contacts WHERE phone = ?", (key,))
        return Known(
            key=key, contact_id=(contact["contact_id"] if contact is not None else None) or "",
            phones=tuple(by_kind.get(PHONE, ())), bsuids=tuple(by_kind.get(BSUID, ())),
            parent_bsuids=tuple(by_kind.get(PARENT_BSUID, ())), usernames=tuple(by_kind.get(USERNAME, ())),
            wa_ids=tuple(by_kind.get(WA_ID, ())),
        )

    async def reply_address(self, key: str) -> str:
        """The address a message to the contact filed under `key` goes to (see Known.reply_address)."""
        if key.startswith("+"):
            return key
        return (await self.known(key)).reply_address
