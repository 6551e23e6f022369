"""Run Stoplight Prism as a validating proxy in front of a local fake, for contract tests.

`prism proxy --errors SPEC UPSTREAM` checks every request and every upstream answer against
the OpenAPI spec and answers 422/500 with the violations instead of passing a bad exchange on.
Prism is fetched with `npx` (pinned version); tests skip when `npx` or the specs are missing.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

PRISM_PACKAGE = "@stoplight/prism-cli@5.14.2"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SPECS = SHARED / "specs"


def skip_reason(*specs: Path) -> str | None:
    """Why Prism contract tests cannot run here, or None when they can."""
    if shutil.which("npx") is None:
        return "npx (Node.js) is not on PATH; Prism contract tests need it"
    missing = [str(s) for s in specs if not s.is_file()]
    if missing:
        return f"shared API specs not found: {', '.join(missing)}"
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class Prism:
    base_url: str
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def _listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


@contextmanager
def prism_proxy(spec: Path, upstream: str, workdir: Path, *, startup_timeout: float = 180.0) -> Iterator[Prism]:
    """Start `prism proxy --errors` on a free loopback port; stop it (whole process group) on exit.

    `startup_timeout` covers a first `npx` download; a Prism that exits or never listens fails
    the test with its output.
    """
    port = free_port()
    log = workdir / f"prism-{port}.log"
    command = ["npx", "--yes", PRISM_PACKAGE, "proxy", "--errors", "-h", "127.0.0.1", "-p", str(port), str(spec), upstream]
    with log.open("wb") as out:
        # Own session: npx starts node as a child, and both must go when the test ends.
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + startup_timeout
        while not _listening(port):
            if proc.poll() is not None:
                raise RuntimeError(f"prism exited with {proc.returncode}:\n{log.read_text(errors='replace')}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"prism did not listen within {startup_timeout}s:\n{log.read_text(errors='replace')}")
            time.sleep(0.1)
        yield Prism(f"http://127.0.0.1:{port}", log)
    finally:
        _stop(proc)


def _stop(proc: subprocess.Popen) -> None:
    # Signal the group even if npx itself is gone: its node child may still hold the port.
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=10)
            return
        except subprocess.TimeoutExpired:
            continue
