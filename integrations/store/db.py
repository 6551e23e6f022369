"""One aiosqlite connection with a lock, so concurrent tasks never interleave transactions."""

from __future__ import annotations

import sqlite3
from collections import deque
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator, Iterable, Sequence

import aiosqlite
import anyio

from integrations.store.health import StoreHealth, is_store_failure

# The probe writes this much and removes it again: enough to need new pages (or WAL frames) on a
# full disk, small enough to be harmless every few seconds while the store is unwell.
PROBE_BYTES = 64 * 1024


class PriorityLock:
    """A lock whose urgent waiters go first, but never starve ordinary ones; FIFO within each class.

    Ownership passes straight to the next waiter on release, so nobody can barge in between.
    Webhook commits and the sender are urgent: a burst of conversation work must not delay
    the 200 to Twilio or the replies already waiting to leave. But under a long burst of
    webhooks urgent waiters are always there, and strict priority would stop every reply until
    the burst ends (measured: none left during an 8 s burst). So after `urgent_run` urgent
    grants in a row, a waiting ordinary one goes next. An urgent grant is usually a group
    commit of many webhooks, so intake keeps most of the store's time.
    """

    def __init__(self, urgent_run: int = 3) -> None:
        self._held = False
        self._waiters: tuple[deque[anyio.Event], deque[anyio.Event]] = (deque(), deque())
        self.urgent_run = urgent_run
        self._run = 0  # urgent grants in a row while ordinary waiters waited

    async def acquire(self, urgent: bool = False) -> None:
        if not self._held and not (self._waiters[0] or self._waiters[1]):
            self._held = True
            return
        event = anyio.Event()
        queue = self._waiters[0 if urgent else 1]
        queue.append(event)
        try:
            await event.wait()
        except BaseException:
            if event.is_set():
                self.release()  # it was handed to us as we were cancelled: pass it on
            else:
                queue.remove(event)
            raise

    def release(self) -> None:
        urgent, ordinary = self._waiters
        if urgent and not (ordinary and self._run >= self.urgent_run):
            self._run = self._run + 1 if ordinary else 0
            urgent.popleft().set()
        elif ordinary:
            self._run = 0
            ordinary.popleft().set()
        else:
            self._held = False

    @asynccontextmanager
    async def hold(self, urgent: bool = False) -> AsyncIterator[None]:
        await self.acquire(urgent)
        try:
            yield
        finally:
            self.release()


class Db:
    """Owns one connection. Every statement runs under the lock; `transaction()` holds it
    for a whole BEGIN IMMEDIATE … COMMIT, rolling back on any exception (cancellation too)."""

    backend = "sqlite"

    def __init__(self, conn: aiosqlite.Connection, synchronous: str = "NORMAL") -> None:
        self.conn = conn
        self.synchronous = synchronous
        self._lock = PriorityLock()
        self.health = StoreHealth()

    @classmethod
    async def open(cls, path: str, *, synchronous: str) -> "Db":
        conn = await aiosqlite.connect(path, isolation_level=None)
        conn.row_factory = sqlite3.Row
        try:
            for pragma in (
                "PRAGMA journal_mode=WAL",
                f"PRAGMA synchronous={synchronous}",
                "PRAGMA foreign_keys=ON",
                "PRAGMA busy_timeout=10000",
            ):
                await conn.execute(pragma)
        except BaseException:
            # The connection's worker thread would otherwise keep the process alive.
            with anyio.CancelScope(shield=True):
                await conn.close()
            raise
        return cls(conn, synchronous)

    async def close(self) -> None:
        with anyio.CancelScope(shield=True):
            await self.conn.close()

    async def fetchall(self, sql: str, args: Sequence[Any] = (), urgent: bool = False) -> list[sqlite3.Row]:
        async with self._lock.hold(urgent):
            async with self.conn.execute(sql, args) as cur:
                return list(await cur.fetchall())

    async def fetchone(self, sql: str, args: Sequence[Any] = (), urgent: bool = False) -> sqlite3.Row | None:
        async with self._lock.hold(urgent):
            async with self.conn.execute(sql, args) as cur:
                return await cur.fetchone()

    async def execute(self, sql: str, args: Sequence[Any] = (), urgent: bool = False) -> int:
        """Run one statement in its own (autocommit) transaction; returns rowcount."""
        async with self._lock.hold(urgent):
            try:
                cur = await self.conn.execute(sql, args)
            except Exception as exc:
                if is_store_failure(exc):
                    self.health.failed(exc)
                raise
            return cur.rowcount

    async def probe_write(self) -> bool:
        """Write (and remove) PROBE_BYTES for real; True, and the store healthy again, if both commit."""
        try:
            async with self.transaction() as tx:
                await tx.execute("INSERT OR REPLACE INTO seen_events (source, ref, at) VALUES ('probe', 'store', ?)",
                                 ("x" * PROBE_BYTES,))
            async with self.transaction() as tx:
                await tx.execute("DELETE FROM seen_events WHERE source = 'probe'")
        except Exception as exc:
            if is_store_failure(exc):
                return False
            raise
        self.health.recovered()
        return True

    @asynccontextmanager
    async def transaction(self, synchronous: str | None = None, urgent: bool = False) -> AsyncIterator["Tx"]:
        """BEGIN IMMEDIATE … COMMIT under the lock; `synchronous` overrides the durability of this commit."""
        async with self._lock.hold(urgent):
            if synchronous:
                await self.conn.execute(f"PRAGMA synchronous={synchronous}")
                try:
                    async with self._begin() as tx:
                        yield tx
                finally:
                    with anyio.CancelScope(shield=True):
                        await self.conn.execute(f"PRAGMA synchronous={self.synchronous}")
            else:
                async with self._begin() as tx:
                    yield tx

    @asynccontextmanager
    async def _begin(self) -> AsyncIterator["Tx"]:
        """The transaction itself; the caller holds the lock. Rolled back on any exception; a
        failure of the store itself (disk full, …) marks the store unwritable."""
        try:
            await self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield Tx(self.conn)
            except BaseException:
                with anyio.CancelScope(shield=True):
                    if self.conn.in_transaction:
                        await self.conn.execute("ROLLBACK")
                raise
            else:
                with anyio.CancelScope(shield=True):
                    try:
                        await self.conn.execute("COMMIT")
                    except BaseException:
                        # A failed COMMIT (SQLITE_FULL) may leave the transaction open.
                        if self.conn.in_transaction:
                            await self.conn.execute("ROLLBACK")
                        raise
        except Exception as exc:
            if is_store_failure(exc):
                self.health.failed(exc)
            raise


class Tx:
    """Statements inside one open transaction (the Db lock is already held)."""

    # SQLite has one writer at a time (BEGIN IMMEDIATE): a row read here cannot change before commit.
    for_update = ""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self.conn = conn

    async def execute(self, sql: str, args: Sequence[Any] = ()) -> aiosqlite.Cursor:
        return await self.conn.execute(sql, args)

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        await self.conn.executemany(sql, rows)

    async def fetchone(self, sql: str, args: Sequence[Any] = ()) -> sqlite3.Row | None:
        async with self.conn.execute(sql, args) as cur:
            return await cur.fetchone()

    async def fetchall(self, sql: str, args: Sequence[Any] = ()) -> list[sqlite3.Row]:
        async with self.conn.execute(sql, args) as cur:
            return list(await cur.fetchall())
