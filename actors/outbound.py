"""What the conversation actor queues for WhatsApp, after asking the 24-hour window (integrations.window).

Every outbound path of a conversation goes through `plan_outbound` before its transaction: the
bot's replies and apologies (purpose "reply"), a Chatwoot agent's replies ("agent_reply"), and a
resend after Twilio reported 63016. What may not be sent becomes a private Chatwoot note (a
`human_alert` log line without Chatwoot), planned as a task of the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Sequence

from actors.integrations import note_fields
from daemon.logs import get_logger
from integrations.store.outbox import Draft
from integrations.store.tasks import TaskSpec
from integrations.window import Plan, Route, plan, refusal_note

if TYPE_CHECKING:
    from daemon.runtime import Runtime

log = get_logger(actor="conversation")


@dataclass(frozen=True)
class Outbound:
    drafts: list[Draft] = field(default_factory=list)
    tasks: list[TaskSpec] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return any(p.route is Route.REFUSE for p in self.plans)


async def plan_outbound(rt: "Runtime", *, conversation_id: str, phone: str, drafts: Sequence[Draft], purpose: str,
                        last_inbound_at: str | None, window_closed_at: str | None, ref: str) -> Outbound:
    """Each draft as it may go out now (free, as a template, or not at all, with a note for a human).

    Only Twilio has the window; WAHA (WhatsApp Web) sends as written."""
    if not drafts or rt.provider_name() != "twilio":
        return Outbound(list(drafts))
    contact = await rt.store.contacts.get(phone)
    name = contact.name if contact else ""
    template = rt.config.twilio.template_for(purpose)
    out = Outbound()
    for n, draft in enumerate(drafts):
        decided = plan(draft, purpose=purpose, last_inbound_at=last_inbound_at, window_closed_at=window_closed_at,
                       now=rt.clock.now(), template_sid=template, name=name)
        out.plans.append(decided)
        if decided.draft is not None:
            out.drafts.append(decided.draft)
        if decided.route is Route.REFUSE:
            note = refusal_note(purpose, draft.body or "")
            out.tasks.extend(rt.integrations.plan_note(conversation_id, phone, note, f"window:{ref}:{n}"))
            log.warning("outbound_refused", conversation_id=conversation_id, purpose=purpose, reason=decided.reason,
                        alert=True, **note_fields(note))
        elif decided.route is Route.TEMPLATE:
            log.info("outbound_as_template", conversation_id=conversation_id, purpose=purpose,
                     content_sid=template)
    return out
