"""Typed, immutable configuration (DESIGN §6).

A `Config` is built once from TOML, then overridden by systemd credentials and
environment variables, and validated on construction. Unknown keys are errors.
Reload builds a new one and swaps it whole (see `daemon.reload`).
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Mapping

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator, model_validator

DEFAULT_PATH = "seldenrijk.toml"

# Keys whose values must never reach a log line, a diff or an error message.
SECRET_KEYS = frozenset(
    {
        "twilio.auth_token",
        "waha.hmac_key",
        "waha.api_key",
        "hubspot.access_token",
        "chatwoot.api_token",
        "chatwoot.webhook_token",
        "chatwoot.webhook_secret",
        "redis.url",
        "store.url",
        "store.password",
        "llm.api_key",
    }
)

# Keys a running daemon cannot change in place: they name sockets or files it holds open.
RESTART_KEYS = frozenset({"server.host", "server.port", "store.path", "store.url", "store.password", "store.pool_size",
                          "redis.url", "redis.lease_seconds", "logging.format",
                          "server.max_connections", "server.keep_alive_seconds", "server.read_timeout_seconds"})

# What an outbound WhatsApp message is for: each may have its own template outside the 24-hour window.
TEMPLATE_PURPOSES = frozenset({"reply", "agent_reply", "notice", "followup"})

_HHMM_RANGE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class ConfigError(Exception):
    """A configuration that cannot be used; `key` names the offending key."""

    def __init__(self, key: str, reason: str) -> None:
        super().__init__(f"{key}: {reason}")
        self.key = key
        self.reason = reason


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def _check_range(value: str) -> str:
    if value and not _HHMM_RANGE.match(value):
        raise ValueError('expected "HH:MM-HH:MM" or "" for closed')
    if value:
        start, end = value.split("-")
        if end <= start:
            raise ValueError("closing time must be after opening time")
    return value


class ServerConfig(_Section):
    host: str = "127.0.0.1"
    port: int = Field(8080, ge=0, le=65535)
    public_url: str = ""
    max_body_bytes: int = Field(65536, ge=1024)
    drain_seconds: float = Field(10.0, ge=0)
    watchdog: bool = True
    # Connections: a bound below the descriptor limit (answered 503 beyond it), how long an idle
    # keep-alive connection may stay open, and how long one read may take.
    max_connections: int = Field(1024, ge=1)
    keep_alive_seconds: float = Field(15.0, gt=0, le=300)
    # 0: no per-read timeout (each timed read costs a task); a slow client is still bounded, by the
    # keep-alive timer until its request line and headers are in, and by Quart's body timeout after.
    read_timeout_seconds: float = Field(0.0, ge=0, le=300)

    @field_validator("public_url")
    @classmethod
    def _url(cls, v: str) -> str:
        if v and not re.match(r"^https?://[^/\s]+$", v.rstrip("/")):
            raise ValueError("expected scheme://host[:port] without a path")
        return v.rstrip("/")

    @property
    def base_url(self) -> str:
        return self.public_url or f"http://{self.host}:{self.port}"


class StoreConfig(_Section):
    path: str = "seldenrijk.db"
    # PostgreSQL instead of the file, for several instances: postgresql://user@host:5432/db. The
    # password may be in the URL or, better, in `password` (a systemd credential named store.password).
    url: str = ""
    password: str = ""
    pool_size: int = Field(10, ge=1, le=200)

    @field_validator("url")
    @classmethod
    def _url(cls, v: str) -> str:
        if v and not re.match(r"^postgres(ql)?://", v):
            raise ValueError("expected a postgresql:// URL")
        return v

    @property
    def location(self) -> str:
        """What `open_store` opens: the PostgreSQL URL when one is set, else the SQLite file."""
        return self.url or self.path


class RedisConfig(_Section):
    url: str = ""
    # How long a conversation's or a recipient's lease outlives an instance that stopped renewing
    # it (crashed, paused): how long its work waits before another instance takes it over.
    lease_seconds: float = Field(30.0, ge=1, le=300)

    @field_validator("url")
    @classmethod
    def _url(cls, v: str) -> str:
        if v and not re.match(r"^(redis|rediss|unix)://", v):
            raise ValueError("expected redis://, rediss:// or unix:// URL")
        return v


class WhatsAppConfig(_Section):
    provider: Literal["twilio", "waha"] = "twilio"


class TwilioConfig(_Section):
    account_sid: str = ""
    auth_token: str = ""
    from_: str = Field("", alias="from")
    messaging_service_sid: str = ""
    status_callback: str = ""
    api_base_url: str = "https://api.twilio.com"
    validate_signature: bool = True
    # Approved WhatsApp template used when a reply falls outside the 24-hour window (error 63016),
    # and for every purpose that has none of its own in `templates`.
    template_content_sid: str = ""
    # Approved templates per purpose of an outbound message, for when the customer's last message is
    # more than 24 hours old: "reply" (the bot's), "agent_reply" (a Chatwoot agent's), "notice"
    # (system notices), "followup" (scheduled messages). Variable {{1}} is the customer's name.
    templates: dict[str, str] = Field(default_factory=dict)
    # The connection-override fragment on the webhook URLs in the console (e.g. "#rc=3&rp=ct,rt,5xx");
    # it never reaches us, so signatures are checked with and without it.
    webhook_fragment: str = ""
    timeout_seconds: float = Field(10.0, gt=0)
    # Show "typing…" (and mark the message read) when a turn takes longer than a second.
    typing_indicator: bool = True
    # Offered test-drive times as a tappable list (Content API list picker) inside the 24-hour
    # window; false: numbered text only (the text is always the fallback).
    interactive: bool = True
    # Photos, voice notes and documents a customer sends are downloaded from Twilio (with the
    # account's credentials) and attached in Chatwoot; larger files get a private note instead.
    # WhatsApp itself allows 16 MB.
    media_max_bytes: int = Field(16 * 1024 * 1024, gt=0)
    media_timeout_seconds: float = Field(60.0, gt=0)

    @field_validator("webhook_fragment")
    @classmethod
    def _fragment(cls, v: str) -> str:
        if v and not re.match(r"^#[A-Za-z0-9=&,._-]+$", v):
            raise ValueError('expected "#key=value&key=value", e.g. "#rc=3&rp=ct,rt,5xx"')
        return v

    @field_validator("from_")
    @classmethod
    def _from(cls, v: str) -> str:
        from integrations.phone import PhoneError, validate_sender

        try:
            if v and not (v.startswith("whatsapp:+") and validate_sender(v.removeprefix("whatsapp:"))):
                raise PhoneError(v)
        except PhoneError:
            raise ValueError('expected "whatsapp:+<E.164 number>"') from None
        return v

    @field_validator("templates")
    @classmethod
    def _templates(cls, v: dict[str, str]) -> dict[str, str]:
        for purpose, sid in v.items():
            if purpose not in TEMPLATE_PURPOSES:
                raise ValueError(f"unknown purpose {purpose!r}; expected one of {', '.join(sorted(TEMPLATE_PURPOSES))}")
            if not re.match(r"^HX[0-9a-fA-F]{32}$", sid):
                raise ValueError(f"{purpose}: expected a Content SID (HX + 32 hex digits)")
        return v

    def template_for(self, purpose: str) -> str:
        """The approved template for messages of `purpose` outside the 24-hour window, or ""."""
        return self.templates.get(purpose) or self.template_content_sid

    @property
    def has_credentials(self) -> bool:
        return bool(self.account_sid and self.auth_token)


class WahaConfig(_Section):
    base_url: str = ""
    session: str = "default"
    hmac_key: str = ""
    api_key: str = ""
    timeout_seconds: float = Field(10.0, gt=0)


class HubSpotConfig(_Section):
    access_token: str = ""
    base_url: str = "https://api.hubapi.com"
    pipeline: str = "default"
    deal_stage: str = "appointmentscheduled"
    portal_id: str = ""
    timeout_seconds: float = Field(10.0, gt=0)

    @property
    def enabled(self) -> bool:
        return bool(self.access_token)


class GoogleCalendarConfig(_Section):
    credentials_file: str = ""
    calendar_id: str = ""
    base_url: str = "https://www.googleapis.com"
    delegated_user: str = ""
    timeout_seconds: float = Field(10.0, gt=0)
    # How long a turn waits for free times before it answers "I'll send them shortly" and lets the
    # times follow in a second message; 0: wait up to timeout_seconds.
    answer_within_seconds: float = Field(4.0, ge=0)

    @property
    def enabled(self) -> bool:
        return bool(self.calendar_id)


class ChatwootConfig(_Section):
    base_url: str = ""
    api_token: str = ""
    account_id: int = 0
    inbox_id: int = 0
    webhook_token: str = ""
    webhook_secret: str = ""
    timeout_seconds: float = Field(10.0, gt=0)

    @property
    def enabled(self) -> bool:
        return bool(self.base_url)


class OpeningHours(_Section):
    mon: str = "09:00-18:00"
    tue: str = "09:00-18:00"
    wed: str = "09:00-18:00"
    thu: str = "09:00-18:00"
    fri: str = "09:00-18:00"
    sat: str = "09:00-18:00"
    sun: str = ""

    @field_validator(*WEEKDAYS)
    @classmethod
    def _hours(cls, v: str) -> str:
        return _check_range(v)

    def for_weekday(self, weekday: int) -> str:
        return str(getattr(self, WEEKDAYS[weekday]))


class SalesPolicy(_Section):
    """What the assistant does when a sale gets serious; the wording is in the knowledge file."""

    # A HOT lead (score ≥ 70, an offer, "ik wil hem kopen"): "notify" tells sales in a private
    # note and keeps answering; "handoff" hands the chat to a person.
    hot_lead: Literal["notify", "handoff"] = "notify"
    # A financing application (not a question about financing) goes to a person.
    financing_application: Literal["handoff", "notify"] = "handoff"


class BusinessConfig(_Section):
    name: str = "Seldenrijk Auto"
    address: str = "Industrieweg 12, 3771 MD Barneveld"
    phone: str = ""
    # One line about parking for the route answer; empty: say nothing about parking.
    parking: str = ""
    timezone: str = "Europe/Amsterdam"
    opening_hours: OpeningHours = OpeningHours()
    lunch: str = "12:00-13:00"
    slot_minutes: int = Field(60, ge=15, le=240)
    horizon_days: int = Field(14, ge=1, le=60)
    min_notice_minutes: int = Field(120, ge=0)
    slots_offered: int = Field(3, ge=1, le=9)
    # The dealer's knowledge (parking, warranty, holidays, financing figures …); empty: the shipped defaults.
    knowledge_file: str = ""
    policy: SalesPolicy = SalesPolicy()

    @field_validator("knowledge_file")
    @classmethod
    def _knowledge(cls, v: str) -> str:
        from integrations.knowledge import KnowledgeError, load_knowledge

        try:
            load_knowledge(v)
        except KnowledgeError as exc:
            raise ValueError(str(exc)) from None
        return v

    @field_validator("timezone")
    @classmethod
    def _tz(cls, v: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {v!r}") from exc
        return v

    @field_validator("lunch")
    @classmethod
    def _lunch(cls, v: str) -> str:
        return _check_range(v)


class LimitsConfig(_Section):
    rate_per_minute: int = Field(50, ge=1)
    mailbox_size: int = Field(64, ge=1)
    actor_idle_seconds: float = Field(300.0, gt=0)
    max_active_conversations: int = Field(8, ge=1)
    # How often unfinished inbox/outbox rows are picked up again while the daemon runs.
    sweep_seconds: float = Field(5.0, gt=0, le=300)


class LoggingConfig(_Section):
    level: Literal["debug", "info", "warning", "error"] = "info"
    format: Literal["json", "console"] = "json"

    @field_validator("level", mode="before")
    @classmethod
    def _lower(cls, v: Any) -> Any:
        return v.lower() if isinstance(v, str) else v


class LlmConfig(_Section):
    """Optional language model that reads each customer message into the dialogue's reading (and, with
    mode "read+write", phrases the reply from the skill's facts); off when base_url is empty. Any
    failure falls back to the rule reader for that message."""

    base_url: str = ""
    api_key: str = ""
    model: str = Field("", validate_default=True)
    timeout_seconds: float = Field(3.0, gt=0, le=60)
    max_concurrency: int = Field(4, ge=1, le=256)
    mode: Literal["read", "read+write"] = "read"
    min_confidence: float = Field(0.6, ge=0, le=1)  # accepted for older files; the model reads every message

    @field_validator("base_url")
    @classmethod
    def _url(cls, v: str) -> str:
        if v and not re.match(r"^https?://[^/\s]+", v):
            raise ValueError("expected an http(s) URL or empty (off)")
        return v.rstrip("/")

    @field_validator("model")
    @classmethod
    def _model_named(cls, v: str, info: ValidationInfo) -> str:
        if info.data.get("base_url") and not v.strip():
            raise ValueError("a model name is needed when llm.base_url is set")
        return v

    @property
    def enabled(self) -> bool:
        return bool(self.base_url)


class Config(_Section):
    server: ServerConfig = ServerConfig()
    store: StoreConfig = StoreConfig()
    redis: RedisConfig = RedisConfig()
    whatsapp: WhatsAppConfig = WhatsAppConfig()
    twilio: TwilioConfig = TwilioConfig()
    waha: WahaConfig = WahaConfig()
    hubspot: HubSpotConfig = HubSpotConfig()
    google_calendar: GoogleCalendarConfig = GoogleCalendarConfig()
    chatwoot: ChatwootConfig = ChatwootConfig()
    business: BusinessConfig = BusinessConfig()
    limits: LimitsConfig = LimitsConfig()
    logging: LoggingConfig = LoggingConfig()
    llm: LlmConfig = LlmConfig()

    @model_validator(mode="after")
    def _cross(self) -> "Config":
        if self.whatsapp.provider == "waha" and not self.waha.base_url:
            raise ValueError("whatsapp.provider is waha but waha.base_url is empty")
        return self

    def flat(self) -> dict[str, Any]:
        """`section.key` → value, with nested tables flattened the same way."""
        out: dict[str, Any] = {}

        def walk(prefix: str, data: Mapping[str, Any]) -> None:
            for key, value in data.items():
                name = f"{prefix}.{key}" if prefix else key
                if isinstance(value, Mapping):
                    walk(name, value)
                else:
                    out[name] = value

        walk("", self.model_dump(by_alias=True))
        return out

    def secret_values(self) -> frozenset[str]:
        flat = self.flat()
        return frozenset(v for k in SECRET_KEYS if isinstance(v := flat.get(k), str) and len(v) >= 4)


@dataclass(frozen=True)
class ConfigDiff:
    changed: tuple[str, ...]
    needs_restart: tuple[str, ...]


def diff(old: Config, new: Config) -> ConfigDiff:
    a, b = old.flat(), new.flat()
    changed = tuple(sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k)))
    return ConfigDiff(changed, tuple(k for k in changed if k in RESTART_KEYS))


def resolve_path(explicit: str | None, environ: Mapping[str, str]) -> tuple[Path, bool]:
    """The config file to read and whether it was asked for explicitly (then it must exist)."""
    if explicit:
        return Path(explicit), True
    if environ.get("SELDENRIJK_CONFIG"):
        return Path(environ["SELDENRIJK_CONFIG"]), True
    return Path(DEFAULT_PATH), False


def load(path: str | os.PathLike[str] | None = None, environ: Mapping[str, str] | None = None) -> Config:
    """Read, merge and validate; raises `ConfigError` naming the first bad key."""
    environ = os.environ if environ is None else environ
    file, required = resolve_path(str(path) if path else None, environ)
    data: dict[str, Any] = {}
    if file.exists():
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(str(file), f"not valid TOML ({exc})") from None
        except OSError as exc:
            raise ConfigError(str(file), f"cannot read ({exc.strerror})") from None
    elif required:
        raise ConfigError(str(file), "config file not found")
    _merge_credentials(data, environ)
    _merge_environment(data, environ)
    return build(data)


def build(data: Mapping[str, Any]) -> Config:
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"]) or "config"
        key = key.replace("from_", "from")
        reason = err["msg"]
        if err["type"] == "extra_forbidden":
            reason = "unknown key"
        elif err["type"] == "value_error":
            reason = reason.removeprefix("Value error, ")
        if key in SECRET_KEYS:
            reason = reason.split(",")[0]
        return _raise(key, reason)


def _raise(key: str, reason: str) -> Config:
    raise ConfigError(key, reason)


def _set(data: dict[str, Any], path: list[str], value: Any) -> None:
    node = data
    for part in path[:-1]:
        child = node.setdefault(part, {})
        if not isinstance(child, dict):
            raise ConfigError(".".join(path), "conflicts with a non-table value")
        node = child
    node[path[-1]] = value


def _merge_environment(data: dict[str, Any], environ: Mapping[str, str]) -> None:
    for name, value in environ.items():
        if name.startswith("SELDENRIJK_") and "__" in name:
            parts = name.removeprefix("SELDENRIJK_").lower().split("__")
            _set(data, parts, value)
    for env, path in (("TWILIO_ACCOUNT_SID", ["twilio", "account_sid"]), ("TWILIO_AUTH_TOKEN", ["twilio", "auth_token"])):
        if environ.get(env):
            _set(data, path, environ[env])


def _merge_credentials(data: dict[str, Any], environ: Mapping[str, str]) -> None:
    """systemd `LoadCredential=twilio.auth_token:/etc/...` lands as a file named after the key."""
    directory = environ.get("CREDENTIALS_DIRECTORY")
    if not directory:
        return
    for key in SECRET_KEYS | {"twilio.account_sid"}:
        file = Path(directory) / key
        if file.is_file():
            _set(data, key.split("."), file.read_text(encoding="utf-8").strip())
