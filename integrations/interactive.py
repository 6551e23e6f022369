"""Tappable WhatsApp messages through Twilio's Content API (api-notes §W.1, §W.2): offered times and
listed cars as a list picker, a yes/no question with quick-reply buttons.

An offer of test-drive times or a numbered list of cars goes out as a list picker
(`twilio/list-picker`, session only): one Content API resource per button and item count, with
the body, items, ids and descriptions as variables, so it is created once and reused (cached by
`shape_key` in the store). The reply's text, numbered
as ever, stays in the outbox row as the fallback: with `twilio.interactive = false`, on WAHA or
the local transport, outside the 24-hour window, or when the Content API fails, that text is sent.

A tap comes back as `ListId` (or, on some accounts, `ButtonPayload`) carrying the id we gave the
item: `v1:<kind>:<offer>:<n>`, where the offer is the inbound row id of the turn that made it. An
id is a capability, not text: what a tap means is read from the list we sent (the outbox row),
never from the tap, and a time counts only while it is still on offer.
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
BUTTONS = {"slot": {"nl": "Kies een tijd", "en": "Choose a time"}, "car": {"nl": "Bekijk de auto's", "en": "See the cars"}}
_TAP = re.compile(r"v1:(?P<kind>[a-z]{1,8}):(?P<offer>\d{1,18}):(?P<n>\d{1,2})")
_WEEKDAYS = ("ma", "di", "wo", "do", "vr", "za", "zo")
_MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


@dataclass(frozen=True)
class Item:
    id: str
    item: str
    description: str
    ref: str = ""  # ours, not sent: what the item stands for (a slot's start, a car's pointer), read back on a tap


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
        items = tuple(Item(i["id"], i["item"], i["description"], i.get("ref", i.get("start", ""))) for i in data["items"])
        return cls(data["kind"], data["body"], data["button"], items)

    @property
    def shape_key(self) -> str:
        """What a Content API resource is reused for: the type, its fixed button and the number of items."""
        if self.kind == "yn":
            return "quick-reply:v1:yn"
        if self.button == BUTTONS["slot"]["nl"]:
            return f"list-picker:v1:{len(self.items)}"  # the first shape, cached under this key since
        return f"list-picker:v1:{re.sub(r'[^a-z0-9]+', '_', self.button.lower()).strip('_')}:{len(self.items)}"

    def content_request(self) -> dict[str, Any]:
        """The ContentCreateRequest payload: every text a variable, with samples (Twilio wants them)."""
        if self.kind == "yn":
            # Fixed titles, the ids (which name the question) and the body variables.
            actions = [{"title": item.item, "id": f"{{{{{n + 2}}}}}"} for n, item in enumerate(self.items)]
            return {"friendly_name": "seldenrijk_quick_reply_v1_yn", "language": "nl",
                    "variables": json.loads(self.variables()),
                    "types": {"twilio/quick-reply": {"body": "{{1}}", "actions": actions}}}
        items = [{"id": f"{{{{{3 * i + 3}}}}}", "item": f"{{{{{3 * i + 2}}}}}", "description": f"{{{{{3 * i + 4}}}}}"}
                 for i in range(len(self.items))]
        return {
            "friendly_name": f"seldenrijk_{self.shape_key.replace(':', '_').replace('-', '_')}",
            "language": "nl",
            "variables": json.loads(self.variables()),
            "types": {"twilio/list-picker": {"body": "{{1}}", "button": self.button, "items": items}},
        }

    def variables(self) -> str:
        """ContentVariables: {{1}} the body, then per item its text, id and description (a quick
        reply: per button its id)."""
        values = {"1": self.body}
        if self.kind == "yn":
            values.update({str(n + 2): item.id for n, item in enumerate(self.items)})
            return json.dumps(values, ensure_ascii=False)
        for i, item in enumerate(self.items):
            values[str(3 * i + 2)] = item.item
            values[str(3 * i + 3)] = item.id
            values[str(3 * i + 4)] = item.description
        return json.dumps(values, ensure_ascii=False)


def _describe(start: str, end: str) -> str:
    a, b = datetime.fromisoformat(start), datetime.fromisoformat(end)
    return f"{_WEEKDAYS[a.weekday()]} {a.day} {_MONTHS[a.month - 1]} {a:%H:%M}–{b:%H:%M}"


def slot_picker(body: str, slots: Sequence[dict[str, str]], offer: int, lang: str = "nl") -> Interactive | None:
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
    return Interactive("slot", body[:BODY_CHARS], _button("slot", lang), tuple(items))


def car_picker(body: str, cars: Sequence[dict[str, str]], offer: int, lang: str = "nl") -> Interactive | None:
    """The list picker for the cars a reply numbered (`wording.car_choice` items), or None when they
    do not fit one: a single car needs no list."""
    if not 2 <= len(cars) <= MAX_ITEMS or not all(car.get("item") and car.get("ref") for car in cars):
        return None
    items = tuple(Item(f"v1:car:{offer}:{n}"[:ID_CHARS], car["item"][:ITEM_CHARS],
                       car.get("description", "")[:DESCRIPTION_CHARS], car["ref"])
                  for n, car in enumerate(cars, start=1))
    return Interactive("car", body[:BODY_CHARS], _button("car", lang), items)


def _button(kind: str, lang: str) -> str:
    return BUTTONS[kind]["en" if lang == "en" else "nl"]


# Quick-reply buttons for a yes/no question (titles ≤ 20 characters, at most 3 in a session) and
# what a tap on each reads as when the question is still the open one.
YES_NO = (("Ja", "ja"), ("Nee", "nee"), ("Spreek medewerker", "ik wil graag een medewerker spreken"))
TITLE_CHARS = 20


# A yes/no question puts its verb first ("Zal ik er een inplannen?", "Shall I book it?"); "Met welke
# auto …?" asks for something else, and buttons would only get in the way.
_VERB_FIRST = frozenset({"zal", "zullen", "wil", "wilt", "kan", "kun", "mag", "zou", "is", "ben", "heb", "hebt", "moet",
                         "shall", "should", "would", "will", "do", "does", "can", "could", "are", "may"})
_LAST_QUESTION = re.compile(r"(?:^|[.!?\n]\s*)([^.!?\n]*)\?\s*$")


def asks_yes_or_no(body: str) -> bool:
    """True when the reply ends with a question that a plain yes or no answers."""
    m = _LAST_QUESTION.search(body.strip())
    words = re.findall(r"[a-zà-ÿ]+", m.group(1).lower()) if m else []
    return bool(words) and words[0] in _VERB_FIRST


def yes_no_buttons(body: str, offer: int) -> Interactive:
    """Ja / Nee / Spreek medewerker under the reply that asked the question."""
    items = tuple(Item(f"v1:yn:{offer}:{n}", title[:TITLE_CHARS], "") for n, (title, _) in enumerate(YES_NO, start=1))
    return Interactive("yn", body[:BODY_CHARS], "", items)


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
