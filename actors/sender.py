"""The sender actor: delivers outbox rows through the configured WhatsApp provider.

Rows go out in id order per recipient, several recipients at once. The retry policy
(seed §7, made precise):
- rate limited (429 / 20429): back off 1, 2, 4 s (or Retry-After), at most 3 retries,
  then the backoff below;
- provider or network down (5xx, timeout, connection error): the row stays open and is
  retried after a capped exponential backoff with jitter — about 2, 4, 8, … s, never
  sooner than a readable Retry-After — so a short outage delays the reply by seconds;
  once the backoff reaches five minutes (a long outage) it stays there, and each of those
  retries is an alert event (`send_retry_scheduled`, alert) and a metric;
- permanent (21211 / 63003 invalid or non-WhatsApp number, 21610 unsubscribed, other 4xx):
  the row is marked failed, the contact flagged, and a human told through Chatwoot.
A later row for the same recipient never overtakes one that is waiting to be retried.
If the store cannot write while a row is handled, the row stays as it is and its recipient
is left alone for a while (in memory, backing off); the sweep keeps waking the sender.

A row names its recipient by contact key; the address is looked up when it is sent: the phone
number when one is known (also when it became known after the row was queued), else the BSUID.

A row is marked `sending` before the provider call. One found `sending` with no worker
on it (after a crash) is reconciled against the provider's message list before it is
sent again, so a crash never doubles a reply.

Several instances share one outbox: a recipient's rows are sent by whichever instance holds its
delivery lease (`Coordinator.delivery_lease`); the others leave that recipient alone for a moment.
When the holder dies its lease expires, and the next holder reconciles the rows it left `sending`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import random
import time
from datetime import datetime, timedelta

import anyio
import structlog

from actors.mailbox import Mailbox, open_mailbox, wait_wake
from daemon.logs import get_logger
from integrations.coordination import LockLost
from integrations.interactive import Interactive
from integrations.store.health import is_store_failure
from integrations.store.outbox import OutboxRow
from integrations.transport import SendError
from integrations.twilio_client import INVALID_NUMBER, UNSUBSCRIBED

if TYPE_CHECKING:
    from anyio.abc import TaskGroup

    from daemon.runtime import Runtime
    from integrations.transport import Transport

RETRY_PERIOD = 300.0  # the seed's five-minute queue: the ceiling of the backoff
RETRY_BASE = 2.0
RATE_BACKOFF = (1.0, 2.0, 4.0)
STORE_BACKOFF_MAX = 30.0
IDLE_RESCAN = 60.0
LEASED_ELSEWHERE = 1.0  # seconds a recipient another instance is sending to is left alone
CONCURRENT_RECIPIENTS = 16


def long_outage(failures: int) -> bool:
    """The backoff has reached the five-minute queue."""
    return bool(RETRY_BASE * 2 ** max(failures - 1, 0) >= RETRY_PERIOD)


def retry_delay(failures: int, retry_after: float | None, rng: random.Random) -> float:
    """Seconds until the next attempt after `failures` failed ones: exponential from RETRY_BASE with
    "equal jitter" (half fixed, half random, so recipients that failed together do not retry
    together), then RETRY_PERIOD (less up to 10 %); never sooner than the provider's Retry-After."""
    if long_outage(failures):
        delay = RETRY_PERIOD * (0.9 + 0.1 * rng.random())
    else:
        ceiling = RETRY_BASE * 2 ** max(failures - 1, 0)
        delay = ceiling / 2 + rng.random() * ceiling / 2
    if retry_after is not None:
        delay = max(delay, min(retry_after, RETRY_PERIOD))
    return delay


def accepted_status(provider_status: str) -> str:
    """Twilio answers `queued` for an accepted message; ours means "still to send", so rename it."""
    return "accepted" if provider_status in ("queued", "accepted", "scheduled", "sending") else provider_status


