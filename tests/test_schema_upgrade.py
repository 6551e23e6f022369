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
    conn.executescript(MIGRATIONS[0])
    conn.execute("PRAGMA user_version=1")
    conn.execute("INSERT INTO conversations (id, phone, provider, created_at, updated_at)"
                 " VALUES ('twilio:+31612345678', '+31612345678', 'twilio', 'x', 'x')")
    conn.execute("INSERT INTO outbox (conversation_id, phone, provider, origin, body, status, created_at, updated_at)"
                 " VALUES ('twilio:+31612345678', '+31612345678', 'twilio', 'bot', 'Hallo!', 'queued', 'x', 'x')")
    conn.commit()
    conn.close()
    store = await open_store(str(path), Clock())
    try:
        assert (await store.main.fetchone("PRAGMA user_version"))[0] == SCHEMA_VERSION == 2
        rows = await store.outbox.open_rows()
        assert [(r.body, r.sender) for r in rows] == [("Hallo!", None)]
        conversation = await store.conversations.get("twilio:+31612345678")
        assert conversation.reply_from is None
    finally:
        await store.close()
