"""Run every benchmark in turn (`make bench`); each prints its own figures.

Copy the figures, with the commit and the command, into bench/RESULTS.md.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
RUNS = [
    ["nlu_eval.py", "--repeat", "20"],
    ["dialogue_bench.py", "--conversations", "20"],
    ["ingest.py", "--messages", "1000", "--phones", "250", "--concurrency", "16"],
    ["burst.py", "--phones", "2000", "--per-phone", "3", "--concurrency", "32"],
    ["memory.py", "--conversations", "2000", "--idle", "30"],
    ["slow_calendar.py", "--drives", "70", "--questions", "10", "--delay", "10", "--budgets", "4,0"],
]


def main() -> int:
    status = 0
    for script, *args in RUNS:
        print(f"\n$ python bench/{script} {' '.join(args)}", flush=True)
        status |= subprocess.call([sys.executable, str(HERE / script), *args])
    return status


if __name__ == "__main__":
    raise SystemExit(main())
