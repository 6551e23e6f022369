"""Rule reader against scripted models on the same conversations, through `seldenrijk eval`'s runner.

Usage (from the project root):
    python3 bench/model_reader_eval.py [FILE]        # default ../shared/eval/conversations-dev.jsonl

Each scenario runs every conversation of FILE through the whole pipeline (fresh store each, local
integrations, the real `openai` SDK against the loopback `FakeOpenAI`) and prints the conversations
passed, the checks held, which reader read how many messages, the fallbacks and the time:

- rules: no model configured;
- oracle: a model that reads from the prompt alone what the rule reader reads with the full state
  (understanding held equal, so any difference is the prompt's or the dialogue's);
- flaky oracle: the same, but every third call fails (500, 429, a timeout in turn): the rule
  reader answers those messages;
- confused: every fourth message read as `unknown` (a model that misunderstands): what
  understanding errors cost the dialogue;
- oracle + honest writer: read+write, the writer rewords the phrasebook reply without changing a fact;
- oracle + lying writer: read+write, the writer changes every price and every time: all rejected.

Always exits 0: a measuring tool.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path
from typing import Any, Callable

import anyio

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from daemon.config import build  # noqa: E402
from daemon.eval_run import run_eval  # noqa: E402
from daemon.logs import LogSettings, configure  # noqa: E402
from tests.fakes.http import Response  # noqa: E402
from tests.fakes.openai_chat import FakeOpenAI, completion, error  # noqa: E402
from tests.model_oracle import RuleOracle  # noqa: E402

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "conversations-dev.jsonl"
BUDGET = 2.0


class Scripted:
    def __init__(self, writer: Callable[[str], str] | None = None, confuse_every: int = 0) -> None:
        self.oracle = RuleOracle()
        self.writer = writer
        self.confuse_every = confuse_every
        self.reads = 0

    def __call__(self, body: dict[str, Any]) -> dict[str, Any]:
        if body["response_format"]["json_schema"]["name"] == "reply":
            draft = json.loads(body["messages"][-1]["content"])["draft"]
            return {"reply": self.writer(draft) if self.writer else draft}
        self.reads += 1
        reading = self.oracle(body)
        if self.confuse_every and self.reads % self.confuse_every == 0:
            first = reading["acts"][0]
            reading["acts"] = [{**first, "kind": "unknown", "cars": [], "criteria": None, "when": None}]
        return reading


class Flaky(FakeOpenAI):
    """Every third request fails, in turn with a 500, a 429 and an answer later than the budget."""

    def __init__(self, reader: Scripted) -> None:
        super().__init__(reader)
        self.count = 0

    def _dispatch(self, request: Any) -> Response:
        self.count += 1
        if self.count % 3 == 0:
            with self.lock:
                self._requests.append(request)
            kind = (self.count // 3) % 3
            if kind == 0:
                return error(500)
            if kind == 1:
                return error(429, retry_after=1)
            return completion("{}", delay=BUDGET + 0.5)
        return super()._dispatch(request)


def honest(draft: str) -> str:
    return "Goed dat je het vraagt! " + draft if not re.search(r"\b(the|you|your)\b", draft) else "Sure! " + draft


def lying(draft: str) -> str:
    text = re.sub(r"€ ?(\d{1,3})[.,](\d{3})", lambda m: f"€ {int(m.group(1)) - 1}.{m.group(2)}", draft)
    return re.sub(r"\b(\d{1,2}):00\b", r"\1:30", text) if text == draft else text


async def scenario(name: str, file: Path, fake: FakeOpenAI | None, mode: str = "read") -> dict[str, Any]:
    data: dict[str, Any] = {}
    if fake is not None:
        data["llm"] = {"base_url": fake.base_url_v1, "api_key": "sk-test", "model": name, "timeout_seconds": BUDGET,
                       "mode": mode}
    out = _Capture()
    started = time.perf_counter()
    await run_eval(build(data), file, True, out)
    summary: dict[str, Any] = json.loads(out.lines[-1])["summary"]
    summary["wall_s"] = round(time.perf_counter() - started, 1)
    return summary


class _Capture:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self._buffer = ""

    def write(self, text: str) -> int:
        self._buffer += text
        *done, self._buffer = self._buffer.split("\n")
        self.lines.extend(done)
        return len(text)

    def flush(self) -> None:
        pass


async def main(file: Path) -> None:
    rows: list[tuple[str, dict[str, Any], dict[str, float]]] = []
    rows.append(("rules", await scenario("rules", file, None), {}))
    for name, fake, mode in (
        ("oracle", FakeOpenAI(Scripted()), "read"),
        ("flaky oracle", Flaky(Scripted()), "read"),
        ("confused (1 in 4 unknown)", FakeOpenAI(Scripted(confuse_every=4)), "read"),
        ("oracle + honest writer", FakeOpenAI(Scripted(writer=honest)), "read+write"),
        ("oracle + lying writer", FakeOpenAI(Scripted(writer=lying)), "read+write"),
    ):
        with fake:
            rows.append((name, await scenario(name, file, fake, mode), {}))
    print(f"| scenario ({file.name}) | passed | checks held | read by model / rules | worded by model / phrasebook "
          "| fallbacks and rejections | s |")
    print("|---|---|---|---|---|---|---|")
    for name, s, _ in rows:
        readers = s["readers"]
        fallbacks = ", ".join(f"{k} {v}" for k, v in s["fallbacks"].items()) or "–"
        writers = s["writers"]
        print(f"| {name} | {s['passed']}/{s['conversations']} | {s['checks_held']}/{s['checks']} | "
              f"{readers.get('model', 0)} / {readers.get('rules', 0)} | "
              f"{writers.get('model', 0)} / {writers.get('phrasebook', 0)} | {fallbacks} | {s['wall_s']} |")


if __name__ == "__main__":
    configure(LogSettings("error"), "json", stream=sys.stderr)
    anyio.run(main, Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
