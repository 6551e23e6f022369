"""The daemon as systemd runs it: start-up, signals, sd_notify, crash recovery, two instances, log hygiene."""

from __future__ import annotations

import signal
import socket
import time

import pytest

from tests.conftest import ACCOUNT_SID, AUTH_TOKEN, PUBLIC_URL, inbound_params, sid, signed
from tests.daemon_process import Daemon, write_config
from tests.fakes.http import Response

WHATSAPP = "/webhooks/twilio/whatsapp"


def _toml(tmp_path, name: str = "seldenrijk.db", fake=None, level: str = "info", redis: str = "",
          drain: float = 5.0) -> str:
    twilio = f'auth_token = "{AUTH_TOKEN}"\n'
    if fake is not None:
        twilio += (f'account_sid = "{ACCOUNT_SID}"\napi_base_url = "{fake.base_url}"\n'
                   'from = "whatsapp:+14155238886"\ntimeout_seconds = 10\n')
    return (f'[server]\nhost = "127.0.0.1"\nport = 0\npublic_url = "{PUBLIC_URL}"\ndrain_seconds = {drain}\n'
            f'[store]\npath = "{tmp_path / name}"\n[twilio]\n{twilio}[logging]\nlevel = "{level}"\n'
            f'[redis]\nurl = "{redis}"\n')


def _webhook(daemon: Daemon, n: int, text: str = "Hallo", phone: str = "+31612345678") -> int:
    body, headers = signed(WHATSAPP, inbound_params(sid(n), text, phone=phone))
    status, _ = daemon.request("POST", WHATSAPP, body, headers)
    return status


@pytest.fixture
def daemons():
    started: list[Daemon] = []
    yield started
    for d in started:
        d.stop()


def test_daemon_starts_on_embedded_defaults_and_answers_healthz(tmp_path, daemons):
    """With nothing but a port and a store path the daemon serves /healthz and /readyz."""
    config = write_config(tmp_path / "c.toml", f'[server]\nport = 0\n[store]\npath = "{tmp_path / "s.db"}"\n')
    d = Daemon(config).start()
    daemons.append(d)
    assert d.request("GET", "/healthz")[0] == 200
    assert d.request("GET", "/readyz")[0] == 200
    d.send_signal(signal.SIGTERM)
    assert d.wait() == 0


def test_sighup_changes_the_log_level_while_running(tmp_path, daemons):
    """A reload with `level = "debug"` makes debug events appear without a restart."""
    path = write_config(tmp_path / "c.toml", _toml(tmp_path, level="info"))
    d = Daemon(path).start()
    daemons.append(d)
    assert _webhook(d, 1) == 200
    d.wait_event("webhook_accepted")
    assert d.count("webhook_received") == 0
    write_config(path, _toml(tmp_path, level="debug"))
    d.send_signal(signal.SIGHUP)
    reloaded = d.wait_event("config_reloaded")
    assert "logging.level" in reloaded["changed"]
    assert _webhook(d, 2) == 200
    d.wait_event("webhook_received")


def test_sighup_with_a_broken_file_keeps_the_old_config_and_keeps_serving(tmp_path, daemons):
    """An invalid file on reload is rejected with the key named; the daemon goes on answering."""
    path = write_config(tmp_path / "c.toml", _toml(tmp_path))
    d = Daemon(path).start()
    daemons.append(d)
    write_config(path, _toml(tmp_path) + "\n[limits]\nrate_per_minute = \"lots\"\n")
    d.send_signal(signal.SIGHUP)
    rejected = d.wait_event("config_reload_rejected")
    assert rejected["key"] == "limits.rate_per_minute"
    assert d.request("GET", "/healthz")[0] == 200
    assert _webhook(d, 3) == 200
    d.wait_event("message_handled")


def test_sigterm_exits_zero_within_the_deadline_and_loses_nothing(tmp_path, daemons):
    """SIGTERM right after a burst: exit 0 in time, and after a restart every message is handled."""
    path = write_config(tmp_path / "c.toml", _toml(tmp_path, drain=3))
    d = Daemon(path).start()
    daemons.append(d)
    for n in range(10):
        assert _webhook(d, 100 + n, "waar zitten jullie?", phone=f"+3161234{n:04d}") == 200
    started = time.monotonic()
    d.send_signal(signal.SIGTERM)
    assert d.wait(timeout=20) == 0
    assert time.monotonic() - started < 3 + 5
    d.wait_event("daemon_stopped")
    again = Daemon(path).start()
    daemons.append(again)
    again.wait_for(lambda: again.count("message_handled") + d.count("message_handled") >= 10, timeout=30)
    assert again.count("message_handled") + d.count("message_handled") == 10


