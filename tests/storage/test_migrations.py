"""Schema changes go through Alembic: from empty to head and back, equal to the models, both engines."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel

from audit_app.storage import migrate
from audit_app.storage.database import Database
from audit_app.storage.engine import make_engine

TABLES = {"audit", "audit_case", "answer", "consensus_answer", "change_log", "alembic_version"}


@pytest.fixture
def url(engine_url: str) -> str:
    """A fresh empty database on each engine."""
    return engine_url


def test_upgrade_from_empty_creates_every_table_matching_the_models(url: str) -> None:
    db = Database(url)
    assert set(inspect(db.engine).get_table_names()) >= TABLES
    with db.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), SQLModel.metadata) == []
    db.close()


def test_downgrade_to_base_and_upgrade_again(url: str) -> None:
    engine = make_engine(url)
    migrate.upgrade(engine)
    migrate.downgrade(engine, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    migrate.upgrade(engine)
    assert set(inspect(engine).get_table_names()) >= TABLES
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
