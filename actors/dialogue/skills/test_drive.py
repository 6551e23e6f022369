"""Skill: a test drive — which car, which times, and the customer's pick.

Fewest turns: a car in focus gets times at once; with several cars found and none chosen,
times are proposed for the best match and the car is named (the customer can switch), so a
bare number always answers the question just asked. A free time the customer names is booked
at once; a time that is not free is explained and the nearest free times are offered.

A calendar that does not answer within the turn's budget gets a short "I'll send you the times"
and the offer follows as a second message (`times_found`), from the calendar's late answer.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime

from actors.dialogue import agenda
from actors.dialogue.context import Turn
from actors.dialogue.language.reading import Act, ActKind
from actors.dialogue.language.when import When, read_when
from actors.dialogue.model import Expect, Lookup
from actors.dialogue.skills import appointment
from actors.dialogue.skills.search import matches_now
from actors.dialogue.slots import Slot, format_offer
from integrations.inbox_events import FreeTimes
from integrations.stock import Car


def _drive_car(t: Turn, act: Act | None) -> tuple[Car | None, bool]:
    """(car, proposed): the car the drive is for; `proposed` when we picked the best of several."""
    ids = list(act.cars) if act is not None else []
    if len(ids) == 1:
        return t.car(ids[0]), False
    if len(ids) > 1:
        return t.car(ids[0]), True
    if t.model.focus:
        return t.car(t.model.focus), False
    if t.model.shown:
        return t.car(t.model.shown[0]), len(t.model.shown) > 1
    if t.model.frame:
        found = matches_now(t)
        if found:
            return found[0], len(found) > 1
    return None, False


async def request(t: Turn, act: Act, more_to_say: bool = False) -> None:
    """ "Kan ik zaterdag om 11 uur een proefrit maken?", "proefrit met die", "wanneer kan ik komen?" """
    if not t.once("test_drive"):
        return
    booked = await appointment.current(t)
    named_other = bool(act.cars) and booked is not None and booked.stock_id not in act.cars
    if booked is not None and not named_other:
        if act.when:
            await appointment.move(t, act)
        else:
            t.say("already_booked", when=appointment.when_text(t, booked.start), car=booked.car)
            t.model.expect = Expect.MOVE_CONFIRM
        return
    if booked is not None and named_other:
        # "ik wil ook een proefrit met de Polo": the Golf drive stays, and the customer hears so
        t.say("also_booked", when=appointment.when_text(t, booked.start), car=booked.car)
    when_text = act.clause if act.when else ""
    if act.when is None and t.model.drive_when:
        when_text = t.model.drive_when
        act = replace(act, when=read_when(t.model.drive_when, t.today) or None)
    t.model.drive_when = None
    car, proposed = _drive_car(t, act)
    if car is None:
        if act.missing:
            from actors.dialogue.skills.search import search
            await search(t, act)
            return
        t.say("which_drive_car")
        t.model.expect = Expect.TEST_DRIVE
        if act.when:
            t.model.drive_when = act.clause  # "zaterdag 10 uur" still holds once the car is named
        return
    t.model.focus = car.stock_id
    free = await agenda.free_slots_in_time(t)
    if isinstance(free, agenda.Pending):
        await _times_follow(t, free, car, when_text if act.when else "", proposed)
        return
    if free is None:
        appointment.calendar_down(t, car.title)
        return
    if act.when:
        await _at(t, act.when, free, car)
        return
    appointment.offer(t, agenda.spread_offer(t, free), car, "offer_best" if proposed else "offer")


async def _times_follow(t: Turn, pending: agenda.Pending, car: Car, when_text: str, proposed: bool) -> None:
    """The calendar is slow: say the times will follow, remember what they are for, and let the
    calendar actor finish the lookup (durably: it survives a restart) and hand the answer back."""
    key = f"cal_lookup:{t.conversation_id}:{t.inbound_id}"
    t.say("times_follow", car=car.title)
    t.model.looking_up = Lookup(key=key, car=car.stock_id, title=car.title, when=when_text,
                                asked_on=t.today.isoformat(), proposed=proposed)
    t.model.offer = None
    t.model.expect = Expect.NOTHING
    await t.rt.integrations.calendar.look_up_later(t.conversation_id, t.phone, key, pending.start, pending.end)


async def times_found(t: Turn, event: FreeTimes) -> None:
    """The calendar's late answer to a request: the offer the request would have made (narrowed to
    the day or time named then), or the calendar_down reply. An answer the conversation no longer
    waits for (times offered since, a drive booked, a newer request) says nothing."""
    lookup = t.model.looking_up
    if lookup is None or lookup.key != event.key:
        return
    t.model.looking_up = None
    car = t.car(lookup.car)
    if event.error:
        appointment.calendar_down(t, lookup.title)
        return
    free = agenda.slots_from(t, event.busy, until=datetime.fromisoformat(event.end))
    when = (read_when(lookup.when, date.fromisoformat(lookup.asked_on)) or None) if lookup.when and lookup.asked_on \
        else None
    if when:
        # the customer is not here to confirm: a free time they named is proposed, not booked
        await _at(t, when, free, car, lookup.title, book=False)
        return
    appointment.offer(t, agenda.spread_offer(t, free), car, "offer_best" if lookup.proposed else "offer",
                      title=lookup.title)


def _filled(t: Turn, when: When) -> When:
    """ "maandag zelfde tijd": the time the customer named before (or of the drive booked)."""
    if when.same_time and not when.times and t.model.asked_time:
        return replace(when, times=(t.model.asked_time,))
    return when


async def _at(t: Turn, when: When, free: list[Slot], car: Car | None, title: str = "", *, book: bool = True) -> None:
    """A day and/or time named: book an exact free moment (or propose it, without `book`), else
    offer what fits, else explain and offer the nearest."""
    when = _filled(t, when)
    hits = agenda.fitting(free, when, t.today)
    if hits and (when.exact or (when.approx and when.names_day)):
        if book:
            await appointment.book(t, hits[0], car, title, checked=True)
        else:
            appointment.offer(t, hits[:1], car, "offer_match", title=title)
        return
    if hits:
        key = "offer_match"
        appointment.offer(t, agenda.spread_offer(t, hits), car, key, title=title)
        return
    agenda.why_not(t, when, free)
    target = agenda.target_of(when, t.today, t.now)
    slots = agenda.nearest(free, target, t.business.slots_offered) if target else agenda.spread_offer(t, free)
    appointment.offer(t, slots, car, "nearest", title=title)


def offered_slots(t: Turn) -> list[Slot]:
    offer = t.model.offer
    if offer is None:
        return []
    return [Slot(datetime.fromisoformat(s), datetime.fromisoformat(e), label) for s, e, label in offer.slots]


async def pick(t: Turn, act: Act, more_to_say: bool = False) -> None:
    """ "2", "de eerste", "de laatste": the offered time at that position."""
    slots = offered_slots(t)
    if act.position is None or not 0 <= act.position < len(slots):
        t.say("slot_unclear", slots=format_offer(slots, t.lang))
        return
    offer = t.model.offer
    assert offer is not None
    await appointment.book(t, slots[act.position], t.car(offer.car), offer.title)


async def at_time(t: Turn, act: Act, more_to_say: bool = False) -> None:
    """ "16:00 graag", "zaterdag dan": an offered time, else any free time named (booked or re-offered)."""
    assert act.when is not None
    when = _filled(t, act.when)
    offer = t.model.offer
    if offer is None:
        if await appointment.current(t) is not None:
            await appointment.move(t, act)
            return
        await request(t, act)
        return
    slots = offered_slots(t)
    days = {s.start.date() for s in slots}
    if not when.names_day and len(days) == 1:
        when = replace(when, day=days.pop())  # times were offered for one day: "17u" is on that day
    hits = [s for s in slots if when.matches(s.start, t.today, s.end)]
    if len(hits) == 1 or (hits and when.times):
        await appointment.book(t, hits[0], t.car(offer.car), offer.title)
        return
    booked = await appointment.current(t)
    free = await agenda.free_slots(t, (booked.start, booked.end) if booked and offer.moving else None)
    if free is None:
        appointment.calendar_down(t, offer.title)
        return
    await _at(t, when, free, t.car(offer.car), offer.title)


async def confirm(t: Turn, act: Act | None = None, more_to_say: bool = False) -> None:
    """ "ja", "top", 👍 to a proposed time books it; to several times, asks which."""
    slots = offered_slots(t)
    offer = t.model.offer
    if offer is not None and len(slots) == 1:
        await appointment.book(t, slots[0], t.car(offer.car), offer.title)
        return
    t.say("slot_unclear", slots=format_offer(slots, t.lang))


async def other_times(t: Turn, act: Act | None = None, more_to_say: bool = False) -> None:
    """ "geen van deze", "kan het later in de week?": the next free times after the last offered."""
    offer = t.model.offer
    booked = await appointment.current(t)
    free = await agenda.free_slots(t, (booked.start, booked.end) if booked and (offer is None or offer.moving) else None)
    car = t.car(offer.car if offer else (booked.stock_id if booked else t.model.focus))
    title = offer.title if offer else (booked.car if booked else "")
    if free is None:
        appointment.calendar_down(t, title or (car.title if car else ""))
        return
    if act is not None and act.when:
        await _at(t, act.when, free, car, title)
        return
    after = max(offered_slots(t), key=lambda s: s.start).start if offer else t.now
    later = [s for s in free if s.start > after]
    appointment.offer(t, agenda.spread_offer(t, later), car, "offer_more", moving=bool(offer and offer.moving),
                      title=title)


_NOT_AT_ALL = re.compile(r"\b(?:bedankt|dank|thanks|hoeft niet|laat maar|toch (?:maar )?niet|geen (?:proefrit|interesse|zin)|"
                         r"never ?mind|no need|not interested|nog niet|liever niet)\b")


async def decline(t: Turn, act: Act | None = None, more_to_say: bool = False) -> None:
    """ "nee" to the offered times: other times once, as a salesperson would ask; a second no, or a no
    to the drive itself ("nee, laat maar"), books nothing."""
    offer = t.model.offer
    first_no = t.model.last != ActKind.NO.value
    if offer is not None and not offer.moving and first_no and not (act and _NOT_AT_ALL.search(act.clause)):
        await other_times(t, act=None)
        if t.model.offer is not None:
            return
    t.model.offer = None
    t.model.expect = Expect.NOTHING
    t.say("offer_dropped")
