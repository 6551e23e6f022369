"""structlog set-up: one JSON object per line on stdout, phone numbers and secrets masked.

structlog's configuration is the only module-global in the project. Because loggers
are cached on first use, a reload never reconfigures structlog: the level filter and
the secret masker read a `LogSettings` object that reload mutates in place.
"""

from __future__ import annotations

import logging
import re
import sys
from dataclasses import dataclass, field
from typing import Any, TextIO

import structlog

_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING, "error": logging.ERROR,
           "critical": logging.CRITICAL}

# E.164 with or without "+", "whatsapp:+…", WAHA's "316…@c.us", "06-12345678", "+31 6 1234 5678":
# 9–15 digits standing alone, single spaces or dashes allowed between them. Message SIDs
# (SM + hex) are letters-and-digits and stay intact.
_PHONE = re.compile(r"(?<![A-Za-z0-9])(\+?)(\d(?:[ \-]?\d){8,14})(?![A-Za-z0-9])")
# Shorter values would also match ordinary words and numbers; real tokens are far longer.
MIN_SECRET_LENGTH = 8
_SECRET_KEY = re.compile(r"(token|secret|password|api_key|authorization|hmac_key|signature)", re.I)


def mask_phone_numbers(text: str) -> str:
    """`+31612345678` → `+31******678`: enough to recognise, not enough to dial."""

    def repl(m: re.Match[str]) -> str:
        plus, digits = m.group(1), re.sub(r"[ \-]", "", m.group(2))
        return f"{plus}{digits[:2]}{'*' * (len(digits) - 5)}{digits[-3:]}"

    return _PHONE.sub(repl, text)


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

    def __call__(self, logger: Any, method: str, event: dict[str, Any]) -> dict[str, Any]:
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
            value = mask_phone_numbers(value)
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

    def __call__(self, logger: Any, method: str, event: dict[str, Any]) -> dict[str, Any]:
        return self.clean(event)


def configure(settings: LogSettings, fmt: str = "json", stream: TextIO | None = None) -> None:
    """Install the processors; call once per process (and in tests that capture output)."""
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


def get_logger(**bound: Any) -> Any:
    """A lazy logger: module-level ones pick up the configuration made later in `main`."""
    return structlog.get_logger("seldenrijk", **bound)
