"""The CRM, calendar and Chatwoot actors against fakes that speak each API, under the real SDKs."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import anyio
import pytest

from actors.dialogue.turn import TurnOutput
from actors.messages import Booked
from integrations.clock import ManualClock
from integrations.store.appointments import Appointment
from tests.conftest import arrived, idle, make_config, running, until
from tests.fakes.chatwoot import FakeChatwoot, agent_reply, bot_echo, conversation_status_changed, private_note, sign
from tests.fakes.google_calendar import FakeGoogleCalendar, google_error
from tests.fakes.hubspot import FakeHubSpot, rate_limited

pytestmark = pytest.mark.anyio

PHONE = "+31612345678"
CONV = f"twilio:{PHONE}"
CALENDAR = "dealer@example.com"


@pytest.fixture
def hubspot():
    with FakeHubSpot() as fake:
        yield fake


@pytest.fixture
def calendar():
    with FakeGoogleCalendar() as fake:
        yield fake


@pytest.fixture
def chatwoot():
    with FakeChatwoot() as fake:
        yield fake


def _sections(hubspot=None, calendar=None, chatwoot=None, **extra):
    sections = dict(extra)
    if hubspot is not None:
        sections["hubspot"] = {"access_token": "pat-eu1-test", "base_url": hubspot.base_url, "portal_id": "123"}
    if calendar is not None:
        sections["google_calendar"] = {"calendar_id": CALENDAR, "base_url": calendar.base_url}
    if chatwoot is not None:
        sections["chatwoot"] = {"base_url": chatwoot.base_url, "api_token": "cw-token", "account_id": 1, "inbox_id": 1,
                                "webhook_secret": "cw-secret"}
    return sections



async def _book(rt, appointment_id: str = "appt-1") -> Appointment:
    await rt.store.conversations.ensure(CONV, PHONE, "twilio")
    await rt.store.contacts.ensure(PHONE, "Jan de Vries", PHONE[1:])
    await rt.store.contacts.set_lead(PHONE, 80, "HOT", ("noemt specifieke auto", "wil proefrit"))
    start = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
    appt = Appointment(appointment_id, CONV, PHONE, "S001", "Volkswagen Golf", start.isoformat(),
                       (start + timedelta(hours=1)).isoformat(), "booked", None, None)
    assert await rt.store.appointments.book(appt)
    return appt


class _Msg:
    phone = PHONE
    message_id = "SM-test"


async def test_a_booking_creates_one_contact_one_deal_and_one_calendar_event(tmp_path, hubspot, calendar):
    """The Booked effect → HubSpot contact + deal (association type 3) and a Google event with valid reminders."""
    async with running(make_config(tmp_path, **_sections(hubspot, calendar))) as (rt, _):
        appt = await _book(rt)
        await rt.integrations.after_turn(CONV, _Msg(), TurnOutput(replies=("ok",), effects=(Booked(appt.id),)))

        async def done() -> bool:
            row = await rt.store.appointments.get(appt.id)
            return bool(row.calendar_event_id and row.hubspot_deal_id)

        assert await until(done)
        assert len(hubspot.contacts) == 1
        contact_id, contact = next(iter(hubspot.contacts.items()))
        assert contact["properties"]["phone"] == PHONE
        assert len(hubspot.deals) == 1
        deal_id, deal = next(iter(hubspot.deals.items()))
        assert deal["properties"]["dealstage"] == "appointmentscheduled"
        assert deal["properties"]["seldenrijk_booking_id"] == appt.id
        assert (deal_id, contact_id, 3) in hubspot.associations
        events = calendar.events(CALENDAR)
        assert len(events) == 1
        event = next(iter(events.values()))
        assert event["start"]["timeZone"] == "Europe/Amsterdam"
        assert event["start"]["dateTime"].startswith("2026-12-01T10:00:00")
        assert {o["method"] for o in event["reminders"]["overrides"]} <= {"email", "popup"}
        row = await rt.store.appointments.get(appt.id)
        assert row.calendar_event_id == event["id"]
        assert row.hubspot_deal_id == deal_id


async def test_the_same_booking_retried_after_a_crash_still_creates_one_of_each(tmp_path, hubspot, calendar):
    """Replaying the side effects with the local ids lost (a crash) finds what exists instead of duplicating."""
    config = make_config(tmp_path, **_sections(hubspot, calendar))
    async with running(config) as (rt, _):
        appt = await _book(rt)
        await rt.integrations.after_turn(CONV, _Msg(), TurnOutput(replies=("ok",), effects=(Booked(appt.id),)))

        async def done() -> bool:
            row = await rt.store.appointments.get(appt.id)
            return bool(row.calendar_event_id and row.hubspot_deal_id)

        assert await until(done)
        # The crash: HubSpot and Google got the writes, our store never recorded them.
        await rt.store.main.execute("UPDATE appointments SET hubspot_deal_id = NULL, calendar_event_id = NULL")
        await rt.store.main.execute("UPDATE contacts SET hubspot_id = NULL")
        await rt.store.main.execute("UPDATE tasks SET status = 'pending', next_attempt_at = NULL")
    async with running(config) as (rt, _):
        assert await until(done)
    assert len(hubspot.contacts) == 1
    assert len(hubspot.deals) == 1
    assert len(calendar.events(CALENDAR)) == 1


async def test_hubspot_429_and_search_lag_never_create_a_second_contact(tmp_path):
    """A rate-limited create is retried after its backoff; later syncs use the stored id, not the lagging search."""
    clock = ManualClock()
    with FakeHubSpot(lag_seconds=3600) as hubspot:
        hubspot.script("POST", r"/crm/v3/objects/contacts$", rate_limited(retry_after=2))
        async with running(make_config(tmp_path, **_sections(hubspot)), clock=clock) as (rt, _):
            await rt.store.contacts.ensure(PHONE, "Jan", PHONE[1:])
            for score in (30, 50, 80):
                await rt.store.contacts.set_lead(PHONE, score, "WARM", ())
                await rt.integrations.submit(await rt.integrations.crm.plan_lead(CONV, PHONE))

                async def synced(score=score) -> bool:
                    patches = hubspot.requests_to("PATCH", r"/crm/v3/objects/contacts/.+")
                    return bool(patches) and patches[-1].json()["properties"]["lead_score"] == str(score)

                assert await until(synced, clock, step=1.0)
            assert len(hubspot.contacts) == 1
            assert len(hubspot.requests_to("POST", r"/crm/v3/objects/contacts$")) == 2  # the 429, then the create
            assert rt.metrics.value("seldenrijk_integration_errors_total", service="crm", kind="transient") == 1


async def test_unreadable_calendar_is_an_error_not_all_free(tmp_path, calendar):
    """freeBusy `errors` for our calendar comes back as an error reply (and a metric), never as free time."""
    calendar.errors[CALENDAR] = [{"domain": "global", "reason": "notFound"}]
    async with running(make_config(tmp_path, **_sections(calendar=calendar))) as (rt, _):
        now = datetime(2026, 12, 1, 8, 0, tzinfo=timezone.utc)
        reply = await rt.integrations.calendar.busy(now, now + timedelta(days=14))
        assert reply.error and not reply.busy
        assert rt.metrics.value("seldenrijk_integration_errors_total", service="calendar", kind="busy") == 1


async def test_calendar_5xx_on_insert_is_retried_and_a_permanent_error_alerts_a_human(tmp_path, calendar, chatwoot):
    """A 503 is retried until the event exists; a 400 fails the task and leaves a private note for staff."""
    clock = ManualClock()
    calendar.script("POST", r"/calendar/v3/calendars/.+/events$", google_error(503, "backendError", "Backend Error"))
    async with running(make_config(tmp_path, **_sections(calendar=calendar, chatwoot=chatwoot)), clock=clock) as (rt, _):
        appt = await _book(rt, "appt-retry")
        await rt.integrations.submit(rt.integrations.calendar.plan_event(CONV, appt.id))

        async def created() -> bool:
            return bool((await rt.store.appointments.get(appt.id)).calendar_event_id)

        assert await until(created, clock, step=1.0)
        assert len(calendar.events(CALENDAR)) == 1

        calendar.script("POST", r"/calendar/v3/calendars/.+/events$", google_error(400, "invalid", "Bad Request"))
        broken = await _book(rt, "appt-broken")
        await rt.integrations.submit(rt.integrations.calendar.plan_event(CONV, broken.id))

        def noted() -> bool:
            return any(m.get("private") and "Agenda" in m.get("content", "") for m in chatwoot.messages)

        assert await arrived(chatwoot, noted)


async def _not(predicate) -> bool:
    return not await predicate()


async def _chatwoot_webhook(client, payload, secret="cw-secret", *, timestamp=None, tamper=False, delivery=None):
    raw = json.dumps(payload).encode()
    headers = sign(secret, timestamp if timestamp is not None else int(datetime.now(timezone.utc).timestamp()), raw,
                   delivery)
    if tamper:
        raw = raw.replace(b"Sanne", b"Hacker")
    headers["Content-Type"] = "application/json"
    return await client.post("/webhooks/chatwoot", data=raw, headers=headers)


async def test_agent_reply_goes_to_whatsapp_once_and_notes_and_echoes_never(tmp_path, fake_twilio, chatwoot):
    """Only a human's outgoing, non-private message is sent; redelivery, private notes and echoes are not."""
    config = make_config(tmp_path, fake_twilio, **_sections(chatwoot=chatwoot))
    async with running(config) as (rt, client):
        # The customer wrote a moment ago: the agent answers inside WhatsApp's 24-hour window.
        await rt.store.conversations.begin_turn(CONV, PHONE, "twilio", "Jan", PHONE[1:], rt.clock.iso())
        await rt.store.conversations.set_chatwoot(CONV, 7)
        reply = agent_reply("Hoi Jan, ik bel je zo even!", message_id=5001)
        for _ in range(2):
            resp = await _chatwoot_webhook(client, reply, delivery="d-1")
            assert resp.status_code == 200
        assert (await _chatwoot_webhook(client, reply)).status_code == 200  # same message, new delivery id
        assert (await _chatwoot_webhook(client, private_note("interne notitie", message_id=5002))).status_code == 200
        assert (await _chatwoot_webhook(client, bot_echo("bot antwoord", message_id=5003))).status_code == 200
        ours = agent_reply("gespiegeld antwoord", message_id=5004)
        ours["content_attributes"] = {"seldenrijk_ref": "out:1"}
        assert (await _chatwoot_webhook(client, ours)).status_code == 200
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 1)
        await idle(rt)
        assert [m["body"] for m in fake_twilio.sent] == ["Hoi Jan, ik bel je zo even!"]
        assert (await rt.store.conversations.get(CONV)).handoff


