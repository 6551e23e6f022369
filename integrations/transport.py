"""What every outbound WhatsApp transport offers the sender actor."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class SendResult:
    provider_message_id: str | None
    status: str


class SendError(Exception):
    """A send that did not go through.

    kind: `rate_limited` (back off and retry soon), `transient` (provider or network down:
    retry on the five-minute path), `permanent` (never retry: bad number, unsubscribed, …).
    `maybe_sent`: the request may have reached the provider (a timeout, a 5xx, a dropped
    connection), so the message must be looked up before it is sent again.
    """

    def __init__(self, kind: str, code: str | None, message: str, retry_after: float | None = None,
                 maybe_sent: bool = False) -> None:
        super().__init__(f"{kind} {code or ''} {message}".strip())
        self.kind = kind
        self.code = code
        self.message = message
        self.retry_after = retry_after
        self.maybe_sent = maybe_sent


class Transport(Protocol):
    name: str

    async def send(self, to: str, body: str | None, *, content_sid: str | None = None,
                   content_variables: str | None = None, sender: str | None = None) -> SendResult:
        """`sender`: the address the customer wrote to, used when none is configured."""
        ...

    async def find_sent(self, to: str, body: str | None, since: str, known: frozenset[str] = frozenset()) -> str | None:
        """The provider id of a message accepted for `to` with this body since `since`, other than the
        ids in `known` (replies already matched to other rows), if any."""
        ...

    async def typing(self, message_id: str) -> None:
        """Best effort: show the customer that an answer to `message_id` is being written."""
        ...

    async def aclose(self) -> None: ...
