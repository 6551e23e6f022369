"""Sending through Twilio's Messages API with the official SDK's async client (api-notes §c).

The async HTTP client ignores its own timeout, so every call is wrapped in ours; and it
is built without retries, because a retried POST after a 5xx can duplicate a message.
"""

from __future__ import annotations

import json
from contextvars import ContextVar
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

import aiohttp
import anyio
from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.http.async_http_client import AsyncTwilioHttpClient
from twilio.rest import Client

from daemon.config import TwilioConfig
from integrations.phone import PhoneError, to_twilio
from integrations.transport import SendError, SendResult

DEFAULT_API_BASE_URL = "https://api.twilio.com"

# Codes that will fail the same way however often we try (api-notes §c).
PERMANENT = {"21211", "21610", "63003", "21614", "21408", "21612", "21656", "63007", "63024", "21606", "21617"}
UNSUBSCRIBED = {"21610"}
INVALID_NUMBER = {"21211", "63003", "21614", "63024", "invalid_phone"}

# The SDK raises TwilioRestException without the response headers; the HTTP client below leaves
# the last answer's Retry-After here, in the calling task's context, for `_classify` to read.
_retry_after: ContextVar[float | None] = ContextVar("twilio_retry_after", default=None)


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds from a Retry-After header: delta-seconds or an HTTP date; None when unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return float(min(int(value[:7]), 86400))
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        return None
    return max(0.0, (moment - (now or datetime.now(moment.tzinfo))).total_seconds())


class _HttpClient(AsyncTwilioHttpClient):
    """The SDK's async client, remembering Retry-After of a 429 or 503 answer.

    It also sends JSON bodies as JSON: the SDK's Content API `create_async` passes a dict with
    `Content-Type: application/json`, which the synchronous client serialises and the async one
    (twilio 9.13.0) hands to aiohttp as form fields, nested dicts and all."""

    async def request(self, *args: Any, **kwargs: Any) -> Any:
        headers = kwargs.get("headers") or {}
        if headers.get("Content-Type") == "application/json" and isinstance(kwargs.get("data"), dict):
            kwargs["data"] = json.dumps(kwargs["data"])
        _retry_after.set(None)
        response = await super().request(*args, **kwargs)
        if response.status_code in (429, 503):
            _retry_after.set(parse_retry_after((response.headers or {}).get("Retry-After")))
        return response


