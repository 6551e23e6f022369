"""The dialogue's checkpointed state, and the TurnOutput it stores for idempotent replay.

Everything here is plain JSON-like data (str, int, bool, list, dict): the checkpointer
serialises the whole state on every turn (DESIGN §10), so the state stays small and
bounded — no message history beyond `RECENT_TURNS` short entries; the transcript lives
in the store's own table.
"""

from __future__ import annotations

from typing import Any, TypedDict

from actors.brain.turn import TurnOutput
from actors.messages import Alert, Booked, Cancelled, Rescheduled

RECENT_TURNS = 6
SEEN_MAX = 15
_EFFECTS = {"booked": Booked, "cancelled": Cancelled, "rescheduled": Rescheduled, "alert": Alert}


class DialogueState(TypedDict, total=False):
    # -- this turn's input and scratch (overwritten every turn) --
    turn: dict[str, Any]          # inbound_id, text, name, now (ISO, UTC), media (content types), location
    nlu: dict[str, Any]           # the local understanding, as plain data
    route: str                    # normal | silent | opt_out | slots
    intent: str                   # effective intent (one of nlu.INTENTS)
    action: str                   # finer step inside an intent: pick, other_time, cancel, reschedule, …
    choice: int | None            # index into `offered` picked by the customer
    reply: list[str]              # lines of the one WhatsApp message
    effects: list[dict[str, str]]
    offered_now: list[dict[str, str]] | None
    handoff_now: str | None
    prev_status: str
    # -- the conversation, kept across turns --
    language: str
    signals: list[str]            # lead rules earned so far, in the order they were earned
    criteria: dict[str, Any]      # merged search criteria (Criteria fields + exclude)
    color: str | None
    car: dict[str, Any] | None    # the car in question: stock_id, title, price
    shown: list[str]              # stock ids of the cars in the last list we showed
    seen: list[str]               # stock ids shown since the criteria last changed (at most SEEN_MAX)
    pending: str | None           # which_car | slots | trade_in | financing | check | move: what we asked last
    when: str | None              # a day/time named before the car was known ("zaterdag 10 uur"), cut short
    offered: list[list[str]]      # [start, end, label] of the slots on offer
    rescheduling: bool
    moving: list[str] | None      # [start, end] of the appointment being moved
    appointment_id: str | None
    details: dict[str, Any]       # trade-in / financing details collected so far
    misunderstood: int            # consecutive turns we did not understand
    haggled: int
    hot_done: bool                # the one HOT-lead handoff has happened
    opted_out: bool
    invited: bool                 # our last reply invited a visit or test drive
    greeted: bool                 # we have welcomed this customer: no second welcome mid-conversation
    said: list[str]               # reply keys of our last reply, so the next one does not repeat it word for word
    last_intent: str
    recent: list[list[str]]       # [text, intent] of the last few turns
    turns: int
    last_inbound_id: int
    last_output: dict[str, Any]


def effect_from_data(data: dict[str, str]) -> Any:
    values = {k: v for k, v in data.items() if k != "kind"}
    return _EFFECTS[data["kind"]](**values)


def output_from_data(data: dict[str, Any]) -> TurnOutput:
    offered = data.get("offered_slots")
    return TurnOutput(
        replies=tuple(data.get("replies") or ()),
        intent=data.get("intent", "other"),
        lead_score=int(data.get("lead_score", 0)),
        lead_status=data.get("lead_status", "COLD"),
        lead_reasons=tuple(data.get("lead_reasons") or ()),
        handoff=data.get("handoff"),
        opted_out=bool(data.get("opted_out")),
        language=data.get("language", "nl"),
        offered_slots=tuple(dict(s) for s in offered) if offered is not None else None,
        appointment=dict(data["appointment"]) if data.get("appointment") is not None else None,
        effects=tuple(effect_from_data(e) for e in data.get("effects") or ()),
    )


def remember(recent: list[list[str]] | None, text: str, intent: str) -> list[list[str]]:
    """The last RECENT_TURNS [text, intent] pairs; long messages are cut so the state stays small."""
    return ([*(recent or []), [text[:160], intent]])[-RECENT_TURNS:]
