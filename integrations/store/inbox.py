"""Inbound messages, committed before the webhook answers 200 (DESIGN §3)."""

from __future__ import annotations

from dataclasses import dataclass

from integrations.messages import InboundMessage
from integrations.store.db import Db


@dataclass(frozen=True)
class InboxRow:
    id: int
    message: InboundMessage
    status: str


@dataclass(frozen=True)
class Added:
    id: int
    duplicate: bool


class Inbox:
    def __init__(self, ingress: Db, main: Db, clock) -> None:
        self._ingress = ingress
        self._main = main
        self._clock = clock

    async def add(self, msg: InboundMessage, *, status: str = "pending", note: str | None = None) -> Added:
        """Insert unless (provider, message id) is already there; a repeat is reported, not stored."""
        async with self._ingress.transaction() as tx:
            cur = await tx.execute(
                "INSERT OR IGNORE INTO inbox (provider, provider_message_id, conversation_id, phone, payload,"
                " status, note, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (msg.provider, msg.message_id, msg.conversation_id, msg.phone, msg.to_json(), status, note,
                 msg.received_at),
            )
            if cur.rowcount:
                return Added(cur.lastrowid or 0, False)
            row = await tx.fetchone(
                "SELECT id FROM inbox WHERE provider = ? AND provider_message_id = ?", (msg.provider, msg.message_id)
            )
            return Added(row["id"] if row else 0, True)

    async def pending(self, conversation_id: str | None = None) -> list[InboxRow]:
        """Rows not yet handled, oldest first (per conversation when one is named)."""
        if conversation_id is None:
            rows = await self._main.fetchall("SELECT id, payload, status FROM inbox WHERE status = 'pending' ORDER BY id")
        else:
            rows = await self._main.fetchall(
                "SELECT id, payload, status FROM inbox WHERE status = 'pending' AND conversation_id = ? ORDER BY id",
                (conversation_id,),
            )
        return [InboxRow(r["id"], InboundMessage.from_json(r["payload"]), r["status"]) for r in rows]

    async def get(self, inbox_id: int) -> InboxRow | None:
        r = await self._main.fetchone("SELECT id, payload, status FROM inbox WHERE id = ?", (inbox_id,))
        return InboxRow(r["id"], InboundMessage.from_json(r["payload"]), r["status"]) if r else None

    async def mark(self, inbox_id: int, status: str, note: str | None = None) -> None:
        await self._main.execute(
            "UPDATE inbox SET status = ?, note = ?, done_at = ? WHERE id = ?",
            (status, note, self._clock.iso(), inbox_id),
        )

    async def counts(self) -> dict[str, int]:
        rows = await self._main.fetchall("SELECT status, COUNT(*) AS n FROM inbox GROUP BY status")
        return {r["status"]: r["n"] for r in rows}
