"""Content API resources created for interactive messages, by shape (integrations.interactive)."""

from __future__ import annotations

from typing import Any

from integrations.store.database import Database


class ContentTemplates:
    def __init__(self, db: Database, clock: Any) -> None:
        self._db = db
        self._clock = clock

    async def get(self, key: str) -> str | None:
        row = await self._db.fetchone("SELECT content_sid FROM content_templates WHERE key = ?", (key,), urgent=True)
        return str(row["content_sid"]) if row is not None else None

    async def put(self, key: str, content_sid: str) -> None:
        await self._db.execute(
            "INSERT INTO content_templates (key, content_sid, created_at) VALUES (?, ?, ?)"
            " ON CONFLICT (key) DO UPDATE SET content_sid = excluded.content_sid, created_at = excluded.created_at",
            (key, content_sid, self._clock.iso()), urgent=True)

    async def forget(self, key: str) -> None:
        """A cached resource Twilio no longer knows (deleted in the console): create it again next time."""
        await self._db.execute("DELETE FROM content_templates WHERE key = ?", (key,), urgent=True)
