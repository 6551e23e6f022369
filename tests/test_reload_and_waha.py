"""Reload applies a new config whole, and the WAHA rollback works end to end."""

from __future__ import annotations

import hashlib
import hmac
import json

import pytest

from daemon.config import build
from daemon.chat import converse
from integrations.clock import ManualClock
from tests.conftest import arrived, config_data, inbound_params, make_config, running, sid, signed
from tests.fakes.waha import FakeWaha

pytestmark = pytest.mark.anyio

WHATSAPP = "/webhooks/twilio/whatsapp"


def _waha_event(n: int, body: str, chat: str = "31612345678@c.us", from_me: bool = False) -> dict:
    return {"id": f"evt_{n}", "event": "message", "session": "default", "engine": "WEBJS",
            "payload": {"id": f"false_{chat}_{n:020d}", "timestamp": 1764000000 + n, "from": chat, "fromMe": from_me,
                        "to": "31970102030@c.us", "body": body, "hasMedia": False,
                        "_data": {"notifyName": "Jan"}}}


async def _post_waha(client, event: dict, key: str = "waha-hmac"):
    raw = json.dumps(event).encode()
    headers = {"Content-Type": "application/json", "X-Webhook-Hmac-Algorithm": "sha512",
               "X-Webhook-Hmac": hmac.new(key.encode(), raw, hashlib.sha512).hexdigest()}
    return await client.post("/webhooks/waha", data=raw, headers=headers)


async def test_reload_applies_rate_limit_and_body_limit_at_once(tmp_path, fake_twilio):
    """A lower rate limit and body limit take effect for the next webhook, without a restart."""
    data = config_data(tmp_path, fake_twilio)
    async with running(build(data)) as (rt, client):
        data["limits"] = {"rate_per_minute": 1}
        data["server"]["max_body_bytes"] = 1024
        change = await rt.apply_config(build(data))
        assert {"limits.rate_per_minute", "server.max_body_bytes"} <= set(change.changed)
        assert change.needs_restart == ()
        statuses = []
        for n in range(2):
            body, headers = signed(WHATSAPP, inbound_params(sid(n), "hoe laat zijn jullie open?"))
            statuses.append((await client.post(WHATSAPP, data=body, headers=headers)).status_code)
        assert statuses == [200, 429]
        assert (await rt.store.inbox.counts()).get("rate_limited") == 1
        body, headers = signed(WHATSAPP, inbound_params(sid(9), "x" * 2000))
        resp = await client.post(WHATSAPP, data=body, headers=headers)
        assert resp.status_code == 413 and "1024" in await resp.get_data(as_text=True)


async def test_reload_reports_keys_that_need_a_restart(tmp_path):
    """Changing the port or the store path is reported, not silently half-applied."""
    data = config_data(tmp_path)
    async with running(build(data)) as (rt, client):
        data["server"]["port"] = 9999
        data["logging"] = {"level": "warning"}
        change = await rt.apply_config(build(data))
        assert change.needs_restart == ("server.port",)
        assert rt.log_settings.level == "warning"


async def test_reloaded_opening_hours_change_the_offered_slots(tmp_path):
    """Closing on Saturday by reload removes Saturday from the next offer."""
    data = config_data(tmp_path)
    clock = ManualClock()  # Tuesday 24 Nov 2026, 10:00 in Amsterdam
    async with running(build(data), clock=clock) as (rt, client):
        data["business"] = {"opening_hours": {"tue": "", "wed": "", "thu": "", "fri": "", "sat": "09:00-18:00"}}
        await rt.apply_config(build(data))
        out = await converse(rt, "+31612345678", "Jan", "ik wil een proefrit maken met de golf")
        assert out.offered_slots and all("T" in s["start"] for s in out.offered_slots)
        assert {s["start"][:10] for s in out.offered_slots} <= {"2026-11-28", "2026-11-30", "2026-12-05"}
        data["business"]["opening_hours"]["sat"] = ""
        data["business"]["opening_hours"]["mon"] = "09:00-18:00"
        await rt.apply_config(build(data))
        out = await converse(rt, "+31687654321", "Piet", "ik wil een proefrit maken met de golf")
        assert out.offered_slots and {s["start"][:10] for s in out.offered_slots} <= {"2026-11-30", "2026-12-07"}


async def test_switching_to_waha_by_reload_rolls_back_both_directions_of_traffic(tmp_path, fake_twilio):
    """provider = "waha": the WAHA webhook opens, replies go out through WAHA's sendText."""
    with FakeWaha(api_key="waha-key") as waha:
        data = config_data(tmp_path, fake_twilio)
        async with running(build(data)) as (rt, client):
            assert (await _post_waha(client, _waha_event(1, "Hallo"))).status_code == 404
            data["whatsapp"] = {"provider": "waha"}
            data["waha"] = {"base_url": waha.base_url, "api_key": "waha-key", "hmac_key": "waha-hmac"}
            await rt.apply_config(build(data))
            resp = await _post_waha(client, _waha_event(2, "hoe laat zijn jullie open?"))
            assert resp.status_code == 200
            assert await arrived(waha, lambda: len(waha.sent) == 1)
            assert waha.sent[0]["to"] == "31612345678@c.us"
            assert fake_twilio.sent == []
            conversation = await rt.store.conversations.get("waha:31612345678")
            assert conversation is not None and conversation.provider == "waha"


async def test_waha_webhook_checks_hmac_and_ignores_own_group_and_broadcast_messages(tmp_path):
    """Bad HMAC → 403; fromMe, groups and status broadcasts → 200 and nothing stored."""
    with FakeWaha() as waha:
        config = make_config(tmp_path, whatsapp={"provider": "waha"},
                             waha={"base_url": waha.base_url, "api_key": "waha-key", "hmac_key": "waha-hmac"})
        async with running(config) as (rt, client):
            assert (await _post_waha(client, _waha_event(1, "Hallo"), key="wrong")).status_code == 403
            for event in (_waha_event(2, "echo", from_me=True), _waha_event(3, "groep", chat="1203630@g.us"),
                          _waha_event(4, "status", chat="status@broadcast")):
                resp = await _post_waha(client, event)
                assert resp.status_code == 200 and "ignored" in await resp.get_data(as_text=True)
            assert await rt.store.inbox.counts() == {}
            duplicate = _waha_event(5, "Hallo")
            for _ in range(2):
                assert (await _post_waha(client, duplicate)).status_code == 200
            assert (await rt.store.inbox.counts()) in ({"pending": 1}, {"done": 1})


async def test_waha_webhook_without_an_hmac_key_is_refused(tmp_path):
    """With no `waha.hmac_key` anyone could inject customer messages: 403 with the reason."""
    with FakeWaha() as waha:
        config = make_config(tmp_path, whatsapp={"provider": "waha"}, waha={"base_url": waha.base_url})
        async with running(config) as (rt, client):
            resp = await _post_waha(client, _waha_event(1, "Hallo"))
            assert resp.status_code == 403 and "hmac_key" in await resp.get_data(as_text=True)
            assert await rt.store.inbox.counts() == {}
