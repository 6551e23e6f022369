"""The dialogue with its checkpoints in PostgreSQL: what a store on PostgreSQL (several instances) uses.

The graph, the turn and the replay rule are the dialogue's own (`actors.dialogue.dialogue`); only
where the checkpoints live differs. LangGraph's Postgres saver keeps them in the store's database
on a small pool of its own, so the next message of a conversation finds its context on whichever
instance it lands. The saver does not stop two writers of one thread (langgraph#8796): that is the
conversation lease's job, and a turn's outcome is only committed under it (`Outbox.finish_inbound`).
"""

from __future__ import annotations

from typing import Any

import anyio
from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
from psycopg.rows import dict_row
from psycopg_pool import AsyncConnectionPool

from actors.dialogue.dialogue import Dialogue
from actors.dialogue.graph import build_graph
from integrations.store import MIGRATION_LOCK

# The saver serialises its statements behind one lock per instance, so more connections would idle.
POOL_SIZE = 2


class PostgresDialogue(Dialogue):
    """Implements the Brain protocol; owns the saver's pool (closed by `aclose`)."""

    def __init__(self, rt: Any, pool: AsyncConnectionPool[Any], saver: AsyncPostgresSaver) -> None:
        # Not Dialogue.__init__: that one takes the SQLite connection this backend has no use for.
        self.rt = rt
        self._pool = pool
        self.saver = saver  # type: ignore[assignment]
        self.graph = build_graph(rt, saver)
        self.runs = 0

    async def _prune(self, thread_id: str) -> None:
        # Only the newest checkpoint is ever read; the rest would grow the tables every turn.
        await self.saver.aprune([thread_id], strategy="keep_latest")

    async def aclose(self) -> None:
        with anyio.CancelScope(shield=True):
            await self._pool.close()


async def open_postgres_dialogue(rt: Any) -> PostgresDialogue:
    """Open the saver's pool on `store.url`, create or upgrade its tables (under the store's
    migration lock, so instances starting together do not race) and build the graph."""
    store = rt.config.store
    kwargs: dict[str, Any] = {"autocommit": True, "prepare_threshold": 0, "row_factory": dict_row}
    if store.password:
        kwargs["password"] = store.password
    pool: AsyncConnectionPool[Any] = AsyncConnectionPool(store.url, min_size=1, max_size=POOL_SIZE, open=False,
                                                         kwargs=kwargs)
    try:
        await pool.open(wait=True, timeout=10.0)
        saver = AsyncPostgresSaver(pool)
        async with pool.connection() as conn:
            await conn.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK,))
            try:
                await saver.setup()
            finally:
                with anyio.CancelScope(shield=True):
                    await conn.execute("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK,))
    except BaseException:
        with anyio.CancelScope(shield=True):
            await pool.close()
        raise
    return PostgresDialogue(rt, pool, saver)