async def test_chatwoot_webhook_with_a_bad_signature_is_403(tmp_path, chatwoot):
    """A tampered body, a wrong secret or a stale timestamp is refused with a reason."""
    async with running(make_config(tmp_path, **_sections(chatwoot=chatwoot))) as (rt, client):
        for kwargs in ({"tamper": True}, {"secret": "wrong"}, {"timestamp": 1_000_000}):
            resp = await _chatwoot_webhook(client, agent_reply("hoi"), **kwargs)
            assert resp.status_code == 403
            assert "X-Chatwoot-Signature" in await resp.get_data(as_text=True)


async def test_chatwoot_token_auth_when_no_secret_is_configured(tmp_path, chatwoot):
    """Older Chatwoot without signing: the `?token=` on the URL must match."""
    sections = _sections(chatwoot=chatwoot)
    sections["chatwoot"].update(webhook_secret="", webhook_token="t0ken")
    async with running(make_config(tmp_path, **sections)) as (rt, client):
        payload = json.dumps(conversation_status_changed("resolved")).encode()
        headers = {"Content-Type": "application/json"}
        assert (await client.post("/webhooks/chatwoot?token=nope", data=payload, headers=headers)).status_code == 403
        assert (await client.post("/webhooks/chatwoot?token=t0ken", data=payload, headers=headers)).status_code == 200


