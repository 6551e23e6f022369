"""HubSpotClient (real hubspot-api-client over HTTP) against FakeHubSpot, and its pacing."""

from __future__ import annotations

import anyio
import pytest

from daemon.config import HubSpotConfig
from integrations.hubspot import HubSpotClient, HubSpotError, Pacer
from tests.fakes.http import Response
from tests.fakes.hubspot import FakeHubSpot, rate_limited

PHONE = "+31612345678"


@pytest.fixture
def anyio_backend():
    return "asyncio"


class FakeClock:
    """Time stands still until someone sleeps; sleeps are recorded and advance it."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        await anyio.lowlevel.checkpoint()


@pytest.fixture
def fake():
    with FakeHubSpot(access_token="pat-test") as server:
        yield server


def _client(fake: FakeHubSpot, **kw) -> HubSpotClient:
    config = HubSpotConfig(access_token=kw.pop("token", "pat-test"), base_url=fake.base_url, portal_id="12345", timeout_seconds=2)
    return HubSpotClient(config, **kw)


@pytest.fixture
async def client(fake):
    c = _client(fake)
    yield c
    await c.aclose()


@pytest.mark.anyio
async def test_ensure_properties_creates_missing_ones_once(fake, client):
    """Custom properties are created with POST /crm/v3/properties/{type}; a second run creates nothing."""
    await client.ensure_properties()
    assert {"lead_score", "lead_status", "lead_reasons", "whatsapp_id"} <= fake.property_names("contacts")
    assert "seldenrijk_booking_id" in fake.property_names("deals")
    created = len(fake.requests_to("POST", r"/crm/v3/properties/.*"))
    await client.ensure_properties()
    assert len(fake.requests_to("POST", r"/crm/v3/properties/.*")) == created == 5
    status = next(r.json() for r in fake.requests_to("POST", r"/crm/v3/properties/contacts") if r.json()["name"] == "lead_status")
    assert [o["value"] for o in status["options"]] == ["HOT", "WARM", "COLD"] and status["type"] == "enumeration"


@pytest.mark.anyio
async def test_create_find_and_patch_contact(fake, client):
    """A created contact is found by phone (three OR'ed groups) and updated with PATCH."""
    await client.ensure_properties()
    assert await client.find_contact(PHONE) is None
    contact_id = await client.create_contact(PHONE, "Jan de Vries", {"lead_score": "40"})
    stored = fake.contacts[contact_id]["properties"]
    assert (stored["firstname"], stored["lastname"], stored["phone"], stored["hs_whatsapp_phone_number"]) == ("Jan", "de Vries", PHONE, PHONE)
    assert await client.find_contact(PHONE) == contact_id
    search = fake.requests_to("POST", r"/crm/v3/objects/contacts/search")[-1].json()
    assert [g["filters"][0]["propertyName"] for g in search["filterGroups"]] == ["hs_whatsapp_phone_number", "phone", "mobilephone"]
    assert search["limit"] == 1
    await client.update_contact(contact_id, {"lead_status": "HOT", "lead_score": "85"})
    assert fake.requests[-1].method == "PATCH"
    assert fake.contacts[contact_id]["properties"]["lead_status"] == "HOT"
    assert fake.requests[0].header("authorization") == "Bearer pat-test"


@pytest.mark.anyio
async def test_new_contact_is_invisible_to_search_during_index_lag(fake, client):
    """Like HubSpot's search index, a just-created contact is not found until the lag has passed."""
    fake.lag_seconds = 30
    await client.create_contact(PHONE, None, {})
    assert await client.find_contact(PHONE) is None


@pytest.mark.anyio
async def test_unknown_property_is_a_permanent_error_with_body(fake, client):
    """Writing a property HubSpot doesn't know fails with 400 VALIDATION_ERROR, not retried."""
    with pytest.raises(HubSpotError) as info:
        await client.create_contact(PHONE, "Jan", {"lead_score": "40"})
    assert info.value.status == 400 and info.value.transient is False
    assert info.value.body["category"] == "VALIDATION_ERROR" and "PROPERTY_DOESNT_EXIST" in info.value.body["message"]
    assert fake.contacts == {}


@pytest.mark.anyio
async def test_429_is_transient_with_retry_after_and_body(fake, client):
    """A 429 becomes a transient HubSpotError with Retry-After (or the policy's window) and the body."""
    fake.script("POST", r"/crm/v3/objects/contacts/search", rate_limited(retry_after=2), rate_limited("SECONDLY"))
    with pytest.raises(HubSpotError) as first:
        await client.find_contact(PHONE)
    assert (first.value.status, first.value.transient, first.value.retry_after) == (429, True, 2.0)
    assert first.value.body["policyName"] == "TEN_SECONDLY_ROLLING" and first.value.body["errorType"] == "RATE_LIMIT"
    with pytest.raises(HubSpotError) as second:
        await client.find_contact(PHONE)
    assert second.value.retry_after == 1.0


@pytest.mark.anyio
async def test_server_error_is_transient_and_post_is_sent_once(fake, client):
    """A 502 on create is transient and the SDK does not resend the POST by itself."""
    fake.script("POST", r"/crm/v3/objects/contacts", Response(502, body=b"Bad Gateway"))
    with pytest.raises(HubSpotError) as info:
        await client.create_contact(PHONE, "Jan", {})
    assert info.value.status == 502 and info.value.transient and info.value.body == "Bad Gateway"
    assert len(fake.requests_to("POST", r"/crm/v3/objects/contacts")) == 1


@pytest.mark.anyio
async def test_timeout_is_transient_and_not_retried(fake):
    """A create slower than timeout_seconds is a transient error after exactly one request."""
    fake.script("POST", r"/crm/v3/objects/contacts", Response(201, json={}, delay=1.5))
    c = HubSpotClient(HubSpotConfig(access_token="pat-test", base_url=fake.base_url, timeout_seconds=0.3))
    try:
        with pytest.raises(HubSpotError) as info:
            await c.create_contact(PHONE, "Jan", {})
    finally:
        await c.aclose()
    assert info.value.transient and info.value.status == 0
    assert len(fake.requests_to("POST", r"/crm/v3/objects/contacts")) == 1


@pytest.mark.anyio
async def test_bad_token_is_permanent_401(fake):
    """A wrong token gives HubSpot's INVALID_AUTHENTICATION body as a permanent error."""
    c = _client(fake, token="wrong")
    try:
        with pytest.raises(HubSpotError) as info:
            await c.find_contact(PHONE)
    finally:
        await c.aclose()
    assert info.value.status == 401 and not info.value.transient
    assert info.value.body["category"] == "INVALID_AUTHENTICATION"


@pytest.mark.anyio
async def test_deal_is_created_with_deal_to_contact_association_and_found_by_booking(fake, client):
    """create_deal sends association type 3 to the contact; find_deal finds it by booking id."""
    await client.ensure_properties()
    contact_id = await client.create_contact(PHONE, "Jan", {})
    assert await client.find_deal("bk-1") is None
    deal_id = await client.create_deal(contact_id, name="Proefrit VW Golf – Jan", booking_id="bk-1", pipeline="default",
                                       stage="appointmentscheduled", amount=24950)
    assert fake.associations == [(deal_id, contact_id, 3)]
    props = fake.deals[deal_id]["properties"]
    assert (props["dealstage"], props["pipeline"], props["amount"], props["seldenrijk_booking_id"]) == (
        "appointmentscheduled", "default", "24950", "bk-1")
    sent = fake.requests_to("POST", r"/crm/v3/objects/deals")[0].json()
    assert sent["associations"] == [{"to": {"id": contact_id}, "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 3}]}]
    assert await client.find_deal("bk-1") == deal_id


@pytest.mark.anyio
async def test_fifth_search_within_one_second_waits(fake):
    """Four searches go at once; the fifth waits until the first leaves the one-second window."""
    clock = FakeClock()
    c = _client(fake, clock=clock)
    try:
        for _ in range(4):
            await c.find_contact(PHONE)
        assert clock.sleeps == []
        await c.find_contact(PHONE)
    finally:
        await c.aclose()
    assert clock.sleeps == [pytest.approx(1.0)]
    assert len(fake.requests_to("POST", r"/crm/v3/objects/contacts/search")) == 5


@pytest.mark.anyio
async def test_general_pacer_allows_100_per_rolling_ten_seconds():
    """The 101st request waits for the oldest to age out; no burst on top of a full window."""
    clock = FakeClock()
    pacer = Pacer(100, 10.0, clock)
    for _ in range(100):
        clock.now += 0.05  # 100 requests spread over 5 s
        await pacer.acquire()
    await pacer.acquire()
    assert clock.sleeps == [pytest.approx(5.05)]


def test_contact_url_needs_portal_id():
    """The HubSpot UI link is built only when portal_id is configured."""
    with_portal = HubSpotClient(HubSpotConfig(access_token="t", portal_id="999"))
    assert with_portal.contact_url("42") == "https://app.hubspot.com/contacts/999/contact/42"
    assert HubSpotClient(HubSpotConfig(access_token="t")).contact_url("42") is None


def test_fake_refuses_put_on_contacts_and_lists_default_pipeline(fake):
    """The fake answers PUT on a contact with 405 and serves the default deal pipeline."""
    import json
    import urllib.request

    def call(method: str, path: str, body: dict | None = None):
        req = urllib.request.Request(
            fake.base_url + path,
            data=json.dumps(body).encode() if body is not None else None,
            method=method,
            headers={"Authorization": "Bearer pat-test", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(req, timeout=5) as resp:
                return resp.status, json.loads(resp.read())
        except urllib.error.HTTPError as err:
            return err.code, json.loads(err.read())

    status, created = call("POST", "/crm/v3/objects/contacts", {"properties": {"phone": PHONE}})
    assert status == 201
    assert call("PUT", f"/crm/v3/objects/contacts/{created['id']}", {"properties": {}})[0] == 405
    status, pipelines = call("GET", "/crm/v3/pipelines/deals")
    assert status == 200 and pipelines["results"][0]["id"] == "default"
    assert "appointmentscheduled" in [s["id"] for s in pipelines["results"][0]["stages"]]
