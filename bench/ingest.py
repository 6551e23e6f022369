"""Webhook burst benchmark: a real daemon process, signed webhooks over loopback, replies to a fake Twilio.

Measures how fast webhooks are acknowledged (the 200 after the durable inbox commit), their
latency, and how replies keep flowing while the burst lasts (DESIGN §10). Loopback only,
bounded in count and time.

    python bench/ingest.py --messages 1000 --phones 250 --concurrency 16
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from integrations.twilio_webhook import compute_signature  # noqa: E402
from tests.conftest import ACCOUNT_SID, AUTH_TOKEN, PUBLIC_URL, inbound_params, sid  # noqa: E402
from tests.daemon_process import Daemon, write_config  # noqa: E402
from tests.fakes.twilio import FakeTwilio  # noqa: E402

TEXTS = ["Hallo", "ik zoek een automaat onder de 20k", "hebben jullie nog golfs?", "wat kost de polo",
         "kan ik een proefrit maken", "tot hoe laat zijn jullie open", "waar zitten jullie"]


async def burst(port: int, messages: int, phones: int, concurrency: int) -> tuple[list[float], float, list[float]]:
    queue: asyncio.Queue[int] = asyncio.Queue()
    for n in range(messages):
        queue.put_nowait(n)
    latencies: list[float] = []
    ack_times: list[float] = []
    start = time.perf_counter()
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=concurrency)) as session:

        async def worker() -> None:
            while True:
                try:
                    n = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                phone = f"+3162{n % phones:07d}"
                params = inbound_params(sid(10_000 + n), TEXTS[n % len(TEXTS)], phone=phone)
                body = urlencode(params)
                headers = {"Content-Type": "application/x-www-form-urlencoded",
                           "X-Twilio-Signature": compute_signature(AUTH_TOKEN, PUBLIC_URL + "/webhooks/twilio/whatsapp",
                                                                   params)}
                t0 = time.perf_counter()
                async with session.post(f"http://127.0.0.1:{port}/webhooks/twilio/whatsapp", data=body,
                                        headers=headers) as resp:
                    await resp.read()
                    assert resp.status == 200, resp.status
                t1 = time.perf_counter()
                latencies.append(t1 - t0)
                ack_times.append(t1 - start)

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return latencies, time.perf_counter() - start, ack_times


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--phones", type=int, default=250)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, FakeTwilio(account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN) as fake:
        config = write_config(Path(tmp) / "bench.toml", (
            f'[server]\nport = 0\npublic_url = "{PUBLIC_URL}"\n[store]\npath = "{tmp}/bench.db"\n'
            f'[twilio]\naccount_sid = "{ACCOUNT_SID}"\nauth_token = "{AUTH_TOKEN}"\napi_base_url = "{fake.base_url}"\n'
            'from = "whatsapp:+14155238886"\n[limits]\nrate_per_minute = 1000\n[logging]\nlevel = "info"\n'))
        daemon = Daemon(config).start()
        try:
            latencies, elapsed, ack_times = asyncio.run(burst(daemon.port, args.messages, args.phones,
                                                              args.concurrency))
            burst_end = time.perf_counter()
            replies_during_burst = len(fake.sent)
            fake.wait_for(lambda: len(fake.sent) >= args.messages, timeout=300)
            all_done = time.perf_counter() - burst_end + elapsed
        finally:
            daemon.stop()
        result = {
            "messages": args.messages, "phones": args.phones, "concurrency": args.concurrency,
            "acked_per_s": round(args.messages / elapsed, 1),
            "ack_p50_ms": round(statistics.median(latencies) * 1000, 2),
            "ack_p99_ms": round(pct(latencies, 99) * 1000, 2),
            "replies_during_burst": replies_during_burst,
            "replies_total": len(fake.sent),
            "end_to_end_s": round(all_done, 2),
            "replies_per_s": round(len(fake.sent) / all_done, 1),
        }
    print(json.dumps(result) if args.json else "\n".join(f"{k:>22}: {v}" for k, v in result.items()))


if __name__ == "__main__":
    main()