async def test_resolving_in_chatwoot_gives_the_conversation_back_to_the_bot(tmp_path, chatwoot):
    """Status open → the bot is silent; resolved → the bot answers again."""
    async with running(make_config(tmp_path, **_sections(chatwoot=chatwoot))) as (rt, client):
        await rt.store.conversations.ensure(CONV, PHONE, "twilio")
        await rt.store.conversations.set_chatwoot(CONV, 7)
        assert (await _chatwoot_webhook(client, conversation_status_changed("open"))).status_code == 200

        async def handoff() -> bool:
            return bool((await rt.store.conversations.get(CONV)).handoff)

        assert await until(handoff)  # applied by the conversation actor, in order with the messages
        assert (await _chatwoot_webhook(client, conversation_status_changed("resolved"))).status_code == 200
        assert await until(lambda: _not(handoff))


async def test_messages_are_mirrored_and_a_handoff_opens_the_conversation(tmp_path, chatwoot):
    """Customer and bot messages land in one Chatwoot conversation; a handoff opens it with a private note."""
    async with running(make_config(tmp_path, **_sections(chatwoot=chatwoot))) as (rt, client):
        await rt.store.conversations.ensure(CONV, PHONE, "twilio")
        await rt.store.contacts.ensure(PHONE, "Jan de Vries", PHONE[1:])
        await rt.chatwoot_mirror(CONV, PHONE, "incoming", "Hallo", ref="in:SM1", name="Jan de Vries")
        await rt.chatwoot_mirror(CONV, PHONE, "outgoing", "Hoi Jan!", ref="out:1")
        await rt.integrations.handoff(CONV, PHONE, "human", "klant wil een medewerker")
        assert await arrived(chatwoot, lambda: len(chatwoot.messages) == 3)
        assert len(chatwoot.contacts) == 1
        assert len(chatwoot.conversations) == 1
        conversation = chatwoot.conversations[0]
        assert conversation["status"] == "open"
        kinds = [(m["message_type"], m["private"]) for m in chatwoot.messages]
        assert kinds[:2] == [(0, False), (1, False)]  # Chatwoot stores incoming = 0, outgoing = 1
        assert kinds[2][1] is True
        attrs = chatwoot.contacts[0]["custom_attributes"]
        assert attrs["whatsapp_id"] == PHONE and attrs["whatsapp_provider"] == "twilio"


