"""`seldenrijk eval FILE [--config PATH] [--json]`: conversations through the whole pipeline, judged by checks.

Runs through the real command line (`daemon.cli.main`) on `tests/eval_conversations.jsonl`; with a
model configured it talks through the real `openai` SDK to `FakeOpenAI`.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

import pytest
import structlog

from daemon.cli import main
from daemon.eval_checks import CarPatterns, Judge
from integrations.stock import parse_stock_csv, sample_stock_text
from tests.conftest import SHARED
from tests.fakes.openai_chat import PATH, FakeOpenAI, error
from tests.model_oracle import RuleOracle

SMALL = Path(__file__).with_name("eval_conversations.jsonl")
DEV = SHARED / "eval" / "conversations-dev.jsonl"


@pytest.fixture(autouse=True)
def _restore_structlog() -> Iterator[None]:
    """`main` configures logging for the process; leave it as the next test expects it."""
    saved = structlog.get_config()
    yield
    structlog.configure(**saved)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["eval", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def config_file(tmp_path: Path, text: str = "") -> str:
    path = tmp_path / "seldenrijk.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_every_conversation_passes_and_the_summary_is_the_last_line(tmp_path, capsys) -> None:
    code, out, _ = run(capsys, str(SMALL), "--config", config_file(tmp_path))
    lines = out.splitlines()
    assert code == 0
    assert [line.split()[0] for line in lines[:3]] == ["PASS", "PASS", "PASS"]
    assert lines[0] == "PASS e01-golf-three-messages (5 checks)"
    assert lines[-2] == "checks held: 12/12; messages read by: rules 7; model fallbacks: none"
    assert lines[-1] == "eval_conversations: passed=3/3"


def test_json_gives_one_line_per_conversation_and_a_summary(tmp_path, capsys) -> None:
    code, out, _ = run(capsys, str(SMALL), "--config", config_file(tmp_path), "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(rows) == 4
    first = rows[0]
    assert first["id"] == "e01-golf-three-messages" and first["passed"] is True
    assert len(first["replies"]) == 3 and first["readers"] == ["rules"] * 3
    assert first["replies"][2]["appointment"]["car"].startswith("Volkswagen Golf")
    assert all(c["ok"] for c in first["checks"]) and "why" in first["checks"][0]
    summary = rows[-1]["summary"]
    assert summary["conversations"] == 3 and summary["passed"] == 3 and summary["checks_held"] == 12
    assert summary["readers"] == {"rules": 7} and summary["model"] is None


def test_a_failing_check_is_reported_with_its_why_and_the_transcript_and_exits_1(tmp_path, capsys) -> None:
    convo = {"id": "x01", "name": "Jan", "from": "+31612340999", "turns": ["wanneer zijn jullie open?"],
             "checks": [{"kind": "mentions", "turn": 1, "re": ["zondag.*24 uur"], "why": "open day and night"},
                        {"kind": "replied", "turn": 1, "why": "answered"},
                        {"kind": "teleport", "turn": 1, "why": "an unknown kind fails"}]}
    file = tmp_path / "conversations-mine.jsonl"
    file.write_text(json.dumps(convo) + "\n", encoding="utf-8")
    code, out, _ = run(capsys, str(file), "--config", config_file(tmp_path))
    assert code == 1
    assert "FAIL x01: 2 of 3 checks failed" in out
    assert "    FAIL T1 mentions: open day and night -- lacks /zondag.*24 uur/" in out
    assert "unknown check kind 'teleport'" in out
    assert "    T1 'wanneer zijn jullie open?' -> " in out and "[rules]" in out
    assert out.splitlines()[-1] == "conversations-mine: passed=0/1"


@pytest.mark.parametrize("text, message", [
    ("{not json", "line 1: not JSON"),
    ('{"id": "a", "turns": []}', "line 1 (a): turns"),
    ('{"id": "a", "turns": ["hoi"], "checks": [{"kind": "replied", "turn": 2}]}', "turn must be 1..1"),
    ('{"id": "a", "turns": ["hoi"], "from": "12"}', "line 1 (a): from"),
    ('{"id": "a", "turns": ["hoi"], "now": "dinsdag"}', "now: expected an ISO 8601 moment"),
    ('{"id": "a", "turns": ["hoi"]}\n{"id": "a", "turns": ["hoi"]}', "ids must be unique"),
    ("", "no conversations"),
])
def test_an_unusable_file_exits_2_naming_the_line(tmp_path, capsys, text: str, message: str) -> None:
    file = tmp_path / "c.jsonl"
    file.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, str(file), "--config", config_file(tmp_path))
    assert code == 2 and out == ""
    assert message in err


def test_a_missing_file_or_a_bad_config_exits_2(tmp_path, capsys) -> None:
    code, _, err = run(capsys, str(tmp_path / "nope.jsonl"), "--config", config_file(tmp_path))
    assert code == 2 and "nope.jsonl" in err
    with pytest.raises(SystemExit) as exc:
        main(["eval", str(SMALL), "--config", config_file(tmp_path, '[llm]\nbase_url = "http://127.0.0.1:9/v1"\n')])
    assert exc.value.code == 2
    assert "llm.model" in capsys.readouterr().err


def test_the_configured_model_reads_and_its_fallbacks_are_counted(tmp_path, capsys) -> None:
    with FakeOpenAI(RuleOracle()) as fake:
        fake.script("POST", PATH, error(500))
        config = config_file(tmp_path, f'[llm]\nbase_url = "{fake.base_url_v1}"\napi_key = "sk-test"\nmodel = "m"\n')
        code, out, _ = run(capsys, str(SMALL), "--config", config, "--json")
    summary = json.loads(out.splitlines()[-1])["summary"]
    assert code == 0
    assert summary["readers"] == {"model": 6, "rules": 1} and summary["fallbacks"] == {"server_error": 1}
    assert summary["model"] == "m"


def test_integrations_stay_local_whatever_the_config_says(tmp_path, capsys) -> None:
    """A dealer's real config may be used: eval never sends a message or touches the CRM."""
    from tests.fakes.hubspot import FakeHubSpot
    from tests.fakes.twilio import FakeTwilio

    with FakeTwilio(account_sid="AC" + "0" * 32, auth_token="t") as twilio, FakeHubSpot() as hubspot:
        config = config_file(tmp_path, f'[twilio]\naccount_sid = "{"AC" + "0" * 32}"\nauth_token = "t"\n'
                                       f'api_base_url = "{twilio.base_url}"\nfrom = "whatsapp:+14155238886"\n'
                                       f'[hubspot]\naccess_token = "pat-eu1-x"\nbase_url = "{hubspot.base_url}"\n')
        code, _, _ = run(capsys, str(SMALL), "--config", config)
        assert code == 0
        assert twilio.requests == [] and hubspot.requests == []


