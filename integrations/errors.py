"""The error every outside-service client raises, so actors can decide retry or give up uniformly."""

from __future__ import annotations

from typing import Any


class IntegrationError(Exception):
    """A failed call: HTTP `status` (0 without an answer), the service's error `body` (parsed JSON
    where possible), `retry_after` seconds when the service asked for it, and whether retrying
    may help (`transient`: 429, 423, 5xx, timeouts, connection errors)."""

    def __init__(self, message: str, *, status: int = 0, body: Any = None, retry_after: float | None = None,
                 transient: bool) -> None:
        super().__init__(message)
        self.status = status
        self.body = body
        self.retry_after = retry_after
        self.transient = transient
