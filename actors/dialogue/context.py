"""One turn's working context for the skills: what they read, what they change, what they say.

The respond node builds a `Turn` from the checkpointed state, runs the skills the flow
picks, and returns the changed conversation model with the reply parts; nothing outside
the graph's state is mutated except through the store's appointment rows and the
effects (calendar, CRM, notes) that the conversation actor commits with the reply.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Sequence

from actors.dialogue import replies, wording
from actors.dialogue.model import Conversation
from daemon.config import BusinessConfig
from integrations.knowledge import Knowledge
from integrations.stock import Car


@dataclass
class Turn:
    rt: Any
    model: Conversation
    stock: Sequence[Car]
    knowledge: Knowledge
    now: datetime                       # tz-aware, in the business time zone
    conversation_id: str
    inbound_id: int
    phone: str
    name: str
    media: tuple[str, ...] = ()         # content types of attachments without text
    location: bool = False              # the customer shared a location
    parts: list[str] = field(default_factory=list)
    effects: list[dict[str, str]] = field(default_factory=list)
    offered_now: list[dict[str, str]] | None = None
    listed_now: list[str] = field(default_factory=list)  # stock ids of the numbered list in this reply
    handoff: str | None = None
    done: set[str] = field(default_factory=set)   # skills already run this turn, so two acts answer once
    said: list[str] = field(default_factory=list)  # phrasebook keys used this turn

    @property
    def lang(self) -> str:
        return self.model.language

    @property
    def business(self) -> BusinessConfig:
        business: BusinessConfig = self.rt.config.business
        return business

    @property
    def today(self) -> date:
        return self.now.date()

    def car(self, stock_id: str | None) -> Car | None:
        return next((c for c in self.stock if c.stock_id == stock_id), None) if stock_id else None

    def cars(self, ids: Sequence[str]) -> list[Car]:
        by_id = {c.stock_id: c for c in self.stock}
        return [by_id[i] for i in ids if i in by_id]

    def car_list(self, cars: Sequence[Car]) -> str:
        """The numbered lines of `cars`; the reply's tappable list follows the last one written."""
        self.listed_now = [c.stock_id for c in cars]
        return wording.car_list(cars, self.lang)

    def say(self, key: str, **values: Any) -> None:
        # A sentence the last reply also used is worded the other way when the phrasebook has one:
        # a customer who sends "ja" or a photo twice does not get the same reply twice.
        again = f"{key}_again"
        if key in self.model.said and again in replies.keys():
            key = again
        self.said.append(key)
        self.parts.append(replies.say(key, self.lang, **values))

    def text(self, key: str, **values: Any) -> str:
        return replies.say(key, self.lang, **values)

    def add(self, line: str) -> None:
        if line:
            self.parts.append(line)

    def effect(self, kind: str, **values: str) -> None:
        self.effects.append({"kind": kind, **values})

    def note(self, key: str, text: str) -> None:
        """Tell staff once per conversation (a private Chatwoot note, or a log line locally)."""
        if self.model.note_once(key):
            self.effect("alert", note=text)

    def once(self, name: str) -> bool:
        """True the first time a skill runs this turn (two clauses asking one thing get one answer)."""
        if name in self.done:
            return False
        self.done.add(name)
        return True

    def topic(self, topic_id: str) -> str:
        topic = self.knowledge.topic(topic_id)
        if topic is None:
            return ""
        return topic.text(self.lang).format(name=self.business.name, address=self.business.address,
                                            phone=self.business.phone or "")
