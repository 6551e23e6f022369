"""The Chatwoot actor: mirrors the conversation into an API-channel inbox and hands off to humans.

Local stand-in: with no `chatwoot.base_url`, handoffs are flagged in the store and
logged (`handoff_local`, `human_alert`) and nothing is mirrored.
Photos, voice notes and documents a customer sent over Twilio are downloaded and attached, one
`cw_attachment` task per file (a failed download is retried without holding up the text mirror or
the reply); one that is too large or cannot be fetched ends as a private note.
Our own posts carry `content_attributes.seldenrijk_ref` and their ids are recorded, so
when Chatwoot echoes them back as webhooks they are never sent to WhatsApp.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from actors.task_actor import TaskActor, TaskError
from integrations.chatwoot_webhook import MARKER
from integrations.messages import Media
from integrations.store.tasks import Task, TaskSpec

if TYPE_CHECKING:
    from integrations.chatwoot import ChatwootClient


class ChatwootActor(TaskActor):
    name = "chatwoot"
    kinds = ("cw_message", "cw_handoff", "cw_release", "cw_contact", "cw_attachment")

    @property
    def enabled(self) -> bool:
        return self.rt.config.chatwoot.enabled

    def client(self) -> "ChatwootClient":
        from integrations.chatwoot import ChatwootClient

        return self.cached_client(self.rt.config.chatwoot, ChatwootClient)

    def plan_message(self, conversation_id: str, phone: str, *, direction: str, text: str, ref: str,
                     private: bool = False, name: str = "") -> list[TaskSpec]:
        if not self.enabled:
            return []
        return [TaskSpec("cw_message", f"cw:{ref}", {
            "conversation_id": conversation_id, "phone": phone, "direction": direction, "text": text,
            "ref": ref, "private": private, "name": name,
        })]

    def plan_attachments(self, conversation_id: str, phone: str, message_id: str, media: tuple[Media, ...],
                         name: str = "") -> list[TaskSpec]:
        """One task per file of inbound message `message_id`, keyed on it: a replay attaches nothing twice."""
        if not self.enabled:
            return []
        return [TaskSpec("cw_attachment", f"cw_att:{message_id}:{i}", {
            "conversation_id": conversation_id, "phone": phone, "url": m.url, "content_type": m.content_type,
            "index": i, "ref": f"att:{message_id}:{i}", "name": name,
        }) for i, m in enumerate(media)]

    def plan_handoff(self, conversation_id: str, phone: str, note: str, ref: str) -> list[TaskSpec]:
        if not self.enabled:
            return []
        return [TaskSpec("cw_handoff", f"cw_handoff:{ref}",
                         {"conversation_id": conversation_id, "phone": phone, "note": note, "ref": ref})]

    def plan_lead(self, conversation_id: str, phone: str) -> list[TaskSpec]:
        if not self.enabled:
            return []
        return [TaskSpec("cw_contact", f"cw_contact:{phone}", {"conversation_id": conversation_id, "phone": phone},
                         10.0)]

    async def perform(self, task: Task) -> None:
        if not self.enabled:
            return
        p = task.payload
        conversation = await self.ensure_conversation(p["conversation_id"], p["phone"], p.get("name", ""))
        client = self.client()
        if task.kind == "cw_message":
            await self._post(conversation, p["text"], p["direction"], p["private"], p["ref"])
        elif task.kind == "cw_attachment":
            await self._attach(conversation, p)
        elif task.kind == "cw_handoff":
            await client.toggle_status(conversation, "open")
            await self._post(conversation, p["note"], "outgoing", True, f"handoff:{p['ref']}")
            self.log.info("handoff_chatwoot", chatwoot_conversation_id=conversation)
        elif task.kind == "cw_contact":
            contact = await self.rt.store.contacts.get(p["phone"])
            if contact and contact.chatwoot_contact_id:
                known = await self.rt.store.identities.known(p["phone"])
                # Every identifier stays on the one Chatwoot contact: a phone number learned after it
                # was created by BSUID is added to it, BSUIDs live in its attributes.
                await client.update_contact(contact.chatwoot_contact_id,
                                            custom_attributes=await self._attributes(p["phone"]),
                                            phone_e164=known.phone if known.phone != known.key else None)

    async def _attach(self, conversation: int, p: dict[str, Any]) -> None:
        from integrations.twilio_media import MediaError, download

        if await self.rt.store.tasks.was_seen("chatwoot_attached", p["ref"]):
            return  # attached before (a re-run after the post succeeded)
        try:
            file = await download(self.rt.config.twilio, p["url"], p["content_type"], p["index"])
        except MediaError as exc:
            if exc.transient:
                raise
            limit_mb = self.rt.config.twilio.media_max_bytes / (1024 * 1024)
            await self._attachment_note(conversation, p, f"te groot (meer dan {limit_mb:g} MB)" if exc.too_large
                                        else "niet op te halen")
            self.log.warning("attachment_refused", reason="too_large" if exc.too_large else "download_failed",
                             status=exc.status, content_type=p["content_type"])
            return
        message_id = await self.client().post_attachment(
            conversation, data=file.data, filename=file.filename, content_type=file.content_type,
            content_attributes={MARKER: p["ref"]})
        await self.rt.store.tasks.seen("chatwoot_own", str(message_id))
        await self.rt.store.tasks.seen("chatwoot_attached", p["ref"])
        self.log.info("attachment_forwarded", content_type=file.content_type, bytes=len(file.data))

    async def _attachment_note(self, conversation: int, p: dict[str, Any], why: str) -> None:
        text = (f"📎 Bijlage {p['index'] + 1} van de klant ({p['content_type'] or 'onbekend type'}) is {why}"
                " en staat niet in dit gesprek; vraag de klant zo nodig om hem opnieuw of anders te sturen.")
        await self._post(conversation, text, "outgoing", True, f"{p['ref']}:note")

    async def on_failed(self, task: Task, err: TaskError) -> None:
        """A file that could not be fetched for a day: staff hear it from a note, not from the log."""
        if task.kind != "cw_attachment":
            return
        p = task.payload
        conv = await self.rt.store.conversations.get(p["conversation_id"])
        if conv and conv.chatwoot_conversation_id:
            try:
                await self._attachment_note(conv.chatwoot_conversation_id, p, "niet op te halen")
            except Exception as exc:  # Chatwoot is down too: the task_failed alert already went out
                self.log.warning("attachment_note_failed", error=type(exc).__name__)

    async def _post(self, conversation: int, text: str, direction: str, private: bool, ref: str) -> None:
        message_id = await self.client().post_message(
            conversation, text, message_type=direction, private=private, content_attributes={MARKER: ref},
        )
        await self.rt.store.tasks.seen("chatwoot_own", str(message_id))

    async def _attributes(self, phone: str) -> dict[str, Any]:
        contact = await self.rt.store.contacts.get(phone)
        known = await self.rt.store.identities.known(phone)
        return {
            "whatsapp_provider": self.rt.config.whatsapp.provider,
            "whatsapp_id": phone,
            "whatsapp_phone": known.phone or "",
            "whatsapp_bsuids": ";".join(known.bsuids),
            "whatsapp_parent_bsuids": ";".join(known.parent_bsuids),
            "whatsapp_username": known.usernames[-1] if known.usernames else "",
            "hubspot_id": (contact.hubspot_id if contact else None) or "",
            "lead_score": contact.lead_score if contact else 0,
            "lead_status": contact.lead_status if contact else "COLD",
        }

    async def ensure_conversation(self, conversation_id: str, phone: str, name: str) -> int:
        """Chatwoot's conversation id for ours, creating contact and conversation on first use."""
        store = self.rt.store
        conv = await store.conversations.get(conversation_id)
        if conv and conv.chatwoot_conversation_id:
            return conv.chatwoot_conversation_id
        client = self.client()
        contact = await store.contacts.get(phone)
        contact_id, source_id = (contact.chatwoot_contact_id, contact.chatwoot_source_id) if contact else (None, None)
        if not contact_id or not source_id:
            known = await self.rt.store.identities.known(phone)
            found = (await client.find_contact(known.phone) if known.phone
                     else await client.find_contact_by_identifier(phone))
            inbox_id = self.rt.config.chatwoot.inbox_id
            linked = [ci.get("source_id") for ci in (found or {}).get("contact_inboxes") or []
                      if (ci.get("inbox") or {}).get("id") == inbox_id and ci.get("source_id")]
            if found and linked:
                contact_id, source_id = int(found["id"]), str(linked[0])
            else:
                contact_id, source_id = await client.create_contact(
                    name=(name or (contact.name if contact else "") or (known.usernames[-1] if known.usernames else "")
                          or known.phone or "WhatsApp-klant"),
                    phone_e164=known.phone, identifier=phone,
                    custom_attributes=await self._attributes(phone),
                )
            await store.contacts.set_chatwoot(phone, contact_id, source_id)
        status = "open" if conv and conv.handoff else "pending"
        chatwoot_id = await client.create_conversation(source_id=source_id, contact_id=contact_id, status=status)
        await store.conversations.ensure(conversation_id, phone, conversation_id.split(":")[0])
        await store.conversations.set_chatwoot(conversation_id, chatwoot_id)
        self.log.info("chatwoot_conversation_created", chatwoot_conversation_id=chatwoot_id)
        return chatwoot_id
