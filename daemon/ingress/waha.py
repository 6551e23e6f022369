"""WAHA webhook (legacy provider, api-notes §g): only when `whatsapp.provider = "waha"`.

Verified by the hex HMAC-SHA512 of the raw body when `waha.hmac_key` is set. Our own
messages (`fromMe`), group chats and status broadcasts are acknowledged and ignored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import json

import structlog
from quart import Blueprint, Response, current_app, request

from daemon.ingress.common import content_type_is, log, raw_body, reject
from daemon.ingress.twilio import accept
from integrations.messages import InboundMessage
from integrations.phone import PhoneError, conversation_id, from_waha
from integrations.waha_client import waha_signature_valid

if TYPE_CHECKING:
    from daemon.runtime import Runtime

bp = Blueprint("waha", __name__)


@bp.post("/webhooks/waha")
async def inbound() -> Response:
    rt = current_app.config["RUNTIME"]
    endpoint = "waha"
    if rt.config.whatsapp.provider != "waha":
        return reject(rt, endpoint, 404, "WAHA is not the configured provider")
    if rt.draining:
        return reject(rt, endpoint, 503, "shutting down; retry")
    if not content_type_is("application/json"):
        return reject(rt, endpoint, 415, "expected application/json")
    body = await raw_body(rt, endpoint)
    if isinstance(body, Response):
        return body
    key = rt.config.waha.hmac_key
    if not key:
        return reject(rt, endpoint, 403, "waha.hmac_key must be configured to accept WAHA webhooks")
    if not waha_signature_valid(key, body, request.headers.get("X-Webhook-Hmac", "")):
        return reject(rt, endpoint, 403, "invalid X-Webhook-Hmac")
    try:
        event = json.loads(body)
        payload = event["payload"]
        kind = event["event"]
    except (ValueError, KeyError, TypeError):
        return reject(rt, endpoint, 400, "expected a WAHA event with event and payload")
    if kind != "message" or not isinstance(payload, dict):
        return _ignored(rt, f"event {kind}")
    chat = str(payload.get("from", ""))
    if payload.get("fromMe") or not chat.endswith("@c.us"):
        return _ignored(rt, "own message, group or broadcast")
    try:
        phone = from_waha(chat)
    except PhoneError as exc:
        return reject(rt, endpoint, 400, f"from: {exc}")
    if not payload.get("id"):
        return reject(rt, endpoint, 400, "missing payload.id")
    data = payload.get("_data") or {}
    msg = InboundMessage(
        provider="waha", message_id=str(payload["id"]), conversation_id=conversation_id("waha", phone),
        phone=phone, body=str(payload.get("body") or ""), received_at=rt.clock.iso(),
        profile_name=str(data.get("notifyName", "") if isinstance(data, dict) else ""), wa_id=phone[1:],
    )
    with structlog.contextvars.bound_contextvars(conversation_id=msg.conversation_id, message_id=msg.message_id):
        response = await accept(rt, msg, endpoint)
    if response.status_code != 200:
        return response
    return Response('{"ok":true}', status=200, content_type="application/json")


def _ignored(rt: "Runtime", why: str) -> Response:
    rt.metrics.inc("seldenrijk_webhooks_total", endpoint="waha", outcome="ignored")
    log.info("webhook_ignored", endpoint="waha", reason=why)
    return Response('{"ok":true,"ignored":true}', status=200, content_type="application/json")
