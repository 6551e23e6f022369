"""`seldenrijk chat` on a terminal shows the conversation, not log lines (issue 9)."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _read_until(fd: int, needle: bytes, timeout: float = 60.0) -> bytes:
    out = b""
    deadline = time.monotonic() + timeout
    while needle not in out and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
    return out


def test_chat_on_a_terminal_shows_json_log_lines(tmp_path):
    """On a terminal: the banner, the reply and (with --details) a dim line with intent, lead status
    and offered slots — and no JSON log line; the log lines went to a file next to the store."""
    config = tmp_path / "c.toml"
    config.write_text(f'[store]\npath = "{tmp_path / "s.db"}"\n[logging]\nlevel = "debug"\n')
    main, child = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "daemon", "chat", "--details", "--config", str(config)],
                            stdin=child, stdout=child, stderr=child, cwd=REPO, close_fds=True)
    os.close(child)
    try:
        banner = _read_until(main, b"> ")
        assert b"Chat met de assistent" in banner
        os.write(main, b"ik wil een proefrit maken met de golf\n")
        screen = _read_until(main, b"> ")
        assert b"\x1b[2m" in screen and b"intent test_drive" in screen and b"slots" in screen
        os.write(main, b"\x04")  # Ctrl-D
        screen += _read_until(main, b"\n\n", timeout=30)
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(main)
    assert b'{"' not in banner + screen, (banner + screen).decode(errors="replace")[-2000:]
    log = (tmp_path / "seldenrijk-chat.log").read_text()
    assert '"event": "message_handled"' in log
