"""Small batch commands: `seldenrijk nlu` and `seldenrijk stock import`."""

from __future__ import annotations

import json
import sys
from typing import TextIO

from daemon.config import Config
from integrations.clock import Clock
from integrations.stock import StockImportError, parse_stock_csv
from integrations.store import Store, StoreError, open_configured_store


async def open_store_or_report(config: Config) -> "Store | None":
    """The store, or None after printing why (the caller exits 2: it is a configuration problem)."""
    try:
        return await open_configured_store(config.store, Clock())
    except StoreError as exc:
        print(f"config error: {exc}", file=sys.stderr)
        return None


def run_nlu(stdin: TextIO, stdout: TextIO) -> int:
    """One JSON object per input line, in order, flushed per line so it works as a pipe."""
    from actors.dialogue.language.understanding import understand

    for line in stdin:
        text = line.rstrip("\r\n")  # every line gets its answer, a blank one too: output pairs with input
        u = understand(text)
        stdout.write(json.dumps({"text": text, "intent": u.intent, "confidence": round(u.confidence, 3),
                                 "entities": u.entities, "lead_points": u.lead_points}, ensure_ascii=False) + "\n")
        stdout.flush()
    return 0


async def run_stock_import(config: Config, path: str) -> int:
    try:
        with open(path, encoding="utf-8-sig") as f:
            text = f.read()
    except OSError as exc:
        print(f"error: cannot read {path}: {exc.strerror}", file=sys.stderr)
        return 1
    try:
        cars = parse_stock_csv(text)
    except StockImportError as exc:
        print(f"error: {path}: {exc}; nothing imported", file=sys.stderr)
        return 1
    if not cars:
        print(f"error: {path}: no cars in the file; nothing imported", file=sys.stderr)
        return 1
    store = await open_store_or_report(config)
    if store is None:
        return 2
    try:
        count = await store.cars.replace_all(cars)
    finally:
        await store.close()
    print(json.dumps({"imported": count}))
    return 0
