"""Processing slots: how many conversations are inside the dialogue at once (DESIGN §10).

Bounding it lets finished work (sending) keep flowing under a burst. A slot is for work on
this machine: a turn that waits on an outside service (the calendar's free/busy) gives its
slot back for the wait (`released()`), so a slow calendar delays the conversations that need
it, never the unrelated ones queued behind them.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from contextvars import ContextVar
from typing import AsyncIterator

import anyio

class _Slot:
    """One turn's slot. The dialogue runs its steps in tasks of its own (LangGraph), so the slot
    is borrowed on behalf of this object, not of a task, and found through the context, which
    those tasks inherit."""

    held = False


_current: ContextVar[_Slot | None] = ContextVar("processing_slot", default=None)


class ProcessingSlots:
    def __init__(self, total: int) -> None:
        self._limiter = anyio.CapacityLimiter(total)

    @property
    def total(self) -> int:
        return int(self._limiter.total_tokens)

    @total.setter
    def total(self, value: int) -> None:
        self._limiter.total_tokens = value

    @property
    def in_use(self) -> int:
        return self._limiter.borrowed_tokens

    @asynccontextmanager
    async def hold(self) -> AsyncIterator[None]:
        """One slot for the body; waits for a free one."""
        slot = _Slot()
        await self._limiter.acquire_on_behalf_of(slot)
        slot.held = True
        token = _current.set(slot)
        try:
            yield
        finally:
            _current.reset(token)
            if slot.held:
                self._limiter.release_on_behalf_of(slot)

    @asynccontextmanager
    async def released(self) -> AsyncIterator[None]:
        """Give the current turn's slot back for the body (a wait on the outside world), and take
        one again after it. Without a slot held, just the body. If the turn is cancelled while it
        waits for its slot again, it leaves without one and `hold` releases nothing."""
        slot = _current.get()
        if slot is None or not slot.held:
            yield
            return
        self._limiter.release_on_behalf_of(slot)
        slot.held = False
        try:
            yield
        finally:
            await self._limiter.acquire_on_behalf_of(slot)
            slot.held = True
