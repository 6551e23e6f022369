"""Cost of filing a webhook under its contact (store.identities.resolve), the step the Twilio
webhook now takes before the inbox commit.

Usage: python bench/identity.py [--contacts 2000] [--repeats 5]
Prints µs per call for: one bare store read (the yardstick: results move with the machine's load),
a first message (contact created), a repeat sender (read-only path), and
a BSUID learned beside a known phone (one write). Store in a temp dir, WAL, as the daemon opens it.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import anyio

from integrations.clock import Clock
from integrations.store import open_store
from integrations.store.identities import Identity


async def main(contacts: int, repeats: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = await open_store(str(Path(tmp) / "bench.db"), Clock())
        try:
            phones = [f"+316{n:08d}" for n in range(contacts)]
            results: dict[str, list[float]] = {"baseline: one store read (SELECT 1)": [], "first message (create)": [],
                                               "repeat sender (read only)": [], "BSUID beside known phone (learn)": []}
            start = time.perf_counter()
            for phone in phones:
                await store.identities.resolve(Identity(phone=phone, wa_id=phone[1:]))
            results["first message (create)"].append((time.perf_counter() - start) / contacts * 1e6)
            for _ in range(repeats):
                start = time.perf_counter()
                for _phone in phones:
                    await store.main.fetchone("SELECT 1")
                results["baseline: one store read (SELECT 1)"].append((time.perf_counter() - start) / contacts * 1e6)
                start = time.perf_counter()
                for phone in phones:
                    await store.identities.resolve(Identity(phone=phone, wa_id=phone[1:]))
                results["repeat sender (read only)"].append((time.perf_counter() - start) / contacts * 1e6)
            start = time.perf_counter()
            for n, phone in enumerate(phones):
                await store.identities.resolve(Identity(phone=phone, bsuid=f"NL.{n:016d}", wa_id=phone[1:]))
            results["BSUID beside known phone (learn)"].append((time.perf_counter() - start) / contacts * 1e6)
        finally:
            await store.close()
    for name, values in results.items():
        print(f"{name}: {statistics.median(values):.0f} µs per call (median of {len(values)} runs of {contacts})")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--contacts", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    anyio.run(main, args.contacts, args.repeats)
