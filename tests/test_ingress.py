"""The HTTP ingress: signed Twilio webhooks, rejections with reasons, dedupe, rate limit, health."""

from __future__ import annotations

import json

import pytest

from tests.conftest import ACCOUNT_SID, arrived, inbound_params, make_config, running, sid, signed

pytestmark = pytest.mark.anyio

WHATSAPP = "/webhooks/twilio/whatsapp"


async def _post(client, path, params, **kw):
    body, headers = signed(path, params, **kw)
    return await client.post(path, data=body, headers=headers)


async def test_signed_webhook_is_stored_and_answered_with_empty_twiml(tmp_path, fake_twilio):
    """A valid webhook gets 200 text/xml `<Response/>` and exactly one reply reaches Twilio."""
    async with running(make_config(tmp_path, fake_twilio)) as (rt, client):
        resp = await _post(client, WHATSAPP, inbound_params(sid(1), "Hallo"))
        assert resp.status_code == 200
        assert resp.content_type.startswith("text/xml")
        assert (await resp.get_data(as_text=True)).endswith("<Response/>")
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 1)
        sent = fake_twilio.sent[0]
        assert sent["to"] == "whatsapp:+31612345678"
        assert sent["body"]


async def test_duplicate_webhook_is_acknowledged_but_not_answered_twice(tmp_path, fake_twilio):
    """Twilio's retry of the same MessageSid gets 200 and no second reply."""
    async with running(make_config(tmp_path, fake_twilio)) as (rt, client):
        for _ in range(3):
            assert (await _post(client, WHATSAPP, inbound_params(sid(2), "Hoi"))).status_code == 200
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) >= 1)
        rows = await rt.store.outbox.all_rows()
        assert len(rows) == 1
        assert (await rt.store.inbox.counts()) == {"done": 1}
        assert rt.metrics.value("seldenrijk_webhooks_total", endpoint="twilio_whatsapp", outcome="duplicate") == 2


async def test_duplicate_after_restart_is_caught_by_the_inbox(tmp_path, fake_twilio):
    """With no Redis, a redelivery after a restart is still recognised by the inbox's unique key."""
    config = make_config(tmp_path, fake_twilio)
    async with running(config) as (rt, client):
        await _post(client, WHATSAPP, inbound_params(sid(3), "Hoi"))
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 1)
    async with running(config) as (rt, client):
        resp = await _post(client, WHATSAPP, inbound_params(sid(3), "Hoi"))
        assert resp.status_code == 200
        assert rt.metrics.value("seldenrijk_webhooks_total", endpoint="twilio_whatsapp", outcome="duplicate") == 1
        assert len(await rt.store.outbox.all_rows()) == 1


@pytest.mark.parametrize(
    "mutate, status, reason",
    [
        (lambda b, h: (b, {**h, "X-Twilio-Signature": "AAAA"}), 403, "invalid X-Twilio-Signature"),
        (lambda b, h: (b, {k: v for k, v in h.items() if k != "X-Twilio-Signature"}), 403, "missing X-Twilio-Signature"),
        (lambda b, h: (b + b"&Extra=1", h), 403, "invalid X-Twilio-Signature"),
        (lambda b, h: (b, {**h, "Content-Type": "application/json"}), 415, "expected application/x-www-form-urlencoded"),
        (lambda b, h: (b + b"&Pad=" + b"x" * 70000, h), 413, "body larger than"),
    ],
    ids=["bad-signature", "no-signature", "tampered-body", "wrong-content-type", "too-large"],
)
async def test_rejected_webhooks_say_why_and_process_nothing(tmp_path, fake_twilio, mutate, status, reason):
    """Each rejection has its documented status and a reason in the body; nothing is stored or sent."""
    async with running(make_config(tmp_path, fake_twilio)) as (rt, client):
        body, headers = mutate(*signed(WHATSAPP, inbound_params(sid(4), "Hoi")))
        resp = await client.post(WHATSAPP, data=body, headers=headers)
        assert resp.status_code == status
        assert reason in await resp.get_data(as_text=True)
        assert await rt.store.inbox.counts() == {}
        assert fake_twilio.sent == []


@pytest.mark.parametrize("drop", ["MessageSid", "From"])
async def test_webhook_missing_required_fields_is_a_400_with_reason(tmp_path, fake_twilio, drop):
    """A correctly signed webhook without MessageSid or From is malformed: 400 naming the field."""
    params = [(k, v) for k, v in inbound_params(sid(5), "Hoi") if k not in (drop, "SmsMessageSid", "SmsSid")]
    async with running(make_config(tmp_path, fake_twilio)) as (rt, client):
        resp = await _post(client, WHATSAPP, params)
        assert resp.status_code == 400
        assert drop in await resp.get_data(as_text=True)
        assert await rt.store.inbox.counts() == {}


