"""WhatsApp addresses used by the providers, and the checks between them (seed §8, api-notes §W.4).

A customer is addressed by their E.164 phone number or, when WhatsApp hides it behind a username,
by their business-scoped user id (BSUID, `NL.1502…`; the parent form `NL.ENT.…`):
E.164 `+31612345678` ↔ Twilio `whatsapp:+31612345678` ↔ WAHA `31612345678@c.us`, and
BSUID `NL.1502…` ↔ Twilio `whatsapp:NL.1502…` (WAHA has no BSUIDs).
Numbers are checked with `phonenumbers` (Google's libphonenumber metadata).
"""

from __future__ import annotations

import re

import phonenumbers

# Meta: a two-letter country code, a dot, then up to 128 alphanumerics; the parent id has `ENT.`.
_BSUID = re.compile(r"[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128}")
_PARENT = re.compile(r"[A-Z]{2}\.ENT\.[A-Za-z0-9]{1,128}")


class PhoneError(ValueError):
    """Not a number (or WhatsApp id) we can address."""


def validate_e164(number: str) -> str:
    """Return the number when it is strict E.164 (`+`, digits only) of a possible length for its
    country; a Dutch number is +31 and 9 digits (the dealer's customers: no short service numbers)."""
    if validate_sender(number).startswith("+31") and len(number) != 12:
        raise PhoneError("a Dutch number is +31 followed by 9 digits")
    return number


def validate_sender(number: str) -> str:
    """Strict E.164 of a possible length for its country: also the 12-digit Dutch 097 numbers that
    businesses use as WhatsApp senders."""
    if not number.startswith("+") or not number[1:].isascii() or not number[1:].isdigit():
        raise PhoneError(f"not an E.164 number: {number!r}")
    try:
        parsed = phonenumbers.parse(number, None)
    except phonenumbers.NumberParseException:
        raise PhoneError(f"not an E.164 number: {number!r}") from None
    if not phonenumbers.is_possible_number(parsed):
        raise PhoneError(f"not an E.164 number: {number!r}")
    if phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164) != number:
        raise PhoneError(f"not an E.164 number: {number!r}")  # e.g. a national trunk 0 after the code
    return number


def is_bsuid(value: str) -> bool:
    """A business-scoped user id, own (`NL.1502…`) or parent (`NL.ENT.…`)."""
    return bool(_BSUID.fullmatch(value))


def is_parent_bsuid(value: str) -> bool:
    return bool(_PARENT.fullmatch(value))


def validate_bsuid(value: str) -> str:
    if not is_bsuid(value):
        raise PhoneError(f"not a WhatsApp business-scoped user id: {value!r}")
    return value


def validate_address(address: str) -> str:
    """An E.164 number or a BSUID: what a WhatsApp message can be addressed to."""
    return validate_bsuid(address) if address[:1].isalpha() else validate_e164(address)


def normalize(raw: str) -> str:
    """Accept the usual ways people and providers write a number; return E.164.

    `06…` is Dutch, `00…` international, bare digits (`316…`, WAHA) carry their country code."""
    s = raw.strip().removeprefix("whatsapp:")
    s = re.sub(r"@(c\.us|s\.whatsapp\.net)$", "", s)
    if not s or re.search(r"[^\d\s\-().+]", s):
        raise PhoneError(f"not a phone number: {raw!r}")
    compact = re.sub(r"[\s\-().]", "", s)
    if compact[:1].isdigit() and not compact.startswith("0"):
        compact = "+" + compact
    try:
        parsed = phonenumbers.parse(compact, "NL")
    except phonenumbers.NumberParseException:
        raise PhoneError(f"not a phone number: {raw!r}") from None
    return validate_e164(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
                         if compact.startswith("0") else compact)


def to_twilio(address: str) -> str:
    """`whatsapp:+316…` for a phone number, `whatsapp:NL.1502…` for a BSUID."""
    return "whatsapp:" + validate_address(address)


def from_twilio(address: str) -> str:
    """The E.164 number or the BSUID inside a Twilio WhatsApp address."""
    if not address.startswith("whatsapp:"):
        raise PhoneError(f"not a WhatsApp address: {address!r}")
    return validate_address(address.removeprefix("whatsapp:"))


def to_waha(e164: str) -> str:
    return validate_e164(e164)[1:] + "@c.us"


def from_waha(chat_id: str) -> str:
    if not chat_id.endswith("@c.us"):
        raise PhoneError(f"not a WAHA personal chat id: {chat_id!r}")
    return validate_e164("+" + chat_id.removesuffix("@c.us"))


def conversation_id(provider: str, key: str) -> str:
    """The seed's ids: `twilio:+31612345678`; legacy `waha:31612345678`. A contact first seen without
    a phone number (only a BSUID) has `twilio:NL.1502…`."""
    return f"twilio:{key}" if provider == "twilio" else f"waha:{key[1:]}"


def waha_conversation_to_twilio(conv_id: str) -> str | None:
    """`waha:31612345678` → `twilio:+31612345678`, or None when it is not a valid WAHA id."""
    if not conv_id.startswith("waha:"):
        return None
    try:
        return "twilio:" + validate_e164("+" + conv_id.removeprefix("waha:").removesuffix("@c.us"))
    except PhoneError:
        return None
