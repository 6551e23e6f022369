"""Skill: the booked test drive — book it, move it relative to itself, cancel it, say when it is.

The appointment row is written during the turn with an id derived from the message that
booked it, so a replayed message finds its own booking instead of making a second one. The
calendar event and the CRM deal follow as effects committed with the reply.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from actors.dialogue import agenda, wording
from actors.dialogue import replies
from actors.dialogue.context import Turn
from actors.dialogue.language.reading import Act
from actors.dialogue.model import Expect, Offer
from actors.dialogue.slots import Slot, format_offer
from integrations.google_calendar import event_id_for
from integrations.store.appointments import Appointment
from actors.dialogue.language.when import When
from integrations.stock import Car


def appointment_id_for(conversation_id: str, inbound_id: int) -> str:
    """Derived from the message that booked it, so a replayed message cannot book twice."""
    return hashlib.sha256(f"{conversation_id}:{inbound_id}".encode()).hexdigest()[:24]


async def current(t: Turn) -> Appointment | None:
    """The conversation's booked appointment, or None."""
    if not t.model.appointment_id:
        return None
    appt = await t.rt.store.appointments.get(t.model.appointment_id)
    return appt if appt is not None and appt.status == "booked" else None


def when_text(t: Turn, start_iso: str) -> str:
    start = datetime.fromisoformat(start_iso).astimezone(t.now.tzinfo)
    return wording.moment(start, t.lang)


async def book(t: Turn, slot: Slot, car: Car | None, title: str = "", *, checked: bool = False) -> None:
    """Book a new drive, or move the booked one when the offer was for moving it."""
    store = t.rt.store.appointments
    existing = await current(t)
    moving = existing is not None and (t.model.offer is None or t.model.offer.moving or checked)
    new_id = existing.id if moving and existing else appointment_id_for(t.conversation_id, t.inbound_id)
    replayed = await store.get(new_id)
    already = replayed is not None and replayed.status == "booked" and (
        not moving or replayed.start == slot.start.isoformat())
    if not already and not checked:
        free = await agenda.free_slots(t, (existing.start, existing.end) if moving and existing else None)
        if free is None:
            calendar_down(t, title or (car.title if car else ""))
            return
        if not any(s.start == slot.start for s in free):
            offer(t, agenda.spread_offer(t, [s for s in free if s.start > t.now]), car, "slot_taken", moving=moving)
            return
    name = car.title if car else (title or (existing.car if existing else ""))
    if moving and existing is not None:
        if not already:
            changes: dict[str, object] = {"start": slot.start.isoformat(), "end": slot.end.isoformat()}
            if car is not None and car.stock_id != existing.stock_id:
                changes.update(car=car.title, stock_id=car.stock_id)
            await store.update(existing.id, **changes)
        t.effect("rescheduled", appointment_id=existing.id)
        t.say("moved", car=name, when=wording.moment(slot.start, t.lang))
    else:
        if not already:
            await store.book(Appointment(
                id=new_id, conversation_id=t.conversation_id, phone=t.phone,
                stock_id=car.stock_id if car else None, car=name, start=slot.start.isoformat(),
                end=slot.end.isoformat(), status="booked", calendar_event_id=event_id_for(new_id), hubspot_deal_id=None))
        t.effect("booked", appointment_id=new_id)
        t.say("booked", car=name, when=wording.moment(slot.start, t.lang), address=t.business.address)
    t.model.appointment_id = new_id
    t.model.offer = None
    t.model.looking_up = None
    t.model.expect = Expect.NOTHING
    if car is not None:
        t.model.focus = car.stock_id


def offer(t: Turn, slots: list[Slot], car: Car | None, key: str = "offer", *, moving: bool = False,
          title: str = "") -> None:
    """Put times on offer for `car` (or for moving the booked drive)."""
    t.model.looking_up = None  # times are on the table now: a late answer for an older request adds none
    if not slots:
        t.say("no_slots", days=t.business.horizon_days)
        t.note("no_slots", f"Geen vrij proefritmoment gevonden voor {title or (car.title if car else 'een proefrit')}; "
                           "neem contact op met de klant.")
        t.model.offer = None
        return
    name = car.title if car else title
    t.model.offer = Offer([(s.start.isoformat(), s.end.isoformat(), s.label) for s in slots],
                          car.stock_id if car else None, name, moving)
    t.model.expect = Expect.SLOT_CHOICE if len(slots) > 1 else Expect.SLOT_CONFIRM
    t.offered_now = [s.as_json() for s in slots]
    if len(slots) == 1 and f"{key}_one" in replies.keys():
        # one time that fits is proposed as a question, so "ja" books it
        t.say(f"{key}_one", car=name, slot=slots[0].label[:1].lower() + slots[0].label[1:])
        return
    t.say(key, car=name, slots=format_offer(slots, t.lang))


def calendar_down(t: Turn, what: str) -> None:
    t.say("calendar_down")
    t.note(f"calendar_down:{t.inbound_id}", f"Agenda niet bereikbaar: klant wil een proefrit ({what}). "
                                           "Neem contact op om een tijd af te spreken.")
    t.model.offer = None
    t.model.looking_up = None


