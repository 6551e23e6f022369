"""The whole daemon on a PostgreSQL store: the message path, and a conversation that moves between
instances keeping its context (the checkpoints are in the shared database)."""

from __future__ import annotations

import pytest

from tests.conftest import arrived, inbound_params, make_config, running, sid, signed, until

pytestmark = pytest.mark.anyio

WHATSAPP = "/webhooks/twilio/whatsapp"


async def _recorded(rt) -> bool:
    return all(r.provider_message_id for r in await rt.store.outbox.all_rows())


async def _post(client, params):
    body, headers = signed(WHATSAPP, params)
    return await client.post(WHATSAPP, data=body, headers=headers)


async def test_a_conversation_continues_on_another_instance(tmp_path, fake_twilio, postgres_url):
    """The first message is handled by one instance, the second by another: its reply uses the first's context."""
    config = make_config(tmp_path, fake_twilio, store={"url": postgres_url})
    async with running(config) as (rt, client):
        assert (await _post(client, inbound_params(sid(1), "ik zoek een golf"))).status_code == 200
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 1)
        assert await until(lambda: _recorded(rt))  # stopped between send and record, the next start waits it out
    async with running(make_config(tmp_path / "other", fake_twilio, store={"url": postgres_url})) as (rt, client):
        assert (await _post(client, inbound_params(sid(2), "wat kost die?"))).status_code == 200
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 2)
        assert await rt.store.inbox.counts() == {"done": 2}
        assert await until(lambda: _recorded(rt))
    # Without the first message, "die" has nothing to point at.
    async with running(make_config(tmp_path, fake_twilio, store={"url": postgres_url})) as (rt, client):
        assert (await _post(client, inbound_params(sid(3), "wat kost die?", phone="+31687654321"))).status_code == 200
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 3)
    first, second, alone = (m["body"] for m in fake_twilio.sent)
    assert "Golf" in first and "Golf" in second and "€" in second
    assert "Golf" not in alone and "€" not in alone


async def test_readiness_is_503_and_webhooks_503_while_postgresql_does_not_answer(tmp_path, fake_twilio, postgres_url):
    """With the store's connections gone, /readyz says 503 at once (not a 500, not a hang) and a
    webhook gets 503, so Twilio retries it: nothing is acknowledged that is not stored."""
    config = make_config(tmp_path, fake_twilio, store={"url": postgres_url})
    async with running(config) as (rt, client):
        assert (await client.get("/readyz")).status_code == 200
        await rt.store.main.pool.close()
        ready = await client.get("/readyz")
        assert ready.status_code == 503
        assert (await _post(client, inbound_params(sid(5), "hallo"))).status_code == 503
        assert (await client.get("/readyz")).status_code == 503
