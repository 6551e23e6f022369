"""The message path end to end: order per conversation, concurrency, and the sender's retry policy."""

from __future__ import annotations

import anyio
import pytest

from integrations.clock import ManualClock
from integrations.store.outbox import Draft
from tests.conftest import arrived, until, inbound_params, make_config, running, sid, signed
from tests.fakes.http import Response
from tests.fakes.twilio import invalid_to, too_many_requests

pytestmark = pytest.mark.anyio

WHATSAPP = "/webhooks/twilio/whatsapp"
MESSAGES = r".*/Messages\.json$"


async def _post(client, params):
    body, headers = signed(WHATSAPP, params)
    return await client.post(WHATSAPP, data=body, headers=headers)



async def test_quick_messages_from_one_phone_are_answered_in_order(tmp_path, fake_twilio):
    """Three messages in a row are handled one after another and their replies go out in that order."""
    async with running(make_config(tmp_path, fake_twilio)) as (rt, client):
        for n, text in enumerate(["Hallo", "ik zoek een golf", "wat kost die?"]):
            assert (await _post(client, inbound_params(sid(200 + n), text))).status_code == 200
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 3)
        rows = await rt.store.outbox.all_rows()
        assert [r.inbound_id for r in rows] == sorted(r.inbound_id for r in rows)
        assert [m["body"] for m in fake_twilio.sent] == [r.body for r in rows]


async def test_messages_from_100_phones_at_once_are_all_answered(tmp_path, fake_twilio):
    """Different conversations run concurrently and every one of them gets its reply."""
    async with running(make_config(tmp_path, fake_twilio)) as (rt, client):
        async with anyio.create_task_group() as tg:
            for n in range(100):
                phone = f"+316{n:08d}"
                tg.start_soon(_post, client, inbound_params(sid(1000 + n), "Hoi, zoek een auto", phone=phone))
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 100, timeout=60)
        assert len({m["to"] for m in fake_twilio.sent}) == 100
        assert (await rt.store.inbox.counts()) == {"done": 100}


async def _queue(rt, body: str, phone: str = "+31612345678") -> int:
    row_id = await rt.store.outbox.enqueue(conversation_id=f"twilio:{phone}", phone=phone, provider="twilio",
                                           draft=Draft(body=body, origin="system", origin_ref=body))
    rt.wake_sender()
    return row_id


async def test_rate_limit_backs_off_then_succeeds(tmp_path, fake_twilio):
    """A 20429 is retried after a backoff on the runtime clock and the message goes out once."""
    clock = ManualClock()
    fake_twilio.script("POST", MESSAGES, too_many_requests(), too_many_requests())
    async with running(make_config(tmp_path, fake_twilio), clock=clock) as (rt, client):
        row_id = await _queue(rt, "hallo")

        async def accepted() -> bool:
            return (await rt.store.outbox.get(row_id)).status == "accepted"

        assert await until(accepted, clock, step=0.5)
        assert len(fake_twilio.requests_to("POST", MESSAGES)) == 3
        assert len(fake_twilio.sent) == 1
        assert rt.metrics.value("seldenrijk_send_failures_total", kind="rate_limited") == 2


async def test_invalid_number_is_not_retried_and_the_contact_is_flagged(tmp_path, fake_twilio):
    """21211 marks the row failed, flags the contact and sends nothing more."""
    fake_twilio.script("POST", MESSAGES, invalid_to("+31612345678"))
    async with running(make_config(tmp_path, fake_twilio)) as (rt, client):
        row_id = await _queue(rt, "hallo")

        async def failed() -> bool:
            return (await rt.store.outbox.get(row_id)).status == "failed"

        assert await until(failed)
        row = await rt.store.outbox.get(row_id)
        assert row.error_code == "21211"
        assert (await rt.store.contacts.get("+31612345678")).invalid_number
        assert len(fake_twilio.requests_to("POST", MESSAGES)) == 1


