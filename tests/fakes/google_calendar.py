"""Fake Google Calendar API v3: freeBusy and events under the real `/calendar/v3/` paths.

Validation follows the discovery document and Google's behaviour: client-chosen ids are
base32hex (a-v, 0-9) of length 5–1024, a reused id is 409 `duplicate`, reminder methods are
`email`/`popup`, a `dateTime` without offset needs a `timeZone`. Errors use Google's JSON error
envelope. Any Authorization is accepted (anonymous credentials send none).
"""

from __future__ import annotations

import re
import secrets
from datetime import datetime, timezone
from typing import Any
from urllib.parse import unquote
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tests.fakes.http import FakeServer, Recorded, Response

_EVENT_ID = re.compile(r"^[a-v0-9]{5,1024}$")
_EVENTS = r"/calendar/v3/calendars/(?P<cal>[^/]+)/events"


def google_error(status: int, reason: str, message: str) -> Response:
    """Google's error envelope (what `googleapiclient.errors.HttpError` carries)."""
    return Response(
        status,
        json={"error": {"code": status, "message": message, "errors": [{"domain": "global", "reason": reason, "message": message}]}},
    )


def _parse_time(value: dict[str, Any] | None, which: str) -> datetime | Response:
    if not value or not value.get("dateTime"):
        return google_error(400, "required", f"Missing {which} time.")
    try:
        moment = datetime.fromisoformat(value["dateTime"].replace("Z", "+00:00"))
    except ValueError:
        return google_error(400, "invalid", f"Invalid {which} time.")
    if moment.tzinfo is None:
        if not value.get("timeZone"):
            return google_error(400, "required", f"Missing time zone definition for {which} time.")
        try:
            moment = moment.replace(tzinfo=ZoneInfo(value["timeZone"]))
        except (ZoneInfoNotFoundError, ValueError):
            return google_error(400, "invalid", f"Invalid time zone definition for {which} time.")
    return moment


