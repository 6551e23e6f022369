"""Shared fixtures: real Redis, real SQLite in tmp dirs, a throw-away PostgreSQL database, fake providers on loopback, signed webhooks."""

from __future__ import annotations

import os
import secrets
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, AsyncIterator, Iterator
from urllib.parse import urlencode, urlsplit

import psycopg
import pytest
import redis as redis_sync

from daemon.config import Config, build
from daemon.ingress import create_app
from daemon.runtime import Runtime, open_runtime
from integrations.clock import Clock
from integrations.twilio_webhook import compute_signature
from tests.fakes.twilio import FakeTwilio

PUBLIC_URL = "https://bot.example.nl"
AUTH_TOKEN = "test-token"
ACCOUNT_SID = "AC" + "0" * 32
REDIS_URL = os.environ.get("SELDENRIJK_TEST_REDIS", "redis://127.0.0.1:6379/9")
# A server where user postgres may create databases (`make postgres` starts one when none answers).
POSTGRES_ADMIN_URL = os.environ.get("SELDENRIJK_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def redis_url() -> str:
    """A real Redis database, emptied before and after the test."""
    client = redis_sync.Redis.from_url(REDIS_URL)
    client.flushdb()
    yield REDIS_URL
    client.flushdb()
    client.close()


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """The URL of a PostgreSQL database created for this test session alone, dropped at its end."""
    name = f"seldenrijk_test_{os.getpid()}_{secrets.token_hex(4)}"
    try:
        admin = psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        pytest.fail(f"no PostgreSQL at {POSTGRES_ADMIN_URL} (`make postgres` starts one): {exc}")
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlsplit(POSTGRES_ADMIN_URL)._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def empty_postgres(url: str) -> None:
    """Drop every table (ours and the checkpointer's): the next open migrates from nothing."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


@pytest.fixture
def postgres_url(postgres_database: str) -> str:
    """The session's PostgreSQL database, emptied for this test."""
    empty_postgres(postgres_database)
    return postgres_database


@pytest.fixture
def fake_twilio() -> FakeTwilio:
    with FakeTwilio(account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN) as fake:
        yield fake


def config_data(tmp_path: Path, fake: FakeTwilio | None = None, **sections: dict[str, Any]) -> dict[str, Any]:
    """A config dict for tests: store in tmp, signed webhooks against PUBLIC_URL, Twilio fake if given."""
    data: dict[str, Any] = {
        "server": {"host": "127.0.0.1", "port": 0, "public_url": PUBLIC_URL, "drain_seconds": 5},
        "store": {"path": str(tmp_path / "seldenrijk.db")},
        "twilio": {"auth_token": AUTH_TOKEN},
        "logging": {"level": "debug"},
    }
    if fake is not None:
        data["twilio"].update(account_sid=ACCOUNT_SID, api_base_url=fake.base_url, timeout_seconds=5,
                              **{"from": "whatsapp:+14155238886"})
    for name, values in sections.items():
        data.setdefault(name, {}).update(values)
    return data


def make_config(tmp_path: Path, fake: FakeTwilio | None = None, **sections: dict[str, Any]) -> Config:
    return build(config_data(tmp_path, fake, **sections))


def inbound_params(sid: str, body: str, phone: str = "+31612345678", name: str = "Jan") -> list[tuple[str, str]]:
    """The parameters Twilio posts for one WhatsApp text message (api-notes §a)."""
    return [
        ("SmsMessageSid", sid), ("NumMedia", "0"), ("ProfileName", name), ("MessageType", "text"),
        ("SmsSid", sid), ("WaId", phone[1:]), ("SmsStatus", "received"), ("Body", body),
        ("To", "whatsapp:+14155238886"), ("NumSegments", "1"), ("ReferralNumMedia", "0"),
        ("MessageSid", sid), ("AccountSid", ACCOUNT_SID), ("From", f"whatsapp:{phone}"), ("ApiVersion", "2010-04-01"),
    ]


def signed(path: str, params: list[tuple[str, str]], token: str = AUTH_TOKEN,
           base: str = PUBLIC_URL) -> tuple[bytes, dict[str, str]]:
    """Form body and headers exactly as Twilio would send them to `base + path`."""
    body = urlencode(params).encode()
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Twilio-Signature": compute_signature(token, base + path, params),
    }
    return body, headers


def sid(n: int | str) -> str:
    return "SM" + str(n).rjust(32, "0")[-32:]


@asynccontextmanager
async def running(config: Config, clock: Clock | None = None) -> AsyncIterator[tuple[Runtime, Any]]:
    """The real runtime with the real dialogue, and a Quart test client for its app."""
    async with open_runtime(config, clock=clock) as rt:
        app = create_app(rt)
        async with app.test_app():
            yield rt, app.test_client()


async def arrived(fake, predicate, timeout: float = 10.0) -> bool:
    """Wait (off the event loop) until the fake has seen what `predicate` expects."""
    import anyio

    return await anyio.to_thread.run_sync(fake.wait_for, predicate, timeout)


async def until(predicate, clock=None, step: float = 0.0, timeout: float = 30.0) -> bool:
    """Poll an async predicate until `timeout` real seconds pass, moving a manual clock forward by
    `step` between looks. Bounded by time, not by a count, so a loaded machine does not fail it."""
    import time

    import anyio

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if await predicate():
            return True
        if clock is not None and step:
            clock.advance(step)
        await anyio.sleep(0.005)
    return await predicate()


async def idle(rt, timeout: float = 30.0) -> None:
    """The idle barrier, for asserting that something did *not* happen: every task of the loop is
    blocked, no inbox row is pending, no outbox row is open and due, no side-effect task is due, no
    conversation actor is working. Waiting on this instead of sleeping makes "nothing more came"
    a statement about the daemon, not about how long the test waited."""
    import anyio

    async def quiet() -> bool:
        await anyio.wait_all_tasks_blocked()
        now = rt.clock.iso()
        pending = await rt.store.main.fetchone("SELECT COUNT(*) FROM inbox WHERE status = 'pending'")
        sending = await rt.store.main.fetchone(
            "SELECT COUNT(*) FROM outbox WHERE status IN ('queued', 'sending')"
            " AND (next_attempt_at IS NULL OR next_attempt_at <= ?)", (now,))
        due = await rt.store.main.fetchone(
            "SELECT COUNT(*) FROM tasks WHERE status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)",
            (now,))
        working = rt.processing.in_use
        return pending[0] == 0 and sending[0] == 0 and due[0] == 0 and working == 0

    assert await until(quiet, timeout=timeout), "the runtime did not become idle"
