"""Fault injection into the real store: SQLite itself refuses writes, as on a full disk.

`store_full(db)` installs temporary triggers on the daemon's own connection that make every
INSERT, UPDATE and DELETE on the given tables fail with an `sqlite3.OperationalError`, the
error class a full disk, a read-only remount or an I/O error produce. Reads keep working, as
they do on a full disk. Leaving the context removes the triggers: space is free again.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from typing import AsyncIterator

from integrations.store.db import Db

ALL_TABLES = ("inbox", "outbox", "outbox_events", "contacts", "conversations", "transcript", "appointments",
              "tasks", "seen_events")


def _disk_full() -> None:
    raise OSError(28, "No space left on device")  # SQLite reports it as an OperationalError


@asynccontextmanager
async def store_full(db: Db, tables: tuple[str, ...] = ALL_TABLES,
                     actions: tuple[str, ...] = ("INSERT", "UPDATE", "DELETE")) -> AsyncIterator[None]:
    await db.conn.create_function("seldenrijk_disk_full", 0, _disk_full)
    names = []
    for table in tables:
        for action in actions:
            name = f"fault_{table}_{action.lower()}"
            await db.conn.execute(f"CREATE TEMP TRIGGER {name} BEFORE {action} ON main.{table}"
                                  " BEGIN SELECT seldenrijk_disk_full(); END")
            names.append(name)
    try:
        yield
    finally:
        for name in names:
            await db.conn.execute(f"DROP TRIGGER IF EXISTS temp.{name}")
