"""A store that cannot be opened at start-up: the configuration's fault (exit 2, systemd does not
restart) or the disk's (exit 1, systemd restarts) — issue 9, item 9."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.daemon_process import REPO, Daemon, write_config


@pytest.fixture
def read_only_dir(tmp_path):
    """A real read-only file system (a tmpfs mounted read-only); skipped where mounting is not allowed."""
    mount = tmp_path / "ro"
    mount.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m,ro", "seldenrijk-test", str(mount)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a read-only file system here: {result.stderr.strip()}")
    yield mount
    subprocess.run(["umount", str(mount)], check=False)


def _config(tmp_path: Path, store: Path) -> Path:
    return write_config(tmp_path / "c.toml", f'[server]\nport = 0\n[store]\npath = "{store}"\n')


def test_read_only_store_exits_2_like_a_bad_config(tmp_path, read_only_dir):
    """A read-only file system is a disk problem, not a configuration error: exit 1 (restarted by
    the unit), with a JSON line saying so; check-config still passes, with a warning."""
    config = _config(tmp_path, read_only_dir / "s.db")
    d = Daemon(config)
    d.proc = subprocess.Popen([sys.executable, "-m", "daemon", "run", "--config", str(config)], cwd=REPO,
                              env=d.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    out, _ = d.proc.communicate(timeout=60)
    assert d.proc.returncode == 1, out
    assert '"store_unavailable"' in out and "read-only" in out
    check = subprocess.run([sys.executable, "-m", "daemon", "check-config", "--config", str(config)], cwd=REPO,
                           capture_output=True, text=True, timeout=60)
    assert check.returncode == 0 and "read-only" in check.stderr


def test_a_missing_store_directory_still_exits_2(tmp_path):
    """The configuration's fault: exit 2 and one line naming store.path."""
    config = _config(tmp_path, tmp_path / "nope" / "s.db")
    result = subprocess.run([sys.executable, "-m", "daemon", "run", "--config", str(config)], cwd=REPO,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "store.path" in result.stdout + result.stderr
