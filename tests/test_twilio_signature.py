"""Twilio webhook signatures (api-notes §a), inbound form parsing, and WAHA's HMAC header."""

from __future__ import annotations

import base64
import hashlib
import hmac
import random
import string

import pytest
from twilio.request_validator import RequestValidator

from integrations.messages import Location, Media
from integrations.twilio_webhook import WebhookError, compute_signature, parse_inbound, signature_valid
from integrations.waha_client import waha_signature_valid

TOKEN = "12345"
URL = "https://bot.example.nl/twilio/whatsapp"
VECTOR_SIGNATURE = "UlZI6kgtgKxgMRdx/fNT0lqPQXI="
VECTOR_PARAMS = [
    ("Body", "Hoi, is de Golf nog beschikbaar?"),
    ("From", "whatsapp:+31612345678"),
    ("To", "whatsapp:+14155238886"),
    ("MessageSid", "SM" + "1" * 32),
    ("AccountSid", "AC" + "2" * 32),
    ("NumMedia", "0"),
    ("ProfileName", "Jan"),
    ("WaId", "31612345678"),
]
RECEIVED = "2026-11-24T09:00:00+00:00"
SHARED_KEY_HEADER = "key=webhooks_sharedkey_0123456789abcdef,algorithm=HMAC_SHA256"


def test_compute_signature_matches_the_api_notes_test_vector() -> None:
    """The documented vector (token 12345, the bot URL, eight params) gives the documented signature."""
    assert compute_signature(TOKEN, URL, VECTOR_PARAMS) == VECTOR_SIGNATURE


def test_test_vector_signature_validates() -> None:
    """The documented signature is accepted for the documented request."""
    assert signature_valid(TOKEN, URL, VECTOR_PARAMS, VECTOR_SIGNATURE)


def test_parameter_order_does_not_matter() -> None:
    """Parameters are sorted by name before signing, so the form's order is irrelevant."""
    assert signature_valid(TOKEN, URL, list(reversed(VECTOR_PARAMS)), VECTOR_SIGNATURE)


def test_signature_validates_against_the_url_with_the_default_port_added() -> None:
    """A request seen as `https://host:443/...` still matches a signature made without the port."""
    assert signature_valid(TOKEN, "https://bot.example.nl:443/twilio/whatsapp", VECTOR_PARAMS, VECTOR_SIGNATURE)


def test_signature_made_with_the_port_validates_against_the_url_without_it() -> None:
    """Twilio sometimes signs with `:443`; the plain URL still validates that signature."""
    with_port = compute_signature(TOKEN, "https://bot.example.nl:443/twilio/whatsapp", VECTOR_PARAMS)
    assert with_port != VECTOR_SIGNATURE
    assert signature_valid(TOKEN, URL, VECTOR_PARAMS, with_port)


def test_a_non_default_port_is_not_interchangeable() -> None:
    """Only the scheme's default port is added or removed; `:8443` is a different URL."""
    assert not signature_valid(TOKEN, "https://bot.example.nl:8443/twilio/whatsapp", VECTOR_PARAMS, VECTOR_SIGNATURE)


def test_a_changed_parameter_value_fails() -> None:
    """Tampering with any value (here the body) invalidates the signature."""
    tampered = [(k, "Hoi, is de Polo nog beschikbaar?" if k == "Body" else v) for k, v in VECTOR_PARAMS]
    assert not signature_valid(TOKEN, URL, tampered, VECTOR_SIGNATURE)


def test_an_added_parameter_fails() -> None:
    """A parameter that Twilio did not send invalidates the signature."""
    assert not signature_valid(TOKEN, URL, [*VECTOR_PARAMS, ("Extra", "1")], VECTOR_SIGNATURE)


def test_a_different_url_scheme_fails() -> None:
    """The `http://` URL a proxy shows the app does not match Twilio's `https://` signature."""
    assert not signature_valid(TOKEN, "http://bot.example.nl/twilio/whatsapp", VECTOR_PARAMS, VECTOR_SIGNATURE)


