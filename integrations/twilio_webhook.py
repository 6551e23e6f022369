"""Twilio's inbound side: signature check and form parsing (api-notes §a, §b).

Twilio signs with HMAC-SHA1 of the full URL plus the sorted form parameters, keyed by
the Auth Token — not SHA-256, as the seed's design said. The opt-in "SharedKey" mode
names its algorithm in `X-Twilio-Webhooks-Signature-Settings`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import Mapping, Sequence
from urllib.parse import urlsplit, urlunsplit

from integrations.messages import InboundMessage, Location, Media
from integrations.phone import PhoneError, conversation_id, from_twilio, is_bsuid, is_parent_bsuid, validate_address


class WebhookError(ValueError):
    """A webhook we refuse; `reason` goes into the 400 body and the log."""


def _signed_string(url: str, params: Sequence[tuple[str, str]]) -> bytes:
    by_name: dict[str, list[str]] = {}
    for name, value in params:
        by_name.setdefault(name, []).append(value)
    parts = [url]
    for name in sorted(by_name):
        for value in sorted(by_name[name]):
            parts.append(name + value)
    return "".join(parts).encode("utf-8")


def _url_variants(url: str) -> list[str]:
    """The URL as given, plus with the default port added or removed (as Twilio's SDK does)."""
    parts = urlsplit(url)
    default = {"https": 443, "http": 80}.get(parts.scheme)
    host = parts.hostname or ""
    variants = [url]
    if default is None:
        return variants
    if parts.port is None:
        variants.append(urlunsplit((parts.scheme, f"{host}:{default}", parts.path, parts.query, parts.fragment)))
    elif parts.port == default:
        variants.append(urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment)))
    return variants


def _algorithm(settings_header: str | None) -> str:
    if not settings_header:
        return "sha1"
    fields = dict(p.strip().split("=", 1) for p in settings_header.split(",") if "=" in p)
    return "sha256" if fields.get("algorithm", "").upper() == "HMAC_SHA256" else "sha1"


def compute_signature(key: str, url: str, params: Sequence[tuple[str, str]], algorithm: str = "sha1") -> str:
    digest = hmac.new(key.encode("utf-8"), _signed_string(url, params), algorithm).digest()
    return base64.b64encode(digest).decode("ascii")


def signature_valid(
    key: str, url: str, params: Sequence[tuple[str, str]], signature: str, settings_header: str | None = None,
    raw_body: bytes | None = None,
) -> bool:
    """Constant-time check of `X-Twilio-Signature` over every URL variant.

    For JSON bodies Twilio puts `bodySHA256` in the query and signs only the URL.
    """
    if not key or not signature or not signature.isascii():
        # A base64 signature is ASCII; anything else is not one (and compare_digest refuses it).
        return False
    algorithm = _algorithm(settings_header)
    query = dict(p.split("=", 1) for p in urlsplit(url).query.split("&") if "=" in p)
    if "bodySHA256" in query and raw_body is not None:
        if not hmac.compare_digest(hashlib.sha256(raw_body).hexdigest(), query["bodySHA256"]):
            return False
        params = ()
    ok = False
    for variant in _url_variants(url):
        ok |= hmac.compare_digest(compute_signature(key, variant, params, algorithm), signature)
    return ok


def parse_inbound(form: Mapping[str, str], received_at: str) -> InboundMessage:
    """Build the unified message; unknown parameters are ignored (Twilio adds them without notice)."""
    sid = form.get("MessageSid") or form.get("SmsMessageSid") or ""
    if not sid:
        raise WebhookError("missing MessageSid")
    sender = form.get("From", "")
    if not sender:
        raise WebhookError("missing From")
    try:
        address = from_twilio(sender) if sender.startswith("whatsapp:") else validate_address(sender)
    except PhoneError as exc:
        raise WebhookError(f"From: {exc}") from None
    phone = address if address.startswith("+") else ""
    # A username user's number may be hidden: then `From` is `whatsapp:<BSUID>` (api-notes §W.4).
    # A malformed ExternalUserId is ignored rather than refused: the message itself is fine.
    bsuid = _bsuid(form.get("ExternalUserId", "")) or ("" if phone else address)
    parent = _bsuid(form.get("ParentExternalUserId", ""))
    if is_parent_bsuid(bsuid):
        bsuid, parent = "", parent or bsuid
    try:
        num_media = int(form.get("NumMedia", "0") or 0)
    except ValueError:
        raise WebhookError("NumMedia is not a number") from None
    media = tuple(
        Media(form.get(f"MediaUrl{i}", ""), form.get(f"MediaContentType{i}", ""))
        for i in range(min(num_media, 10))
        if form.get(f"MediaUrl{i}")
    )
    location = None
    if form.get("Latitude") and form.get("Longitude"):
        try:
            location = Location(float(form["Latitude"]), float(form["Longitude"]), form.get("Address", ""),
                                form.get("Label", ""))
        except ValueError:
            raise WebhookError("Latitude/Longitude are not numbers") from None
    referral = {k: v for k, v in form.items() if k.startswith("Referral") and k != "ReferralNumMedia" and v}
    return InboundMessage(
        provider="twilio",
        message_id=sid,
        conversation_id=conversation_id("twilio", phone or bsuid or parent),
        phone=phone or bsuid or parent,
        body=form.get("Body", ""),
        received_at=received_at,
        profile_name=form.get("ProfileName", ""),
        wa_id=form.get("WaId", ""),
        media=media,
        button_payload=form.get("ButtonPayload", ""),
        button_text=form.get("ButtonText", ""),
        location=location,
        reply_to=form.get("OriginalRepliedMessageSid", ""),
        referral=referral,
        message_type=form.get("MessageType", "text") or "text",
        to=form.get("To", ""),
        sender_phone=phone,
        bsuid=bsuid,
        parent_bsuid=parent,
        username=(form.get("ProfileUsername") or form.get("Username") or "")[:100],
        list_id=form.get("ListId", "")[:200],
        list_title=form.get("ListTitle", "")[:200],
    )


def _bsuid(value: str) -> str:
    value = value.strip().removeprefix("whatsapp:")
    return value if is_bsuid(value) else ""
