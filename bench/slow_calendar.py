"""A slow Google Calendar under a burst of test-drive requests (issue 9, item 5).

The real runtime and dialogue with the ingress app in process, the fake Google Calendar
answering freeBusy after `--delay` seconds and the fake Twilio, on loopback. `--drives` phones
ask for a test drive at once, then `--questions` other phones ask the opening hours. Reported per
run: seconds from each webhook to its first reply (test drives and questions apart), to the
test drive's offer of times, and the freeBusy calls made. Run twice in one go: with the turn's
budget and with `answer_within_seconds = 0` (wait for the calendar, as before),
after a warm-up run of the same size that is not reported.

    python bench/slow_calendar.py --drives 70 --questions 10 --delay 10 --budgets 4,0

Loopback only; bounded in count and time.
"""

from __future__ import annotations

import argparse
import os
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import ACCOUNT_SID, AUTH_TOKEN, inbound_params, make_config, running, sid, signed  # noqa: E402
from tests.fakes.google_calendar import FakeGoogleCalendar  # noqa: E402
from tests.fakes.twilio import FakeTwilio  # noqa: E402

PATH = "/webhooks/twilio/whatsapp"
CALENDAR = "proefritten@seldenrijk.nl"
KEYCAP_ONE = "1\ufe0f\u20e3"


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _line(name: str, values: list[float]) -> str:
    if not values:
        return f"{name}: none"
    return (f"{name}: n={len(values)} p50={statistics.median(values):.2f}s p99={_pct(values, 0.99):.2f}s "
            f"max={max(values):.2f}s")


async def run(drives: int, questions: int, delay: float, budget: float, timeout: float) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp, FakeTwilio(account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN) as twilio, \
            FakeGoogleCalendar() as calendar:
        calendar.freebusy_delay = delay
        config = make_config(Path(tmp), twilio, google_calendar={"calendar_id": CALENDAR, "base_url": calendar.base_url,
                                                                  "answer_within_seconds": budget},
                             logging={"level": os.environ.get("BENCH_LOG", "warning")})
        async with running(config) as (_rt, client):
            posted: dict[str, float] = {}

            async def post(n: int, phone: str, text: str) -> None:
                body, headers = signed(PATH, inbound_params(sid(n), text, phone=phone))
                posted[f"whatsapp:{phone}"] = time.monotonic()
                assert (await client.post(PATH, data=body, headers=headers)).status_code == 200

            drive_phones = [f"+3161000{n:04d}" for n in range(drives)]
            question_phones = [f"+3162000{n:04d}" for n in range(questions)]
            await asyncio.gather(*(post(n, p, "ik wil een proefrit maken met de golf") for n, p in enumerate(drive_phones)))
            await asyncio.gather(*(post(10_000 + n, p, "wat zijn jullie openingstijden?")
                                   for n, p in enumerate(question_phones)))
            first: dict[str, float] = {}
            offer: dict[str, float] = {}
            deadline = time.monotonic() + timeout
            wanted = {f"whatsapp:{p}" for p in drive_phones}
            while time.monotonic() < deadline and (len(offer) < drives or len(first) < drives + questions):
                now = time.monotonic()
                for m in twilio.sent:
                    to = m["to"]
                    first.setdefault(to, now)
                    if to in wanted and KEYCAP_ONE in (m.get("body") or ""):
                        offer.setdefault(to, now)
                await asyncio.sleep(0.02)
            return {
                "drive_first": [first[t] - posted[t] for t in wanted if t in first],
                "drive_offer": [offer[t] - posted[t] for t in wanted if t in offer],
                "question_first": [first[f"whatsapp:{p}"] - posted[f"whatsapp:{p}"] for p in question_phones
                                   if f"whatsapp:{p}" in first],
                "freebusy_calls": len(calendar.requests_to("POST", r"/calendar/v3/freeBusy")),
            }


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drives", type=int, default=70)
    parser.add_argument("--questions", type=int, default=10)
    parser.add_argument("--delay", type=float, default=10.0)
    parser.add_argument("--budgets", default="4,0", help="answer_within_seconds values, run in this order")
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()
    budgets = [float(b) for b in args.budgets.split(",")]
    # warm-up of the same size with a fast calendar, not reported: imports, client build, caches (without
    # it the first run measured is seconds slower, whichever budget it has)
    await run(args.drives, args.questions, 0.5, budgets[0], args.timeout)
    for budget in budgets:
        result = await run(args.drives, args.questions, args.delay, budget, args.timeout)
        print(f"answer_within_seconds={budget:g} (calendar {args.delay:g}s, {args.drives} drives, "
              f"{args.questions} questions)")
        print("  " + _line("test drive, first reply", result["drive_first"]))  # type: ignore[arg-type]
        print("  " + _line("test drive, offer of times", result["drive_offer"]))  # type: ignore[arg-type]
        print("  " + _line("opening hours, reply", result["question_first"]))  # type: ignore[arg-type]
        print(f"  freeBusy calls: {result['freebusy_calls']}")


if __name__ == "__main__":
    asyncio.run(main())
