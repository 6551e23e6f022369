"""Nothing acknowledged is left waiting while the daemon runs (issue 9, items 1 and 10).

The store is made to refuse writes with SQLite's own errors (tests/faults.py); the runtime, the
dialogue, the ingress and the fakes are the real ones.
"""

from __future__ import annotations

import json
from contextlib import AsyncExitStack
from datetime import datetime, timezone

import anyio
import pytest

from integrations.messages import InboundMessage
from integrations.store.outbox import Draft
from tests.conftest import arrived, idle, inbound_params, make_config, running, sid, signed, until
from tests.fakes.chatwoot import FakeChatwoot, agent_reply, conversation_status_changed, sign
from tests.faults import store_full

pytestmark = pytest.mark.anyio

WHATSAPP = "/webhooks/twilio/whatsapp"
PHONES = ("+31612340001", "+31612340002", "+31612340003", "+31612340004")
FAST_SWEEP = {"sweep_seconds": 0.2}


async def _post(client, params):
    body, headers = signed(WHATSAPP, params)
    return await client.post(WHATSAPP, data=body, headers=headers)


async def test_messages_acknowledged_before_a_disk_full_period_are_answered_once_space_is_free(tmp_path, fake_twilio):
    """20 messages are acknowledged, then the store cannot write while their turns run; /readyz says
    503 meanwhile. Once space is free the running daemon answers all 20, without a restart and
    without the customers writing again."""
    config = make_config(tmp_path, fake_twilio, limits=FAST_SWEEP)
    async with running(config) as (rt, client):
        async with AsyncExitStack() as held:
            # Another instance holds these conversations: the messages wait, acknowledged, in the inbox.
            for phone in PHONES:
                await held.enter_async_context(rt.coordinator.conversation_lock(phone))
            for n in range(20):
                resp = await _post(client, inbound_params(sid(1000 + n), "hoe laat zijn jullie open?",
                                                          phone=PHONES[n % 4]))
                assert resp.status_code == 200
            async with store_full(rt.store.main):
                held_locks = held.pop_all()
                await held_locks.aclose()  # the turns start now, against a full disk

                async def not_ready() -> bool:
                    return (await client.get("/readyz")).status_code == 503

                assert await until(not_ready)
                assert "store cannot write" in await (await client.get("/readyz")).get_data(as_text=True)
                with anyio.fail_after(20):
                    await rt.registry.wait_idle()  # every actor gave up on its turn
                assert (await rt.store.inbox.counts()).get("pending") == 20
        # Space is free again: no new message, no restart.
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 20, timeout=30)
        assert (await rt.store.inbox.counts()) == {"done": 20}
        assert all("Sorry" not in m["body"] for m in fake_twilio.sent)

        async def ready() -> bool:
            return (await client.get("/readyz")).status_code == 200

        assert await until(ready)


async def test_acknowledged_message_whose_handover_failed_is_answered_without_a_restart(tmp_path, fake_twilio):
    """A row committed to the inbox whose wake-up never reached an actor (the webhook failed after
    the commit, e.g. out of descriptors) is answered by the running daemon."""
    config = make_config(tmp_path, fake_twilio, limits=FAST_SWEEP)
    async with running(config) as (rt, client):
        msg = InboundMessage(provider="twilio", message_id=sid(77), conversation_id=f"twilio:{PHONES[0]}",
                             phone=PHONES[0], body="hoe laat zijn jullie open?", received_at=rt.clock.iso())
        await rt.store.inbox.add(msg)  # stored, acknowledged, never handed over
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 1, timeout=30)
        assert (await rt.store.inbox.counts()) == {"done": 1}


async def test_a_reply_that_could_not_be_marked_sending_is_sent_once_the_store_writes(tmp_path, fake_twilio):
    """The sender cannot record `sending` (the store refuses updates): nothing is sent blind, the
    sender keeps running, and the reply goes out once — without a restart — when the store writes."""
    config = make_config(tmp_path, fake_twilio, limits=FAST_SWEEP)
    async with running(config) as (rt, client):
        async with store_full(rt.store.main, ("outbox",), ("UPDATE",)):
            await rt.store.outbox.enqueue(conversation_id=f"twilio:{PHONES[0]}", phone=PHONES[0], provider="twilio",
                                          draft=Draft(body="hallo"))
            rt.wake_sender()

            async def refused() -> bool:
                return not rt.store.main.health.writable

            assert await until(refused)
            assert fake_twilio.sent == []
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 1, timeout=30)
        assert rt.supervisor.restarts.get("sender", 0) == 0


