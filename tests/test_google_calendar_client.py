"""GoogleCalendarClient (real google-api-python-client) against FakeGoogleCalendar."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import anyio
import pytest

from daemon.config import GoogleCalendarConfig
from integrations.google_calendar import CalendarError, GoogleCalendarClient, event_id_for
from tests.fakes.google_calendar import FakeGoogleCalendar, google_error
from tests.fakes.http import Response

AMS = ZoneInfo("Europe/Amsterdam")
CAL = "showroom@group.calendar.google.com"
START = datetime(2026, 12, 1, 10, 0, tzinfo=AMS)


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.fixture
def fake():
    with FakeGoogleCalendar() as server:
        yield server


@pytest.fixture
async def client(fake):
    c = GoogleCalendarClient(GoogleCalendarConfig(base_url=fake.base_url, calendar_id=CAL, timeout_seconds=2), "Europe/Amsterdam")
    yield c
    await c.aclose()


async def _insert(client, event_id, start=START, **kw):
    args = {"summary": "Proefrit VW Golf", "description": "Jan, +31612345678", "location": "Industrieweg 12", "private": {"appointment_id": "a1"}}
    return await client.insert_event(event_id, start=start, end=start + timedelta(hours=1), **(args | kw))


def test_event_id_for_is_stable_base32hex():
    """Event ids derived from an appointment are deterministic and valid base32hex."""
    assert event_id_for("appt-1") == event_id_for("appt-1") != event_id_for("appt-2")
    assert re.fullmatch(r"[a-v0-9]{5,1024}", event_id_for("appt-1"))


@pytest.mark.anyio
async def test_busy_returns_stored_events_and_extra_intervals_in_local_time(fake, client):
    """freebusy reports our own events plus foreign busy blocks, converted to the dealer's zone."""
    await _insert(client, event_id_for("a"))
    fake.extra_busy[CAL] = [(datetime(2026, 12, 1, 14, 0, tzinfo=AMS), datetime(2026, 12, 1, 15, 30, tzinfo=AMS))]
    busy = await client.busy(datetime(2026, 12, 1, 8, 0, tzinfo=AMS), datetime(2026, 12, 1, 18, 0, tzinfo=AMS))
    assert busy == [(START, START + timedelta(hours=1)), (datetime(2026, 12, 1, 14, 0, tzinfo=AMS), datetime(2026, 12, 1, 15, 30, tzinfo=AMS))]
    assert all(s.tzinfo is not None and s.utcoffset() == timedelta(hours=1) for s, _ in busy)
    request = fake.requests_to("POST", "/calendar/v3/freeBusy")[0].json()
    assert request["items"] == [{"id": CAL}] and request["timeMin"] == "2026-12-01T08:00:00+01:00"


@pytest.mark.anyio
async def test_busy_raises_when_calendar_reports_errors(fake, client):
    """A calendar freebusy cannot read is an error, never an empty (free) schedule."""
    fake.errors[CAL] = [{"domain": "global", "reason": "notFound"}]
    with pytest.raises(CalendarError) as info:
        await client.busy(START, START + timedelta(hours=8))
    assert info.value.transient is False and info.value.body == [{"domain": "global", "reason": "notFound"}]


@pytest.mark.anyio
async def test_insert_sends_wall_time_with_zone_and_valid_reminders(fake, client):
    """The inserted event carries local wall time + IANA zone, popup/email reminders and private props."""
    event_id = event_id_for("appt-7")
    # Summer time: the same code must send 10:00 local, not a fixed +01:00 offset.
    summer = datetime(2026, 7, 1, 8, 0, tzinfo=ZoneInfo("UTC"))
    assert await _insert(client, event_id, start=summer) == event_id
    event = fake.events(CAL)[event_id]
    assert event["start"] == {"dateTime": "2026-07-01T10:00:00", "timeZone": "Europe/Amsterdam"}
    assert event["reminders"] == {"useDefault": False, "overrides": [{"method": "popup", "minutes": 60}, {"method": "email", "minutes": 1440}]}
    assert event["extendedProperties"] == {"private": {"appointment_id": "a1"}}
    assert fake.requests_to("POST", r"/calendar/v3/calendars/.*/events")[0].query["sendUpdates"] == ["none"]


