"""The actor runtime: mailboxes and ask, the supervisor's restart policy on a ManualClock, metrics, sd_notify."""

from __future__ import annotations

import os
import socket
import tempfile
import uuid
from pathlib import Path
from typing import Any, Iterator

import anyio
import pytest

from actors.mailbox import open_mailbox as _open_mailbox
from actors.mailbox import AskTimeout, answer, ask, open_mailbox, post
from actors.messages import Ask
from actors.supervisor import Escalation, Supervisor
from daemon.metrics import Metrics
from daemon.sdnotify import Notifier
from integrations.clock import ManualClock

# --- mailbox --------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _close_mailboxes(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every mailbox a test opens is closed after it (unclosed streams are ResourceWarnings)."""
    opened: list[Any] = []

    def tracked(size: int) -> Any:
        mailbox = _open_mailbox(size)
        opened.append(mailbox)
        return mailbox

    monkeypatch.setitem(globals(), "open_mailbox", tracked)
    yield
    for mailbox in opened:
        mailbox.close()


def test_post_returns_false_when_the_mailbox_is_full() -> None:
    """A full mailbox refuses at once instead of blocking the webhook."""
    mailbox = open_mailbox(2)
    assert mailbox.post("a") is True
    assert mailbox.post("b") is True
    assert mailbox.post("c") is False
    assert mailbox.inbox.receive_nowait() == "a"
    assert mailbox.post("d") is True
    assert [mailbox.inbox.receive_nowait(), mailbox.inbox.receive_nowait()] == ["b", "d"]


def test_post_is_synchronous_and_never_awaits() -> None:
    """`post` is a plain function, so no caller can block on a mailbox."""
    mailbox = open_mailbox(1)
    result = mailbox.post("x")
    assert result is True and not hasattr(result, "__await__")


def test_post_returns_false_when_the_actor_is_gone() -> None:
    """A stopped actor (closed receive side) or a closed address refuses without raising."""
    mailbox = open_mailbox(4)
    mailbox.inbox.close()
    assert mailbox.post("x") is False
    other = open_mailbox(4)
    other.address.close()
    assert post(other.address, "x") is False


async def _answering_actor(mailbox: Any, handled: list[Any]) -> None:
    async with mailbox.inbox:
        async for message in mailbox.inbox:
            handled.append(message.request)
            answer(message, f"re: {message.request}")


@pytest.mark.anyio
async def test_ask_returns_the_actors_answer() -> None:
    """A request sent with ask gets the reply the actor gives on the reply channel."""
    mailbox = open_mailbox(4)
    handled: list[Any] = []
    async with anyio.create_task_group() as tg:
        tg.start_soon(_answering_actor, mailbox, handled)
        assert await ask(mailbox.address, "slots?", timeout=5) == "re: slots?"
        assert await ask(mailbox.address, "book", timeout=5) == "re: book"
        mailbox.address.close()
    assert handled == ["slots?", "book"]


@pytest.mark.anyio
async def test_ask_times_out_when_the_actor_does_not_answer() -> None:
    """An actor that takes the request but never replies makes ask raise AskTimeout after the deadline."""
    mailbox = open_mailbox(4)
    with anyio.fail_after(5):
        with pytest.raises(AskTimeout):
            await ask(mailbox.address, "slots?", timeout=0.05)
    request = mailbox.inbox.receive_nowait()
    assert isinstance(request, Ask) and request.request == "slots?"
    answer(request, "too late")  # the asker gave up and closed its end: answering must not raise


@pytest.mark.anyio
async def test_ask_times_out_when_the_mailbox_stays_full() -> None:
    """If the request cannot even be delivered before the deadline, ask raises AskTimeout."""
    mailbox = open_mailbox(1)
    assert mailbox.post("filler")
    with anyio.fail_after(5):
        with pytest.raises(AskTimeout):
            await ask(mailbox.address, "slots?", timeout=0.05)


@pytest.mark.anyio
async def test_ask_to_a_closed_actor_fails_at_once() -> None:
    """A stopped actor gives AskTimeout immediately, long before the timeout."""
    mailbox = open_mailbox(4)
    mailbox.inbox.close()
    with anyio.fail_after(1):
        with pytest.raises(AskTimeout):
            await ask(mailbox.address, "slots?", timeout=60)


