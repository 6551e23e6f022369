"""Phone-number forms: E.164 ↔ Twilio `whatsapp:+…` ↔ WAHA `…@c.us`, normalisation and rejection."""

from __future__ import annotations

import pytest

from integrations.phone import (
    PhoneError,
    conversation_id,
    from_twilio,
    from_waha,
    normalize,
    to_twilio,
    to_waha,
    validate_e164,
    waha_conversation_to_twilio,
)

E164 = "+31612345678"


def test_e164_converts_to_twilio_address_and_back() -> None:
    """An E.164 number becomes `whatsapp:+…` and the Twilio address yields the same number."""
    assert to_twilio(E164) == "whatsapp:+31612345678"
    assert from_twilio("whatsapp:+31612345678") == E164


def test_e164_converts_to_waha_chat_id_and_back() -> None:
    """An E.164 number becomes WAHA's `digits@c.us` chat id and the chat id yields the same number."""
    assert to_waha(E164) == "31612345678@c.us"
    assert from_waha("31612345678@c.us") == E164


def test_waha_chat_id_round_trips_to_twilio_address() -> None:
    """A WAHA chat id and the Twilio address of the same customer map onto each other through E.164."""
    assert to_twilio(from_waha("31612345678@c.us")) == "whatsapp:+31612345678"
    assert to_waha(from_twilio("whatsapp:+31612345678")) == "31612345678@c.us"


@pytest.mark.parametrize(
    "raw",
    [
        "+31612345678",
        "0612345678",
        "06-12345678",
        "06 1234 5678",
        "(06) 12 34 56 78",
        "0031612345678",
        "0031 6 12 34 56 78",
        "31612345678",
        "+31 6 12-34-56-78",
        "  +31612345678  ",
        "whatsapp:+31612345678",
        "31612345678@c.us",
        "31612345678@s.whatsapp.net",
    ],
)
def test_normalize_accepts_common_ways_of_writing_a_dutch_mobile(raw: str) -> None:
    """Local `06…`, international `0031…`, bare digits, spaces, dashes and provider forms all give E.164."""
    assert normalize(raw) == E164


def test_normalize_keeps_foreign_numbers_in_their_country() -> None:
    """A German number written with `00` keeps its own country code."""
    assert normalize("0049 151 23456789") == "+4915123456789"


@pytest.mark.parametrize(
    "raw",
    [
        "+3161234",  # too short
        "+1234567890123456",  # 16 digits: longer than E.164 allows
        "+3161234567",  # Dutch with 8 digits after +31
        "+316123456789",  # Dutch with 10 digits after +31
        "+31612345abc",  # letters
        "06123456ab",
        "120363012345678901@g.us",  # a WhatsApp group, not a person
        "",
        "+0612345678",  # country code cannot start with 0
    ],
)
def test_normalize_rejects_numbers_that_cannot_be_addressed(raw: str) -> None:
    """Too short, too long, wrong Dutch length, letters and group ids raise PhoneError."""
    with pytest.raises(PhoneError):
        normalize(raw)


@pytest.mark.parametrize("number", ["31612345678", "+31 612345678", "+3161234567", "+1234567890123456"])
def test_validate_e164_rejects_anything_but_plus_and_digits_of_valid_length(number: str) -> None:
    """validate_e164 accepts only a strict `+` followed by a valid number of digits."""
    with pytest.raises(PhoneError):
        validate_e164(number)


def test_phone_error_is_a_value_error() -> None:
    """Callers that catch ValueError also catch a bad phone number."""
    assert issubclass(PhoneError, ValueError)


def test_from_twilio_rejects_an_address_without_the_whatsapp_prefix() -> None:
    """A plain SMS number is not a WhatsApp address."""
    with pytest.raises(PhoneError):
        from_twilio("+31612345678")


def test_from_waha_rejects_group_chat_ids() -> None:
    """`@g.us` group chats are not customers."""
    with pytest.raises(PhoneError):
        from_waha("31612345678@g.us")


def test_conversation_ids_follow_the_seed_format() -> None:
    """Twilio conversations are `twilio:+E164`, legacy WAHA ones `waha:digits`."""
    assert conversation_id("twilio", E164) == "twilio:+31612345678"
    assert conversation_id("waha", E164) == "waha:31612345678"


@pytest.mark.parametrize(
    ("waha_id", "expected"),
    [
        ("waha:31612345678", "twilio:+31612345678"),
        ("waha:31612345678@c.us", "twilio:+31612345678"),
        ("waha:4915123456789", "twilio:+4915123456789"),
        ("waha:3161234", None),
        ("waha:120363012345678901@g.us", None),
        ("waha:", None),
        ("twilio:+31612345678", None),
        ("31612345678", None),
    ],
)
def test_waha_conversation_id_maps_to_the_twilio_one_or_none(waha_id: str, expected: str | None) -> None:
    """A valid legacy WAHA conversation id maps to its Twilio id; anything else gives None."""
    assert waha_conversation_to_twilio(waha_id) == expected


@pytest.mark.parametrize("bsuid", ["NL.1502345678901234", "US.13491208655302741918", "NL.ENT.99887766554433", "DE.a1B2c3"])
def test_business_scoped_user_ids_are_whatsapp_addresses(bsuid: str) -> None:
    """`whatsapp:<BSUID>` is an address both ways, like `whatsapp:+E164` (api-notes §W.4)."""
    from integrations.phone import is_bsuid, validate_address

    assert is_bsuid(bsuid) and validate_address(bsuid) == bsuid
    assert to_twilio(bsuid) == f"whatsapp:{bsuid}"
    assert from_twilio(f"whatsapp:{bsuid}") == bsuid
    assert conversation_id("twilio", bsuid) == f"twilio:{bsuid}"


@pytest.mark.parametrize("value", ["nl.1502345", "NL.", "NL.15-02", "NLD.1502345", "N.1502345", "NL." + "1" * 129, "NL.ENT."])
def test_malformed_business_scoped_user_ids_are_refused(value: str) -> None:
    """Lowercase country, no id, punctuation, three-letter country or an id over 128 characters: PhoneError."""
    with pytest.raises(PhoneError):
        from_twilio(f"whatsapp:{value}")
    with pytest.raises(PhoneError):
        to_waha(value)  # WAHA has no BSUIDs
