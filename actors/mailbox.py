"""Mailboxes: an actor's address is the send half of a bounded memory object stream."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import anyio
from anyio.streams.memory import MemoryObjectReceiveStream, MemoryObjectSendStream

from actors.messages import Ask

if TYPE_CHECKING:
    from integrations.clock import Clock

T = TypeVar("T")


@dataclass
class Mailbox(Generic[T]):
    """Both halves of one actor's mailbox; the owner keeps `inbox`, others get `address`."""

    address: MemoryObjectSendStream[T]
    inbox: MemoryObjectReceiveStream[T]

    def post(self, message: T) -> bool:
        """Deliver without waiting; False when full or closed (the caller's data is durable elsewhere)."""
        return post(self.address, message)

    def close(self) -> None:
        """Close both halves: the owner's loop ends, later posts are refused."""
        self.address.close()
        self.inbox.close()


def open_mailbox(size: int) -> Mailbox[Any]:
    send, receive = anyio.create_memory_object_stream[Any](size)
    return Mailbox(send, receive)


def post(address: MemoryObjectSendStream[Any], message: Any) -> bool:
    try:
        address.send_nowait(message)
        return True
    except (anyio.WouldBlock, anyio.BrokenResourceError, anyio.ClosedResourceError):
        return False


class AskTimeout(Exception):
    """The actor did not answer in time (or its mailbox was full or closed)."""


async def ask(address: MemoryObjectSendStream[Any], request: Any, timeout: float) -> Any:
    """Request/response with a deadline; raises AskTimeout rather than waiting forever."""
    reply_send, reply_receive = anyio.create_memory_object_stream[Any](1)
    with reply_send, reply_receive:
        with anyio.move_on_after(timeout) as scope:
            try:
                await address.send(Ask(request, reply_send))
                return await reply_receive.receive()
            except (anyio.BrokenResourceError, anyio.ClosedResourceError, anyio.EndOfStream):
                raise AskTimeout(type(request).__name__) from None
        if scope.cancelled_caught:
            raise AskTimeout(type(request).__name__)
    raise AskTimeout(type(request).__name__)


def answer(message: Ask, reply: Any) -> None:
    """Reply to an Ask; a requester that gave up has closed its end, which is fine."""
    post(message.reply_to, reply)


async def wait_wake(mailbox: Mailbox[Any], clock: Clock, delay: float) -> None:
    """Until something arrives in `mailbox` (a burst is coalesced) or `delay` passes on `clock`."""
    async with anyio.create_task_group() as tg:

        async def timer() -> None:
            await clock.sleep(delay)
            tg.cancel_scope.cancel()

        async def mail() -> None:
            await mailbox.inbox.receive()
            while True:
                try:
                    mailbox.inbox.receive_nowait()
                except anyio.WouldBlock:
                    break
            tg.cancel_scope.cancel()

        tg.start_soon(timer)
        tg.start_soon(mail)
