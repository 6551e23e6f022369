"""`seldenrijk migrate-waha`: move WAHA-era data to the Twilio form (seed §9).

- store: every `waha:31612345678` conversation id (conversations, inbox, outbox, transcript,
  appointments, and the dialogue's checkpoint threads) becomes `twilio:+31612345678`; when
  the Twilio conversation already exists the two are merged into it. One transaction.
- Redis (when configured): `waha:*` keys are deleted, found with SCAN (never KEYS).
- Chatwoot (when configured): migrated contacts get `whatsapp_provider = "twilio"` and
  `whatsapp_id = <E.164>`.
Idempotent: a second run finds nothing to do. `--dry-run` counts without changing anything.
Prints one JSON object with the counts.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from daemon.config import Config
from integrations.phone import waha_conversation_to_twilio
from integrations.store import Store

TABLES = ("inbox", "outbox", "transcript", "appointments")
CHECKPOINT_TABLES = ("checkpoints", "writes")


async def _waha_ids(store: Store) -> set[str]:
    ids: set[str] = set()
    for table in ("conversations",) + TABLES:
        column = "id" if table == "conversations" else "conversation_id"
        rows = await store.main.fetchall(f"SELECT DISTINCT {column} AS id FROM {table} WHERE {column} LIKE 'waha:%'")
        ids.update(r["id"] for r in rows)
    for table in await _checkpoint_tables(store):
        rows = await store.main.fetchall(f"SELECT DISTINCT thread_id AS id FROM {table} WHERE thread_id LIKE 'waha:%'")
        ids.update(r["id"] for r in rows)
    return ids


async def _checkpoint_tables(store: Store) -> list[str]:
    if store.shared:
        # WAHA-era installs were single-VM SQLite: move them (this command first, then
        # migrate-store); the PostgreSQL checkpointer's tables are not this command's.
        return []
    rows = await store.main.fetchall("SELECT name FROM sqlite_master WHERE type = 'table'")
    names = {r["name"] for r in rows}
    return [t for t in CHECKPOINT_TABLES if t in names]


async def migrate_store(store: Store, dry_run: bool) -> dict[str, Any]:
    counts: dict[str, Any] = {"conversations": 0, "merged": 0, "skipped_invalid": 0, "rows": {}, "phones": []}
    mapping: dict[str, str] = {}
    for old in sorted(await _waha_ids(store)):
        new = waha_conversation_to_twilio(old)
        if new is None:
            counts["skipped_invalid"] += 1
        else:
            mapping[old] = new
    counts["phones"] = sorted({new.removeprefix("twilio:") for new in mapping.values()})
    checkpoint_tables = await _checkpoint_tables(store)
    async with store.main.transaction() as tx:
        for old, new in mapping.items():
            exists = await tx.fetchone("SELECT 1 FROM conversations WHERE id = ?", (new,))
            had_old = await tx.fetchone("SELECT 1 FROM conversations WHERE id = ?", (old,))
            if had_old:
                counts["conversations"] += 1
                if exists:
                    counts["merged"] += 1
                    await tx.execute("DELETE FROM conversations WHERE id = ?", (old,))
                else:
                    await tx.execute("UPDATE conversations SET id = ?, provider = 'twilio' WHERE id = ?", (new, old))
            for table in TABLES:
                cur = await tx.execute(f"UPDATE {table} SET conversation_id = ? WHERE conversation_id = ?", (new, old))
                counts["rows"][table] = counts["rows"].get(table, 0) + cur.rowcount
            for table in checkpoint_tables:
                target = await tx.fetchone(f"SELECT 1 FROM {table} WHERE thread_id = ?", (new,))
                if target:  # the Twilio-era dialogue wins; the old thread is dropped
                    cur = await tx.execute(f"DELETE FROM {table} WHERE thread_id = ?", (old,))
                else:
                    cur = await tx.execute(f"UPDATE {table} SET thread_id = ? WHERE thread_id = ?", (new, old))
                counts["rows"][table] = counts["rows"].get(table, 0) + cur.rowcount
        if dry_run:
            raise _DryRun(counts)
    return counts


class _DryRun(Exception):
    """Raised inside the transaction so a dry run rolls everything back after counting."""

    def __init__(self, counts: dict[str, Any]) -> None:
        super().__init__("dry run")
        self.counts = counts


async def migrate_redis(url: str, dry_run: bool) -> int:
    from redis.asyncio import Redis

    redis = Redis.from_url(url, socket_timeout=10)
    deleted = 0
    try:
        async for key in redis.scan_iter(match="waha:*", count=500):
            deleted += 1
            if not dry_run:
                await redis.unlink(key)
    finally:
        await redis.aclose()
    return deleted


async def migrate_chatwoot(config: Config, store: Store, phones: list[str], dry_run: bool) -> int:
    from integrations.chatwoot import ChatwootClient

    targets = []
    for phone in phones:
        contact = await store.contacts.get(phone)
        if contact and contact.chatwoot_contact_id:
            targets.append((contact.chatwoot_contact_id, phone))
    if dry_run or not targets:
        return len(targets)
    client = ChatwootClient(config.chatwoot)
    try:
        for contact_id, phone in targets:
            await client.update_contact(contact_id, custom_attributes={"whatsapp_provider": "twilio",
                                                                       "whatsapp_id": phone})
    finally:
        await client.aclose()
    return len(targets)


async def run_migrate(config: Config, dry_run: bool) -> int:
    from daemon.commands import open_store_or_report

    store = await open_store_or_report(config)
    if store is None:
        return 2
    try:
        try:
            counts = await migrate_store(store, dry_run)
        except _DryRun as dry:
            counts = dry.counts
        phones = counts.pop("phones")
        counts["redis_keys"] = await migrate_redis(config.redis.url, dry_run) if config.redis.url else 0
        counts["chatwoot_contacts"] = (await migrate_chatwoot(config, store, phones, dry_run)
                                       if config.chatwoot.enabled else 0)
    except Exception as exc:
        print(f"error: migration failed: {exc}", file=sys.stderr)
        return 1
    finally:
        await store.close()
    counts["dry_run"] = dry_run
    print(json.dumps(counts, sort_keys=True))
    return 0
