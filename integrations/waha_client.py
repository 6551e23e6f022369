"""The legacy WAHA transport (api-notes §g): POST /api/sendText with X-Api-Key."""

from __future__ import annotations

import hashlib
import hmac

import aiohttp
import anyio

from daemon.config import WahaConfig
from integrations.phone import PhoneError, to_waha
from integrations.transport import SendError, SendResult


def waha_signature_valid(key: str, raw_body: bytes, header: str) -> bool:
    """`X-Webhook-Hmac` is the hex HMAC-SHA512 of the raw body."""
    if not key or not header:
        return False
    expected = hmac.new(key.encode(), raw_body, hashlib.sha512).hexdigest()
    return hmac.compare_digest(expected, header.strip().lower())


class WahaTransport:
    name = "waha"

    def __init__(self, config: WahaConfig) -> None:
        self.config = config
        self._session: aiohttp.ClientSession | None = None

    async def send(self, to: str, body: str | None, *, content_sid: str | None = None,
                   content_variables: str | None = None, sender: str | None = None) -> SendResult:
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self.config.timeout_seconds))
        try:
            payload = {"session": self.config.session, "chatId": to_waha(to), "text": body or ""}
        except PhoneError as exc:
            raise SendError("permanent", "invalid_phone", str(exc)) from None
        headers = {"X-Api-Key": self.config.api_key} if self.config.api_key else {}
        url = self.config.base_url.rstrip("/") + "/api/sendText"
        try:
            with anyio.fail_after(self.config.timeout_seconds):
                async with self._session.post(url, json=payload, headers=headers) as resp:
                    text = await resp.text()
                    if resp.status == 429:
                        raise SendError("rate_limited", "429", text[:500])
                    if resp.status >= 500:
                        raise SendError("transient", str(resp.status), text[:500])
                    if resp.status >= 400:
                        raise SendError("permanent", str(resp.status), text[:500])
                    data = await resp.json(content_type=None)
        except TimeoutError:
            raise SendError("transient", None, "WAHA did not answer in time") from None
        except aiohttp.ClientError as exc:
            raise SendError("transient", None, f"WAHA unreachable: {exc}") from None
        message_id = data.get("id") if isinstance(data, dict) else None
        if isinstance(message_id, dict):
            message_id = message_id.get("_serialized") or message_id.get("id")
        return SendResult(str(message_id) if message_id else None, "sent")

    async def typing(self, message_id: str) -> None:
        """WAHA's legacy path shows no typing indicator."""

    async def find_sent(self, to: str, body: str | None, since: str, known: frozenset[str] = frozenset()) -> str | None:
        # WAHA has no reliable sent-message listing; an ambiguous row is resent.
        return None

    async def aclose(self) -> None:
        if self._session is not None:
            with anyio.CancelScope(shield=True):
                await self._session.close()
            self._session = None
