"""Base for the supervisor actors that perform durable side effects (CRM, calendar, Chatwoot).

Work arrives as rows in the `tasks` table (keyed, so queueing twice is harmless) plus a
wake-up in the mailbox. Tasks run one at a time in id order. A transient failure
(429, 5xx, timeout) is retried with exponential backoff from 2 s up to 5 minutes, for
up to a day; a permanent one is logged with the API's error body, counted, and — where
a person should know — reported to a human.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from datetime import datetime, timedelta
from typing import Any, Callable, TypeVar

import structlog

from actors.mailbox import Mailbox, open_mailbox, wait_wake
from daemon.logs import get_logger
from integrations.errors import IntegrationError
from integrations.store.tasks import Task

if TYPE_CHECKING:
    from daemon.runtime import Runtime

C = TypeVar("C")
K = TypeVar("K")
MAX_BACKOFF = 300.0
GIVE_UP_AFTER = 24 * 3600 / MAX_BACKOFF  # about a day of five-minute retries


class TaskError(Exception):
    """Raised by `perform`: `transient` decides between retry and failure."""

    def __init__(self, message: str, *, transient: bool, retry_after: float | None = None, body: Any = None) -> None:
        super().__init__(message)
        self.transient = transient
        self.retry_after = retry_after
        self.body = body


class TaskActor:
    name = "tasks"
    kinds: tuple[str, ...] = ()

    def __init__(self, rt: "Runtime") -> None:
        self.rt = rt
        self.mailbox: Mailbox[Any] = open_mailbox(256)
        self.log = get_logger(actor=self.name)
        self._client: Any = None
        self._client_config: Any = None

    def cached_client(self, config: C, build: Callable[[C], K]) -> K:
        """The client for `config`, rebuilt when a reload changed that section."""
        if self._client is None or self._client_config != config:
            self._client, self._client_config = build(config), config
        client: K = self._client
        return client

    async def aclose(self) -> None:
        self.mailbox.close()
        if self._client is not None and hasattr(self._client, "aclose"):
            await self._client.aclose()

    def wake(self) -> None:
        self.mailbox.post("wake")

    async def setup(self) -> None:
        """Once per (re)start, before tasks run."""

    async def run(self) -> None:
        await self.setup()
        while True:
            delay = await self.run_due()
            await wait_wake(self.mailbox, self.rt.clock, delay)

    async def run_due(self) -> float:
        now = self.rt.clock.now()
        next_due = 60.0
        for task in await self.rt.store.tasks.pending_kinds(self.kinds):
            if task.next_attempt_at and datetime.fromisoformat(task.next_attempt_at) > now:
                next_due = min(next_due, (datetime.fromisoformat(task.next_attempt_at) - now).total_seconds())
                continue
            await self._attempt(task)
        return max(next_due, 0.0)

    async def _attempt(self, task: Task) -> None:
        store = self.rt.store.tasks
        with structlog.contextvars.bound_contextvars(task=task.key,
                                                     conversation_id=task.payload.get("conversation_id")):
            try:
                try:
                    await self.perform(task)
                except TaskError:
                    raise
                except IntegrationError as exc:
                    raise TaskError(str(exc), transient=exc.transient, retry_after=exc.retry_after,
                                    body=exc.body) from exc
                except Exception as exc:  # an error nobody classified: retry rather than lose the work
                    raise TaskError(repr(exc), transient=True) from exc
            except TaskError as err:
                self.rt.metrics.inc("seldenrijk_integration_errors_total", service=self.name,
                                    kind="transient" if err.transient else "permanent")
                if err.transient and task.attempts < GIVE_UP_AFTER:
                    delay = err.retry_after or min(2.0 * 2 ** task.attempts, MAX_BACKOFF)
                    next_at = (self.rt.clock.now() + timedelta(seconds=delay)).isoformat()
                    await store.retry_later(task.id, next_at, str(err))
                    self.log.warning("task_retry", error=str(err), body=err.body, retry_in_s=delay,
                                     attempt=task.attempts + 1)
                    return
                await store.fail(task.id, f"{err} {err.body!r}")
                self.log.error("task_failed", error=str(err), body=err.body, alert=True)
                await self.on_failed(task, err)
                return
            await store.done(task.id, task.generation)

    async def perform(self, task: Task) -> None:
        raise NotImplementedError

    async def on_failed(self, task: Task, err: TaskError) -> None:
        """A permanent failure; subclasses tell a human where it matters."""
