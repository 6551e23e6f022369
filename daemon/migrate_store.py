"""`seldenrijk migrate-store --from sqlite:PATH --to postgresql://…`: move a single-VM install to PostgreSQL.

Run with the daemon stopped. The SQLite file is opened (and brought to the current schema), the
PostgreSQL database is migrated and must hold no data yet; then every table is copied with its
ids (the identity counters are moved past them), and the dialogue's latest checkpoint of every
conversation is written through LangGraph's Postgres saver, so conversations go on where they
were. One transaction for the tables: a failure leaves the target empty. Prints one JSON object
with the counts. The file is left as it was; keep it until the new set-up has run for a while.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import aiosqlite

from integrations.clock import Clock
from integrations.store import Store, StoreError, is_postgres_url, open_store

# Parents before children (outbox rows point at inbox rows, events at outbox rows). The fencing
# table is not copied: its tokens belong to the Redis counters of a multi-instance set-up.
TABLES = ("inbox", "outbox", "outbox_events", "contacts", "conversations", "transcript", "appointments", "cars",
          "tasks", "seen_events")
ID_TABLES = ("inbox", "outbox", "outbox_events", "transcript", "tasks")


class MigrateStoreError(Exception):
    """The command cannot run as asked (exit 2)."""


async def _copy_tables(source: Store, target: Store) -> dict[str, int]:
    counts: dict[str, int] = {}
    async with target.main.transaction() as tx:
        for table in TABLES:
            rows = await source.main.fetchall(f"SELECT * FROM {table}")
            counts[table] = len(rows)
            if not rows:
                continue
            columns = list(rows[0].keys())
            names = ", ".join(f'"{c}"' for c in columns)
            marks = ", ".join("?" for _ in columns)
            await tx.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", [tuple(r) for r in rows])
        for table in ID_TABLES:
            # The next id must come after the copied ones.
            await tx.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                             f" COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)")
    return counts


async def _copy_checkpoints(path: str, url: str) -> int:
    """The newest checkpoint of each conversation: all the dialogue ever reads (older ones are pruned)."""
    from langchain_core.runnables import RunnableConfig
    from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
    from langgraph.checkpoint.sqlite.aio import AsyncSqliteSaver

    async with aiosqlite.connect(path) as conn:
        source = AsyncSqliteSaver(conn)
        await source.setup()
        async with AsyncPostgresSaver.from_conn_string(url) as target:
            await target.setup()
            threads: list[tuple[str, str]] = []
            async for item in source.alist(None):  # holds the saver's lock: read the rest after
                configurable = item.config["configurable"]
                thread = (configurable["thread_id"], configurable.get("checkpoint_ns", ""))
                if thread not in threads:
                    threads.append(thread)
            for thread_id, namespace in threads:
                config = RunnableConfig(configurable={"thread_id": thread_id, "checkpoint_ns": namespace})
                latest = await source.aget_tuple(config)
                if latest is not None:
                    await target.aput(config, latest.checkpoint, latest.metadata, latest.checkpoint["channel_versions"])
    return len(threads)


async def _is_empty(store: Store) -> bool:
    for table in TABLES:
        if await store.main.fetchone(f"SELECT 1 FROM {table} LIMIT 1") is not None:
            return False
    return True


async def migrate(source_spec: str, url: str) -> dict[str, Any]:
    """Copy the SQLite store `sqlite:PATH` into the empty PostgreSQL database at `url`."""
    if not source_spec.startswith("sqlite:") or not source_spec.removeprefix("sqlite:"):
        raise MigrateStoreError("--from: expected sqlite:PATH")
    if not is_postgres_url(url):
        raise MigrateStoreError("--to: expected a postgresql:// URL")
    path = source_spec.removeprefix("sqlite:")
    clock = Clock()
    try:
        source = await open_store(path, clock)
    except StoreError as exc:
        raise MigrateStoreError(f"--from: {exc}") from None
    try:
        try:
            target = await open_store(url, clock)
        except StoreError as exc:
            raise MigrateStoreError(f"--to: {exc}") from None
        try:
            if not await _is_empty(target):
                raise MigrateStoreError("--to: the database already holds data; migrate into an empty one")
            counts: dict[str, Any] = await _copy_tables(source, target)
        finally:
            await target.close()
    finally:
        await source.close()
    counts["conversation_checkpoints"] = await _copy_checkpoints(path, url)
    return counts


async def run_migrate_store(source_spec: str, url: str) -> int:
    try:
        counts = await migrate(source_spec, url)
    except MigrateStoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(counts, sort_keys=True))
    return 0
