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
from integrations.store.content import ContentTemplates
from integrations.store.conversations import Conversations
from integrations.store.db import Db
from integrations.store.health import is_store_failure
from integrations.store.identities import Identities
from integrations.store.inbox import Inbox
from integrations.store.outbox import Outbox
from integrations.store.schema import MIGRATIONS, SCHEMA_VERSION
from integrations.store.tasks import Tasks

__all__ = ["Store", "StoreError", "StoreUnavailable", "open_store"]


class StoreError(Exception):
    """The store cannot be used as configured (missing directory, no permission, newer schema,
    not a database): a restart will not help (the daemon exits 2)."""


class StoreUnavailable(StoreError):
    """The store cannot be used right now (read-only file system, disk full, I/O error, out of
    descriptors): waiting may help, so the daemon exits 1 and systemd starts it again."""


def _read_only_fs(directory: Path) -> bool:
    try:
        return bool(os.statvfs(directory).f_flag & os.ST_RDONLY)
    except OSError:
        return False


@dataclass
class Store:
    path: str
    main: Db
    inbox: Inbox
    outbox: Outbox
    delivery: Outbox  # the sender's view of the outbox: urgent on the connection lock
    contacts: Contacts
    identities: Identities
    content: ContentTemplates
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
    if _read_only_fs(directory):
        raise StoreUnavailable(f"store.path: the file system of {directory} is read-only")
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


def _classified(reason: str, exc: BaseException, file: Path) -> StoreError:
    """A failure of the disk (full, read-only, I/O, descriptors) is transient; a file that is not a
    database, or not ours, is not."""
    transient = _read_only_fs(file.parent if str(file.parent) else Path("."))
    if isinstance(exc, sqlite3.OperationalError):
        text = str(exc).lower()
        transient = transient or any(word in text for word in ("full", "i/o", "readonly", "read-only", "locked",
                                                                "unable to open"))
    elif isinstance(exc, OSError):
        transient = transient or is_store_failure(exc)
    return StoreUnavailable(reason) if transient else StoreError(reason)


async def open_store(path: str, clock) -> Store:
    """Open (creating and migrating as needed); raises StoreError with a reason naming the key."""
    file = Path(path)
    _check_writable(file)
    try:
        main = await Db.open(path, synchronous="NORMAL")
    except (sqlite3.Error, OSError) as exc:
        raise _classified(f"store.path: cannot open {path} ({exc})", exc, file) from None
    try:
        await _migrate(main)
    except (sqlite3.DatabaseError, OSError) as exc:
        await main.close()
        raise _classified(f"store.path: {path} is not a usable database ({exc})", exc, file) from None
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
        identities=Identities(main, clock),
        content=ContentTemplates(main, clock),
        conversations=Conversations(main, clock),
        appointments=Appointments(main, clock),
        cars=Cars(main),
        tasks=Tasks(main, clock),
    )
