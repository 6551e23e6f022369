"""Durable side-effect queue for the supervisor actors (deal creation, calendar events, …).

A task is keyed (`deal:<appointment id>`), so queueing the same work twice is harmless,
and it survives a crash: the actor picks up every pending task at start.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from integrations.store.database import Database


@dataclass(frozen=True)
class TaskSpec:
    """Work to queue for a supervisor actor; `delay` seconds before the first attempt."""

    kind: str
    key: str
    payload: dict[str, Any]
    delay: float = 0.0


# Queue `key`, or re-arm it when it already ran: a burst of changes becomes one call (debounce).
SCHEDULE_SQL = (
    "INSERT INTO tasks (kind, key, payload, next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (key) DO UPDATE SET payload = excluded.payload, updated_at = excluded.updated_at,"
    " next_attempt_at = CASE WHEN tasks.status = 'pending' THEN tasks.next_attempt_at ELSE excluded.next_attempt_at END,"
    " attempts = CASE WHEN tasks.status = 'pending' THEN tasks.attempts ELSE 0 END, status = 'pending',"
    " generation = tasks.generation + 1"
)


def schedule_args(spec: TaskSpec, clock) -> tuple:
    now = clock.iso()
    return (spec.kind, spec.key, json.dumps(spec.payload), clock.iso(spec.delay), now, now)


@dataclass(frozen=True)
class Task:
    id: int
    kind: str
    key: str
    payload: dict[str, Any]
    attempts: int
    next_attempt_at: str | None
    generation: int = 0


_SELECT = "SELECT id, kind, key, payload, attempts, next_attempt_at, generation FROM tasks"


def _task(r) -> Task:
    return Task(r["id"], r["kind"], r["key"], json.loads(r["payload"]), r["attempts"], r["next_attempt_at"],
                r["generation"])


class Tasks:
    def __init__(self, db: Database, clock) -> None:
        self._db = db
        self._clock = clock

    async def add(self, kind: str, key: str, payload: dict[str, Any]) -> bool:
        now = self._clock.iso()
        return bool(await self._db.execute(
            "INSERT OR IGNORE INTO tasks (kind, key, payload, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
            (kind, key, json.dumps(payload), now, now),
        ))

    async def schedule(self, kind: str, key: str, payload: dict[str, Any], delay_seconds: float = 0.0) -> None:
        """Queue `key`, or re-arm it when it already ran: a burst of changes becomes one call (debounce)."""
        await self.schedule_many([TaskSpec(kind, key, payload, delay_seconds)])

    async def schedule_many(self, specs: list[TaskSpec]) -> None:
        if specs:
            async with self._db.transaction() as tx:
                await tx.executemany(SCHEDULE_SQL, [schedule_args(spec, self._clock) for spec in specs])

    async def pending_kinds(self, kinds: tuple[str, ...]) -> list[Task]:
        marks = ", ".join("?" for _ in kinds)
        rows = await self._db.fetchall(f"{_SELECT} WHERE kind IN ({marks}) AND status = 'pending' ORDER BY id",
                                       kinds)
        return [_task(r) for r in rows]

    async def bring_forward(self) -> None:
        """Make debounced first attempts due now; tasks waiting out a retry backoff keep their time."""
        await self._db.execute("UPDATE tasks SET next_attempt_at = NULL WHERE status = 'pending' AND attempts = 0")

    async def count_fresh(self) -> int:
        """Pending tasks that have not failed yet."""
        row = await self._db.fetchone("SELECT COUNT(*) FROM tasks WHERE status = 'pending' AND attempts = 0")
        return row[0] if row else 0

    async def pending(self, kind: str) -> list[Task]:
        rows = await self._db.fetchall(f"{_SELECT} WHERE kind = ? AND status = 'pending' ORDER BY id", (kind,))
        return [_task(r) for r in rows]

    async def done(self, task_id: int, generation: int | None = None) -> bool:
        """Mark done — unless it was re-scheduled while it ran (another generation): then it stays
        pending and runs again with the newer data. True when it was marked done."""
        if generation is None:
            return bool(await self._db.execute("UPDATE tasks SET status = 'done', updated_at = ? WHERE id = ?",
                                               (self._clock.iso(), task_id)))
        return bool(await self._db.execute(
            "UPDATE tasks SET status = 'done', updated_at = ? WHERE id = ? AND generation = ?",
            (self._clock.iso(), task_id, generation)))

    async def retry_later(self, task_id: int, next_attempt_at: str, error: str) -> None:
        await self._db.execute(
            "UPDATE tasks SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, updated_at = ? WHERE id = ?",
            (next_attempt_at, error[:2000], self._clock.iso(), task_id),
        )

    async def fail(self, task_id: int, error: str) -> None:
        await self._db.execute(
            "UPDATE tasks SET status = 'failed', attempts = attempts + 1, last_error = ?, updated_at = ? WHERE id = ?",
            (error[:2000], self._clock.iso(), task_id),
        )

    async def was_seen(self, source: str, ref: str) -> bool:
        return await self._db.fetchone("SELECT 1 FROM seen_events WHERE source = ? AND ref = ?",
                                       (source, ref)) is not None

    async def seen(self, source: str, ref: str) -> bool:
        """Record an external event id; True when it had been recorded before (a redelivery)."""
        return not await self._db.execute(
            "INSERT OR IGNORE INTO seen_events (source, ref, at) VALUES (?, ?, ?)", (source, ref, self._clock.iso())
        )