@pytest.mark.anyio
async def test_ask_fails_at_once_when_the_actor_drops_the_reply_channel() -> None:
    """An actor that closes the reply channel without answering ends the wait with AskTimeout."""
    mailbox = open_mailbox(4)

    async def dropping_actor() -> None:
        message = await mailbox.inbox.receive()
        await message.reply_to.aclose()

    with anyio.fail_after(1):
        async with anyio.create_task_group() as tg:
            tg.start_soon(dropping_actor)
            with pytest.raises(AskTimeout):
                await ask(mailbox.address, "slots?", timeout=60)


# --- supervisor -----------------------------------------------------------------------------------


class Child:
    """A child that crashes on the runs listed in `crash_on` and otherwise returns (or runs forever)."""

    def __init__(self, clock: ManualClock, crash_on: set[int], *, forever: bool = False, work: float = 0.0):
        self.clock = clock
        self.crash_on = crash_on
        self.forever = forever
        self.work = work
        self.starts: list[float] = []

    async def __call__(self) -> str:
        self.starts.append(self.clock.monotonic())
        if self.work:
            await self.clock.sleep(self.work)
        if len(self.starts) in self.crash_on:
            raise RuntimeError(f"crash {len(self.starts)}")
        if self.forever:
            await anyio.sleep_forever()
        return "done"


async def _settle() -> None:
    """Wait until every task is blocked (on the ManualClock or an event); nothing time-based."""
    await anyio.wait_all_tasks_blocked()


@pytest.mark.anyio
async def test_supervisor_restarts_a_crashing_child_with_exponential_backoff() -> None:
    """Restarts come 0.5, 1, 2, 4 s after successive crashes, measured on the injected clock."""
    clock = ManualClock()
    child = Child(clock, crash_on={1, 2, 3, 4})
    supervisor = Supervisor(clock, max_restarts=10, window=1000, backoff_base=0.5, backoff_max=30)
    async with anyio.create_task_group() as tg:
        tg.start_soon(supervisor.supervise, "sender", child)
        await _settle()
        for expected_delay in (0.5, 1.0, 2.0, 4.0):
            runs = len(child.starts)
            clock.advance(expected_delay - 0.01)
            await _settle()
            assert len(child.starts) == runs, f"restarted before {expected_delay}s"
            clock.advance(0.01)
            await _settle()
            assert len(child.starts) == runs + 1, f"not restarted after {expected_delay}s"
    assert [round(t, 2) for t in child.starts] == [0.0, 0.5, 1.5, 3.5, 7.5]
    assert supervisor.restarts == {"sender": 4}


@pytest.mark.anyio
async def test_supervisor_backoff_is_capped() -> None:
    """The delay doubles from backoff_base up to backoff_max and then stays there: 1, 2, 3, 3, 3 s."""
    clock = ManualClock()
    child = Child(clock, crash_on={1, 2, 3, 4, 5})
    supervisor = Supervisor(clock, max_restarts=10, window=1000, backoff_base=1, backoff_max=3)
    async with anyio.create_task_group() as tg:
        tg.start_soon(supervisor.supervise, "crm", child)
        while len(child.starts) < 6:
            await _settle()
            clock.advance(0.5)
    assert child.starts == [0.0, 1.0, 3.0, 6.0, 9.0, 12.0]


@pytest.mark.anyio
async def test_supervisor_returns_when_the_child_returns() -> None:
    """A child that finishes normally is done: no restart, supervise returns."""
    clock = ManualClock()
    child = Child(clock, crash_on=set())
    supervisor = Supervisor(clock)
    with anyio.fail_after(5):
        await supervisor.supervise("calendar", child)
    assert len(child.starts) == 1
    assert supervisor.restarts == {}


@pytest.mark.anyio
async def test_supervisor_returns_after_a_restarted_child_finishes() -> None:
    """After a crash and a restart, the child's normal return ends supervision."""
    clock = ManualClock()
    child = Child(clock, crash_on={1})
    supervisor = Supervisor(clock)
    metrics = Metrics()
    async with anyio.create_task_group() as tg:
        tg.start_soon(supervisor.supervise, "chatwoot", child, metrics)
        await _settle()
        clock.advance(0.5)
    assert len(child.starts) == 2
    assert metrics.value("seldenrijk_actor_restarts_total", actor="chatwoot") == 1


