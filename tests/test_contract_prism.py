"""Contract tests: our clients and fakes checked against the providers' published specs.

Prism validates both directions (what the client sends, what the fake answers) against the
OpenAPI documents in ../shared/specs; the calendar test compares the discovery document the
SDK ships with the shared copy.
"""

from __future__ import annotations

import json

import pytest
from twilio.base.exceptions import TwilioRestException
from twilio.http.async_http_client import AsyncTwilioHttpClient
from twilio.rest import Client

from daemon.config import ChatwootConfig
from integrations.chatwoot import ChatwootClient
from tests.fakes.chatwoot import FakeChatwoot
from tests.fakes.twilio import FakeTwilio, invalid_to
from tests.prism import SPECS, prism_proxy, skip_reason

CHATWOOT_SPEC = SPECS / "chatwoot_swagger.json"
TWILIO_SPEC = SPECS / "twilio_api_v2010.json"
CALENDAR_SPEC = SPECS / "calendar.v3.json"

pytestmark = [
    # twilio 9.13's AsyncTwilioHttpClient passes aiohttp.BasicAuth as `auth=`, both deprecated in aiohttp 3.14.
    pytest.mark.filterwarnings("ignore:BasicAuth is deprecated:DeprecationWarning"),
    pytest.mark.filterwarnings("ignore:The 'auth' parameter is deprecated:DeprecationWarning"),
]


@pytest.fixture
def anyio_backend():
    return "asyncio"


def _derived_chatwoot_spec(directory) -> str:
    """The Chatwoot spec with two known defects corrected, written to a temp dir.

    The swagger documents `POST /contacts` → `extended_contact` (a `payload` *array*), but
    Chatwoot's create.json.jbuilder renders `{"payload": {"contact": …, "contact_inbox": …}}`,
    which is what the client parses and the fake answers; and it documents `PUT /contacts/{id}`
    as 204, where the controller renders update.json.jbuilder with 200 `{"payload": contact}`.
    Everything else is checked as published.
    """
    spec = json.loads(CHATWOOT_SPEC.read_text())
    post = spec["paths"]["/api/v1/accounts/{account_id}/contacts"]["post"]
    post["responses"]["200"]["content"]["application/json"]["schema"] = {
        "type": "object",
        "required": ["payload"],
        "properties": {
            "payload": {
                "type": "object",
                "required": ["contact", "contact_inbox"],
                "properties": {
                    "contact": {"$ref": "#/components/schemas/contact_list_item"},
                    "contact_inbox": {"$ref": "#/components/schemas/contact_inbox"},
                },
            }
        },
    }
    put = spec["paths"]["/api/v1/accounts/{account_id}/contacts/{id}"]["put"]
    put["responses"]["200"] = {
        "description": "Success",
        "content": {
            "application/json": {
                "schema": {"type": "object", "required": ["payload"], "properties": {"payload": {"$ref": "#/components/schemas/contact_list_item"}}}
            }
        },
    }
    path = directory / "chatwoot_swagger.derived.json"
    path.write_text(json.dumps(spec))
    return path


@pytest.mark.anyio
@pytest.mark.skipif(bool(skip_reason(CHATWOOT_SPEC)), reason=skip_reason(CHATWOOT_SPEC) or "")
async def test_chatwoot_client_and_fake_satisfy_the_chatwoot_spec(tmp_path):
    """Every call ChatwootClient makes, and every FakeChatwoot answer, passes Prism's validation."""
    with FakeChatwoot(account_id=1, inbox_id=2, api_token="tok") as fake, prism_proxy(
        _derived_chatwoot_spec(tmp_path), fake.base_url, tmp_path
    ) as prism:
        client = ChatwootClient(ChatwootConfig(base_url=prism.base_url, api_token="tok", account_id=1, inbox_id=2, timeout_seconds=10))
        try:
            assert await client.find_contact("+31612345678") is None
            contact_id, source_id = await client.create_contact(
                name="Jan de Vries", phone_e164="+31612345678", identifier="whatsapp:31612345678", custom_attributes={"lead_score": 40}
            )
            assert (await client.find_contact("+31612345678"))["id"] == contact_id
            await client.update_contact(contact_id, custom_attributes={"lead_status": "WARM"})
            conversation_id = await client.create_conversation(source_id=source_id, contact_id=contact_id)
            await client.post_message(conversation_id, "Hoi, is de Golf er nog?", message_type="incoming")
            await client.post_message(conversation_id, "Ja! Wanneer wilt u komen?", message_type="outgoing")
            await client.post_message(conversation_id, "Lead WARM", message_type="outgoing", private=True)
            await client.toggle_status(conversation_id, "open")
        finally:
            await client.aclose()
        log = prism.output()
    assert fake.conversations[0]["status"] == "open" and len(fake.messages) == 3
    assert "violation" not in log.lower(), log


async def _send_via(base_url: str, fake: FakeTwilio, **kwargs):
    http = AsyncTwilioHttpClient()
    try:
        client = Client(fake.account_sid, fake.auth_token, http_client=http)
        client.api.base_url = base_url
        return await client.messages.create_async(**kwargs)
    finally:
        await http.close()


