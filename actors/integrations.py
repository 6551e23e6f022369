"""The supervisor actors for the dealer's systems, and what the rest of the daemon asks of them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import hashlib
from typing import Any

from actors.dialogue.turn import TurnOutput
from actors.calendar import CalendarActor
from actors.chatwoot import ChatwootActor
from actors.crm import CrmActor
from actors.messages import Alert, Booked, Cancelled, Rescheduled
from daemon.logs import get_logger
from integrations.messages import Media
from integrations.store.tasks import TaskSpec

if TYPE_CHECKING:
    from anyio.abc import TaskGroup

    from daemon.runtime import Runtime

log = get_logger(component="integrations")


def note_fields(note: str) -> dict[str, Any]:
    """How a note for staff appears in the log: an id and a length. Notes quote the customer
    (addresses, e-mail addresses, questions), so their text goes to Chatwoot, never to the log."""
    return {"note_id": hashlib.sha256(note.encode()).hexdigest()[:12], "note_chars": len(note)}


class IntegrationActors:
    def __init__(self, rt: "Runtime") -> None:
        self.rt = rt
        self.crm = CrmActor(rt)
        self.calendar = CalendarActor(rt)
        self.chatwoot = ChatwootActor(rt)

    @property
    def actors(self) -> tuple[CrmActor, CalendarActor, ChatwootActor]:
        return (self.crm, self.calendar, self.chatwoot)

    async def start(self, tg: TaskGroup) -> None:
        for actor in self.actors:
            tg.start_soon(self.rt.supervisor.supervise, actor.name, actor.run, self.rt.metrics, name=actor.name)

    async def submit(self, specs: list[TaskSpec]) -> None:
        """Queue planned work outside a turn's transaction and wake the actors it is for."""
        if specs:
            await self.rt.store.tasks.schedule_many(specs)
            self.wake(specs)

    def wake(self, specs: list[TaskSpec] | None = None) -> None:
        """Wake the actors that have new work (all of them when `specs` is None): a wake-up costs
        the actor a scan of its tasks on the shared connection, so idle ones are left alone."""
        kinds = None if specs is None else {spec.kind for spec in specs}
        for actor in self.actors:
            if kinds is None or kinds & set(actor.kinds):
                actor.wake()

    async def mirror(self, conversation_id: str, phone: str, direction: str, text: str, *, ref: str,
                     name: str = "", media: tuple[Media, ...] = (), message_id: str = "") -> None:
        """The text, then (queued behind it, so Chatwoot shows them in order) each attached file."""
        await self.submit(self.chatwoot.plan_message(conversation_id, phone, direction=direction, text=text,
                                                     ref=ref, name=name)
                          + self.chatwoot.plan_attachments(conversation_id, phone, message_id, media, name))

    async def plan_turn(self, conversation_id: str, message: Any, out: TurnOutput, inbound_id: int,
                        *, reply_sent: bool = True) -> list[TaskSpec]:
        """Everything the dealer's systems must hear about this turn, written by the conversation actor
        in the same transaction as the reply (see Outbox.finish_inbound). `reply_sent` False: the
        reply was not sent (outside the 24-hour window), so it is not mirrored as if it had been."""
        phone, ref = message.phone, str(message.message_id)
        specs = await self.crm.plan_lead(conversation_id, phone) + self.chatwoot.plan_lead(conversation_id, phone)
        if out.replies and reply_sent:
            specs += self.chatwoot.plan_message(conversation_id, phone, direction="outgoing",
                                                text="\n".join(out.replies), ref=f"out:{inbound_id}")
        for effect in out.effects:
            if isinstance(effect, Booked):
                specs += self.calendar.plan_event(conversation_id, effect.appointment_id)
                specs += self.crm.plan_deal(conversation_id, effect.appointment_id)
            elif isinstance(effect, (Cancelled, Rescheduled)):
                change = "cal_cancel" if isinstance(effect, Cancelled) else "cal_update"
                specs += self.calendar.plan_event(conversation_id, effect.appointment_id, change)
            elif isinstance(effect, Alert):
                specs += self.plan_note(conversation_id, phone, effect.note, ref)
        if out.handoff:
            specs += self.plan_handoff(conversation_id, phone, out.handoff, await self._lead_summary(phone), ref)
        return specs

    def announce(self, conversation_id: str, out: TurnOutput, specs: list[TaskSpec]) -> None:
        """After the turn is committed: wake the actors with new work; say locally what Chatwoot
        would have shown."""
        if specs:
            self.wake(specs)
        for effect in out.effects:
            if isinstance(effect, Alert):
                log.warning("human_alert", conversation_id=conversation_id, alert=True, **note_fields(effect.note))
        if out.handoff:
            self.count_handoff(conversation_id, out.handoff)

    async def after_turn(self, conversation_id: str, message: Any, out: TurnOutput, inbound_id: int = 0) -> None:
        """`plan_turn` + queue + `announce`, for work that is not part of a conversation turn."""
        specs = await self.plan_turn(conversation_id, message, out, inbound_id)
        await self.rt.store.tasks.schedule_many(specs)
        self.announce(conversation_id, out, specs)

    async def handoff(self, conversation_id: str, phone: str, reason: str, note: str = "", *, ref: str = "") -> None:
        await self.submit(self.plan_handoff(conversation_id, phone, reason, note, ref or f"{conversation_id}:{reason}"))
        self.count_handoff(conversation_id, reason, note)

    async def notify_human(self, conversation_id: str, phone: str, note: str, *, ref: str | None = None) -> None:
        """A private note for staff. With `ref` (the inbound message it belongs to) a replay adds no second note."""
        await self.submit(self.plan_note(conversation_id, phone, note, ref))
        log.warning("human_alert", conversation_id=conversation_id, alert=True, **note_fields(note))

    def plan_note(self, conversation_id: str, phone: str, note: str, ref: str | None) -> list[TaskSpec]:
        origin = ref if ref is not None else self.rt.clock.iso()
        digest = hashlib.sha256(f"{conversation_id}|{origin}|{note}".encode()).hexdigest()[:20]
        return self.chatwoot.plan_message(conversation_id, phone, direction="outgoing", text=note,
                                          ref=f"note:{digest}", private=True)

    def plan_handoff(self, conversation_id: str, phone: str, reason: str, note: str, ref: str) -> list[TaskSpec]:
        text = f"🙋 Overgedragen aan een medewerker (reden: {reason}). {note}".strip()
        return self.chatwoot.plan_handoff(conversation_id, phone, text, ref)

    async def _lead_summary(self, phone: str) -> str:
        contact = await self.rt.store.contacts.get(phone)
        if contact is None:
            return ""
        return (f"Lead: {contact.lead_score} punten ({contact.lead_status})"
                + (f" — {', '.join(contact.lead_reasons)}" if contact.lead_reasons else ""))

    def count_handoff(self, conversation_id: str, reason: str, note: str = "") -> None:
        self.rt.metrics.inc("seldenrijk_handoffs_total", reason=reason)
        if not self.chatwoot.enabled:
            log.warning("handoff_local", conversation_id=conversation_id, reason=reason, **note_fields(note))

    async def config_changed(self) -> None:
        self.wake()

    async def aclose(self) -> None:
        for actor in self.actors:
            await actor.aclose()
