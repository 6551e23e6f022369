"""The SQLite store (DESIGN §3) on a real file in a temp dir: the file, its schema version, its failures.

What every backend must do (inbox, outbox, side tables) is the contract suite, test_store_contract.py."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import AsyncIterator

import pytest

from integrations.clock import ManualClock
from integrations.messages import InboundMessage
from integrations.stock import Car
from integrations.store import SCHEMA_VERSION, Store, StoreError, open_store
from integrations.store.outbox import Draft

pytestmark = pytest.mark.anyio

REPO = Path(__file__).resolve().parents[1]
PHONE = "+31612345678"
CONV = "twilio:+31612345678"


def _msg(n: int, phone: str = PHONE, body: str = "Hoi") -> InboundMessage:
    return InboundMessage(
        provider="twilio", message_id="SM" + str(n).rjust(32, "0"), conversation_id=f"twilio:{phone}", phone=phone,
        body=body, received_at="2026-11-24T09:00:00+00:00", profile_name="Jan", wa_id=phone[1:],
    )


def _car(stock_id: str, model: str = "Golf", price: int = 24950) -> Car:
    return Car(stock_id, "Volkswagen", model, "1.5 TSI Life", 2021, 42000, "benzine", "handgeschakeld", "hatchback",
               price, "grijs", f"https://seldenrijk.nl/voorraad/{stock_id}")


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
async def store(tmp_path: Path, clock: ManualClock) -> AsyncIterator[Store]:
    opened = await open_store(str(tmp_path / "seldenrijk.db"), clock)
    try:
        yield opened
    finally:
        await opened.close()


async def _sent_row(store: Store, sid: str) -> int:
    """A queued reply that went through sending to `sent` with provider id `sid`."""
    outbox_id = await store.outbox.enqueue(conversation_id=CONV, phone=PHONE, provider="twilio",
                                           draft=Draft(body="Goedemiddag"))
    assert outbox_id is not None
    await store.outbox.mark_sending(outbox_id)
    await store.outbox.mark_sent(outbox_id, sid, "sent")
    return outbox_id


# --- schema ---------------------------------------------------------------------------------------


async def test_a_fresh_file_gets_the_current_schema_version_and_wal(tmp_path: Path, clock: ManualClock) -> None:
    """Opening a new path creates the file at SCHEMA_VERSION in WAL mode."""
    path = tmp_path / "seldenrijk.db"
    store = await open_store(str(path), clock)
    await store.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"inbox", "outbox", "outbox_events", "contacts", "conversations", "transcript", "appointments", "cars",
            "tasks", "seen_events"} <= tables


async def test_reopening_keeps_version_and_data(tmp_path: Path, clock: ManualClock) -> None:
    """A second open runs no migration and loses nothing."""
    path = str(tmp_path / "seldenrijk.db")
    store = await open_store(path, clock)
    added = await store.inbox.add(_msg(1))
    await store.close()
    store = await open_store(path, clock)
    try:
        row = await store.main.fetchone("PRAGMA user_version")
        assert row[0] == SCHEMA_VERSION
        assert [r.id for r in await store.inbox.pending()] == [added.id]
    finally:
        await store.close()


async def test_a_newer_schema_is_refused_naming_store_path(tmp_path: Path, clock: ManualClock) -> None:
    """A file written by a newer release is not touched: StoreError mentioning store.path."""
    path = tmp_path / "seldenrijk.db"
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="store.path") as info:
        await open_store(str(path), clock)
    assert "newer" in str(info.value)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1


async def test_a_missing_directory_is_a_store_error(tmp_path: Path, clock: ManualClock) -> None:
    """A store path in a directory that does not exist is refused before anything is created."""
    with pytest.raises(StoreError, match="store.path"):
        await open_store(str(tmp_path / "nowhere" / "seldenrijk.db"), clock)


async def test_a_path_inside_a_regular_file_is_a_store_error(tmp_path: Path, clock: ManualClock) -> None:
    """A parent that is a file, not a directory, is refused."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="store.path"):
        await open_store(str(blocker / "seldenrijk.db"), clock)


async def test_an_unwritable_directory_is_a_store_error(tmp_path: Path, clock: ManualClock) -> None:
    """A directory the daemon may not write is refused with a reason naming store.path."""
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running with privileges that ignore directory permissions")
        with pytest.raises(StoreError, match="store.path"):
            await open_store(str(locked / "seldenrijk.db"), clock)
    finally:
        locked.chmod(0o700)


async def test_an_unwritable_file_is_a_store_error(tmp_path: Path, clock: ManualClock) -> None:
    """An existing store file without write permission is refused."""
    path = tmp_path / "seldenrijk.db"
    store = await open_store(str(path), clock)
    await store.close()
    path.chmod(0o400)
    try:
        if os.access(path, os.W_OK):
            pytest.skip("running with privileges that ignore file permissions")
        with pytest.raises(StoreError, match="store.path"):
            await open_store(str(path), clock)
    finally:
        path.chmod(0o600)


_OPEN_GARBAGE = """
import json, os, sys, threading, anyio
from integrations.clock import ManualClock
from integrations.store import StoreError, open_store

async def main():
    try:
        await open_store(sys.argv[1], ManualClock())
    except StoreError as exc:
        return str(exc)
    return None

error = anyio.run(main)
others = [t for t in threading.enumerate() if t is not threading.main_thread() and not t.daemon]
for t in others:
    t.join(5)  # a closed connection's thread may take a moment to finish; a leaked one never does
leaked = [t.name for t in others if t.is_alive()]
print(json.dumps({"error": error, "leaked": leaked}), flush=True)
os._exit(0)  # a leaked non-daemon thread would otherwise keep this process alive forever
"""


def _open_garbage(tmp_path: Path) -> dict:
    """Open a non-database file in a child process, so a leaked connection thread cannot hang the tests."""
    path = tmp_path / "seldenrijk.db"
    path.write_text("this is a stock list, not a database\n" * 50)
    result = subprocess.run([sys.executable, "-c", _OPEN_GARBAGE, str(path)], cwd=REPO, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    """Garbage at the store path gives StoreError naming store.path, not a raw sqlite3 error."""
    outcome = _open_garbage(tmp_path)
    assert outcome["error"] is not None
    assert "store.path" in outcome["error"]


def test_a_refused_non_database_file_leaves_no_connection_thread(tmp_path: Path) -> None:
    """After open_store refuses a garbage file, no sqlite worker thread is left to keep the process alive."""
    assert _open_garbage(tmp_path)["leaked"] == []
