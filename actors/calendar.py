"""The calendar actor: free/busy for slot offers, and events for booked test drives (api-notes §e).

Local stand-in: with no `google_calendar.calendar_id` the appointments table is the
calendar. With Google, busy intervals come from `freebusy.query` (a calendar we cannot
read is an error, never "all free") and events are inserted with an id derived from the
appointment, so a repeated insert is a success, not a second event.

Free times the dialogue could not get within a turn's budget (`answer_within_seconds`) are looked
up to the end by a follow-up: a durable `cal_lookup` task, written during the turn, which this
actor runs in its own task group (side by side, each joining a lookup already in flight) and
which ends by storing the answer — busy intervals or the error — as a `free_times` inbox event for
the conversation. A crash before that leaves the task pending, and the next start runs it again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

import anyio

from actors.mailbox import Mailbox, answer, ask, open_mailbox, wait_wake
from actors.messages import Ask, BusyReply, BusyRequest
from actors.task_actor import MAX_BACKOFF, TaskActor, TaskError
from integrations.inbox_events import FreeTimes
from integrations.store.health import is_store_failure
from integrations.store.tasks import Task, TaskSpec

if TYPE_CHECKING:
    from anyio.abc import TaskGroup

    from integrations.store.appointments import Appointment
    from daemon.runtime import Runtime
    from integrations.google_calendar import GoogleCalendarClient


# Free/busy asks are widened to these boundaries, so the many asks of a burst ("now" moves a
# little each time) share one lookup while it is in flight.
_START_GRAIN = timedelta(minutes=15)
# The error of an ask that was not answered in time (the turn's budget, or the full timeout).
NOT_IN_TIME = "calendar did not answer in time"
LOOKUP = "cal_lookup"


@dataclass
class _Lookup:
    done: anyio.Event = field(default_factory=anyio.Event)
    busy: list[tuple[datetime, datetime]] = field(default_factory=list)
    error: BaseException | None = None


def _widened(start: datetime, end: datetime) -> tuple[datetime, datetime]:
    start, end = start.astimezone(timezone.utc), end.astimezone(timezone.utc)
    lo = start - (start - start.replace(minute=0, second=0, microsecond=0)) % _START_GRAIN
    hi = end.replace(hour=0, minute=0, second=0, microsecond=0)
    return lo, hi if hi == end else hi + timedelta(days=1)


class CalendarActor(TaskActor):
    name = "calendar"
    kinds = ("cal_event", "cal_update", "cal_cancel")

    def __init__(self, rt: "Runtime") -> None:
        super().__init__(rt)
        self.asks: Mailbox[Any] = open_mailbox(256)
        self._lookups: dict[tuple[datetime, datetime], _Lookup] = {}
        self._follow_ups: Mailbox[Any] = open_mailbox(16)
        self._following: set[str] = set()  # keys of follow-ups running now

    @property
    def enabled(self) -> bool:
        return self.rt.config.google_calendar.enabled

    def client(self) -> "GoogleCalendarClient":
        from integrations.google_calendar import GoogleCalendarClient

        return self.cached_client(self.rt.config.google_calendar,
                                  lambda c: GoogleCalendarClient(c, self.rt.config.business.timezone))

    async def run(self) -> None:
        async with anyio.create_task_group() as tg:
            tg.start_soon(self._serve_asks, tg)
            tg.start_soon(self._serve_follow_ups, tg)
            await super().run()

    def wake(self) -> None:
        super().wake()
        self._follow_ups.post("wake")

    async def _serve_asks(self, tg: TaskGroup) -> None:
        async for message in self.asks.inbox:
            if isinstance(message, Ask) and isinstance(message.request, BusyRequest):
                tg.start_soon(self._answer_busy, message)

    async def _answer_busy(self, message: Ask) -> None:
        try:
            busy = await self.lookup_busy(message.request.start, message.request.end)
            answer(message, BusyReply(busy=busy))
        except Exception as exc:
            self.rt.metrics.inc("seldenrijk_integration_errors_total", service="calendar", kind="busy")
            self.log.error("calendar_busy_failed", error=str(exc), body=getattr(exc, "body", None), alert=True)
            answer(message, BusyReply(error=str(exc) or type(exc).__name__))

    async def busy(self, start: datetime, end: datetime, timeout: float | None = None) -> BusyReply:
        """Ask the actor for busy intervals; an unanswered ask comes back as an error reply.

        The caller's processing slot is given back while it waits (the calendar may be slow, and
        the slot is shared with every other conversation), and taken again before this returns.
        """
        from actors.mailbox import AskTimeout

        timeout = timeout or self.rt.config.google_calendar.timeout_seconds + 1
        async with self.rt.processing.released():
            try:
                reply: BusyReply = await ask(self.asks.address, BusyRequest(start.isoformat(), end.isoformat()), timeout)
                return reply
            except AskTimeout:
                return BusyReply(error=NOT_IN_TIME)

    # -- follow-ups: free times that arrive after the turn has answered ---------------------------

    async def look_up_later(self, conversation_id: str, phone: str, key: str, start: datetime,
                            end: datetime) -> None:
        """Queue the follow-up for a lookup the turn stopped waiting for; queued once per key, so a
        turn that runs again (a crash before its reply was committed) starts no second one."""
        await self.rt.store.tasks.add(LOOKUP, key, {"conversation_id": conversation_id, "phone": phone,
                                                    "start": start.isoformat(), "end": end.isoformat()})
        self._follow_ups.post("wake")

    async def _serve_follow_ups(self, tg: TaskGroup) -> None:
        """Start every due follow-up that is not running yet; look again on a wake-up (a new one, the
        sweep) or when the next retry is due."""
        failures = 0
        while True:
            now = self.rt.clock.now()
            delay = 60.0
            try:
                due = await self.rt.store.tasks.pending_kinds((LOOKUP,))
                failures = 0
            except Exception as exc:
                if not is_store_failure(exc):
                    raise
                # the store cannot be read now: look again later (the sweep wakes this loop too)
                failures += 1
                due, delay = [], min(2.0 * 2 ** failures, MAX_BACKOFF)
                self.log.warning("free_times_scan_failed", error=repr(exc), retry_in_s=delay)
            for task in due:
                if task.key in self._following:
                    continue
                if task.next_attempt_at and datetime.fromisoformat(task.next_attempt_at) > now:
                    delay = min(delay, (datetime.fromisoformat(task.next_attempt_at) - now).total_seconds())
                    continue
                self._following.add(task.key)
                tg.start_soon(self._follow_up, task)
            await wait_wake(self._follow_ups, self.rt.clock, max(delay, 0.0))

    async def _follow_up(self, task: Task) -> None:
        """Look the times up to the end (joining the turn's lookup while it is in flight), then hand
        the answer to the conversation as an inbox event. Only a store that cannot write makes it
        try again later; a calendar that fails is an answer too (the customer hears it)."""
        p = task.payload
        try:
            start, end = datetime.fromisoformat(p["start"]), datetime.fromisoformat(p["end"])
            now = self.rt.clock.now()
            if now - start > _START_GRAIN:
                # run again long after the turn (a restart): ask for the window as it is now
                start, end = now, now + (end - start)
            try:
                with anyio.fail_after(self.rt.config.google_calendar.timeout_seconds + 1):
                    busy = await self.lookup_busy(start.isoformat(), end.isoformat())
                event = FreeTimes(key=task.key, start=start.isoformat(), end=end.isoformat(),
                                  busy=[list(b) for b in busy])
            except Exception as exc:
                if is_store_failure(exc):
                    raise
                self.rt.metrics.inc("seldenrijk_integration_errors_total", service="calendar", kind="busy")
                self.log.error("calendar_busy_failed", error=str(exc) or type(exc).__name__,
                               body=getattr(exc, "body", None), alert=True, follow_up=True)
                event = FreeTimes(key=task.key, start=start.isoformat(), end=end.isoformat(),
                                  error=str(exc) or type(exc).__name__)
            added = await self.rt.store.inbox.add_event(conversation_id=p["conversation_id"], phone=p["phone"],
                                                        event=event, source="calendar", key=task.key)
            await self.rt.store.tasks.done(task.id, task.generation)
            self.rt.deliver(p["conversation_id"], p["phone"], added.id)
            self.log.info("free_times_followed_up", inbox_id=added.id, duplicate=added.duplicate,
                          error=bool(event.error))
        except Exception as exc:
            # The store failed: the task stays pending and is tried again after a backoff.
            delay = min(2.0 * 2 ** task.attempts, MAX_BACKOFF)
            self.log.warning("free_times_follow_up_retry", error=repr(exc), retry_in_s=delay)
            try:
                await self.rt.store.tasks.retry_later(task.id, (self.rt.clock.now() + timedelta(seconds=delay))
                                                      .isoformat(), repr(exc))
            except Exception:
                pass  # still pending: the sweep's wake-up finds it
        finally:
            self._following.discard(task.key)

    async def lookup_busy(self, start: str, end: str) -> tuple[tuple[str, str], ...]:
        local = await self.rt.store.appointments.booked_between(start, end)
        if not self.enabled:
            return tuple(local)
        remote = await self._shared_busy(datetime.fromisoformat(start), datetime.fromisoformat(end))
        # Our own bookings whose event is still being created count as busy too.
        return tuple(local) + tuple((s.isoformat(), e.isoformat()) for s, e in remote)

    async def _shared_busy(self, start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
        """Google's busy intervals over a window covering [start, end); asks that arrive while a
        lookup for the same window is in flight wait for it instead of queueing their own (a slow
        calendar then costs one lookup per burst, not one per conversation). Busy blocks outside
        [start, end) are harmless to the caller, which only tests its own slots against them."""
        window = _widened(start, end)
        lookup = self._lookups.get(window)
        if lookup is None:
            lookup = self._lookups[window] = _Lookup()
            try:
                lookup.busy = await self.client().busy(*window)
            except BaseException as exc:
                lookup.error = exc
                raise
            finally:
                del self._lookups[window]
                lookup.done.set()
        else:
            await lookup.done.wait()
            if lookup.error is not None:
                raise RuntimeError(f"calendar lookup failed: {lookup.error}") from lookup.error
        return lookup.busy

    def plan_event(self, conversation_id: str, appointment_id: str, change: str = "cal_event") -> list[TaskSpec]:
        """`change`: cal_event (create), cal_update (moved) or cal_cancel."""
        if not self.enabled:
            return []
        return [TaskSpec(change, f"{change}:{appointment_id}",
                         {"appointment_id": appointment_id, "conversation_id": conversation_id})]

    async def perform(self, task: Task) -> None:
        if not self.enabled:
            return
        appt = await self.rt.store.appointments.get(task.payload["appointment_id"])
        if appt is None:
            return
        if task.kind in ("cal_event", "cal_update") and appt.status != "booked":
            return  # cancelled while this waited out a retry: no event for a drive that is off
        await self._perform(task.kind, appt)

    async def _perform(self, kind: str, appt: Appointment) -> None:
        from integrations.google_calendar import event_id_for

        client = self.client()
        event_id = appt.calendar_event_id or event_id_for(appt.id)
        start, end = datetime.fromisoformat(appt.start), datetime.fromisoformat(appt.end)
        if kind == "cal_event":
            contact = await self.rt.store.contacts.get(appt.phone)
            hubspot = self.rt.integrations.crm.contact_url(contact.hubspot_id if contact else None)
            description = "\n".join(filter(None, [
                f"Proefrit: {appt.car}",
                f"Klant: {(contact.name if contact else '') or 'onbekend'} ({appt.phone})",
                f"Leadscore: {contact.lead_score} ({contact.lead_status})" if contact else "",
                f"HubSpot: {hubspot}" if hubspot else "",
                "Geboekt via de WhatsApp-assistent.",
            ]))
            name = (contact.name if contact and contact.name else "klant")
            event_id = await client.insert_event(
                event_id, start=start, end=end, summary=f"Proefrit {appt.car} – {name}", description=description,
                location=self.rt.config.business.address,
                private={"appointment_id": appt.id, "conversation_id": appt.conversation_id},
            )
            await self.rt.store.appointments.update(appt.id, calendar_event_id=event_id)
            self.log.info("calendar_event_created", calendar_event_id=event_id, appointment_id=appt.id)
        elif kind == "cal_update":
            await client.update_event(event_id, start=start, end=end)
            self.log.info("calendar_event_moved", calendar_event_id=event_id)
        else:
            await client.cancel_event(event_id)
            self.log.info("calendar_event_cancelled", calendar_event_id=event_id)

    async def on_failed(self, task: Task, err: TaskError) -> None:
        appt = await self.rt.store.appointments.get(task.payload["appointment_id"])
        if appt is not None:
            await self.rt.notify_human(appt.conversation_id, appt.phone,
                                       f"Agenda bijwerken mislukt voor proefrit {appt.car} op {appt.start}: {err}."
                                       " Zet de afspraak handmatig in de agenda.")

    async def aclose(self) -> None:
        self.asks.close()
        self._follow_ups.close()
        await super().aclose()
