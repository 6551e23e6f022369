"""Fake WAHA (legacy WhatsApp HTTP API): `POST /api/sendText` with the `X-Api-Key` header."""

from __future__ import annotations

import secrets
import time
from typing import Any

from tests.fakes.http import FakeServer, Recorded, Response


class FakeWaha(FakeServer):
    """Accepts `{session, chatId, text}` and answers a WAMessage-like JSON with an `id`."""

    def __init__(self, api_key: str = "waha-key", session: str = "default") -> None:
        self.api_key = api_key
        self.session = session
        self._sent: list[dict[str, Any]] = []
        super().__init__()

    def routes(self):
        return [("POST", r"/api/sendText", self._send_text)]

    @property
    def sent(self) -> list[dict[str, Any]]:
        with self.lock:
            return [dict(m) for m in self._sent]

    def _send_text(self, request: Recorded) -> Response:
        if request.header("x-api-key") != self.api_key:
            return Response(401, json={"message": "Unauthorized", "statusCode": 401})
        data = request.json() or {}
        missing = [k for k in ("session", "chatId", "text") if not data.get(k)]
        if missing:
            return Response(400, json={"statusCode": 400, "message": [f"{k} should not be empty" for k in missing], "error": "Bad Request"})
        if data["session"] != self.session:
            return Response(422, json={"statusCode": 422, "message": f"Session \"{data['session']}\" does not exist"})
        message = {
            "id": f"true_{data['chatId']}_{secrets.token_hex(10).upper()}",
            "timestamp": int(time.time()),
            "from": "me",
            "fromMe": True,
            "to": data["chatId"],
            "body": data["text"],
            "hasMedia": False,
            "ack": 1,
            "ackName": "SERVER",
        }
        self._sent.append(message)
        return Response(201, json=message)
