"""What reaches the log about customers (issue 9, item 8): ids and lengths, never their own words."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_handing_a_question_to_a_colleague_logs_no_customer_text(tmp_path):
    """The 'a colleague will check' note carries the customer's question to staff, but its log line
    says only which note and how long it is: no address, no e-mail, no words of the customer."""
    config = tmp_path / "c.toml"
    config.write_text(f'[store]\npath = "{tmp_path / "s.db"}"\n[logging]\nlevel = "debug"\n')
    lines = ("ik zoek een volkswagen golf\n"
             "heeft de eerste een trekhaak? mail me op jan.de.vries@example.nl, Kerkstraat 5 Barneveld\n"
             "ja graag\n")
    result = subprocess.run([sys.executable, "-m", "daemon", "chat", "--json", "--config", str(config)],
                            input=lines, capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "collega" in result.stdout.splitlines()[-1]
    events = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    alerts = [e for e in events if e.get("event") == "human_alert"]
    assert alerts, result.stderr[-2000:]
    assert all("note" not in e and e["note_chars"] > 0 and e["note_id"] for e in alerts)
    for needle in ("Kerkstraat", "trekhaak", "example.nl", "jan.de.vries"):
        assert needle not in result.stderr
