"""Supervision: restart a crashed child with exponential backoff; escalate when it keeps crashing.

The restart policy lives here, not in the children. A child that returns normally is
done; a child that raises is restarted after 0.5, 1, 2, … s (capped), unless it has
crashed `max_restarts` times within `window` seconds: then `Escalation` propagates,
the daemon reports not-ready and exits non-zero so systemd restarts it (DESIGN §2).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable

from daemon.logs import get_logger
from integrations.clock import Clock


class Escalation(Exception):
    """A child crashed too often; carries its name and the last error."""

    def __init__(self, child: str, error: BaseException) -> None:
        super().__init__(f"{child} crashed too often: {error!r}")
        self.child = child


@dataclass
class Supervisor:
    clock: Clock
    max_restarts: int = 5
    window: float = 60.0
    backoff_base: float = 0.5
    backoff_max: float = 30.0
    restarts: dict[str, int] = field(default_factory=dict)

    async def supervise(self, name: str, child: Callable[[], Awaitable[Any]], metrics: Any = None) -> None:
        """Run `child` until it returns; cancellation passes straight through."""
        log = get_logger(actor=name)
        crashes: deque[float] = deque()
        delay = self.backoff_base
        while True:
            started = self.clock.monotonic()
            try:
                await child()
                return
            except Exception as exc:  # the error boundary: cancellation is a BaseException and is not caught
                now = self.clock.monotonic()
                if now - started > self.window:
                    delay = self.backoff_base  # it ran healthy for a while: this is a new incident
                crashes.append(now)
                while crashes and crashes[0] < now - self.window:
                    crashes.popleft()
                self.restarts[name] = self.restarts.get(name, 0) + 1
                if metrics is not None:
                    metrics.inc("seldenrijk_actor_restarts_total", actor=name)
                if len(crashes) > self.max_restarts:
                    log.error("actor_escalated", error=repr(exc), crashes=len(crashes), window_s=self.window)
                    raise Escalation(name, exc) from exc
                log.error("actor_crashed", error=repr(exc), restart_in_s=delay, exc_info=exc)
                await self.clock.sleep(delay)
                delay = min(delay * 2, self.backoff_max)
