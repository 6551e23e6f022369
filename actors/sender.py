"""The sender actor: delivers outbox rows through the configured WhatsApp provider.

Rows go out in id order per recipient, several recipients at once. The retry policy
(seed §7, made precise):
- rate limited (429 / 20429): back off 1, 2, 4 s (or Retry-After), at most 3 retries,
  then the five-minute path;
- provider or network down (5xx, timeout, connection error): the row stays queued and
  is retried every five minutes, with an alert event and a metric each time;
- permanent (21211 / 63003 invalid or non-WhatsApp number, 21610 unsubscribed, other 4xx):
  the row is marked failed, the contact flagged, and a human told through Chatwoot.
A later row for the same recipient never overtakes one that is waiting to be retried.

A row is marked `sending` before the provider call. One found `sending` with no worker
on it (after a crash) is reconciled against the provider's message list before it is
sent again, so a crash never doubles a reply.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta

import anyio
import structlog

from actors.mailbox import Mailbox, open_mailbox, wait_wake
from daemon.logs import get_logger
from integrations.store.outbox import OutboxRow
from integrations.transport import SendError
from integrations.twilio_client import INVALID_NUMBER, UNSUBSCRIBED

RETRY_PERIOD = 300.0
RATE_BACKOFF = (1.0, 2.0, 4.0)
IDLE_RESCAN = 60.0
CONCURRENT_RECIPIENTS = 16


def accepted_status(provider_status: str) -> str:
    """Twilio answers `queued` for an accepted message; ours means "still to send", so rename it."""
    return "accepted" if provider_status in ("queued", "accepted", "scheduled", "sending") else provider_status


class SenderActor:
    def __init__(self, rt) -> None:
        self.rt = rt
        self.mailbox: Mailbox = open_mailbox(1024)
        self._busy: set[str] = set()
        self._limiter = anyio.CapacityLimiter(CONCURRENT_RECIPIENTS)
        self.log = get_logger(actor="sender")

    def wake(self) -> None:
        self.mailbox.post("wake")

    async def run(self) -> None:
        async with anyio.create_task_group() as tg:
            while True:
                delay = await self.scan(tg)
                await wait_wake(self.mailbox, self.rt.clock, delay)

    async def scan(self, tg) -> float:
        """Start a worker for every recipient with due rows; return seconds until the next due row."""
        now = self.rt.clock.now()
        next_due = IDLE_RESCAN
        by_phone: dict[str, list[OutboxRow]] = {}
        for row in await self.rt.store.delivery.open_rows():
            by_phone.setdefault(row.phone, []).append(row)
        for phone, rows in by_phone.items():
            if phone in self._busy:
                continue
            due = rows[0].next_attempt_at is None or datetime.fromisoformat(rows[0].next_attempt_at) <= now
            if not due:
                wait = (datetime.fromisoformat(rows[0].next_attempt_at) - now).total_seconds()
                next_due = min(next_due, max(wait, 0.0))
                continue
            self._busy.add(phone)
            tg.start_soon(self._work, phone, [r.id for r in rows], name=f"send {phone}")
        return next_due

    async def _work(self, phone: str, row_ids: list[int]) -> None:
        row: OutboxRow | None = None
        try:
            async with self._limiter:
                for row_id in row_ids:
                    row = await self.rt.store.delivery.get(row_id)
                    if row is None or row.status not in ("queued", "sending"):
                        continue
                    with structlog.contextvars.bound_contextvars(conversation_id=row.conversation_id,
                                                                 outbox_id=row.id):
                        if not await self.deliver(row):
                            break
        except Exception as exc:
            # A broken row must not take the sender down, nor be retried in a tight loop: it waits
            # on the five-minute path like an outage, and the error is logged with the row.
            self.log.error("send_worker_failed", outbox_id=row.id if row else None, error=repr(exc), exc_info=exc)
            if row is not None:
                with anyio.CancelScope(shield=True):
                    await self._defer(row, SendError("transient", "internal", repr(exc)[:500]))
        finally:
            self._busy.discard(phone)
            self.wake()

    async def deliver(self, row: OutboxRow) -> bool:
        """Send one row; True when the recipient's next row may follow."""
        rt = self.rt
        transport = rt.transport()
        if transport is None:
            await rt.store.delivery.mark_sent(row.id, None, "local")
            self.log.info("reply_local", body=row.body)
            return True
        if row.status == "sending":
            sid = await self._reconcile(transport, row)
            if sid == "":
                return False
            if sid:
                await rt.store.delivery.mark_sent(row.id, sid, "sent")
                self.log.info("send_reconciled", provider_message_id=sid)
                return True
        for attempt in range(len(RATE_BACKOFF) + 1):
            await rt.store.delivery.mark_sending(row.id)
            started = time.perf_counter()
            try:
                result = await transport.send(row.phone, row.body, content_sid=row.content_sid,
                                              content_variables=row.content_variables, sender=row.sender)
            except SendError as err:
                rt.metrics.inc("seldenrijk_send_failures_total", kind=err.kind)
                if err.kind == "rate_limited" and attempt < len(RATE_BACKOFF):
                    delay = err.retry_after if err.retry_after is not None else RATE_BACKOFF[attempt]
                    self.log.warning("send_rate_limited", code=err.code, retry_in_s=delay, attempt=attempt + 1)
                    await rt.clock.sleep(delay)
                    continue
                if err.kind == "permanent":
                    await self._fail(row, err)
                    return True
                await self._defer(row, err, status_kept=err.maybe_sent)
                return False
            await rt.store.delivery.mark_sent(row.id, result.provider_message_id, accepted_status(result.status))
            rt.metrics.inc("seldenrijk_replies_sent_total")
            self.log.info("reply_sent", provider=transport.name, provider_message_id=result.provider_message_id,
                          ms=round((time.perf_counter() - started) * 1000, 2), attempts=row.attempts + attempt + 1)
            return True
        return False  # unreachable: the last rate-limited attempt defers above

    async def _reconcile(self, transport, row: OutboxRow) -> str | None:
        """The provider id if it already accepted this row, None if not, "" if we cannot tell yet."""
        try:
            known = await self.rt.store.delivery.provider_ids(row.phone)
            return await transport.find_sent(row.phone, row.body, row.created_at, known)
        except SendError as err:
            await self._defer(row, err, status_kept=True)
            return ""

    async def _defer(self, row: OutboxRow, err: SendError, status_kept: bool = False) -> None:
        next_at = (self.rt.clock.now() + timedelta(seconds=RETRY_PERIOD)).isoformat()
        if status_kept:
            # Still ambiguous: keep `sending` so the next attempt reconciles first.
            await self.rt.store.delivery.reschedule(row.id, next_at)
        else:
            await self.rt.store.delivery.defer(row.id, next_at, err.code, err.message)
        self.rt.metrics.inc("seldenrijk_send_alerts_total")
        self.log.warning("send_retry_scheduled", alert=True, kind=err.kind, code=err.code, error=err.message,
                         retry_at=next_at)

    async def _fail(self, row: OutboxRow, err: SendError) -> None:
        rt = self.rt
        await rt.store.delivery.mark_failed(row.id, err.code, err.message)
        if err.code in UNSUBSCRIBED:
            await rt.store.contacts.set_opted_out(row.phone, True)
            note = "WhatsApp-bericht niet afgeleverd: de klant heeft zich afgemeld (Twilio 21610)."
        elif err.code in INVALID_NUMBER:
            await rt.store.contacts.set_invalid_number(row.phone)
            note = f"Ongeldig nummer: WhatsApp-bericht kon niet worden afgeleverd (Twilio {err.code})."
        else:
            note = f"WhatsApp-bericht niet afgeleverd (fout {err.code}): {err.message}"
        self.log.error("send_failed", code=err.code, error=err.message, action="flagged_contact")
        await rt.notify_human(row.conversation_id, row.phone, note)