def _utc(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class FakeGoogleCalendar(FakeServer):
    """Events per calendar in `events[calendar_id][event_id]`.

    `extra_busy[calendar_id]` adds busy intervals (aware datetimes) to freeBusy answers;
    `errors[calendar_id]` makes freeBusy report that calendar as unreadable.
    """

    def __init__(self) -> None:
        self._events: dict[str, dict[str, dict[str, Any]]] = {}
        self.extra_busy: dict[str, list[tuple[datetime, datetime]]] = {}
        self.errors: dict[str, list[dict[str, str]]] = {}
        self.freebusy_delay = 0.0  # seconds before a freeBusy answer: a slow calendar
        super().__init__()

    def routes(self):
        one = _EVENTS + r"/(?P<eid>[^/]+)"
        return [
            ("POST", r"/calendar/v3/freeBusy", self._freebusy),
            ("POST", _EVENTS, self._insert),
            ("GET", one, self._get),
            ("PATCH", one, self._patch),
            ("PUT", one, self._put),
            ("DELETE", one, self._delete),
        ]

    def not_found(self, request: Recorded) -> Response:
        return google_error(404, "notFound", "Not Found")

    def events(self, calendar_id: str) -> dict[str, dict[str, Any]]:
        """Live (not cancelled) events of one calendar, by id."""
        with self.lock:
            return {k: dict(v) for k, v in self._events.get(calendar_id, {}).items() if v["status"] != "cancelled"}

    def _freebusy(self, request: Recorded) -> Response:
        body = request.json() or {}
        try:
            lo = datetime.fromisoformat(body["timeMin"].replace("Z", "+00:00"))
            hi = datetime.fromisoformat(body["timeMax"].replace("Z", "+00:00"))
        except (KeyError, ValueError, AttributeError):
            return google_error(400, "badRequest", "Bad Request")
        if lo.tzinfo is None or hi.tzinfo is None:
            return google_error(400, "badRequest", "Bad Request")
        calendars: dict[str, Any] = {}
        for item in body.get("items") or []:
            cal = item["id"]
            if self.errors.get(cal):
                calendars[cal] = {"errors": self.errors[cal], "busy": []}
                continue
            intervals = [(_parse_time(e["start"], "start"), _parse_time(e["end"], "end"))
                         for e in self.events(cal).values() if e.get("transparency") != "transparent"]
            intervals += self.extra_busy.get(cal, [])
            clipped = sorted((max(s, lo), min(e, hi)) for s, e in intervals if s < hi and e > lo)
            merged: list[list[datetime]] = []
            for start, end in clipped:  # Google merges overlapping busy blocks
                if merged and start <= merged[-1][1]:
                    merged[-1][1] = max(merged[-1][1], end)
                else:
                    merged.append([start, end])
            calendars[cal] = {"busy": [{"start": _utc(s), "end": _utc(e)} for s, e in merged]}
        return Response(200, json={"kind": "calendar#freeBusy", "timeMin": _utc(lo), "timeMax": _utc(hi), "calendars": calendars},
                        delay=self.freebusy_delay)

    def _validate(self, event: dict[str, Any]) -> Response | None:
        for which in ("start", "end"):
            parsed = _parse_time(event.get(which), which)
            if isinstance(parsed, Response):
                return parsed
        if _parse_time(event["end"], "end") <= _parse_time(event["start"], "start"):
            return google_error(400, "timeRangeEmpty", "The specified time range is empty.")
        for override in (event.get("reminders") or {}).get("overrides") or []:
            if override.get("method") not in ("email", "popup"):
                return google_error(400, "invalid", "Invalid value for: reminders.overrides[].method")
            if not 0 <= int(override.get("minutes", -1)) <= 40320:
                return google_error(400, "invalid", "Invalid value for: reminders.overrides[].minutes")
        return None

    def _insert(self, request: Recorded, cal: str) -> Response:
        cal = unquote(cal)
        event = request.json() or {}
        event_id = event.get("id") or secrets.token_hex(13)
        if not _EVENT_ID.match(event_id):
            return google_error(400, "invalid", "Invalid resource id value.")
        if (invalid := self._validate(event)) is not None:
            return invalid
        stored = self._events.setdefault(cal, {})
        if event_id in stored:
            return google_error(409, "duplicate", "The requested identifier already exists.")
        now = _utc(datetime.now(timezone.utc))
        stored[event_id] = {
            "kind": "calendar#event",
            "etag": f'"{secrets.randbits(48)}"',
            "status": "confirmed",
            "htmlLink": f"https://www.google.com/calendar/event?eid={event_id}",
            "created": now,
            "updated": now,
            "creator": {"email": "service@example.iam.gserviceaccount.com"},
            "organizer": {"email": cal, "self": True},
            "iCalUID": f"{event_id}@google.com",
            "sequence": 0,
            "eventType": "default",
            "reminders": {"useDefault": True},
            **event,
            "id": event_id,
        }
        return Response(200, json=stored[event_id])

    def _find(self, cal: str, eid: str) -> dict[str, Any] | None:
        return self._events.get(unquote(cal), {}).get(unquote(eid))

    def _get(self, request: Recorded, cal: str, eid: str) -> Response:
        event = self._find(cal, eid)
        return Response(200, json=event) if event else self.not_found(request)

    def _update(self, request: Recorded, cal: str, eid: str, *, replace: bool) -> Response:
        event = self._find(cal, eid)
        if event is None:
            return self.not_found(request)
        # Like Google, a cancelled event stays addressable; `"status": "confirmed"` restores it.
        changes = request.json() or {}
        keep = {k: event[k] for k in ("kind", "etag", "id", "status", "htmlLink", "created", "creator", "organizer",
                                      "iCalUID", "sequence", "eventType")}
        candidate = {**keep, **changes} if replace else {**event, **changes}
        if (invalid := self._validate(candidate)) is not None:
            return invalid
        candidate.update(id=event["id"], sequence=event["sequence"] + 1, updated=_utc(datetime.now(timezone.utc)))
        event.clear()
        event.update(candidate)
        return Response(200, json=event)

    def _patch(self, request: Recorded, cal: str, eid: str) -> Response:
        return self._update(request, cal, eid, replace=False)

    def _put(self, request: Recorded, cal: str, eid: str) -> Response:
        return self._update(request, cal, eid, replace=True)

    def _delete(self, request: Recorded, cal: str, eid: str) -> Response:
        event = self._find(cal, eid)
        if event is None:
            return self.not_found(request)
        if event["status"] == "cancelled":
            return google_error(410, "deleted", "Resource has been deleted")
        event["status"] = "cancelled"
        return Response(204)