def _unavailable() -> Response:
    return Response(503, json={"code": 20503, "message": "Unavailable", "status": 503})


async def test_twilio_5xx_for_30_seconds_delays_the_reply_by_seconds_not_five_minutes(tmp_path, fake_twilio):
    """Issue 9 item 4: Twilio answers 5xx for 30 s, then recovers. The reply is retried on a short,
    growing backoff (looking it up first: a 5xx may have created it) and goes out within a minute
    of the start, once, with no five-minute alert; a later reply waits behind it."""
    clock = ManualClock()
    fake_twilio.script("POST", MESSAGES, *[_unavailable() for _ in range(60)])
    async with running(make_config(tmp_path, fake_twilio), clock=clock) as (rt, client):
        first = await _queue(rt, "eerste")
        second = await _queue(rt, "tweede")

        async def both_sent() -> bool:
            if clock.monotonic() >= 30:
                fake_twilio.unscript()  # Twilio is back
            return len(fake_twilio.sent) == 2

        assert await until(both_sent, clock, step=0.5)
        assert clock.monotonic() <= 70
        assert [m["body"] for m in fake_twilio.sent] == ["eerste", "tweede"]
        assert rt.metrics.value("seldenrijk_send_alerts_total") == 0
        assert len(fake_twilio.requests_to("POST", MESSAGES)) >= 4  # retried sooner than five minutes
        assert (await rt.store.outbox.get(first)).status == "accepted"
        assert (await rt.store.outbox.get(second)).status == "accepted"


async def test_a_long_outage_reaches_the_five_minute_queue_and_alerts(tmp_path, fake_twilio):
    """Twilio down for an hour: the backoff grows to the seed's five minutes, where each retry alerts;
    nothing is sent twice and the reply goes out when Twilio is back."""
    clock = ManualClock()
    fake_twilio.script("POST", MESSAGES, *[_unavailable() for _ in range(200)])
    async with running(make_config(tmp_path, fake_twilio), clock=clock) as (rt, client):
        await _queue(rt, "eerste")

        async def alerted_twice() -> bool:
            return rt.metrics.value("seldenrijk_send_alerts_total") >= 2

        assert await until(alerted_twice, clock, step=5)
        posts = len(fake_twilio.requests_to("POST", MESSAGES))
        assert 8 <= posts <= 12  # 2, 4, …, 256 s, then five-minute retries
        fake_twilio.unscript()

        async def sent() -> bool:
            return len(fake_twilio.sent) == 1

        assert await until(sent, clock, step=10)
        assert len(fake_twilio.sent) == 1


async def test_retry_after_on_a_503_is_honoured(tmp_path, fake_twilio):
    """A 503 with `Retry-After: 40` is not retried before 40 s, even though the backoff would be 2 s."""
    clock = ManualClock()
    fake_twilio.script("POST", MESSAGES, Response(503, json={"code": 20503, "message": "Unavailable", "status": 503},
                                                  headers={"Retry-After": "40"}))
    async with running(make_config(tmp_path, fake_twilio), clock=clock) as (rt, client):
        await _queue(rt, "eerste")

        async def retried() -> bool:
            return len(fake_twilio.requests_to("POST", MESSAGES)) == 2

        assert await until(retried, clock, step=1)
        assert clock.monotonic() >= 40


async def test_outside_24h_window_resends_as_template(tmp_path, fake_twilio):
    """A 63016 status callback makes the sender resend the reply as the configured template."""
    config = make_config(tmp_path, fake_twilio, twilio={"template_content_sid": "HX" + "1" * 32})
    async with running(config) as (rt, client):
        row_id = await _queue(rt, "hallo")
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 1)

        async def has_sid() -> bool:
            return bool((await rt.store.outbox.get(row_id)).provider_message_id)

        assert await until(has_sid)
        message_sid = (await rt.store.outbox.get(row_id)).provider_message_id
        body, headers = signed("/webhooks/twilio/status", [
            ("MessageSid", message_sid), ("MessageStatus", "undelivered"), ("ErrorCode", "63016"),
            ("To", "whatsapp:+31612345678")])
        assert (await client.post("/webhooks/twilio/status", data=body, headers=headers)).status_code == 200
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 2)
        template = fake_twilio.requests_to("POST", MESSAGES)[-1].form()
        assert template["ContentSid"] == ["HX" + "1" * 32]
        assert "Body" not in template


