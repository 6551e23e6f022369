"""The command line as operators and scripts use it (DESIGN §5): exit codes and JSON shapes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from integrations.stock import COLUMNS, sample_stock_text

REPO = Path(__file__).resolve().parents[1]


def _run(args: list[str], stdin: str = "", cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "daemon", *args], input=stdin, capture_output=True, text=True,
                          cwd=cwd, timeout=120)


def _config(tmp_path: Path) -> Path:
    path = tmp_path / "c.toml"
    path.write_text(f'[store]\npath = "{tmp_path / "s.db"}"\n[logging]\nlevel = "warning"\n')
    return path


def test_nlu_prints_one_json_object_per_input_line():
    """`seldenrijk nlu` answers each line with text, intent, confidence, entities and lead_points."""
    result = _run(["nlu"], "ik zoek een automaat onder de 20k\nSTOP\n\nkan ik een proefrit maken\n")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["intent"] for line in lines] == ["car_search", "opt_out", "other", "test_drive"]
    assert lines[2]["text"] == "" and lines[2]["entities"] == {}
    assert set(lines[0]) == {"text", "intent", "confidence", "entities", "lead_points"}
    assert lines[0]["entities"] == {"transmission": "automaat", "budget_max": 20000}
    assert lines[0]["lead_points"] == 20 and lines[3]["lead_points"] == 20


def test_stock_import_replaces_the_stock_and_reports_the_count(tmp_path):
    """A good CSV is imported whole; the daemon's store then holds exactly those cars."""
    csv = tmp_path / "stock.csv"
    rows = sample_stock_text().splitlines()
    csv.write_text("\n".join(rows[:6]) + "\n")
    result = _run(["stock", "import", str(csv), "--config", str(_config(tmp_path))])
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"imported": 5}


def test_stock_import_with_a_bad_row_names_the_line_and_imports_nothing(tmp_path):
    """Line 3 has an unknown fuel: exit 1, the line and column named, the previous stock untouched."""
    config = _config(tmp_path)
    good = tmp_path / "good.csv"
    good.write_text("\n".join(sample_stock_text().splitlines()[:4]) + "\n")
    assert _run(["stock", "import", str(good), "--config", str(config)]).returncode == 0
    bad = tmp_path / "bad.csv"
    header, first, second = sample_stock_text().splitlines()[:3]
    fuel = COLUMNS.index("fuel")
    broken = second.split(",")
    broken[fuel] = "stoom"
    bad.write_text("\n".join([header, first, ",".join(broken)]) + "\n")
    result = _run(["stock", "import", str(bad), "--config", str(config)])
    assert result.returncode == 1
    assert "line 3" in result.stderr and "fuel" in result.stderr and "nothing imported" in result.stderr
    again = _run(["stock", "import", str(good), "--config", str(config)])
    assert json.loads(again.stdout) == {"imported": 3}


def test_chat_json_prints_exactly_one_contract_line_per_customer_message(tmp_path):
    """Piped `chat --json`: one line per message with the DESIGN §5 keys; slots as ISO 8601 with offsets."""
    script = "Hallo\nik wil een proefrit maken met de golf\n1\n"
    result = _run(["chat", "--config", str(_config(tmp_path)), "--from", "+31612345678", "--name", "Jan", "--json"],
                  script)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 3
    keys = {"body", "intent", "lead_score", "lead_status", "handoff", "opted_out", "offered_slots", "appointment"}
    assert all(set(line) == keys for line in lines)
    offer = lines[1]["offered_slots"]
    assert offer and all({"start", "end", "label"} == set(slot) for slot in offer)
    assert all(slot["start"][-6] in "+-" for slot in offer)
    booked = lines[2]["appointment"]
    assert booked and set(booked) == {"start", "end", "car", "calendar_event_id"}
    assert booked["start"] == offer[0]["start"] and "Golf" in booked["car"]


def test_check_config_accepts_the_shipped_file_and_rejects_an_unknown_key(tmp_path):
    """The shipped seldenrijk.toml is valid; a typo'd key exits 2 naming it."""
    assert _run(["check-config", "--config", str(REPO / "seldenrijk.toml")]).returncode == 0
    bad = tmp_path / "bad.toml"
    bad.write_text("[twilio]\nauth_tokn = \"x\"\n")
    result = _run(["check-config", "--config", str(bad)])
    assert result.returncode == 2 and result.stderr.strip() == "config error: twilio.auth_tokn: unknown key"
