"""Hostile or odd input at the ingress (issue 9, item 7): every malformed request is a 4xx with its
reason, never a 500, and valid but unusual input is accepted."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from integrations.twilio_webhook import compute_signature
from tests.conftest import ACCOUNT_SID, AUTH_TOKEN, PUBLIC_URL, inbound_params, make_config, running, sid, signed
from tests.fakes.chatwoot import agent_reply, conversation_status_changed, sign

pytestmark = pytest.mark.anyio

WHATSAPP = "/webhooks/twilio/whatsapp"
STATUS = "/webhooks/twilio/status"
CONV = "twilio:+31612345678"


def _chatwoot_sections() -> dict:
    return {"chatwoot": {"base_url": "http://127.0.0.1:9", "api_token": "cw-token", "account_id": 1, "inbox_id": 1,
                         "webhook_secret": "cw-secret"}}


@pytest.mark.parametrize("path", [WHATSAPP, STATUS])
async def test_non_ascii_twilio_signature_is_403_not_500(tmp_path, path):
    """A signature header with non-ASCII characters is simply not a valid signature (no credentials needed)."""
    async with running(make_config(tmp_path)) as (rt, client):
        body, headers = signed(path, inbound_params(sid(1), "Hoi"))
        headers["X-Twilio-Signature"] = "ñ" * 28
        resp = await client.post(path, data=body, headers=headers)
        assert resp.status_code == 403
        assert "X-Twilio-Signature" in await resp.get_data(as_text=True)
        assert await rt.store.inbox.counts() == {}


async def test_short_valid_e164_number_is_accepted_not_400(tmp_path):
    """+376 312345 (Andorra, nine digits in all) is a valid E.164 number: stored and answered, not lost."""
    async with running(make_config(tmp_path)) as (rt, client):
        body, headers = signed(WHATSAPP, inbound_params(sid(2), "Hallo", phone="+376312345"))
        resp = await client.post(WHATSAPP, data=body, headers=headers)
        assert resp.status_code == 200, await resp.get_data(as_text=True)
        assert (await rt.store.inbox.counts()).keys() <= {"pending", "done"}


async def test_status_callback_with_an_unknown_status_word_is_accepted(tmp_path):
    """Twilio may add status words: a callback with one is recorded and acknowledged, not a 500."""
    async with running(make_config(tmp_path)) as (rt, client):
        params = [("MessageSid", sid(9)), ("MessageStatus", "🙂weird"), ("AccountSid", ACCOUNT_SID)]
        body, headers = signed(STATUS, params)
        assert (await client.post(STATUS, data=body, headers=headers)).status_code == 200
async def test_oversized_chatwoot_timestamp_is_403_not_500(tmp_path):
    """A 400-digit X-Chatwoot-Timestamp is a stale/invalid signature, not a crash (no credentials needed)."""
    async with running(make_config(tmp_path, **_chatwoot_sections())) as (rt, client):
        raw = json.dumps(agent_reply("hoi")).encode()
        headers = sign("cw-secret", "9" * 400, raw)
        headers["Content-Type"] = "application/json"
        resp = await client.post("/webhooks/chatwoot", data=raw, headers=headers)
        assert resp.status_code == 403
        assert "X-Chatwoot-Timestamp" in await resp.get_data(as_text=True) or \
            "X-Chatwoot-Signature" in await resp.get_data(as_text=True)


def _wrong_types() -> list[tuple[str, dict]]:
    reply = agent_reply("hoi", message_id=77)
    status = conversation_status_changed("open")
    cases = [
        ("sender-is-a-string", {**reply, "sender": "agent"}),
        ("content-is-a-number", {**reply, "content": 12}),
        ("content-attributes-is-a-list", {**reply, "content_attributes": ["x"]}),
        ("conversation-is-a-list", {**reply, "conversation": [1]}),
        ("conversation-id-is-huge", {**reply, "conversation": {"id": 10**40}}),
        ("message-id-is-an-object", {**reply, "id": {"a": 1}}),
        ("private-is-a-string", {**reply, "private": "no"}),
        ("event-is-a-number", {**reply, "event": 5}),
        ("status-conversation-is-a-string", {**status, "conversation": "x", "status": None}),
        ("status-is-a-list", {**status, "status": ["open"]}),
        ("status-id-is-a-float-string", {**status, "id": "1e400"}),
    ]
    return cases


@pytest.mark.parametrize("name, payload", _wrong_types(), ids=[c[0] for c in _wrong_types()])
async def test_validly_signed_chatwoot_event_with_wrong_json_types_is_400_not_500(tmp_path, name, payload):
    """A signed Chatwoot event whose fields have the wrong JSON types is refused with a reason."""
    async with running(make_config(tmp_path, **_chatwoot_sections())) as (rt, client):
        await rt.store.conversations.ensure(CONV, "+31612345678", "twilio")
        await rt.store.conversations.set_chatwoot(CONV, 7)
        raw = json.dumps(payload).encode()
        headers = sign("cw-secret", int(datetime.now(timezone.utc).timestamp()), raw)
        headers["Content-Type"] = "application/json"
        resp = await client.post("/webhooks/chatwoot", data=raw, headers=headers)
        assert resp.status_code == 400, (resp.status_code, await resp.get_data(as_text=True))
        assert await resp.get_data(as_text=True)




async def test_a_signature_over_the_url_with_its_override_fragment_is_accepted(tmp_path):
    """With `twilio.webhook_fragment` set, a signature computed over the URL including the
    connection-override fragment validates too (the fragment itself never reaches the server)."""
    fragment = "#rc=3&rp=ct,rt,5xx"
    async with running(make_config(tmp_path, twilio={"webhook_fragment": fragment})) as (rt, client):
        params = inbound_params(sid(3), "Hoi")
        body, headers = signed(WHATSAPP, params)
        headers["X-Twilio-Signature"] = compute_signature(AUTH_TOKEN, PUBLIC_URL + WHATSAPP + fragment, params)
        assert (await client.post(WHATSAPP, data=body, headers=headers)).status_code == 200
        body, headers = signed(WHATSAPP, inbound_params(sid(4), "Hoi"))
        assert (await client.post(WHATSAPP, data=body, headers=headers)).status_code == 200
