"""Chatwoot Application API client (aiohttp) and the webhook signature check.

The client mirrors WhatsApp conversations into a Chatwoot API-channel inbox: contacts,
conversations, messages and status changes (handoff = status "open"). Every call is bounded by
`config.timeout_seconds`; every failure is a `ChatwootError`. Nothing is retried here: the
caller (the Chatwoot actor) decides on `transient` and `retry_after`.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

import aiohttp

from daemon.config import ChatwootConfig
from integrations.errors import IntegrationError


class ChatwootError(IntegrationError):
    """A failed Chatwoot call (see IntegrationError)."""


def verify_signature(secret: str, timestamp: str, raw_body: bytes, signature_header: str, *, now: float, max_age: float = 300) -> bool:
    """True when `X-Chatwoot-Signature` ("sha256=<hex>") is HMAC-SHA256(secret, "{timestamp}.{body}")
    and the timestamp is within `max_age` seconds of `now` (either side, for clock skew).

    Compared in constant time; malformed headers are simply not valid.
    """
    # Unix seconds; anything longer than 12 digits is not a time we would accept anyway (and a
    # 400-digit one would not even convert to a float).
    if not (isinstance(timestamp, str) and timestamp.isascii() and timestamp.isdigit() and len(timestamp) <= 12):
        return False
    age = abs(now - int(timestamp))
    if not signature_header.isascii():
        return False
    if age > max_age or not signature_header.startswith("sha256="):
        return False
    expected = hmac.new(secret.encode(), timestamp.encode() + b"." + raw_body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), signature_header.removeprefix("sha256=").strip().lower().encode())


def _retry_after(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None  # an HTTP-date; Chatwoot (Rack::Attack) sends seconds


class ChatwootClient:
    """One account and one inbox (`config.account_id`, `config.inbox_id`).

    The aiohttp session is made on first use, inside the running event loop, and closed by
    `aclose()`. Cancellation propagates unchanged (a cancelled POST may or may not have been
    applied by Chatwoot).
    """

    def __init__(self, config: ChatwootConfig) -> None:
        self._config = config
        self._root = f"{config.base_url.rstrip('/')}/api/v1/accounts/{config.account_id}"
        self._session: aiohttp.ClientSession | None = None

    def _http(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                headers={"api_access_token": self._config.api_token, "Accept": "application/json"},
                timeout=aiohttp.ClientTimeout(total=self._config.timeout_seconds),
            )
        return self._session

    async def _call(self, method: str, path: str, *, params: dict[str, str] | None = None, body: dict[str, Any] | None = None,
                    form: aiohttp.FormData | None = None) -> Any:
        what = f"{method} {path}"
        try:
            async with self._http().request(method, self._root + path, params=params, json=body, data=form) as resp:
                text = await resp.text()
                try:
                    data: Any = json.loads(text) if text else None
                except ValueError:
                    data = text
                if resp.status >= 400:
                    transient = resp.status in (408, 423, 429) or resp.status >= 500
                    raise ChatwootError(
                        f"{what} → {resp.status}",
                        status=resp.status,
                        body=data,
                        retry_after=_retry_after(resp.headers.get("Retry-After")),
                        transient=transient,
                    )
                return data
        except TimeoutError as exc:
            raise ChatwootError(f"{what} timed out after {self._config.timeout_seconds}s", transient=True) from exc
        except aiohttp.ClientError as exc:
            raise ChatwootError(f"{what} failed: {exc!r}", transient=True) from exc

    async def find_contact(self, phone_e164: str) -> dict | None:
        """The contact whose `phone_number` is exactly `phone_e164`, or None.

        Chatwoot's search is a substring match over several fields, so results are filtered.
        """
        data = await self._call("GET", "/contacts/search", params={"q": phone_e164})
        for contact in (data or {}).get("payload") or []:
            if contact.get("phone_number") == phone_e164:
                return contact
        return None

    async def find_contact_by_identifier(self, identifier: str) -> dict | None:
        """The contact whose `identifier` is exactly `identifier` (a BSUID for a contact known only by it)."""
        data = await self._call("GET", "/contacts/search", params={"q": identifier})
        for contact in (data or {}).get("payload") or []:
            if contact.get("identifier") == identifier:
                return contact
        return None

    async def create_contact(self, *, name: str, phone_e164: str | None, identifier: str, custom_attributes: dict) -> tuple[int, str]:
        """Create the contact in the configured inbox (without a phone number when WhatsApp hides it);
        returns (contact_id, contact_inbox source_id)."""
        body: dict[str, Any] = {
            "inbox_id": self._config.inbox_id,
            "name": name,
            "identifier": identifier,
            "custom_attributes": custom_attributes,
        }
        if phone_e164:
            body["phone_number"] = phone_e164
        data = await self._call("POST", "/contacts", body=body)
        try:
            payload = data["payload"]
            return int(payload["contact"]["id"]), str(payload["contact_inbox"]["source_id"])
        except (KeyError, TypeError, ValueError) as exc:
            raise ChatwootError("create contact: unexpected answer", status=200, body=data, transient=False) from exc

    async def update_contact(self, contact_id: int, *, custom_attributes: dict, phone_e164: str | None = None) -> None:
        """Merge `custom_attributes` into the contact's (Chatwoot merges, it does not replace); set the
        phone number when given (one learned after the contact was created by BSUID)."""
        body: dict[str, Any] = {"custom_attributes": custom_attributes}
        if phone_e164:
            body["phone_number"] = phone_e164
        await self._call("PUT", f"/contacts/{contact_id}", body=body)

    async def create_conversation(self, *, source_id: str, contact_id: int, status: str = "pending") -> int:
        """Open a conversation for the contact inbox `source_id`; returns its (display) id."""
        data = await self._call(
            "POST",
            "/conversations",
            body={"source_id": source_id, "inbox_id": self._config.inbox_id, "contact_id": contact_id, "status": status},
        )
        return self._id(data, "create conversation")

    async def post_message(
        self, conversation_id: int, content: str, *, message_type: str, private: bool = False, content_attributes: dict | None = None
    ) -> int:
        """Add a message ("incoming" mirrors the customer, "outgoing" the bot) or a private note."""
        body: dict[str, Any] = {"content": content, "message_type": message_type, "private": private}
        if content_attributes:
            body["content_attributes"] = content_attributes
        data = await self._call("POST", f"/conversations/{conversation_id}/messages", body=body)
        return self._id(data, "post message")

    async def post_attachment(
        self, conversation_id: int, *, data: bytes, filename: str, content_type: str, message_type: str = "incoming",
        content: str = "", content_attributes: dict | None = None,
    ) -> int:
        """A message carrying one file: multipart/form-data with `attachments[]`, as Chatwoot's
        dashboard sends it (`content_attributes` goes as a JSON string, which Chatwoot parses)."""
        form = aiohttp.FormData()
        form.add_field("content", content)
        form.add_field("message_type", message_type)
        form.add_field("private", "false")
        if content_attributes:
            form.add_field("content_attributes", json.dumps(content_attributes))
        form.add_field("attachments[]", data, filename=filename, content_type=content_type)
        answer = await self._call("POST", f"/conversations/{conversation_id}/messages", form=form)
        return self._id(answer, "post attachment")

    async def toggle_status(self, conversation_id: int, status: str) -> None:
        """Set the status explicitly; "open" hands the conversation to a human."""
        await self._call("POST", f"/conversations/{conversation_id}/toggle_status", body={"status": status})

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    @staticmethod
    def _id(data: Any, what: str) -> int:
        try:
            return int(data["id"])
        except (KeyError, TypeError, ValueError) as exc:
            raise ChatwootError(f"{what}: answer has no id", status=200, body=data, transient=False) from exc
