"""Chatwoot webhook: agent replies and status changes become events of the conversation.

Authenticated by `X-Chatwoot-Signature` when `chatwoot.webhook_secret` is set, else by
`?token=` matching `chatwoot.webhook_token`; with neither configured it answers 403.
What happens to each event:
- malformed (not JSON, a field of the wrong type) → 400 with the field named;
- an agent's outgoing public message that we did not post, in a conversation we know →
  stored as an `AgentReply` inbox event (keyed by Chatwoot's message id, so a redelivery is a
  duplicate) and 200; the conversation actor queues it for WhatsApp and hands the conversation
  to the human, in order with the customer's messages;
- a conversation opened / resolved / set pending → stored as a `ChatwootStatus` event (keyed by
  X-Chatwoot-Delivery, else the body's hash) and 200; the actor moves the handoff flag;
- private notes, incoming messages, echoes of our own posts, other events → 200, ignored;
- an unknown conversation → 200 `unroutable`, logged;
- the store cannot write → 503, so Chatwoot's retry is processed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import hashlib
import hmac

import structlog
from quart import Blueprint, Response, current_app, request

from daemon.ingress.common import content_type_is, log, raw_body, reject
from integrations.chatwoot import verify_signature
from integrations.chatwoot_webhook import STATUS_EVENTS, ChatwootEvent, parse_event
from integrations.inbox_events import AgentReply, ChatwootStatus, InboxEvent
from integrations.twilio_webhook import WebhookError

if TYPE_CHECKING:
    from daemon.runtime import Runtime

bp = Blueprint("chatwoot", __name__)
ENDPOINT = "chatwoot"


def _ok(rt: "Runtime", outcome: str) -> Response:
    rt.metrics.inc("seldenrijk_webhooks_total", endpoint=ENDPOINT, outcome=outcome)
    return Response('{"ok":true}', status=200, content_type="application/json")


@bp.post("/webhooks/chatwoot")
async def webhook() -> Response:
    rt = current_app.config["RUNTIME"]
    cfg = rt.config.chatwoot
    if not content_type_is("application/json"):
        return reject(rt, ENDPOINT, 415, "expected application/json")
    body = await raw_body(rt, ENDPOINT)
    if isinstance(body, Response):
        return body
    if cfg.webhook_secret:
        ok = verify_signature(cfg.webhook_secret, request.headers.get("X-Chatwoot-Timestamp", ""), body,
                              request.headers.get("X-Chatwoot-Signature", ""), now=rt.clock.now().timestamp())
        if not ok:
            return reject(rt, ENDPOINT, 403, "invalid or stale X-Chatwoot-Signature")
    elif cfg.webhook_token:
        if not hmac.compare_digest(request.args.get("token", "").encode(), cfg.webhook_token.encode()):
            return reject(rt, ENDPOINT, 403, "invalid token")
    else:
        return reject(rt, ENDPOINT, 403, "chatwoot.webhook_secret or chatwoot.webhook_token must be configured")
    try:
        event = parse_event(body)
    except WebhookError as exc:
        return reject(rt, ENDPOINT, 400, str(exc))
    if event.kind == "message_created":
        return await _message(rt, event)
    if event.kind in STATUS_EVENTS:
        key = request.headers.get("X-Chatwoot-Delivery") or hashlib.sha256(body).hexdigest()
        return await _status(rt, event, key)
    return _ok(rt, "ignored")


async def _message(rt: "Runtime", event: ChatwootEvent) -> Response:
    message = event.message
    assert message is not None
    if not message.from_agent or not message.id:
        return _ok(rt, "ignored")
    if await rt.store.tasks.was_seen("chatwoot_own", message.id):
        return _ok(rt, "ignored")  # our own mirrored post, recognised by its id
    if not message.content:
        log.warning("chatwoot_reply_unroutable", chatwoot_conversation_id=event.conversation, has_content=False)
        return _ok(rt, "unroutable")
    reply = AgentReply(chatwoot_message_id=message.id, content=message.content, agent=message.sender_name)
    return await _store(rt, event, reply, f"message:{message.id}", "forwarded")


async def _status(rt: "Runtime", event: ChatwootEvent, key: str) -> Response:
    if event.status not in ("open", "resolved", "pending"):
        return _ok(rt, "ignored")
    return await _store(rt, event, ChatwootStatus(status=event.status), f"status:{key}", "status")


async def _store(rt: "Runtime", event: ChatwootEvent, inbox_event: InboxEvent, key: str, outcome: str) -> Response:
    conversation = await rt.store.conversations.by_chatwoot(event.conversation) if event.conversation else None
    if conversation is None:
        log.warning("chatwoot_event_unroutable", chatwoot_conversation_id=event.conversation, kind=inbox_event.kind)
        return _ok(rt, "unroutable")
    with structlog.contextvars.bound_contextvars(conversation_id=conversation.id):
        try:
            added = await rt.store.inbox.add_event(conversation_id=conversation.id, phone=conversation.phone,
                                                   event=inbox_event, source="chatwoot", key=key)
        except Exception as exc:
            log.error("inbox_commit_failed", error=repr(exc), kind=inbox_event.kind)
            return reject(rt, ENDPOINT, 503, "could not store the event; retry")
        if added.duplicate:
            return _ok(rt, "duplicate")
        try:
            rt.deliver(conversation.id, conversation.phone, added.id)
        except Exception as exc:
            log.error("handover_failed", inbox_id=added.id, error=repr(exc))  # the sweep picks it up
        log.info("chatwoot_event_stored", inbox_id=added.id, kind=inbox_event.kind)
    return _ok(rt, outcome)
