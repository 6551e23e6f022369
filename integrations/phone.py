"""Phone-number forms used by the providers, and the checks between them (seed §8).

E.164 `+31612345678` ↔ Twilio `whatsapp:+31612345678` ↔ WAHA `31612345678@c.us`.
"""

from __future__ import annotations

import re

# E.164 allows up to 15 digits; the shortest numbers in use have 7 (e.g. +376 312345 has 9,
# Niue's +683 4002 has 7). Dutch numbers are checked for their exact length below.
_E164 = re.compile(r"^\+[1-9]\d{6,14}$")


class PhoneError(ValueError):
    """Not a number we can address."""


def validate_e164(number: str) -> str:
    """Return the number when it is E.164 with 7–15 digits (Dutch: +31 and 9 digits)."""
    if not _E164.match(number):
        raise PhoneError(f"not an E.164 number: {number!r}")
    if number.startswith("+31") and len(number) != 12:
        raise PhoneError("a Dutch number is +31 followed by 9 digits")
    return number


def normalize(raw: str) -> str:
    """Accept the usual ways people and providers write a number; return E.164."""
    s = raw.strip()
    s = s.removeprefix("whatsapp:")
    s = re.sub(r"@(c\.us|s\.whatsapp\.net)$", "", s)
    s = re.sub(r"[\s\-().]", "", s)
    if s.startswith("00"):
        s = "+" + s[2:]
    elif s.startswith("06") and len(s) == 10:
        s = "+31" + s[1:]
    elif not s.startswith("+"):
        s = "+" + s
    return validate_e164(s)


def to_twilio(e164: str) -> str:
    return "whatsapp:" + validate_e164(e164)


def from_twilio(address: str) -> str:
    if not address.startswith("whatsapp:"):
        raise PhoneError(f"not a WhatsApp address: {address!r}")
    return validate_e164(address.removeprefix("whatsapp:"))


def to_waha(e164: str) -> str:
    return validate_e164(e164)[1:] + "@c.us"


def from_waha(chat_id: str) -> str:
    if not chat_id.endswith("@c.us"):
        raise PhoneError(f"not a WAHA personal chat id: {chat_id!r}")
    return validate_e164("+" + chat_id.removesuffix("@c.us"))


def conversation_id(provider: str, e164: str) -> str:
    """The seed's ids: `twilio:+31612345678`; legacy `waha:31612345678`."""
    return f"twilio:{e164}" if provider == "twilio" else f"waha:{e164[1:]}"


def waha_conversation_to_twilio(conv_id: str) -> str | None:
    """`waha:31612345678` → `twilio:+31612345678`, or None when it is not a valid WAHA id."""
    if not conv_id.startswith("waha:"):
        return None
    try:
        return "twilio:" + validate_e164("+" + conv_id.removeprefix("waha:").removesuffix("@c.us"))
    except PhoneError:
        return None