async def test_a_new_lead_reaches_hubspot_at_once_and_updates_are_debounced(tmp_path, hubspot):
    """The first message creates the contact right away; a burst of later changes becomes one PATCH."""
    from daemon.chat import converse

    clock = ManualClock()
    async with running(make_config(tmp_path, **_sections(hubspot)), clock=clock) as (rt, _):
        await converse(rt, PHONE, "Jan de Vries", "Hallo, ik zoek een golf")
        assert await arrived(hubspot, lambda: len(hubspot.contacts) == 1
                             and len(hubspot.requests_to("PATCH", r"/crm/v3/objects/contacts/.+")) == 1)
        first_patches = 1
        for text in ("tot 15k", "het moet snel, mijn auto is total loss"):
            await converse(rt, PHONE, "Jan de Vries", text)
        await idle(rt)
        assert len(hubspot.requests_to("PATCH", r"/crm/v3/objects/contacts/.+")) == first_patches

        def patched_once_more() -> bool:
            return len(hubspot.requests_to("PATCH", r"/crm/v3/objects/contacts/.+")) == first_patches + 1

        for _ in range(3):
            clock.advance(5)
            await anyio.wait_all_tasks_blocked()
        assert await arrived(hubspot, patched_once_more)
        patch = hubspot.requests_to("PATCH", r"/crm/v3/objects/contacts/.+")[-1].json()
        assert patch["properties"]["lead_status"] == "HOT"
        assert len(hubspot.contacts) == 1


async def test_an_event_is_not_created_for_a_drive_cancelled_while_its_task_waited(tmp_path, calendar):
    """A cal_event task that runs after the appointment was cancelled creates nothing."""
    async with running(make_config(tmp_path, **_sections(calendar=calendar))) as (rt, _):
        appt = await _book(rt, "appt-off")
        await rt.store.appointments.update(appt.id, status="cancelled")
        await rt.integrations.submit(rt.integrations.calendar.plan_event(CONV, appt.id))

        async def settled() -> bool:
            return await rt.store.tasks.pending("cal_event") == []

        assert await until(settled)
        assert calendar.events(CALENDAR) == {}
