"""`seldenrijk migrate-waha`: store ids, Redis keys and Chatwoot attributes move to the Twilio form, idempotently."""

from __future__ import annotations

import json

import pytest
import redis as redis_sync

from daemon.migrate import run_migrate
from integrations.clock import Clock
from integrations.messages import InboundMessage
from integrations.store import open_store
from integrations.store.outbox import Draft
from tests.conftest import make_config
from tests.fakes.chatwoot import FakeChatwoot

pytestmark = pytest.mark.anyio

OLD, NEW, PHONE = "waha:31612345678", "twilio:+31612345678", "+31612345678"


async def _seed(config) -> None:
    from integrations.chatwoot import ChatwootClient

    client = ChatwootClient(config.chatwoot)
    try:
        contact_id, source_id = await client.create_contact(name="Jan", phone_e164=PHONE, identifier=PHONE,
                                                            custom_attributes={"whatsapp_provider": "waha"})
    finally:
        await client.aclose()
    store = await open_store(config.store.path, Clock())
    try:
        await store.conversations.ensure(OLD, PHONE, "waha")
        await store.conversations.ensure("waha:not-a-number", "+31600000000", "waha")
        msg = InboundMessage(provider="waha", message_id="false_31612345678@c.us_AAA", conversation_id=OLD,
                             phone=PHONE, body="Hoi", received_at=Clock().iso())
        added = await store.inbox.add(msg)
        await store.outbox.finish_inbound(inbound_id=added.id, conversation_id=OLD, phone=PHONE, provider="waha",
                                          drafts=[Draft(body="Hallo!")], status="sent",
                                          transcript=[("in", "customer", "Hoi"), ("out", "bot", "Hallo!")])
        await store.contacts.ensure(PHONE, "Jan", PHONE[1:])
        await store.contacts.set_chatwoot(PHONE, contact_id, source_id)
    finally:
        await store.close()


def _run(capsys, config, dry_run: bool) -> dict:
    import anyio

    assert anyio.run(run_migrate, config, dry_run) == 0
    return json.loads(capsys.readouterr().out.strip().splitlines()[-1])


def test_dry_run_counts_and_changes_nothing_then_the_real_run_moves_everything_once(tmp_path, redis_url, capsys):
    """Dry run reports, the real run rewrites ids, deletes waha:* keys, updates Chatwoot; a second run finds nothing."""
    import anyio

    r = redis_sync.Redis.from_url(redis_url)
    for n in range(3):
        r.set(f"waha:session:{n}", "x")
    r.set("twilio:message:SMkeep", "1")
    with FakeChatwoot() as chatwoot:
        config = make_config(tmp_path, redis={"url": redis_url},
                             chatwoot={"base_url": chatwoot.base_url, "api_token": "cw-token", "account_id": 1,
                                       "inbox_id": 1})
        anyio.run(_seed, config)

        dry = _run(capsys, config, True)
        assert dry["dry_run"] is True
        assert dry["conversations"] == 1 and dry["skipped_invalid"] == 1
        assert dry["rows"]["inbox"] == 1 and dry["rows"]["outbox"] == 1 and dry["rows"]["transcript"] == 2
        assert dry["redis_keys"] == 3 and dry["chatwoot_contacts"] == 1
        assert len(r.keys("waha:*")) == 3
        assert chatwoot.requests_to("PUT", r".*/contacts/\d+$") == []

        real = _run(capsys, config, False)
        assert {k: real[k] for k in ("conversations", "redis_keys", "chatwoot_contacts")} == \
            {"conversations": 1, "redis_keys": 3, "chatwoot_contacts": 1}
        assert r.keys("waha:*") == [] and r.get("twilio:message:SMkeep") == b"1"
        put = chatwoot.requests_to("PUT", r".*/contacts/\d+$")[0].json()
        assert put["custom_attributes"] == {"whatsapp_provider": "twilio", "whatsapp_id": PHONE}

        again = _run(capsys, config, False)
        assert again["conversations"] == 0 and again["redis_keys"] == 0 and sum(again["rows"].values()) == 0

    async def check() -> None:
        store = await open_store(config.store.path, Clock())
        try:
            assert await store.conversations.get(OLD) is None
            assert (await store.conversations.get(NEW)).provider == "twilio"
            assert [row.message.conversation_id for row in await store.inbox.pending()] == []
            assert {row.conversation_id for row in await store.outbox.all_rows()} == {NEW}
            assert len(await store.conversations.transcript(NEW)) == 2
        finally:
            await store.close()

    anyio.run(check)
    r.close()
