"""Run `python -m daemon run` as a child process and talk to it like systemd and Twilio would."""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, Callable

REPO = Path(__file__).resolve().parents[1]


class Daemon:
    """One daemon process; its stdout JSON log lines are collected as they arrive."""

    def __init__(self, config_path: Path, env: dict[str, str] | None = None, nofile: int | None = None) -> None:
        """`nofile`: the descriptor limit (soft and hard) the process starts with."""
        self.config_path = config_path
        self.nofile = nofile
        self.env = {**os.environ, **(env or {})}
        self.lines: list[str] = []
        self.events: list[dict[str, Any]] = []
        self._cond = threading.Condition()
        self.proc: subprocess.Popen[str] | None = None
        self.port = 0
        self.eof = False

    def start(self, timeout: float = 30.0) -> "Daemon":
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "daemon", "run", "--config", str(self.config_path)],
            cwd=REPO, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            preexec_fn=self._limit if self.nofile else None,
        )
        threading.Thread(target=self._read, daemon=True).start()
        ready = self.wait_event("daemon_ready", timeout=timeout)
        self.port = ready["port"]
        return self

    def _limit(self) -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_NOFILE, (self.nofile, self.nofile))

    def open_descriptors(self) -> int:
        assert self.proc is not None
        return len(os.listdir(f"/proc/{self.proc.pid}/fd"))

    def _read(self) -> None:
        assert self.proc and self.proc.stdout
        for line in self.proc.stdout:
            with self._cond:
                self.lines.append(line)
                try:
                    self.events.append(json.loads(line))
                except ValueError:
                    pass
                self._cond.notify_all()
        with self._cond:
            self.eof = True
            self._cond.notify_all()

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 20.0) -> bool:
        with self._cond:
            return self._cond.wait_for(predicate, timeout)

    def wait_event(self, name: str, timeout: float = 20.0, **match: Any) -> dict[str, Any]:
        def found() -> dict[str, Any] | None:
            for event in self.events:
                if event.get("event") == name and all(event.get(k) == v for k, v in match.items()):
                    return event
            return None

        ok = self.wait_for(lambda: found() is not None or self.eof, timeout)
        event = found()
        if not ok or event is None:
            raise AssertionError(f"no {name} event within {timeout}s; output:\n{''.join(self.lines[-40:])}")
        return event

    def count(self, name: str, **match: Any) -> int:
        with self._cond:
            return sum(1 for e in self.events if e.get("event") == name
                       and all(e.get(k) == v for k, v in match.items()))

    def request(self, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None,
                timeout: float = 10.0) -> tuple[int, str]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            resp = conn.getresponse()
            return resp.status, resp.read().decode("utf-8", "replace")
        finally:
            conn.close()

    def send_signal(self, sig: signal.Signals) -> None:
        assert self.proc is not None
        self.proc.send_signal(sig)

    def wait(self, timeout: float = 30.0) -> int:
        assert self.proc is not None
        code = self.proc.wait(timeout=timeout)
        self.wait_for(lambda: self.eof, timeout=5)
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        return code

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)
        self.wait_for(lambda: self.eof, timeout=5)  # the reader thread has seen the end of the pipe
        if self.proc.stdout is not None:
            self.proc.stdout.close()


def write_config(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