@pytest.mark.anyio
async def test_supervisor_passes_cancellation_through_untouched() -> None:
    """Cancelling the supervisor's scope stops the child; it is not counted as a crash or restarted."""
    clock = ManualClock()
    child = Child(clock, crash_on=set(), forever=True)
    supervisor = Supervisor(clock)
    with anyio.CancelScope() as scope:
        async with anyio.create_task_group() as tg:
            tg.start_soon(supervisor.supervise, "sender", child)
            await _settle()
            scope.cancel()
    assert scope.cancelled_caught
    assert len(child.starts) == 1
    assert supervisor.restarts == {}


@pytest.mark.anyio
async def test_supervisor_escalates_after_too_many_crashes_in_the_window() -> None:
    """The (max_restarts + 1)-th crash inside the window raises Escalation instead of another restart."""
    clock = ManualClock()
    child = Child(clock, crash_on=set(range(1, 100)))
    supervisor = Supervisor(clock, max_restarts=3, window=60, backoff_base=0.5, backoff_max=30)
    escalations: list[BaseException] = []
    try:
        async with anyio.create_task_group() as tg:
            tg.start_soon(supervisor.supervise, "sender", child)
            for _ in range(10):  # crashes at t = 0, 5, 10, 15: the fourth is one too many within 60 s
                await _settle()
                clock.advance(5)
    except* Escalation as group:
        escalations.extend(group.exceptions)
    assert len(escalations) == 1 and escalations[0].child == "sender"
    assert child.starts == [0.0, 5.0, 10.0, 15.0]
    assert supervisor.restarts == {"sender": 4}


@pytest.mark.anyio
async def test_supervisor_forgives_crashes_older_than_the_window() -> None:
    """Crashes spread out beyond the window never add up to an escalation."""
    clock = ManualClock()
    # Each run works 100 s (on the clock) before crashing, so crashes are 100 s apart with a 60 s window.
    child = Child(clock, crash_on={1, 2, 3, 4, 5}, work=100)
    supervisor = Supervisor(clock, max_restarts=1, window=60, backoff_base=0.5, backoff_max=0.5)
    async with anyio.create_task_group() as tg:
        tg.start_soon(supervisor.supervise, "crm", child)
        while len(child.starts) < 6:
            await _settle()
            clock.advance(50)
        await _settle()
        clock.advance(100)
    assert len(child.starts) == 6
    assert supervisor.restarts == {"crm": 5}


@pytest.mark.anyio
async def test_escalation_carries_the_child_name_and_last_error() -> None:
    """Escalation says which child failed and why, and chains the last error."""
    clock = ManualClock()
    child = Child(clock, crash_on=set(range(1, 10)))
    supervisor = Supervisor(clock, max_restarts=0, window=60)
    with anyio.fail_after(5):
        with pytest.raises(Escalation) as info:
            await supervisor.supervise("calendar", child)
    escalation = info.value
    assert escalation.child == "calendar"
    assert "crash 1" in str(escalation)
    assert isinstance(escalation.__cause__, RuntimeError)
    assert len(child.starts) == 1


# --- metrics --------------------------------------------------------------------------------------

def _parse_prometheus(text: str) -> dict[str, dict[tuple[tuple[str, str], ...], float]]:
    """Read the text format with prometheus-client's own parser: sample name → labels → value.
    The parser refuses malformed text, samples without their family, and bad escapes."""
    from prometheus_client.parser import text_string_to_metric_families

    families: dict[str, dict[tuple[tuple[str, str], ...], float]] = {}
    for family in text_string_to_metric_families(text):
        assert family.documentation, f"no HELP for {family.name}"
        for sample in family.samples:
            families.setdefault(sample.name, {})[tuple(sorted(sample.labels.items()))] = sample.value
    return families


