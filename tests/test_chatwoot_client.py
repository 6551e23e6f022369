"""ChatwootClient against FakeChatwoot over loopback HTTP, and webhook signature checks."""

from __future__ import annotations

import json

import pytest

from daemon.config import ChatwootConfig
from integrations.chatwoot import ChatwootClient, ChatwootError, verify_signature
from tests.fakes.chatwoot import FakeChatwoot, agent_reply, bot_echo, conversation_status_changed, incoming, private_note, sign
from tests.fakes.http import Response

PHONE = "+31612345678"


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.fixture
def fake():
    with FakeChatwoot(account_id=3, inbox_id=5, api_token="tok") as server:
        yield server


def _config(fake: FakeChatwoot, **overrides) -> ChatwootConfig:
    values = {"base_url": fake.base_url, "api_token": "tok", "account_id": 3, "inbox_id": 5, "timeout_seconds": 2.0}
    return ChatwootConfig(**(values | overrides))


@pytest.fixture
async def client(fake):
    c = ChatwootClient(_config(fake))
    yield c
    await c.aclose()


@pytest.mark.anyio
async def test_contact_conversation_message_and_handoff_flow(fake, client):
    """A contact is created in the inbox, gets a pending conversation, messages, and is handed over."""
    assert await client.find_contact(PHONE) is None
    contact_id, source_id = await client.create_contact(
        name="Jan de Vries", phone_e164=PHONE, identifier="whatsapp:31612345678", custom_attributes={"lead_score": 10}
    )
    found = await client.find_contact(PHONE)
    assert found is not None and found["id"] == contact_id
    conversation_id = await client.create_conversation(source_id=source_id, contact_id=contact_id)
    assert fake.conversations[0]["status"] == "pending"
    incoming_id = await client.post_message(conversation_id, "Is de Golf nog beschikbaar?", message_type="incoming")
    note_id = await client.post_message(conversation_id, "Lead HOT (85)", message_type="outgoing", private=True)
    await client.toggle_status(conversation_id, "open")
    assert fake.conversations[0]["status"] == "open"
    messages = {m["id"]: m for m in fake.messages}
    assert messages[incoming_id]["message_type"] == 0
    assert messages[note_id]["private"] is True
    assert fake.requests[0].header("api_access_token") == "tok"


@pytest.mark.anyio
async def test_search_query_keeps_the_plus_of_e164(fake, client):
    """The `+` of the number reaches Chatwoot encoded, not as a space."""
    await client.find_contact(PHONE)
    assert fake.requests_to("GET", r".*/contacts/search")[0].query["q"] == [PHONE]


@pytest.mark.anyio
async def test_find_contact_ignores_substring_matches(fake, client):
    """Chatwoot's fuzzy search returning a longer number is not taken as a match."""
    await client.create_contact(name="Ander", phone_e164=PHONE + "9", identifier="x", custom_attributes={})
    assert await client.find_contact(PHONE) is None


@pytest.mark.anyio
async def test_update_contact_merges_custom_attributes(fake, client):
    """PUT contacts/{id} merges the given custom attributes into the stored ones."""
    contact_id, _ = await client.create_contact(name="Jan", phone_e164=PHONE, identifier="i", custom_attributes={"a": 1})
    await client.update_contact(contact_id, custom_attributes={"lead_status": "HOT"})
    assert fake.contacts[0]["custom_attributes"] == {"a": 1, "lead_status": "HOT"}


@pytest.mark.anyio
async def test_bad_token_is_a_permanent_401(fake):
    """A wrong api_access_token gives ChatwootError(status=401, transient=False) with Chatwoot's body."""
    c = ChatwootClient(_config(fake, api_token="wrong"))
    try:
        with pytest.raises(ChatwootError) as info:
            await c.find_contact(PHONE)
    finally:
        await c.aclose()
    assert info.value.status == 401 and info.value.transient is False
    assert "errors" in info.value.body


@pytest.mark.anyio
async def test_unknown_conversation_is_permanent_404(client):
    """Posting into a missing conversation is a permanent error carrying the 404 body."""
    with pytest.raises(ChatwootError) as info:
        await client.post_message(999, "hoi", message_type="outgoing")
    assert info.value.status == 404 and not info.value.transient
    assert info.value.body == {"error": "Resource could not be found"}


