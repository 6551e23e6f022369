"""JSON logging: one object per line, phone numbers and secrets masked, live level changes, bound context.

Output is captured by calling `configure(settings, "json", stream=StringIO())`. structlog caches a
logger's processors and output stream on its first use, so each test creates its loggers with
`get_logger()` *after* `configure`; a logger that was used before a later `configure` keeps writing
to the stream it was first bound to (see the last test).
"""

from __future__ import annotations

import io
import json
import re
from typing import Any, Iterator

import pytest
import structlog

from daemon.logs import LogSettings, configure, get_logger, mask_phone_numbers

SECRET = "tok-9f8e7d6c5b4a"
PHONE = "+31612345678"
MASKED = "+31******678"
SID = "SM0123456789abcdef0123456789abcdef"


@pytest.fixture(autouse=True)
def _restore_structlog() -> Iterator[None]:
    """Leave structlog's global configuration and context as the test found them."""
    saved = structlog.get_config()
    structlog.contextvars.clear_contextvars()
    yield
    structlog.contextvars.clear_contextvars()
    structlog.configure(**saved)


class Captured:
    def __init__(self, level: str = "debug", secrets: frozenset[str] = frozenset({SECRET}), fmt: str = "json"):
        self.settings = LogSettings(level, secrets)
        self.stream = io.StringIO()
        configure(self.settings, fmt, stream=self.stream)

    def lines(self) -> list[str]:
        return self.stream.getvalue().splitlines()

    def events(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.lines()]

    def one(self) -> dict[str, Any]:
        events = self.events()
        assert len(events) == 1, events
        return events[0]


def test_every_line_is_a_json_object_with_event_level_and_timestamp() -> None:
    """Each call writes exactly one line that parses as JSON and carries event, level and timestamp."""
    out = Captured()
    log = get_logger()
    log.info("reply_sent", ms=12.5)
    log.warning("send_deferred", attempt=2)
    log.error("message_failed", error="boom")
    events = out.events()
    assert [e["event"] for e in events] == ["reply_sent", "send_deferred", "message_failed"]
    assert [e["level"] for e in events] == ["info", "warning", "error"]
    assert all(e["timestamp"].endswith("Z") or "+00:00" in e["timestamp"] for e in events)
    assert events[0]["ms"] == 12.5


def test_a_multi_line_value_stays_on_one_line() -> None:
    """Newlines inside values are escaped, so `journalctl -o cat | jq` sees one object per line."""
    out = Captured()
    get_logger().info("reply_local", body="Goedemiddag!\nWe hebben drie Golfs.\n")
    assert len(out.lines()) == 1
    assert out.one()["body"] == "Goedemiddag!\nWe hebben drie Golfs.\n"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (PHONE, MASKED),
        ("whatsapp:+31612345678", "whatsapp:" + MASKED),
        ("31612345678@c.us", "31******678@c.us"),
        ("twilio:+31612345678", "twilio:" + MASKED),
        ("klant 0612345678 belde", "klant 06*****678 belde"),
        ("Nummer: +4915123456789.", "Nummer: +49********789."),
    ],
)
def test_phone_numbers_are_masked_in_every_provider_form(value: str, expected: str) -> None:
    """E.164, Twilio and WAHA forms and numbers inside free text keep only the first two and last three digits."""
    out = Captured()
    get_logger().info("inbound", value=value)
    line = out.lines()[0]
    assert out.one()["value"] == expected
    assert "612345" not in line and "1512345" not in line


def test_phone_numbers_are_masked_inside_nested_dicts_and_lists() -> None:
    """Masking walks dicts, lists and tuples at any depth."""
    out = Captured()
    get_logger().info("payload", data={"From": "whatsapp:+31612345678", "to": [PHONE, ("31612345678@c.us",)],
                                       "deep": {"deeper": [{"phone": PHONE}]}})
    assert "612345678" not in out.lines()[0]
    data = out.one()["data"]
    assert data["From"] == "whatsapp:" + MASKED
    assert data["to"] == [MASKED, ["31******678@c.us"]]
    assert data["deep"]["deeper"][0]["phone"] == MASKED


def test_phone_numbers_in_the_event_name_and_exception_text_are_masked() -> None:
    """The event string and a formatted traceback are masked like any other value."""
    out = Captured()
    log = get_logger()
    try:
        raise ValueError(f"cannot send to {PHONE} with {SECRET}")
    except ValueError as exc:
        log.error(f"failed for {PHONE}", exc_info=exc)
    line = out.lines()[0]
    assert "612345678" not in line and SECRET not in line
    event = out.one()
    assert event["event"] == f"failed for {MASKED}"
    assert MASKED in event["exception"] and "ValueError" in event["exception"]