def test_sd_notify_reports_ready_reloading_watchdog_and_stopping(tmp_path, daemons):
    """READY=1 after the socket serves, RELOADING=1 on SIGHUP, WATCHDOG=1 periodically, STOPPING=1 on SIGTERM."""
    address = str(tmp_path / "notify.sock")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(address)
    sock.settimeout(10)
    path = write_config(tmp_path / "c.toml", _toml(tmp_path))
    d = Daemon(path, env={"NOTIFY_SOCKET": address, "WATCHDOG_USEC": "200000"}).start()
    daemons.append(d)
    seen: list[str] = []

    def expect(field: str) -> None:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if any(field in message.split("\n") for message in seen):
                return
            seen.append(sock.recv(4096).decode())
        raise AssertionError(f"{field} not received; got {seen}")

    expect("READY=1")
    assert d.request("GET", "/healthz")[0] == 200
    expect("WATCHDOG=1")
    d.send_signal(signal.SIGHUP)
    expect("RELOADING=1")
    d.send_signal(signal.SIGTERM)
    expect("STOPPING=1")
    assert d.wait() == 0
    sock.close()


def test_sigkill_after_acknowledging_loses_nothing_and_answers_each_message_once(tmp_path, daemons, fake_twilio):
    """Webhooks acknowledged, sends in flight, SIGKILL: after restart each customer gets exactly one reply."""
    slow = Response(201, json={"sid": "SM" + "f" * 32, "status": "queued"}, delay=30)
    fake_twilio.script("POST", r".*/Messages\.json$", *([slow] * 5))
    path = write_config(tmp_path / "c.toml", _toml(tmp_path, fake=fake_twilio))
    d = Daemon(path).start()
    daemons.append(d)
    phones = [f"+3161111{n:04d}" for n in range(5)]
    for n, phone in enumerate(phones):
        assert _webhook(d, 500 + n, "Hallo", phone=phone) == 200
    assert fake_twilio.wait_for(lambda: len(fake_twilio.requests_to("POST", r".*/Messages\.json$")) == 5, 20)
    d.proc.kill()
    d.wait()
    again = Daemon(path).start()
    daemons.append(again)
    assert fake_twilio.wait_for(lambda: len(fake_twilio.sent) == 5, 30)
    again.send_signal(signal.SIGTERM)
    assert again.wait() == 0
    assert sorted(m["to"] for m in fake_twilio.sent) == sorted(f"whatsapp:{p}" for p in phones)


def test_two_instances_sharing_redis_answer_a_webhook_delivered_to_both_once(tmp_path, daemons, fake_twilio,
                                                                           redis_url):
    """The same MessageSid posted to two daemons (own stores, one Redis) yields one reply."""
    a = Daemon(write_config(tmp_path / "a.toml", _toml(tmp_path, "a.db", fake_twilio, redis=redis_url))).start()
    b = Daemon(write_config(tmp_path / "b.toml", _toml(tmp_path, "b.db", fake_twilio, redis=redis_url))).start()
    daemons.extend([a, b])
    for n in range(5):
        phone = f"+3161234{n:04d}"
        assert _webhook(a, 700 + n, "hoe laat zijn jullie open?", phone=phone) == 200
        assert _webhook(b, 700 + n, "hoe laat zijn jullie open?", phone=phone) == 200
    assert fake_twilio.wait_for(lambda: len(fake_twilio.sent) >= 5, 30)
    for d in (a, b):
        d.send_signal(signal.SIGTERM)
        assert d.wait() == 0
    assert len(fake_twilio.sent) == 5
    assert a.count("webhook_duplicate") + b.count("webhook_duplicate") == 5


def test_logs_are_json_lines_without_phone_numbers_or_tokens(tmp_path, daemons, fake_twilio):
    """Every stdout line is a JSON object; the customer's number and the auth token never appear."""
    d = Daemon(write_config(tmp_path / "c.toml", _toml(tmp_path, fake=fake_twilio, level="debug"))).start()
    daemons.append(d)
    assert _webhook(d, 900, "Bel me op 0612345678 of +31687654321") == 200
    assert fake_twilio.wait_for(lambda: len(fake_twilio.sent) == 1, 20)
    d.send_signal(signal.SIGTERM)
    assert d.wait() == 0
    assert d.lines and len(d.events) == len(d.lines)
    text = "".join(d.lines)
    for secret in ("+31612345678", "31612345678", "0612345678", "31687654321", AUTH_TOKEN):
        assert secret not in text
    handled = [e for e in d.events if e["event"] == "message_handled"]
    assert handled and handled[0]["conversation_id"].startswith("twilio:+31") and handled[0]["message_id"] == sid(900)
    assert all({"event", "level", "timestamp"} <= e.keys() for e in d.events)
