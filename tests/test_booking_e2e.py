"""A customer books a test drive over WhatsApp with HubSpot, Google Calendar and Chatwoot configured."""

from __future__ import annotations

from datetime import datetime, timezone

import anyio
import pytest

from daemon.chat import converse
from integrations.clock import ManualClock
from tests.conftest import arrived, make_config, running
from tests.fakes.chatwoot import FakeChatwoot
from tests.fakes.google_calendar import FakeGoogleCalendar
from tests.fakes.hubspot import FakeHubSpot

pytestmark = pytest.mark.anyio

PHONE = "+31612345678"
CALENDAR = "dealer@example.com"


def _config(tmp_path, fake_twilio, hubspot, calendar, chatwoot):
    return make_config(
        tmp_path, fake_twilio,
        hubspot={"access_token": "pat-eu1-test", "base_url": hubspot.base_url},
        google_calendar={"calendar_id": CALENDAR, "base_url": calendar.base_url},
        chatwoot={"base_url": chatwoot.base_url, "api_token": "cw-token", "account_id": 1, "inbox_id": 1,
                  "webhook_secret": "s"},
    )


async def test_full_booking_creates_each_side_effect_once(tmp_path, fake_twilio):
    """Slots come from Google's free/busy; booking makes one event, one contact, one deal and mirrors the chat."""
    clock = ManualClock()
    with FakeHubSpot() as hubspot, FakeGoogleCalendar() as calendar, FakeChatwoot() as chatwoot:
        # Tuesday afternoon (13:00–17:00 in Amsterdam) is taken in the dealer's calendar.
        calendar.extra_busy[CALENDAR] = [(datetime(2026, 11, 24, 12, tzinfo=timezone.utc),
                                          datetime(2026, 11, 24, 16, tzinfo=timezone.utc))]
        async with running(_config(tmp_path, fake_twilio, hubspot, calendar, chatwoot), clock=clock) as (rt, _):
            offer = await converse(rt, PHONE, "Jan de Vries", "Hoi, ik wil graag een proefrit maken met de golf")
            assert offer.offered_slots and len(offer.offered_slots) == 3
            assert calendar.requests_to("POST", r"/calendar/v3/freeBusy$")
            assert not any(s["start"].startswith("2026-11-24T") and 13 <= int(s["start"][11:13]) < 17
                           for s in offer.offered_slots)
            booked = await converse(rt, PHONE, "Jan de Vries", "2")
            assert booked.appointment and booked.appointment["start"] == offer.offered_slots[1]["start"]
            assert "✅" in booked.replies[0] and rt.config.business.address in booked.replies[0]

            async def side_effects_done() -> bool:
                appointments = await rt.store.appointments.for_conversation(f"twilio:{PHONE}")
                return bool(appointments and appointments[0].hubspot_deal_id and calendar.events(CALENDAR))

            for _ in range(400):
                if await side_effects_done():
                    break
                clock.advance(1)
                await anyio.sleep(0.005)
            assert await side_effects_done()
            assert len(hubspot.contacts) == 1 and len(hubspot.deals) == 1
            assert len(calendar.events(CALENDAR)) == 1
            event = next(iter(calendar.events(CALENDAR).values()))
            appointment = (await rt.store.appointments.for_conversation(f"twilio:{PHONE}"))[0]
            assert appointment.calendar_event_id == event["id"]
            assert event["start"]["timeZone"] == "Europe/Amsterdam"
            assert "Golf" in event["summary"]
            assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 2)
            assert await arrived(chatwoot, lambda: len(chatwoot.messages) >= 4)
            assert len(chatwoot.conversations) == 1


async def test_unreadable_calendar_gets_a_polite_answer_and_alerts_a_human(tmp_path, fake_twilio):
    """freeBusy errors: no invented times, an apology to the customer, a private note for staff."""
    with FakeHubSpot() as hubspot, FakeGoogleCalendar() as calendar, FakeChatwoot() as chatwoot:
        calendar.errors[CALENDAR] = [{"domain": "global", "reason": "notFound"}]
        async with running(_config(tmp_path, fake_twilio, hubspot, calendar, chatwoot)) as (rt, _):
            out = await converse(rt, PHONE, "Jan", "kan ik zaterdag een proefrit maken met de golf?")
            assert not out.offered_slots and not out.appointment
            assert out.replies and ":00" not in out.replies[0]  # no invented times
            assert await arrived(chatwoot, lambda: any(m.get("private") for m in chatwoot.messages))


async def test_calendar_5xx_is_treated_like_an_outage(tmp_path, fake_twilio):
    """A 503 from freeBusy: the customer is told politely; nothing is booked."""
    with FakeGoogleCalendar() as calendar:
        from tests.fakes.google_calendar import google_error

        calendar.script("POST", r"/calendar/v3/freeBusy$", *([google_error(503, "backendError", "Backend Error")] * 5))
        config = make_config(tmp_path, fake_twilio, google_calendar={"calendar_id": CALENDAR,
                                                                     "base_url": calendar.base_url})
        async with running(config) as (rt, _):
            out = await converse(rt, PHONE, "Jan", "ik wil een proefrit maken met de golf")
            assert not out.offered_slots and ":00" not in out.replies[0]
            assert rt.metrics.value("seldenrijk_integration_errors_total", service="calendar", kind="busy") >= 1


def test_chat_finishes_the_booking_side_effects_before_it_exits(tmp_path):
    """`seldenrijk chat` with HubSpot and Google configured: when it returns, the event and deal exist."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    with FakeHubSpot() as hubspot, FakeGoogleCalendar() as calendar:
        config = tmp_path / "c.toml"
        config.write_text(
            f'[store]\npath = "{tmp_path / "s.db"}"\n[logging]\nlevel = "warning"\n'
            f'[hubspot]\naccess_token = "pat-eu1-test"\nbase_url = "{hubspot.base_url}"\n'
            f'[google_calendar]\ncalendar_id = "{CALENDAR}"\nbase_url = "{calendar.base_url}"\n')
        result = subprocess.run(
            [sys.executable, "-m", "daemon", "chat", "--config", str(config), "--from", PHONE, "--name", "Jan de Vries",
             "--json"], input="ik wil een proefrit maken met de golf\n1\n", capture_output=True, text=True,
            timeout=120, cwd=Path(__file__).resolve().parents[1])
        assert result.returncode == 0, result.stderr
        lines = [json.loads(line) for line in result.stdout.splitlines()]
        assert lines[-1]["appointment"]
        assert len(calendar.events(CALENDAR)) == 1
        assert len(hubspot.deals) == 1 and len(hubspot.contacts) == 1
        assert lines[-1]["appointment"]["calendar_event_id"] == next(iter(calendar.events(CALENDAR)))
