"""Several daemons on one PostgreSQL and one Redis, as a load balancer would spread Twilio's webhooks
over them: every acknowledged message answered exactly once and in order, one daemon killed midway."""

from __future__ import annotations

import http.client
import random
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest
import redis as redis_sync

from tests.conftest import ACCOUNT_SID, AUTH_TOKEN, PUBLIC_URL, REDIS_URL, inbound_params, sid, signed
from tests.daemon_process import Daemon, write_config

WHATSAPP = "/webhooks/twilio/whatsapp"
PHONES = 100
# Each phone says these in order; the second only makes sense with the first (context).
SCRIPT = ("ik zoek een golf", "wat kost die?", "hoe laat zijn jullie open?", "waar zitten jullie?",
          "heeft die een trekhaak?")
LEASE_SECONDS = 10
# The whole run is a few hundred dialogue turns on three processes; on a busy two-core machine
# that takes minutes, so the bound is generous (the run normally needs well under a minute).
ANSWER_SECONDS = 240


def _toml(tmp_path, name: str, fake, postgres_url: str, redis_url: str) -> str:
    return (f'[server]\nhost = "127.0.0.1"\nport = 0\npublic_url = "{PUBLIC_URL}"\ndrain_seconds = 5\n'
            f'[store]\npath = "{tmp_path / name}.db"\nurl = "{postgres_url}"\npool_size = 8\n'
            f'[twilio]\nauth_token = "{AUTH_TOKEN}"\naccount_sid = "{ACCOUNT_SID}"\napi_base_url = "{fake.base_url}"\n'
            'from = "whatsapp:+14155238886"\ntimeout_seconds = 10\n'
            f'[logging]\nlevel = "info"\n[redis]\nurl = "{redis_url}"\nlease_seconds = {LEASE_SECONDS}\n'
            '[limits]\nsweep_seconds = 2\nrate_per_minute = 1000\n')


@pytest.fixture
def own_redis():
    """A Redis database of this test's own, emptied before and after: the daemons' leases and
    fencing counters must not be flushed under them by other tests sharing the usual one."""
    url = REDIS_URL.rsplit("/", 1)[0] + "/14"
    client = redis_sync.Redis.from_url(url)
    client.flushdb()
    yield url
    client.flushdb()
    client.close()


@pytest.fixture
def daemons():
    started: list[Daemon] = []
    yield started
    for d in started:
        d.stop()


def _state(postgres_url: str, daemons: list[Daemon]) -> str:
    """What is left unfinished, and what the daemons said about trouble: the failure message."""
    with psycopg.connect(postgres_url) as conn:
        inbox = conn.execute("SELECT id, provider_message_id, status, note FROM inbox WHERE status <> 'done'").fetchall()
        outbox = conn.execute("SELECT id, inbound_id, status, attempts, error_code FROM outbox"
                              " WHERE status NOT IN ('accepted', 'sent')").fetchall()
    trouble = [(n, e) for n, d in enumerate(daemons) for e in d.events
               if e.get("level") in ("warning", "error") and e.get("event") != "lock_lost"]
    return f"inbox not done: {inbox}\noutbox not sent: {outbox}\ntrouble: {trouble[:30]}"


@pytest.mark.timeout(420)
def test_three_daemons_answer_every_acknowledged_message_once_and_in_order_with_one_killed(
        tmp_path, daemons, fake_twilio, postgres_url, own_redis):
    """100 phones × 5 messages posted to random daemons of three (shared PostgreSQL and Redis); one
    daemon is SIGKILLed mid-burst and its requests go to the others, as Twilio retries do. Every
    message ends acknowledged, gets exactly one reply, the replies of each phone go out in the order
    of its messages, and each phone's second reply knows the car named in its first message."""
    configs = [write_config(tmp_path / f"{name}.toml", _toml(tmp_path, name, fake_twilio, postgres_url, own_redis))
               for name in ("a", "b", "c")]
    first = Daemon(configs[0]).start(timeout=60)  # migrates the empty database
    daemons.append(first)
    with ThreadPoolExecutor(2) as pool:
        others = list(pool.map(lambda c: Daemon(c).start(timeout=60), configs[1:]))
    daemons.extend(others)
    alive = list(daemons)
    victim = daemons[1]
    lock = threading.Lock()
    acknowledged: list[int] = []
    rng = random.Random(11)

    def post(number: int, text: str, phone: str) -> None:
        body, headers = signed(WHATSAPP, inbound_params(sid(number), text, phone=phone))
        while True:
            with lock:
                target = rng.choice(alive)
            try:
                status, _ = target.request("POST", WHATSAPP, body, headers, timeout=20)
            except (OSError, http.client.HTTPException):
                status = 0  # the daemon died under the request: Twilio retries, elsewhere
            if status == 200:
                break
            with lock:
                if target is victim and victim in alive and victim.proc and victim.proc.poll() is not None:
                    alive.remove(victim)
        with lock:
            acknowledged.append(number)
            if len(acknowledged) == PHONES * len(SCRIPT) * 2 // 5 and victim in alive:
                victim.proc.send_signal(signal.SIGKILL)
                alive.remove(victim)

    def customer(p: int) -> None:
        phone = f"+3168{p:07d}"
        for i, text in enumerate(SCRIPT):
            post(p * 10 + i, text, phone)  # the sid's number says the phone and the line

    with ThreadPoolExecutor(32) as pool:
        list(pool.map(customer, range(PHONES)))
    assert len(acknowledged) == PHONES * len(SCRIPT)
    total = PHONES * len(SCRIPT)
    # Twilio counts a reply when it accepts it, the daemon records its id just after: wait for both.
    deadline = time.monotonic() + ANSWER_SECONDS
    while time.monotonic() < deadline:
        with psycopg.connect(postgres_url) as conn:
            rows = conn.execute("SELECT o.provider_message_id, i.provider_message_id FROM outbox o"
                                " JOIN inbox i ON i.id = o.inbound_id WHERE o.provider_message_id IS NOT NULL").fetchall()
            pending = conn.execute("SELECT COUNT(*) FROM inbox WHERE status <> 'done'").fetchone()[0]
        if len(rows) >= total and pending == 0 and len(fake_twilio.sent) >= total:
            break
        time.sleep(0.5)
    assert len(rows) == total and pending == 0, _state(postgres_url, daemons)
    answers = dict(rows)
    sent = fake_twilio.sent
    assert len(sent) == total  # nothing sent twice
    by_phone: dict[str, list[int]] = {}
    second_replies: dict[str, str] = {}
    unknown = [m for m in sent if m["sid"] not in answers]
    assert not unknown, unknown  # every message Twilio has answers exactly one acknowledged inbound
    for message in sent:
        inbound = int(answers[message["sid"]][2:])
        by_phone.setdefault(message["to"], []).append(inbound)
        if inbound % 10 == 1:
            second_replies[message["to"]] = message["body"]
    assert len(by_phone) == PHONES
    for phone, numbers in by_phone.items():
        p = numbers[0] // 10
        assert numbers == [p * 10 + i for i in range(len(SCRIPT))], phone  # each once, in order
    assert all("Golf" in body and "€" in body for body in second_replies.values())
    for d in alive:
        d.send_signal(signal.SIGTERM)
        assert d.wait() == 0
    assert victim.proc.poll() == -signal.SIGKILL
