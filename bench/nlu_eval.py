"""Score the local NLU against a labelled JSONL file.

Usage:
    python3 bench/nlu_eval.py [PATH ...] [--json] [--misses] [--repeat N]

PATH defaults to ../shared/eval/nlu-dev.jsonl next to the repository root; several paths are
scored one after the other, each with its own report. Prints intent
accuracy, per-intent accuracy, the confusions, and entity precision/recall/F1 per key plus the
micro average. Always exits 0: this is a measuring tool, the test suite holds the thresholds.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from actors.dialogue.language.understanding import understand  # noqa: E402

DEFAULT_PATH = REPO.parent / "shared" / "eval" / "nlu-dev.jsonl"


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "tp": tp, "fp": fp, "fn": fn}


def evaluate(rows: list[dict]) -> dict:
    """Compare predictions with labels; return a JSON-ready report."""
    per_intent_total: Counter = Counter()
    per_intent_ok: Counter = Counter()
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    misses = []
    started = time.perf_counter()
    for row in rows:
        got = understand(row["text"])
        gold_intent = row["intent"]
        per_intent_total[gold_intent] += 1
        ok = got.intent == gold_intent
        per_intent_ok[gold_intent] += ok
        gold_ents, pred_ents = row.get("entities", {}), got.entities
        ent_errors = []
        for key in set(gold_ents) | set(pred_ents):
            g, p = gold_ents.get(key), pred_ents.get(key)
            if g is not None and p == g:
                counts[key][0] += 1
                continue
            if p is not None:
                counts[key][1] += 1
            if g is not None:
                counts[key][2] += 1
            ent_errors.append({"key": key, "gold": g, "pred": p})
        if not ok or ent_errors:
            misses.append({"id": row.get("id"), "text": row["text"], "gold": gold_intent,
                           "pred": got.intent, "confidence": got.confidence,
                           "entity_errors": ent_errors})
    elapsed = time.perf_counter() - started
    total = sum(per_intent_total.values())
    correct = sum(per_intent_ok.values())
    tp = sum(c[0] for c in counts.values())
    fp = sum(c[1] for c in counts.values())
    fn = sum(c[2] for c in counts.values())
    return {
        "messages": total,
        "intent_accuracy": round(correct / total, 4) if total else 0.0,
        "per_intent": {k: {"accuracy": round(per_intent_ok[k] / n, 4), "n": n}
                       for k, n in sorted(per_intent_total.items())},
        "confusions": dict(Counter(f"{m['gold']} -> {m['pred']}" for m in misses
                                   if m["gold"] != m["pred"]).most_common()),
        "entities": {k: _prf(*counts[k]) for k in sorted(counts)},
        "entity_micro": _prf(tp, fp, fn),
        "ms_per_message": round(1000 * elapsed / total, 4) if total else 0.0,
        "misses": misses,
    }


def measure_speed(rows: list[dict], repeat: int) -> float:
    """Average milliseconds per `understand` call over `repeat` passes after a warm-up pass."""
    texts = [row["text"] for row in rows]
    for text in texts:
        understand(text)
    started = time.perf_counter()
    for _ in range(repeat):
        for text in texts:
            understand(text)
    return 1000 * (time.perf_counter() - started) / (repeat * len(texts))


def _print_report(report: dict, show_misses: bool) -> None:
    print(f"messages:        {report['messages']}")
    print(f"intent accuracy: {report['intent_accuracy']:.3f}")
    print("per intent:")
    for name, row in report["per_intent"].items():
        print(f"  {name:<14} {row['accuracy']:.3f}  (n={row['n']})")
    if report["confusions"]:
        print("confusions (gold -> predicted):")
        for pair, n in report["confusions"].items():
            print(f"  {pair:<32} {n}")
    print("entities:        precision recall  f1     (tp/fp/fn)")
    for key, row in report["entities"].items():
        print(f"  {key:<14} {row['precision']:.3f}     {row['recall']:.3f}   {row['f1']:.3f}"
              f"  ({row['tp']}/{row['fp']}/{row['fn']})")
    micro = report["entity_micro"]
    print(f"  {'micro':<14} {micro['precision']:.3f}     {micro['recall']:.3f}   {micro['f1']:.3f}"
          f"  ({micro['tp']}/{micro['fp']}/{micro['fn']})")
    print(f"time: {report['ms_per_message']:.3f} ms/message (single pass, includes warm-up)")
    if "warm_ms_per_message" in report:
        print(f"warm time: {report['warm_ms_per_message']:.3f} ms/message")
    if show_misses:
        print("misses:")
        for m in report["misses"]:
            tag = "" if m["gold"] == m["pred"] else f"{m['gold']} -> {m['pred']} "
            print(f"  [{m['id']}] {tag}{m['text']!r}")
            for err in m["entity_errors"]:
                print(f"        {err['key']}: gold={err['gold']!r} pred={err['pred']!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[str(DEFAULT_PATH)], metavar="PATH",
                        help="labelled JSONL file(s)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--misses", action="store_true", help="list every failing message")
    parser.add_argument("--repeat", type=int, default=0, metavar="N",
                        help="also time N warm passes over the file")
    args = parser.parse_args(argv)
    paths = [Path(p) for p in args.paths]
    missing = [p for p in paths if not p.is_file()]
    if missing:
        print(f"no such file: {missing[0]}", file=sys.stderr)
        return 2
    reports = {}
    for path in paths:
        rows = load(path)
        report = evaluate(rows)
        if args.repeat > 0:
            report["warm_ms_per_message"] = round(measure_speed(rows, args.repeat), 4)
        if args.json and not args.misses:
            report = {k: v for k, v in report.items() if k != "misses"}
        reports[str(path)] = report
    if args.json:
        out = next(iter(reports.values())) if len(reports) == 1 else reports
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    for i, (name, report) in enumerate(reports.items()):
        if len(reports) > 1:
            print(("\n" if i else "") + f"== {name}")
        _print_report(report, args.misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
