"""Test-drive slots: opening hours, lunch, notice, horizon, busy time, DST, labels and the offer text."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from actors.dialogue.slots import Slot, candidate_slots, format_offer, free_slots, label, spread
from daemon.config import BusinessConfig, OpeningHours

AMS = ZoneInfo("Europe/Amsterdam")
BUSINESS = BusinessConfig()  # Mon–Sat 09:00–18:00, lunch 12:00–13:00, 60-minute slots, 120 min notice


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=AMS)


def starts(slots: list[tuple[datetime, datetime]]) -> list[str]:
    return [f"{s:%a %H:%M}" for s, _ in slots]


def test_a_day_has_hourly_slots_around_lunch() -> None:
    """A Monday 09:00–18:00 with lunch 12:00–13:00 gives eight one-hour slots."""
    slots = candidate_slots(BUSINESS, at(2026, 11, 22, 20), horizon_days=1)  # Sunday evening
    assert starts(slots) == [f"Mon {h:02}:00" for h in (9, 10, 11, 13, 14, 15, 16, 17)]
    assert all(end - start == timedelta(hours=1) for start, end in slots)


def test_sunday_is_closed() -> None:
    """No slot falls on a Sunday, the default closed day."""
    slots = candidate_slots(BUSINESS, at(2026, 11, 23, 8), horizon_days=14)
    assert slots and all(start.weekday() != 6 for start, _ in slots)
    assert {start.date() for start, _ in slots} >= {at(2026, 11, 28).date(), at(2026, 11, 30).date()}


def test_a_slot_overlapping_lunch_is_excluded_and_the_afternoon_starts_after_lunch() -> None:
    """With lunch 12:30–13:30 the 12:00 slot is dropped and afternoon slots begin at 13:30."""
    business = BusinessConfig(lunch="12:30-13:30")
    slots = candidate_slots(business, at(2026, 11, 22, 20), horizon_days=1)
    assert starts(slots) == ["Mon 09:00", "Mon 10:00", "Mon 11:00", "Mon 13:30", "Mon 14:30", "Mon 15:30", "Mon 16:30"]


def test_no_lunch_configured_means_a_continuous_day() -> None:
    """An empty lunch keeps the 12:00 slot."""
    slots = candidate_slots(BusinessConfig(lunch=""), at(2026, 11, 22, 20), horizon_days=1)
    assert "Mon 12:00" in starts(slots)


def test_slots_within_minimum_notice_are_skipped() -> None:
    """At 10:30 with two hours' notice the first slot today is 13:00 (12:30 would be lunch anyway)."""
    slots = candidate_slots(BUSINESS, at(2026, 11, 23, 10, 30), horizon_days=0)
    assert starts(slots) == ["Mon 13:00", "Mon 14:00", "Mon 15:00", "Mon 16:00", "Mon 17:00"]
    slots = candidate_slots(BusinessConfig(min_notice_minutes=0), at(2026, 11, 23, 10, 30), horizon_days=0)
    assert starts(slots)[0] == "Mon 11:00"


def test_horizon_limits_how_far_ahead_slots_go() -> None:
    """horizon_days counts calendar days after today; the default comes from the config."""
    now = at(2026, 11, 23, 8)
    assert max(s for s, _ in candidate_slots(BUSINESS, now, horizon_days=2)).date() == at(2026, 11, 25).date()
    assert max(s for s, _ in candidate_slots(BUSINESS, now)).date() == at(2026, 12, 7).date()
    assert max(s for s, _ in candidate_slots(BusinessConfig(horizon_days=3), now)).date() == at(2026, 11, 26).date()


def test_slots_are_in_the_business_time_zone_whatever_now_is_given_in() -> None:
    """A UTC `now` yields Amsterdam wall-clock slots."""
    slots = candidate_slots(BUSINESS, datetime(2026, 11, 22, 19, tzinfo=UTC), horizon_days=1)
    assert slots[0][0] == at(2026, 11, 23, 9) and slots[0][0].tzinfo == AMS


def test_naive_now_is_rejected() -> None:
    """A datetime without a time zone is ambiguous and raises ValueError."""
    with pytest.raises(ValueError):
        candidate_slots(BUSINESS, datetime(2026, 11, 23, 8))


def test_spring_forward_keeps_wall_clock_times() -> None:
    """Across 29 March 2026 the 09:00 slot stays 09:00: +01:00 on Saturday, +02:00 on Monday."""
    slots = candidate_slots(BUSINESS, at(2026, 3, 28, 6), horizon_days=2)
    saturday = [s for s, _ in slots if s.day == 28]
    monday = [s for s, _ in slots if s.day == 30]
    assert saturday[0].isoformat() == "2026-03-28T09:00:00+01:00"
    assert monday[0].isoformat() == "2026-03-30T09:00:00+02:00"
    assert monday[0].astimezone(UTC).hour == 7 and saturday[0].astimezone(UTC).hour == 8
    assert starts(slots)[-1] == "Mon 17:00"


def test_fall_back_keeps_wall_clock_times() -> None:
    """Across 25 October 2026 the 09:00 slot stays 09:00: +02:00 on Saturday, +01:00 on Monday."""
    slots = candidate_slots(BUSINESS, at(2026, 10, 24, 6), horizon_days=2)
    assert [s.isoformat() for s, _ in slots if s.hour == 9] == [
        "2026-10-24T09:00:00+02:00",
        "2026-10-26T09:00:00+01:00",
    ]
    assert all(end - start == timedelta(hours=1) for start, end in slots)


