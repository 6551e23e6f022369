"""Skill: what the dealer knows — the knowledge file's answers, opening hours (holidays too), the address.

Answers come only from the knowledge file and the `[business]` config; a topic that is not
in the file is not answered from anywhere else.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from actors.dialogue import wording
from actors.dialogue.context import Turn
from actors.dialogue.language.reading import Act
from actors.dialogue.language.when import day_name, long_date
from daemon.config import WEEKDAYS
from integrations.knowledge import Holiday


async def answer(t: Turn, act: Act, more_to_say: bool = False) -> None:
    """One paragraph per topic asked, in the order asked; each topic once per turn."""
    for topic in act.topics:
        if t.once(f"topic:{topic}"):
            if topic == "parking" and t.business.parking:
                t.add(t.business.parking)
            else:
                t.add(t.topic(topic))
            t.model.topic = topic
    t.done.add("knowledge")


def hours_on(t: Turn, day: date) -> tuple[str, Holiday | None]:
    """The opening hours of `day` ("09:00-18:00", "" = closed) and the holiday that sets them, if any."""
    holiday = t.knowledge.holiday_on(day)
    if holiday is not None:
        return holiday.hours, holiday
    return t.business.opening_hours.for_weekday(day.weekday()), None


async def hours(t: Turn, act: Act, more_to_say: bool = False) -> None:
    """Hours of a holiday, of a named day (with "tot 18:00?" answered yes or no), else the week."""
    day_asked = act.when.target_date(t.today) if act.when is not None else None
    if not t.once(f"hours:{act.holidays or day_asked or 'week'}"):
        return
    holidays = [h for h in t.knowledge.holidays if h.date in act.holidays]
    if holidays:
        for holiday in sorted(holidays, key=lambda h: _next(h, t.today)):
            next_day = _next(holiday, t.today)
            spans = holiday.hours
            if spans:
                opens, closes = spans.split("-")
                t.say("hours_holiday", holiday=holiday.name(t.lang), day=long_date(next_day, t.lang), opens=opens,
                      closes=closes)
            else:
                t.say("hours_holiday_closed", holiday=holiday.name(t.lang), day=long_date(next_day, t.lang))
        if len(holidays) > 1:
            t.say("hours_other_days", hours=week_table(t))  # "tussen kerst en oud en nieuw": the days between too
        if act.when is None or not act.when.names_day:
            return
    when = act.when
    day = when.target_date(t.today) if when is not None else None
    if when is not None and day is not None:
        spans, on_holiday = hours_on(t, day)
        name = _day_words(t, day)
        if not spans:
            if on_holiday is not None:
                t.say("hours_holiday_closed", holiday=on_holiday.name(t.lang), day=long_date(day, t.lang))
            else:
                t.say("hours_day_closed", day=name[:1].upper() + name[1:])
            return
        opens, closes = spans.split("-")
        asked = when.before or (when.times[0] if when.times else None)
        if asked is not None:
            key = "hours_until_yes" if time(*asked) <= time.fromisoformat(closes) else "hours_until_no"
            t.say(key, day=name, closes=closes)
            return
        t.say("hours_day", day=name[:1].upper() + name[1:], opens=opens, closes=closes)
        return
    t.say("hours_week", hours=week_table(t))


def week_table(t: Turn) -> str:
    """One line per run of days with the same hours: "maandag t/m zaterdag: 09:00–18:00"."""
    closed = "closed" if t.lang == "en" else "gesloten"
    through = " to " if t.lang == "en" else " t/m "
    runs: list[tuple[int, int, str]] = []
    for index in range(len(WEEKDAYS)):
        spans = t.business.opening_hours.for_weekday(index)
        if runs and runs[-1][2] == spans:
            runs[-1] = (runs[-1][0], index, spans)
        else:
            runs.append((index, index, spans))
    lines = []
    for first, last, spans in runs:
        days = day_name(first, t.lang) if first == last else day_name(first, t.lang) + through + day_name(last, t.lang)
        lines.append(f"{days}: {spans.replace('-', '–') if spans else closed}")
    return "\n".join(lines)


async def location(t: Turn, act: Act, more_to_say: bool = False) -> None:
    if t.once("location"):
        t.say("location", address=t.business.address, maps=wording.maps_link(t.business.address))


def next_opening(t: Turn) -> datetime | None:
    """When the showroom is next open: now if it is, else the next opening time in the horizon."""
    for offset in range(0, 15):
        day = t.today + timedelta(days=offset)
        spans, _ = hours_on(t, day)
        if not spans:
            continue
        opens, closes = (time.fromisoformat(x) for x in spans.split("-"))
        start = datetime.combine(day, opens, tzinfo=t.now.tzinfo)
        end = datetime.combine(day, closes, tzinfo=t.now.tzinfo)
        if offset == 0 and start <= t.now < end:
            return t.now
        if start > t.now:
            return start
    return None


def _next(holiday: Holiday, today: date) -> date:
    for year in (today.year, today.year + 1):
        day = holiday.on(year)
        if day is not None and day >= today:
            return day
    return holiday.on(today.year) or today


def _day_words(t: Turn, day: date) -> str:
    """ "vandaag", "morgen", "op zaterdag", "op maandag 14 december" (English likewise)."""
    ahead = (day - t.today).days
    if ahead == 0:
        return "today" if t.lang == "en" else "vandaag"
    if ahead == 1:
        return "tomorrow" if t.lang == "en" else "morgen"
    name = day_name(day.weekday(), t.lang) if ahead < 7 else long_date(day, t.lang)
    return f"{'on' if t.lang == 'en' else 'op'} {name}"
