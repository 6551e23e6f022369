"""The dealer's stock, replaced as a whole by `seldenrijk stock import`."""

from __future__ import annotations

from typing import Sequence

from integrations.stock import ALL_COLUMNS, Car
from integrations.store.database import Database


class Cars:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def replace_all(self, cars: Sequence[Car]) -> int:
        """One transaction: either the whole new stock is there, or the old one still is."""
        placeholders = ", ".join("?" for _ in ALL_COLUMNS)
        async with self._db.transaction() as tx:
            await tx.execute("DELETE FROM cars")
            await tx.executemany(
                f"INSERT INTO cars ({', '.join(ALL_COLUMNS)}) VALUES ({placeholders})",
                [tuple(getattr(c, col) for col in ALL_COLUMNS) for c in cars],
            )
        return len(cars)

    async def all(self) -> list[Car]:
        rows = await self._db.fetchall(f"SELECT {', '.join(ALL_COLUMNS)} FROM cars ORDER BY stock_id")
        return [Car(**{k: r[k] for k in ALL_COLUMNS}) for r in rows]

    async def get(self, stock_id: str) -> Car | None:
        r = await self._db.fetchone(f"SELECT {', '.join(ALL_COLUMNS)} FROM cars WHERE stock_id = ?", (stock_id,))
        return Car(**{k: r[k] for k in ALL_COLUMNS}) if r else None

    async def count(self) -> int:
        r = await self._db.fetchone("SELECT COUNT(*) FROM cars")
        return r[0] if r else 0
