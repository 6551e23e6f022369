"""Voice notes of WhatsApp's maximum size attached in Chatwoot (issue 10, media).

The real runtime and dialogue with the ingress app in process, the fake Twilio serving the files
(Basic auth, then a redirect) and the fake Chatwoot taking them as multipart, on loopback.
`--notes` customers each send one voice note of `--mb` megabytes at once. Reported: seconds from
each webhook to its reply (which must not wait for the file), to its attachment in Chatwoot, and
the process's peak RSS growth (files are held in memory one at a time by the Chatwoot actor).

    python bench/media.py --notes 10 --mb 16

Loopback only; bounded in count and size.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import ACCOUNT_SID, AUTH_TOKEN, inbound_params, make_config, running, sid, signed  # noqa: E402
from tests.fakes.chatwoot import FakeChatwoot  # noqa: E402
from tests.fakes.twilio import FakeTwilio  # noqa: E402

PATH = "/webhooks/twilio/whatsapp"


def _line(name: str, values: list[float]) -> str:
    return (f"{name}: n={len(values)} p50={statistics.median(values):.2f}s max={max(values):.2f}s"
            if values else f"{name}: none")


async def run(notes: int, mb: int, timeout: float) -> None:
    size = mb * 1024 * 1024
    with tempfile.TemporaryDirectory() as tmp, FakeTwilio(account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN) as twilio, \
            FakeChatwoot() as chatwoot:
        config = make_config(Path(tmp), twilio, twilio={"media_max_bytes": size},
                             chatwoot={"base_url": chatwoot.base_url, "api_token": "cw-token", "account_id": 1,
                                       "inbox_id": 1, "webhook_secret": "cw-secret"},
                             logging={"level": os.environ.get("BENCH_LOG", "warning")})
        data = b"OggS" + os.urandom(size - 4)
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        async with running(config) as (_rt, client):
            posted: dict[str, float] = {}
            for n in range(notes):
                phone = f"+316{n:08d}"
                url = twilio.add_media(sid(n), data, "audio/ogg")
                params = [(k, v) for k, v in inbound_params(sid(n), "", phone=phone) if k not in ("NumMedia",)]
                params += [("NumMedia", "1"), ("MediaUrl0", url), ("MediaContentType0", "audio/ogg")]
                body, headers = signed(PATH, params)
                posted[phone] = time.monotonic()
                assert (await client.post(PATH, data=body, headers=headers)).status_code == 200
            replied: dict[str, float] = {}
            attached: list[float] = []
            deadline = time.monotonic() + timeout
            start = min(posted.values())
            while time.monotonic() < deadline:
                for arrival, to in twilio.arrivals:
                    replied.setdefault(to.removeprefix("whatsapp:"), arrival)
                done = [m for m in chatwoot.messages if m["attachments"]]
                if len(done) == notes and len(replied) >= notes:
                    break
                await asyncio.sleep(0.05)
            attached = [time.monotonic() - start]  # the last attachment, from the first webhook
            ok = sum(a["file_size"] == size for m in chatwoot.messages for a in m["attachments"])
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{notes} voice notes of {mb} MB: {ok} attached intact")
    print(_line("webhook → reply", [replied[p] - posted[p] for p in posted if p in replied]))
    print(f"first webhook → last attachment: {attached[0]:.2f}s")
    print(f"peak RSS growth: {rss_after - rss_before:.0f} MB (includes the test's own copies of the files)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=10)
    parser.add_argument("--mb", type=int, default=16)
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args()
    if not (1 <= args.notes <= 50 and 1 <= args.mb <= 16):
        parser.error("bounded: 1-50 notes of 1-16 MB")
    asyncio.run(run(args.notes, args.mb, args.timeout))


if __name__ == "__main__":
    main()
