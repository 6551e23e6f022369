"""structlog set-up: one JSON object per line on stdout; phone numbers, WhatsApp user ids, e-mail addresses
and secrets masked.

structlog's configuration is the only module-global in the project. Because loggers
are cached on first use, a reload never reconfigures structlog: the level filter and
the secret masker read a `LogSettings` object that reload mutates in place.
"""

from __future__ import annotations

import logging
import re
import sys
import time
from dataclasses import dataclass, field
from typing import Any, MutableMapping, TextIO

import structlog

_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING, "error": logging.ERROR,
           "critical": logging.CRITICAL}

# Anything phone-like: an optional "+" or "(", then 7–15 digits that may be separated by spaces,
# dashes, dots, slashes or parentheses ("06-12345678", "+31 (0)6 12.34.56.78", "+376 312345").
# Seven digits is the shortest number in use (Niue: +683 4002); shorter runs are prices, years and
# counts. Identifiers stay intact: a run glued to letters (Message SIDs, hex ids) is not a number,
# and neither is one that goes on as "-abc"/".x" (uuids, versions).
_PHONE = re.compile(
    r"(?<![A-Za-z0-9_])(?<![A-Za-z0-9][\-./])(?<!\d:)"
    r"(\+?)(\(?\d(?:[ \-./()]{0,3}\d){6,14}\)?)"
    r"(?![A-Za-z0-9_])(?![\-./][A-Za-z0-9])(?!:\d)"
)
# Dates and decimals are not numbers to hide ("2026-12-01", "1234.567"); a number written with
# dots has several ("06.12.34.56.78").
_NOT_A_PHONE = re.compile(r"\d{4}-\d{2}-\d{2}|\d+\.\d+")
# E-mail addresses, except WhatsApp's own chat ids (`316…@c.us`), which carry a (masked) number.
_EMAIL = re.compile(r"[\w.+\-]+@(?!(?:c|g)\.us\b|s\.whatsapp\.net\b|lid\b)([\w\-]+\.)+([A-Za-z]{2,24})\b")
# WhatsApp business-scoped user ids (`NL.1502345678901234`, parent `NL.ENT.…`): a country code, a dot and
# an opaque id that identifies the person as well as a phone number does. Ids of under six characters
# are words ("OK.no"), not ids.
_BSUID = re.compile(r"(?<![A-Za-z0-9_.])([A-Z]{2}\.(?:ENT\.)?)([A-Za-z0-9]{6,128})(?![A-Za-z0-9_])")
# Shorter values would also match ordinary words and numbers; real tokens are far longer.
MIN_SECRET_LENGTH = 8
_SECRET_KEY = re.compile(r"(token|secret|password|api_key|authorization|hmac_key|signature)", re.I)


def mask_phone_numbers(text: str) -> str:
    """`+31612345678` → `+31******678`: enough to recognise, not enough to dial. Numbers of 7 or 8
    digits keep only their last two; separators are dropped."""

    def repl(m: re.Match[str]) -> str:
        if _NOT_A_PHONE.fullmatch(m.group(0)):
            return m.group(0)
        plus, digits = m.group(1), re.sub(r"\D", "", m.group(2))
        if len(digits) >= 9:
            return f"{plus}{digits[:2]}{'*' * (len(digits) - 5)}{digits[-3:]}"
        return f"{plus}{'*' * (len(digits) - 2)}{digits[-2:]}"

    return _PHONE.sub(repl, text)


def mask_bsuids(text: str) -> str:
    """`NL.1502345678901234` → `NL.*************234`: the country and the last three characters."""
    return _BSUID.sub(lambda m: f"{m.group(1)}{'*' * (len(m.group(2)) - 3)}{m.group(2)[-3:]}", text)


def mask_emails(text: str) -> str:
    """`jan.jansen@example.nl` → `j***@***.nl`."""
    return _EMAIL.sub(lambda m: f"{m.group(0)[0]}***@***.{m.group(2)}", text)


def mask_personal(text: str) -> str:
    """Every e-mail-like, phone-like and BSUID-like string in `text`, masked."""
    return mask_phone_numbers(mask_bsuids(mask_emails(text)))


@dataclass
class LogSettings:
    """Mutable on purpose: reload changes the level and secrets without reconfiguring structlog."""

    level: str = "info"
    secrets: frozenset[str] = field(default_factory=frozenset)

    def enabled(self, method: str) -> bool:
        return _LEVELS.get(method, logging.INFO) >= _LEVELS.get(self.level, logging.INFO)


