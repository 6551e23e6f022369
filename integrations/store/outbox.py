"""Outgoing messages: written durably, sent by the sender actor, never sent twice (DESIGN §3)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Sequence

from integrations.inbox_events import DeliveryFailed
from integrations.store.contacts import SET_INVALID_NUMBER, SET_LEAD, SET_OPTED_OUT, lead_args
from integrations.store.conversations import ADD_TRANSCRIPT, SET_HANDOFF, SET_WINDOW_CLOSED
from integrations.store.database import Database, Transaction
from integrations.store.fences import Fence, check_fence
from integrations.store.inbox import INSERT, MARK
from integrations.store.tasks import SCHEDULE_SQL, TaskSpec, schedule_args

# Status callbacks may arrive out of order ("read" before "delivered"): a row only moves forward.
_RANK = {
    "local": 0, "queued": 0, "sending": 1, "accepted": 1, "scheduled": 1,
    "sent": 2, "failed": 3, "undelivered": 3, "delivered": 4, "read": 5, "canceled": 3,
}
OPEN = ("queued", "sending")
FAILED = ("failed", "undelivered")


@dataclass(frozen=True)
class StatusApplied:
    """A status callback that moved a row forward; `event_id` is the inbox row of the delivery
    failure it reported (None when it reported none, or a duplicate callback already did)."""

    row: OutboxRow
    event_id: int | None


@dataclass(frozen=True)
class Draft:
    """A reply to be queued; `seq` orders several replies to one inbound message."""

    body: str | None = None
    content_sid: str | None = None
    content_variables: str | None = None
    origin: str = "bot"
    origin_ref: str | None = None
    sender: str | None = None  # the provider address to send from; None: the configured one
    interactive: str | None = None  # JSON of an `integrations.interactive.Interactive`; `body` is its fallback


@dataclass(frozen=True)
class OutboxRow:
    id: int
    conversation_id: str
    phone: str
    provider: str
    inbound_id: int | None
    seq: int
    origin: str
    origin_ref: str | None
    body: str | None
    content_sid: str | None
    content_variables: str | None
    status: str
    provider_message_id: str | None
    attempts: int
    next_attempt_at: str | None
    error_code: str | None
    error_message: str | None
    created_at: str
    sender: str | None = None
    interactive: str | None = None
    updated_at: str | None = None


_COLUMNS = ", ".join(f.name for f in fields(OutboxRow))


def _row(r) -> OutboxRow:
    return OutboxRow(**{k: r[k] for k in r.keys()})


class Outbox:
    """`urgent=True` is the sender's view: its statements go before conversation work."""

    def __init__(self, db: Database, clock, urgent: bool = False) -> None:
        self._db = db
        self._clock = clock
        self._urgent = urgent

    async def insert(
        self, tx: Transaction, *, conversation_id: str, phone: str, provider: str, draft: Draft,
        inbound_id: int | None = None, seq: int = 0, status: str = "queued",
    ) -> int | None:
        """Queue one message inside `tx`; a replay of the same (inbound, seq) or origin ref is ignored."""
        now = self._clock.iso()
        cur = await tx.execute(
            "INSERT OR IGNORE INTO outbox (conversation_id, phone, provider, inbound_id, seq, origin, origin_ref,"
            " body, content_sid, content_variables, status, created_at, updated_at, sender, interactive)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (conversation_id, phone, provider, inbound_id, seq, draft.origin, draft.origin_ref, draft.body,
             draft.content_sid, draft.content_variables, status, now, now, draft.sender, draft.interactive),
        )
        if not cur.rowcount:
            return None
        await tx.execute(
            "INSERT INTO outbox_events (outbox_id, status, at) VALUES (?, ?, ?)", (cur.lastrowid, status, now)
        )
        return cur.lastrowid

    async def enqueue(self, *, conversation_id: str, phone: str, provider: str, draft: Draft,
                      status: str = "queued") -> int | None:
        async with self._db.transaction() as tx:
            return await self.insert(tx, conversation_id=conversation_id, phone=phone, provider=provider,
                                     draft=draft, status=status)

    async def get(self, outbox_id: int) -> OutboxRow | None:
        r = await self._db.fetchone(f"SELECT {_COLUMNS} FROM outbox WHERE id = ?", (outbox_id,), self._urgent)
        return _row(r) if r else None

    async def for_inbound(self, inbound_id: int) -> list[OutboxRow]:
        rows = await self._db.fetchall(
            f"SELECT {_COLUMNS} FROM outbox WHERE inbound_id = ? ORDER BY seq", (inbound_id,)
        )
        return [_row(r) for r in rows]

    async def provider_ids(self, phone: str) -> frozenset[str]:
        """Provider message ids already matched to rows for this recipient."""
        rows = await self._db.fetchall(
            "SELECT provider_message_id FROM outbox WHERE phone = ? AND provider_message_id IS NOT NULL", (phone,),
            self._urgent)
        return frozenset(r["provider_message_id"] for r in rows)

    async def open_rows(self) -> list[OutboxRow]:
        """Every row still to be sent (queued or sending), oldest first."""
        rows = await self._db.fetchall(
            f"SELECT {_COLUMNS} FROM outbox WHERE status IN ('queued', 'sending') ORDER BY id", (), self._urgent
        )
        return [_row(r) for r in rows]

    async def all_rows(self, conversation_id: str | None = None) -> list[OutboxRow]:
        if conversation_id is None:
            rows = await self._db.fetchall(f"SELECT {_COLUMNS} FROM outbox ORDER BY id")
        else:
            rows = await self._db.fetchall(
                f"SELECT {_COLUMNS} FROM outbox WHERE conversation_id = ? ORDER BY id", (conversation_id,)
            )
        return [_row(r) for r in rows]

    async def _set(self, outbox_id: int, status: str, sql: str, args: Sequence, error_code: str | None = None) -> None:
        now = self._clock.iso()
        async with self._db.transaction(urgent=self._urgent) as tx:
            await tx.execute(f"UPDATE outbox SET status = ?, updated_at = ?{sql} WHERE id = ?",
                             (status, now, *args, outbox_id))
            await tx.execute("INSERT INTO outbox_events (outbox_id, status, error_code, at) VALUES (?, ?, ?, ?)",
                             (outbox_id, status, error_code, now))

    async def mark_sending(self, outbox_id: int) -> None:
        """Recorded before the provider call, so a crash mid-call is recognised at start-up."""
        await self._set(outbox_id, "sending", ", attempts = attempts + 1", ())

    async def mark_sent(self, outbox_id: int, provider_message_id: str | None, status: str) -> None:
        await self._set(outbox_id, status, ", provider_message_id = ?, next_attempt_at = NULL", (provider_message_id,))

    async def defer(self, outbox_id: int, next_attempt_at: str, code: str | None, message: str | None) -> None:
        await self._set(outbox_id, "queued", ", next_attempt_at = ?, error_code = ?, error_message = ?",
                        (next_attempt_at, code, message), code)

    async def reschedule(self, outbox_id: int, next_attempt_at: str) -> None:
        """Move the next attempt without touching the status (an ambiguous `sending` row stays so), nor
        `updated_at`: that stays the time of the last status change, which the sender reads."""
        await self._db.execute("UPDATE outbox SET next_attempt_at = ? WHERE id = ?",
                               (next_attempt_at, outbox_id), self._urgent)

    async def mark_failed(self, outbox_id: int, code: str | None, message: str | None) -> None:
        await self._set(outbox_id, "failed", ", error_code = ?, error_message = ?", (code, message), code)

    async def apply_status(self, provider_message_id: str, status: str, error_code: str | None,
                           error_message: str | None) -> StatusApplied | None:
        """Apply a provider status callback; None unless the status moved forward.

        A failure with an error code is stored in the same transaction as an inbox event
        (`DeliveryFailed`) for the conversation's actor, which decides what follows (template
        resend, handoff, flags): acknowledged callbacks are not redelivered, so it must be durable.
        """
        event_id: int | None = None
        async with self._db.transaction(synchronous="FULL") as tx:
            r = await tx.fetchone(f"SELECT {_COLUMNS} FROM outbox WHERE provider_message_id = ?{tx.for_update}",
                                  (provider_message_id,))
            if r is None:
                return None
            row = _row(r)
            now = self._clock.iso()
            await tx.execute("INSERT INTO outbox_events (outbox_id, status, error_code, at) VALUES (?, ?, ?, ?)",
                             (row.id, status, error_code, now))
            if _RANK.get(status, -1) <= _RANK.get(row.status, -1):
                return None
            await tx.execute(
                "UPDATE outbox SET status = ?, error_code = COALESCE(?, error_code),"
                " error_message = COALESCE(?, error_message), updated_at = ? WHERE id = ?",
                (status, error_code, error_message, now, row.id),
            )
            if status in FAILED and error_code:
                event = DeliveryFailed(outbox_id=row.id, status=status, error_code=error_code)
                cur = await tx.execute(INSERT, ("twilio_status", f"{provider_message_id}:{status}", row.conversation_id,
                                                row.phone, event.payload(), "pending", None, now, event.kind))
                event_id = cur.lastrowid if cur.rowcount else None
        return StatusApplied(row, event_id)

    async def events(self, outbox_id: int) -> list[str]:
        rows = await self._db.fetchall("SELECT status FROM outbox_events WHERE outbox_id = ? ORDER BY id", (outbox_id,))
        return [r["status"] for r in rows]

    async def counts(self) -> dict[str, int]:
        rows = await self._db.fetchall("SELECT status, COUNT(*) AS n FROM outbox GROUP BY status")
        return {r["status"]: r["n"] for r in rows}

    async def finish_inbound(
        self, *, inbound_id: int, conversation_id: str, phone: str, provider: str, drafts: Sequence[Draft],
        inbox_status: str = "done", note: str | None = None, status: str = "queued",
        transcript: Sequence[tuple[str, str, str]] = (),
        lead: tuple[int, str, Sequence[str]] | None = None,
        handoff: str | None = None, opted_out: bool | None = None, tasks: Sequence[TaskSpec] = (),
        release_handoff: bool = False, invalid_number: bool = False, window_closed: bool = False,
        fence: Fence | None = None,
    ) -> list[int]:
        """One transaction: queue the replies, append the transcript, record the lead score, the
        handoff (or its release), the contact's flags and the side-effect tasks, and mark the inbox
        row (message or event) handled — so a crash leaves either all of it (and the row is not
        replayed) or none (and it is). `opted_out` is the contact's state after the turn (None:
        leave it as it is). `window_closed`: Twilio reported the 24-hour window closed (63016). With a
        `fence`, the lease's token is checked first: a stale holder's turn raises Fenced and nothing of it
        is written."""
        now = self._clock.iso()
        ids: list[int] = []
        async with self._db.transaction() as tx:
            await check_fence(tx, fence)
            row = await tx.fetchone(f"SELECT status FROM inbox WHERE id = ?{tx.for_update}", (inbound_id,))
            if row is not None and row["status"] != "pending":
                return []  # already handled: a replay must not append the turn again
            for seq, draft in enumerate(drafts):
                new_id = await self.insert(tx, conversation_id=conversation_id, phone=phone, provider=provider,
                                           draft=draft, inbound_id=inbound_id, seq=seq, status=status)
                if new_id:
                    ids.append(new_id)
            for direction, author, body in transcript:
                await tx.execute(ADD_TRANSCRIPT, (conversation_id, direction, author, body, str(inbound_id), now))
            if handoff:
                await tx.execute(SET_HANDOFF, (1, handoff, now, conversation_id))
            elif release_handoff:
                await tx.execute(SET_HANDOFF, (0, None, now, conversation_id))
            if opted_out is not None:
                await tx.execute(SET_OPTED_OUT, (int(opted_out), now, phone))
            if invalid_number:
                await tx.execute(SET_INVALID_NUMBER, (now, phone))
            if window_closed:
                await tx.execute(SET_WINDOW_CLOSED, (now, now, conversation_id))
            if tasks:
                await tx.executemany(SCHEDULE_SQL, [schedule_args(spec, self._clock) for spec in tasks])
            if lead is not None:
                await tx.execute(SET_LEAD, lead_args(phone, *lead, now))
            await tx.execute(MARK, (inbox_status, note, now, inbound_id))
        return ids
