"""How the conversation actor applies an inbox event (see `integrations.inbox_events`).

Each applier runs inside the actor, in inbox order, holding the conversation's lock, and ends
with `Outbox.finish_inbound`: the event's effects (outbox rows, transcript, handoff and contact
flags, side-effect tasks) and the row's `done` mark are one transaction. A crash before it
leaves the row pending and the event is applied again; after it, nothing is repeated.

To add a kind: `@applies(MyEvent)` on `async def apply_my_event(actor, row, event)`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Awaitable, Callable, TypeVar

from actors.integrations import note_fields
from actors.outbound import plan_outbound
from integrations.inbox_events import AgentReply, ChatwootStatus, DeliveryFailed, FreeTimes, InboxEvent
from integrations.store.inbox import InboxRow
from integrations.store.outbox import Draft
from integrations.twilio_client import INVALID_NUMBER, UNSUBSCRIBED

if TYPE_CHECKING:
    from actors.conversation import ConversationActor

E = TypeVar("E", bound=InboxEvent)
Applier = Callable[["ConversationActor", InboxRow, Any], Awaitable[None]]
_APPLIERS: dict[type[InboxEvent], Applier] = {}


def applies(kind: type[E]) -> Callable[[Callable[["ConversationActor", InboxRow, E], Awaitable[None]]], Applier]:
    def register(fn: Callable[["ConversationActor", InboxRow, E], Awaitable[None]]) -> Applier:
        _APPLIERS[kind] = fn
        return fn

    return register


async def apply_event(actor: "ConversationActor", row: InboxRow) -> None:
    """Apply `row`'s event; a kind without an applier (written by a newer release) is set aside
    as `skipped`, so it never blocks the messages after it."""
    applier = _APPLIERS.get(type(row.event)) if row.event is not None else None
    if applier is None:
        await actor.rt.store.inbox.mark(row.id, "skipped", f"unknown event kind {row.kind}")
        actor.log.warning("inbox_event_skipped", inbox_id=row.id, kind=row.kind)
        return
    await applier(actor, row, row.event)


# Which template a message resent after 63016 takes, by the origin of the failed row. A template
# that failed with 63016 is not resent (that would loop): a human takes over.
_PURPOSE_OF_ORIGIN = {"bot": "reply", "agent": "agent_reply", "system": "notice", "followup": "followup"}


def _status(actor: "ConversationActor") -> str:
    return "queued" if actor.rt.transport() is not None else "local"


@applies(AgentReply)
async def apply_agent_reply(actor: "ConversationActor", row: InboxRow, event: AgentReply) -> None:
    """Queue the agent's words for WhatsApp (through the same outbox as the bot's replies) and let
    the bot step back until the conversation is resolved."""
    rt = actor.rt
    conversation = await rt.store.conversations.get(actor.conversation_id)
    draft = Draft(body=event.content, origin="agent", origin_ref=f"chatwoot:{event.chatwoot_message_id}",
                  sender=conversation.reply_from if conversation else None)
    # Decided before sending: 30 hours after the customer's last message an agent's words go out as
    # the approved template, or not at all (with a note in Chatwoot saying why).
    out = await plan_outbound(rt, conversation_id=actor.conversation_id, phone=row.phone, drafts=[draft],
                              purpose="agent_reply", last_inbound_at=conversation.last_inbound_at if conversation else None,
                              window_closed_at=conversation.window_closed_at if conversation else None,
                              ref=f"agent:{event.chatwoot_message_id}")
    await rt.store.outbox.finish_inbound(
        inbound_id=row.id, fence=actor.fence, conversation_id=actor.conversation_id, phone=row.phone, provider=rt.provider_name(),
        drafts=out.drafts, status=_status(actor),
        transcript=() if out.refused else (("out", "agent", event.content),), tasks=out.tasks,
        note="outside the 24-hour window" if out.refused else None,
        handoff=None if conversation is not None and conversation.handoff else "agent_replied",
    )
    rt.integrations.wake(out.tasks)
    rt.wake_sender()
    actor.log.info("agent_reply_queued", inbox_id=row.id, chars=len(event.content), route=out.plans[0].route.value
                   if out.plans else "free")


@applies(ChatwootStatus)
async def apply_chatwoot_status(actor: "ConversationActor", row: InboxRow, event: ChatwootStatus) -> None:
    """Open in Chatwoot: a human has the conversation and the bot is silent; resolved or pending:
    the bot answers again."""
    rt = actor.rt
    conversation = await rt.store.conversations.get(actor.conversation_id)
    handoff = event.status == "open"
    changed = conversation is not None and handoff != conversation.handoff
    await rt.store.outbox.finish_inbound(
        inbound_id=row.id, fence=actor.fence, conversation_id=actor.conversation_id, phone=row.phone, provider=rt.provider_name(),
        drafts=(), note=None if changed else "unchanged",
        handoff="opened_in_chatwoot" if changed and handoff else None, release_handoff=changed and not handoff,
    )
    if changed:
        actor.log.info("handoff_changed", handoff=handoff, source="chatwoot")


@applies(DeliveryFailed)
async def apply_delivery_failed(actor: "ConversationActor", row: InboxRow, event: DeliveryFailed) -> None:
    """What a failure reported by status callback means (api-notes §0.5): outside the 24-hour
    window (63016) → resend as the approved template, or hand to a human without one; an invalid
    or unsubscribed number → flag the contact; always → tell a human."""
    rt = actor.rt
    sent = await rt.store.outbox.get(event.outbox_id)
    if sent is None:
        await rt.store.inbox.mark(row.id, "done", "outbox row gone")
        return
    ref = f"status:{event.outbox_id}:{event.error_code}"
    drafts: list[Draft] = []
    handoff: str | None = None
    tasks = []
    note = f"WhatsApp-bericht niet afgeleverd (fout {event.error_code})."
    if event.error_code == "63016":
        # Twilio says the window is closed: record it (the planner refuses free text until the
        # customer writes again) and plan the message again, as its purpose's template or not at all.
        conversation = await rt.store.conversations.get(actor.conversation_id)
        purpose = _PURPOSE_OF_ORIGIN.get(sent.origin, "")
        template = rt.config.twilio.template_for(purpose) if purpose else ""
        if template:
            contact = await rt.store.contacts.get(row.phone)
            variables = json.dumps({"1": (contact.name if contact else "") or "klant"})
            drafts.append(Draft(content_sid=template, content_variables=variables, origin="template",
                                origin_ref=f"63016:{event.outbox_id}", sender=sent.sender))
            note = ""
        else:
            handoff = None if conversation is not None and conversation.handoff else "outside_24h_window"
            tasks += rt.integrations.plan_handoff(
                actor.conversation_id, row.phone, "outside_24h_window",
                "Antwoord viel buiten het 24-uursvenster van WhatsApp en er is geen template ingesteld: neem contact op."
                + (f' Niet verstuurd: "{sent.body[:500]}"' if sent.body else ""),
                ref)
            note = ""
    if note:
        tasks += rt.integrations.plan_note(actor.conversation_id, row.phone, note, ref)
    await rt.store.outbox.finish_inbound(
        inbound_id=row.id, fence=actor.fence, conversation_id=actor.conversation_id, phone=row.phone, provider=rt.provider_name(),
        drafts=drafts, status=_status(actor), handoff=handoff, tasks=tasks,
        invalid_number=event.error_code in INVALID_NUMBER, window_closed=event.error_code == "63016",
        opted_out=event.error_code in UNSUBSCRIBED or event.error_code == "63032",
    )
    rt.integrations.wake(tasks)
    if drafts:
        rt.wake_sender()
        actor.log.info("resend_as_template", outbox_id=event.outbox_id, content_sid=drafts[0].content_sid)
    if handoff:
        rt.integrations.count_handoff(actor.conversation_id, handoff)
    if note:
        actor.log.warning("human_alert", alert=True, **note_fields(note))


@dataclass(frozen=True)
class _Origin:
    """What `plan_turn` reads of the message a turn answers; for an event, its inbox row."""

    phone: str
    message_id: str


@applies(FreeTimes)
async def apply_free_times(actor: "ConversationActor", row: InboxRow, event: FreeTimes) -> None:
    """The calendar's late answer to a test-drive request the customer was told would follow: the
    dialogue makes the offer (or says the calendar cannot be read and tells staff), committed like a
    turn's reply. Silent when a human has the conversation or it no longer waits for these times."""
    from actors.dialogue import follow_up

    rt = actor.rt
    conversation = await rt.store.conversations.get(actor.conversation_id)
    out = None
    if conversation is None or not conversation.handoff:
        out = await follow_up.times_found(rt.brain, actor.conversation_id, row.id, row.phone, event)
    if out is None or not out.replies:
        await rt.store.outbox.finish_inbound(
            inbound_id=row.id, fence=actor.fence, conversation_id=actor.conversation_id, phone=row.phone, provider=rt.provider_name(),
            drafts=(), note="handoff" if conversation is not None and conversation.handoff else "not waited for")
        actor.log.info("free_times_unused", inbox_id=row.id)
        return
    body = "\n".join(out.replies)
    # The times follow the customer's request by seconds, but a follow-up is an outbound message like
    # any other: planned against the 24-hour window before it is queued.
    planned = await plan_outbound(rt, conversation_id=actor.conversation_id, phone=row.phone,
                                  drafts=[Draft(body=body, sender=conversation.reply_from if conversation else None)],
                                  purpose="reply", last_inbound_at=conversation.last_inbound_at if conversation else None,
                                  window_closed_at=conversation.window_closed_at if conversation else None,
                                  ref=f"times:{row.id}")
    tasks = await rt.integrations.plan_turn(actor.conversation_id, _Origin(row.phone, f"inbox:{row.id}"), out, row.id)
    await rt.store.outbox.finish_inbound(
        inbound_id=row.id, fence=actor.fence, conversation_id=actor.conversation_id, phone=row.phone, provider=rt.provider_name(),
        drafts=planned.drafts, status=_status(actor),
        transcript=() if planned.refused else (("out", "bot", body),),
        lead=(out.lead_score, out.lead_status, out.lead_reasons), handoff=out.handoff, tasks=tasks + planned.tasks,
    )
    rt.integrations.announce(actor.conversation_id, out, tasks)
    rt.wake_sender()
    rt.publish_turn(row.id, out)
    actor.log.info("free_times_sent", inbox_id=row.id, offered=len(out.offered_slots or ()), error=bool(event.error))
