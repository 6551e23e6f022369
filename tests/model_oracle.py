"""A scripted model for `FakeOpenAI`: it reads each request the way the rule reader would, from the
prompt alone.

It rebuilds the rule reader's context from what the prompt carries (the date, the list shown, the
car in focus, the matching cars, the times on offer, the booked drive, the trade-in car, what our
last reply asked) and answers with that reading in the wire shape. A dialogue driven by it must do
what the rule-read dialogue does: that separates understanding from dialogue errors, and shows that
the prompt carries what a reader needs.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from actors.dialogue.language.facts import Field
from actors.dialogue.language.reader import Context, read
from actors.dialogue.language.references import Scope
from actors.dialogue.language.understanding import understand
from actors.dialogue.llm.wire import from_reading
from integrations.knowledge import Knowledge, load_knowledge
from integrations.stock import Car, parse_stock_csv, sample_stock_text

_TODAY = re.compile(r"today is (\d{4}-\d{2}-\d{2})")


class RuleOracle:
    def __init__(self, stock: list[Car] | None = None, knowledge: Knowledge | None = None) -> None:
        self.stock = stock or parse_stock_csv(sample_stock_text())
        self.knowledge = knowledge or load_knowledge(None)
        self.calls = 0

    def __call__(self, body: dict[str, Any]) -> dict[str, Any]:
        self.calls += 1
        messages = body["messages"]
        match = _TODAY.search(messages[0]["content"])
        assert match is not None, "the system prompt names today's date"
        convo = json.loads(messages[1]["content"].split("\n", 1)[1])
        text = messages[-1]["content"]
        focus = convo["focus"]
        search = convo["search"] or {}
        trade = convo["trade_in_car"]
        scope = Scope(stock=self.stock, shown=tuple(c["id"] for c in convo["shown"]), compared=tuple(convo["compared"]),
                      found=tuple(search.get("matching_ids") or ()), focus=focus["id"] if focus else None)
        ctx = Context(scope=scope, knowledge=self.knowledge, today=date.fromisoformat(match.group(1)),
                      expecting=convo["our_last_reply_expects"], has_appointment=convo["booked_drive"] is not None,
                      has_offer=bool(convo["times_on_offer"]), offered=len(convo["times_on_offer"]),
                      own_model=trade["model"] if trade else None, trade_in_open=trade is not None,
                      last=convo["our_last_reply_answered"],
                      last_fields=tuple(Field(f) for f in convo["our_last_reply_gave_fields"]),
                      focus_price=focus["price"] if focus else None)
        return from_reading(read(text, ctx, understand(text)))