def test_each_conversation_starts_at_its_own_moment(tmp_path, capsys) -> None:
    """`now` (our superset of the format) sets the clock: on a Sunday 'vandaag' is closed."""
    convo = {"id": "s1", "turns": ["zijn jullie vandaag open?"], "now": "2026-12-06T10:00:00+01:00",
             "checks": [{"kind": "mentions", "turn": 1, "re": ["gesloten|dicht|niet open"], "why": "closed on Sunday"}]}
    file = tmp_path / "c.jsonl"
    file.write_text(json.dumps(convo), encoding="utf-8")
    code, out, _ = run(capsys, str(file), "--config", config_file(tmp_path))
    assert code == 0, out


@pytest.mark.skipif(not DEV.exists(), reason="the shared conversation set is not beside the project")
def test_the_dev_set_read_by_an_oracle_model_passes_like_the_rules(tmp_path, capsys) -> None:
    """The oracle reads from the prompt alone what the rule reader reads with the full state: the
    dialogue then passes the same conversations, so the prompt carries what a reader needs."""
    with FakeOpenAI(RuleOracle()) as fake:
        config = config_file(tmp_path, f'[llm]\nbase_url = "{fake.base_url_v1}"\napi_key = "sk-test"\nmodel = "oracle"\n'
                                       "timeout_seconds = 10\n")
        code, out, _ = run(capsys, str(DEV), "--config", config, "--json")
    summary = json.loads(out.splitlines()[-1])["summary"]
    assert summary["passed"] >= summary["conversations"] - 2, out
    assert summary["readers"].get("model", 0) >= 160 and not summary["fallbacks"]