def test_a_different_path_fails() -> None:
    """The signature covers the path."""
    assert not signature_valid(TOKEN, "https://bot.example.nl/twilio/status", VECTOR_PARAMS, VECTOR_SIGNATURE)


def test_a_wrong_token_fails() -> None:
    """A signature made with another Auth Token is rejected."""
    assert not signature_valid("54321", URL, VECTOR_PARAMS, VECTOR_SIGNATURE)


def test_an_empty_token_or_signature_never_validates() -> None:
    """No key or no header means no proof: the check fails closed."""
    assert not signature_valid("", URL, VECTOR_PARAMS, compute_signature("", URL, VECTOR_PARAMS))
    assert not signature_valid(TOKEN, URL, VECTOR_PARAMS, "")


def test_the_query_string_is_signed_exactly_as_sent() -> None:
    """The query is part of the signed URL, in its original order and encoding."""
    url = URL + "?b=2&a=%2F1"
    signature = compute_signature(TOKEN, url, VECTOR_PARAMS)
    assert signature_valid(TOKEN, url, VECTOR_PARAMS, signature)
    assert not signature_valid(TOKEN, URL + "?a=%2F1&b=2", VECTOR_PARAMS, signature)
    assert not signature_valid(TOKEN, URL + "?b=2&a=/1", VECTOR_PARAMS, signature)
    assert not signature_valid(TOKEN, URL, VECTOR_PARAMS, signature)


def test_repeated_parameter_values_are_signed_in_sorted_order() -> None:
    """Several values of one name are appended sorted, so their form order does not matter."""
    params = [("MediaUrl", "b"), ("MediaUrl", "a")]
    assert compute_signature(TOKEN, URL, params) == compute_signature(TOKEN, URL, list(reversed(params)))
    expected = hmac.new(TOKEN.encode(), (URL + "MediaUrla" + "MediaUrlb").encode(), hashlib.sha1).digest()
    assert compute_signature(TOKEN, URL, params) == base64.b64encode(expected).decode()


def test_shared_key_mode_checks_hmac_sha256_when_the_settings_header_says_so() -> None:
    """With `algorithm=HMAC_SHA256` in the settings header the SHA-256 signature of the SharedKey validates."""
    secret = "shared-key-secret"
    sha256_sig = compute_signature(secret, URL, VECTOR_PARAMS, "sha256")
    sdk = RequestValidator(secret).compute_signature(URL, dict(VECTOR_PARAMS), "HMAC_SHA256")
    assert sha256_sig == sdk
    assert signature_valid(secret, URL, VECTOR_PARAMS, sha256_sig, settings_header=SHARED_KEY_HEADER)
    assert not signature_valid(secret, URL, VECTOR_PARAMS, sha256_sig)


def test_shared_key_header_with_sha1_algorithm_keeps_sha1() -> None:
    """`algorithm=HMAC_SHA1` in the settings header means the SHA-1 scheme."""
    sig = compute_signature(TOKEN, URL, VECTOR_PARAMS)
    assert signature_valid(TOKEN, URL, VECTOR_PARAMS, sig, settings_header="key=k1,algorithm=HMAC_SHA1")
    assert not signature_valid(TOKEN, URL, VECTOR_PARAMS, sig, settings_header=SHARED_KEY_HEADER)


def test_json_body_variant_signs_the_url_and_checks_the_body_hash() -> None:
    """For JSON bodies the URL carries `bodySHA256`; only the URL is signed and the hash must match the body."""
    body = b'{"event":"onMessageAdded","Body":"Hoi"}'
    url = f"{URL}?bodySHA256={hashlib.sha256(body).hexdigest()}"
    signature = compute_signature(TOKEN, url, [])
    assert signature_valid(TOKEN, url, [], signature, raw_body=body)
    assert RequestValidator(TOKEN).validate(url, body.decode(), signature)
    assert not signature_valid(TOKEN, url, [], signature, raw_body=body + b" ")


