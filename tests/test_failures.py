"""Failure paths of a conversation: a failing turn is retried in order, then apologised for; the store failing
ends only that actor."""

from __future__ import annotations

import anyio
import pytest

from actors.dialogue.turn import TurnOutput
from daemon.config import build
from daemon.runtime import open_runtime
from integrations.messages import InboundMessage
from tests.conftest import config_data, until

pytestmark = pytest.mark.anyio

PHONE = "+31612345678"


class FlakyBrain:
    """A brain (the Brain protocol's contract, standing in for an outage) that fails for chosen texts."""

    def __init__(self, failures: dict[str, int]) -> None:
        self.failures = dict(failures)
        self.seen: list[str] = []

    async def respond(self, turn):
        text = turn.message.body
        self.seen.append(text)
        if self.failures.get(text, 0) > 0:
            self.failures[text] -= 1
            raise RuntimeError(f"brain down for {text}")
        return TurnOutput(replies=(f"re: {text}",), intent="other")

    async def aclose(self) -> None:
        pass


async def _add(rt, n: int, text: str) -> None:
    msg = InboundMessage(provider="twilio", message_id=f"SM{n:032d}", conversation_id=f"twilio:{PHONE}", phone=PHONE,
                         body=text, received_at=rt.clock.iso())
    added = await rt.store.inbox.add(msg)
    rt.deliver(msg.conversation_id, PHONE, added.id)


async def test_a_failing_turn_is_retried_before_later_messages_and_then_answered_in_order(tmp_path):
    """One failure on 'first': it is retried and answered before 'second' — nothing skipped, order kept."""
    brain = FlakyBrain({"first": 1})
    async with open_runtime(build(config_data(tmp_path)), brain=brain) as rt:
        await _add(rt, 1, "first")
        await _add(rt, 2, "second")

        async def both() -> bool:
            return len(await rt.store.outbox.all_rows()) == 2

        assert await until(both)
        assert [r.body for r in await rt.store.outbox.all_rows()] == ["re: first", "re: second"]
        assert brain.seen[:3] == ["first", "first", "second"]


async def test_a_turn_that_keeps_failing_gets_an_apology_and_a_human_and_the_rest_goes_on(tmp_path):
    """Three failures: the customer gets one apology, the conversation is handed over, nothing is left pending."""
    brain = FlakyBrain({"broken": 99})
    async with open_runtime(build(config_data(tmp_path)), brain=brain) as rt:
        await _add(rt, 1, "broken")

        async def answered() -> bool:
            return (await rt.store.inbox.counts()) == {"done": 1}

        assert await until(answered)
        rows = await rt.store.outbox.all_rows()
        assert len(rows) == 1 and "Sorry" in rows[0].body
        assert (await rt.store.conversations.get(f"twilio:{PHONE}")).handoff_reason == "error"


async def test_a_failing_store_ends_one_actor_not_the_daemon(tmp_path):
    """If even the apology cannot be committed, the row stays pending and the runtime keeps running."""
    brain = FlakyBrain({"broken": 99})
    async with open_runtime(build(config_data(tmp_path)), brain=brain) as rt:
        original = rt.integrations.plan_turn

        async def disk_full(*args, **kwargs):
            raise OSError(28, "No space left on device")

        rt.integrations.plan_turn = disk_full
        await _add(rt, 1, "broken")
        with anyio.fail_after(10):
            await rt.registry.wait_idle()
        assert (await rt.store.inbox.counts()) == {"pending": 1}
        rt.integrations.plan_turn = original
        brain.failures["broken"] = 0
        rt.deliver(f"twilio:{PHONE}", PHONE)

        async def answered() -> bool:
            return (await rt.store.inbox.counts()) == {"done": 1}

        assert await until(answered)
