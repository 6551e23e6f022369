"""A turn the customer did not start: the calendar's late answer to a test-drive request.

The conversation actor applies a `free_times` inbox event in order with the customer's messages;
this runs it against the conversation model in the dialogue's checkpoint, like a turn without a
message: `test_drive.times_found` makes the offer (or the calendar_down reply), `steps.escalation`
assembles the same TurnOutput a turn would (`offered_slots` included), and the new model is
written as the thread's checkpoint with the event's inbox id as `last_inbound_id`. So, as for a
message, an event applied again after a crash between checkpoint and commit gets the stored
output back instead of a second offer.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from actors.dialogue import steps
from actors.dialogue.context import Turn
from actors.dialogue.dialogue import Dialogue
from actors.dialogue.model import Conversation, Expect
from actors.dialogue.skills import test_drive
from actors.dialogue.turn import TurnOutput, output_from_data
from daemon.logs import get_logger
from integrations.inbox_events import FreeTimes

log = get_logger(component="dialogue")


async def times_found(brain: Any, conversation_id: str, inbox_id: int, phone: str,
                      event: FreeTimes) -> TurnOutput | None:
    """The follow-up's output, or None when the conversation no longer waits for these times (or the
    brain is not the dialogue): then nothing is said and the checkpoint is left as it was."""
    if not isinstance(brain, Dialogue):
        return None
    rt = brain.rt
    config = {"configurable": {"thread_id": conversation_id}}
    values = (await brain.graph.aget_state(config)).values or {}
    if values.get("last_inbound_id") == inbox_id and values.get("last_output") is not None:
        log.info("dialogue_replayed", conversation_id=conversation_id, inbound_id=inbox_id)
        return output_from_data(values["last_output"])
    model = Conversation.of(values.get("model"))
    if model.looking_up is None or model.looking_up.key != event.key:
        return None
    now = rt.clock.now().astimezone(ZoneInfo(rt.config.business.timezone))
    model.expect = (Expect.SLOT_CHOICE if len(model.offer.slots) > 1 else Expect.SLOT_CONFIRM) \
        if model.offer else Expect.NOTHING
    t = Turn(rt=rt, model=model, stock=await rt.store.cars.all(), knowledge=rt.knowledge, now=now,
             conversation_id=conversation_id, inbound_id=inbox_id, phone=phone, name="")
    await test_drive.times_found(t, event)
    model.said = t.said
    state: steps.DialogueState = {
        "turn": {"conversation_id": conversation_id, "inbound_id": inbox_id, "phone": phone, "text": "",
                 "now": now.isoformat()},
        "model": model.data(), "route": "normal", "intent": "test_drive", "reading": None, "reply": t.parts,
        "effects": t.effects, "offered_now": t.offered_now, "handoff_now": None,
    }
    update = await steps.escalation(rt, state)
    await brain.graph.aupdate_state(config, update, as_node="escalation")
    await brain._prune(conversation_id)  # one checkpoint per thread, as after a turn
    return output_from_data(update["last_output"])
