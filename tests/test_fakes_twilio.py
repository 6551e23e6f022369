"""FakeTwilio and FakeWaha driven by real clients over loopback HTTP."""

from __future__ import annotations

import json
import urllib.request

import pytest
from twilio.base.exceptions import TwilioRestException
from twilio.http.async_http_client import AsyncTwilioHttpClient
from twilio.rest import Client

from tests.fakes.twilio import FakeTwilio, invalid_to, too_many_requests
from tests.fakes.waha import FakeWaha

CUSTOMER = "whatsapp:+31612345678"
SENDER = "whatsapp:+14155238886"

# twilio 9.13's AsyncTwilioHttpClient passes aiohttp.BasicAuth as `auth=`, both deprecated in aiohttp 3.14.
pytestmark = [
    pytest.mark.filterwarnings("ignore:BasicAuth is deprecated:DeprecationWarning"),
    pytest.mark.filterwarnings("ignore:The 'auth' parameter is deprecated:DeprecationWarning"),
]


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.fixture
def twilio_fake():
    with FakeTwilio() as fake:
        yield fake


async def _send(fake: FakeTwilio, *, token: str | None = None, **kwargs):
    http = AsyncTwilioHttpClient()
    try:
        client = Client(fake.account_sid, token or fake.auth_token, http_client=http)
        client.api.base_url = fake.base_url
        return await client.messages.create_async(**kwargs)
    finally:
        await http.close()


@pytest.mark.anyio
async def test_sdk_create_is_accepted_and_recorded(twilio_fake):
    """A message created with the real async SDK gets 201 queued and is recorded."""
    message = await _send(twilio_fake, to=CUSTOMER, from_=SENDER, body="Hoi Jan")
    assert message.status == "queued"
    assert message.sid.startswith("SM") and len(message.sid) == 34
    assert message.to == CUSTOMER and message.body == "Hoi Jan"
    assert message.date_created is not None  # RFC 2822, parsed by the SDK
    assert [m["sid"] for m in twilio_fake.sent_to(CUSTOMER)] == [message.sid]
    request = twilio_fake.requests_to("POST", r".*/Messages\.json")[0]
    assert request.form()["Body"] == ["Hoi Jan"]


@pytest.mark.anyio
async def test_scripted_21211_raises_twilio_rest_exception(twilio_fake):
    """A scripted 21211 answer surfaces as TwilioRestException with that code, nothing recorded."""
    twilio_fake.script("POST", r".*/Messages\.json", invalid_to("+3100"))
    with pytest.raises(TwilioRestException) as info:
        await _send(twilio_fake, to="whatsapp:+3100", from_=SENDER, body="Hoi")
    assert info.value.code == 21211 and info.value.status == 400
    assert twilio_fake.sent == []


@pytest.mark.anyio
async def test_wrong_token_gets_20003(twilio_fake):
    """Bad Basic credentials are refused with Twilio's 20003 body."""
    with pytest.raises(TwilioRestException) as info:
        await _send(twilio_fake, token="wrong", to=CUSTOMER, from_=SENDER, body="Hoi")
    assert info.value.status == 401 and info.value.code == 20003


@pytest.mark.anyio
async def test_missing_body_is_rejected_with_21602(twilio_fake):
    """A create without Body, MediaUrl or ContentSid is a 400 with code 21602."""
    with pytest.raises(TwilioRestException) as info:
        await _send(twilio_fake, to=CUSTOMER, from_=SENDER)
    assert info.value.code == 21602


@pytest.mark.anyio
async def test_scripted_429_carries_retry_after_then_next_send_succeeds(twilio_fake):
    """A scripted 20429 is used once; the following create is accepted normally."""
    twilio_fake.script("POST", r".*/Messages\.json", too_many_requests(3))
    with pytest.raises(TwilioRestException) as info:
        await _send(twilio_fake, to=CUSTOMER, from_=SENDER, body="Hoi")
    assert info.value.code == 20429
    await _send(twilio_fake, to=CUSTOMER, from_=SENDER, body="Hoi")
    assert len(twilio_fake.sent) == 1


@pytest.mark.anyio
async def test_list_by_to_returns_newest_first_for_reconciliation(twilio_fake):
    """`GET Messages.json?To=` lists only that recipient's messages, newest first."""
    for text in ("een", "twee"):
        await _send(twilio_fake, to=CUSTOMER, from_=SENDER, body=text)
    await _send(twilio_fake, to="whatsapp:+31699999999", from_=SENDER, body="ander")
    http = AsyncTwilioHttpClient()
    try:
        client = Client(twilio_fake.account_sid, twilio_fake.auth_token, http_client=http)
        client.api.base_url = twilio_fake.base_url
        listed = await client.messages.list_async(to=CUSTOMER, limit=20)
    finally:
        await http.close()
    assert [m.body for m in listed] == ["twee", "een"]


def test_waha_send_text_requires_api_key_and_returns_id():
    """FakeWaha refuses a missing X-Api-Key and answers a message id otherwise."""
    with FakeWaha(api_key="k") as waha:
        payload = json.dumps({"session": "default", "chatId": "31612345678@c.us", "text": "Hoi"}).encode()

        def post(headers):
            req = urllib.request.Request(f"{waha.base_url}/api/sendText", data=payload, method="POST", headers=headers)
            return urllib.request.urlopen(req, timeout=5)

        with pytest.raises(urllib.error.HTTPError) as info:
            post({"Content-Type": "application/json"})
        assert info.value.code == 401
        info.value.close()  # the error carries the open response
        with post({"Content-Type": "application/json", "X-Api-Key": "k"}) as resp:
            answer = json.loads(resp.read())
        assert answer["id"].startswith("true_31612345678@c.us_")
        assert waha.sent[0]["body"] == "Hoi"