def test_json_body_variant_ignores_form_params_passed_alongside() -> None:
    """When the body hash is checked, the signature is over the URL alone, as Twilio's SDK does it."""
    body = b'{"a":1}'
    url = f"{URL}?bodySHA256={hashlib.sha256(body).hexdigest()}"
    signature = compute_signature(TOKEN, url, [])
    assert signature_valid(TOKEN, url, [("ignored", "x")], signature, raw_body=body)


def _random_params(rng: random.Random) -> list[tuple[str, str]]:
    alphabet = string.ascii_letters + string.digits + " +:/?=&%éü€-_.,"
    names = rng.sample(
        ["Body", "From", "To", "MessageSid", "AccountSid", "NumMedia", "ProfileName", "WaId", "ButtonText",
         "ButtonPayload", "Latitude", "Longitude", "Address", "Label", "MediaUrl0", "MediaContentType0",
         "ReferralBody", "ApiVersion", "SmsStatus", "body", "from", "a", "Z"],
        rng.randint(0, 12),
    )
    return [(name, "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))) for name in names]


@pytest.mark.parametrize("seed", range(25))
def test_signatures_agree_with_the_twilio_sdk_for_random_params(seed: int) -> None:
    """For random params and URLs our signature and validation agree with twilio's RequestValidator."""
    rng = random.Random(seed)
    token = "".join(rng.choice(string.hexdigits) for _ in range(32))
    url = rng.choice([URL, "https://bot.example.nl:443/webhooks/twilio/whatsapp?x=1&y=%20z", "http://127.0.0.1/hook"])
    params = _random_params(rng)
    sdk = RequestValidator(token)
    ours = compute_signature(token, url, params)
    assert ours == sdk.compute_signature(url, dict(params))
    assert signature_valid(token, url, params, ours)
    assert sdk.validate(url, dict(params), ours)
    other = compute_signature(token + "x", url, params)
    assert signature_valid(token, url, params, other) is sdk.validate(url, dict(params), other) is False


def _form(**extra: str) -> dict[str, str]:
    form = dict(VECTOR_PARAMS)
    form.update(SmsMessageSid=form["MessageSid"], SmsSid=form["MessageSid"], MessageType="text", ReferralNumMedia="0")
    form.update(extra)
    return form


def test_parse_inbound_reads_a_text_message() -> None:
    """A plain text message yields the sid, E.164 phone, conversation id, body, name and WaId."""
    msg = parse_inbound(_form(), RECEIVED)
    assert msg.provider == "twilio"
    assert msg.message_id == "SM" + "1" * 32
    assert msg.phone == "+31612345678"
    assert msg.conversation_id == "twilio:+31612345678"
    assert msg.body == "Hoi, is de Golf nog beschikbaar?"
    assert msg.profile_name == "Jan"
    assert msg.wa_id == "31612345678"
    assert msg.received_at == RECEIVED
    assert msg.media == () and msg.location is None and msg.referral == {}
    assert msg.message_type == "text"


def test_parse_inbound_collects_every_media_item() -> None:
    """NumMedia=2 yields both media URLs with their content types, in order."""
    msg = parse_inbound(
        _form(Body="", NumMedia="2", MessageType="image",
              MediaUrl0="https://api.twilio.com/m/0", MediaContentType0="image/jpeg",
              MediaUrl1="https://api.twilio.com/m/1", MediaContentType1="application/pdf"),
        RECEIVED,
    )
    assert msg.media == (Media("https://api.twilio.com/m/0", "image/jpeg"),
                         Media("https://api.twilio.com/m/1", "application/pdf"))
    assert msg.message_type == "image"


def test_parse_inbound_reads_a_button_reply() -> None:
    """A quick-reply button carries its payload and text; the text is what the dialogue reads."""
    msg = parse_inbound(_form(Body="", MessageType="button", ButtonPayload="slot_2", ButtonText="Dinsdag 10:00"),
                        RECEIVED)
    assert msg.button_payload == "slot_2"
    assert msg.button_text == "Dinsdag 10:00"
    assert msg.text == "Dinsdag 10:00"


def test_parse_inbound_reads_a_shared_location() -> None:
    """Latitude/Longitude/Address/Label become a Location."""
    msg = parse_inbound(_form(Body="", MessageType="location", Latitude="52.1386", Longitude="5.5918",
                              Address="Industrieweg 12, Barneveld", Label="Seldenrijk"), RECEIVED)
    assert msg.location == Location(52.1386, 5.5918, "Industrieweg 12, Barneveld", "Seldenrijk")


def test_parse_inbound_rejects_a_location_that_is_not_numeric() -> None:
    """Garbage coordinates are a malformed webhook."""
    with pytest.raises(WebhookError):
        parse_inbound(_form(Latitude="north", Longitude="5.59"), RECEIVED)


def test_parse_inbound_keeps_click_to_whatsapp_referral_fields() -> None:
    """Referral* parameters of an ad click are kept, except the always-present ReferralNumMedia."""
    msg = parse_inbound(_form(ReferralBody="Golf 8 actie", ReferralSourceType="ad", ReferralSourceId="123",
                              ReferralCtwaClid="clid"), RECEIVED)
    assert msg.referral == {"ReferralBody": "Golf 8 actie", "ReferralSourceType": "ad", "ReferralSourceId": "123",
                            "ReferralCtwaClid": "clid"}


def test_parse_inbound_ignores_unknown_parameters() -> None:
    """Twilio adds parameters without notice; they do not break parsing."""
    msg = parse_inbound(_form(ChannelMetadata='{"x":1}', ExternalUserId="NL.123"), RECEIVED)
    assert msg.message_id == "SM" + "1" * 32


def test_parse_inbound_falls_back_to_sms_message_sid() -> None:
    """Without MessageSid the legacy SmsMessageSid duplicate still identifies the message."""
    form = _form()
    del form["MessageSid"]
    assert parse_inbound(form, RECEIVED).message_id == "SM" + "1" * 32


@pytest.mark.parametrize("missing", [("MessageSid", "SmsMessageSid"), ("From",)])
def test_parse_inbound_rejects_a_form_without_sid_or_sender(missing: tuple[str, ...]) -> None:
    """No message id or no sender is a WebhookError naming the missing field."""
    form = {k: v for k, v in _form().items() if k not in missing}
    with pytest.raises(WebhookError, match=missing[0]):
        parse_inbound(form, RECEIVED)


@pytest.mark.parametrize("sender", ["whatsapp:+3161234", "whatsapp:hello", "whatsapp:+31612345678@c.us"])
def test_parse_inbound_rejects_an_unusable_sender(sender: str) -> None:
    """A From that is not a valid number is a WebhookError, not a crash."""
    with pytest.raises(WebhookError, match="From"):
        parse_inbound(_form(From=sender), RECEIVED)


def test_parse_inbound_rejects_non_numeric_num_media() -> None:
    """NumMedia must be a number."""
    with pytest.raises(WebhookError, match="NumMedia"):
        parse_inbound(_form(NumMedia="two"), RECEIVED)


def test_waha_signature_is_hex_hmac_sha512_of_the_raw_body() -> None:
    """`X-Webhook-Hmac` validates when it is the hex HMAC-SHA512 of the exact body bytes."""
    body = b'{"event":"message","payload":{"from":"31612345678@c.us","body":"Hoi"}}'
    header = hmac.new(b"waha-key", body, hashlib.sha512).hexdigest()
    assert waha_signature_valid("waha-key", body, header)
    assert waha_signature_valid("waha-key", body, header.upper() + "\n")


def test_waha_signature_rejects_tampering_wrong_keys_and_missing_headers() -> None:
    """A changed body, another key, another hash or no header/key all fail."""
    body = b'{"event":"message"}'
    header = hmac.new(b"waha-key", body, hashlib.sha512).hexdigest()
    assert not waha_signature_valid("waha-key", body + b" ", header)
    assert not waha_signature_valid("other-key", body, header)
    assert not waha_signature_valid("waha-key", body, hmac.new(b"waha-key", body, hashlib.sha256).hexdigest())
    assert not waha_signature_valid("waha-key", body, "")
    assert not waha_signature_valid("", body, hmac.new(b"", body, hashlib.sha512).hexdigest())
