"""Schema migrations: a database from an earlier release is upgraded in place, data kept."""

from __future__ import annotations

import sqlite3

import pytest

from integrations.clock import Clock
from integrations.store import SCHEMA_VERSION, open_store
from integrations.store.schema import MIGRATIONS

pytestmark = pytest.mark.anyio


async def test_a_version_1_database_is_upgraded_and_keeps_its_rows(tmp_path):
    """Rows written by schema 1 survive the upgrade; the new columns exist and start empty."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0].sqlite)
    conn.execute("PRAGMA user_version=1")
    conn.execute("INSERT INTO conversations (id, phone, provider, created_at, updated_at)"
                 " VALUES ('twilio:+31612345678', '+31612345678', 'twilio', 'x', 'x')")
    conn.execute("INSERT INTO outbox (conversation_id, phone, provider, origin, body, status, created_at, updated_at)"
                 " VALUES ('twilio:+31612345678', '+31612345678', 'twilio', 'bot', 'Hallo!', 'queued', 'x', 'x')")
    conn.execute("INSERT INTO cars VALUES ('SR1', 'Volkswagen', 'Golf', '1.0 TSI', 2019, 60000, 'benzine',"
                 " 'handgeschakeld', 'hatchback', 15000, 'grijs', '')")
    conn.commit()
    conn.close()
    store = await open_store(str(path), Clock())
    try:
        assert (await store.main.fetchone("PRAGMA user_version"))[0] == SCHEMA_VERSION == 7
        rows = await store.outbox.open_rows()
        assert [(r.body, r.sender) for r in rows] == [("Hallo!", None)]
        conversation = await store.conversations.get("twilio:+31612345678")
        assert conversation.reply_from is None
        golf = await store.cars.get("SR1")
        assert golf is not None and golf.price_eur == 15000 and golf.power_hp is None and golf.options is None
    finally:
        await store.close()


async def test_a_turn_commits_reply_flags_and_side_effect_tasks_together_or_not_at_all(tmp_path):
    """finish_inbound writes outbox, handoff, opt-out and tasks in one transaction; a failure leaves none."""
    from integrations.messages import InboundMessage
    from integrations.store.outbox import Draft
    from integrations.store.tasks import TaskSpec

    store = await open_store(str(tmp_path / "s.db"), Clock())
    try:
        phone, conv = "+31612345678", "twilio:+31612345678"
        await store.conversations.begin_turn(conv, phone, "twilio", "Jan", phone[1:], Clock().iso())

        async def turn(sid: str, payload: dict) -> int:
            msg = InboundMessage(provider="twilio", message_id=sid, conversation_id=conv, phone=phone, body="x",
                                 received_at=Clock().iso())
            added = await store.inbox.add(msg)
            await store.outbox.finish_inbound(
                inbound_id=added.id, conversation_id=conv, phone=phone, provider="twilio",
                drafts=[Draft(body="ok")], handoff="human", opted_out=True,
                tasks=[TaskSpec("cal_event", f"cal_event:{sid}", payload)])
            return added.id

        with pytest.raises(TypeError):
            await turn("SM1", {"not json": object()})
        assert (await store.inbox.counts()) == {"pending": 1}
        assert await store.outbox.all_rows() == [] and await store.tasks.pending("cal_event") == []
        assert not (await store.conversations.get(conv)).handoff
        await turn("SM2", {"appointment_id": "a1"})
        assert [t.key for t in await store.tasks.pending("cal_event")] == ["cal_event:SM2"]
        assert (await store.conversations.get(conv)).handoff_reason == "human"
        assert (await store.contacts.get(phone)).opted_out
    finally:
        await store.close()


async def test_a_task_rescheduled_while_it_runs_is_not_marked_done(tmp_path):
    """Debounce: v2 scheduled while v1 is being performed must still run; done() on v1 leaves it pending."""
    store = await open_store(str(tmp_path / "s.db"), Clock())
    try:
        await store.tasks.schedule("cal_update", "cal_update:a1", {"v": 1})
        [running] = await store.tasks.pending("cal_update")
        await store.tasks.schedule("cal_update", "cal_update:a1", {"v": 2})
        assert await store.tasks.done(running.id, running.generation) is False
        [again] = await store.tasks.pending("cal_update")
        assert again.payload == {"v": 2}
        assert await store.tasks.done(again.id, again.generation) is True
        assert await store.tasks.pending("cal_update") == []
    finally:
        await store.close()
