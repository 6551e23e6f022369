"""Chatwoot's webhook body, read strictly: every field we use is checked for its JSON type.

A validly signed event with a field of the wrong type is a malformed request (400 with the
field named), never an exception deep in the handler. Fields we do not use are ignored.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from integrations.twilio_webhook import WebhookError

MARKER = "seldenrijk_ref"  # in content_attributes of the posts we mirror ourselves
STATUS_EVENTS = frozenset({"conversation_status_changed", "conversation_resolved", "conversation_opened",
                           "conversation_updated"})
_ID = re.compile(r"[0-9]{1,18}")  # below 2**63: fits SQLite's INTEGER


@dataclass(frozen=True)
class ChatwootMessage:
    id: str
    content: str
    outgoing: bool
    private: bool
    sender_type: str
    sender_name: str
    ours: bool  # one of our own mirrored posts coming back

    @property
    def from_agent(self) -> bool:
        """What goes to WhatsApp: a human's outgoing, public message that we did not post."""
        return self.outgoing and not self.private and self.sender_type == "user" and not self.ours


@dataclass(frozen=True)
class ChatwootEvent:
    kind: str
    conversation: int | None  # Chatwoot's conversation id
    message: ChatwootMessage | None = None  # for message_created
    status: str | None = None  # for the conversation status events


def _object(value: Any, name: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise WebhookError(f"{name} must be an object")
    return value


def _text(value: Any, name: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise WebhookError(f"{name} must be a string")
    return value


def _flag(value: Any, name: str) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise WebhookError(f"{name} must be true or false")
    return value


def _id(value: Any, name: str) -> int | None:
    """An id as Chatwoot sends it (a number, sometimes a string of digits); None when absent."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, str)) or not _ID.fullmatch(str(value)):
        raise WebhookError(f"{name} must be a positive integer id")
    return int(value)


def parse_event(body: bytes) -> ChatwootEvent:
    """The event in `body`; raises WebhookError (→ 400) naming the first field that is wrong."""
    try:
        data = json.loads(body)
    except ValueError:
        raise WebhookError("body is not JSON") from None
    if not isinstance(data, dict) or not isinstance(data.get("event"), str):
        raise WebhookError("expected a Chatwoot event object with an `event` field")
    kind = data["event"]
    conversation = _object(data.get("conversation"), "conversation")
    conversation_id = _id(conversation.get("id"), "conversation.id")
    if kind == "message_created":
        attributes = data.get("content_attributes")
        if attributes is not None and not isinstance(attributes, (dict, str)):
            raise WebhookError("content_attributes must be an object")
        sender = _object(data.get("sender"), "sender")
        message_type = data.get("message_type")
        if message_type is not None and (isinstance(message_type, bool) or not isinstance(message_type, (str, int))):
            raise WebhookError("message_type must be a string")
        message_id = _id(data.get("id"), "id")
        message = ChatwootMessage(
            id=str(message_id) if message_id is not None else "",
            content=_text(data.get("content"), "content").strip(),
            outgoing=message_type in ("outgoing", 1),
            private=_flag(data.get("private"), "private"),
            sender_type=_text(sender.get("type"), "sender.type"),
            sender_name=_text(sender.get("name"), "sender.name"),
            ours=isinstance(attributes, dict) and MARKER in attributes,
        )
        return ChatwootEvent(kind, conversation_id, message=message)
    if kind in STATUS_EVENTS:
        if conversation_id is None:
            conversation_id = _id(data.get("id"), "id")
        status = _text(data.get("status"), "status") or _text(conversation.get("status"), "conversation.status")
        if kind == "conversation_resolved":
            status = "resolved"
        return ChatwootEvent(kind, conversation_id, status=status)
    return ChatwootEvent(kind, conversation_id)
