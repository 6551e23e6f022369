"""Hypercorn inside our event loop, on a socket we bind ourselves.

Binding first lets readiness be a handshake (the port is listening before READY=1)
and lets tests use port 0. Hypercorn gets a `shutdown_trigger`, so it never installs
signal handlers of its own: signals have one owner (`daemon.signals`).
"""

from __future__ import annotations

import os
import socket
from typing import Awaitable, Callable

import anyio
from hypercorn.asyncio import serve
from hypercorn.config import Config as HypercornConfig


def bind_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(1024)
    sock.set_inheritable(True)
    return sock


async def serve_http(app, sock: socket.socket, shutdown_trigger: Callable[[], Awaitable[None]], *,
                     graceful_timeout: float, task_status=anyio.TASK_STATUS_IGNORED) -> None:
    config = HypercornConfig()
    # Hypercorn closes the descriptor it is given when it stops; ours stays ours.
    config.bind = [f"fd://{os.dup(sock.fileno())}"]
    config.accesslog = None
    config.errorlog = None
    config.graceful_timeout = graceful_timeout
    config.keep_alive_timeout = 75  # longer than Twilio's and proxies' idle keep-alive
    task_status.started()
    await serve(app, config, shutdown_trigger=shutdown_trigger, mode="asgi")
