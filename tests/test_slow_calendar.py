"""A slow Google Calendar delays only the conversations that need it (issue 9, item 5, runtime side)."""

from __future__ import annotations

import time

import pytest

from tests.conftest import arrived, inbound_params, make_config, running, sid, signed
from tests.fakes.google_calendar import FakeGoogleCalendar

pytestmark = pytest.mark.anyio

WHATSAPP = "/webhooks/twilio/whatsapp"
CALENDAR = "proefritten@seldenrijk.nl"


async def _post(client, params):
    body, headers = signed(WHATSAPP, params)
    return await client.post(WHATSAPP, data=body, headers=headers)


async def test_slow_calendar_delays_unrelated_conversations(tmp_path, fake_twilio):
    """Test-drive turns wait on a calendar that takes 3 s, more of them than there are processing
    slots; a simple question in another conversation is still answered at once, because a turn
    waiting on an outside service does not hold a slot that other conversations need."""
    with FakeGoogleCalendar() as calendar:
        calendar.freebusy_delay = 3.0
        config = make_config(tmp_path, fake_twilio, limits={"max_active_conversations": 4},
                             google_calendar={"calendar_id": CALENDAR, "base_url": calendar.base_url})
        async with running(config) as (rt, client):
            drivers = [f"+3161234{n:04d}" for n in range(6)]
            for n, phone in enumerate(drivers):
                resp = await _post(client, inbound_params(sid(100 + n), "ik wil een proefrit maken met de golf",
                                                          phone=phone))
                assert resp.status_code == 200
            assert await arrived(calendar, lambda: len(calendar.requests_to("POST", r"/calendar/v3/freeBusy")) >= 1)
            started = time.monotonic()
            assert (await _post(client, inbound_params(sid(200), "wat zijn jullie openingstijden?",
                                                       phone="+31699990000"))).status_code == 200
            assert await arrived(fake_twilio, lambda: any(m["to"] == "whatsapp:+31699990000" for m in fake_twilio.sent))
            waited = time.monotonic() - started
            assert waited < 1.5, f"an unrelated question waited {waited:.1f}s behind the calendar"
            # The test drives are answered too, once the calendar has: one lookup serves the burst.
            assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 7, timeout=30)
            assert len(calendar.requests_to("POST", r"/calendar/v3/freeBusy")) <= 2
