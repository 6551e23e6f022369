"""Our sender's requests checked against Twilio's published spec, through `prism proxy --errors`."""

from __future__ import annotations

import json

import anyio
import pytest

from integrations.twilio_client import TwilioTransport
from tests.conftest import arrived, inbound_params, make_config, running, sid, signed
from tests.prism import SPECS, prism_proxy, skip_reason

pytestmark = [pytest.mark.anyio,
              pytest.mark.skipif(bool(skip_reason(SPECS / "twilio_api_v2010.json")),
                                 reason=skip_reason(SPECS / "twilio_api_v2010.json") or "")]


async def test_a_reply_sent_by_the_daemon_satisfies_the_twilio_spec(tmp_path, fake_twilio):
    """Webhook → dialogue → outbox → sender → Prism → fake: the Messages POST has no spec violations."""
    with prism_proxy(SPECS / "twilio_api_v2010.json", fake_twilio.base_url, tmp_path) as prism:
        config = make_config(tmp_path, fake_twilio, twilio={
            "api_base_url": prism.base_url, "status_callback": "https://bot.example.nl/webhooks/twilio/status"})
        async with running(config) as (rt, client):
            body, headers = signed("/webhooks/twilio/whatsapp", inbound_params(sid(1), "Hallo, ik zoek een golf"))
            assert (await client.post("/webhooks/twilio/whatsapp", data=body, headers=headers)).status_code == 200
            assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 1, timeout=30)
        log = prism.output()
    form = fake_twilio.requests_to("POST", r".*/Messages\.json$")[0].form()
    assert form["To"] == ["whatsapp:+31612345678"] and form["From"] == ["whatsapp:+14155238886"]
    assert form["StatusCallback"] == ["https://bot.example.nl/webhooks/twilio/status"]
    assert "violation" not in log.lower(), log


def _spec_with_relative_page_links(directory) -> str:
    """Twilio's spec says page links (`uri`, `first_page_uri`, …) are absolute URIs; the live API
    answers with paths ("/2010-04-01/Accounts/…"), as the fake does. Only that format is relaxed."""
    spec = json.loads((SPECS / "twilio_api_v2010.json").read_text())

    def walk(node):
        if isinstance(node, dict):
            for name, prop in (node.get("properties") or {}).items():
                if name.endswith("uri") and isinstance(prop, dict) and prop.get("format") == "uri":
                    del prop["format"]
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
    path = directory / "twilio_api_v2010.relative-page-links.json"
    path.write_text(json.dumps(spec))
    return path


async def test_the_reconciliation_lookup_satisfies_the_twilio_spec(tmp_path, fake_twilio):
    """The Messages list call made for an ambiguous `sending` row is a valid request and finds the message."""
    with prism_proxy(_spec_with_relative_page_links(tmp_path), fake_twilio.base_url, tmp_path) as prism:
        config = make_config(tmp_path, fake_twilio, twilio={"api_base_url": prism.base_url}).twilio
        transport = TwilioTransport(config)
        try:
            before = anyio.current_time()
            sent = await transport.send("+31612345678", "Tot zaterdag!")
            found = await transport.find_sent("+31612345678", "Tot zaterdag!", "2026-01-01T00:00:00+00:00")
            missing = await transport.find_sent("+31612345678", "iets anders", "2026-01-01T00:00:00+00:00")
            assert anyio.current_time() - before < 60
        finally:
            await transport.aclose()
        log = prism.output()
    assert found == sent.provider_message_id and missing is None
    assert "violation" not in log.lower(), log
