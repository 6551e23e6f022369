"""Twilio webhooks: inbound WhatsApp messages and status callbacks (api-notes §a, §b).

An inbound message is acknowledged with 200 only after it is committed to the inbox.
What happens to it on each path:
- bad content type / too large / malformed / bad signature → 415/413/400/403, nothing stored;
  Twilio logs the error (it does not redeliver) — the sender's message is not processed;
- duplicate MessageSid (Redis mark or inbox unique key) → 200, nothing else;
- over the sender's rate limit → 429 with the reason, but stored as `rate_limited` first
  (kept, not answered), and the first one in the window gets one "even geduld" notice;
- store unavailable → 503 and the dedupe mark is undone, so Twilio's retry is processed;
- otherwise → stored `pending`, 200, handed to the conversation's actor (if that hand-over
  fails, the sweep wakes the conversation: a stored row is never left waiting).
A status callback that reports a failure is stored as an inbox event of the conversation in the
same transaction as the status (503 if that commit fails); the conversation actor applies it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from urllib.parse import parse_qsl

import anyio
import structlog
from quart import Blueprint, Response, current_app

from daemon.ingress.common import content_type_is, log, public_url, raw_body, reject, twiml_ok
from integrations.phone import conversation_id
from integrations.store.identities import Identity
from integrations.store.outbox import Draft
from integrations.twilio_webhook import WebhookError, parse_inbound, signature_valid

from integrations.messages import InboundMessage

if TYPE_CHECKING:
    from daemon.runtime import Runtime

bp = Blueprint("twilio", __name__)

RATE_NOTICE = {
    "nl": "Even geduld alstublieft 🙏 We hebben veel berichten van u ontvangen en antwoorden zo.",
}


async def _verified_form(rt: "Runtime", endpoint: str) -> list[tuple[str, str]] | Response:
    from quart import request

    if not content_type_is("application/x-www-form-urlencoded"):
        return reject(rt, endpoint, 415, "expected application/x-www-form-urlencoded")
    body = await raw_body(rt, endpoint)
    if isinstance(body, Response):
        return body
    try:
        params = parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
    except UnicodeDecodeError:
        return reject(rt, endpoint, 400, "body is not UTF-8")
    cfg = rt.config.twilio
    if cfg.validate_signature:
        signature = request.headers.get("X-Twilio-Signature", "")
        if not signature:
            return reject(rt, endpoint, 403, "missing X-Twilio-Signature")
        if not cfg.auth_token:
            return reject(rt, endpoint, 403, "signature cannot be checked: twilio.auth_token is not set")
        settings = request.headers.get("X-Twilio-Webhooks-Signature-Settings")
        url = public_url(rt)
        urls = (url, url + cfg.webhook_fragment) if cfg.webhook_fragment else (url,)
        if not any(signature_valid(cfg.auth_token, u, params, signature, settings) for u in urls):
            return reject(rt, endpoint, 403, "invalid X-Twilio-Signature")
    return params


@bp.post("/webhooks/twilio/whatsapp")
async def inbound() -> Response:
    rt = current_app.config["RUNTIME"]
    endpoint = "twilio_whatsapp"
    if rt.draining:
        return reject(rt, endpoint, 503, "shutting down; retry")
    params = await _verified_form(rt, endpoint)
    if isinstance(params, Response):
        return params
    try:
        msg = parse_inbound(dict(params), rt.clock.iso())
    except WebhookError as exc:
        return reject(rt, endpoint, 400, str(exc))
    resolved = await _resolve_contact(rt, msg, endpoint)
    if isinstance(resolved, Response):
        return resolved
    msg = resolved
    with structlog.contextvars.bound_contextvars(conversation_id=msg.conversation_id, message_id=msg.message_id):
        return await accept(rt, msg, endpoint)


async def _resolve_contact(rt: "Runtime", msg: InboundMessage, endpoint: str) -> InboundMessage | Response:
    """File the message under its contact (store.identities): a BSUID seen beside a known phone, or
    a phone beside a known BSUID, continues that contact's conversation. 503 when the store cannot
    answer: nothing is stored yet, so Twilio's retry is the message."""
    identity = Identity(phone=msg.sender_phone, bsuid=msg.bsuid, parent_bsuid=msg.parent_bsuid, username=msg.username,
                        wa_id=msg.wa_id)
    try:
        resolved = await rt.store.identities.resolve(identity, msg.profile_name)
    except Exception as exc:
        log.error("contact_resolve_failed", error=repr(exc))
        return reject(rt, endpoint, 503, "could not look up the sender; retry")
    if resolved.created or resolved.merged or resolved.learned:
        log.info("contact_identified", contact_id=resolved.contact_id, created=resolved.created,
                 learned=list(resolved.learned), merged=len(resolved.merged))
    if resolved.key == msg.phone:
        return msg
    return replace(msg, phone=resolved.key, conversation_id=conversation_id("twilio", resolved.key))


