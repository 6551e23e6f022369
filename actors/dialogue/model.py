"""The conversation model: what a salesperson keeps in mind between two messages.

It is checkpointed with the dialogue (thread id = conversation id) and stays small and
bounded — the transcript lives in the store. `Conversation.of(data)` reads it from the
checkpoint, the skills change it during a turn, `data()` writes it back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from actors.dialogue.frame import Frame
from actors.dialogue.language.reading import OwnCar

SHOWN_MAX = 10


class Expect(StrEnum):
    """What the last reply asked, so a bare "ja", "2" or "16:00" can be read as its answer."""

    NOTHING = "nothing"
    SLOT_CHOICE = "slot_choice"            # several times offered: a number, a time or a day picks one
    SLOT_CONFIRM = "slot_confirm"          # one time proposed: yes books it
    TRADE_IN_DETAILS = "trade_in_details"  # asked for the trade-in's year, km or plate
    COLLEAGUE_CHECK = "colleague_check"    # offered to have a colleague check a fact
    TEST_DRIVE = "test_drive"              # invited to a test drive: yes means "when can I come?"
    MOVE_CONFIRM = "move_confirm"          # asked whether to move the drive already booked


@dataclass
class Offer:
    """Times on offer for a drive (or for moving one), with the car they are for."""

    slots: list[tuple[str, str, str]]      # (start ISO, end ISO, label)
    car: str | None                        # stock id
    title: str
    moving: bool = False

    def starts(self) -> list[datetime]:
        return [datetime.fromisoformat(s) for s, _, _ in self.slots]


@dataclass
class Lookup:
    """Free times still being looked up: the calendar did not answer within the turn's budget, the
    customer heard the times would follow, and they come as a `free_times` event with this key."""

    key: str
    car: str | None                        # stock id
    title: str
    when: str = ""                         # the day/time the customer named, as written
    asked_on: str = ""                     # the date it was named on (ISO), so "morgen" keeps its day
    proposed: bool = False                 # the car was proposed as the best of several

    def data(self) -> dict[str, Any]:
        return {"key": self.key, "car": self.car, "title": self.title, "when": self.when, "asked_on": self.asked_on,
                "proposed": self.proposed}


@dataclass
class Conversation:
    language: str = "nl"
    focus: str | None = None
    frame: Frame = field(default_factory=Frame)
    shown: list[str] = field(default_factory=list)
    compared: list[str] = field(default_factory=list)
    offer: Offer | None = None
    appointment_id: str | None = None
    expect: Expect = Expect.NOTHING
    trade_in: OwnCar | None = None
    check: str | None = None               # what a colleague would check, while that question is open
    signals: list[str] = field(default_factory=list)
    buying: bool = False                   # an offer or "ik wil hem kopen": the lead is HOT
    opted_out: bool = False
    greeted: bool = False
    turns: int = 0
    unclear: int = 0                       # consecutive messages we could not read
    noted: list[str] = field(default_factory=list)  # what staff were already told, so once
    last: str = ""                         # the act kind the last reply answered ("en zondag?" follows it)
    last_fields: list[str] = field(default_factory=list)  # the car facts it gave
    topic: str | None = None               # the knowledge topic it gave ("wat kost dat?" asks about it)
    asked_time: tuple[int, int] | None = None  # the last clock time the customer named ("zelfde tijd")
    said: list[str] = field(default_factory=list)  # the phrasebook keys of the last reply, so none repeats word for word
    seen: list[str] = field(default_factory=list)  # every car shown for the current search ("heb je nog meer?")
    drive_when: str | None = None          # the day/time of a drive asked before its car was named
    singled: list[str] = field(default_factory=list)  # the last two cars singled out ("wat is het verschil tussen die twee?")
    looking_up: Lookup | None = None       # free times that follow in a second message

    @classmethod
    def of(cls, data: dict[str, Any] | None) -> "Conversation":
        data = data or {}
        offer = data.get("offer")
        trade = data.get("trade_in")
        return cls(
            language=data.get("language", "nl"), focus=data.get("focus"), frame=Frame.of(data.get("frame")),
            shown=list(data.get("shown") or []), compared=list(data.get("compared") or []),
            offer=Offer([tuple(s) for s in offer["slots"]], offer.get("car"), offer.get("title", ""),
                        bool(offer.get("moving"))) if offer else None,
            appointment_id=data.get("appointment_id"), expect=Expect(data.get("expect", "nothing")),
            trade_in=OwnCar(**trade) if trade else None, check=data.get("check"),
            signals=list(data.get("signals") or []), buying=bool(data.get("buying")),
            opted_out=bool(data.get("opted_out")), greeted=bool(data.get("greeted")), turns=int(data.get("turns", 0)),
            unclear=int(data.get("unclear", 0)), noted=list(data.get("noted") or []), last=data.get("last", ""),
            last_fields=list(data.get("last_fields") or []), topic=data.get("topic"),
            asked_time=tuple(data["asked_time"]) if data.get("asked_time") else None,
            said=list(data.get("said") or []), seen=list(data.get("seen") or []), drive_when=data.get("drive_when"),
            singled=list(data.get("singled") or []),
            looking_up=Lookup(**data["looking_up"]) if data.get("looking_up") else None)

    def data(self) -> dict[str, Any]:
        return {
            "language": self.language, "focus": self.focus, "frame": self.frame.data(),
            "shown": self.shown[:SHOWN_MAX], "compared": self.compared[:2],
            "offer": {"slots": [list(s) for s in self.offer.slots], "car": self.offer.car, "title": self.offer.title,
                      "moving": self.offer.moving} if self.offer else None,
            "appointment_id": self.appointment_id, "expect": self.expect.value,
            "trade_in": {"make": self.trade_in.make, "model": self.trade_in.model, "year": self.trade_in.year,
                         "km": self.trade_in.km, "plate": self.trade_in.plate} if self.trade_in else None,
            "check": self.check, "signals": self.signals, "buying": self.buying, "opted_out": self.opted_out,
            "greeted": self.greeted, "turns": self.turns, "unclear": self.unclear, "noted": self.noted[-20:],
            "last": self.last, "last_fields": self.last_fields, "topic": self.topic,
            "asked_time": list(self.asked_time) if self.asked_time else None,
            "said": self.said[:12], "seen": self.seen[-SHOWN_MAX * 3:], "drive_when": self.drive_when,
            "singled": self.singled[-2:], "looking_up": self.looking_up.data() if self.looking_up else None,
        }

    def show(self, ids: list[str]) -> None:
        """Remember a list just shown; a single car becomes the car in focus.

        A single car talked about does not replace the list it came from: after "de tweede"
        the customer can still ask about "de derde".
        """
        self.seen.extend(i for i in ids if i not in self.seen)
        if len(ids) > 1:
            self.shown = ids[:SHOWN_MAX]
            self.focus = None
        elif ids:
            self.focus = ids[0]
            self.singled = [i for i in self.singled if i != ids[0]][-1:] + [ids[0]]
            if not self.shown:
                self.shown = list(ids)

    def note_once(self, key: str) -> bool:
        """True the first time `key` is noted in this conversation."""
        if key in self.noted:
            return False
        self.noted.append(key)
        return True