@pytest.mark.anyio
async def test_429_and_5xx_are_transient_with_retry_after(fake, client):
    """Rate limiting and server errors are transient; Retry-After is parsed as seconds."""
    fake.script("GET", r".*/contacts/search", Response(429, json={"error": "Throttled"}, headers={"Retry-After": "7"}), Response(503, body=b"down"))
    with pytest.raises(ChatwootError) as first:
        await client.find_contact(PHONE)
    assert (first.value.status, first.value.transient, first.value.retry_after) == (429, True, 7.0)
    with pytest.raises(ChatwootError) as second:
        await client.find_contact(PHONE)
    assert (second.value.status, second.value.transient, second.value.body) == (503, True, "down")


@pytest.mark.anyio
async def test_slow_server_times_out_as_transient(fake):
    """An answer slower than timeout_seconds becomes a transient ChatwootError."""
    fake.script("GET", r".*/contacts/search", Response(200, json={"payload": []}, delay=1.0))
    c = ChatwootClient(_config(fake, timeout_seconds=0.2))
    try:
        with pytest.raises(ChatwootError) as info:
            await c.find_contact(PHONE)
    finally:
        await c.aclose()
    assert info.value.transient and info.value.status == 0


@pytest.mark.anyio
async def test_unreachable_server_is_transient():
    """A refused connection becomes a transient ChatwootError."""
    with FakeChatwoot() as gone:
        url = gone.base_url
    c = ChatwootClient(ChatwootConfig(base_url=url, api_token="t", account_id=1, inbox_id=1, timeout_seconds=2))
    try:
        with pytest.raises(ChatwootError) as info:
            await c.toggle_status(1, "open")
    finally:
        await c.aclose()
    assert info.value.transient


def test_verify_signature_accepts_a_fresh_correct_signature():
    """A signature made by the fake's `sign` helper verifies within the age window."""
    body = json.dumps(agent_reply("Goedemiddag!")).encode()
    headers = sign("s3cret", 1_700_000_000, body)
    assert verify_signature("s3cret", headers["X-Chatwoot-Timestamp"], body, headers["X-Chatwoot-Signature"], now=1_700_000_100)


def test_verify_signature_rejects_wrong_secret_tampered_body_and_garbage():
    """Wrong secret, changed body, missing prefix and a non-numeric timestamp all fail."""
    body = b'{"event":"message_created"}'
    headers = sign("s3cret", 1_700_000_000, body)
    sig, ts = headers["X-Chatwoot-Signature"], headers["X-Chatwoot-Timestamp"]
    now = 1_700_000_000
    assert not verify_signature("other", ts, body, sig, now=now)
    assert not verify_signature("s3cret", ts, body + b" ", sig, now=now)
    assert not verify_signature("s3cret", ts, body, sig.removeprefix("sha256="), now=now)
    assert not verify_signature("s3cret", "soon", body, sig, now=now)


def test_verify_signature_rejects_stale_timestamp():
    """A correctly signed delivery older than max_age is refused (replay protection)."""
    body = b"{}"
    headers = sign("s3cret", 1_700_000_000, body)
    args = ("s3cret", headers["X-Chatwoot-Timestamp"], body, headers["X-Chatwoot-Signature"])
    assert verify_signature(*args, now=1_700_000_299)
    assert not verify_signature(*args, now=1_700_000_301)


def test_webhook_builders_describe_the_echo_rules():
    """Only an agent's public outgoing message has sender type "user" and private false."""
    forwardable = [
        p for p in (agent_reply("a"), private_note("b"), bot_echo("c"), incoming("d"))
        if p["message_type"] == "outgoing" and not p["private"] and p["sender"]["type"] == "user"
    ]
    assert [p["content"] for p in forwardable] == ["a"]
    changed = conversation_status_changed("resolved")
    assert changed["event"] == "conversation_status_changed" and changed["status"] == "resolved"
    assert changed["meta"]["sender"]["phone_number"] == PHONE
