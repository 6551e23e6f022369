"""Several daemons on one PostgreSQL and one Redis, beside one daemon on SQLite, measured in one run.

The same signed Twilio webhooks (phones × per-phone, message k of every phone before message k+1
of any) are spread round-robin over the daemons of each set-up; replies go to one local fake
Twilio. Reports webhooks acknowledged per second and end-to-end throughput (replies per second,
first webhook sent → last reply at the fake). Every set-up gets a fresh store and Redis database.

    python bench/instances.py --phones 300 --per-phone 3 --concurrency 32

Needs a PostgreSQL where user postgres may create databases (`make postgres` starts one) and
Redis on 127.0.0.1:6379 (`make redis`); it uses Redis database 15 and drops what it creates.
Loopback only; bounded in count and time (`--timeout`).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import secrets
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import redis

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.burst import ACCOUNT_SID, AUTH_TOKEN, PUBLIC_URL, FakeTwilio, build_requests, fire, start, stop  # noqa: E402

ADMIN = os.environ.get("SELDENRIJK_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS = "redis://127.0.0.1:6379/15"


def setup_run(instances: int, postgres: bool, phones: int, per_phone: int, concurrency: int, timeout: float) -> dict:
    requests = build_requests(phones, per_phone)
    name = f"seldenrijk_bench_{secrets.token_hex(4)}"
    url = urlsplit(ADMIN)._replace(path=f"/{name}").geturl()
    redis.Redis.from_url(REDIS).flushdb()
    if postgres:
        with psycopg.connect(ADMIN, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
    procs = []
    try:
        with tempfile.TemporaryDirectory() as tmp, FakeTwilio(account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN) as fake:
            store = f'url = "{url}"\n' if postgres else ""
            ports = []
            for n in range(instances):
                config = Path(tmp) / f"bench{n}.toml"
                config.write_text(
                    f'[server]\nport = 0\npublic_url = "{PUBLIC_URL}"\n[store]\npath = "{tmp}/bench{n}.db"\n{store}'
                    f'[redis]\nurl = "{REDIS if postgres else ""}"\n'
                    f'[twilio]\naccount_sid = "{ACCOUNT_SID}"\nauth_token = "{AUTH_TOKEN}"\napi_base_url = "{fake.base_url}"\n'
                    f'from = "whatsapp:+14155238886"\n[limits]\nrate_per_minute = 1000\n[logging]\nlevel = "info"\n')
                proc, ready = start([sys.executable, "-m", "daemon", "run", "--config", str(config)], ROOT, "port")
                procs.append(proc)
                ports.append(ready["port"])
            shares: list[list] = [[] for _ in ports]
            for req, n in zip(requests, itertools.cycle(range(len(ports)))):
                shares[n].append(req)

            async def burst() -> None:
                await asyncio.gather(*(fire(port, share, max(concurrency // len(ports), 1))
                                       for port, share in zip(ports, shares, strict=True)))

            asyncio.run(burst())
            first_sent = min(r.sent for r in requests)
            burst_end = max(r.acked for r in requests)
            fake.wait_for(lambda: len(fake.arrivals) >= len(requests), timeout=timeout)
            arrivals = list(fake.arrivals)
    finally:
        for proc in procs:
            stop(proc)
        if postgres:
            with psycopg.connect(ADMIN, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        redis.Redis.from_url(REDIS).flushdb()
    last = max(at for at, _ in arrivals) if arrivals else float("nan")
    return {
        "setup": f"{instances} × {'PostgreSQL' if postgres else 'SQLite'}",
        "messages": len(requests),
        "acked_per_s": round(len(requests) / (burst_end - first_sent), 1),
        "replies": len(arrivals),
        "replies_per_s": round(len(arrivals) / (last - first_sent), 1),
        "last_reply_s": round(last - first_sent, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--phones", type=int, default=300)
    parser.add_argument("--per-phone", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args()
    for instances, postgres in ((1, False), (1, True), (3, True)):
        print(json.dumps(setup_run(instances, postgres, args.phones, args.per_phone, args.concurrency, args.timeout)),
              flush=True)


if __name__ == "__main__":
    main()