@pytest.mark.anyio
async def test_repeated_insert_with_same_id_succeeds_and_keeps_one_event(fake, client):
    """A retried insert hits 409 duplicate, fetches the existing event and reports success."""
    event_id = event_id_for("appt-dup")
    assert await _insert(client, event_id) == event_id
    assert await _insert(client, event_id) == event_id
    assert list(fake.events(CAL)) == [event_id]
    assert [r.method for r in fake.requests] == ["POST", "POST", "GET"]


@pytest.mark.anyio
async def test_fake_rejects_sms_reminder_like_google(fake, client):
    """Google accepts only email/popup reminders; the fake answers 400 with Google's error JSON."""
    body = {
        "id": "abcde12345",
        "start": {"dateTime": "2026-12-01T10:00:00", "timeZone": "Europe/Amsterdam"},
        "end": {"dateTime": "2026-12-01T11:00:00", "timeZone": "Europe/Amsterdam"},
        "reminders": {"useDefault": False, "overrides": [{"method": "sms", "minutes": 60}]},
    }
    with pytest.raises(CalendarError) as info:
        await anyio.to_thread.run_sync(client._run, "events.insert", lambda s: s.events().insert(calendarId=CAL, body=body).execute())
    assert info.value.status == 400 and not info.value.transient
    assert info.value.body["error"]["errors"][0]["reason"] == "invalid"


@pytest.mark.anyio
async def test_server_errors_and_rate_limits_are_transient(fake, client):
    """5xx and 403 rateLimitExceeded become transient CalendarErrors; a 400 does not."""
    fake.script("POST", "/calendar/v3/freeBusy", google_error(503, "backendError", "Backend Error"),
                google_error(403, "rateLimitExceeded", "Rate Limit Exceeded"))
    for expected in (503, 403):
        with pytest.raises(CalendarError) as info:
            await client.busy(START, START + timedelta(hours=1))
        assert info.value.status == expected and info.value.transient
    fake.script("POST", r"/calendar/v3/calendars/.*/events", google_error(400, "invalid", "Invalid resource id value."))
    with pytest.raises(CalendarError) as info:
        await _insert(client, event_id_for("x"))
    assert not info.value.transient


@pytest.mark.anyio
async def test_slow_answer_times_out_as_transient(fake):
    """An answer slower than the httplib2 timeout is a transient CalendarError."""
    fake.script("POST", "/calendar/v3/freeBusy", Response(200, json={"calendars": {}}, delay=1.5))
    c = GoogleCalendarClient(GoogleCalendarConfig(base_url=fake.base_url, calendar_id=CAL, timeout_seconds=0.3), "Europe/Amsterdam")
    try:
        with pytest.raises(CalendarError) as info:
            await c.busy(START, START + timedelta(hours=1))
    finally:
        await c.aclose()
    assert info.value.transient and info.value.status == 0


@pytest.mark.anyio
async def test_update_moves_event_and_cancel_is_idempotent(fake, client):
    """PATCH moves the event; deleting twice (410) and deleting an unknown id (404) both succeed."""
    event_id = event_id_for("appt-move")
    await _insert(client, event_id)
    await client.update_event(event_id, start=START + timedelta(days=1), end=START + timedelta(days=1, hours=1), summary="Proefrit (verzet)")
    event = fake.events(CAL)[event_id]
    assert event["start"]["dateTime"] == "2026-12-02T10:00:00" and event["summary"] == "Proefrit (verzet)"
    assert fake.requests[-1].method == "PATCH"
    await client.cancel_event(event_id)
    await client.cancel_event(event_id)
    await client.cancel_event(event_id_for("never-booked"))
    assert fake.events(CAL) == {}


@pytest.mark.anyio
async def test_insert_after_cancel_restores_the_event(fake, client):
    """Re-booking a cancelled appointment id restores the event instead of failing on 409."""
    event_id = event_id_for("appt-again")
    await _insert(client, event_id)
    await client.cancel_event(event_id)
    assert await _insert(client, event_id) == event_id
    assert fake.events(CAL)[event_id]["status"] == "confirmed"