# -- the judge, check by check ----------------------------------------------------------------------

def reply(body: str | None = "", **values: Any) -> dict[str, Any]:
    return {"body": body, "handoff": False, "opted_out": False, "offered_slots": None, "appointment": None, **values}


def slot(hour: int, day: int = 2) -> dict[str, str]:
    start = datetime(2026, 12, day, hour - 1, 0, tzinfo=timezone.utc).isoformat()
    end = datetime(2026, 12, day, hour, 0, tzinfo=timezone.utc).isoformat()
    return {"start": start, "end": end, "label": f"{hour}:00"}


JUDGE = Judge(CarPatterns.from_stock(parse_stock_csv(sample_stock_text())))
CASES: list[tuple[dict[str, Any], list[dict[str, Any]], bool]] = [
    ({"kind": "mentions", "turn": 1, "re": ["golf", "13[.,]950"]}, [reply("De Golf kost € 13.950")], True),
    ({"kind": "mentions", "turn": 1, "re": ["golf"]}, [reply(None)], False),
    ({"kind": "not_mentions", "turn": 1, "re": ["korting"]}, [reply(None)], True),
    ({"kind": "no_fallback", "turn": 1}, [reply("Sorry, dat begreep ik niet.")], False),
    ({"kind": "language", "turn": 1, "lang": "en"}, [reply("Yes, we are open on Saturday until six.")], True),
    ({"kind": "language", "turn": 1, "lang": "nl"}, [reply("Yes, we are open on Saturday until six.")], False),
    ({"kind": "handoff", "turn": 2, "value": True}, [reply("x", handoff=True), reply(None)], True),
    ({"kind": "opted_out", "turn": 2, "value": False}, [reply("x", opted_out=True), reply("y")], False),
    ({"kind": "cars_mentioned_only", "turn": 1, "ids": ["SR2401"]},
     [reply("Volkswagen Golf 1.0 TSI Comfortline – € 13.950")], True),
    ({"kind": "cars_mentioned_only", "turn": 1, "ids": ["SR2401"]}, [reply("of de € 24.950")], False),
    ({"kind": "offered_slots_on", "turn": 1, "date": "2026-12-02", "hour": 14}, [reply("x", offered_slots=[slot(14)])],
     True),
    ({"kind": "offered_slots_on", "turn": 1, "hour_max": 12, "all": True},
     [reply("x", offered_slots=[slot(10), slot(15)])], False),
    ({"kind": "appointment", "turn": "end", "offered_index": -1, "offer_before": 2, "car": "golf"},
     [reply("x", offered_slots=[slot(10), slot(15)]),
      reply("ok", appointment={**slot(15), "car": "Volkswagen Golf 1.0 TSI Comfortline"})], True),
    ({"kind": "appointment", "turn": "end", "exists": False}, [reply("x", appointment={**slot(15), "car": "x"}), reply(None)],
     False),
]


@pytest.mark.parametrize("check, replies, holds", CASES)
def test_check_kinds(check: dict[str, Any], replies: list[dict[str, Any]], holds: bool) -> None:
    ok, detail = JUDGE.check(check, replies)
    assert ok is holds, detail