@pytest.mark.anyio
async def test_metrics_render_valid_prometheus_text_with_help_and_type() -> None:
    """Counters, the handle-time pair and gauges (sync and async) render as parseable text format."""
    metrics = Metrics()
    metrics.inc("seldenrijk_webhooks_total", endpoint="twilio", outcome="accepted")
    metrics.inc("seldenrijk_webhooks_total", endpoint="twilio", outcome="accepted")
    metrics.inc("seldenrijk_webhooks_total", endpoint="twilio", outcome="duplicate")
    metrics.inc("seldenrijk_handoffs_total")
    metrics.observe("seldenrijk_handle_seconds", 0.25)
    metrics.observe("seldenrijk_handle_seconds", 0.5)

    async def pending() -> float:
        return 3

    metrics.gauge("seldenrijk_inbox_pending", pending)
    metrics.gauge("seldenrijk_active_conversations", lambda: 7)
    text = await metrics.render()
    assert "# HELP seldenrijk_webhooks_total Webhooks received" in text
    assert "# TYPE seldenrijk_webhooks_total counter" in text
    assert "# TYPE seldenrijk_inbox_pending gauge" in text
    families = _parse_prometheus(text)
    assert families["seldenrijk_webhooks_total"] == {
        (("endpoint", "twilio"), ("outcome", "accepted")): 2.0,
        (("endpoint", "twilio"), ("outcome", "duplicate")): 1.0,
    }
    assert families["seldenrijk_handoffs_total"] == {(): 1.0}
    assert families["seldenrijk_handle_seconds_sum"] == {(): 0.75}
    assert families["seldenrijk_handle_seconds_count"] == {(): 2.0}
    assert families["seldenrijk_inbox_pending"] == {(): 3.0}
    assert families["seldenrijk_active_conversations"] == {(): 7.0}
    assert metrics.value("seldenrijk_webhooks_total", outcome="accepted", endpoint="twilio") == 2


@pytest.mark.anyio
async def test_label_values_escape_backslashes_and_quotes() -> None:
    """A label value with `\\` and `"` is escaped and reads back as the original string."""
    metrics = Metrics()
    value = 'C:\\temp "quoted"'
    metrics.inc("seldenrijk_integration_errors_total", service="hubspot", kind=value)
    text = await metrics.render()
    assert 'kind="C:\\\\temp \\"quoted\\""' in text
    families = _parse_prometheus(text)
    assert families["seldenrijk_integration_errors_total"] == {(("kind", value), ("service", "hubspot")): 1.0}


@pytest.mark.anyio
async def test_label_values_escape_newlines() -> None:
    """A newline inside a label value is written as `\\n`, keeping one sample per line."""
    metrics = Metrics()
    metrics.inc("seldenrijk_integration_errors_total", service="hubspot", kind="line one\nline two")
    families = _parse_prometheus(await metrics.render())
    assert families["seldenrijk_integration_errors_total"] == {
        (("kind", "line one\nline two"), ("service", "hubspot")): 1.0}


@pytest.mark.anyio
async def test_large_counters_are_exported_exactly() -> None:
    """A busy daemon's counters keep every increment visible (no rounding to six digits)."""
    metrics = Metrics()
    metrics.inc("seldenrijk_webhooks_total", amount=1_234_567, endpoint="twilio", outcome="accepted")
    families = _parse_prometheus(await metrics.render())
    assert families["seldenrijk_webhooks_total"] == {(("endpoint", "twilio"), ("outcome", "accepted")): 1_234_567}


@pytest.mark.anyio
async def test_an_empty_registry_renders_valid_text() -> None:
    """Before anything happened, the scrape is still valid."""
    assert _parse_prometheus(await Metrics().render()) == {}


# --- sd_notify ------------------------------------------------------------------------------------


@pytest.fixture
def notify_socket() -> Iterator[tuple[socket.socket, str]]:
    """A datagram socket bound in a short temp dir (AF_UNIX paths are limited to ~108 bytes)."""
    with tempfile.TemporaryDirectory(prefix="sdn") as directory:
        path = str(Path(directory) / "notify")
        server = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        server.bind(path)
        server.settimeout(5)
        try:
            yield server, path
        finally:
            server.close()


@pytest.mark.parametrize("fields", [("READY=1",), ("RELOADING=1",), ("STOPPING=1",), ("WATCHDOG=1",)])
def test_notifier_sends_each_state_as_one_datagram(notify_socket: tuple[socket.socket, str],
                                                   fields: tuple[str, ...]) -> None:
    """READY, RELOADING, STOPPING and WATCHDOG each arrive as their own datagram."""
    server, path = notify_socket
    notifier = Notifier(path)
    try:
        assert notifier.enabled
        notifier.notify(*fields)
        assert server.recv(4096).decode() == "\n".join(fields)
    finally:
        notifier.close()


