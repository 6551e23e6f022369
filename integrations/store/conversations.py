"""Conversations: one per customer and provider (`twilio:+316…`), with handoff and Chatwoot link."""

from __future__ import annotations

from dataclasses import dataclass

from integrations.store.contacts import UPSERT as CONTACT_UPSERT
from integrations.store.contacts import Contact, contact_from_row
from integrations.store.database import Database
from integrations.store.fences import Fence, check_fence
from integrations.store.identities import new_contact_id


@dataclass(frozen=True)
class Conversation:
    id: str
    phone: str
    provider: str
    handoff: bool
    handoff_reason: str | None
    chatwoot_conversation_id: int | None
    last_inbound_at: str | None
    reply_from: str | None = None
    window_closed_at: str | None = None  # when Twilio last said the 24-hour window was closed (63016)


# Shared with Outbox.finish_inbound, which applies them inside a turn's transaction.
SET_WINDOW_CLOSED = "UPDATE conversations SET window_closed_at = ?, updated_at = ? WHERE id = ?"
SET_HANDOFF = "UPDATE conversations SET handoff = ?, handoff_reason = ?, updated_at = ? WHERE id = ?"
ADD_TRANSCRIPT = "INSERT INTO transcript (conversation_id, direction, author, body, ref, at) VALUES (?, ?, ?, ?, ?, ?)"


def _conv(r) -> Conversation:
    return Conversation(r["id"], r["phone"], r["provider"], bool(r["handoff"]), r["handoff_reason"],
                        r["chatwoot_conversation_id"], r["last_inbound_at"], r["reply_from"], r["window_closed_at"])


class Conversations:
    def __init__(self, db: Database, clock) -> None:
        self._db = db
        self._clock = clock

    async def ensure(self, conversation_id: str, phone: str, provider: str) -> None:
        now = self._clock.iso()
        await self._db.execute(
            "INSERT OR IGNORE INTO conversations (id, phone, provider, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
            (conversation_id, phone, provider, now, now),
        )

    async def begin_turn(self, conversation_id: str, phone: str, provider: str, name: str, wa_id: str,
                         received_at: str, reply_from: str = "", fence: Fence | None = None,
                         ) -> tuple[Conversation, Contact]:
        """One transaction at the start of every handled message: make sure the conversation and
        contact exist, record the inbound time (the 24-hour window), return both. The lease's
        `fence` is recorded first, so from here on an older holder can no longer commit a turn."""
        now = self._clock.iso()
        async with self._db.transaction() as tx:
            await check_fence(tx, fence)
            await tx.execute(
                "INSERT OR IGNORE INTO conversations (id, phone, provider, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                (conversation_id, phone, provider, now, now),
            )
            await tx.execute(CONTACT_UPSERT, (phone, name, wa_id, new_contact_id(), now, now))
            await tx.execute("UPDATE conversations SET last_inbound_at = ?, updated_at = ?,"
                             " reply_from = COALESCE(NULLIF(?, ''), reply_from) WHERE id = ?",
                             (received_at, now, reply_from, conversation_id))
            conv = await tx.fetchone("SELECT * FROM conversations WHERE id = ?", (conversation_id,))
            contact = await tx.fetchone("SELECT * FROM contacts WHERE phone = ?", (phone,))
        return _conv(conv), contact_from_row(contact)

    async def get(self, conversation_id: str) -> Conversation | None:
        r = await self._db.fetchone("SELECT * FROM conversations WHERE id = ?", (conversation_id,))
        return _conv(r) if r else None

    async def by_chatwoot(self, chatwoot_conversation_id: int) -> Conversation | None:
        r = await self._db.fetchone("SELECT * FROM conversations WHERE chatwoot_conversation_id = ?",
                                    (chatwoot_conversation_id,))
        return _conv(r) if r else None

    async def set_handoff(self, conversation_id: str, handoff: bool, reason: str | None = None) -> None:
        await self._db.execute(SET_HANDOFF, (int(handoff), reason, self._clock.iso(), conversation_id))

    async def set_chatwoot(self, conversation_id: str, chatwoot_conversation_id: int) -> None:
        await self._db.execute(
            "UPDATE conversations SET chatwoot_conversation_id = ?, updated_at = ? WHERE id = ?",
            (chatwoot_conversation_id, self._clock.iso(), conversation_id),
        )

    async def transcript(self, conversation_id: str, limit: int = 50) -> list[tuple[str, str, str]]:
        rows = await self._db.fetchall(
            "SELECT direction, author, body FROM transcript WHERE conversation_id = ? ORDER BY id DESC LIMIT ?",
            (conversation_id, limit),
        )
        return [(r["direction"], r["author"], r["body"]) for r in reversed(rows)]

    async def add_transcript(self, conversation_id: str, direction: str, author: str, body: str,
                             ref: str | None = None) -> None:
        await self._db.execute(ADD_TRANSCRIPT, (conversation_id, direction, author, body, ref, self._clock.iso()))