def test_busy_interval_in_any_time_zone_blocks_overlapping_slots() -> None:
    """A calendar event 09:30–10:30 Amsterdam time, given in UTC, blocks the 09:00 and 10:00 slots."""
    busy = [(datetime(2026, 11, 24, 8, 30, tzinfo=UTC), datetime(2026, 11, 24, 9, 30, tzinfo=UTC))]
    (first,) = free_slots(BUSINESS, at(2026, 11, 23, 20), busy, count=1)
    assert first.start == at(2026, 11, 24, 11)
    offered = free_slots(BUSINESS, at(2026, 11, 23, 20), busy, count=60)
    assert not {at(2026, 11, 24, 9), at(2026, 11, 24, 10)} & {s.start for s in offered}
    assert at(2026, 11, 25, 9) in {s.start for s in offered}


def test_busy_interval_ending_at_slot_start_does_not_block_it() -> None:
    """Intervals are half-open: an event ending at 10:00 leaves the 10:00 slot free."""
    busy = [(at(2026, 11, 24, 9), at(2026, 11, 24, 10))]
    slots = free_slots(BUSINESS, at(2026, 11, 23, 20), busy, count=1)
    assert slots[0].start == at(2026, 11, 24, 10)


def test_free_slots_offers_the_configured_number_spread_over_half_days() -> None:
    """Three slots by default: tomorrow morning, tomorrow afternoon and the next morning."""
    slots = free_slots(BUSINESS, at(2026, 11, 23, 20), busy=[])
    assert [s.label for s in slots] == ["Morgen 09:00", "Morgen 13:00", "Overmorgen 09:00"]
    assert len(free_slots(BusinessConfig(slots_offered=5), at(2026, 11, 23, 20), busy=[])) == 5


def test_free_slots_labels_in_english_when_asked() -> None:
    """The label language follows the conversation."""
    slots = free_slots(BUSINESS, at(2026, 11, 23, 20), busy=[], count=1, lang="en")
    assert slots[0].label == "Tomorrow 09:00"


def test_spread_fills_up_from_the_same_half_day_when_there_are_too_few() -> None:
    """With only one morning free, all of its slots are offered in order."""
    morning = [Slot(at(2026, 11, 24, h), at(2026, 11, 24, h + 1), f"{h}") for h in (9, 10, 11)]
    assert spread(morning, 3) == morning
    assert spread(morning, 2) == morning[:2]


def test_saturday_hours_and_closed_days_follow_the_config() -> None:
    """A shorter Saturday and a closed Monday are honoured."""
    business = BusinessConfig(opening_hours=OpeningHours(sat="09:00-12:00", mon=""))
    slots = candidate_slots(business, at(2026, 11, 27, 20), horizon_days=4)
    assert starts(slots) == ["Sat 09:00", "Sat 10:00", "Sat 11:00", "Tue 09:00", "Tue 10:00", "Tue 11:00",
                             "Tue 13:00", "Tue 14:00", "Tue 15:00", "Tue 16:00", "Tue 17:00"]


@pytest.mark.parametrize(
    ("start", "nl", "en"),
    [
        (at(2026, 11, 26, 14), "Vandaag 14:00", "Today 14:00"),
        (at(2026, 11, 27, 10), "Morgen 10:00", "Tomorrow 10:00"),
        (at(2026, 11, 28, 16), "Overmorgen 16:00", "Sat 28 Nov 16:00"),
        (at(2026, 11, 30, 10), "ma 30 nov 10:00", "Mon 30 Nov 10:00"),
        (at(2026, 12, 2, 9, 30), "wo 2 dec 09:30", "Wed 2 Dec 09:30"),
        (at(2027, 3, 5, 11), "vr 5 mrt 11:00", "Fri 5 Mar 11:00"),
    ],
)
def test_labels_name_today_tomorrow_day_after_or_the_date(start: datetime, nl: str, en: str) -> None:
    """Near days are named, later ones get a short weekday and date, in Dutch and English."""
    now = at(2026, 11, 26, 9)
    assert label(start, now, "nl") == nl
    assert label(start, now, "en") == en


def test_label_counts_days_in_the_slot_time_zone() -> None:
    """At 00:30 Amsterdam time (still yesterday in UTC) a slot that day is "Vandaag"."""
    now = datetime(2026, 11, 26, 23, 30, tzinfo=UTC)  # 00:30 on the 27th in Amsterdam
    assert label(at(2026, 11, 27, 10), now) == "Vandaag 10:00"


def test_format_offer_numbers_slots_with_keycap_emoji() -> None:
    """The offer is one line per slot, numbered 1️⃣ 2️⃣ 3️⃣."""
    slots = [
        Slot(at(2026, 11, 27, 10), at(2026, 11, 27, 11), "Morgen 10:00"),
        Slot(at(2026, 11, 27, 14), at(2026, 11, 27, 15), "Morgen 14:00"),
        Slot(at(2026, 11, 28, 10), at(2026, 11, 28, 11), "za 28 nov 10:00"),
    ]
    assert format_offer(slots, "nl") == "1️⃣ Morgen 10:00\n2️⃣ Morgen 14:00\n3️⃣ za 28 nov 10:00"


def test_slot_as_json_uses_iso_8601_with_offset() -> None:
    """The chat --json `offered_slots` items carry start and end with their UTC offset."""
    slot = Slot(at(2026, 11, 27, 10), at(2026, 11, 27, 11), "Morgen 10:00")
    assert slot.as_json() == {
        "start": "2026-11-27T10:00:00+01:00",
        "end": "2026-11-27T11:00:00+01:00",
        "label": "Morgen 10:00",
    }
