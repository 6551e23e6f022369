"""An injectable clock, so retry, backoff and five-minute paths run in milliseconds in tests."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

import anyio


class Clock:
    """Wall time for records, monotonic time for intervals, and the sleep that goes with them."""

    def now(self) -> datetime:
        return datetime.now(timezone.utc)

    def monotonic(self) -> float:
        return time.monotonic()

    async def sleep(self, seconds: float) -> None:
        await anyio.sleep(seconds)

    def iso(self, delta_seconds: float = 0.0) -> str:
        return (self.now() + timedelta(seconds=delta_seconds)).isoformat()


class ManualClock(Clock):
    """A clock that moves only when told to; sleepers wake when `advance` passes their deadline."""

    def __init__(self, start: datetime | None = None) -> None:
        self._wall = start or datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc)
        self._mono = 0.0
        self._changed = anyio.Event()

    def now(self) -> datetime:
        return self._wall

    def monotonic(self) -> float:
        return self._mono

    async def sleep(self, seconds: float) -> None:
        deadline = self._mono + max(seconds, 0.0)
        while self._mono < deadline:
            await self._changed.wait()
        await anyio.lowlevel.checkpoint()

    def advance(self, seconds: float) -> None:
        self._mono += seconds
        self._wall += timedelta(seconds=seconds)
        self._changed.set()
        self._changed = anyio.Event()