def test_message_sids_stay_readable() -> None:
    """Twilio SIDs (SM + 32 hex or digits) are identifiers, not phone numbers, and are not masked."""
    out = Captured()
    digits_sid = "SM" + "1" * 32
    get_logger().info("reply_sent", sid=SID, other=digits_sid, text=f"status {digits_sid} delivered",
                      account="AC" + "2" * 32, media="MM" + "3" * 32)
    event = out.one()
    assert event["sid"] == SID
    assert event["other"] == digits_sid
    assert event["text"] == f"status {digits_sid} delivered"
    assert event["account"] == "AC" + "2" * 32
    assert event["media"] == "MM" + "3" * 32


def test_short_numbers_are_not_taken_for_phone_numbers() -> None:
    """Counts, years, ids and prices below seven digits stay as they are."""
    out = Captured()
    get_logger().info("stock", price="€ 24950", year="2021", ms=1234567, text="km-stand 123456")
    event = out.one()
    assert event["price"] == "€ 24950" and event["year"] == "2021" and event["ms"] == 1234567
    assert event["text"] == "km-stand 123456"


def test_configured_secret_values_are_replaced_wherever_they_appear() -> None:
    """A configured secret is replaced in plain values, inside text and inside nested structures."""
    out = Captured()
    get_logger().info("twilio_call", error=f"401 for token {SECRET}", headers=[{"x": f"Basic {SECRET}"}], raw=SECRET)
    line = out.lines()[0]
    assert SECRET not in line
    event = out.one()
    assert event["error"] == "401 for token [secret]"
    assert event["headers"] == [{"x": "Basic [secret]"}]
    assert event["raw"] == "[secret]"


@pytest.mark.parametrize("key", ["auth_token", "Authorization", "api_key", "hmac_key", "webhook_secret", "password",
                                 "X-Twilio-Signature"])
def test_values_under_secret_named_keys_are_replaced(key: str) -> None:
    """Whatever the value, a key that names a secret has its value replaced, at top level and nested."""
    out = Captured(secrets=frozenset())
    get_logger().info("request", **{key: "not-a-configured-secret"}, headers={key: "Bearer abc.def"})
    event = out.one()
    assert event[key] == "[secret]"
    assert event["headers"][key] == "[secret]"
    assert "not-a-configured-secret" not in out.lines()[0] and "abc.def" not in out.lines()[0]


def test_console_format_is_masked_too() -> None:
    """The console renderer gets the same masking as JSON."""
    out = Captured(fmt="console")
    get_logger().info("inbound", phone=PHONE, token=SECRET)
    text = out.stream.getvalue()
    assert "inbound" in text and MASKED in text
    assert PHONE not in text and SECRET not in text


def test_mask_phone_numbers_keeps_the_shape() -> None:
    """The helper keeps the leading `+`, the length and the first two and last three digits."""
    assert mask_phone_numbers("+31612345678") == "+31******678"
    assert mask_phone_numbers("31612345678") == "31******678"
    assert len(mask_phone_numbers("+4915123456789")) == len("+4915123456789")


@pytest.mark.parametrize("text", ["mijn nummer is 06-12345678", "bel +31 6 12345678", "bel 06 1234 5678"])
def test_phone_numbers_written_with_dashes_or_spaces_are_masked(text: str) -> None:
    """A customer who writes their number the Dutch way (`06-12345678`) is not exposed in the logs."""
    out = Captured()
    get_logger().info("reply_local", body=text)
    assert "12345678" not in re.sub(r"\D", "", out.one()["body"])


def test_level_change_takes_effect_on_an_already_cached_logger() -> None:
    """Reload mutates LogSettings in place; a logger that already logged obeys the new level at once."""
    out = Captured(level="info")
    log = get_logger()
    log.debug("dropped_at_info")
    log.info("kept_at_info")
    out.settings.level = "warning"
    log.info("dropped_at_warning")
    log.warning("kept_at_warning")
    out.settings.level = "debug"
    log.debug("kept_at_debug")
    assert [e["event"] for e in out.events()] == ["kept_at_info", "kept_at_warning", "kept_at_debug"]


def test_secret_change_takes_effect_on_an_already_cached_logger() -> None:
    """A reloaded token is masked by loggers created before the reload."""
    out = Captured(secrets=frozenset())
    log = get_logger()
    log.info("before", value="new-token-123456")
    out.settings.secrets = frozenset({"new-token-123456"})
    log.info("after", value="new-token-123456")
    assert [e["value"] for e in out.events()] == ["new-token-123456", "[secret]"]


def test_error_level_lets_exceptions_through() -> None:
    """`log.exception` is an error and passes a filter set to error."""
    out = Captured(level="error")
    try:
        raise RuntimeError("x")
    except RuntimeError:
        get_logger().exception("crashed")
    assert out.one()["event"] == "crashed"


def test_critical_events_pass_a_filter_set_to_error() -> None:
    """A critical event is more severe than error and must never be filtered out by a higher level."""
    out = Captured(level="error")
    get_logger().critical("store_unusable")
    assert out.one()["level"] == "critical"


