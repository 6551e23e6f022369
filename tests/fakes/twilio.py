"""Fake Twilio Messages API (v2010): create and list messages, with Twilio's error bodies; and the
Messaging v2 typing indicator (`POST /v2/Indicators/Typing.json`) and the Content API
(`POST /v1/Content`), and inbound Message Media (`GET …/Messages/{MM…}/Media/{ME…}`: Basic auth,
then a 307 to an unauthenticated "CDN" path, as Twilio does), all on one port: point the SDK's `api`, `messaging` and `content` domains here.

Speaks the wire format of `POST/GET /2010-04-01/Accounts/{AccountSid}/Messages.json`
(HTTP Basic auth with AccountSid:AuthToken, form-encoded create, JSON answers shaped like the
spec's examples). Point the real SDK at it with `client.api.base_url = fake.base_url`.
"""

from __future__ import annotations

import base64
import json
import secrets
import time
from datetime import datetime, timezone
from email.utils import format_datetime
from typing import Any

from tests.fakes.http import FakeServer, Recorded, Response

_MESSAGES = r"/2010-04-01/Accounts/(?P<sid>[^/]+)/Messages\.json"
_TYPING = r"/v2/Indicators/Typing\.json"
_CONTENT = r"/v1/Content"
_MEDIA = r"/2010-04-01/Accounts/(?P<sid>[^/]+)/Messages/(?P<message>[^/]+)/Media/(?P<media>[^/]+)"
_CDN = r"/cdn/(?P<media>[^/]+)"


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
        self._contents: dict[str, dict[str, Any]] = {}
        self.refused_content: set[str] = set()  # Content SIDs to answer 21655 for (deleted in the console)
        self._media: dict[str, tuple[bytes, str]] = {}
        self.arrivals: list[tuple[float, str]] = []  # (time.monotonic(), To) of each accepted message
        # Seconds to wait after accepting a message before answering: Twilio has it, the client
        # times out — the ambiguous case the sender must reconcile.
        self.answer_delay = 0.0
        super().__init__()

    def routes(self):
        return [("POST", _MESSAGES, self._create), ("GET", _MESSAGES, self._list), ("POST", _TYPING, self._typing),
                ("POST", _CONTENT, self._create_content), ("GET", _MEDIA, self._media_resource),
                ("GET", _CDN, self._cdn)]

    def add_media(self, message_sid: str, data: bytes, content_type: str) -> str:
        """Store a file a customer sent; returns its `MediaUrl` as the webhook would carry it."""
        media_sid = "ME" + secrets.token_hex(16)
        with self.lock:
            self._media[media_sid] = (data, content_type)
        return f"{self.base_url}/2010-04-01/Accounts/{self.account_sid}/Messages/{message_sid}/Media/{media_sid}"

    def _media_resource(self, request: Recorded, sid: str, message: str, media: str) -> Response:
        if (denied := self._guard(request, sid)) is not None:
            return denied
        if media not in self._media:
            return self.not_found(request)
        return Response(307, headers={"Location": f"{self.base_url}/cdn/{media}"})

    def _cdn(self, request: Recorded, media: str) -> Response:
        if media not in self._media:
            return Response(404, body=b"<Error><Code>NoSuchKey</Code></Error>", headers={"Content-Type": "application/xml"})
        data, content_type = self._media[media]
        return Response(200, body=data, headers={"Content-Type": content_type})

    @property
    def contents(self) -> dict[str, dict[str, Any]]:
        """Content API resources created, by `HX…` SID."""
        with self.lock:
            return dict(self._contents)

    def _create_content(self, request: Recorded) -> Response:
        """Content API v1 create (JSON body), checked against the documented list-picker limits:
        1–10 items, item ≤ 24, description ≤ 72, id ≤ 200 characters (literal text; variables are
        checked when a message fills them), a button, a body ≤ 1,024."""
        if not self._authenticated(request):
            return twilio_error(401, 20003, "Authenticate")
        data = request.json() or {}
        types = {k: v for k, v in (data.get("types") or {}).items() if v is not None}
        if not types:
            return twilio_error(400, 20001, "Content must have at least one type")
        picker = types.get("twilio/list-picker")
        if picker is not None:
            items = picker.get("items") or []
            if not 1 <= len(items) <= 10 or not picker.get("button") or len(picker.get("body") or "") > 1024:
                return twilio_error(400, 20001, "Invalid twilio/list-picker")
            for item in items:
                for key, limit in (("item", 24), ("description", 72), ("id", 200)):
                    value = item.get(key) or ""
                    if not value.startswith("{{") and len(value) > limit:
                        return twilio_error(400, 20001, f"list-picker {key} longer than {limit} characters")
        quick = types.get("twilio/quick-reply")
        if quick is not None:
            actions = quick.get("actions") or []
            # In a session WhatsApp shows at most three reply buttons; a title is at most 20 characters.
            if not 1 <= len(actions) <= 3 or any(len(a.get("title") or "") > 20 for a in actions if "{{" not in (a.get("title") or "")):
                return twilio_error(400, 20001, "Invalid twilio/quick-reply")
        content_sid = "HX" + secrets.token_hex(16)
        self._contents[content_sid] = {"sid": content_sid, "friendly_name": data.get("friendly_name"),
                                       "language": data.get("language"), "variables": data.get("variables") or {},
                                       "types": types}
        return Response(201, json={**self._contents[content_sid], "account_sid": self.account_sid,
                                   "url": f"https://content.twilio.com/v1/Content/{content_sid}",
                                   "date_created": format_datetime(datetime.now(timezone.utc)),
                                   "date_updated": format_datetime(datetime.now(timezone.utc)), "links": {}})

    def _rendered(self, first: dict[str, str]) -> str:
        """The text a content message shows (Twilio stores it as the message's body): the body of a
        resource created here with its variables filled in; "" for one we do not know."""
        content = self._contents.get(first.get("ContentSid", ""))
        if content is None:
            return ""
        body = next((t.get("body") for t in content["types"].values() if isinstance(t, dict) and t.get("body")), "")
        try:
            variables = json.loads(first.get("ContentVariables") or "{}")
        except ValueError:
            return body
        for name, value in variables.items():
            body = body.replace("{{" + name + "}}", str(value))
        return body

    def _content_error(self, first: dict[str, str]) -> Response | None:
        """A message naming a list picker we created: its variables must fill it within the limits."""
        content = self._contents.get(first.get("ContentSid", ""))
        if first.get("ContentSid", "") in self.refused_content:
            return twilio_error(400, 21655, "The Content SID is invalid")
        if content is None or "twilio/list-picker" not in content["types"]:
            return None
        try:
            variables = json.loads(first.get("ContentVariables") or "{}")
        except ValueError:
            return twilio_error(400, 21656, "The ContentVariables Parameter is invalid")
        for item in content["types"]["twilio/list-picker"]["items"]:
            for key, limit in (("item", 24), ("description", 72), ("id", 200)):
                name = (item.get(key) or "").strip("{}")
                if len(str(variables.get(name, ""))) > limit:
                    return twilio_error(400, 21656, f"ContentVariables: list-picker {key} longer than {limit}")
        return None

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
        if (refused := self._content_error(first)) is not None:
            return refused
        message_sid = "SM" + secrets.token_hex(16)
        now = format_datetime(datetime.now(timezone.utc))
        base = f"/2010-04-01/Accounts/{sid}/Messages/{message_sid}"
        message = {
            "account_sid": sid,
            "api_version": "2010-04-01",
            "body": first.get("Body") or self._rendered(first),
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
