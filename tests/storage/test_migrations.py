"""Schema changes go through Alembic: from empty to head and back, equal to the models, both engines."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlmodel import SQLModel

from audit_app.storage import migrate
from audit_app.storage.database import Database
from audit_app.storage.engine import make_engine
from tests.conftest import pg_url

TABLES = {"audit", "audit_case", "answer", "consensus_answer", "change_log", "alembic_version"}


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A fresh empty database on each engine (PostgreSQL only when a test server runs)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'm.db'}"
        return
    base = pg_url()
    if not base:
        pytest.skip("no PostgreSQL test server (AUDIT_APP_TEST_PG unset)")
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = make_engine(base).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield base.rsplit("/", 1)[0] + "/" + name
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_upgrade_from_empty_creates_every_table_matching_the_models(url: str) -> None:
    db = Database(url)
    assert TABLES <= set(inspect(db.engine).get_table_names())
    with db.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), SQLModel.metadata) == []
    db.close()


def test_downgrade_to_base_and_upgrade_again(url: str) -> None:
    engine = make_engine(url)
    migrate.upgrade(engine)
    migrate.downgrade(engine, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    migrate.upgrade(engine)
    assert TABLES <= set(inspect(engine).get_table_names())
    engine.dispose()


def test_opening_twice_is_harmless(url: str) -> None:
    Database(url).close()
    Database(url).close()


def test_sqlite_runs_in_wal_mode_with_full_sync_and_foreign_keys(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'p.db'}")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    db.close()
