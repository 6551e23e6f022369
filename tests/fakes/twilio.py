"""Fake Twilio Messages API (v2010): create and list messages, with Twilio's error bodies; and the
Messaging v2 typing indicator (`POST /v2/Indicators/Typing.json`).

Speaks the wire format of `POST/GET /2010-04-01/Accounts/{AccountSid}/Messages.json`
(HTTP Basic auth with AccountSid:AuthToken, form-encoded create, JSON answers shaped like the
spec's examples). Point the real SDK at it with `client.api.base_url = fake.base_url`.
"""

from __future__ import annotations

import base64
import secrets
import time
from datetime import datetime, timezone
from email.utils import format_datetime
from typing import Any

from tests.fakes.http import FakeServer, Recorded, Response

_MESSAGES = r"/2010-04-01/Accounts/(?P<sid>[^/]+)/Messages\.json"
_TYPING = r"/v2/Indicators/Typing\.json"


def twilio_error(status: int, code: int, message: str, headers: dict[str, str] | None = None) -> Response:
    """An error answer as Twilio sends it (also what `TwilioRestException` parses)."""
    body = {"code": code, "message": message, "more_info": f"https://www.twilio.com/docs/errors/{code}", "status": status}
    return Response(status, json=body, headers=headers or {})


def invalid_to(number: str) -> Response:
    return twilio_error(400, 21211, f"The 'To' number {number} is not a valid phone number.")


def too_many_requests(retry_after: int = 1) -> Response:
    return twilio_error(429, 20429, "Too Many Requests", {"Retry-After": str(retry_after)})


class FakeTwilio(FakeServer):
    """Accepts messages for one account; `sent` lists them oldest first."""

    def __init__(self, account_sid: str = "AC" + "0" * 32, auth_token: str = "test-token") -> None:
        self.account_sid = account_sid
        self.auth_token = auth_token
        self._sent: list[dict[str, Any]] = []
        self._typing_for: list[str] = []
        self.arrivals: list[tuple[float, str]] = []  # (time.monotonic(), To) of each accepted message
        # Seconds to wait after accepting a message before answering: Twilio has it, the client
        # times out — the ambiguous case the sender must reconcile.
        self.answer_delay = 0.0
        super().__init__()

    def routes(self):
        return [("POST", _MESSAGES, self._create), ("GET", _MESSAGES, self._list), ("POST", _TYPING, self._typing)]

    @property
    def typing(self) -> list[str]:
        """The message SIDs a typing indicator was shown for, oldest first."""
        with self.lock:
            return list(self._typing_for)

    def _typing(self, request: Recorded) -> Response:
        """Messaging v2 typing indicator (public beta): form `channel=whatsapp`, `messageId=SM…|MM…`."""
        if not self._authenticated(request):
            return twilio_error(401, 20003, "Authenticate")
        form = {k: v[0] for k, v in request.form().items()}
        if form.get("channel") != "whatsapp":
            return twilio_error(400, 21211, "Invalid channel")
        if not form.get("messageId", "").startswith(("SM", "MM")):
            return twilio_error(400, 20001, "messageId must be a Message SID (SM…) or Media SID (MM…)")
        self._typing_for.append(form["messageId"])
        return Response(200, json={"success": True})

    def not_found(self, request: Recorded) -> Response:
        return twilio_error(404, 20404, f"The requested resource {request.path} was not found")

    @property
    def sent(self) -> list[dict[str, Any]]:
        with self.lock:
            return [dict(m) for m in self._sent]

    def sent_to(self, number: str) -> list[dict[str, Any]]:
        return [m for m in self.sent if m["to"] == number]

    def _authenticated(self, request: Recorded) -> bool:
        header = request.header("authorization") or ""
        expected = base64.b64encode(f"{self.account_sid}:{self.auth_token}".encode()).decode()
        return header == f"Basic {expected}"

    def _guard(self, request: Recorded, sid: str) -> Response | None:
        if not self._authenticated(request):
            return twilio_error(401, 20003, "Authenticate")
        if sid != self.account_sid:
            return self.not_found(request)
        return None

    def _create(self, request: Recorded, sid: str) -> Response:
        if (denied := self._guard(request, sid)) is not None:
            return denied
        form = request.form()
        first = {k: v[0] for k, v in form.items()}
        if not first.get("To"):
            return twilio_error(400, 21604, "A 'To' phone number is required.")
        if not (first.get("From") or first.get("MessagingServiceSid")):
            return twilio_error(400, 21603, "A 'From' phone number is required.")
        if not (first.get("Body") or form.get("MediaUrl") or first.get("ContentSid")):
            return twilio_error(400, 21602, "Message body is required.")
        message_sid = "SM" + secrets.token_hex(16)
        now = format_datetime(datetime.now(timezone.utc))
        base = f"/2010-04-01/Accounts/{sid}/Messages/{message_sid}"
        message = {
            "account_sid": sid,
            "api_version": "2010-04-01",
            "body": first.get("Body", ""),
            "date_created": now,
            "date_sent": None,
            "date_updated": now,
            "direction": "outbound-api",
            "error_code": None,
            "error_message": None,
            "from": first.get("From"),
            "messaging_service_sid": first.get("MessagingServiceSid"),
            "num_media": str(len(form.get("MediaUrl", []))),
            "num_segments": "1",
            "price": None,
            "price_unit": "USD",
            "sid": message_sid,
            # Twilio answers "accepted" when only a Messaging Service was given.
            "status": "queued" if first.get("From") else "accepted",
            "subresource_uris": {"media": f"{base}/Media.json"},
            "to": first["To"],
            "uri": f"{base}.json",
        }
        self._sent.append(message)
        self.arrivals.append((time.monotonic(), first["To"]))
        return Response(201, json=message, delay=self.answer_delay)

    def _list(self, request: Recorded, sid: str) -> Response:
        if (denied := self._guard(request, sid)) is not None:
            return denied
        to = request.query.get("To", [None])[0]
        sender = request.query.get("From", [None])[0]
        page_size = int(request.query.get("PageSize", ["50"])[0])
        newest_first = [
            m for m in reversed(self._sent) if (to is None or m["to"] == to) and (sender is None or m["from"] == sender)
        ][:page_size]
        uri = request.path + (f"?To={to}" if to else "")
        return Response(
            200,
            json={
                "messages": newest_first,
                "end": max(len(newest_first) - 1, 0),
                "first_page_uri": uri,
                "next_page_uri": None,
                "page": 0,
                "page_size": page_size,
                "previous_page_uri": None,
                "start": 0,
                "uri": uri,
            },
        )
