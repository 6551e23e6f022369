"""`seldenrijk chat`: the whole pipeline from a terminal (actors, dialogue, store, integrations).

Each line becomes an inbound message stored in the inbox and handled by the
conversation actor exactly as a webhook's would be; the reply is printed (and, when a
provider is configured, also sent through it like any other reply).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import json
import sys
import uuid
from pathlib import Path

import anyio

from actors.dialogue.turn import TurnOutput
from daemon.config import Config
from daemon.runtime import open_runtime
from integrations.messages import InboundMessage
from integrations.phone import PhoneError, conversation_id, normalize

if TYPE_CHECKING:
    from daemon.runtime import Runtime

TURN_TIMEOUT = 60.0
FLUSH_TIMEOUT = 15.0


async def converse(rt: "Runtime", phone: str, name: str, text: str) -> TurnOutput:
    """Store `text` as an inbound message, let the conversation actor handle it, return its turn."""
    provider = "twilio"
    msg = InboundMessage(provider=provider, message_id=f"chat-{uuid.uuid4().hex}",
                         conversation_id=conversation_id(provider, phone), phone=phone, body=text,
                         received_at=rt.clock.iso(), profile_name=name, wa_id=phone[1:])
    send, receive = anyio.create_memory_object_stream[TurnOutput](1)
    added = await rt.store.inbox.add(msg)
    rt.on_turn(added.id, send.send_nowait)
    rt.deliver(msg.conversation_id, phone, added.id)
    with receive, send:
        with anyio.fail_after(TURN_TIMEOUT):
            return await receive.receive()


def chat_log_path(config: Config) -> Path:
    """Where an interactive chat writes its log lines: next to the store."""
    return Path(config.store.path).with_name("seldenrijk-chat.log")


def details_line(out: TurnOutput, color: bool) -> str:
    """Intent, lead status and the slots offered in this reply, for `--details`; dim on a terminal."""
    parts = [f"intent {out.intent}", f"lead {out.lead_status} ({out.lead_score})"]
    if out.offered_slots:
        parts.append("slots " + ", ".join(slot.get("label", slot.get("start", "")) for slot in out.offered_slots))
    if out.handoff:
        parts.append(f"handoff {out.handoff}")
    text = " · ".join(parts)
    return f"\x1b[2m{text}\x1b[0m" if color else f"({text})"


async def run_chat(config: Config, phone: str, name: str, as_json: bool, details: bool = False,
                   log_path: Path | None = None) -> int:
    try:
        phone = normalize(phone)
    except PhoneError as exc:
        print(f"error: --from: {exc}", file=sys.stderr)
        return 2
    interactive = sys.stdin.isatty() and not as_json
    async with open_runtime(config) as rt:
        if interactive:
            print(f"Chat met de assistent van {config.business.name} (Ctrl-D om te stoppen)")
            if log_path is not None:
                print(f"(logregels: {log_path}; --verbose toont ze hier)")
        while True:
            if interactive:
                print("> ", end="", flush=True)
            line = await anyio.to_thread.run_sync(sys.stdin.readline)
            if not line:
                break
            text = line.rstrip("\r\n")
            if not text.strip():
                continue
            out = await converse(rt, phone, name, text)
            if as_json:
                print(json.dumps(out.as_json(), ensure_ascii=False), flush=True)
            else:
                if out.replies:
                    print("\n".join(out.replies), flush=True)
                else:
                    print("(geen antwoord: " + ("overgedragen aan een medewerker" if out.handoff else "stil") + ")",
                          flush=True)
                if details:
                    print(details_line(out, color=sys.stdout.isatty()), flush=True)
                print(flush=True)
        await rt.settle(FLUSH_TIMEOUT)
    return 0
