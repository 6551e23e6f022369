"""The store: SQLite (one file, the default) or PostgreSQL (several instances), versioned schema (DESIGN §3).

`open_store(location)` takes a file path or a `postgresql://` URL; both backends give the same
repositories over the same schema (`schema.MIGRATIONS` holds each step for both).

SQLite: one connection does every read and write. Two writer connections on one file make
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
from typing import Any

import anyio
import psycopg

from integrations.store.appointments import Appointments
from integrations.store.cars import Cars
from integrations.store.contacts import Contacts
from integrations.store.content import ContentTemplates
from integrations.store.conversations import Conversations
from integrations.store.database import Database
from integrations.store.db import Db
from integrations.store.health import is_store_failure
from integrations.store.identities import Identities
from integrations.store.inbox import Inbox
from integrations.store.outbox import Outbox
from integrations.store.postgres import PgDb
from integrations.store.schema import MIGRATIONS, SCHEMA_VERSION
from integrations.store.tasks import Tasks

__all__ = ["Store", "StoreError", "StoreUnavailable", "is_postgres_url", "open_configured_store", "open_store"]

# Every instance that starts takes this session lock before it migrates, so two instances starting
# at once do not both run a step (the second finds the version already there).
MIGRATION_LOCK = 0x5E1DE7
CONNECT_TIMEOUT = 5


def is_postgres_url(location: str) -> bool:
    return location.startswith(("postgresql://", "postgres://"))


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
    path: str  # the file, or the URL of the PostgreSQL database (with any password in it)
    main: Database
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

    @property
    def shared(self) -> bool:
        """Several instances may work on this store at once (PostgreSQL); a SQLite file is one instance's."""
        return self.main.backend == "postgresql"

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


async def _migrate_postgres(db: PgDb) -> None:
    """Apply the missing steps, each in its own transaction with the version it reaches, under the
    advisory lock (held on one connection for the whole run)."""
    async with db.pool.connection() as conn:
        await conn.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK,))
        try:
            await conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            row = await (await conn.execute("SELECT version FROM schema_version")).fetchone()
            if row is None:
                await conn.execute("INSERT INTO schema_version (version) VALUES (0)")
            version = row[0] if row else 0
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"store.url: schema version {version} is newer than this release understands ({SCHEMA_VERSION})")
            for number in range(version, SCHEMA_VERSION):
                async with conn.transaction():
                    for statement in filter(str.strip, MIGRATIONS[number].postgresql.split(";")):
                        await conn.execute(statement)
                    await conn.execute("UPDATE schema_version SET version = %s", (number + 1,))
        finally:
            with anyio.CancelScope(shield=True):
                await conn.execute("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK,))


async def _migrate(db: Db) -> None:
    row = await db.fetchone("PRAGMA user_version")
    version = row[0] if row else 0
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"store.path: schema version {version} is newer than this release understands ({SCHEMA_VERSION})"
        )
    for number in range(version, SCHEMA_VERSION):
        async with db.transaction() as tx:
            for statement in filter(str.strip, MIGRATIONS[number].sqlite.split(";")):
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


def _repositories(location: str, main: Database, clock) -> Store:
    return Store(
        path=location,
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


async def open_postgres(url: str, clock, *, pool_size: int = 10, password: str = "") -> Store:
    """Connect the pool and migrate. A server that cannot be reached (yet) is StoreUnavailable
    (systemd starts the daemon again); a database that is not ours to use is StoreError."""
    await _check_connect(url, password)
    try:
        main = await PgDb.open(url, pool_size=pool_size, password=password)
    except psycopg.Error as exc:
        raise StoreUnavailable(f"store.url: cannot connect ({type(exc).__name__}: {_first_line(exc)})") from None
    try:
        await _migrate_postgres(main)
    except psycopg.OperationalError as exc:
        await main.close()
        raise StoreUnavailable(f"store.url: cannot migrate ({type(exc).__name__}: {_first_line(exc)})") from None
    except psycopg.Error as exc:
        await main.close()
        raise StoreError(f"store.url: not a usable database ({type(exc).__name__}: {_first_line(exc)})") from None
    except BaseException:
        await main.close()
        raise
    return _repositories(url, main, clock)


# What the server says when the configuration, not the moment, is wrong: retrying will not help.
_REFUSALS = ("password authentication failed", "does not exist", "no password supplied", "no pg_hba.conf entry",
             "permission denied")


async def _check_connect(url: str, password: str) -> None:
    """One connection before the pool, for a quick and precise answer (the pool would only time out)."""
    try:
        conn = await psycopg.AsyncConnection.connect(url, connect_timeout=CONNECT_TIMEOUT,
                                                     **({"password": password} if password else {}))
    except psycopg.Error as exc:
        reason = f"store.url: cannot connect ({_first_line(exc)})"
        if any(words in str(exc) for words in _REFUSALS):
            raise StoreError(reason) from None
        raise StoreUnavailable(reason) from None
    await conn.close()


def _first_line(exc: BaseException) -> str:
    # The server's messages never carry the password; the URL (which may) is not repeated here.
    return str(exc).splitlines()[0] if str(exc) else ""


async def open_configured_store(store_config: Any, clock) -> Store:
    """The store `[store]` names: `url` (PostgreSQL) when set, else `path` (SQLite)."""
    return await open_store(store_config.location, clock, pool_size=store_config.pool_size,
                            password=store_config.password)


async def open_store(path: str, clock, *, pool_size: int = 10, password: str = "") -> Store:
    """Open a SQLite file or a `postgresql://` URL (creating and migrating as needed); raises
    StoreError with a reason naming the key."""
    if is_postgres_url(path):
        return await open_postgres(path, clock, pool_size=pool_size, password=password)
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
    return _repositories(path, main, clock)
