"""Google Calendar client: free/busy lookups and idempotent test-drive events.

Uses google-api-python-client with the discovery document shipped in the package (no network
at build time). httplib2 is not thread-safe, so every worker thread builds its own service and
at most two calls run at once. Every failure is a `CalendarError`; nothing is retried here.
"""

from __future__ import annotations

import hashlib
import json
import threading
from datetime import datetime
from typing import Any, Callable, TypeVar
from zoneinfo import ZoneInfo

import anyio
import httplib2
from google.api_core.client_options import ClientOptions
from google.auth.credentials import AnonymousCredentials, Credentials
from google.auth.exceptions import GoogleAuthError
from google.oauth2 import service_account
from google_auth_httplib2 import AuthorizedHttp
from googleapiclient.discovery import build
from googleapiclient.errors import HttpError

from daemon.config import GoogleCalendarConfig
from integrations.errors import IntegrationError

GOOGLE_BASE_URL = "https://www.googleapis.com"
SCOPES = ("https://www.googleapis.com/auth/calendar.events", "https://www.googleapis.com/auth/calendar.freebusy")
# Google reports quota exhaustion as 403 with these reasons; waiting helps.
_RATE_LIMIT_REASONS = frozenset({"rateLimitExceeded", "userRateLimitExceeded"})
# Per-calendar freeBusy errors that describe Google's side, not our access.
_TRANSIENT_FREEBUSY_REASONS = frozenset({"backendError", "internalError"})
T = TypeVar("T")


class CalendarError(IntegrationError):
    """A failed Google Calendar call (see IntegrationError)."""


def event_id_for(appointment_id: str) -> str:
    """A stable event id for an appointment: lowercase hex sha256, valid base32hex (a-v, 0-9)."""
    return hashlib.sha256(appointment_id.encode("utf-8")).hexdigest()


def _from_http_error(what: str, exc: HttpError) -> CalendarError:
    status = int(exc.resp.status)
    try:
        body: Any = json.loads(exc.content)
    except (TypeError, ValueError):
        body = exc.content.decode("utf-8", "replace") if isinstance(exc.content, bytes) else exc.content
    reasons = {e.get("reason") for e in (body.get("error", {}).get("errors") or [])} if isinstance(body, dict) else set()
    try:
        retry_after = float(exc.resp.get("retry-after")) if exc.resp.get("retry-after") else None
    except ValueError:
        retry_after = None
    transient = status in (408, 423, 429) or status >= 500 or (status == 403 and bool(reasons & _RATE_LIMIT_REASONS))
    return CalendarError(f"{what} → {status}", status=status, body=body, retry_after=retry_after, transient=transient)


