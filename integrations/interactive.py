"""Tappable WhatsApp messages through Twilio's Content API (api-notes §W.1, §W.2).

An offer of test-drive times goes out as a list picker (`twilio/list-picker`, session only): one
Content API resource per item count, with the body, items, ids and descriptions as variables, so
it is created once and reused (cached by `shape_key` in the store). The reply's text, numbered
as ever, stays in the outbox row as the fallback: with `twilio.interactive = false`, on WAHA or
the local transport, outside the 24-hour window, or when the Content API fails, that text is sent.

A tap comes back as `ListId` (or, on some accounts, `ButtonPayload`) carrying the id we gave the
item: `v1:<kind>:<offer>:<n>`, where the offer is the inbound row id of the turn that made it. An
id is a capability, not text: it counts only if it names the conversation's current offer.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any, Sequence

MAX_ITEMS = 10
ITEM_CHARS = 24
DESCRIPTION_CHARS = 72
ID_CHARS = 200
BODY_CHARS = 1024
BUTTON = "Kies een tijd"
_TAP = re.compile(r"v1:(?P<kind>[a-z]+):(?P<offer>\d{1,18}):(?P<n>\d{1,2})")
_WEEKDAYS = ("ma", "di", "wo", "do", "vr", "za", "zo")
_MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


@dataclass(frozen=True)
class Item:
    id: str
    item: str
    description: str
    start: str = ""  # ours, not sent: the slot the item stands for, to check a tap against the current offer


@dataclass(frozen=True)
class Interactive:
    """A list picker: `body` above a button that opens `items`."""

    kind: str
    body: str
    button: str
    items: tuple[Item, ...]

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> "Interactive":
        data: dict[str, Any] = json.loads(text)
        return cls(data["kind"], data["body"], data["button"], tuple(Item(**i) for i in data["items"]))

    @property
    def shape_key(self) -> str:
        """What a Content API resource is reused for: the type and the number of items."""
        return f"list-picker:v1:{len(self.items)}"

    def content_request(self) -> dict[str, Any]:
        """The ContentCreateRequest payload: every text a variable, with samples (Twilio wants them)."""
        items = [{"id": f"{{{{{3 * i + 3}}}}}", "item": f"{{{{{3 * i + 2}}}}}", "description": f"{{{{{3 * i + 4}}}}}"}
                 for i in range(len(self.items))]
        return {
            "friendly_name": f"seldenrijk_{self.shape_key.replace(':', '_').replace('-', '_')}",
            "language": "nl",
            "variables": json.loads(self.variables()),
            "types": {"twilio/list-picker": {"body": "{{1}}", "button": self.button, "items": items}},
        }

    def variables(self) -> str:
        """ContentVariables: {{1}} the body, then per item its text, id and description."""
        values = {"1": self.body}
        for i, item in enumerate(self.items):
            values[str(3 * i + 2)] = item.item
            values[str(3 * i + 3)] = item.id
            values[str(3 * i + 4)] = item.description
        return json.dumps(values, ensure_ascii=False)


def _describe(start: str, end: str) -> str:
    a, b = datetime.fromisoformat(start), datetime.fromisoformat(end)
    return f"{_WEEKDAYS[a.weekday()]} {a.day} {_MONTHS[a.month - 1]} {a:%H:%M}–{b:%H:%M}"


def slot_picker(body: str, slots: Sequence[dict[str, str]], offer: int) -> Interactive | None:
    """The list picker for offered test-drive times, or None when they do not fit one."""
    if not 1 <= len(slots) <= MAX_ITEMS:
        return None
    items = []
    for n, slot in enumerate(slots, start=1):
        try:
            description = _describe(slot["start"], slot["end"])
        except (KeyError, ValueError):
            return None
        label = slot.get("label") or description
        items.append(Item(f"v1:slot:{offer}:{n}"[:ID_CHARS], label[:ITEM_CHARS], description[:DESCRIPTION_CHARS],
                          slot["start"]))
    return Interactive("slot", body[:BODY_CHARS], BUTTON, tuple(items))


@dataclass(frozen=True)
class Tap:
    kind: str
    offer: int
    number: int


def parse_tap(payload: str) -> Tap | None:
    """The item a tap names, or None when the payload is not one of our ids."""
    m = _TAP.fullmatch(payload.strip())
    if m is None:
        return None
    return Tap(m["kind"], int(m["offer"]), int(m["n"]))
