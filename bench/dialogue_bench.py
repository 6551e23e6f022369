"""Milliseconds per customer message through the whole pipeline (`daemon.chat.converse`).

Usage:
    python3 bench/dialogue_bench.py [--conversations N]

Each conversation is the same scripted 10 turns (greeting, search, refinement, test drive,
which car, slot pick, price, hours, address, goodbye) from its own phone number, on a fresh store in a temporary
directory with the local calendar and transport. Prints mean, p50 and p95 per turn, the
per-step means and the graph's checkpoint size. Always exits 0: a measuring tool.
"""
from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import anyio  # noqa: E402

from daemon.chat import converse  # noqa: E402
from daemon.config import build  # noqa: E402
from daemon.logs import LogSettings, configure  # noqa: E402
from daemon.runtime import open_runtime  # noqa: E402
from integrations.clock import ManualClock  # noqa: E402

SCRIPT = (
    "Hallo",
    "ik zoek een automaat onder de 20k",
    "en in het wit?",
    "kan ik een proefrit maken",
    "de tweede",
    "2",
    "wat kost hij?",
    "tot hoe laat zijn jullie open",
    "waar zitten jullie",
    "top bedankt!",
)


async def run(conversations: int) -> None:
    configure(LogSettings("error"), fmt="json", stream=sys.stderr)  # keep stdout for the figures
    with tempfile.TemporaryDirectory() as directory:
        path = str(Path(directory) / "bench.db")
        config = build({"store": {"path": path}, "logging": {"level": "error"}})
        per_turn: list[float] = []
        per_step: list[list[float]] = [[] for _ in SCRIPT]
        clock = ManualClock(datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc))  # a Tuesday
        async with open_runtime(config, clock=clock) as rt:
            for n in range(conversations):
                phone = f"+3161{n:07d}"
                for step, text in enumerate(SCRIPT):
                    started = time.perf_counter()
                    out = await converse(rt, phone, "Jan", text)
                    ms = (time.perf_counter() - started) * 1000
                    assert out.replies, (text, out)
                    per_turn.append(ms)
                    per_step[step].append(ms)
        with sqlite3.connect(path) as db:
            size = db.execute("SELECT AVG(length(checkpoint)), COUNT(*) FROM checkpoints").fetchone()
    per_turn.sort()
    p95 = per_turn[max(0, round(0.95 * len(per_turn)) - 1)]
    print(f"{len(per_turn)} turns ({conversations} conversations x {len(SCRIPT)}): "
          f"mean {statistics.mean(per_turn):.1f} ms, p50 {statistics.median(per_turn):.1f} ms, p95 {p95:.1f} ms")
    for text, times in zip(SCRIPT, per_step, strict=True):
        print(f"  {statistics.mean(times):6.1f} ms  {text}")
    print(f"checkpoint: {size[0]:.0f} bytes on average, {size[1]} rows for {conversations} conversations")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=20)
    args = parser.parse_args()
    anyio.run(run, args.conversations)
    return 0


if __name__ == "__main__":
    sys.exit(main())
