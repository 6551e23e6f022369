"""The burst of DESIGN §10: many phones writing at once, against a real daemon process.

Sends phones × per-phone signed Twilio webhooks over loopback (message k of every phone before
message k+1 of any, so each conversation's messages are spread over the burst) and records,
per message, when it was sent, when it was acknowledged and when its reply reached the local
fake Twilio (replies of one phone arrive in order, so the k-th reply answers the k-th message).
Reports the acknowledgement rate next to a bare Quart route served by the same HTTP code in the
same run, the first reply after the first webhook, replies during the burst, end-to-end
latency, and the daemon's peak descriptors and RSS. With `--before REV` the same burst is also
run against that commit (checked out in a temporary git worktree), side by side.

    python bench/burst.py --phones 2000 --per-phone 3 --concurrency 32 --before 3cbf732

Loopback only; bounded in count (the messages) and time (`--timeout`).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from integrations.twilio_webhook import compute_signature  # noqa: E402
from tests.conftest import ACCOUNT_SID, AUTH_TOKEN, PUBLIC_URL, inbound_params, sid  # noqa: E402
from tests.fakes.twilio import FakeTwilio  # noqa: E402

PATH = "/webhooks/twilio/whatsapp"
TEXTS = ["Hallo", "ik zoek een automaat onder de 20k", "hebben jullie nog golfs?", "wat kost de polo",
         "tot hoe laat zijn jullie open", "waar zitten jullie", "kan ik inruilen?"]


@dataclass
class Request:
    phone: str
    body: bytes
    headers: dict[str, str]
    sent: float = 0.0
    acked: float = 0.0


def build_requests(phones: int, per_phone: int) -> list[Request]:
    out = []
    for k in range(per_phone):
        for p in range(phones):
            phone = f"+3162{p:07d}"
            params = inbound_params(sid(1_000_000 + k * phones + p), TEXTS[(k + p) % len(TEXTS)], phone=phone)
            headers = {"Content-Type": "application/x-www-form-urlencoded",
                       "X-Twilio-Signature": compute_signature(AUTH_TOKEN, PUBLIC_URL + PATH, params)}
            out.append(Request(phone, urlencode(params).encode(), headers))
    return out


async def fire(port: int, requests: list[Request], concurrency: int) -> None:
    queue = iter(requests)
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=concurrency)) as session:

        async def worker() -> None:
            for req in queue:
                req.sent = time.monotonic()
                async with session.post(f"http://127.0.0.1:{port}{PATH}", data=req.body, headers=req.headers) as resp:
                    await resp.read()
                    if resp.status != 200:
                        raise RuntimeError(f"webhook answered {resp.status}")
                req.acked = time.monotonic()

        await asyncio.gather(*(worker() for _ in range(concurrency)))


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] if ordered else float("nan")


@dataclass
class Sampler:
    """Peak descriptors and RSS of a process, sampled every 50 ms in a thread."""

    pid: int
    fds: int = 0
    stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                self.fds = max(self.fds, len(os.listdir(f"/proc/{self.pid}/fd")))
            except OSError:
                return
            time.sleep(0.05)

    def peak_rss_mb(self) -> float:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")


def start(args: list[str], cwd: Path, ready: str) -> tuple[subprocess.Popen[str], dict]:
    proc = subprocess.Popen(args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert proc.stdout is not None
    deadline = time.monotonic() + 60
    for line in proc.stdout:
        try:
            event = json.loads(line)
        except ValueError:
            continue
        if ready in event:
            threading.Thread(target=_drain, args=(proc, os.environ.get("BURST_LOG")), daemon=True).start()
            return proc, event
        if time.monotonic() > deadline:
            break
    proc.kill()
    raise RuntimeError(f"{args} did not start")


def _drain(proc: subprocess.Popen[str], log_path: str | None) -> None:
    """Keep reading the child's output (a full pipe would stop it); keep it in `log_path` if set."""
    assert proc.stdout is not None
    if log_path is None:
        for _ in proc.stdout:
            pass
        return
    with open(log_path, "w", encoding="utf-8") as log:
        for line in proc.stdout:
            log.write(line)


