"""`seldenrijk eval FILE`: scripted conversations through the whole pipeline, judged by their checks.

FILE holds one conversation per line (JSON): `id`, `name`, `from`, `turns` (the customer's
messages) and `checks` — the format of the conversation sets, plus one optional key of our own:
`now`, the ISO 8601 moment the conversation starts (default 2026-12-01T07:30:00Z, Tuesday 08:30
in Amsterdam, the moment the sets are written for); the clock runs on from there.

Each conversation runs alone in a fresh temporary store (seeded with the shipped sample stock, which
the conversation sets are written for), with the configured reader (`[llm]`),
business settings and policy, and every integration on its local stand-in (no messages sent, no
CRM or calendar touched). Car names in replies are recognised by the `cars-<set>.json` patterns
beside FILE (`conversations-dev.jsonl` → `cars-dev.json`), else `cars.json`, else by each stock
car's full title.

Exit status: 0 every conversation passed; 1 some failed or could not run; 2 bad usage, an unreadable
FILE or a bad configuration.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, TextIO

import anyio

from actors.dialogue.llm.reader import Fallback
from actors.dialogue.llm.writer import rejection_reasons
from daemon.chat import converse
from daemon.config import (ChatwootConfig, Config, GoogleCalendarConfig, HubSpotConfig, RedisConfig, StoreConfig,
                           TwilioConfig, WahaConfig, WhatsAppConfig)
from daemon.eval_checks import CarPatterns, Check, Judge, Reply
from daemon.runtime import open_runtime
from integrations.clock import Clock
from integrations.phone import PhoneError, normalize
from integrations.stock import parse_stock_csv, sample_stock_text

DEFAULT_START = datetime(2026, 12, 1, 7, 30, tzinfo=timezone.utc)
DEFAULT_FROM = "+31600000001"


class EvalFileError(Exception):
    """FILE cannot be used; the message names the line."""


class RunningClock(Clock):
    """Wall time that starts at a given moment and runs on at the real pace."""

    def __init__(self, start: datetime) -> None:
        self._start = start
        self._t0 = time.monotonic()

    def now(self) -> datetime:
        return self._start + timedelta(seconds=time.monotonic() - self._t0)


@dataclass(frozen=True)
class Conversation:
    id: str
    name: str
    phone: str
    turns: tuple[str, ...]
    checks: tuple[Check, ...]
    start: datetime


@dataclass
class Result:
    conversation: Conversation
    replies: list[Reply] = field(default_factory=list)
    readers: list[str] = field(default_factory=list)
    writers: list[str] = field(default_factory=list)
    verdicts: list[tuple[Check, bool, str]] = field(default_factory=list)
    problem: str | None = None

    @property
    def passed(self) -> bool:
        return self.problem is None and all(ok for _, ok, _ in self.verdicts)


def parse_conversations(text: str) -> list[Conversation]:
    out: list[Conversation] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvalFileError(f"line {number}: not JSON ({exc.msg})") from None
        out.append(_conversation(data, number))
    if not out:
        raise EvalFileError("no conversations")
    ids = [c.id for c in out]
    if len(set(ids)) != len(ids):
        raise EvalFileError("conversation ids must be unique")
    return out


def _conversation(data: Any, number: int) -> Conversation:
    where = f"line {number}"
    if not isinstance(data, dict):
        raise EvalFileError(f"{where}: expected an object")
    cid, turns, checks = data.get("id"), data.get("turns"), data.get("checks", [])
    if not isinstance(cid, str) or not cid:
        raise EvalFileError(f"{where}: id: expected a non-empty string")
    where = f"line {number} ({cid})"
    if not isinstance(turns, list) or not turns or not all(isinstance(t, str) and t.strip() for t in turns):
        raise EvalFileError(f"{where}: turns: expected a non-empty list of messages")
    if not isinstance(checks, list) or not all(isinstance(k, dict) and isinstance(k.get("kind"), str) for k in checks):
        raise EvalFileError(f"{where}: checks: expected a list of objects with a kind")
    for k in checks:
        turn = k.get("turn", "end")
        if turn != "end" and not (isinstance(turn, int) and 1 <= turn <= len(turns)):
            raise EvalFileError(f"{where}: check {k['kind']}: turn must be 1..{len(turns)} or \"end\"")
    try:
        phone = normalize(str(data.get("from") or DEFAULT_FROM))
    except PhoneError as exc:
        raise EvalFileError(f"{where}: from: {exc}") from None
    start = DEFAULT_START
    if data.get("now") is not None:
        try:
            start = datetime.fromisoformat(str(data["now"]))
        except ValueError:
            raise EvalFileError(f"{where}: now: expected an ISO 8601 moment") from None
        if start.tzinfo is None:
            raise EvalFileError(f"{where}: now: needs a UTC offset")
    return Conversation(cid, str(data.get("name") or ""), phone, tuple(turns), tuple(checks), start)


def car_patterns(file: Path) -> CarPatterns:
    stem = file.stem
    names = ([f"cars-{stem.split('-', 1)[1]}.json"] if "-" in stem else []) + ["cars.json"]
    for name in names:
        path = file.with_name(name)
        if path.is_file():
            return CarPatterns.from_file(path)
    return CarPatterns.from_stock(parse_stock_csv(sample_stock_text()))


def eval_config(config: Config, store_path: str) -> Config:
    """The configured reader, business and policy; a private store; every integration local."""
    return config.model_copy(update={
        "store": StoreConfig(path=store_path), "redis": RedisConfig(), "whatsapp": WhatsAppConfig(),
        "twilio": TwilioConfig(), "waha": WahaConfig(), "hubspot": HubSpotConfig(),
        "google_calendar": GoogleCalendarConfig(), "chatwoot": ChatwootConfig()})


async def run_one(config: Config, conv: Conversation, judge: Judge, fallbacks: dict[str, float]) -> Result:
    result = Result(conv)
    with tempfile.TemporaryDirectory(prefix="seldenrijk-eval-") as tmp:
        cfg = eval_config(config, str(Path(tmp) / "store.db"))
        async with open_runtime(cfg, clock=RunningClock(conv.start)) as rt:
            for i, text in enumerate(conv.turns, 1):
                try:
                    out = await converse(rt, conv.phone, conv.name, text)
                except TimeoutError:
                    result.problem = f"message {i}: no reply in time"
                    break
                result.replies.append(out.as_json())
                result.readers.append(out.reader)
                result.writers.append(out.writer)
            for reason in Fallback:
                fallbacks[reason.value] = fallbacks.get(reason.value, 0) + rt.metrics.value(
                    "seldenrijk_llm_fallbacks_total", reason=reason.value)
            for rejected in rejection_reasons():
                key = f"writer_{rejected}"
                fallbacks[key] = fallbacks.get(key, 0) + rt.metrics.value(
                    "seldenrijk_llm_writer_rejections_total", reason=rejected)
    if result.problem is None:
        result.verdicts = judge.judge(conv.checks, result.replies)
    return result


def _short(text: Any, n: int = 200) -> str:
    return "<silent>" if text is None else str(text).replace("\n", " / ")[:n]


def _print_human(r: Result, out: TextIO) -> None:
    conv, failed = r.conversation, sum(not ok for _, ok, _ in r.verdicts)
    if r.problem:
        print(f"FAIL {conv.id}: {r.problem}", file=out)
    elif failed:
        print(f"FAIL {conv.id}: {failed} of {len(r.verdicts)} checks failed", file=out)
    else:
        print(f"PASS {conv.id} ({len(r.verdicts)} checks)", file=out)
    for k, ok, detail in r.verdicts:
        if not ok:
            where = "end" if k.get("turn", "end") == "end" else f"T{k['turn']}"
            print(f"    FAIL {where} {k['kind']}: {k.get('why', '')} -- {detail}", file=out)
    if not r.passed:
        for j, (text, reply, reader) in enumerate(zip(conv.turns, r.replies, r.readers, strict=False), 1):
            flags = "".join([" [handoff]" if reply.get("handoff") else "", " [opted_out]" if reply.get("opted_out") else "",
                             f" [slots {len(reply['offered_slots'])}]" if reply.get("offered_slots") else "",
                             f" [appt {str(reply['appointment']['start'])[:16]}]" if reply.get("appointment") else "",
                             f" [{reader}]"])
            print(f"    T{j} {_short(text, 80)!r} -> {_short(reply.get('body'))!r}{flags}", file=out)
    out.flush()


def _json_line(r: Result) -> dict[str, Any]:
    conv = r.conversation
    return {"id": conv.id, "passed": r.passed, "problem": r.problem, "turns": list(conv.turns), "replies": r.replies,
            "readers": r.readers, "writers": r.writers, "checks": [{**k, "ok": ok, "detail": d} for k, ok, d in r.verdicts]}


async def run_eval(config: Config, file: Path, as_json: bool, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    try:
        conversations = parse_conversations(file.read_text(encoding="utf-8"))
        judge = Judge(car_patterns(file), config.business.timezone)
    except OSError as exc:
        print(f"error: {file}: {exc.strerror}", file=sys.stderr)
        return 2
    except (EvalFileError, ValueError, KeyError) as exc:
        print(f"error: {file}: {exc}", file=sys.stderr)
        return 2
    started = time.monotonic()
    results: list[Result] = []
    fallbacks: dict[str, float] = {}
    for conv in conversations:
        result = await run_one(config, conv, judge, fallbacks)
        results.append(result)
        if as_json:
            print(json.dumps(_json_line(result), ensure_ascii=False), file=out, flush=True)
        else:
            _print_human(result, out)
    passed = sum(r.passed for r in results)
    checks = sum(len(r.verdicts) for r in results)
    held = sum(ok for r in results for _, ok, _ in r.verdicts)
    readers: dict[str, int] = {}
    writers: dict[str, int] = {}
    for r in results:
        for reader in r.readers:
            readers[reader] = readers.get(reader, 0) + 1
        for writer in r.writers:
            writers[writer] = writers.get(writer, 0) + 1
    label = file.stem
    fallback_counts = {k: int(v) for k, v in sorted(fallbacks.items()) if v}
    summary: dict[str, Any] = {"file": label, "conversations": len(results), "passed": passed, "checks": checks, "checks_held": held,
               "readers": readers, "writers": writers, "fallbacks": fallback_counts,
               "model": config.llm.model if config.llm.enabled else None,
               "seconds": round(time.monotonic() - started, 1)}
    if as_json:
        print(json.dumps({"summary": summary}, ensure_ascii=False), file=out, flush=True)
    else:
        reader_text = ", ".join(f"{k} {v}" for k, v in sorted(readers.items())) or "none"
        fallback_text = ", ".join(f"{k} {v}" for k, v in fallback_counts.items()) or "none"
        print(f"checks held: {held}/{checks}; messages read by: {reader_text}; model fallbacks: {fallback_text}", file=out)
        print(f"{label}: passed={passed}/{len(results)}", file=out, flush=True)
    return 0 if passed == len(results) else 1


def run(config: Config, file: str, as_json: bool) -> int:
    return anyio.run(run_eval, config, Path(file), as_json)
