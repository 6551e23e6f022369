"""The sweep: nothing the daemon acknowledged is left waiting while it runs (DESIGN §3).

A message can be stored and acknowledged and then not handled: the store failed under its
conversation actor (disk full, out of descriptors), or the hand-over after the commit failed.
Without the sweep such a row would wait for a restart or for the same customer to write again.
Every `limits.sweep_seconds` the sweep wakes each conversation that has had a pending row since
the previous sweep and no live actor (on a shared PostgreSQL store: every such conversation, so
rows left by an instance that died are taken over), and wakes the sender and the side-effect
actors (their scans resume outbox rows and tasks that are due).

While the store cannot write, sweeping is pointless: the sweep instead probes with a real write
(`Db.probe_write`), backing off from `sweep_seconds` to MAX_BACKOFF; the first probe that
succeeds marks the store writable again (readiness follows) and the sweep runs at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from daemon.logs import get_logger
from integrations.store.health import is_store_failure

if TYPE_CHECKING:
    from daemon.runtime import Runtime

MAX_BACKOFF = 10.0


class Sweeper:
    name = "sweeper"

    def __init__(self, rt: "Runtime") -> None:
        self.rt = rt
        self.log = get_logger(actor=self.name)
        self._seen_up_to = 0  # rows up to this id were already there at the previous sweep
        self.sweeps = 0

    async def run(self) -> None:
        """Until cancelled. Store failures are waited out here; anything else crashes the actor
        (its supervisor restarts it)."""
        base = self.rt.config.limits.sweep_seconds
        delay = base
        while True:
            await self.rt.clock.sleep(delay)
            base = self.rt.config.limits.sweep_seconds
            try:
                if not self.rt.store.main.health.writable:
                    if not await self.rt.store.main.probe_write():
                        delay = min(max(delay, base) * 2, MAX_BACKOFF)
                        continue
                    self.log.info("store_writable_again")
                await self.sweep()
                delay = base
            except Exception as exc:
                if not is_store_failure(exc):
                    raise
                self.log.warning("sweep_failed", error=repr(exc))
                delay = min(max(delay, base) * 2, MAX_BACKOFF)

    async def sweep(self) -> int:
        """Wake what waits; returns how many conversations were woken."""
        rt = self.rt
        woken = 0
        if self._seen_up_to:
            for conversation_id, phone in await rt.store.inbox.waiting(self._seen_up_to):
                # On a shared store a live but idle actor here may be exactly what the row waits
                # for (it arrived at an instance that died): a wake-up costs one read if not.
                if rt.store.shared or not rt.registry.is_active(conversation_id):
                    rt.deliver(conversation_id, phone)
                    woken += 1
        self._seen_up_to = await rt.store.inbox.last_id()
        rt.wake_sender()
        rt.integrations.wake()
        self.sweeps += 1
        if woken:
            rt.metrics.inc("seldenrijk_sweep_wakeups_total", woken)
            self.log.warning("sweep_woke_conversations", conversations=woken)
        return woken
