"""Chatwoot webhook: agent replies go to WhatsApp; status changes move the handoff flag.

Authenticated by `X-Chatwoot-Signature` when `chatwoot.webhook_secret` is set, else by
`?token=` matching `chatwoot.webhook_token`; with neither configured it answers 403.
Forwarded to WhatsApp: only `message_created` that is outgoing, not private, written by
a human (`sender.type == "user"`) and not one of our own mirrored posts. The reply goes
through the same outbox and sender as the bot's (ordering and retries shared).
"""

from __future__ import annotations

import hmac
import json

import structlog
from quart import Blueprint, Response, current_app, request

from actors.chatwoot import MARKER
from daemon.ingress.common import content_type_is, log, raw_body, reject
from integrations.chatwoot import verify_signature
from integrations.store.outbox import Draft

bp = Blueprint("chatwoot", __name__)


def _ok(rt, outcome: str) -> Response:
    rt.metrics.inc("seldenrijk_webhooks_total", endpoint="chatwoot", outcome=outcome)
    return Response('{"ok":true}', status=200, content_type="application/json")


@bp.post("/webhooks/chatwoot")
async def webhook() -> Response:
    rt = current_app.config["RUNTIME"]
    endpoint = "chatwoot"
    cfg = rt.config.chatwoot
    if not content_type_is("application/json"):
        return reject(rt, endpoint, 415, "expected application/json")
    body = await raw_body(rt, endpoint)
    if isinstance(body, Response):
        return body
    if cfg.webhook_secret:
        ok = verify_signature(cfg.webhook_secret, request.headers.get("X-Chatwoot-Timestamp", ""), body,
                              request.headers.get("X-Chatwoot-Signature", ""), now=rt.clock.now().timestamp())
        if not ok:
            return reject(rt, endpoint, 403, "invalid or stale X-Chatwoot-Signature")
    elif cfg.webhook_token:
        if not hmac.compare_digest(request.args.get("token", ""), cfg.webhook_token):
            return reject(rt, endpoint, 403, "invalid token")
    else:
        return reject(rt, endpoint, 403, "chatwoot.webhook_secret or chatwoot.webhook_token must be configured")
    try:
        event = json.loads(body)
        kind = event["event"]
    except (ValueError, KeyError, TypeError):
        return reject(rt, endpoint, 400, "expected a Chatwoot event object with an `event` field")
    delivery = request.headers.get("X-Chatwoot-Delivery")
    if delivery and await rt.store.tasks.was_seen("chatwoot_delivery", delivery):
        return _ok(rt, "duplicate")
    if kind == "message_created":
        response = await _message(rt, event)
    elif kind in ("conversation_status_changed", "conversation_resolved", "conversation_opened",
                  "conversation_updated"):
        response = await _status(rt, event)
    else:
        response = _ok(rt, "ignored")
    if delivery:
        # Recorded only once handled: if handling failed, Chatwoot's retry (same id) is processed.
        await rt.store.tasks.seen("chatwoot_delivery", delivery)
    return response


def _conversation_id(event: dict) -> int | None:
    conv = event.get("conversation") or {}
    value = conv.get("id") if isinstance(conv, dict) and "id" in conv else event.get("id")
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


async def _message(rt, event: dict) -> Response:
    sender = event.get("sender") or {}
    attributes = event.get("content_attributes") or {}
    if (event.get("message_type") != "outgoing" or event.get("private")
            or sender.get("type") != "user" or (isinstance(attributes, dict) and MARKER in attributes)):
        return _ok(rt, "ignored")
    message_id = str(event.get("id", ""))
    if not message_id or await rt.store.tasks.seen("chatwoot_own", message_id):
        return _ok(rt, "ignored")
    chatwoot_conv = _conversation_id(event)
    conversation = await rt.store.conversations.by_chatwoot(chatwoot_conv) if chatwoot_conv else None
    content = (event.get("content") or "").strip()
    if conversation is None or not content:
        log.warning("chatwoot_reply_unroutable", chatwoot_conversation_id=chatwoot_conv, has_content=bool(content))
        return _ok(rt, "unroutable")
    with structlog.contextvars.bound_contextvars(conversation_id=conversation.id, message_id=f"cw:{message_id}"):
        queued = await rt.store.outbox.enqueue(
            conversation_id=conversation.id, phone=conversation.phone, provider=rt.provider_name(),
            draft=Draft(body=content, origin="agent", origin_ref=f"chatwoot:{message_id}",
                        sender=conversation.reply_from),
            status="queued" if rt.transport() is not None else "local",
        )
        if queued is None:
            return _ok(rt, "duplicate")
        await rt.store.conversations.add_transcript(conversation.id, "out", "agent", content, f"chatwoot:{message_id}")
        if not conversation.handoff:
            # A human wrote in the conversation: the bot steps back until it is resolved.
            await rt.store.conversations.set_handoff(conversation.id, True, "agent_replied")
        rt.wake_sender()
        log.info("agent_reply_queued", outbox_id=queued, agent=sender.get("name"))
    return _ok(rt, "forwarded")


async def _status(rt, event: dict) -> Response:
    chatwoot_conv = _conversation_id(event)
    status = event.get("status") or (event.get("conversation") or {}).get("status")
    if event.get("event") == "conversation_resolved":
        status = "resolved"
    conversation = await rt.store.conversations.by_chatwoot(chatwoot_conv) if chatwoot_conv else None
    if conversation is None or status not in ("open", "resolved", "pending"):
        return _ok(rt, "ignored")
    handoff = status == "open"
    if handoff != conversation.handoff:
        await rt.store.conversations.set_handoff(conversation.id, handoff, "opened_in_chatwoot" if handoff else None)
        log.info("handoff_changed", conversation_id=conversation.id, handoff=handoff, source="chatwoot")
    return _ok(rt, "status")