def stop(proc: subprocess.Popen[str]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def bare_rate(requests: list[Request], concurrency: int) -> float:
    proc, ready = start([sys.executable, str(ROOT / "bench" / "bare_app.py")], ROOT, "port")
    try:
        t0 = time.monotonic()
        asyncio.run(fire(ready["port"], requests, concurrency))
        return len(requests) / (time.monotonic() - t0)
    finally:
        stop(proc)


def daemon_run(root: Path, phones: int, per_phone: int, concurrency: int, timeout: float, limits: str) -> dict:
    requests = build_requests(phones, per_phone)
    with tempfile.TemporaryDirectory() as tmp, FakeTwilio(account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN) as fake:
        config = Path(tmp) / "bench.toml"
        config.write_text(
            f'[server]\nport = 0\npublic_url = "{PUBLIC_URL}"\n[store]\npath = "{tmp}/bench.db"\n'
            f'[twilio]\naccount_sid = "{ACCOUNT_SID}"\nauth_token = "{AUTH_TOKEN}"\napi_base_url = "{fake.base_url}"\n'
            f'from = "whatsapp:+14155238886"\n[limits]\nrate_per_minute = 1000\n{limits}[logging]\nlevel = "info"\n')
        proc, ready = start([sys.executable, "-m", "daemon", "run", "--config", str(config)], root, "port")
        sampler = Sampler(proc.pid)
        threading.Thread(target=sampler.run, daemon=True).start()
        try:
            asyncio.run(fire(ready["port"], requests, concurrency))
            burst_end = max(r.acked for r in requests)
            fake.wait_for(lambda: len(fake.arrivals) >= len(requests), timeout=timeout)
            rss = sampler.peak_rss_mb()
        finally:
            sampler.stop.set()
            stop(proc)
        arrivals = list(fake.arrivals)
    first_sent = min(r.sent for r in requests)
    by_phone: dict[str, list[float]] = {}
    for at, to in sorted(arrivals):
        by_phone.setdefault(to.removeprefix("whatsapp:"), []).append(at)
    latencies = []
    for phone in {r.phone for r in requests}:
        mine = [r for r in requests if r.phone == phone]
        for req, at in zip(mine, by_phone.get(phone, []), strict=False):
            latencies.append(at - req.sent)
    acks = [r.acked - r.sent for r in requests]
    return {
        "messages": len(requests),
        "acked_per_s": round(len(requests) / (burst_end - first_sent), 1),
        "ack_p50_ms": round(pct(acks, 50) * 1000, 1),
        "ack_p99_ms": round(pct(acks, 99) * 1000, 1),
        "burst_s": round(burst_end - first_sent, 2),
        "first_reply_s": round(min(at for at, _ in arrivals) - first_sent, 2) if arrivals else None,
        "replies_during_burst": sum(1 for at, _ in arrivals if at <= burst_end),
        "replies": len(arrivals),
        "e2e_p50_s": round(pct(latencies, 50), 2),
        "e2e_p99_s": round(pct(latencies, 99), 2),
        "last_reply_s": round(max(at for at, _ in arrivals) - first_sent, 2) if arrivals else None,
        "peak_fds": sampler.fds,
        "peak_rss_mb": round(rss, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--phones", type=int, default=2000)
    parser.add_argument("--per-phone", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--before", help="also run the burst against this commit, side by side")
    parser.add_argument("--max-active", type=int, help="limits.max_active_conversations for the daemons")
    args = parser.parse_args()
    results: dict[str, dict] = {}
    limits = f"max_active_conversations = {args.max_active}\n" if args.max_active else ""
    bare = bare_rate(build_requests(args.phones, args.per_phone), args.concurrency)
    if args.before:
        with tempfile.TemporaryDirectory() as tmp:
            tree = Path(tmp) / "before"
            subprocess.run(["git", "worktree", "add", "--detach", "-q", str(tree), args.before], cwd=ROOT, check=True)
            try:
                results[args.before] = daemon_run(tree, args.phones, args.per_phone, args.concurrency, args.timeout,
                                                     limits)
            finally:
                subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=False)
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    results[head or "this tree"] = daemon_run(ROOT, args.phones, args.per_phone, args.concurrency, args.timeout,
                                                    limits)
    print(f"bare Quart route, same HTTP code: {bare:.0f} acked/s")
    names = list(results)
    keys = list(results[names[0]])
    print(f"{'':>22} " + " ".join(f"{n:>12}" for n in names))
    for key in keys:
        print(f"{key:>22} " + " ".join(f"{results[n][key]!s:>12}" for n in names))
    for name in names:
        print(f"{name}: acknowledgements at {results[name]['acked_per_s'] / bare:.0%} of the bare route")


if __name__ == "__main__":
    main()
