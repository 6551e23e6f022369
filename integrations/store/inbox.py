"""Inbound messages and events, committed before the webhook answers 200 (DESIGN §3).

Each row has a `kind`: "message" for a customer's message (payload: an InboundMessage), or one
of the event kinds of `integrations.inbox_events` (agent replies, Chatwoot status changes,
delivery failures), which the conversation actor applies in order with the messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import anyio

from integrations.inbox_events import MESSAGE, InboxEvent, decode
from integrations.messages import InboundMessage
from integrations.store.database import Database


@dataclass(frozen=True)
class InboxRow:
    """One row: `message` for kind "message", else `event` (None when this release does not know
    the kind: a row written by a newer one)."""

    id: int
    message: InboundMessage | None
    status: str
    kind: str = MESSAGE
    conversation_id: str = ""
    phone: str = ""
    event: InboxEvent | None = None


@dataclass(frozen=True)
class Added:
    id: int
    duplicate: bool


@dataclass
class _Pending:
    provider: str
    key: str
    conversation_id: str
    phone: str
    payload: str
    received_at: str
    kind: str
    status: str
    note: str | None
    done: anyio.Event = field(default_factory=anyio.Event)
    result: Added | None = None
    error: BaseException | None = None


# Shared with Outbox.finish_inbound, which marks the row inside a turn's transaction.
MARK = "UPDATE inbox SET status = ?, note = ?, done_at = ? WHERE id = ?"
# Shared with Outbox.apply_status, which stores a delivery failure with the status it reports.
INSERT = ("INSERT OR IGNORE INTO inbox (provider, provider_message_id, conversation_id, phone, payload, status, note,"
          " received_at, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
_COLUMNS = "id, payload, status, kind, conversation_id, phone"


def _row(r) -> InboxRow:
    kind = r["kind"]
    if kind == MESSAGE:
        return InboxRow(r["id"], InboundMessage.from_json(r["payload"]), r["status"], kind, r["conversation_id"],
                        r["phone"])
    try:
        event: InboxEvent | None = decode(kind, r["payload"])
    except KeyError:
        event = None
    return InboxRow(r["id"], None, r["status"], kind, r["conversation_id"], r["phone"], event)


class Inbox:
    """Inbound rows. Inserts use group commit: webhooks arriving while a commit is in flight
    are written together in the next one, so a burst costs a few fsyncs, not one each."""

    def __init__(self, db: Database, clock) -> None:
        self._main = db
        self._clock = clock
        self._queue: list[_Pending] = []
        self._flushing = False

    async def add(self, msg: InboundMessage, *, status: str = "pending", note: str | None = None) -> Added:
        """Insert unless (provider, message id) is already there; a repeat is reported, not stored.

        Returns only after the row is committed (synchronous=FULL). Raises what the commit raised.
        """
        return await self._add(_Pending(msg.provider, msg.message_id, msg.conversation_id, msg.phone, msg.to_json(),
                                         msg.received_at, MESSAGE, status, note))

    async def add_event(self, *, conversation_id: str, phone: str, event: InboxEvent, source: str,
                        key: str) -> Added:
        """Store an event for the conversation's actor, as durably as a message (same group commit).
        (`source`, `key`) is its unique id: the same delivery stored twice is reported as a duplicate."""
        return await self._add(_Pending(source, key, conversation_id, phone, event.payload(), self._clock.iso(),
                                        event.kind, "pending", None))

    async def _add(self, item: _Pending) -> Added:
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
                    cur = await tx.execute(INSERT, (item.provider, item.key, item.conversation_id, item.phone,
                                                    item.payload, item.status, item.note, item.received_at, item.kind))
                    if cur.rowcount:
                        item.result = Added(cur.lastrowid or 0, False)
                    else:
                        row = await tx.fetchone("SELECT id FROM inbox WHERE provider = ? AND provider_message_id = ?",
                                                (item.provider, item.key))
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
            rows = await self._main.fetchall(f"SELECT {_COLUMNS} FROM inbox WHERE status = 'pending' ORDER BY id")
        else:
            rows = await self._main.fetchall(
                f"SELECT {_COLUMNS} FROM inbox WHERE status = 'pending' AND conversation_id = ? ORDER BY id",
                (conversation_id,),
            )
        return [_row(r) for r in rows]

    async def waiting(self, up_to_id: int) -> list[tuple[str, str]]:
        """(conversation id, phone) of every conversation with a pending row whose id is at most
        `up_to_id`, oldest first: what the sweep wakes."""
        rows = await self._main.fetchall(
            "SELECT conversation_id, phone, MIN(id) AS first FROM inbox WHERE status = 'pending' AND id <= ?"
            " GROUP BY conversation_id, phone ORDER BY first", (up_to_id,))
        return [(r["conversation_id"], r["phone"]) for r in rows]

    async def last_id(self) -> int:
        row = await self._main.fetchone("SELECT MAX(id) FROM inbox")
        return int(row[0] or 0) if row else 0

    async def exists(self, provider: str, provider_message_id: str) -> bool:
        return await self._main.fetchone("SELECT 1 FROM inbox WHERE provider = ? AND provider_message_id = ?",
                                         (provider, provider_message_id)) is not None

    async def get(self, inbox_id: int) -> InboxRow | None:
        r = await self._main.fetchone(f"SELECT {_COLUMNS} FROM inbox WHERE id = ?", (inbox_id,))
        return _row(r) if r else None

    async def mark(self, inbox_id: int, status: str, note: str | None = None) -> None:
        await self._main.execute(MARK, (status, note, self._clock.iso(), inbox_id))

    async def counts(self) -> dict[str, int]:
        rows = await self._main.fetchall("SELECT status, COUNT(*) AS n FROM inbox GROUP BY status")
        return {r["status"]: r["n"] for r in rows}
