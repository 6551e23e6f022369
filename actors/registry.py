"""The conversation registry: one actor per active conversation, spawned on demand, gone when idle."""

from __future__ import annotations

from typing import TYPE_CHECKING

import anyio
from anyio.abc import TaskGroup

from actors.mailbox import open_mailbox, post
from actors.messages import Stop, Wake

if TYPE_CHECKING:
    from anyio.abc import TaskStatus

    from daemon.runtime import Runtime
    from actors.conversation import ConversationActor


class ConversationRegistry:
    """Owns the conversation actors in its task group.

    `deliver` never waits: the message is already durable in the inbox, so a full
    mailbox only means the actor will find it when it next reads the inbox.
    """

    def __init__(self, runtime: "Runtime") -> None:
        self.rt = runtime
        self._actors: dict[str, "ConversationActor"] = {}
        self._tg: TaskGroup | None = None
        self.accepting = True
        self._emptied = anyio.Event()

    @property
    def active(self) -> int:
        return len(self._actors)

    async def run(self, *, task_status: TaskStatus[None] = anyio.TASK_STATUS_IGNORED) -> None:
        async with anyio.create_task_group() as tg:
            self._tg = tg
            task_status.started()
            # Replay what a previous run (or a crashed registry) left unhandled, in inbox order.
            for row in await self.rt.store.inbox.pending():
                self.deliver(row.conversation_id, row.phone, row.id)
            await anyio.sleep_forever()

    def deliver(self, conversation_id: str, phone: str, inbox_id: int | None = None) -> None:
        from actors.conversation import ConversationActor

        if not self.accepting or self._tg is None:
            return
        actor = self._actors.get(conversation_id)
        if actor is None:
            mailbox = open_mailbox(self.rt.config.limits.mailbox_size)
            actor = ConversationActor(self.rt, conversation_id, phone, mailbox, self)
            self._actors[conversation_id] = actor
            self._tg.start_soon(actor.run, name=f"conversation {conversation_id}")
        post(actor.mailbox.address, Wake("inbox", inbox_id))

    def is_active(self, conversation_id: str) -> bool:
        return conversation_id in self._actors

    def forget(self, actor: "ConversationActor") -> None:
        actor.mailbox.close()
        if self._actors.get(actor.conversation_id) is actor:
            del self._actors[actor.conversation_id]
        if not self._actors:
            self._emptied.set()

    def stop_all(self) -> None:
        """Stop intake: each actor finishes the message in hand, then returns."""
        self.accepting = False
        for actor in list(self._actors.values()):
            actor.stopping = True
            post(actor.mailbox.address, Stop())

    async def wait_idle(self) -> None:
        while self._actors:
            self._emptied = anyio.Event()
            await self._emptied.wait()

    def cancel(self) -> None:
        if self._tg is not None:
            self._tg.cancel_scope.cancel()
