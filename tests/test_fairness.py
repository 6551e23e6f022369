"""Replies keep flowing while the ingress is busy (issue 9, item 6; DESIGN §10)."""

from __future__ import annotations

import anyio
import pytest

from integrations.store.db import PriorityLock
from tests.conftest import inbound_params, make_config, running, sid, signed

pytestmark = pytest.mark.anyio

WHATSAPP = "/webhooks/twilio/whatsapp"


async def test_ordinary_waiters_are_served_while_urgent_ones_keep_coming():
    """Urgent holders that keep arriving go first, but an ordinary waiter gets its turn after at
    most `urgent_run` of them — it is never starved for as long as the urgent stream lasts."""
    lock = PriorityLock(urgent_run=1)
    order: list[str] = []

    async def use(name: str, urgent: bool) -> None:
        async with lock.hold(urgent):
            order.append(name)
            await anyio.sleep(0)

    async with anyio.create_task_group() as tg:
        await lock.acquire(urgent=True)
        for n in range(5):
            tg.start_soon(use, f"u{n}", True)
        tg.start_soon(use, "o", False)
        await anyio.wait_all_tasks_blocked()
        lock.release()
    assert order.index("o") <= 1


async def test_no_reply_while_the_ingress_is_busy(tmp_path, fake_twilio):
    """A burst of webhooks from many phones: replies start leaving before the burst is over."""
    config = make_config(tmp_path, fake_twilio, limits={"rate_per_minute": 1000})
    async with running(config) as (rt, client):
        requests = [signed(WHATSAPP, inbound_params(sid(5000 + n), "hoe laat zijn jullie open?",
                                                    phone=f"+3161{n % 150:07d}")) for n in range(450)]
        replies_while_busy: list[int] = []

        async def sender(chunk: list) -> None:
            for body, headers in chunk:
                assert (await client.post(WHATSAPP, data=body, headers=headers)).status_code == 200

        async with anyio.create_task_group() as tg:
            for k in range(16):
                tg.start_soon(sender, requests[k::16])
        replies_while_busy.append(len(fake_twilio.sent))  # the moment the last webhook was acknowledged
        assert replies_while_busy[0] > 0, "no reply left while the ingress was busy"
