"""The free test-drive times, read from the calendar actor within the opening hours.

Times only ever come from the calendar's busy intervals, the `[business]` hours and the
knowledge file's holidays; when the calendar cannot be read, the caller hears None and
offers no time at all. A test-drive request waits for Google only within the turn's budget
(`free_slots_in_time`): past it the customer hears the times will follow, and they do, as an
inbox event (`skills.test_drive.times_found`). `why_not` explains, from the same sources, why a
moment the customer named cannot be booked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Callable, Iterable, Sequence

from actors.calendar import NOT_IN_TIME
from actors.dialogue.context import Turn
from actors.dialogue.language.when import When, day_name
from actors.dialogue.slots import Slot, candidate_slots, label, spread


def special_hours(t: Turn) -> Callable[[date], str | None]:
    def hours(day: date) -> str | None:
        holiday = t.knowledge.holiday_on(day)
        return holiday.hours if holiday is not None else None
    return hours


async def free_slots(t: Turn, moving: tuple[str, str] | None = None) -> list[Slot] | None:
    """Every free slot over the horizon, labelled, in order; None when the calendar cannot be read.

    `moving` is an appointment being moved: its own interval does not block the new time.
    """
    end = t.now + timedelta(days=t.business.horizon_days + 1)
    answer = await t.rt.integrations.calendar.busy(t.now, end)
    if answer.error:
        t.rt.metrics.inc("seldenrijk_dialogue_calendar_errors_total")
        return None
    return slots_from(t, answer.busy, moving=moving)


@dataclass(frozen=True)
class Pending:
    """The calendar did not answer within the turn's budget; its lookup of [start, end) goes on."""

    start: datetime
    end: datetime


async def free_slots_in_time(t: Turn) -> list[Slot] | Pending | None:
    """`free_slots`, waiting for Google at most what is left of the turn's budget
    (`google_calendar.answer_within_seconds`); Pending when it has not answered by then."""
    end = t.now + timedelta(days=t.business.horizon_days + 1)
    calendar, settings = t.rt.integrations.calendar, t.rt.config.google_calendar
    budget: float | None = None
    if calendar.enabled and settings.answer_within_seconds:
        spent = (t.rt.clock.now() - t.now).total_seconds()
        budget = min(max(settings.answer_within_seconds - spent, 0.1), settings.timeout_seconds + 1)
    answer = await calendar.busy(t.now, end, budget)
    if budget is not None and answer.error == NOT_IN_TIME:
        t.rt.metrics.inc("seldenrijk_dialogue_calendar_late_total")
        return Pending(t.now, end)
    if answer.error:
        t.rt.metrics.inc("seldenrijk_dialogue_calendar_errors_total")
        return None
    return slots_from(t, answer.busy)


def slots_from(t: Turn, busy: Iterable[Sequence[str]], *, moving: tuple[str, str] | None = None,
               until: datetime | None = None) -> list[Slot]:
    """The free slots given the calendar's busy intervals (ISO pairs); `until` is the end of the
    window they were read for: a slot past it was never checked and is not offered."""
    business = t.business
    skip = tuple(datetime.fromisoformat(x) for x in moving) if moving else None
    blocked = []
    for start, stop in busy:
        interval = (datetime.fromisoformat(start), datetime.fromisoformat(stop))
        if interval != skip:
            blocked.append(interval)
    return [Slot(s, e, label(s, t.now, t.lang)) for s, e in candidate_slots(business, t.now, special=special_hours(t))
            if (until is None or e <= until) and not any(s < b_end and b_start < e for b_start, b_end in blocked)]


def fitting(free: Sequence[Slot], when: When, today: date) -> list[Slot]:
    """The free slots that fit what the customer named, nearest to a named time first."""
    hits = [s for s in free if when.matches(s.start, today, s.end)]
    if when.extreme and hits:
        # "zo laat mogelijk": the latest (or earliest) free time of the first day that fits
        first_day = [s for s in hits if s.start.date() == hits[0].start.date()]
        return [first_day[-1] if when.extreme == "latest" else first_day[0]]
    if when.approx and when.times:
        near = [s for s in hits if when.distance(s.start) <= 60]
        hits = sorted(near, key=lambda s: (when.distance(s.start), s.start)) or []
    return hits


def spread_offer(t: Turn, slots: Sequence[Slot]) -> list[Slot]:
    return spread(slots, t.business.slots_offered)


