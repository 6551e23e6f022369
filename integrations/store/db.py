"""One aiosqlite connection with a lock, so concurrent tasks never interleave transactions."""

from __future__ import annotations

import sqlite3
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator, Iterable, Sequence

import aiosqlite
import anyio


class Db:
    """Owns one connection. Every statement runs under the lock; `transaction()` holds it
    for a whole BEGIN IMMEDIATE … COMMIT, rolling back on any exception (cancellation too)."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self.conn = conn
        self._lock = anyio.Lock()

    @classmethod
    async def open(cls, path: str, *, synchronous: str) -> "Db":
        conn = await aiosqlite.connect(path, isolation_level=None)
        conn.row_factory = sqlite3.Row
        for pragma in (
            "PRAGMA journal_mode=WAL",
            f"PRAGMA synchronous={synchronous}",
            "PRAGMA foreign_keys=ON",
            "PRAGMA busy_timeout=10000",
        ):
            await conn.execute(pragma)
        return cls(conn)

    async def close(self) -> None:
        with anyio.CancelScope(shield=True):
            await self.conn.close()

    async def fetchall(self, sql: str, args: Sequence[Any] = ()) -> list[sqlite3.Row]:
        async with self._lock:
            async with self.conn.execute(sql, args) as cur:
                return list(await cur.fetchall())

    async def fetchone(self, sql: str, args: Sequence[Any] = ()) -> sqlite3.Row | None:
        async with self._lock:
            async with self.conn.execute(sql, args) as cur:
                return await cur.fetchone()

    async def execute(self, sql: str, args: Sequence[Any] = ()) -> int:
        """Run one statement in its own (autocommit) transaction; returns rowcount."""
        async with self._lock:
            cur = await self.conn.execute(sql, args)
            return cur.rowcount

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator["Tx"]:
        async with self._lock:
            await self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield Tx(self.conn)
            except BaseException:
                with anyio.CancelScope(shield=True):
                    await self.conn.execute("ROLLBACK")
                raise
            else:
                with anyio.CancelScope(shield=True):
                    await self.conn.execute("COMMIT")


class Tx:
    """Statements inside one open transaction (the Db lock is already held)."""

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
