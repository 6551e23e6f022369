"""Soaks (`make soak`): minutes of traffic against a real daemon process with faults on the way.
Not part of `make test`; each run is bounded in count and time and stays on loopback."""

from __future__ import annotations

import os
import socket
import threading
import time

import pytest

from tests.conftest import ACCOUNT_SID, AUTH_TOKEN, PUBLIC_URL, inbound_params, sid, signed
from tests.daemon_process import Daemon, write_config
from tests.fakes.http import Response
from tests.fakes.twilio import FakeTwilio

pytestmark = [pytest.mark.soak, pytest.mark.timeout(1500)]
WHATSAPP = "/webhooks/twilio/whatsapp"
MESSAGES = r".*/Messages\.json$"


@pytest.fixture
def twilio():
    with FakeTwilio(account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN) as fake:
        yield fake


def _daemon(tmp_path, fake) -> Daemon:
    config = write_config(tmp_path / "c.toml", (
        f'[server]\nport = 0\npublic_url = "{PUBLIC_URL}"\n[store]\npath = "{tmp_path / "s.db"}"\n'
        f'[twilio]\naccount_sid = "{ACCOUNT_SID}"\nauth_token = "{AUTH_TOKEN}"\napi_base_url = "{fake.base_url}"\n'
        'from = "whatsapp:+14155238886"\ntimeout_seconds = 5\n[limits]\nrate_per_minute = 1000\nsweep_seconds = 2\n'
        '[logging]\nlevel = "info"\n'))
    return Daemon(config).start()


def _quiet(d: Daemon, timeout: float = 120) -> bool:
    """The daemon's idle barrier, read from /metrics: no inbox row pending, no outbox row open."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = d.request("GET", "/metrics")[1]
        values = dict(line.rsplit(" ", 1) for line in text.splitlines()
                      if line.startswith(("seldenrijk_inbox_pending ", "seldenrijk_outbox_open ")))
        if values and all(float(v) == 0 for v in values.values()):
            return True
        time.sleep(0.5)
    return False


def _traffic(d: Daemon, count: int, phones: int, rate: float, start: int = 0) -> int:
    """Send `count` webhooks at about `rate` per second; returns how many were acknowledged."""
    acked = 0
    for n in range(start, start + count):
        body, headers = signed(WHATSAPP, inbound_params(sid(n), "hoe laat zijn jullie open?",
                                                        phone=f"+3164{n % phones:07d}"))
        try:
            if d.request("POST", WHATSAPP, body, headers, timeout=15)[0] == 200:
                acked += 1
        except OSError:
            pass
        time.sleep(1 / rate)
    return acked


def test_three_minutes_of_traffic_through_a_twilio_outage_answer_everything_once(tmp_path, twilio):
    """~3,000 messages over three minutes; Twilio answers 503 for 30 s in the middle. Every
    acknowledged message is answered exactly once, nothing is left pending, descriptors stay low."""
    d = _daemon(tmp_path, twilio)
    try:
        acked = _traffic(d, 1200, 300, 20)
        twilio.script("POST", MESSAGES, *[Response(503, json={"code": 20503, "message": "down", "status": 503})
                                          for _ in range(100_000)])
        outage = threading.Timer(30, twilio.unscript)
        outage.start()
        acked += _traffic(d, 600, 300, 20, start=1200)
        outage.join()
        acked += _traffic(d, 1200, 300, 20, start=1800)
        assert twilio.wait_for(lambda: len(twilio.arrivals) >= acked, timeout=600)
        assert _quiet(d)  # nothing pending, nothing queued: no further reply can come
        assert len(twilio.sent) == acked
        per_phone = {}
        for message in twilio.sent:
            per_phone[message["to"]] = per_phone.get(message["to"], 0) + 1
        assert sum(per_phone.values()) == acked
        assert d.open_descriptors() < 200
    finally:
        d.stop()


def _until_acked(d: Daemon, n: int, within: float = 60) -> bool:
    """One webhook, resent on a refusal (503) or a refused connection, as Twilio's `#rc=` would."""
    body, headers = signed(WHATSAPP, inbound_params(sid(n), "hoe laat zijn jullie open?", phone=f"+3165{n % 50:07d}"))
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            if d.request("POST", WHATSAPP, body, headers, timeout=15)[0] == 200:
                return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


def test_repeated_connection_floods_do_not_stop_intake(tmp_path, twilio):
    """Five floods of 1,500 idle connections (more than the connection bound) while messages keep
    coming: past the bound a webhook gets a 503 at once, idle connections are closed after the
    keep-alive, so every message is acknowledged within seconds when resent, and answered once;
    descriptors stay bounded throughout."""
    d = _daemon(tmp_path, twilio)
    try:
        for round_ in range(5):
            idle = []
            for _ in range(1500):
                try:
                    idle.append(socket.create_connection(("127.0.0.1", d.port), timeout=5))
                except OSError:
                    break
            assert d.open_descriptors() < int(os.environ.get("SOAK_MAX_FDS", "1400"))
            assert all(_until_acked(d, round_ * 20 + k) for k in range(20))
            for s in idle:
                s.close()
        assert twilio.wait_for(lambda: len(twilio.arrivals) >= 100, timeout=300)
        assert _quiet(d)
        assert len(twilio.sent) == 100
    finally:
        d.stop()