async def accept(rt: "Runtime", msg: InboundMessage, endpoint: str) -> Response:
    """Dedupe, rate-limit, commit, hand over — shared by the Twilio and WAHA webhooks."""
    log.debug("webhook_received", endpoint=endpoint)
    if not await rt.coordinator.first_delivery(msg.message_id) and not await _lost_by_another(rt, msg):
        log.info("webhook_duplicate", source="dedupe")
        return twiml_ok(rt, endpoint, "duplicate")
    window = int(rt.clock.now().timestamp() // 60)
    count = await rt.coordinator.count_message(msg.phone, window)
    limited = count > rt.config.limits.rate_per_minute
    # From here on a client disconnect must not cancel us between the commit and the hand-over:
    # the row would sit pending until the next message or start, and Twilio's retry is a duplicate.
    with anyio.CancelScope(shield=True):
        response = await _store_and_hand_over(rt, msg, endpoint, window, count, limited)
    return response


async def _lost_by_another(rt: "Runtime", msg: InboundMessage) -> bool:
    """On a shared store the inbox, not the Redis mark, is the record: an instance that marked the
    message and died before its commit would otherwise turn Twilio's retry into a lost message. The
    inbox's unique key still stops a second row if that commit is merely in flight."""
    if not rt.store.shared or await rt.store.inbox.exists(msg.provider, msg.message_id):
        return False
    log.warning("webhook_mark_without_row", action="storing it")
    return True


async def _store_and_hand_over(rt: "Runtime", msg: InboundMessage, endpoint: str, window: int, count: int, limited: bool) -> Response:
    try:
        added = await rt.store.inbox.add(msg, status="rate_limited" if limited else "pending",
                                         note="over rate limit" if limited else None)
    except Exception as exc:
        await rt.coordinator.forget_delivery(msg.message_id)
        log.error("inbox_commit_failed", error=repr(exc))
        return reject(rt, endpoint, 503, "could not store the message; retry")
    if added.duplicate:
        log.info("webhook_duplicate", source="inbox")
        return twiml_ok(rt, endpoint, "duplicate")
    if limited:
        await _rate_notice(rt, msg, window, count)
        return reject(rt, endpoint, 429, f"rate limited: more than {rt.config.limits.rate_per_minute} messages"
                      " per minute from this sender; the message is stored but not answered")
    try:
        rt.deliver(msg.conversation_id, msg.phone, added.id)
    except Exception as exc:
        # Stored is acknowledged: the sweep wakes the conversation if this wake-up never arrives.
        log.error("handover_failed", inbox_id=added.id, error=repr(exc))
    log.info("webhook_accepted", inbox_id=added.id)
    return twiml_ok(rt, endpoint, "accepted")


async def _rate_notice(rt: "Runtime", msg: InboundMessage, window: int, count: int) -> None:
    log.warning("rate_limited", count=count, limit=rt.config.limits.rate_per_minute)
    if count != rt.config.limits.rate_per_minute + 1:
        return  # one notice per window: the origin_ref below makes a second one a no-op anyway
    await rt.store.outbox.enqueue(
        conversation_id=msg.conversation_id, phone=msg.phone, provider=rt.provider_name(),
        draft=Draft(body=RATE_NOTICE["nl"], origin="system", origin_ref=f"ratelimit:{msg.phone}:{window}",
                    sender=msg.to or None),
        status="queued" if rt.transport() is not None else "local",
    )
    rt.wake_sender()


@bp.post("/webhooks/twilio/status")
async def status() -> Response:
    rt = current_app.config["RUNTIME"]
    endpoint = "twilio_status"
    params = await _verified_form(rt, endpoint)
    if isinstance(params, Response):
        return params
    form = dict(params)
    sid, state = form.get("MessageSid", ""), form.get("MessageStatus") or form.get("SmsStatus", "")
    if not sid or not state:
        return reject(rt, endpoint, 400, "missing MessageSid or MessageStatus")
    code = form.get("ErrorCode") or None
    try:
        applied = await rt.store.outbox.apply_status(sid, state, code, form.get("ErrorMessage") or None)
    except Exception as exc:
        log.error("status_commit_failed", provider_message_id=sid, error=repr(exc))
        return reject(rt, endpoint, 503, "could not store the status; retry")
    log.info("status_callback", provider_message_id=sid, status=state, error_code=code, applied=applied is not None)
    if applied is not None and applied.event_id is not None:
        # The failure is stored as an event of the conversation; its actor decides what follows.
        rt.deliver(applied.row.conversation_id, applied.row.phone, applied.event_id)
    return twiml_ok(rt, endpoint, "accepted")
