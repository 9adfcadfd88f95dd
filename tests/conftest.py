"""Shared fixtures: a temporary data directory, an app context on it, and an in-process CLI runner."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from audit_app.cli import main
from audit_app.services.context import AppContext

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
EXAMPLES = SHARED / "examples"


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the user's data: every test gets its own data directory and no DB override."""
    monkeypatch.setenv("AUDIT_APP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("AUDIT_APP_DB", raising=False)


@pytest.fixture(params=["sqlite", "postgresql"])
def engine_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database on each engine (PostgreSQL only when a test server runs)."""
    if request.param == "sqlite":
        (tmp_path / "data").mkdir(exist_ok=True)
        yield f"sqlite:///{tmp_path / 'data' / 'audit.db'}"
        return
    base = pg_url()
    if not base:
        pytest.skip("no PostgreSQL test server (AUDIT_APP_TEST_PG unset)")
    from sqlalchemy import text

    from audit_app.storage.engine import make_engine

    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = make_engine(base).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield base.rsplit("/", 1)[0] + "/" + name
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def ctx(tmp_path: Path, engine_url: str) -> Iterator[AppContext]:
    """An application context on a fresh database (SQLite, and PostgreSQL when available)."""
    context = AppContext.from_options(data_dir=tmp_path / "data", db=engine_url, actor="testare")
    yield context
    context.close()


@dataclass
class CliResult:
    """Exit code and captured output of one in-process CLI run."""

    code: int
    out: str
    err: str

    def json(self) -> object:
        """The standard output parsed as JSON."""
        return json.loads(self.out)


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Run ``audit-app --data-dir <tmp> ARGS...`` in-process and capture its output."""
    data_dir = tmp_path / "data"

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        code = main(["--data-dir", str(data_dir), *args])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


@pytest.fixture
def example_dir() -> Path:
    """The shared worked example (five cases counted by hand)."""
    if not EXAMPLES.exists():
        pytest.skip(f"shared examples not found at {EXAMPLES}")
    return EXAMPLES


def pg_url() -> str | None:
    """The PostgreSQL URL for tests, when scripts/postgres.sh started a server."""
    return os.environ.get("AUDIT_APP_TEST_PG")