def test_bound_context_variables_appear_on_every_line() -> None:
    """`conversation_id` and `message_id` bound for a unit of work appear on its lines (the id masked)."""
    out = Captured()
    log = get_logger()
    with structlog.contextvars.bound_contextvars(conversation_id="twilio:+31612345678", message_id=SID):
        log.info("message_received")
        log.info("reply_sent")
    log.info("idle")
    first, second, third = out.events()
    for event in (first, second):
        assert event["conversation_id"] == "twilio:" + MASKED
        assert event["message_id"] == SID
    assert "conversation_id" not in third and "message_id" not in third


def test_logger_bound_fields_appear() -> None:
    """Fields bound on the logger itself (an actor's name) are on each of its lines."""
    out = Captured()
    get_logger(actor="sender").info("started")
    assert out.one()["actor"] == "sender"


def test_a_logger_used_before_configure_keeps_its_first_stream() -> None:
    """structlog caches on first use: tests must create loggers after `configure` to capture them."""
    first = Captured()
    early = get_logger()
    early.info("one")
    second = Captured()
    early.info("two")
    get_logger().info("three")
    assert [e["event"] for e in first.events()] == ["one", "two"]
    assert [e["event"] for e in second.events()] == ["three"]


def test_integer_phone_numbers_are_masked_too():
    """A WaId passed as an int (31612345678) is masked like the string form; small counts stay numbers."""
    from daemon.logs import LogSettings, _Mask

    mask = _Mask(LogSettings())
    event = mask.clean({"event": "x", "wa_id": 31612345678, "count": 42, "ms": 3.5})
    assert event["wa_id"] == "31******678" and event["count"] == 42 and event["ms"] == 3.5


def test_a_short_secret_inside_a_phone_number_neither_leaks_nor_stops_the_masking():
    """Phones are masked before secrets; secrets shorter than 8 characters are not matched at all."""
    from daemon.logs import LogSettings, _Mask

    mask = _Mask(LogSettings(secrets=frozenset({"12345", "a-long-secret-token"})))
    event = mask.clean({"event": "x", "conversation_id": "twilio:+31612345001", "note": "a-long-secret-token ok"})
    assert event["conversation_id"] == "twilio:+31******001"
    assert event["note"] == "[secret] ok"


@pytest.mark.parametrize("text, hidden", [
    ("bel 06.12.34.56.78", "12345678"),
    ("bel (020) 123 4567", "1234567"),
    ("+31 (0)6 12345678", "12345678"),
    ("Andorra +376 312345", "312345"),
    ("thuis 123 4567", "12345"),
])
def test_masking_misses_numbers_with_dots_parentheses_or_under_nine_digits(text: str, hidden: str) -> None:
    """Issue 9 item 8: numbers written with dots or parentheses, and numbers of 7–8 digits, are masked."""
    out = Captured()
    get_logger().info("reply_local", body=text)
    assert hidden not in re.sub(r"\D", "", out.one()["body"])


def test_email_addresses_are_masked() -> None:
    """An e-mail address in a value keeps only its first letter and top-level domain."""
    out = Captured()
    get_logger().info("note", text="mail me op jan.de.vries@example.nl of info@dealer.be", chat="31612345678@c.us")
    event = out.one()
    assert "jan.de.vries" not in out.lines()[0] and "example" not in out.lines()[0] and "dealer" not in out.lines()[0]
    assert event["text"] == "mail me op j***@***.nl of i***@***.be"
    assert event["chat"] == "31******678@c.us"


def test_timestamps_dates_and_decimals_stay_readable() -> None:
    """Masking leaves ISO timestamps, dates, times and decimals alone."""
    out = Captured()
    stamp = "2026-11-24T09:05:00.123456+00:00"
    get_logger().info("send_retry_scheduled", retry_at=stamp, day="2026-12-01 10:00", ms="1234.567")
    event = out.one()
    assert (event["retry_at"], event["day"], event["ms"]) == (stamp, "2026-12-01 10:00", "1234.567")
    assert "*" not in event["timestamp"]


def test_a_flood_of_library_errors_stays_json_and_is_rate_limited() -> None:
    """Issue 9 item 2: 1,000 identical errors from a library (asyncio's accept(), Quart) become a few
    JSON lines and a count of what was held back, not a megabyte of tracebacks."""
    import logging

    from daemon.logs import RepeatLimiter, StdlibBridge

    out = Captured()
    now = [0.0]
    bridge = next(h for h in logging.getLogger().handlers if isinstance(h, StdlibBridge))
    bridge.limiter = RepeatLimiter(burst=5, window=60.0, clock=lambda: now[0])
    for _ in range(1000):
        try:
            raise OSError(24, "Too many open files")
        except OSError:
            logging.getLogger("asyncio").error("socket.accept() out of system resource", exc_info=True)
    now[0] = 61.0
    logging.getLogger("asyncio").error("socket.accept() out of system resource")
    events = out.events()  # every line parses as JSON
    assert len(events) == 5 + 2
    assert events[0]["event"] == "library_log" and events[0]["logger"] == "asyncio"
    assert "Too many open files" in events[0]["exception"]
    assert events[5]["event"] == "log_repeats_suppressed" and events[5]["count"] == 995
