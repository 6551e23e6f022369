"""Inbound messages, committed before the webhook answers 200 (DESIGN §3)."""

from __future__ import annotations

from dataclasses import dataclass, field

import anyio

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


@dataclass
class _Pending:
    msg: InboundMessage
    status: str
    note: str | None
    done: anyio.Event = field(default_factory=anyio.Event)
    result: Added | None = None
    error: BaseException | None = None


# Shared with Outbox.finish_inbound, which marks the row inside a turn's transaction.
MARK = "UPDATE inbox SET status = ?, note = ?, done_at = ? WHERE id = ?"


class Inbox:
    """Inbound rows. Inserts use group commit: webhooks arriving while a commit is in flight
    are written together in the next one, so a burst costs a few fsyncs, not one each."""

    def __init__(self, db: Db, clock) -> None:
        self._main = db
        self._clock = clock
        self._queue: list[_Pending] = []
        self._flushing = False

    async def add(self, msg: InboundMessage, *, status: str = "pending", note: str | None = None) -> Added:
        """Insert unless (provider, message id) is already there; a repeat is reported, not stored.

        Returns only after the row is committed (synchronous=FULL). Raises what the commit raised.
        """
        item = _Pending(msg, status, note)
        self._queue.append(item)
        if self._flushing:
            await item.done.wait()
        else:
            # This caller leads: it commits batches until nobody is waiting. Shielded, because the
            # followers' answers depend on it even if this request is cancelled.
            self._flushing = True
            try:
                with anyio.CancelScope(shield=True):
                    while self._queue:
                        batch, self._queue = self._queue, []
                        await self._commit(batch)
            finally:
                self._flushing = False
        if item.error is not None:
            raise item.error
        assert item.result is not None
        return item.result

    async def _commit(self, batch: list[_Pending]) -> None:
        try:
            async with self._main.transaction(synchronous="FULL", urgent=True) as tx:
                for item in batch:
                    m = item.msg
                    cur = await tx.execute(
                        "INSERT OR IGNORE INTO inbox (provider, provider_message_id, conversation_id, phone, payload,"
                        " status, note, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (m.provider, m.message_id, m.conversation_id, m.phone, m.to_json(), item.status, item.note,
                         m.received_at),
                    )
                    if cur.rowcount:
                        item.result = Added(cur.lastrowid or 0, False)
                    else:
                        row = await tx.fetchone("SELECT id FROM inbox WHERE provider = ? AND provider_message_id = ?",
                                                (m.provider, m.message_id))
                        item.result = Added(row["id"] if row else 0, True)
        except Exception as exc:
            for item in batch:
                item.result, item.error = None, exc
        finally:
            for item in batch:
                item.done.set()

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
        await self._main.execute(MARK, (status, note, self._clock.iso(), inbox_id))

    async def counts(self) -> dict[str, int]:
        rows = await self._main.fetchall("SELECT status, COUNT(*) AS n FROM inbox GROUP BY status")
        return {r["status"]: r["n"] for r in rows}
