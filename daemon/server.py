"""Hypercorn's HTTP/1.1 and HTTP/2 protocol inside our event loop, on a socket we bind ourselves.

Binding first lets readiness be a handshake (the port is listening before READY=1) and lets
tests use port 0. Hypercorn gets no signal handlers: signals have one owner (`daemon.service`).

The accept loop is ours rather than `hypercorn.asyncio.serve`'s, for one reason: a bound on
open connections. Every connection holds a descriptor until its client closes it or it has
been idle `server.keep_alive_seconds`; a client that opens connections and never closes them
would otherwise use up the process's descriptors, after which nothing — no webhook, no
outgoing call, no store file — can be opened. Past `server.max_connections` (kept below the
descriptor limit, which start-up raises to the hard limit) a new connection gets an immediate
`503 Service Unavailable` with `Connection: close` and the reason, and is closed. Each accepted
connection is served by Hypercorn's own `TCPServer`, exactly as `serve` would.
"""

from __future__ import annotations

import asyncio
import os
import resource
import socket
from dataclasses import dataclass
from typing import Any, Awaitable, Callable

import anyio
from hypercorn.asyncio.lifespan import Lifespan
from hypercorn.asyncio.tcp_server import TCPServer
from hypercorn.asyncio.worker_context import WorkerContext
from hypercorn.config import Config as HypercornConfig
from hypercorn.utils import wrap_app

from daemon.logs import get_logger

log = get_logger(component="http")

# Descriptors kept free of connections: the store and its WAL, Redis, outgoing HTTPS to Twilio,
# HubSpot, Google and Chatwoot, the systemd socket, log output.
RESERVED_DESCRIPTORS = 128
# The listen backlog; asyncio also accepts up to this many connections in one go before any of
# them is looked at, so the bound keeps this much room too.
ACCEPT_BATCH = 128
REFUSAL = (b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
           b"Connection: close\r\nRetry-After: 1\r\nContent-Length: 37\r\n\r\n"
           b"too many open connections; retry soon\n")


class _TCPServer(TCPServer):
    """Hypercorn's connection handler, closing as soon as the client has.

    Hypercorn's `run` reads until the client's end of stream, but its keep-alive timer runs in
    the same task group, so the connection (and its descriptor) stayed open, in CLOSE-WAIT,
    until the timer ran out — 75 s by default — even though the client was long gone. A client
    that opens a connection per webhook and drops it could use up every descriptor that way.
    When reading ends, the timer is stopped, and the connection closes at once.
    """

    async def _read_data(self) -> None:
        try:
            await super()._read_data()
        finally:
            await self.idle_task.stop()


def raise_descriptor_limit() -> int:
    """Raise the soft RLIMIT_NOFILE to the hard limit (systemd's default soft limit is 1,024);
    returns the soft limit now in force."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or hard > soft:
        target = hard if hard != resource.RLIM_INFINITY else max(soft, 65536)
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError):
            pass
    return soft


def connection_cap(configured: int, descriptor_limit: int) -> int:
    """At most `configured`, and never so many that connections could take the descriptors the
    daemon needs for everything else."""
    return max(1, min(configured, descriptor_limit - RESERVED_DESCRIPTORS - ACCEPT_BATCH))


def bind_socket(host: str, port: int, backlog: int = 1024) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(backlog)
    sock.set_inheritable(True)
    return sock


@dataclass(frozen=True)
class HttpLimits:
    max_connections: int
    keep_alive_seconds: float
    read_timeout_seconds: float


class ConnectionGate:
    """Counts open connections; `statistics()` for metrics and tests."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.open = 0
        self.refused = 0

    def enter(self) -> bool:
        if self.open >= self.cap:
            self.refused += 1
            return False
        self.open += 1
        return True

    def leave(self) -> None:
        self.open -= 1

    def statistics(self) -> dict[str, int]:
        return {"open": self.open, "refused": self.refused, "cap": self.cap}


def _refuse(writer: asyncio.StreamWriter) -> None:
    """Answer 503 and close at once, without reading the request: a refused connection must give
    its descriptor back immediately, or a flood of them would exhaust descriptors by itself."""
    try:
        writer.write(REFUSAL)
        writer.write_eof()
    except (OSError, RuntimeError):
        pass
    writer.close()


async def serve_http(app: Any, sock: socket.socket, shutdown_trigger: Callable[[], Awaitable[Any]], *,
                     limits: HttpLimits, graceful_timeout: float, gate: ConnectionGate | None = None,
                     task_status: anyio.abc.TaskStatus[ConnectionGate] = anyio.TASK_STATUS_IGNORED) -> None:
    """Serve `app` on `sock` until `shutdown_trigger` returns, then finish in-flight requests for
    up to `graceful_timeout` seconds. The socket stays ours (it is not closed here)."""
    config = HypercornConfig()
    config.accesslog = None
    config.errorlog = None
    config.graceful_timeout = graceful_timeout
    config.keep_alive_timeout = limits.keep_alive_seconds
    config.read_timeout = limits.read_timeout_seconds or None  # type: ignore[assignment]  # wait_for takes a float
    gate = gate or ConnectionGate(connection_cap(limits.max_connections, raise_descriptor_limit()))
    loop = asyncio.get_running_loop()
    wrapped = wrap_app(app, config.wsgi_max_body_size, "asgi")
    lifespan_state: dict[str, Any] = {}
    lifespan = Lifespan(wrapped, config, loop, lifespan_state)
    context = WorkerContext(None)
    connections: set[asyncio.Task[Any]] = set()
    async with anyio.create_task_group() as tg:
        tg.start_soon(lifespan.handle_lifespan)
        await lifespan.wait_for_startup()

        async def on_connection(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            if not gate.enter():
                if gate.refused == 1 or gate.refused % 1000 == 0:
                    log.warning("connections_refused", open=gate.open, cap=gate.cap, refused_total=gate.refused)
                _refuse(writer)
                return
            task = asyncio.current_task()
            if task is not None:
                connections.add(task)
            try:
                await _TCPServer(wrapped, loop, config, context, lifespan_state, reader, writer)
            finally:
                gate.leave()
                if task is not None:
                    connections.discard(task)

        # A socket made from the descriptor learns its protocol (TCP) from the kernel; `sock.dup()`
        # would copy proto=0, and asyncio then leaves Nagle on: +40 ms per response (delayed ACK).
        listener = socket.socket(fileno=os.dup(sock.fileno()))
        server = await asyncio.start_server(on_connection, sock=listener, backlog=ACCEPT_BATCH)
        log.info("http_serving", max_connections=gate.cap, keep_alive_s=limits.keep_alive_seconds)
        task_status.started(gate)
        try:
            await shutdown_trigger()
        finally:
            with anyio.CancelScope(shield=True):
                await context.terminated.set()  # idle keep-alive connections close now
                server.close()  # no new connections
                if connections:
                    await asyncio.wait(list(connections), timeout=graceful_timeout)
                for task in list(connections):
                    task.cancel()
                with anyio.move_on_after(1):
                    await server.wait_closed()
                await lifespan.wait_for_shutdown()
            tg.cancel_scope.cancel()