def test_notifier_joins_several_fields_with_newlines(notify_socket: tuple[socket.socket, str]) -> None:
    """`notify("READY=1", "STATUS=…")` sends one datagram with newline-separated assignments."""
    server, path = notify_socket
    notifier = Notifier(path)
    try:
        notifier.notify("RELOADING=1", "MONOTONIC_USEC=123")
        notifier.notify("READY=1", "STATUS=listening on 127.0.0.1:8080")
        assert server.recv(4096) == b"RELOADING=1\nMONOTONIC_USEC=123"
        assert server.recv(4096) == b"READY=1\nSTATUS=listening on 127.0.0.1:8080"
    finally:
        notifier.close()


def test_notifier_reads_notify_socket_from_the_environment(notify_socket: tuple[socket.socket, str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Without an explicit address, $NOTIFY_SOCKET is used."""
    server, path = notify_socket
    monkeypatch.setenv("NOTIFY_SOCKET", path)
    notifier = Notifier()
    try:
        notifier.notify("READY=1")
        assert server.recv(4096) == b"READY=1"
    finally:
        notifier.close()


def test_notifier_supports_abstract_socket_addresses() -> None:
    """An `@name` address is the Linux abstract namespace, as systemd may hand out."""
    name = f"seldenrijk-test-{uuid.uuid4().hex}"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    server.bind("\0" + name)
    server.settimeout(5)
    notifier = Notifier("@" + name)
    try:
        notifier.notify("STOPPING=1")
        assert server.recv(4096) == b"STOPPING=1"
    finally:
        notifier.close()
        server.close()


def test_notifier_is_a_no_op_without_a_socket(monkeypatch: pytest.MonkeyPatch) -> None:
    """Outside systemd (no NOTIFY_SOCKET) every call does nothing and raises nothing."""
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    notifier = Notifier()
    assert not notifier.enabled
    notifier.notify("READY=1")
    notifier.close()


def test_notifier_survives_a_vanished_socket() -> None:
    """If systemd's socket is gone, notify swallows the error instead of crashing the daemon."""
    with tempfile.TemporaryDirectory(prefix="sdn") as directory:
        notifier = Notifier(str(Path(directory) / "missing"))
        try:
            assert notifier.enabled
            notifier.notify("WATCHDOG=1")
        finally:
            notifier.close()
        assert not notifier.enabled


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"WATCHDOG_USEC": "30000000"}, 15.0),
        ({"WATCHDOG_USEC": "1000000", "WATCHDOG_PID": "self"}, 0.5),
        ({"WATCHDOG_USEC": "1000000", "WATCHDOG_PID": "1"}, None),
        ({}, None),
        ({"WATCHDOG_USEC": ""}, None),
    ],
)
def test_watchdog_interval_is_half_of_watchdog_usec(monkeypatch: pytest.MonkeyPatch, env: dict[str, str],
                                                    expected: float | None) -> None:
    """The pet interval is WATCHDOG_USEC/2 in seconds, and None when off or meant for another process."""
    monkeypatch.delenv("WATCHDOG_USEC", raising=False)
    monkeypatch.delenv("WATCHDOG_PID", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, str(os.getpid()) if value == "self" else value)
    assert Notifier("").watchdog_interval() == expected


@pytest.mark.anyio
async def test_backoff_starts_over_after_a_long_healthy_run():
    """A child that crashes after running longer than the window is restarted after the base delay again."""
    from actors.supervisor import Supervisor
    from integrations.clock import ManualClock

    clock = ManualClock()
    supervisor = Supervisor(clock, max_restarts=10, window=60.0, backoff_base=0.5)
    runs: list[float] = []

    async def child() -> None:
        runs.append(clock.monotonic())
        if len(runs) == 3:
            clock.advance(120)  # a long healthy run before the third crash
        if len(runs) < 5:
            raise RuntimeError("boom")

    async with anyio.create_task_group() as tg:
        tg.start_soon(supervisor.supervise, "child", child)
        while len(runs) < 5:
            clock.advance(0.25)
            await anyio.sleep(0)
    gaps = [round(b - a, 2) for a, b in zip(runs, runs[1:], strict=False)]
    step = 0.25  # the clock moves in steps, so a restart is seen up to one step late
    assert 0.5 <= gaps[0] <= 0.5 + step and 1.0 <= gaps[1] <= 1.0 + step
    assert 0.5 <= gaps[2] - 120 <= 0.5 + step  # back to the base delay, not 2.0
