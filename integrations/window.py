"""WhatsApp's 24-hour customer service window, decided before a message is queued (api-notes §c).

Free-form messages (text, interactive) may reach a customer only within 24 hours of their last
message; outside it only an approved template goes through, and Twilio reports anything else
afterwards as 63016. So every outbound path — the bot's replies, a Chatwoot agent's, notices,
scheduled follow-ups — asks `plan` first: inside the window the message goes as it is; outside,
as the template configured for its purpose; with none, it is not sent and a human is told why.
A 63016 that still arrives (a clock off, a row that waited out an outage) closes the window for
the conversation until the customer writes again, and is planned again the same way.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import Enum

from integrations.store.outbox import Draft

WINDOW = timedelta(hours=24)
# A message queued in the last minutes of the window may be delivered after it has closed.
MARGIN = timedelta(minutes=5)


class Route(Enum):
    FREE = "free"  # inside the window: as written
    TEMPLATE = "template"  # outside: the approved template for its purpose
    REFUSE = "refuse"  # outside, no template: not sent, a human is told


@dataclass(frozen=True)
class Plan:
    route: Route
    draft: Draft | None
    reason: str = ""


def window_open(last_inbound_at: str | None, window_closed_at: str | None, now: datetime) -> bool:
    """True while the customer's last message is under 24 hours old (less the margin) and Twilio has
    not reported the window closed since."""
    if not last_inbound_at:
        return False
    last = datetime.fromisoformat(last_inbound_at)
    if window_closed_at and datetime.fromisoformat(window_closed_at) >= last:
        return False
    return now - last < WINDOW - MARGIN


def plan(draft: Draft, *, purpose: str, last_inbound_at: str | None, window_closed_at: str | None, now: datetime,
         template_sid: str, name: str) -> Plan:
    """How `draft` may go out now. `template_sid`: the approved template for `purpose` ("" if none)."""
    if draft.content_sid and not draft.body:
        return Plan(Route.FREE, draft)  # already a template: it may go out at any time
    if window_open(last_inbound_at, window_closed_at, now):
        return Plan(Route.FREE, draft)
    if template_sid:
        variables = json.dumps({"1": name or "klant"}, ensure_ascii=False)
        return Plan(Route.TEMPLATE, replace(draft, body=None, content_sid=template_sid, content_variables=variables,
                                            interactive=None),
                    f"outside the 24-hour window: sent as the {purpose} template")
    return Plan(Route.REFUSE, None, f"outside the 24-hour window and no template for {purpose}")


def refusal_note(purpose: str, text: str) -> str:
    """The private note a human gets for a message that was not sent."""
    what = {"agent_reply": "Je antwoord", "reply": "Het antwoord van de assistent",
            "notice": "Een bericht", "followup": "Een vervolgbericht"}.get(purpose, "Een bericht")
    return (f"{what} is niet via WhatsApp verstuurd: de klant schreef meer dan 24 uur geleden en er is geen"
            f" goedgekeurde template ingesteld (twilio.templates.{purpose}). Niet verstuurd: \"{text[:500]}\"")
