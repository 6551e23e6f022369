"""One turn's working context for the respond handlers: what they read and what they change.

A handler reads the checkpointed state through `get` and writes changes through `set`;
the node returns `updates` to LangGraph, so nothing outside the graph's state is mutated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from actors.brain import replies


@dataclass
class Ctx:
    rt: Any
    state: dict[str, Any]
    now: datetime                       # tz-aware, in the business time zone
    lang: str
    updates: dict[str, Any] = field(default_factory=dict)
    reply: list[str] = field(default_factory=list)
    effects: list[dict[str, str]] = field(default_factory=list)
    offered_now: list[dict[str, str]] | None = None
    handoff: str | None = None
    said: list[str] = field(default_factory=list)  # reply keys used this turn

    @classmethod
    def of(cls, rt: Any, state: dict[str, Any]) -> "Ctx":
        # Read the config per turn: a reload may have swapped it (time zone included).
        tz = ZoneInfo(rt.config.business.timezone)
        now = datetime.fromisoformat(state["turn"]["now"]).astimezone(tz)
        return cls(rt=rt, state=state, now=now, lang=state.get("language") or "nl")

    @property
    def text(self) -> str:
        return self.state["turn"]["text"]

    @property
    def nlu(self) -> dict[str, Any]:
        return self.state["nlu"]

    @property
    def business(self):
        return self.rt.config.business

    def get(self, key: str, default: Any = None) -> Any:
        if key in self.updates:
            return self.updates[key]
        value = self.state.get(key)
        return default if value is None else value

    def set(self, **values: Any) -> None:
        self.updates.update(values)

    def say(self, key: str, **values: Any) -> None:
        # Said last turn too ("Sorry, dat begreep ik niet" twice): switch to the other wording,
        # so a third time does not repeat the second either.
        repeat = key in (self.state.get("said") or []) and replies.has_alt(key)
        self.said.append(f"{key}/alt" if repeat else key)
        self.reply.append(replies.say(key, self.lang, alt=repeat, **values))

    def say_text(self, key: str, **values: Any) -> str:
        return replies.say(key, self.lang, **values)

    def effect(self, kind: str, **values: str) -> None:
        self.effects.append({"kind": kind, **values})
