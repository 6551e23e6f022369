"""Test-drive slots and appointments: offer, pick, book, move, cancel.

Times only ever come from the calendar actor's busy intervals and the business hours in
the config; when the calendar cannot be read the customer is told a colleague will call
and a human is alerted — no time is offered that was not checked.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, time, timedelta
from typing import Sequence

from actors.brain import replies
from actors.brain.context import Ctx
from actors.brain.cues import names_day_or_time, names_time, requested_when, resolve_day
from actors.brain.nlu import resolve_slot_choice
from actors.brain.slots import Slot, candidate_slots, format_offer, label, spread
from integrations.google_calendar import event_id_for
from integrations.store.appointments import Appointment


def appointment_id_for(conversation_id: str, inbound_id: int) -> str:
    """Derived from the message that booked it, so a replayed message cannot book twice."""
    return hashlib.sha256(f"{conversation_id}:{inbound_id}".encode()).hexdigest()[:24]


async def free_slots(ctx: Ctx, ignore: tuple[str, str] | None = None) -> list[Slot] | None:
    """Every free slot over the horizon, labelled, in order; None when the calendar cannot be read.

    `ignore` is an appointment being moved: its own interval does not block the new time.
    """
    business = ctx.business
    end = ctx.now + timedelta(days=business.horizon_days + 1)
    answer = await ctx.rt.integrations.calendar.busy(ctx.now, end)
    if answer.error:
        ctx.rt.metrics.inc("seldenrijk_dialogue_calendar_errors_total")
        return None
    skip = tuple(datetime.fromisoformat(t) for t in ignore) if ignore else None
    busy = []
    for start, stop in answer.busy:
        interval = (datetime.fromisoformat(start), datetime.fromisoformat(stop))
        if interval != skip:
            busy.append(interval)
    return [Slot(s, e, label(s, ctx.now, ctx.lang)) for s, e in candidate_slots(business, ctx.now)
            if not any(s < b_end and b_start < e for b_start, b_end in busy)]


def _requested(text: str, free: Sequence[Slot], now: datetime) -> list[Slot]:
    # One slot at a time: resolve_slot_choice then answers "does this slot fit the day/time asked?".
    return [s for s in free if resolve_slot_choice(text, [(s.start, s.end)], now) == 0]


def _store_offer(ctx: Ctx, slots: Sequence[Slot]) -> str:
    ctx.set(offered=[[s.start.isoformat(), s.end.isoformat(), s.label] for s in slots], pending="slots")
    ctx.offered_now = [s.as_json() for s in slots]
    return format_offer(slots, ctx.lang)


def calendar_down(ctx: Ctx, wanted: str = "") -> None:
    car = (ctx.get("car") or {}).get("title", "onbekende auto")
    ctx.say("calendar_down")
    ctx.effect("alert", note=f"Agenda niet bereikbaar: klant wil een proefrit met de {car}{wanted}. "
                             "Neem contact op om een tijd af te spreken.")
    ctx.set(offered=[], pending=None, rescheduling=False)


async def offer(ctx: Ctx, key: str = "offer", text: str = "") -> None:
    """Offer slots for the car in question; a day or time in `text` narrows the offer to it."""
    car = ctx.get("car")["title"]
    free = await free_slots(ctx, _moving(ctx))
    if free is None:
        calendar_down(ctx)
        return
    if not free:
        ctx.say("no_slots", days=ctx.business.horizon_days)
        ctx.effect("alert", note=f"Geen vrije proefritmomenten gevonden voor de {car}; neem contact op.")
        ctx.set(offered=[], pending=None)
        return
    count = ctx.business.slots_offered
    if text and names_day_or_time(text):
        hits = _requested(text, free, ctx.now)
        if hits:
            first = hits[0]
            if names_time(text):
                rest = [s for s in free if s.start > first.start and s.start.date() == first.start.date()]
                rest = rest or [s for s in free if s.start > first.start]
                chosen = [first, *rest[: count - 1]]
            else:
                chosen = spread([s for s in hits if s.start.date() == first.start.date()], count)
            ctx.say("offer_day", car=car, day=replies.long_date(first.start, ctx.lang),
                    slots=_store_offer(ctx, chosen))
            return
        target = _explain_unavailable(ctx, text)
        if target is None:
            ctx.say("offer_day_full", car=car, slots=_store_offer(ctx, spread(free, count)))
            return
        ctx.say("nearest", car=car, slots=_store_offer(ctx, _nearest(free, target, count)))
        return
    # "Move up!" would end in "!!" inside the exclamation of the offer sentence.
    ctx.say(key, car=car.rstrip("!") if key == "offer" else car, slots=_store_offer(ctx, spread(free, count)))


def _explain_unavailable(ctx: Ctx, text: str) -> datetime | None:
    """Say why the day/time the customer named cannot be booked; the moment they meant, or None.

    Closed that day, outside the opening hours, in the lunch break, already past, too soon
    or simply taken — all read from the config and the clock, never guessed.
    """
    offset, clock = requested_when(text)
    if offset is None and clock is None:
        return None
    business, now = ctx.business, ctx.now
    day = now.date() + timedelta(days=resolve_day(offset, now.weekday())) if offset is not None else now.date()
    hours = business.opening_hours.for_weekday(day.weekday())
    day_name = replies.day_name(day.weekday(), ctx.lang)
    at = clock or (10, 0)
    target = datetime.combine(day, time(*at), tzinfo=now.tzinfo)
    if not hours:
        ctx.say("closed_day", day=day_name)
        return target
    if clock is None:
        ctx.say("day_full", day=day_name)
        return target
    opens, closes = (time.fromisoformat(t) for t in hours.split("-"))
    moment = time(*clock)
    joiner = (" to ", "from ") if ctx.lang == "en" else (" tot ", "")
    if not opens <= moment < closes:
        ctx.say("outside_hours", time=f"{moment:%H:%M}", day=day_name,
                hours=f"{joiner[1]}{opens:%H:%M}{joiner[0]}{closes:%H:%M}")
    elif business.lunch and _inside(moment, business.lunch):
        start, end = business.lunch.split("-")
        ctx.say("in_lunch", lunch=f"between {start} and {end}" if ctx.lang == "en" else f"{start} en {end}")
    elif target <= now:
        ctx.say("in_past")
    elif target < now + timedelta(minutes=business.min_notice_minutes):
        ctx.say("too_soon")
    else:
        ctx.say("slot_busy")
    return target


def _inside(moment: time, span: str) -> bool:
    start, end = (time.fromisoformat(t) for t in span.split("-"))
    return start <= moment < end


def _nearest(free: Sequence[Slot], target: datetime, count: int) -> list[Slot]:
    """The `count` free slots closest to what the customer asked, one per half-day while possible."""
    by_distance = sorted(free, key=lambda s: abs((s.start - target).total_seconds()))
    return sorted(spread(by_distance, count), key=lambda s: s.start)


async def offer_more(ctx: Ctx) -> None:
    """ "Geen van deze": the next free slots after the last one on offer."""
    offered = ctx.get("offered") or []
    free = await free_slots(ctx, _moving(ctx))
    if free is None:
        calendar_down(ctx)
        return
    after = datetime.fromisoformat(offered[-1][0]) if offered else ctx.now
    later = [s for s in free if s.start > after]
    if not later:
        ctx.say("no_slots", days=ctx.business.horizon_days)
        ctx.effect("alert", note="Klant vond geen passend proefritmoment; neem contact op.")
        ctx.set(offered=[], pending=None)
        return
    ctx.say("offer_more", slots=_store_offer(ctx, spread(later, ctx.business.slots_offered)))


def _moving(ctx: Ctx) -> tuple[str, str] | None:
    return tuple(ctx.get("moving") or ()) or None if ctx.get("rescheduling") else None


async def pick(ctx: Ctx, index: int | None) -> None:
    """The customer answered an offer: book the slot picked, or a free slot they named."""
    offered = ctx.get("offered") or []
    if index is not None:
        start, end = (datetime.fromisoformat(offered[index][0]), datetime.fromisoformat(offered[index][1]))
        await book(ctx, start, end)
        return
    if names_time(ctx.text):
        free = await free_slots(ctx, _moving(ctx))
        if free is None:
            calendar_down(ctx, f" ({ctx.text.strip()[:60]})")
            return
        hits = _requested(ctx.text, free, ctx.now)
        # "11 uur" after an offer for Saturday means Saturday 11:00, not the first 11:00 free.
        offered_days = {datetime.fromisoformat(s).date() for s, _, _ in offered}
        if requested_when(ctx.text)[0] is None:  # a clock time without a day
            hits = [h for h in hits if h.start.date() in offered_days] or hits
        if hits:
            await book(ctx, hits[0].start, hits[0].end, checked=True)
            return
        await offer(ctx, text=ctx.text)
        return
    if names_day_or_time(ctx.text):
        await offer(ctx, text=ctx.text)  # "zaterdag" or "morgen": that day's free times
        return
    slots = [Slot(datetime.fromisoformat(s), datetime.fromisoformat(e), lbl) for s, e, lbl in offered]
    ctx.say("slot_unclear", slots=format_offer(slots, ctx.lang))


async def book(ctx: Ctx, start: datetime, end: datetime, checked: bool = False) -> None:
    """Book (or move) after a fresh look at the calendar; a slot taken meanwhile gets new offers."""
    store = ctx.rt.store.appointments
    conversation_id = ctx.state["turn"]["conversation_id"]
    moving = ctx.get("appointment_id") if ctx.get("rescheduling") else None
    new_id = moving or appointment_id_for(conversation_id, ctx.state["turn"]["inbound_id"])
    existing = await store.get(new_id)
    # A replay of the message that booked it finds its own appointment: nothing to re-check.
    already = existing is not None and existing.status == "booked" and (
        not moving or existing.start == start.isoformat())
    if not already and not checked:
        free = await free_slots(ctx, _moving(ctx))
        if free is None:
            calendar_down(ctx, f" op {label(start, ctx.now, ctx.lang)}")
            return
        if not any(s.start == start for s in free):
            ctx.say("slot_taken", slots=_store_offer(ctx, spread(free, ctx.business.slots_offered)))
            return
    car = ctx.get("car") or {}
    if moving:
        if not already:
            changes = {"start": start.isoformat(), "end": end.isoformat()}
            if car.get("title") and existing is not None and car["title"] != existing.car:
                changes.update(car=car["title"], stock_id=car.get("stock_id"))
            await store.update(moving, **changes)
        ctx.effect("rescheduled", appointment_id=moving)
        key = "rescheduled"
    else:
        if not already:
            await store.book(Appointment(
                id=new_id, conversation_id=conversation_id, phone=ctx.state["turn"]["phone"],
                stock_id=car.get("stock_id"), car=car.get("title", ""), start=start.isoformat(),
                end=end.isoformat(), status="booked", calendar_event_id=event_id_for(new_id), hubspot_deal_id=None))
        ctx.effect("booked", appointment_id=new_id)
        key = "booked"
    ctx.set(appointment_id=new_id, offered=[], pending=None, rescheduling=False, moving=None)
    ctx.say(key, day=replies.long_date(start, ctx.lang), time=f"{start:%H:%M}", car=car.get("title", ""),
            address=ctx.business.address)


async def cancel(ctx: Ctx) -> None:
    """Cancel the booked test drive, or drop an offer that was never taken."""
    appointment_id = ctx.get("appointment_id")
    appt = await ctx.rt.store.appointments.get(appointment_id) if appointment_id else None
    if appt is not None and appt.status == "booked":
        await ctx.rt.store.appointments.update(appt.id, status="cancelled")
        ctx.effect("cancelled", appointment_id=appt.id)
        start = datetime.fromisoformat(appt.start).astimezone(ctx.now.tzinfo)
        ctx.say("cancelled", when=f"{replies.long_date(start, ctx.lang)} {start:%H:%M}")
        ctx.set(appointment_id=None, offered=[], pending=None, rescheduling=False, moving=None)
        return
    if ctx.get("offered"):
        ctx.say("offer_dropped")
        ctx.set(offered=[], pending=None, rescheduling=False, moving=None)
        return
    ctx.say("nothing_to_cancel")


async def reschedule(ctx: Ctx, switch_car: bool = False) -> None:
    """Offer new slots for the booked appointment; the pick then moves it (same id).

    The car stays the booked one — whatever car the chat has looked at since — unless the
    customer just agreed to switch the drive to the car in focus (`switch_car`).
    """
    appt = await ctx.rt.store.appointments.get(ctx.get("appointment_id"))
    if appt is None or appt.status != "booked":
        ctx.say("nothing_to_cancel")
        return
    if not (switch_car and ctx.get("car")):
        ctx.set(car={"stock_id": appt.stock_id, "title": appt.car, "price": None})
    ctx.set(rescheduling=True, moving=[appt.start, appt.end])
    await offer(ctx, key="offer_reschedule", text=ctx.text)


async def current_appointment(ctx: Ctx) -> dict[str, str] | None:
    """The conversation's booked appointment for the `chat --json` line, or None."""
    appointment_id = ctx.get("appointment_id")
    if not appointment_id:
        return None
    appt = await ctx.rt.store.appointments.get(appointment_id)
    if appt is None or appt.status != "booked":
        return None
    return {"start": appt.start, "end": appt.end, "car": appt.car, "calendar_event_id": appt.calendar_event_id}