class TwilioTransport:
    name = "twilio"

    def __init__(self, config: TwilioConfig) -> None:
        self.config = config
        self._http: AsyncTwilioHttpClient | None = None
        self._client: Client | None = None

    async def _sdk(self) -> Client:
        """The SDK client, built completely or not at all.

        Built on first use because the aiohttp session inside must be created within the running
        loop. Every step that can fail (the SDK imports its domains lazily, which fails when
        descriptors run out) happens before the client is kept: a half-built client would keep the
        SDK's default host and send to api.twilio.com, ignoring `twilio.api_base_url`.
        """
        if self._client is not None:
            return self._client
        http = _HttpClient()
        try:
            client = Client(self.config.account_sid, self.config.auth_token, http_client=http)
            client.api.base_url = self.config.api_base_url.rstrip("/")
            if self.config.api_base_url.rstrip("/") != DEFAULT_API_BASE_URL:
                # A local stand-in (tests) serves Twilio's other domains too: typing indicators.
                client.messaging.base_url = client.api.base_url
                client.content.base_url = client.api.base_url
            client.api.v2010.account.messages  # noqa: B018 - resolve the lazy imports now, not mid-send
            client.messaging.v2.typing_indicator  # noqa: B018
            client.content.v1.contents  # noqa: B018
        except BaseException:
            with anyio.CancelScope(shield=True):
                await http.close()
            raise
        self._http, self._client = http, client
        return client

    async def _built(self) -> Client:
        try:
            return await self._sdk()
        except Exception as exc:  # nothing was sent: a plain transient failure
            raise SendError("transient", None, f"cannot build the Twilio client: {exc!r}") from None

    async def send(self, to: str, body: str | None, *, content_sid: str | None = None,
                   content_variables: str | None = None, sender: str | None = None) -> SendResult:
        try:
            kwargs: dict[str, Any] = {"to": to_twilio(to)}
        except PhoneError as exc:
            raise SendError("permanent", "invalid_phone", str(exc)) from None
        if self.config.messaging_service_sid:
            kwargs["messaging_service_sid"] = self.config.messaging_service_sid
        # The configured sender wins; without one, answer from the number the customer wrote to.
        from_address = self.config.from_ or (sender if sender and sender.startswith("whatsapp:") else "")
        if from_address:
            kwargs["from_"] = from_address
        if content_sid:
            kwargs["content_sid"] = content_sid
            if content_variables:
                kwargs["content_variables"] = content_variables
        else:
            kwargs["body"] = body or ""
        if self.config.status_callback:
            kwargs["status_callback"] = self.config.status_callback
        sdk = await self._built()
        try:
            with anyio.fail_after(self.config.timeout_seconds):
                message = await sdk.messages.create_async(**kwargs)
        except TimeoutError:
            raise SendError("transient", None, f"no answer within {self.config.timeout_seconds:g}s",
                            maybe_sent=True) from None
        except TwilioRestException as exc:
            raise _classify(exc) from None
        except aiohttp.ClientConnectorError as exc:  # never connected: nothing reached Twilio
            raise SendError("transient", None, f"connection failed: {exc}") from None
        except (aiohttp.ClientError, OSError) as exc:  # dropped mid-request: Twilio may have it
            raise SendError("transient", None, f"{type(exc).__name__}: {exc}", maybe_sent=True) from None
        return SendResult(message.sid, message.status or "queued")

    async def find_sent(self, to: str, body: str | None, since: str, known: frozenset[str] = frozenset()) -> str | None:
        """Newest first, as the API lists them; matched on body and creation time after `since`."""
        since_dt = datetime.fromisoformat(since)
        sdk = await self._built()
        try:
            with anyio.fail_after(self.config.timeout_seconds):
                page = await sdk.messages.page_async(to=to_twilio(to), page_size=20)
        except (TimeoutError, TwilioException, OSError) as exc:
            # Any failure to read the list leaves the row ambiguous: defer, never resend blindly.
            raise SendError("transient", None, f"cannot list messages: {exc}") from None
        for message in page:
            created = message.date_created
            if created is not None and created.tzinfo is not None and created < since_dt.replace(microsecond=0):
                continue
            if message.sid not in known and (body is None or (message.body or "") == body):
                return message.sid
        return None

    async def create_content(self, request: dict[str, Any]) -> str:
        """Create a Content API resource (`POST content.twilio.com/v1/Content`); returns its `HX…` SID.
        Raises SendError (transient: try again later; permanent: Twilio refused the shape)."""
        from twilio.rest.content.v1.content import ContentList

        sdk = await self._built()
        try:
            with anyio.fail_after(self.config.timeout_seconds):
                content = await sdk.content.v1.contents.create_async(ContentList.ContentCreateRequest(request))
        except TimeoutError:
            raise SendError("transient", None, "Content API did not answer in time") from None
        except TwilioRestException as exc:
            raise _classify(exc) from None
        except (aiohttp.ClientError, OSError) as exc:
            raise SendError("transient", None, f"{type(exc).__name__}: {exc}") from None
        if not content.sid:
            raise SendError("permanent", None, "Content API answered without a sid")
        return str(content.sid)

    async def typing(self, message_id: str) -> None:
        """Show "typing…" for the customer's message `message_id` (SM…/MM…), which also marks it read
        (api-notes §W.3; Twilio public beta). Best effort: raises whatever failed, bounded by the
        configured timeout; the caller ignores it."""
        sdk = await self._sdk()
        with anyio.fail_after(self.config.timeout_seconds):
            await sdk.messaging.v2.typing_indicator.create_async(channel="whatsapp", message_id=message_id)

    async def aclose(self) -> None:
        if self._http is not None:
            with anyio.CancelScope(shield=True):
                await self._http.close()
            self._http = None
            self._client = None


def _classify(exc: TwilioRestException) -> SendError:
    code = str(exc.code) if exc.code is not None else None
    message = str(exc.msg or exc)
    retry_after = _retry_after.get()
    if exc.status == 429 or code == "20429":
        details = getattr(exc, "details", None) or {}
        if retry_after is None and isinstance(details, dict) and str(details.get("retry_after", "")).isdigit():
            retry_after = float(details["retry_after"])
        return SendError("rate_limited", code or "20429", message, retry_after)
    if exc.status >= 500:
        # A 5xx does not say whether the message was created (no idempotency key on create).
        return SendError("transient", code, message, retry_after, maybe_sent=True)
    if code in PERMANENT or 400 <= exc.status < 500:
        return SendError("permanent", code, message)
    return SendError("transient", code, message)