async def test_signature_uses_public_url_not_the_internal_address(tmp_path, fake_twilio):
    """Behind a proxy Twilio signs the public https URL; a signature over the internal URL is refused."""
    async with running(make_config(tmp_path, fake_twilio)) as (rt, client):
        bad = await _post(client, WHATSAPP, inbound_params(sid(6), "Hoi"), base="http://127.0.0.1:8080")
        assert bad.status_code == 403
        good = await _post(client, WHATSAPP, inbound_params(sid(6), "Hoi"), base="https://bot.example.nl:443")
        assert good.status_code == 200


async def test_rate_limited_sender_is_stored_and_gets_one_notice(tmp_path, fake_twilio):
    """Past the per-sender limit messages are kept (not answered) and one 'even geduld' goes out."""
    config = make_config(tmp_path, fake_twilio, limits={"rate_per_minute": 2})
    async with running(config) as (rt, client):
        statuses = [(await _post(client, WHATSAPP, inbound_params(sid(100 + n), "hoe laat zijn jullie open?")))
                    for n in range(5)]
        assert [r.status_code for r in statuses] == [200, 200, 429, 429, 429]
        assert "rate limited" in await statuses[2].get_data(as_text=True)
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 3)
        counts = await rt.store.inbox.counts()
        assert counts == {"done": 2, "rate_limited": 3}
        notices = [m for m in fake_twilio.sent if "geduld" in m["body"]]
        assert len(notices) == 1


async def test_waha_webhook_is_404_when_twilio_is_the_provider(tmp_path):
    """The legacy endpoint only exists when `whatsapp.provider = "waha"`."""
    async with running(make_config(tmp_path)) as (rt, client):
        resp = await client.post("/webhooks/waha", json={"event": "message", "payload": {}})
        assert resp.status_code == 404
        assert "WAHA" in await resp.get_data(as_text=True)


async def test_status_callbacks_never_move_a_message_backwards(tmp_path, fake_twilio):
    """`read` before `delivered` keeps `read`; every callback is still recorded."""
    async with running(make_config(tmp_path, fake_twilio)) as (rt, client):
        await _post(client, WHATSAPP, inbound_params(sid(7), "Hoi"))
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 1)
        row = None
        for _ in range(100):
            rows = await rt.store.outbox.all_rows()
            if rows and rows[0].provider_message_id:
                row = rows[0]
                break
            await rt.clock.sleep(0.01)
        assert row is not None
        for state in ("sent", "read", "delivered"):
            params = [("MessageSid", row.provider_message_id), ("MessageStatus", state), ("AccountSid", ACCOUNT_SID),
                      ("To", "whatsapp:+31612345678"), ("From", "whatsapp:+14155238886")]
            resp = await _post(client, "/webhooks/twilio/status", params)
            assert resp.status_code == 200
        final = await rt.store.outbox.get(row.id)
        assert final.status == "read"
        assert (await rt.store.outbox.events(row.id))[-3:] == ["sent", "read", "delivered"]


async def test_status_callback_with_bad_signature_is_refused(tmp_path):
    """Status callbacks are signed like inbound webhooks."""
    async with running(make_config(tmp_path)) as (rt, client):
        body, headers = signed("/webhooks/twilio/status", [("MessageSid", sid(8)), ("MessageStatus", "sent")])
        headers["X-Twilio-Signature"] = "nope"
        resp = await client.post("/webhooks/twilio/status", data=body, headers=headers)
        assert resp.status_code == 403


async def test_health_readiness_and_metrics(tmp_path):
    """/healthz is 200, /readyz is 200 until draining, /metrics is Prometheus text."""
    async with running(make_config(tmp_path)) as (rt, client):
        assert (await client.get("/healthz")).status_code == 200
        assert (await client.get("/readyz")).status_code == 200
        metrics = await (await client.get("/metrics")).get_data(as_text=True)
        assert "# TYPE seldenrijk_inbox_pending gauge" in metrics
        rt.draining = True
        resp = await client.get("/readyz")
        assert resp.status_code == 503
        assert "draining" in await resp.get_data(as_text=True)


async def test_unknown_path_is_404_with_reason(tmp_path):
    """Unknown endpoints say so."""
    async with running(make_config(tmp_path)) as (rt, client):
        resp = await client.get("/nope")
        assert resp.status_code == 404
        assert json.dumps(await resp.get_data(as_text=True))


async def test_webhooks_are_still_stored_and_answered_when_redis_is_down(tmp_path, fake_twilio):
    """Redis unreachable: the message is not lost (Twilio would not redeliver a 5xx); /readyz says why."""
    config = make_config(tmp_path, fake_twilio, redis={"url": "redis://127.0.0.1:1/0"})
    async with running(config) as (rt, client):
        assert (await _post(client, WHATSAPP, inbound_params(sid(50), "hoe laat zijn jullie open?"))).status_code == 200
        assert (await _post(client, WHATSAPP, inbound_params(sid(50), "hoe laat zijn jullie open?"))).status_code == 200
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 1)
        ready = await client.get("/readyz")
        assert ready.status_code == 503 and "redis" in await ready.get_data(as_text=True)
