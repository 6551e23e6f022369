"""Memory with many conversations: two waves of new conversations, idle actors stopping in between.

If the second wave does not raise the RSS, memory per conversation is released and reused.

    python bench/memory.py --conversations 2000 --idle 30
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
from pathlib import Path

import anyio

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from daemon.chat import converse  # noqa: E402
from daemon.config import build  # noqa: E402
from daemon.logs import LogSettings, configure  # noqa: E402
from daemon.runtime import open_runtime  # noqa: E402


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def wave(rt, first: int, conversations: int) -> int:
    """Answer one message from each of `conversations` new phones; return the peak of live actors."""
    peak = 0
    limiter = anyio.CapacityLimiter(64)

    async def one(n: int) -> None:
        nonlocal peak
        async with limiter:
            await converse(rt, f"+3165{n:07d}", "Klant", "ik zoek een automaat onder de 20k")
            peak = max(peak, rt.registry.active)

    async with anyio.create_task_group() as tg:
        for n in range(first, first + conversations):
            tg.start_soon(one, n)
    return peak


async def run(conversations: int, idle: float) -> None:
    configure(LogSettings("warning"), "json", stream=open("/dev/null", "w"))
    with tempfile.TemporaryDirectory() as tmp:
        config = build({"store": {"path": f"{tmp}/m.db"}, "limits": {"actor_idle_seconds": idle},
                        "logging": {"level": "warning"}})
        async with open_runtime(config) as rt:
            await converse(rt, "+31600000000", "warm", "Hallo")
            gc.collect()
            print(f"conversations per wave: {conversations}, actor_idle_seconds: {idle:g}")
            print(f"rss after warm-up: {rss_mb():.1f} MB")
            for number in (1, 2):
                peak = await wave(rt, number * conversations, conversations)
                gc.collect()
                live = rss_mb()
                with anyio.fail_after(idle * 4 + 60):
                    await rt.registry.wait_idle()
                gc.collect()
                print(f"wave {number}: peak {peak} live actors, rss {live:.1f} MB; "
                      f"after idle stop {rt.registry.active} actors, rss {rss_mb():.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--conversations", type=int, default=2000)
    parser.add_argument("--idle", type=float, default=30.0, help="actor_idle_seconds for the run")
    args = parser.parse_args()
    anyio.run(run, args.conversations, args.idle)


if __name__ == "__main__":
    main()
