"""How the conversation actor applies an inbox event (see `integrations.inbox_events`).

Each applier runs inside the actor, in inbox order, holding the conversation's lock, and ends
with `Outbox.finish_inbound`: the event's effects (outbox rows, transcript, handoff and contact
flags, side-effect tasks) and the row's `done` mark are one transaction. A crash before it
leaves the row pending and the event is applied again; after it, nothing is repeated.

To add a kind: `@applies(MyEvent)` on `async def apply_my_event(actor, row, event)`.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Awaitable, Callable, TypeVar

from actors.integrations import note_fields
from integrations.inbox_events import AgentReply, ChatwootStatus, DeliveryFailed, InboxEvent
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


def _status(actor: "ConversationActor") -> str:
    return "queued" if actor.rt.transport() is not None else "local"


@applies(AgentReply)
async def apply_agent_reply(actor: "ConversationActor", row: InboxRow, event: AgentReply) -> None:
    """Queue the agent's words for WhatsApp (through the same outbox as the bot's replies) and let
    the bot step back until the conversation is resolved."""
    rt = actor.rt
    conversation = await rt.store.conversations.get(actor.conversation_id)
    await rt.store.outbox.finish_inbound(
        inbound_id=row.id, fence=actor.fence, conversation_id=actor.conversation_id, phone=row.phone, provider=rt.provider_name(),
        drafts=[Draft(body=event.content, origin="agent", origin_ref=f"chatwoot:{event.chatwoot_message_id}",
                      sender=conversation.reply_from if conversation else None)],
        status=_status(actor), transcript=(("out", "agent", event.content),),
        handoff=None if conversation is not None and conversation.handoff else "agent_replied",
    )
    rt.wake_sender()
    actor.log.info("agent_reply_queued", inbox_id=row.id, chars=len(event.content))


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
        template = rt.config.twilio.template_content_sid
        if template:
            contact = await rt.store.contacts.get(row.phone)
            variables = json.dumps({"1": (contact.name if contact else "") or "klant"})
            drafts.append(Draft(content_sid=template, content_variables=variables, origin="template",
                                origin_ref=f"63016:{event.outbox_id}", sender=sent.sender))
            note = ""
        else:
            handoff = "outside_24h_window"
            tasks += rt.integrations.plan_handoff(
                actor.conversation_id, row.phone, handoff,
                "Antwoord viel buiten het 24-uursvenster van WhatsApp en er is geen template ingesteld: neem contact op.",
                ref)
            note = ""
    if note:
        tasks += rt.integrations.plan_note(actor.conversation_id, row.phone, note, ref)
    await rt.store.outbox.finish_inbound(
        inbound_id=row.id, fence=actor.fence, conversation_id=actor.conversation_id, phone=row.phone, provider=rt.provider_name(),
        drafts=drafts, status=_status(actor), handoff=handoff, tasks=tasks,
        invalid_number=event.error_code in INVALID_NUMBER,
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