class SenderActor:
    def __init__(self, rt: "Runtime") -> None:
        self.rt = rt
        self.mailbox: Mailbox[Any] = open_mailbox(1024)
        self._busy: set[str] = set()
        self._limiter = anyio.CapacityLimiter(CONCURRENT_RECIPIENTS)
        self._held: dict[str, float] = {}  # recipient → monotonic time before which it is left alone
        self._store_failures = 0
        self._rng = random.Random()
        self.log = get_logger(actor="sender")

    def wake(self) -> None:
        self.mailbox.post("wake")

    async def run(self) -> None:
        async with anyio.create_task_group() as tg:
            while True:
                try:
                    delay = await self.scan(tg)
                except Exception as exc:
                    if not is_store_failure(exc):
                        raise
                    delay = self._store_backoff()
                    self.log.warning("store_unavailable", error=repr(exc), retry_in_s=delay)
                await wait_wake(self.mailbox, self.rt.clock, delay)

    def _store_backoff(self) -> float:
        self._store_failures += 1
        return float(min(0.5 * 2 ** self._store_failures, STORE_BACKOFF_MAX))

    async def scan(self, tg: TaskGroup) -> float:
        """Start a worker for every recipient with due rows; return seconds until the next due row."""
        now = self.rt.clock.now()
        next_due = IDLE_RESCAN
        by_phone: dict[str, list[OutboxRow]] = {}
        for row in await self.rt.store.delivery.open_rows():
            by_phone.setdefault(row.phone, []).append(row)
        mono = self.rt.clock.monotonic()
        for phone, rows in by_phone.items():
            if phone in self._busy:
                continue
            held = self._held.get(phone)
            if held is not None:
                if held > mono:
                    next_due = min(next_due, held - mono)
                    continue
                del self._held[phone]
            next_at = rows[0].next_attempt_at
            if next_at is not None and datetime.fromisoformat(next_at) > now:
                wait = (datetime.fromisoformat(next_at) - now).total_seconds()
                next_due = min(next_due, max(wait, 0.0))
                continue
            self._busy.add(phone)
            tg.start_soon(self._work, phone, [r.id for r in rows], name=f"send {phone}")
        return next_due

    async def _work(self, phone: str, row_ids: list[int]) -> None:
        row: OutboxRow | None = None
        try:
            async with self._limiter, self.rt.coordinator.delivery_lease(phone) as mine:
                if not mine:
                    self._held[phone] = self.rt.clock.monotonic() + LEASED_ELSEWHERE
                    return
                for row_id in row_ids:
                    row = await self.rt.store.delivery.get(row_id)
                    if row is None or row.status not in ("queued", "sending"):
                        continue
                    with structlog.contextvars.bound_contextvars(conversation_id=row.conversation_id,
                                                                 outbox_id=row.id):
                        if not await self.deliver(row):
                            break
        except LockLost:
            # The lease ran out mid-send (this instance paused or lost Redis): the row stays as it
            # is — `sending` if the call was under way — for the next holder to reconcile.
            self.log.warning("delivery_lease_lost", outbox_id=row.id if row else None)
        except Exception as exc:
            if is_store_failure(exc):
                # The store cannot record anything now: leave the row as it is, and this recipient
                # alone for a while; the sweep wakes the sender again.
                delay = self._store_backoff()
                self._held[phone] = self.rt.clock.monotonic() + delay
                self.log.warning("store_unavailable", outbox_id=row.id if row else None, error=repr(exc),
                                 retry_in_s=delay)
                return
            # A broken row must not take the sender down, nor be retried in a tight loop: it waits
            # on the backoff path like an outage, and the error is logged with the row.
            self.log.error("send_worker_failed", outbox_id=row.id if row else None, error=repr(exc), exc_info=exc)
            if row is not None:
                with anyio.CancelScope(shield=True):
                    try:
                        await self._defer(row, SendError("transient", "internal", repr(exc)[:500]), row.attempts)
                    except Exception as again:
                        self._held[phone] = self.rt.clock.monotonic() + self._store_backoff()
                        self.log.warning("store_unavailable", outbox_id=row.id, error=repr(again))
        else:
            self._store_failures = 0
        finally:
            self._busy.discard(phone)
            self.wake()

    async def deliver(self, row: OutboxRow) -> bool:
        """Send one row; True when the recipient's next row may follow."""
        rt = self.rt
        transport = rt.transport()
        if transport is None:
            await rt.store.delivery.mark_sent(row.id, None, "local")
            self.log.info("reply_local", chars=len(row.body or ""))
            return True
        if row.status == "sending":
            sid = await self._reconcile(transport, row, await rt.store.identities.reply_address(row.phone))
            if sid == "":
                return False
            if sid:
                await rt.store.delivery.mark_sent(row.id, sid, "sent")
                self.log.info("send_reconciled", provider_message_id=sid)
                return True
        to = await rt.store.identities.reply_address(row.phone)
        tappable = await self._interactive(transport, row)
        for attempt in range(len(RATE_BACKOFF) + 1):
            await rt.store.delivery.mark_sending(row.id)
            started = time.perf_counter()
            try:
                if tappable is not None:
                    result = await transport.send(to, None, content_sid=tappable[1], content_variables=tappable[2],
                                                  sender=row.sender)
                else:
                    result = await transport.send(to, row.body, content_sid=row.content_sid,
                                                  content_variables=row.content_variables, sender=row.sender)
            except SendError as err:
                if tappable is not None and err.kind == "permanent":
                    # Twilio refused the list (a resource deleted in the console, a variable it
                    # dislikes): the same offer goes as the numbered text instead.
                    self.log.warning("interactive_fallback", code=err.code, error=err.message)
                    await rt.store.content.forget(tappable[0])
                    tappable = None
                    continue
                rt.metrics.inc("seldenrijk_send_failures_total", kind=err.kind)
                if err.kind == "rate_limited" and attempt < len(RATE_BACKOFF):
                    delay = err.retry_after if err.retry_after is not None else RATE_BACKOFF[attempt]
                    self.log.warning("send_rate_limited", code=err.code, retry_in_s=delay, attempt=attempt + 1)
                    await rt.clock.sleep(delay)
                    continue
                if err.kind == "permanent":
                    await self._fail(row, err)
                    return True
                await self._defer(row, err, row.attempts + attempt + 1, status_kept=err.maybe_sent)
                return False
            await rt.store.delivery.mark_sent(row.id, result.provider_message_id, accepted_status(result.status))
            rt.metrics.inc("seldenrijk_replies_sent_total")
            self.log.info("reply_sent", provider=transport.name, provider_message_id=result.provider_message_id,
                          interactive=tappable is not None,
                          ms=round((time.perf_counter() - started) * 1000, 2), attempts=row.attempts + attempt + 1)
            return True
        return False  # unreachable: the last rate-limited attempt defers above

    async def _interactive(self, transport: Transport, row: OutboxRow) -> tuple[str, str, str] | None:
        """(shape key, content SID, variables) to send `row` as its list picker, or None for its text:
        interactive off, not Twilio, or the Content API failed (then the text goes now, not later)."""
        create = getattr(transport, "create_content", None)
        if not row.interactive or row.content_sid or create is None or not self.rt.config.twilio.interactive:
            return None
        try:
            spec = Interactive.from_json(row.interactive)
        except (ValueError, KeyError, TypeError) as exc:
            self.log.warning("interactive_fallback", error=f"unreadable interactive form: {exc!r}"[:300])
            return None
        sid = await self.rt.store.content.get(spec.shape_key)
        if sid is None:
            try:
                sid = await create(spec.content_request())
            except SendError as err:
                self.log.warning("interactive_fallback", code=err.code, error=err.message)
                return None
            await self.rt.store.content.put(spec.shape_key, sid)
            self.log.info("content_created", content_sid=sid, shape=spec.shape_key)
        return spec.shape_key, sid, spec.variables()

    async def _reconcile(self, transport: Transport, row: OutboxRow, to: str) -> str | None:
        """The provider id if it already accepted this row, None if not, "" if we cannot tell yet.

        On a shared store the row may have been marked by another instance whose call is still
        under way (it paused and lost its lease mid-send): until that call must have ended (its
        timeout) the provider's list cannot say no, so the row waits for it."""
        if self.rt.store.shared and row.updated_at:
            limit = self.rt.config.waha.timeout_seconds if transport.name == "waha" else self.rt.config.twilio.timeout_seconds
            settled = datetime.fromisoformat(row.updated_at) + timedelta(seconds=limit + 1)
            if settled > self.rt.clock.now():
                await self.rt.store.delivery.reschedule(row.id, settled.isoformat())
                self.log.info("send_in_flight_elsewhere", retry_at=settled.isoformat())
                return ""
        try:
            known = await self.rt.store.delivery.provider_ids(row.phone)
            # A list picker's stored body is not ours: match it by time and recipient only.
            found: str | None = await transport.find_sent(to, None if row.interactive else row.body, row.created_at,
                                                          known)
            return found
        except SendError as err:
            await self._defer(row, err, max(row.attempts, 1), status_kept=True)
            return ""

    async def _defer(self, row: OutboxRow, err: SendError, failures: int, status_kept: bool = False) -> None:
        delay = retry_delay(failures, err.retry_after, self._rng)
        next_at = (self.rt.clock.now() + timedelta(seconds=delay)).isoformat()
        if status_kept:
            # Still ambiguous: keep `sending` so the next attempt reconciles first.
            await self.rt.store.delivery.reschedule(row.id, next_at)
        else:
            await self.rt.store.delivery.defer(row.id, next_at, err.code, err.message)
        if long_outage(failures):
            # The backoff has reached the five-minute queue: a long outage, somebody should know.
            self.rt.metrics.inc("seldenrijk_send_alerts_total")
            self.log.warning("send_retry_scheduled", alert=True, kind=err.kind, code=err.code, error=err.message,
                             retry_at=next_at, failures=failures)
        else:
            self.rt.metrics.inc("seldenrijk_send_retries_total")
            self.log.warning("send_retry_soon", kind=err.kind, code=err.code, error=err.message,
                             retry_in_s=round(delay, 1), failures=failures)

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
