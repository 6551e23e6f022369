"""The one store interface the repositories are written against: either backend's database and transaction."""

from __future__ import annotations

from typing import TypeAlias

from integrations.store.db import Db, Tx
from integrations.store.postgres import PgDb, PgTx

Database: TypeAlias = Db | PgDb
Transaction: TypeAlias = Tx | PgTx
