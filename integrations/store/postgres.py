"""The PostgreSQL backend of the store: a bounded psycopg pool behind the same interface as `Db`.

The repositories write their statements once, in the spelling SQLite uses; `pg_sql` turns the
few that differ into PostgreSQL's (placeholders, `INSERT OR IGNORE`, the new row's id). Every
statement outside `transaction()` runs on a pooled connection in autocommit; a transaction holds
one connection from BEGIN to COMMIT. Commits are durable by PostgreSQL's own settings, so the
SQLite durability override (`synchronous`) and the lock priority (`urgent`) mean nothing here.
"""

from __future__ import annotations

import re
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, AsyncIterator, Iterable, Sequence

import anyio
import psycopg
from psycopg_pool import AsyncConnectionPool

from integrations.store.health import StoreHealth, is_store_failure

PROBE_BYTES = 64 * 1024

# Tables whose rows get an id from an identity column: an insert into them returns it (`lastrowid`).
_ID_TABLES = ("inbox", "outbox", "outbox_events", "transcript", "tasks")
_INSERT = re.compile(r"^\s*INSERT\s+(OR\s+IGNORE\s+)?INTO\s+(\w+)", re.IGNORECASE)


@lru_cache(maxsize=512)
def pg_sql(sql: str, returning: bool = False) -> str:
    """The PostgreSQL spelling of one statement written for SQLite."""
    text = sql.replace("%", "%%").replace("?", "%s")
    match = _INSERT.match(text)
    if match is None:
        return text
    if match.group(1):
        text = _INSERT.sub(f"INSERT INTO {match.group(2)}", text, count=1) + " ON CONFLICT DO NOTHING"
    if returning and match.group(2) in _ID_TABLES:
        text += " RETURNING id"
    return text


class Row(tuple[Any, ...]):
    """A result row readable by position and by column name, like `sqlite3.Row`."""

    names: tuple[str, ...] = ()

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self.names.index(key))
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self.names)


@lru_cache(maxsize=256)
def _row_class(names: tuple[str, ...]) -> type[Row]:
    return type("Row", (Row,), {"names": names})


def _row_factory(cursor: Any) -> Any:
    return _row_class(tuple(d.name for d in cursor.description or ()))


@dataclass(frozen=True)
class Result:
    """What `PgTx.execute` returns: the parts of a DB-API cursor the repositories use."""

    rowcount: int
    lastrowid: int | None


class PgTx:
    """Statements inside one open transaction, on the connection that holds it."""

    def __init__(self, conn: psycopg.AsyncConnection[Any]) -> None:
        self.conn = conn

    # Appended to a SELECT that reads a row the transaction will then change: under READ COMMITTED
    # a second instance reading the same row waits for this commit instead of deciding on old data.
    for_update = " FOR UPDATE"

    async def execute(self, sql: str, args: Sequence[Any] = ()) -> Result:
        cur = await self.conn.execute(pg_sql(sql, returning=True), args)
        row = await cur.fetchone() if cur.description else None
        return Result(cur.rowcount, row[0] if row else None)

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        async with self.conn.cursor() as cur:
            await cur.executemany(pg_sql(sql), list(rows))

    async def fetchone(self, sql: str, args: Sequence[Any] = ()) -> Row | None:
        cur = await self.conn.execute(pg_sql(sql), args)
        row: Row | None = await cur.fetchone()
        return row

    async def fetchall(self, sql: str, args: Sequence[Any] = ()) -> list[Row]:
        cur = await self.conn.execute(pg_sql(sql), args)
        return list(await cur.fetchall())


class PgDb:
    """Owns the pool. Same methods as `Db`; a statement that fails because the server cannot be
    reached (or refuses work) marks the store unwritable until a probe succeeds."""

    backend = "postgresql"

    def __init__(self, pool: AsyncConnectionPool[Any]) -> None:
        self.pool = pool
        self.health = StoreHealth()

    @classmethod
    async def open(cls, url: str, *, pool_size: int, password: str = "", timeout: float = 10.0) -> "PgDb":
        kwargs: dict[str, Any] = {"autocommit": True, "row_factory": _row_factory}
        if password:
            kwargs["password"] = password
        pool: AsyncConnectionPool[Any] = AsyncConnectionPool(
            url, min_size=1, max_size=pool_size, open=False, timeout=timeout, kwargs=kwargs)
        try:
            await pool.open(wait=True, timeout=timeout)
        except BaseException:
            with anyio.CancelScope(shield=True):
                await pool.close()
            raise
        return cls(pool)

    async def close(self) -> None:
        with anyio.CancelScope(shield=True):
            await self.pool.close()

    @asynccontextmanager
    async def _connection(self) -> AsyncIterator[psycopg.AsyncConnection[Any]]:
        """A pooled connection, given back even when the caller is cancelled (a connection lost
        to a cancelled return would shrink the pool for good)."""
        try:
            conn = await self.pool.getconn()
        except Exception as exc:
            self._failed(exc)
            raise
        try:
            yield conn
        except Exception as exc:
            self._failed(exc)
            raise
        finally:
            with anyio.CancelScope(shield=True):
                await self.pool.putconn(conn)

    def _failed(self, exc: BaseException) -> None:
        if is_store_failure(exc):
            self.health.failed(exc)

    async def fetchall(self, sql: str, args: Sequence[Any] = (), urgent: bool = False) -> list[Row]:
        async with self._connection() as conn:
            cur = await conn.execute(pg_sql(sql), args)
            return list(await cur.fetchall())

    async def fetchone(self, sql: str, args: Sequence[Any] = (), urgent: bool = False) -> Row | None:
        async with self._connection() as conn:
            cur = await conn.execute(pg_sql(sql), args)
            row: Row | None = await cur.fetchone()
            return row

    async def execute(self, sql: str, args: Sequence[Any] = (), urgent: bool = False) -> int:
        """Run one statement in its own (autocommit) transaction; returns rowcount."""
        async with self._connection() as conn:
            cur = await conn.execute(pg_sql(sql), args)
            return cur.rowcount

    async def probe_write(self) -> bool:
        """Write (and remove) PROBE_BYTES for real; True, and the store healthy again, if both commit."""
        try:
            async with self.transaction() as tx:
                await tx.execute("INSERT INTO seen_events (source, ref, at) VALUES ('probe', 'store', ?)"
                                 " ON CONFLICT (source, ref) DO UPDATE SET at = excluded.at", ("x" * PROBE_BYTES,))
            async with self.transaction() as tx:
                await tx.execute("DELETE FROM seen_events WHERE source = 'probe'")
        except Exception as exc:
            if is_store_failure(exc):
                return False
            raise
        self.health.recovered()
        return True

    @asynccontextmanager
    async def transaction(self, synchronous: str | None = None, urgent: bool = False) -> AsyncIterator[PgTx]:
        """BEGIN … COMMIT on one pooled connection, rolled back on any exception (cancellation too)."""
        async with self._connection() as conn:
            await conn.execute("BEGIN")
            try:
                yield PgTx(conn)
            except BaseException:
                with anyio.CancelScope(shield=True):
                    if not conn.closed:
                        try:
                            await conn.execute("ROLLBACK")
                        except psycopg.Error:
                            pass  # the connection broke: the server rolled back, the pool discards it
                raise
            else:
                with anyio.CancelScope(shield=True):
                    await conn.execute("COMMIT")
