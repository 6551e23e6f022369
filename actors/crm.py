"""The CRM actor: keeps HubSpot in step with our leads and bookings (api-notes §d).

Local stand-in: with no `hubspot.access_token` the contacts table is the CRM and no
task is queued. With HubSpot, contact sync is debounced (one PATCH for a burst of
messages) and deals are keyed by appointment, so a retried booking creates one deal.
A contact is searched by phone (or BSUID, `hs_whatsapp_bsuids`) before it is created, and its id is stored the moment
HubSpot returns it; tasks for one phone run one after another, so search lag cannot
cause a duplicate.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from actors.task_actor import TaskActor, TaskError
from integrations.store.tasks import Task, TaskSpec

if TYPE_CHECKING:
    from integrations.hubspot import HubSpotClient

DEBOUNCE_SECONDS = 10.0


class CrmActor(TaskActor):
    name = "crm"
    kinds = ("crm_contact", "crm_deal")

    @property
    def enabled(self) -> bool:
        return self.rt.config.hubspot.enabled

    def client(self) -> "HubSpotClient":
        from integrations.hubspot import HubSpotClient

        return self.cached_client(self.rt.config.hubspot, lambda c: HubSpotClient(c, clock=self.rt.clock))

    async def setup(self) -> None:
        if not self.enabled:
            return
        try:
            await self.client().ensure_properties()
        except Exception as exc:
            # Without the custom properties a contact PATCH fails with 400; the task retries later.
            self.log.error("crm_properties_failed", error=str(exc), body=getattr(exc, "body", None), alert=True)

    async def plan_lead(self, conversation_id: str, phone: str) -> list[TaskSpec]:
        """A new lead goes to HubSpot at once; later score changes are debounced into one PATCH."""
        if not self.enabled:
            return []
        contact = await self.rt.store.contacts.get(phone)
        delay = DEBOUNCE_SECONDS if contact and contact.hubspot_id else 0.0
        return [TaskSpec("crm_contact", f"crm_contact:{phone}", {"phone": phone, "conversation_id": conversation_id},
                         delay)]

    def plan_deal(self, conversation_id: str, appointment_id: str) -> list[TaskSpec]:
        if not self.enabled:
            return []
        return [TaskSpec("crm_deal", f"crm_deal:{appointment_id}",
                         {"appointment_id": appointment_id, "conversation_id": conversation_id})]

    async def perform(self, task: Task) -> None:
        if not self.enabled:
            return  # switched off by a reload: the local store already holds the data
        if task.kind == "crm_contact":
            await self.sync_contact(task.payload["phone"])
        elif task.kind == "crm_deal":
            await self.create_deal(task.payload["appointment_id"])

    async def ensure_contact(self, phone: str) -> str:
        """`phone` is the contact's key (store.identities): found in HubSpot by its phone number or
        BSUID, created with what is known."""
        store = self.rt.store.contacts
        contact = await store.get(phone)
        if contact and contact.hubspot_id:
            return contact.hubspot_id
        client = self.client()
        known = await self.rt.store.identities.known(phone)
        bsuids = known.all_bsuids
        contact_id = await client.find_contact(known.phone, bsuids)
        if contact_id is None:
            properties = {"whatsapp_id": (contact.wa_id if contact else "") or (known.phone or phone).lstrip("+")}
            if bsuids:
                properties["hs_whatsapp_bsuids"] = ";".join(bsuids)
            contact_id = await client.create_contact(known.phone, contact.name if contact else None, properties)
            self.log.info("crm_contact_created", hubspot_id=contact_id)
        await store.set_hubspot_id(phone, contact_id)
        return contact_id

    async def sync_contact(self, phone: str) -> None:
        contact_id = await self.ensure_contact(phone)
        contact = await self.rt.store.contacts.get(phone)
        if contact is None:
            return
        properties = {
            "lead_score": str(contact.lead_score),
            "lead_status": contact.lead_status,
            "lead_reasons": "; ".join(contact.lead_reasons),
        }
        # Identifiers learned since the contact was created (a BSUID beside the phone, or a phone
        # beside the BSUID): HubSpot keeps them on the same contact.
        known = await self.rt.store.identities.known(phone)
        if known.all_bsuids:
            properties["hs_whatsapp_bsuids"] = ";".join(known.all_bsuids)
        if known.phone:
            properties["hs_whatsapp_phone_number"] = known.phone
        await self.client().update_contact(contact_id, properties)
        self.log.info("crm_contact_synced", hubspot_id=contact_id, lead_score=contact.lead_score)

    async def create_deal(self, appointment_id: str) -> None:
        appt = await self.rt.store.appointments.get(appointment_id)
        if appt is None or appt.hubspot_deal_id:
            return
        contact_id = await self.ensure_contact(appt.phone)
        contact = await self.rt.store.contacts.get(appt.phone)
        client = self.client()
        deal_id = await client.find_deal(appointment_id)
        if deal_id is None:
            name = f"Proefrit {appt.car} – {(contact.name if contact else '') or appt.phone[-4:]}"
            cfg = self.rt.config.hubspot
            deal_id = await client.create_deal(contact_id, name=name, booking_id=appointment_id,
                                               pipeline=cfg.pipeline, stage=cfg.deal_stage)
            self.log.info("crm_deal_created", hubspot_deal_id=deal_id, appointment_id=appointment_id)
        await self.rt.store.appointments.update(appointment_id, hubspot_deal_id=deal_id)

    async def on_failed(self, task: Task, err: TaskError) -> None:
        conversation_id = task.payload.get("conversation_id")
        phone = task.payload.get("phone")
        if task.kind == "crm_deal":
            appt = await self.rt.store.appointments.get(task.payload["appointment_id"])
            phone = appt.phone if appt else phone
        if conversation_id and phone:
            await self.rt.notify_human(conversation_id, phone, f"HubSpot-synchronisatie mislukt ({task.kind}): {err}")

    def contact_url(self, hubspot_id: str | None) -> str | None:
        if not hubspot_id or not self.enabled:
            return None
        return self.client().contact_url(hubspot_id)