async def move(t: Turn, act: Act, more_to_say: bool = False) -> None:
    """ "een dag later", "een uurtje eerder", "kan het zaterdag?": move the drive and confirm, or offer near times."""
    from actors.dialogue.skills import test_drive

    appt = await current(t)
    if appt is None:
        if t.model.offer is not None and act.when is not None and act.when.times:
            await test_drive.at_time(t, act, more_to_say)  # "kan het wat vroeger? 9 uur?" while times are on offer
            return
        if t.model.offer is not None:
            await test_drive.other_times(t, act)
            return
        t.say("no_appointment")
        t.model.expect = Expect.TEST_DRIVE
        return
    start = datetime.fromisoformat(appt.start).astimezone(t.now.tzinfo)
    car = t.car(appt.stock_id)
    free = await agenda.free_slots(t, (appt.start, appt.end))
    if free is None:
        calendar_down(t, appt.car)
        return
    target: datetime | None = None
    shift, when = act.shift, act.when
    if shift and (shift.days or shift.minutes):
        target = start + timedelta(days=shift.days, minutes=shift.minutes)
    elif when and when.names_day and (when.same_time or not when.times):
        # "pas zaterdag, zelfde tijd" on a Saturday after that time: next Saturday
        day = when.ahead_of(t.now, (start.hour, start.minute)).target_date(t.today)
        if day is not None:
            target = datetime.combine(day, start.timetz()) if (when.same_time or not when.names_time) else None
    elif when and when.times and not when.names_day:
        target = start.replace(hour=when.times[0][0], minute=when.times[0][1])
    if target is None and when:
        hits = agenda.fitting(free, when, t.today)
        if len(hits) == 1 or (when.exact and hits):
            await book(t, hits[0], car, appt.car, checked=True)
            return
        if hits:
            offer(t, agenda.spread_offer(t, hits), car, "offer_move", moving=True, title=appt.car)
            return
    if target is None and shift and (shift.later_same_day or shift.earlier_same_day):
        same_day = [s for s in free if s.start.date() == start.date() and
                    ((s.start > start) if shift.later_same_day else (s.start < start))]
        offer(t, agenda.spread_offer(t, same_day), car, "offer_move", moving=True, title=appt.car)
        return
    if target is not None:
        match = next((s for s in free if s.start == target), None)
        if match is not None:
            await book(t, match, car, appt.car, checked=True)
            return
        agenda.why_not(t, _as_when(target))
        others = [s for s in free if s.start != start]
        if shift and (shift.days or shift.minutes):
            # "een half uurtje later" that cannot be had: later times, never earlier ones (and the other way round)
            later = shift.days > 0 or shift.minutes > 0
            others = [s for s in others if (s.start > start) == later] or others
        offer(t, agenda.nearest(others, target, t.business.slots_offered), car, "offer_move", moving=True,
              title=appt.car)
        return
    offer(t, agenda.spread_offer(t, [s for s in free if s.start != start]), car, "offer_move", moving=True,
          title=appt.car)


def _as_when(target: datetime) -> When:
    return When(day=target.date(), times=((target.hour, target.minute),))


async def cancel(t: Turn, act: Act | None = None, more_to_say: bool = False) -> None:
    """Cancel the booked drive, or drop an offer never taken."""
    if not t.once("cancel"):
        return
    appt = await current(t)
    if appt is not None:
        await t.rt.store.appointments.update(appt.id, status="cancelled")
        t.effect("cancelled", appointment_id=appt.id)
        t.say("cancelled", when=when_text(t, appt.start))
        t.model.appointment_id = None
        t.model.offer = None
        t.model.expect = Expect.NOTHING
        return
    if t.model.offer is not None or t.model.looking_up is not None:
        t.say("offer_dropped")
        t.model.offer = None
        t.model.looking_up = None  # times still being looked up are not sent after "laat maar"
        t.model.expect = Expect.NOTHING
        return
    t.say("nothing_to_cancel")


async def keep(t: Turn, act: Act | None = None, more_to_say: bool = False) -> None:
    """ "nee" to moving the drive booked: it stays as it is."""
    appt = await current(t)
    if appt is None:
        t.say("no_appointment")
        return
    t.say("keeps_booked", car=appt.car, when=when_text(t, appt.start))


async def recall(t: Turn, act: Act | None = None, more_to_say: bool = False) -> None:
    """ "hoe laat was het ook alweer?": the booked day, time, car and address."""
    appt = await current(t)
    others = [a for a in await t.rt.store.appointments.for_conversation(t.conversation_id)
              if a.status == "booked" and (appt is None or a.id != appt.id) and a.start >= t.now.isoformat()]
    if appt is None and not others:
        t.say("no_appointment")
        t.model.expect = Expect.TEST_DRIVE
        return
    # every drive still booked, soonest first: a second car booked later never hides the first
    booked = sorted(([appt] if appt else []) + others, key=lambda a: a.start)
    if len(booked) == 1:
        t.say("recall", car=booked[0].car, when=when_text(t, booked[0].start), address=t.business.address)
        return
    lines = "\n".join(f"• {when_text(t, a.start)}: {a.car}" for a in booked)
    t.say("recall_several", drives=lines, address=t.business.address)


async def as_json(t: Turn) -> dict[str, str] | None:
    """The appointment for the `chat --json` line (DESIGN §5), on every turn while one exists."""
    appt = await current(t)
    if appt is None:
        return None
    return {"start": appt.start, "end": appt.end, "car": appt.car, "calendar_event_id": appt.calendar_event_id or ""}
