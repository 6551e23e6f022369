"""The conversation actor's dialogue: the LangGraph graph with its SQLite checkpointer.

`open_dialogue(rt)` opens its own aiosqlite connection to the store's file (the
checkpointer's writes then never wait on the store's transaction lock) and compiles
the graph. `Dialogue.respond` runs one turn per inbound message:

- The checkpoint records the last inbound id and the TurnOutput it produced. A message
  that is replayed after a crash between checkpoint and outbox commit gets that stored
  output back — effects included, they are keyed downstream — without running the graph
  again (DESIGN §3).
- One checkpoint per turn (`durability="exit"`), and older checkpoints of the thread are
  pruned: a turn only ever resumes from the latest one, so keeping history would only
  grow the file.

`TurnOutput.appointment` is the conversation's currently booked appointment (start, end,
car, calendar_event_id) on every turn while one exists — not only on the turn that booked
it — so a `chat --json` script can see it at any later line; it is null before booking
and after a cancellation.
"""

from __future__ import annotations

from typing import Any

import aiosqlite
from langgraph.checkpoint.sqlite.aio import AsyncSqliteSaver

from actors.dialogue.graph import build_graph
from actors.dialogue.turn import TurnInput, TurnOutput, output_from_data
from daemon.logs import get_logger

log = get_logger(component="dialogue")


class Dialogue:
    """Implements the Brain protocol; owns the checkpointer connection (closed by `aclose`)."""

    def __init__(self, rt: Any, conn: aiosqlite.Connection, saver: AsyncSqliteSaver) -> None:
        self.rt = rt
        self._conn = conn
        self.saver = saver
        self.graph = build_graph(rt, saver)
        self.runs = 0  # graph invocations, for metrics and the replay tests

    async def respond(self, turn: TurnInput) -> TurnOutput:
        config = {"configurable": {"thread_id": turn.conversation_id}}
        snapshot = await self.graph.aget_state(config)
        values = snapshot.values or {}
        if values.get("last_inbound_id") == turn.inbound_id and values.get("last_output") is not None:
            log.info("dialogue_replayed", conversation_id=turn.conversation_id, inbound_id=turn.inbound_id)
            return output_from_data(values["last_output"])
        message = turn.message
        payload = {"turn": {
            "conversation_id": turn.conversation_id, "inbound_id": turn.inbound_id, "phone": message.phone,
            "text": message.text, "name": turn.contact_name or message.profile_name,
            "now": self.rt.clock.now().isoformat(),
            # A photo, voice note or shared location arrives with an empty text; the graph
            # needs to know what it was to answer it instead of calling it misunderstood.
            "media": [m.content_type for m in message.media][:5], "location": message.location is not None,
            "opted_out": turn.opted_out,
        }}
        self.runs += 1
        result = await self.graph.ainvoke(payload, config, durability="exit")
        await self._prune(turn.conversation_id)
        return output_from_data(result["last_output"])

    async def offered_starts(self, conversation_id: str) -> list[str]:
        """The starts (ISO) of the times on offer now, in their numbered order ([] when none): what a
        tap on a list item is checked against."""
        snapshot = await self.graph.aget_state({"configurable": {"thread_id": conversation_id}})
        offer = ((snapshot.values or {}).get("model") or {}).get("offer") or {}
        return [str(slot[0]) for slot in offer.get("slots") or []]

    async def pending_question(self, conversation_id: str) -> tuple[int, str]:
        """(the inbound id of the last turn, what its reply asked: an `Expect` value): whether a
        yes/no answer is expected now, and since which message."""
        snapshot = await self.graph.aget_state({"configurable": {"thread_id": conversation_id}})
        values = snapshot.values or {}
        return int(values.get("last_inbound_id") or 0), str((values.get("model") or {}).get("expect") or "nothing")

    async def _prune(self, thread_id: str) -> None:
        # Only the newest checkpoint is ever read; the rest would grow the file every turn.
        # Under the saver's own lock, so the delete never lands inside one of its writes.
        async with self.saver.lock:
            await self._delete_old(thread_id)

    async def _delete_old(self, thread_id: str) -> None:
        await self._conn.execute(
            "DELETE FROM checkpoints WHERE thread_id = ? AND checkpoint_id <"
            " (SELECT MAX(checkpoint_id) FROM checkpoints WHERE thread_id = ?)", (thread_id, thread_id))
        await self._conn.execute(
            "DELETE FROM writes WHERE thread_id = ? AND checkpoint_id <"
            " (SELECT MAX(checkpoint_id) FROM checkpoints WHERE thread_id = ?)", (thread_id, thread_id))
        await self._conn.commit()

    async def aclose(self) -> None:
        await self._conn.close()


async def open_dialogue(rt: Any) -> Dialogue:
    """Open the checkpointer on `rt.config.store.path` (creating its tables) and build the graph."""
    conn = await aiosqlite.connect(rt.config.store.path, timeout=30.0)
    try:
        await conn.execute("PRAGMA journal_mode=WAL")
        await conn.execute("PRAGMA synchronous=NORMAL")
        saver = AsyncSqliteSaver(conn)
        await saver.setup()
    except BaseException:
        await conn.close()
        raise
    return Dialogue(rt, conn, saver)
