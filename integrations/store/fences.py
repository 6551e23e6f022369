"""Fencing: a turn commits only while no newer holder of the conversation's lease has written.

The Redis lease on a conversation expires when its holder stops renewing (a pause, a partition, a
crash); another instance then takes it and works the conversation. A paused holder that wakes up
must not commit its stale turn. Every lease comes with a token from a Redis counter that only grows;
the store keeps the highest token that wrote for each phone, and a write carrying a lower one is
refused (`Fenced`) inside the same transaction as the turn, which is then rolled back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Fence:
    """The lease a turn runs under: the conversation's phone and the lease's token."""

    phone: str
    token: int


class Fenced(Exception):
    """A newer lease holder has already written for this phone: this turn is stale."""


# Keep the highest token; a lower one changes nothing (rowcount 0), on SQLite and PostgreSQL alike.
FENCE_SQL = (
    "INSERT INTO conversation_fences (phone, token) VALUES (?, ?) ON CONFLICT (phone) DO UPDATE"
    " SET token = excluded.token WHERE conversation_fences.token <= excluded.token"
)


async def check_fence(tx: Any, fence: Fence | None) -> None:
    """Record `fence` inside `tx`, or raise Fenced when a newer token is already recorded."""
    if fence is None:
        return
    cur = await tx.execute(FENCE_SQL, (fence.phone, fence.token))
    if not cur.rowcount:
        raise Fenced(f"lease token {fence.token} is older than the one that last wrote")