async def test_outside_24h_window_without_template_hands_over_to_a_human(tmp_path, fake_twilio):
    """With no template configured a 63016 flags the conversation for a human instead."""
    async with running(make_config(tmp_path, fake_twilio)) as (rt, client):
        row_id = await _queue(rt, "hallo")
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 1)

        async def has_sid() -> bool:
            return bool((await rt.store.outbox.get(row_id)).provider_message_id)

        assert await until(has_sid)
        row = await rt.store.outbox.get(row_id)
        await rt.store.conversations.ensure(row.conversation_id, row.phone, "twilio")
        body, headers = signed("/webhooks/twilio/status", [
            ("MessageSid", row.provider_message_id), ("MessageStatus", "failed"), ("ErrorCode", "63016")])
        assert (await client.post("/webhooks/twilio/status", data=body, headers=headers)).status_code == 200

        async def handed_over() -> bool:
            conversation = await rt.store.conversations.get(row.conversation_id)
            return bool(conversation.handoff) and conversation.handoff_reason == "outside_24h_window"

        assert await until(handed_over)  # the failure is an event its conversation actor applies
        assert len(fake_twilio.sent) == 1


async def test_a_crash_between_twilio_accepting_and_our_commit_does_not_resend(tmp_path, fake_twilio):
    """A row left `sending` is reconciled against Twilio's message list instead of being sent again."""
    config = make_config(tmp_path, fake_twilio)
    async with running(config) as (rt, client):
        row_id = await _queue(rt, "al verstuurd")

        async def recorded() -> bool:
            return (await rt.store.outbox.get(row_id)).status == "accepted"

        assert await until(recorded)
        # The crash as the next start sees it: Twilio accepted, our commit of that never happened.
        await rt.store.main.execute("UPDATE outbox SET status = 'sending', provider_message_id = NULL WHERE id = ?",
                                    (row_id,))
    async with running(config) as (rt, client):
        async def reconciled() -> bool:
            return (await rt.store.outbox.get(row_id)).status == "sent"

        assert await until(reconciled)
        assert len(fake_twilio.sent) == 1
        assert (await rt.store.outbox.get(row_id)).provider_message_id == fake_twilio.sent[0]["sid"]


async def test_twilio_credentials_missing_uses_the_local_transport(tmp_path):
    """Without Twilio credentials replies are recorded as `local` and nothing is sent anywhere."""
    async with running(make_config(tmp_path)) as (rt, client):
        assert (await _post(client, inbound_params(sid(300), "Hallo"))).status_code == 200

        async def answered() -> bool:
            return (await rt.store.inbox.counts()) == {"done": 1}

        assert await until(answered)
        assert [r.status for r in await rt.store.outbox.all_rows()] == ["local"]


async def test_a_full_mailbox_never_blocks_the_webhook_and_loses_nothing(tmp_path, fake_twilio):
    """With a one-slot mailbox a burst from one phone is still answered completely, in order."""
    config = make_config(tmp_path, fake_twilio, limits={"mailbox_size": 1})
    async with running(config) as (rt, client):
        questions = ["hoe laat zijn jullie open?", "waar zitten jullie?"] * 4
        for n, text in enumerate(questions):
            assert (await _post(client, inbound_params(sid(400 + n), text))).status_code == 200
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 8, timeout=30)
        rows = await rt.store.outbox.all_rows()
        assert [r.inbound_id for r in rows] == sorted(r.inbound_id for r in rows)