def nearest(free: Sequence[Slot], target: datetime, count: int) -> list[Slot]:
    """The `count` free slots closest to what the customer asked: around that time on that day when
    it has them ("half 3 is bezet" → 14:00, 15:00, 13:30), else one per half-day while possible."""
    by_distance = sorted(free, key=lambda s: abs((s.start - target).total_seconds()))
    around = [s for s in by_distance if s.start.date() == target.date()
              and abs((s.start - target).total_seconds()) <= 2 * 3600]
    if len(around) >= 2:
        return sorted(around[:count], key=lambda s: s.start)
    return sorted(spread(by_distance, count), key=lambda s: s.start)


def target_of(when: When, today: date, now: datetime) -> datetime | None:
    """The moment meant, for explaining and for nearest alternatives; None without a day or time."""
    day = when.target_date(today)
    if day is None and not when.times:
        return None
    day = day or today
    clock = when.times[0] if when.times else (when.after or (10, 0))
    return datetime.combine(day, time(*clock), tzinfo=now.tzinfo)


def why_not(t: Turn, when: When, free: Sequence[Slot] = ()) -> None:
    """Say why the moment named cannot be booked: closed, outside hours, lunch, past, too soon, taken.

    Only what is true: a part of a day that is full is not a full day, and a time between two
    slot starts is named as such only when the slot grid really skips it.
    """
    from actors.dialogue.skills.knowledge import hours_on

    day = when.target_date(t.today) or t.today
    spans, holiday = hours_on(t, day)
    name = day_name(day.weekday(), t.lang)
    if not spans:
        if holiday is not None:
            t.say("holiday_closed", day=name, holiday=holiday.name(t.lang))
        else:
            t.say("closed_day", day=name)
        return
    opens, closes = (time.fromisoformat(x) for x in spans.split("-"))
    if not when.times and when.after is not None and time(*when.after) >= closes:
        # "ik ben om half 7 vrij": after closing time, not a full day
        t.say("after_closing", time=f"{time(*when.after):%H:%M}", day=name, hours=_hours_text(t, opens, closes))
        return
    if not when.times:
        on_day = [s for s in free if s.start.date() == day]
        if when.part is not None and on_day:
            t.say("part_full", part=_part_name(t, day, when.part))
        else:
            t.say("day_full", day=name)
        return
    moment = time(*when.times[0])
    lunch = t.business.lunch
    grid = t.business.slot_minutes
    off_grid = ((moment.hour * 60 + moment.minute) - (opens.hour * 60 + opens.minute)) % grid != 0
    if off_grid and opens <= moment < closes and not (lunch and _inside(moment, lunch)):
        # slots start on the grid: say so, never round silently
        t.say("on_the_hour" if grid == 60 else "on_the_grid", time=f"{moment:%H:%M}", minutes=grid)
        return
    target = datetime.combine(day, moment, tzinfo=t.now.tzinfo)
    if not opens <= moment < closes:
        t.say("outside_hours", time=f"{moment:%H:%M}", day=name, hours=_hours_text(t, opens, closes))
    elif lunch and _inside(moment, lunch):
        start, end = lunch.split("-")
        t.say("in_lunch", lunch=f"between {start} and {end}" if t.lang == "en" else f"{start} en {end}")
    elif target <= t.now:
        t.say("in_past")
    elif target < t.now + timedelta(minutes=t.business.min_notice_minutes):
        t.say("too_soon")
    else:
        t.say("slot_busy")


def _hours_text(t: Turn, opens: time, closes: time) -> str:
    """ "09:00 tot 18:00", "from 09:00 to 18:00"."""
    return f"from {opens:%H:%M} to {closes:%H:%M}" if t.lang == "en" else f"{opens:%H:%M} tot {closes:%H:%M}"


def _part_name(t: Turn, day: date, part: tuple[int, int]) -> str:
    """ "woensdagmiddag", "Wednesday afternoon"."""
    nl, en = ("ochtend", "morning") if part[1] <= 12 else ("avond", "evening") if part[0] >= 17 else ("middag", "afternoon")
    return f"{day_name(day.weekday(), 'en')} {en}" if t.lang == "en" else f"{day_name(day.weekday(), 'nl')}{nl}"


def _inside(moment: time, span: str) -> bool:
    start, end = (time.fromisoformat(x) for x in span.split("-"))
    return start <= moment < end