class GoogleCalendarClient:
    """Talks to `config.calendar_id`; `timezone` (IANA) is the dealer's wall-clock zone.

    Credentials: the service-account file (delegated to `delegated_user` when set); anonymous
    when `base_url` points elsewhere than Google and no file is given (local fakes).
    Cancelling a call abandons nothing: the worker thread finishes its HTTP exchange.
    """

    def __init__(self, config: GoogleCalendarConfig, timezone: str) -> None:
        self._config = config
        self._tz = ZoneInfo(timezone)
        self._timezone = timezone
        self._credentials = self._load_credentials(config)
        base = config.base_url.rstrip("/")
        # api_endpoint replaces rootUrl and servicePath, so the /calendar/v3/ prefix must be kept.
        self._client_options = None if base == GOOGLE_BASE_URL else ClientOptions(api_endpoint=f"{base}/calendar/v3/")
        self._local = threading.local()
        self._services: list[Any] = []
        self._services_lock = threading.Lock()
        self._limiter = anyio.CapacityLimiter(2)

    @staticmethod
    def _load_credentials(config: GoogleCalendarConfig) -> Credentials:
        if config.credentials_file:
            try:
                creds = service_account.Credentials.from_service_account_file(config.credentials_file, scopes=list(SCOPES))
            except (OSError, ValueError) as exc:
                raise CalendarError(f"cannot load credentials_file: {exc}", transient=False) from exc
            return creds.with_subject(config.delegated_user) if config.delegated_user else creds
        if config.base_url.rstrip("/") != GOOGLE_BASE_URL:
            return AnonymousCredentials()
        raise CalendarError("google_calendar.credentials_file is required for Google's API", transient=False)

    def _service(self) -> Any:
        service = getattr(self._local, "service", None)
        if service is None:
            http = AuthorizedHttp(self._credentials, http=httplib2.Http(timeout=self._config.timeout_seconds))
            service = build("calendar", "v3", http=http, static_discovery=True, cache_discovery=False, client_options=self._client_options)
            self._local.service = service
            with self._services_lock:
                self._services.append(service)
        return service

    def _run(self, what: str, call: Callable[[Any], T]) -> T:
        try:
            return call(self._service())
        except HttpError as exc:
            raise _from_http_error(what, exc) from exc
        except GoogleAuthError as exc:
            raise CalendarError(f"{what}: credentials failed: {exc}", transient=bool(getattr(exc, "retryable", False))) from exc
        except (OSError, httplib2.HttpLib2Error) as exc:  # timeouts, refused connections, DNS
            raise CalendarError(f"{what} failed: {exc!r}", transient=True) from exc

    async def _call(self, what: str, call: Callable[[Any], T]) -> T:
        return await anyio.to_thread.run_sync(self._run, what, call, limiter=self._limiter)

    def _local_time(self, moment: datetime) -> dict[str, str]:
        # Wall time plus the zone name lets Google apply DST itself; naive input is local already.
        local = moment.astimezone(self._tz) if moment.tzinfo else moment
        return {"dateTime": local.replace(tzinfo=None).isoformat(timespec="seconds"), "timeZone": self._timezone}

    def _aware(self, moment: datetime) -> datetime:
        return moment if moment.tzinfo else moment.replace(tzinfo=self._tz)

    async def busy(self, start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
        """Busy intervals of the calendar in [start, end), as aware datetimes in the dealer's zone.

        Raises CalendarError when Google reports the calendar itself as unreadable
        (`calendars[id].errors`): "no busy blocks" must never be mistaken for "free".
        """
        cal = self._config.calendar_id
        body = {
            "timeMin": self._aware(start).isoformat(),
            "timeMax": self._aware(end).isoformat(),
            "timeZone": self._timezone,
            "items": [{"id": cal}],
        }
        answer = await self._call("freebusy.query", lambda s: s.freebusy().query(body=body).execute())
        entry = (answer.get("calendars") or {}).get(cal)
        if entry is None:
            raise CalendarError("freebusy.query: calendar missing from the answer", status=200, body=answer, transient=False)
        if entry.get("errors"):
            reasons = {e.get("reason") for e in entry["errors"]}
            transient = reasons <= _TRANSIENT_FREEBUSY_REASONS
            raise CalendarError(f"freebusy.query: calendar {cal} unreadable: {sorted(map(str, reasons))}", status=200,
                                body=entry["errors"], transient=transient)
        return [(self._parse(b["start"]), self._parse(b["end"])) for b in entry.get("busy") or []]

    def _parse(self, value: str) -> datetime:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(self._tz)

    async def insert_event(
        self, event_id: str, *, start: datetime, end: datetime, summary: str, description: str, location: str, private: dict[str, str]
    ) -> str:
        """Create the event with the client-chosen `event_id`; returns its id.

        Idempotent: when the id exists already (409 duplicate, e.g. a retry after a lost answer)
        the existing event is fetched and its id returned; a cancelled one is restored.
        """
        cal = self._config.calendar_id
        body = {
            "id": event_id,
            "summary": summary,
            "description": description,
            "location": location,
            "start": self._local_time(start),
            "end": self._local_time(end),
            # Reminders only alert the calendar's own users (the dealer), never the customer.
            "reminders": {"useDefault": False, "overrides": [{"method": "popup", "minutes": 60}, {"method": "email", "minutes": 1440}]},
            "extendedProperties": {"private": dict(private)},
        }

        def insert(service: Any) -> str:
            try:
                return service.events().insert(calendarId=cal, body=body, sendUpdates="none").execute()["id"]
            except HttpError as exc:
                if int(exc.resp.status) != 409:
                    raise
            existing = service.events().get(calendarId=cal, eventId=event_id).execute()
            if existing.get("status") == "cancelled":
                restore = {k: v for k, v in body.items() if k != "id"} | {"status": "confirmed"}
                service.events().patch(calendarId=cal, eventId=event_id, body=restore, sendUpdates="none").execute()
            return existing["id"]

        return await self._call("events.insert", insert)

    async def update_event(self, event_id: str, *, start: datetime, end: datetime, summary: str | None = None,
                           description: str | None = None) -> None:
        """Move the event (and optionally retitle it) with a PATCH."""
        body: dict[str, Any] = {"start": self._local_time(start), "end": self._local_time(end)}
        if summary is not None:
            body["summary"] = summary
        if description is not None:
            body["description"] = description
        cal = self._config.calendar_id
        await self._call("events.patch", lambda s: s.events().patch(calendarId=cal, eventId=event_id, body=body, sendUpdates="none").execute())

    async def cancel_event(self, event_id: str) -> None:
        """Delete the event; an event that is already gone (404/410) counts as cancelled."""
        cal = self._config.calendar_id
        try:
            await self._call("events.delete", lambda s: s.events().delete(calendarId=cal, eventId=event_id, sendUpdates="none").execute())
        except CalendarError as exc:
            if exc.status not in (404, 410):
                raise

    async def aclose(self) -> None:
        with self._services_lock:
            services, self._services = self._services, []
        for service in services:
            service.close()
