"""Connection exhaustion without credentials (issue 9, item 2), against a real daemon process."""

from __future__ import annotations

import json
import socket
import time

import pytest

from tests.conftest import AUTH_TOKEN, PUBLIC_URL, inbound_params, sid, signed
from tests.daemon_process import Daemon, write_config

WHATSAPP = "/webhooks/twilio/whatsapp"
NOFILE = 384  # a small descriptor limit, so a flood of a few hundred connections is enough


@pytest.fixture
def daemon(tmp_path):
    config = write_config(tmp_path / "c.toml", (
        f'[server]\nhost = "127.0.0.1"\nport = 0\npublic_url = "{PUBLIC_URL}"\nkeep_alive_seconds = 2\n'
        f'[store]\npath = "{tmp_path / "s.db"}"\n[twilio]\nauth_token = "{AUTH_TOKEN}"\n'))
    d = Daemon(config, nofile=NOFILE).start()
    yield d
    d.stop()


def _webhook(d: Daemon, n: int) -> int:
    body, headers = signed(WHATSAPP, inbound_params(sid(n), "hoe laat zijn jullie open?", phone=f"+3166{n % 40:07d}"))
    try:
        return d.request("POST", WHATSAPP, body, headers, timeout=3)[0]
    except OSError:
        return 0


def test_idle_connections_exhaust_descriptors_and_stop_intake(daemon):
    """More idle connections than the daemon has descriptors: the ones past the bound are refused
    at once with a 503 that says why, idle ones are closed after the keep-alive, a real webhook
    is accepted within seconds, descriptors stay bounded, and every log line is JSON."""
    idle: list[socket.socket] = []
    try:
        for _ in range(NOFILE + 100):
            s = socket.create_connection(("127.0.0.1", daemon.port), timeout=5)
            idle.append(s)
        time.sleep(0.3)
        assert daemon.open_descriptors() < NOFILE
        refused = 0
        for s in idle:
            s.settimeout(0.01)
            try:
                data = s.recv(4096)
            except OSError:
                continue
            if data.startswith(b"HTTP/1.1 503") and b"too many open connections" in data:
                refused += 1
        assert refused >= 1
        daemon.wait_event("connections_refused")
        deadline = time.monotonic() + 10
        status = 0
        while time.monotonic() < deadline and status != 200:
            status = _webhook(daemon, 1)
            if status != 200:
                time.sleep(0.2)
        assert status == 200, "intake did not resume while idle connections were held open"
        assert daemon.open_descriptors() < NOFILE
    finally:
        for s in idle:
            s.close()
    daemon.wait_event("webhook_accepted")
    for line in daemon.lines:
        json.loads(line)  # every line is a JSON object


def test_connection_dropped_by_the_client_keeps_its_descriptor_for_the_keep_alive(tmp_path):
    """A client that sends each webhook on a new connection and closes it: the daemon closes its
    side at once, not when the keep-alive timer (15 s here) runs out, so descriptors do not pile up."""
    config = write_config(tmp_path / "c.toml", (
        f'[server]\nhost = "127.0.0.1"\nport = 0\npublic_url = "{PUBLIC_URL}"\nkeep_alive_seconds = 15\n'
        f'[store]\npath = "{tmp_path / "s.db"}"\n[twilio]\nauth_token = "{AUTH_TOKEN}"\n'))
    d = Daemon(config).start()
    try:
        baseline = d.open_descriptors()
        for n in range(150):
            assert _webhook(d, 100 + n) == 200  # http.client: one connection per request, closed after
        deadline = time.monotonic() + 3
        while d.open_descriptors() > baseline + 10 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert d.open_descriptors() <= baseline + 10, "closed connections still hold descriptors"
    finally:
        d.stop()
