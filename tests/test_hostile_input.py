"""Hostile or odd input at the ingress (issue 9, item 7): every malformed request is a 4xx with its
reason, never a 500, and valid but unusual input is accepted."""

from __future__ import annotations

import pytest

from tests.conftest import ACCOUNT_SID, inbound_params, make_config, running, sid, signed

pytestmark = pytest.mark.anyio

WHATSAPP = "/webhooks/twilio/whatsapp"
STATUS = "/webhooks/twilio/status"


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