@pytest.mark.anyio
@pytest.mark.skipif(bool(skip_reason(TWILIO_SPEC)), reason=skip_reason(TWILIO_SPEC) or "")
async def test_twilio_sdk_and_fake_satisfy_the_twilio_spec(tmp_path):
    """A WhatsApp send through Prism validates both ways; a 21211 error passes through unchanged."""
    with FakeTwilio() as fake, prism_proxy(TWILIO_SPEC, fake.base_url, tmp_path) as prism:
        message = await _send_via(
            prism.base_url, fake, to="whatsapp:+31612345678", from_="whatsapp:+14155238886", body="Hoi Jan, de Golf staat klaar."
        )
        success_log = prism.output()
        fake.script("POST", r".*/Messages\.json", invalid_to("whatsapp:+3100"))
        with pytest.raises(TwilioRestException) as info:
            await _send_via(prism.base_url, fake, to="whatsapp:+3100", from_="whatsapp:+14155238886", body="Hoi")
        error_log = prism.output()[len(success_log) :]
    assert message.status == "queued" and fake.sent[0]["sid"] == message.sid
    assert "violation" not in success_log.lower(), success_log
    assert info.value.code == 21211
    # The spec models only 201, so Prism can only warn that a 400 is undocumented.
    violations = [line for line in error_log.splitlines() if "Violation" in line]
    assert violations and all("Unable to match the returned status code" in v for v in violations), error_log


@pytest.mark.anyio
@pytest.mark.skipif(bool(skip_reason(TWILIO_SPEC)), reason=skip_reason(TWILIO_SPEC) or "")
async def test_bsuid_addressing_and_a_list_picker_send_satisfy_the_twilio_spec(tmp_path):
    """`To=whatsapp:<BSUID>` and a ContentSid + ContentVariables send (how a list picker goes out)
    validate against the Messages API spec both ways. (The Content API and typing indicator live in
    other Twilio specs, not kept in ../shared/specs: the fake checks their documented limits.)"""
    variables = json.dumps({"1": "Welke past je?", "2": "Vandaag 16:00", "3": "v1:slot:7:1", "4": "za 28 nov 16:00–17:00"})
    with FakeTwilio() as fake, prism_proxy(TWILIO_SPEC, fake.base_url, tmp_path) as prism:
        message = await _send_via(prism.base_url, fake, to="whatsapp:NL.1502345678901234", from_="whatsapp:+14155238886",
                                  content_sid="HX" + "a" * 32, content_variables=variables)
        log = prism.output()
    assert message.sid == fake.sent[0]["sid"] and fake.sent[0]["to"] == "whatsapp:NL.1502345678901234"
    assert "violation" not in log.lower(), log


@pytest.mark.skipif(not CALENDAR_SPEC.is_file(), reason=f"shared spec not found: {CALENDAR_SPEC}")
def test_packaged_calendar_discovery_matches_shared_spec_and_fake_paths():
    """The SDK's offline calendar.v3 document is the shared one, and its paths reach the fake."""
    from google.api_core.client_options import ClientOptions
    from google.auth.credentials import AnonymousCredentials
    from googleapiclient.discovery import build
    from googleapiclient.discovery_cache import get_static_doc

    from tests.fakes.google_calendar import FakeGoogleCalendar

    packaged = json.loads(get_static_doc("calendar", "v3"))
    shared = json.loads(CALENDAR_SPEC.read_text())
    assert packaged["revision"] == shared["revision"]
    for resource, method in (("events", "insert"), ("freebusy", "query"), ("events", "get"), ("events", "patch"), ("events", "delete")):
        ours, theirs = packaged["resources"][resource]["methods"][method], shared["resources"][resource]["methods"][method]
        assert (ours["httpMethod"], ours["path"]) == (theirs["httpMethod"], theirs["path"])
    assert shared["schemas"]["EventReminder"]["properties"]["method"]["description"].count("popup")

    with FakeGoogleCalendar() as fake:
        service = build(
            "calendar",
            "v3",
            credentials=AnonymousCredentials(),
            static_discovery=True,
            cache_discovery=False,
            client_options=ClientOptions(api_endpoint=f"{fake.base_url}/calendar/v3/"),
        )
        service.freebusy().query(body={"timeMin": "2026-12-01T08:00:00Z", "timeMax": "2026-12-01T18:00:00Z",
                                       "items": [{"id": "cal@example.com"}]}).execute()
        service.events().insert(
            calendarId="cal@example.com",
            body={"id": "abcdef0123", "start": {"dateTime": "2026-12-01T10:00:00", "timeZone": "Europe/Amsterdam"},
                  "end": {"dateTime": "2026-12-01T11:00:00", "timeZone": "Europe/Amsterdam"}},
        ).execute()
        service.close()
        paths = [(r.method, r.path) for r in fake.requests]
    assert paths == [("POST", "/calendar/v3/freeBusy"), ("POST", "/calendar/v3/calendars/cal%40example.com/events")]