class _Filter:
    def __init__(self, settings: LogSettings) -> None:
        self.settings = settings

    def __call__(self, logger: Any, method: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
        if not self.settings.enabled(method):
            raise structlog.DropEvent
        return event


class _Mask:
    def __init__(self, settings: LogSettings) -> None:
        self.settings = settings

    def clean(self, value: Any) -> Any:
        if isinstance(value, str):
            # Phones first: a short secret that happens to occur inside a number must neither
            # leak a hint of itself nor stop the number from being masked.
            value = mask_personal(value)
            for secret in self.settings.secrets:
                if len(secret) >= MIN_SECRET_LENGTH and secret in value:
                    value = value.replace(secret, "[secret]")
            return value
        if isinstance(value, dict):
            return {k: ("[secret]" if _SECRET_KEY.search(str(k)) and v else self.clean(v)) for k, v in value.items()}
        if isinstance(value, (list, tuple, set, frozenset)):
            return [self.clean(v) for v in value]
        if isinstance(value, int) and not isinstance(value, bool) and 10**8 <= abs(value) < 10**15:
            return mask_phone_numbers(str(value))  # a number as long as a phone number: treat it as one
        if isinstance(value, (int, float, bool)) or value is None:
            return value
        return self.clean(str(value))

    def __call__(self, logger: Any, method: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
        cleaned: MutableMapping[str, Any] = self.clean(dict(event))
        return cleaned


class RepeatLimiter:
    """At most `burst` lines of one kind per `window` seconds; what is held back is counted and
    reported once when the window turns. A flood of identical errors (a refused accept(), a
    failing request) then costs a few lines a minute, not megabytes."""

    def __init__(self, burst: int = 5, window: float = 60.0, clock: Any = time.monotonic) -> None:
        self.burst = burst
        self.window = window
        self.clock = clock
        self._seen: dict[tuple[str, ...], list[float]] = {}  # kind → [window start, count]

    def allow(self, kind: tuple[str, ...]) -> tuple[bool, int]:
        """(log this one?, how many of this kind were held back in the window that just ended)."""
        now = self.clock()
        entry = self._seen.get(kind)
        if entry is None or now - entry[0] >= self.window:
            held = max(int(entry[1]) - self.burst, 0) if entry else 0
            if len(self._seen) > 1000:
                self._seen.clear()
            self._seen[kind] = [now, 1]
            return True, held
        entry[1] += 1
        return entry[1] <= self.burst, 0


class StdlibBridge(logging.Handler):
    """Lines from libraries that use `logging` (asyncio, Hypercorn, Quart, the SDKs) as our JSON
    events: one line each, masked like ours, repeats limited. Only warnings and worse get here."""

    def __init__(self, limiter: RepeatLimiter | None = None) -> None:
        super().__init__(logging.WARNING)
        self.limiter = limiter or RepeatLimiter()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            kind = (record.name, str(record.msg)[:200])
            allowed, held = self.limiter.allow(kind)
            log = structlog.get_logger("seldenrijk.stdlib").bind(logger=record.name)
            if held:
                log.warning("log_repeats_suppressed", count=held, message=str(record.msg)[:200])
            if not allowed:
                return
            method = {logging.CRITICAL: log.critical, logging.ERROR: log.error}.get(record.levelno, log.warning)
            fields: dict[str, Any] = {"message": record.getMessage()}
            if record.exc_info and record.exc_info[1] is not None:
                fields["exc_info"] = record.exc_info  # rendered into one JSON string field
            method("library_log", **fields)
        except Exception:  # a log line must never take the daemon down
            self.handleError(record)


def _bridge_stdlib_logging() -> None:
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, StdlibBridge):
            root.removeHandler(handler)
    root.addHandler(StdlibBridge())
    root.setLevel(logging.WARNING)


def configure(settings: LogSettings, fmt: str = "json", stream: TextIO | None = None) -> None:
    """Install the processors; call once per process (and in tests that capture output). Lines
    that libraries write with `logging` are routed through the same processors."""
    renderer: Any = (
        structlog.processors.JSONRenderer(ensure_ascii=False)
        if fmt == "json"
        else structlog.dev.ConsoleRenderer(colors=False)
    )
    structlog.configure(
        processors=[
            _Filter(settings),
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.format_exc_info,
            _Mask(settings),
            renderer,
        ],
        logger_factory=structlog.PrintLoggerFactory(file=stream or sys.stdout),
        cache_logger_on_first_use=True,
    )
    _bridge_stdlib_logging()


def get_logger(**bound: Any) -> Any:
    """A lazy logger: module-level ones pick up the configuration made later in `main`."""
    return structlog.get_logger("seldenrijk", **bound)
