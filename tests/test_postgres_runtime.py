"""The whole daemon on a PostgreSQL store: the message path, and a conversation that moves between
instances keeping its context (the checkpoints are in the shared database)."""

from __future__ import annotations

import pytest

from tests.conftest import arrived, inbound_params, make_config, running, sid, signed, until

pytestmark = pytest.mark.anyio

WHATSAPP = "/webhooks/twilio/whatsapp"


async def _recorded(rt) -> bool:
    return all(r.provider_message_id for r in await rt.store.outbox.all_rows())


async def _post(client, params):
    body, headers = signed(WHATSAPP, params)
    return await client.post(WHATSAPP, data=body, headers=headers)


async def test_a_conversation_continues_on_another_instance(tmp_path, fake_twilio, postgres_url):
    """The first message is handled by one instance, the second by another: its reply uses the first's context."""
    config = make_config(tmp_path, fake_twilio, store={"url": postgres_url})
    async with running(config) as (rt, client):
        assert (await _post(client, inbound_params(sid(1), "ik zoek een golf"))).status_code == 200
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 1)
        assert await until(lambda: _recorded(rt))  # stopped between send and record, the next start waits it out
    async with running(make_config(tmp_path / "other", fake_twilio, store={"url": postgres_url})) as (rt, client):
        assert (await _post(client, inbound_params(sid(2), "wat kost die?"))).status_code == 200
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 2)
        assert await rt.store.inbox.counts() == {"done": 2}
        assert await until(lambda: _recorded(rt))
    # Without the first message, "die" has nothing to point at.
    async with running(make_config(tmp_path, fake_twilio, store={"url": postgres_url})) as (rt, client):
        assert (await _post(client, inbound_params(sid(3), "wat kost die?", phone="+31687654321"))).status_code == 200
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 3)
    first, second, alone = (m["body"] for m in fake_twilio.sent)
    assert "Golf" in first and "Golf" in second and "€" in second
    assert "Golf" not in alone and "€" not in alone


async def test_readiness_is_503_and_webhooks_503_while_postgresql_does_not_answer(tmp_path, fake_twilio, postgres_url):
    """With the store's connections gone, /readyz says 503 at once (not a 500, not a hang) and a
    webhook gets 503, so Twilio retries it: nothing is acknowledged that is not stored."""
    config = make_config(tmp_path, fake_twilio, store={"url": postgres_url})
    async with running(config) as (rt, client):
        assert (await client.get("/readyz")).status_code == 200
        await rt.store.main.pool.close()
        ready = await client.get("/readyz")
        assert ready.status_code == 503
        assert (await _post(client, inbound_params(sid(5), "hallo"))).status_code == 503
        assert (await client.get("/readyz")).status_code == 503


async def test_a_reply_another_instance_is_sending_is_waited_out_then_sent_once(tmp_path, fake_twilio, postgres_url):
    """A row marked `sending` just now (by another instance whose call may still be under way) is
    neither sent nor judged: it waits until that call must have ended, then is reconciled against
    Twilio's list — found there, it is recorded and not sent again."""
    from integrations.clock import ManualClock
    from integrations.store.outbox import Draft

    clock = ManualClock()
    config = make_config(tmp_path, fake_twilio, store={"url": postgres_url})
    async with running(config, clock=clock) as (rt, client):
        phone = "+31612345678"
        row_id = await rt.store.outbox.enqueue(conversation_id=f"twilio:{phone}", phone=phone, provider="twilio",
                                               draft=Draft(body="hallo"))
        await rt.store.outbox.mark_sending(row_id)  # the other instance's mark, its call under way
        rt.wake_sender()

        async def waiting() -> bool:
            return (await rt.store.outbox.get(row_id)).next_attempt_at is not None

        assert await until(waiting)
        assert fake_twilio.sent == []
        # The other instance's call reaches Twilio, then it dies before recording it.
        transport = rt.transport()
        sent = await transport.send(phone, "hallo")
        clock.advance(config.twilio.timeout_seconds + 2)
        rt.wake_sender()

        async def reconciled() -> bool:
            return (await rt.store.outbox.get(row_id)).provider_message_id == sent.provider_message_id

        assert await until(reconciled, clock, step=0.5)
        assert len(fake_twilio.sent) == 1
