"""The unified inbound message every provider's webhook is parsed into (seed §3)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Media:
    url: str
    content_type: str


@dataclass(frozen=True)
class Location:
    latitude: float
    longitude: float
    address: str = ""
    label: str = ""


@dataclass(frozen=True)
class InboundMessage:
    """One customer message; `conversation_id` is `twilio:+316…` (or `twilio:NL.1502…` for a contact
    first seen without a phone number) or `waha:316…`."""

    provider: str
    message_id: str
    conversation_id: str
    phone: str  # the contact's key: its E.164 number, or the BSUID it is filed under (store.identities)
    body: str
    received_at: str  # ISO 8601 UTC
    profile_name: str = ""
    wa_id: str = ""
    media: tuple[Media, ...] = ()
    button_payload: str = ""
    button_text: str = ""
    location: Location | None = None
    reply_to: str = ""
    referral: dict[str, str] = field(default_factory=dict)
    message_type: str = "text"
    to: str = ""  # the business address the customer wrote to, e.g. "whatsapp:+14155238886"
    # Who wrote, as this message says (api-notes §W.4): `phone` above may be a contact key these resolve to.
    sender_phone: str = ""  # E.164, when WhatsApp shows the number
    bsuid: str = ""
    parent_bsuid: str = ""
    username: str = ""
    list_id: str = ""  # the id of a tapped list-picker item (`ListId`)
    list_title: str = ""

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> "InboundMessage":
        data: dict[str, Any] = json.loads(text)
        data["media"] = tuple(Media(**m) for m in data.get("media", ()))
        if data.get("location"):
            data["location"] = Location(**data["location"])
        return cls(**data)

    @property
    def text(self) -> str:
        """What the dialogue reads: the body, else the button text, else a media/location hint."""
        if self.body.strip():
            return self.body
        if self.button_text:
            return self.button_text
        return ""
