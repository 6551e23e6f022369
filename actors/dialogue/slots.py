"""Free test-drive slots within the dealer's opening hours, and how they are offered.

Slots are built from wall-clock times in the business time zone (`[business] timezone`),
never from a fixed UTC offset, so "10:00" stays 10:00 across the March and October clock
changes. Every datetime taken or returned is timezone-aware; comparisons between instants
go through UTC so busy intervals may come in any zone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Callable, Iterable, Sequence
from zoneinfo import ZoneInfo

from actors.dialogue.language.when import slot_label
from daemon.config import BusinessConfig

# The hours of a day other than the weekly ones (a holiday): None = the usual hours, "" = closed.
SpecialHours = Callable[[date], str | None]

_KEYCAP = "\ufe0f\u20e3"  # digit + VS16 + combining keycap renders as 1️⃣ on WhatsApp


@dataclass(frozen=True)
class Slot:
    start: datetime
    end: datetime
    label: str

    def as_json(self) -> dict[str, str]:
        """The `offered_slots` item of `seldenrijk chat --json` (DESIGN §5): ISO 8601 with offset."""
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "label": self.label}


def candidate_slots(
    business: BusinessConfig, now: datetime, horizon_days: int | None = None, special: SpecialHours | None = None
) -> list[tuple[datetime, datetime]]:
    """Every bookable (start, end) from today through `horizon_days` calendar days ahead, in order.

    A day's opening hours are cut into `slot_minutes` slots; lunch splits the day, and the
    afternoon's slots start when lunch ends rather than on the morning's grid, so a 12:30
    lunch does not cost the 13:30 slot. Slots starting within `min_notice_minutes` of `now`
    are left out. `special` gives the hours of holidays (closed, or shorter). Results are in
    `business.timezone`.
    """
    _require_aware(now)
    tz = ZoneInfo(business.timezone)
    today = now.astimezone(tz).date()
    earliest = _utc(now) + timedelta(minutes=business.min_notice_minutes)
    length = timedelta(minutes=business.slot_minutes)
    days = business.horizon_days if horizon_days is None else horizon_days
    slots: list[tuple[datetime, datetime]] = []
    for offset in range(days + 1):
        day = today + timedelta(days=offset)
        for seg_start, seg_end in _open_segments(business, day, special(day) if special else None):
            start = datetime.combine(day, seg_start, tzinfo=tz)
            close = datetime.combine(day, seg_end, tzinfo=tz)
            # Same-tzinfo arithmetic is wall-clock arithmetic: what a day planner means.
            while start + length <= close:
                if _utc(start) >= earliest:
                    slots.append((start, start + length))
                start += length
    return slots


def free_slots(
    business: BusinessConfig,
    now: datetime,
    busy: Iterable[tuple[datetime, datetime]],
    count: int | None = None,
    lang: str = "nl",
    special: SpecialHours | None = None,
) -> list[Slot]:
    """Up to `count` (default `business.slots_offered`) free slots, spread over half-days, labelled.

    A candidate is free when it does not overlap any busy interval (half-open: a meeting
    ending at 10:00 leaves the 10:00 slot free).
    """
    busy_utc = [(_utc(_require_aware(b_start)), _utc(_require_aware(b_end))) for b_start, b_end in busy]
    free = [
        Slot(start, end, label(start, now, lang))
        for start, end in candidate_slots(business, now, special=special)
        if not any(_utc(start) < b_end and b_start < _utc(end) for b_start, b_end in busy_utc)
    ]
    return spread(free, business.slots_offered if count is None else count)


def spread(slots: Sequence[Slot], count: int) -> list[Slot]:
    """`count` slots from chronological `slots`, at most one per half-day while that is possible.

    "Morgen 10:00 / Morgen 14:00 / do 10:00" gives a customer a real choice where three
    consecutive hours of one morning would not. The earliest slot of each half-day (before
    or after noon) is taken first; when there are fewer half-days than `count`, the
    earliest remaining slots fill up. The result is in chronological order.
    """
    chosen: list[Slot] = []
    seen: set[tuple[date, bool]] = set()
    for slot in slots:
        half_day = (slot.start.date(), slot.start.hour >= 12)
        if len(chosen) < count and half_day not in seen:
            seen.add(half_day)
            chosen.append(slot)
    for slot in slots:
        if len(chosen) >= count:
            break
        if slot not in chosen:
            chosen.append(slot)
    return sorted(chosen, key=lambda s: _utc(s.start))


def label(start: datetime, now: datetime, lang: str = "nl") -> str:
    """ "Vandaag 14:00", "Morgen 10:00", "Overmorgen 16:00", else "za 28 nov 10:00" (English likewise).

    Days are counted in `start`'s own time zone (the business zone for candidate slots),
    so a customer writing at 00:30 sees tomorrow's slots as "Morgen".
    """
    _require_aware(start)
    return slot_label(start, now, lang)


def format_offer(slots: Sequence[Slot], lang: str) -> str:
    """ "1️⃣ Morgen 10:00\\n2️⃣ Morgen 14:00\\n3️⃣ za 28 nov 10:00".

    Labels already carry their language (see `free_slots`), so `lang` leaves the text as
    it is; past nine slots there is no keycap digit and a plain "10." takes its place.
    """
    lines = []
    for number, slot in enumerate(slots, start=1):
        marker = f"{number}{_KEYCAP}" if number <= 9 else f"{number}."
        lines.append(f"{marker} {slot.label}")
    return "\n".join(lines)


def _open_segments(business: BusinessConfig, day: date, special: str | None = None) -> list[tuple[time, time]]:
    hours = business.opening_hours.for_weekday(day.weekday()) if special is None else special
    if not hours:
        return []
    opens, closes = _range(hours)
    if not business.lunch:
        return [(opens, closes)]
    lunch_start, lunch_end = _range(business.lunch)
    if lunch_end <= opens or lunch_start >= closes:
        return [(opens, closes)]
    return [(a, b) for a, b in ((opens, lunch_start), (lunch_end, closes)) if a < b]


def _range(text: str) -> tuple[time, time]:
    # The config has already checked "HH:MM-HH:MM" with end after start.
    start, end = text.split("-")
    return time.fromisoformat(start), time.fromisoformat(end)


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def _require_aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"expected a timezone-aware datetime, got {moment!r}")
    return moment
