"""`seldenrijk migrate-store`: a single-VM SQLite install moved into PostgreSQL goes on where it was."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from daemon.migrate_store import MigrateStoreError, migrate
from tests.conftest import arrived, inbound_params, make_config, running, sid, signed, until

pytestmark = pytest.mark.anyio

WHATSAPP = "/webhooks/twilio/whatsapp"
REPO = Path(__file__).resolve().parents[1]


async def _post(client, params):
    body, headers = signed(WHATSAPP, params)
    return await client.post(WHATSAPP, data=body, headers=headers)


async def test_a_moved_conversation_continues_with_its_context_and_new_ids(tmp_path, fake_twilio, postgres_url):
    """Rows, ids and the dialogue's checkpoint move: the next message on PostgreSQL knows the car asked about
    on SQLite, and new rows get ids after the copied ones."""
    config = make_config(tmp_path, fake_twilio)
    async with running(config) as (rt, client):
        assert (await _post(client, inbound_params(sid(1), "ik zoek een golf"))).status_code == 200
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 1)

        async def recorded() -> bool:
            return all(r.provider_message_id for r in await rt.store.outbox.all_rows())

        assert await until(recorded)
    counts = await migrate(f"sqlite:{config.store.path}", postgres_url)
    assert counts["inbox"] == 1 and counts["outbox"] == 1 and counts["conversation_checkpoints"] == 1
    assert counts["cars"] > 0 and counts["contacts"] == 1
    async with running(make_config(tmp_path / "pg", fake_twilio, store={"url": postgres_url})) as (rt, client):
        assert (await _post(client, inbound_params(sid(2), "wat kost die?"))).status_code == 200
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 2)
        assert [r.id for r in await rt.store.outbox.all_rows()] == [1, 2]
        assert await rt.store.inbox.counts() == {"done": 2}
    reply = fake_twilio.sent[1]["body"]
    assert "Golf" in reply and "€" in reply


async def test_a_database_that_holds_data_is_refused(tmp_path, postgres_url):
    """Migrating twice would mix two histories: the second run stops before writing anything."""
    path = tmp_path / "seldenrijk.db"
    from integrations.clock import Clock
    from integrations.store import open_store

    store = await open_store(str(path), Clock())
    await store.contacts.ensure("+31612345678", "Jan")
    await store.close()
    await migrate(f"sqlite:{path}", postgres_url)
    with pytest.raises(MigrateStoreError, match="already holds data"):
        await migrate(f"sqlite:{path}", postgres_url)


def test_a_source_that_is_not_sqlite_is_exit_2(tmp_path):
    """`--from` must say sqlite:PATH: exit 2, naming the option, before anything is opened."""
    result = subprocess.run([sys.executable, "-m", "daemon", "migrate-store", "--from", str(tmp_path / "x.db"),
                             "--to", "postgresql://127.0.0.1/x"], cwd=tmp_path, capture_output=True, text=True,
                            timeout=60, env={**os.environ, "PYTHONPATH": str(REPO), "SELDENRIJK_CONFIG": ""})
    assert result.returncode == 2, result.stderr
    assert "--from: expected sqlite:PATH" in result.stderr
