"""Actor lifecycle: idle actors stop and come back; shutdown leaves unfinished work for the next start."""

from __future__ import annotations

import anyio
import pytest

from tests.conftest import arrived, inbound_params, make_config, running, sid, signed, until

pytestmark = pytest.mark.anyio

WHATSAPP = "/webhooks/twilio/whatsapp"


async def _post(client, n: int, phone: str, text: str = "hoe laat zijn jullie open?"):
    body, headers = signed(WHATSAPP, inbound_params(sid(n), text, phone=phone))
    return await client.post(WHATSAPP, data=body, headers=headers)


async def test_idle_conversation_actors_stop_and_a_new_message_respawns_one(tmp_path, fake_twilio):
    """After `actor_idle_seconds` the registry is empty; the next message gets a fresh actor and an answer."""
    config = make_config(tmp_path, fake_twilio, limits={"actor_idle_seconds": 0.05})
    async with running(config) as (rt, client):
        for n in range(5):
            assert (await _post(client, n, f"+3161000{n:04d}")).status_code == 200
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 5)
        with anyio.fail_after(10):
            await rt.registry.wait_idle()
        assert rt.registry.active == 0
        assert (await _post(client, 99, "+31610000000", "waar zitten jullie?")).status_code == 200
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 6)


async def test_shutdown_past_the_deadline_leaves_the_rest_in_the_inbox_for_the_next_start(tmp_path, fake_twilio):
    """With no drain time, unfinished messages stay pending; the next start answers each exactly once."""
    config = make_config(tmp_path, fake_twilio, server={"drain_seconds": 0})
    phones = [f"+3162000{n:04d}" for n in range(30)]
    async with running(config) as (rt, client):
        for n, phone in enumerate(phones):
            assert (await _post(client, 100 + n, phone)).status_code == 200
    async with running(config) as (rt, client):

        async def all_done() -> bool:
            return (await rt.store.inbox.counts()) == {"done": 30}

        assert await until(all_done)
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 30, timeout=30)
    assert sorted(m["to"] for m in fake_twilio.sent) == sorted(f"whatsapp:{p}" for p in phones)