async def test_without_a_configured_sender_replies_come_from_the_number_the_customer_wrote_to(tmp_path, fake_twilio):
    """No `twilio.from` and no messaging service: the reply's From is the webhook's To."""
    config = make_config(tmp_path, fake_twilio, twilio={"from": ""})
    async with running(config) as (rt, client):
        params = [(k, "whatsapp:+3197010203040" if k == "To" else v)
                  for k, v in inbound_params(sid(600), "hoe laat zijn jullie open?")]
        assert (await _post(client, params)).status_code == 200
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 1)
        form = fake_twilio.requests_to("POST", MESSAGES)[0].form()
        assert form["From"] == ["whatsapp:+3197010203040"]
        conversation = await rt.store.conversations.get("twilio:+31612345678")
        assert conversation.reply_from == "whatsapp:+3197010203040"


async def test_an_unaddressable_number_fails_once_instead_of_looping(tmp_path, fake_twilio):
    """A stored row whose number cannot be addressed is failed permanently; nothing is sent, nothing spins."""
    async with running(make_config(tmp_path, fake_twilio)) as (rt, client):
        row_id = await _queue(rt, "hallo", phone="+3161")

        async def failed() -> bool:
            return (await rt.store.outbox.get(row_id)).status == "failed"

        assert await until(failed)
        assert (await rt.store.outbox.get(row_id)).error_code == "invalid_phone"
        assert fake_twilio.requests_to("POST", MESSAGES) == []
        assert rt.metrics.value("seldenrijk_send_failures_total", kind="permanent") == 1


async def test_a_timeout_after_twilio_accepted_is_reconciled_not_resent(tmp_path, fake_twilio):
    """Twilio takes the message but answers too late: the retry looks it up first and sends nothing twice."""
    clock = ManualClock()
    fake_twilio.answer_delay = 1.5
    config = make_config(tmp_path, fake_twilio, twilio={"timeout_seconds": 0.5})
    async with running(config, clock=clock) as (rt, client):
        row_id = await _queue(rt, "hallo")

        async def deferred() -> bool:
            return rt.metrics.value("seldenrijk_send_retries_total") == 1

        assert await until(deferred)
        assert (await rt.store.outbox.get(row_id)).status == "sending"  # ambiguous, kept for reconciliation
        fake_twilio.answer_delay = 0.0

        async def reconciled() -> bool:
            return (await rt.store.outbox.get(row_id)).status == "sent"

        assert await until(reconciled, clock, step=60)
        assert len(fake_twilio.sent) == 1
        assert len(fake_twilio.requests_to("POST", MESSAGES)) == 1
        assert (await rt.store.outbox.get(row_id)).provider_message_id == fake_twilio.sent[0]["sid"]


async def test_reconciliation_does_not_mistake_an_earlier_identical_reply_for_this_one(tmp_path, fake_twilio):
    """Two identical replies: the first's Twilio id is already ours, so an ambiguous second one is sent again."""
    async with running(make_config(tmp_path, fake_twilio)) as (rt, client):
        first = await _queue(rt, "Sorry, dat begreep ik niet.")

        async def first_done() -> bool:
            return (await rt.store.outbox.get(first)).status == "accepted"

        assert await until(first_done)
        second = await rt.store.outbox.enqueue(conversation_id="twilio:+31612345678", phone="+31612345678",
                                               provider="twilio", draft=Draft(body="Sorry, dat begreep ik niet."))
        await rt.store.main.execute("UPDATE outbox SET status = 'sending', created_at = ? WHERE id = ?",
                                    ("2000-01-01T00:00:00+00:00", second))
        rt.wake_sender()

        async def second_done() -> bool:
            return (await rt.store.outbox.get(second)).status == "accepted"

        assert await until(second_done)
        assert len(fake_twilio.sent) == 2
