"""The PostgreSQL backend's own concerns: migrations under the advisory lock, refusals, the URL and password."""

from __future__ import annotations

import anyio
import pytest

from daemon.config import ConfigError, build, load
from integrations.clock import ManualClock
from integrations.store import SCHEMA_VERSION, StoreError, StoreUnavailable, open_configured_store, open_store
from integrations.store.postgres import pg_sql

pytestmark = pytest.mark.anyio


async def test_instances_starting_together_migrate_once(postgres_url: str) -> None:
    """Three stores opened at once on an empty database all open, and the schema is there once."""
    opened = []

    async def open_one() -> None:
        opened.append(await open_store(postgres_url, ManualClock()))

    async with anyio.create_task_group() as tg:
        for _ in range(3):
            tg.start_soon(open_one)
    try:
        row = await opened[0].main.fetchone("SELECT version FROM schema_version")
        assert row is not None and row[0] == SCHEMA_VERSION
        assert (await opened[0].main.fetchone("SELECT COUNT(*) FROM schema_version"))[0] == 1
    finally:
        for store in opened:
            await store.close()


async def test_reopening_keeps_version_and_data(postgres_url: str) -> None:
    """A second start finds the schema current and the rows of the first."""
    store = await open_store(postgres_url, ManualClock())
    await store.contacts.ensure("+31612345678", "Jan")
    await store.close()
    store = await open_store(postgres_url, ManualClock())
    try:
        assert (await store.contacts.get("+31612345678")).name == "Jan"
    finally:
        await store.close()


async def test_a_newer_schema_is_refused_naming_store_url(postgres_url: str) -> None:
    """A database migrated by a newer release is not touched: StoreError names store.url."""
    store = await open_store(postgres_url, ManualClock())
    await store.main.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 1,))
    await store.close()
    with pytest.raises(StoreError, match="store.url: schema version"):
        await open_store(postgres_url, ManualClock())


async def test_a_server_that_does_not_answer_is_unavailable_not_misconfigured() -> None:
    """Nothing listening: StoreUnavailable (exit 1, systemd retries), naming store.url."""
    with pytest.raises(StoreUnavailable, match="store.url: cannot connect"):
        await open_store("postgresql://postgres@127.0.0.1:1/none", ManualClock())


async def test_a_database_that_does_not_exist_is_a_config_error(postgres_url: str) -> None:
    """The server answers but refuses the database: StoreError (exit 2), naming store.url."""
    with pytest.raises(StoreError, match="store.url: cannot connect") as err:
        await open_store(postgres_url.rsplit("/", 1)[0] + "/no_such_database", ManualClock())
    assert not isinstance(err.value, StoreUnavailable)


async def test_the_password_comes_from_the_config_not_the_url(postgres_url: str) -> None:
    """`store.password` is handed to the server (trust auth ignores it) and the store opens."""
    config = build({"store": {"url": postgres_url, "password": "not-in-the-url", "pool_size": 2}})
    store = await open_configured_store(config.store, ManualClock())
    try:
        assert store.main.pool.max_size == 2
        assert (await store.main.fetchone("SELECT 1"))[0] == 1
    finally:
        await store.close()


def test_store_url_must_be_postgresql() -> None:
    """Any other scheme is a config error naming store.url."""
    with pytest.raises(ConfigError) as err:
        build({"store": {"url": "mysql://db/seldenrijk"}})
    assert err.value.key == "store.url"


def test_store_password_is_a_credential_and_a_secret(tmp_path) -> None:
    """systemd's credential file `store.password` fills the key, and its value is redacted in logs."""
    (tmp_path / "store.password").write_text("s3cret-pw\n")
    (tmp_path / "seldenrijk.toml").write_text("")
    config = load(tmp_path / "seldenrijk.toml", {"CREDENTIALS_DIRECTORY": str(tmp_path),
                                             "SELDENRIJK_STORE__URL": "postgresql://u@127.0.0.1/db"})
    assert config.store.password == "s3cret-pw"
    assert "s3cret-pw" in config.secret_values()


@pytest.mark.parametrize(("sqlite", "postgresql"), [
    ("SELECT 1 FROM t WHERE a = ? AND b LIKE 'x%'", "SELECT 1 FROM t WHERE a = %s AND b LIKE 'x%%'"),
    ("INSERT OR IGNORE INTO contacts (phone) VALUES (?)", "INSERT INTO contacts (phone) VALUES (%s) ON CONFLICT DO NOTHING"),
])
def test_statements_are_spelled_for_postgresql(sqlite: str, postgresql: str) -> None:
    """Placeholders, a literal percent sign and INSERT OR IGNORE get PostgreSQL's spelling."""
    assert pg_sql(sqlite) == postgresql


def test_an_insert_into_a_table_with_ids_returns_the_new_id() -> None:
    """Only where the caller may read `lastrowid`, and only for tables with an identity column."""
    assert pg_sql("INSERT INTO outbox (a) VALUES (?)", returning=True).endswith(" RETURNING id")
    assert not pg_sql("INSERT INTO contacts (a) VALUES (?)", returning=True).endswith(" RETURNING id")

