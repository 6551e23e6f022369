"""Fake Chatwoot Application API plus builders for signed webhook deliveries.

Paths live under `/api/v1/accounts/{account_id}/` and need the `api_access_token` header.
Answers follow Chatwoot's jbuilder views (e.g. create contact →
`{"payload": {"contact": …, "contact_inbox": {"source_id", "inbox"}}}`), errors its controllers
(`{"error": "Resource could not be found"}`, 422 `{"message", "attributes"}`).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from email.parser import BytesParser
from email.policy import HTTP
import re
import time
import uuid
from typing import Any

from tests.fakes.http import FakeServer, Recorded, Response

_E164 = re.compile(r"^\+[1-9]\d{1,14}$")
_MESSAGE_TYPES = {"incoming": 0, "outgoing": 1}
_STATUSES = ("open", "resolved", "pending", "snoozed")


def sign(secret: str, timestamp: str | int, raw_body: bytes, delivery: str | None = None) -> dict[str, str]:
    """Headers Chatwoot (≥ 4.11.2) sends with a webhook: HMAC-SHA256 over `"{ts}.{body}"`."""
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + raw_body, hashlib.sha256).hexdigest()
    return {
        "X-Chatwoot-Signature": f"sha256={digest}",
        "X-Chatwoot-Timestamp": str(timestamp),
        "X-Chatwoot-Delivery": delivery or str(uuid.uuid4()),
    }


def _contact_sender(phone: str, name: str, contact_id: int) -> dict[str, Any]:
    return {
        "id": contact_id,
        "name": name,
        "phone_number": phone,
        "email": None,
        "identifier": phone,
        "custom_attributes": {},
        "additional_attributes": {},
        "thumbnail": "",
        "type": "contact",
    }


def message_created(
    *,
    content: str,
    message_type: str = "outgoing",
    private: bool = False,
    sender_type: str = "user",
    message_id: int = 1001,
    conversation_id: int = 7,
    phone: str = "+31612345678",
    contact_name: str = "Jan de Vries",
    status: str = "open",
    account_id: int = 1,
    inbox_id: int = 1,
) -> dict[str, Any]:
    """A `message_created` webhook body; `sender_type` is "user" (agent), "agent_bot" or "contact"."""
    senders = {
        "user": {"id": 3, "name": "Sanne (verkoop)", "email": "sanne@seldenrijk.example", "type": "user"},
        "agent_bot": {"id": 2, "name": "Seldenrijk assistent", "type": "agent_bot"},
        "contact": _contact_sender(phone, contact_name, 42),
    }
    now = int(time.time())
    return {
        "event": "message_created",
        "id": message_id,
        "content": content,
        "content_type": "text",
        "content_attributes": {},
        "additional_attributes": {},
        "message_type": message_type,
        "private": private,
        "source_id": None,
        "created_at": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(now)),
        "account": {"id": account_id, "name": "Seldenrijk Auto"},
        "inbox": {"id": inbox_id, "name": "WhatsApp"},
        "sender": senders[sender_type],
        "conversation": {
            "id": conversation_id,
            "inbox_id": inbox_id,
            "status": status,
            "channel": "Channel::Api",
            "can_reply": True,
            "contact_inbox": {"source_id": str(uuid.uuid5(uuid.NAMESPACE_URL, phone)), "inbox_id": inbox_id},
            "meta": {
                "sender": _contact_sender(phone, contact_name, 42),
                "assignee": senders["user"] if status == "open" else None,
                "assignee_type": "User" if status == "open" else None,
                "team": None,
                "hmac_verified": False,
            },
            "labels": [],
            "custom_attributes": {},
            "timestamp": now,
            "created_at": now,
        },
    }


def agent_reply(content: str, **kw: Any) -> dict[str, Any]:
    return message_created(content=content, message_type="outgoing", private=False, sender_type="user", **kw)


def private_note(content: str, **kw: Any) -> dict[str, Any]:
    return message_created(content=content, message_type="outgoing", private=True, sender_type="user", **kw)


def bot_echo(content: str, **kw: Any) -> dict[str, Any]:
    return message_created(content=content, message_type="outgoing", private=False, sender_type="agent_bot", **kw)


def incoming(content: str, **kw: Any) -> dict[str, Any]:
    return message_created(content=content, message_type="incoming", private=False, sender_type="contact", **kw)


def conversation_status_changed(status: str, *, conversation_id: int = 7, phone: str = "+31612345678") -> dict[str, Any]:
    """A `conversation_status_changed` webhook body (e.g. "open" = handed to a human, "resolved")."""
    body = message_created(content="", conversation_id=conversation_id, phone=phone, status=status)["conversation"]
    return {"event": "conversation_status_changed", **body, "changed_attributes": [{"status": {"current_value": status}}]}


class FakeChatwoot(FakeServer):
    """One account with one API inbox; state is in `contacts`, `conversations`, `messages`."""

    def __init__(self, *, account_id: int = 1, inbox_id: int = 1, api_token: str = "cw-token") -> None:
        self.account_id = account_id
        self.inbox_id = inbox_id
        self.api_token = api_token
        self._contacts: dict[int, dict[str, Any]] = {}
        self._conversations: dict[int, dict[str, Any]] = {}
        self._messages: dict[int, dict[str, Any]] = {}
        self._ids = iter(range(1, 1_000_000))
        super().__init__()

    def routes(self):
        a = r"/api/v1/accounts/(?P<account>\d+)"
        return [
            ("GET", rf"{a}/contacts/search", self._search),
            ("POST", rf"{a}/contacts", self._create_contact),
            ("PUT", rf"{a}/contacts/(?P<cid>\d+)", self._update_contact),
            ("POST", rf"{a}/conversations", self._create_conversation),
            ("POST", rf"{a}/conversations/(?P<conv>\d+)/messages", self._create_message),
            ("POST", rf"{a}/conversations/(?P<conv>\d+)/toggle_status", self._toggle_status),
        ]

    def not_found(self, request: Recorded) -> Response:
        return Response(404, json={"error": "Resource could not be found"})

    @property
    def contacts(self) -> list[dict[str, Any]]:
        with self.lock:
            return [dict(c) for c in self._contacts.values()]

    @property
    def conversations(self) -> list[dict[str, Any]]:
        with self.lock:
            return [dict(c) for c in self._conversations.values()]

    @property
    def messages(self) -> list[dict[str, Any]]:
        with self.lock:
            return [dict(m) for m in self._messages.values()]

    def _route(self, request: Recorded) -> Response:
        # Every Application API call authenticates first, for the account in the path.
        if request.header("api_access_token") != self.api_token:
            return Response(401, json={"errors": ["You need to sign in or sign up before continuing."]})
        match = re.match(r"/api/v1/accounts/(\d+)/", request.path)
        if match and int(match.group(1)) != self.account_id:
            return self.not_found(request)
        return super()._route(request)

    def _inbox(self) -> dict[str, Any]:
        return {"id": self.inbox_id, "channel_id": 1, "name": "WhatsApp", "channel_type": "Channel::Api", "provider": None, "avatar_url": ""}

    def _contact_json(self, contact: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in contact.items() if k != "source_ids"} | {
            "contact_inboxes": [{"source_id": s, "inbox": self._inbox()} for s in contact["source_ids"]]
        }

    def _search(self, request: Recorded, account: str) -> Response:
        q = request.query.get("q", [""])[0].lower()
        found = [
            self._contact_json(c)
            for c in self._contacts.values()
            if q and any(q in (c.get(k) or "").lower() for k in ("name", "email", "phone_number", "identifier"))
        ]
        return Response(200, json={"meta": {"count": len(found), "current_page": "1"}, "payload": found})

    def _create_contact(self, request: Recorded, account: str) -> Response:
        data = request.json() or {}
        phone = data.get("phone_number")
        if phone and not _E164.match(phone):
            return Response(422, json={"message": "Phone number should be in e164 format", "attributes": ["phone_number"]})
        if phone and any(c["phone_number"] == phone for c in self._contacts.values()):
            return Response(422, json={"message": "Phone number has already been taken", "attributes": ["phone_number"]})
        if data.get("inbox_id") not in (None, self.inbox_id):
            return self.not_found(request)
        cid = next(self._ids)
        source_id = str(uuid.uuid4())
        contact = {
            "id": cid,
            "name": data.get("name") or "",
            "email": data.get("email"),
            "phone_number": phone,
            "identifier": data.get("identifier"),
            "blocked": False,
            "thumbnail": "",
            "availability_status": "offline",
            "additional_attributes": data.get("additional_attributes") or {},
            "custom_attributes": data.get("custom_attributes") or {},
            "last_activity_at": None,
            "created_at": int(time.time()),
            "source_ids": [source_id] if data.get("inbox_id") else [],
        }
        self._contacts[cid] = contact
        contact_inbox = {"inbox": self._inbox(), "source_id": source_id} if data.get("inbox_id") else {"inbox": None, "source_id": None}
        return Response(200, json={"payload": {"contact": self._contact_json(contact), "contact_inbox": contact_inbox}})

    def _update_contact(self, request: Recorded, account: str, cid: str) -> Response:
        contact = self._contacts.get(int(cid))
        if contact is None:
            return self.not_found(request)
        data = request.json() or {}
        for key in ("name", "email", "phone_number", "identifier", "blocked"):
            if key in data:
                contact[key] = data[key]
        # Chatwoot merges custom/additional attributes on update rather than replacing them.
        for key in ("custom_attributes", "additional_attributes"):
            if key in data:
                contact[key] = {**contact[key], **data[key]}
        return Response(200, json={"payload": self._contact_json(contact)})

    def _create_conversation(self, request: Recorded, account: str) -> Response:
        data = request.json() or {}
        if not data.get("source_id") or not data.get("inbox_id"):
            return Response(422, json={"message": "source_id and inbox_id are required", "attributes": ["source_id"]})
        owner = next((c for c in self._contacts.values() if data["source_id"] in c["source_ids"]), None)
        if owner is None or data["inbox_id"] != self.inbox_id:
            return self.not_found(request)
        status = data.get("status", "open")
        if status not in ("open", "resolved", "pending"):
            return Response(422, json={"message": f"'{status}' is not a valid status", "attributes": ["status"]})
        conv_id = next(self._ids)
        conversation = {
            "id": conv_id,
            "account_id": self.account_id,
            "inbox_id": self.inbox_id,
            "status": status,
            "contact_id": owner["id"],
            "custom_attributes": data.get("custom_attributes") or {},
            "contact_inbox": {"source_id": data["source_id"], "inbox_id": self.inbox_id, "contact_id": owner["id"]},
            "meta": {"sender": self._contact_json(owner), "assignee": None, "team": None},
            "messages": [],
            "labels": [],
            "created_at": int(time.time()),
        }
        self._conversations[conv_id] = conversation
        return Response(200, json={k: v for k, v in conversation.items() if k != "contact_id"})

    def _create_message(self, request: Recorded, account: str, conv: str) -> Response:
        conversation = self._conversations.get(int(conv))
        if conversation is None:
            return self.not_found(request)
        files: list[dict[str, Any]] = []
        if (request.header("content-type") or "").startswith("multipart/form-data"):
            data, files = _multipart(request)
        else:
            data = request.json() or {}
        if not data.get("content") and not files:
            return Response(422, json={"message": "Content can't be blank", "attributes": ["content"]})
        kind = data.get("message_type", "outgoing")
        if kind not in _MESSAGE_TYPES:
            return Response(422, json={"message": f"'{kind}' is not a valid message_type", "attributes": ["message_type"]})
        now = int(time.time())
        message = {
            "id": next(self._ids),
            "content": data["content"],
            "account_id": self.account_id,
            "inbox_id": self.inbox_id,
            "conversation_id": conversation["id"],
            "message_type": _MESSAGE_TYPES[kind],
            "content_type": data.get("content_type", "text"),
            "status": "sent",
            "content_attributes": data.get("content_attributes") or {},
            "created_at": now,
            "updated_at": now,
            "private": bool(data.get("private", False)),
            "sender": {"id": 1, "name": "Seldenrijk API", "type": "user"},
            "attachments": [{"id": next(self._ids), "message_id": 0, "file_type": _file_type(f["content_type"]),
                             "account_id": self.account_id, "extension": f["filename"].rsplit(".", 1)[-1],
                             "data_url": f"{self.base_url}/rails/active_storage/{f['filename']}",
                             "file_size": len(f["data"]), "content_type": f["content_type"],
                             "filename": f["filename"], "data": f["data"]} for f in files],
        }
        for attachment in message["attachments"]:
            attachment["message_id"] = message["id"]
        self._messages[message["id"]] = message
        return Response(200, json={**message, "attachments": [
            {k: v for k, v in a.items() if k not in ("data", "content_type", "filename")}
            for a in message["attachments"]]})

    def _toggle_status(self, request: Recorded, account: str, conv: str) -> Response:
        conversation = self._conversations.get(int(conv))
        if conversation is None:
            return self.not_found(request)
        status = (request.json() or {}).get("status")
        if status not in _STATUSES:
            return Response(422, json={"message": f"'{status}' is not a valid status", "attributes": ["status"]})
        conversation["status"] = status
        return Response(200, json={"meta": {}, "payload": {"success": True, "current_status": status, "conversation_id": conversation["id"]}})


def _file_type(content_type: str) -> str:
    """Chatwoot's `Attachment#file_type` from the upload's content type."""
    kind = content_type.split("/")[0]
    return kind if kind in ("image", "audio", "video") else "file"


def _multipart(request: Recorded) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The fields and `attachments[]` files of a multipart/form-data message create (Rails parses
    `content_attributes` sent as a JSON string into a hash)."""
    head = f"Content-Type: {request.header('content-type')}\r\n\r\n".encode()
    parsed = BytesParser(policy=HTTP).parsebytes(head + request.body)
    fields: dict[str, Any] = {}
    files: list[dict[str, Any]] = []
    for part in parsed.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True) or b""
        if name == "attachments[]":
            files.append({"filename": part.get_filename() or "file", "content_type": part.get_content_type(),
                          "data": payload})
        elif name:
            fields[str(name)] = payload.decode()
    if "content_attributes" in fields:
        fields["content_attributes"] = json.loads(fields["content_attributes"])
    fields["private"] = fields.get("private") == "true"
    return fields, files