@pytest.fixture
def chatwoot():
    with FakeChatwoot() as fake:
        yield fake


def _chatwoot_sections(chatwoot) -> dict:
    return {"chatwoot": {"base_url": chatwoot.base_url, "api_token": "cw-token", "account_id": 1, "inbox_id": 1,
                         "webhook_secret": "cw-secret"}, "limits": FAST_SWEEP}


async def _chatwoot(client, payload, delivery=None):
    raw = json.dumps(payload).encode()
    headers = sign("cw-secret", int(datetime.now(timezone.utc).timestamp()), raw, delivery)
    headers["Content-Type"] = "application/json"
    return await client.post("/webhooks/chatwoot", data=raw, headers=headers)


async def test_agent_reply_is_not_lost_when_its_enqueue_fails(tmp_path, fake_twilio, chatwoot):
    """The outbox cannot take the agent's reply for a while: the reply is neither marked seen nor
    dropped; it reaches WhatsApp once the store writes again, exactly once."""
    conv, phone = "twilio:+31612345678", "+31612345678"
    config = make_config(tmp_path, fake_twilio, **_chatwoot_sections(chatwoot))
    async with running(config) as (rt, client):
        # The customer wrote a moment ago: the agent answers inside WhatsApp's 24-hour window.
        await rt.store.conversations.begin_turn(conv, phone, "twilio", "Jan", phone[1:], rt.clock.iso())
        await rt.store.conversations.set_chatwoot(conv, 7)
        reply = agent_reply("Hoi Jan, ik bel je zo even!", message_id=6001)
        async with store_full(rt.store.main, ("outbox",)):
            first = await _chatwoot(client, reply, delivery="d-1")
            assert first.status_code in (200, 503)
            await _chatwoot(client, reply, delivery="d-2")  # Chatwoot's retry
            assert fake_twilio.sent == []
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 1, timeout=30)
        await _chatwoot(client, reply, delivery="d-3")
        await idle(rt)
        assert [m["body"] for m in fake_twilio.sent] == ["Hoi Jan, ik bel je zo even!"]

        async def handed_over() -> bool:
            return bool((await rt.store.conversations.get(conv)).handoff)

        assert await until(handed_over)


async def test_agent_reply_and_handoff_are_applied_together_by_the_conversation_actor(tmp_path, fake_twilio, chatwoot):
    """An agent's reply and a status change are events of the conversation: applied in order by its
    actor, so the handoff never lags behind a reply the agent already sent, and a resolve that
    arrives after the reply gives the conversation back to the bot."""
    conv, phone = "twilio:+31612345678", "+31612345678"
    config = make_config(tmp_path, fake_twilio, **_chatwoot_sections(chatwoot))
    async with running(config) as (rt, client):
        # The customer wrote a moment ago: the agent answers inside WhatsApp's 24-hour window.
        await rt.store.conversations.begin_turn(conv, phone, "twilio", "Jan", phone[1:], rt.clock.iso())
        await rt.store.conversations.set_chatwoot(conv, 7)
        assert (await _chatwoot(client, agent_reply("Ik neem het over.", message_id=6101))).status_code == 200
        assert (await _chatwoot(client, conversation_status_changed("resolved"))).status_code == 200
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 1)

        async def settled() -> bool:
            return (await rt.store.inbox.counts()) == {"done": 2}

        assert await until(settled)
        conversation = await rt.store.conversations.get(conv)
        assert not conversation.handoff  # the resolve came after the reply
        kinds = [row for row in await rt.store.main.fetchall("SELECT kind FROM inbox ORDER BY id")]
        assert [r["kind"] for r in kinds] == ["agent_reply", "chatwoot_status"]
