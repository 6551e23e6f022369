"""The supervisor actors for the dealer's systems, and what the rest of the daemon asks of them."""

from __future__ import annotations

import hashlib
from typing import Any

from actors.brain.turn import TurnOutput
from actors.calendar import CalendarActor
from actors.chatwoot import ChatwootActor
from actors.crm import CrmActor
from actors.messages import Alert, Booked, Cancelled, Rescheduled
from daemon.logs import get_logger

log = get_logger(component="integrations")


class IntegrationActors:
    def __init__(self, rt) -> None:
        self.rt = rt
        self.crm = CrmActor(rt)
        self.calendar = CalendarActor(rt)
        self.chatwoot = ChatwootActor(rt)

    @property
    def actors(self) -> tuple:
        return (self.crm, self.calendar, self.chatwoot)

    async def start(self, tg) -> None:
        for actor in self.actors:
            tg.start_soon(self.rt.supervisor.supervise, actor.name, actor.run, self.rt.metrics, name=actor.name)

    async def mirror(self, conversation_id: str, phone: str, direction: str, text: str, *, ref: str,
                     name: str = "") -> None:
        await self.chatwoot.message(conversation_id, phone, direction=direction, text=text, ref=ref, name=name)

    async def after_turn(self, conversation_id: str, message: Any, out: TurnOutput) -> None:
        phone = message.phone
        await self.crm.lead_changed(conversation_id, phone)
        await self.chatwoot.lead_changed(conversation_id, phone)
        for effect in out.effects:
            if isinstance(effect, Booked):
                await self.calendar.booked(conversation_id, effect.appointment_id)
                await self.crm.booked(conversation_id, effect.appointment_id)
            elif isinstance(effect, (Cancelled, Rescheduled)):
                await self.calendar.changed(conversation_id, effect.appointment_id, isinstance(effect, Cancelled))
            elif isinstance(effect, Alert):
                await self.notify_human(conversation_id, phone, effect.note, ref=str(message.message_id))
        if out.handoff:
            contact = await self.rt.store.contacts.get(phone)
            summary = ""
            if contact:
                summary = (f"Lead: {contact.lead_score} punten ({contact.lead_status})"
                           + (f" — {', '.join(contact.lead_reasons)}" if contact.lead_reasons else ""))
            await self.handoff(conversation_id, phone, out.handoff, summary, ref=str(message.message_id))

    async def handoff(self, conversation_id: str, phone: str, reason: str, note: str = "", *, ref: str = "") -> None:
        self.rt.metrics.inc("seldenrijk_handoffs_total", reason=reason)
        text = f"🙋 Overgedragen aan een medewerker (reden: {reason}). {note}".strip()
        if self.chatwoot.enabled:
            await self.chatwoot.handoff(conversation_id, phone, text, ref or f"{conversation_id}:{reason}")
        else:
            log.warning("handoff_local", conversation_id=conversation_id, reason=reason, note=note)

    async def notify_human(self, conversation_id: str, phone: str, note: str, *, ref: str | None = None) -> None:
        """A private note for staff. With `ref` (the inbound message it belongs to) a replay adds no second note."""
        if self.chatwoot.enabled:
            origin = ref if ref is not None else self.rt.clock.iso()
            digest = hashlib.sha256(f"{conversation_id}|{origin}|{note}".encode()).hexdigest()[:20]
            ref = f"note:{digest}"
            await self.chatwoot.message(conversation_id, phone, direction="outgoing", text=note, ref=ref,
                                        private=True)
        log.warning("human_alert", conversation_id=conversation_id, note=note, alert=True)

    async def config_changed(self) -> None:
        for actor in self.actors:
            actor.wake()

    async def aclose(self) -> None:
        for actor in self.actors:
            await actor.aclose()
