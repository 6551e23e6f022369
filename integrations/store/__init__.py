"""The SQLite store: one file, WAL, versioned schema (DESIGN §3).

One connection does every read and write. Two writer connections on one file make
SQLite's busy handler sleep in 1–100 ms steps under load (measured: bench/RESULTS.md);
one connection behind one lock never waits on SQLite. Ordinary commits use
synchronous=NORMAL, which loses nothing on a process crash; inbox batches switch to FULL
for their commit, because a 200 to Twilio promises the message survives an OS crash too.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from integrations.store.appointments import Appointments
from integrations.store.cars import Cars
from integrations.store.contacts import Contacts
from integrations.store.conversations import Conversations
from integrations.store.db import Db
from integrations.store.inbox import Inbox
from integrations.store.outbox import Outbox
from integrations.store.schema import MIGRATIONS, SCHEMA_VERSION
from integrations.store.tasks import Tasks

__all__ = ["Store", "StoreError", "open_store"]


class StoreError(Exception):
    """The store cannot be used (unwritable file, newer schema, not a database)."""


@dataclass
class Store:
    path: str
    main: Db
    inbox: Inbox
    outbox: Outbox
    delivery: Outbox  # the sender's view of the outbox: urgent on the connection lock
    contacts: Contacts
    conversations: Conversations
    appointments: Appointments
    cars: Cars
    tasks: Tasks
    is_open: bool = True

    async def close(self) -> None:
        self.is_open = False
        await self.main.close()


def _check_writable(path: Path) -> None:
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise StoreError(f"store.path: directory {directory} does not exist")
    if path.exists() and not os.access(path, os.W_OK):
        raise StoreError(f"store.path: {path} is not writable")
    if not os.access(directory, os.W_OK | os.X_OK):
        raise StoreError(f"store.path: directory {directory} is not writable")


async def _migrate(db: Db) -> None:
    row = await db.fetchone("PRAGMA user_version")
    version = row[0] if row else 0
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"store.path: schema version {version} is newer than this release understands ({SCHEMA_VERSION})"
        )
    for number in range(version, SCHEMA_VERSION):
        async with db.transaction() as tx:
            for statement in filter(str.strip, MIGRATIONS[number].split(";")):
                await tx.execute(statement)
            await tx.execute(f"PRAGMA user_version={number + 1}")


async def open_store(path: str, clock) -> Store:
    """Open (creating and migrating as needed); raises StoreError with a reason naming the key."""
    file = Path(path)
    _check_writable(file)
    try:
        main = await Db.open(path, synchronous="NORMAL")
    except sqlite3.Error as exc:
        raise StoreError(f"store.path: cannot open {path} ({exc})") from None
    try:
        await _migrate(main)
    except sqlite3.DatabaseError as exc:
        await main.close()
        raise StoreError(f"store.path: {path} is not a usable database ({exc})") from None
    except BaseException:
        await main.close()
        raise
    return Store(
        path=path,
        main=main,
        inbox=Inbox(main, clock),
        outbox=Outbox(main, clock),
        delivery=Outbox(main, clock, urgent=True),
        contacts=Contacts(main, clock),
        conversations=Conversations(main, clock),
        appointments=Appointments(main, clock),
        cars=Cars(main),
        tasks=Tasks(main, clock),
    )
