"""An opened database: migrated engine and one-transaction units of work."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from audit_app.storage import migrate
from audit_app.storage.engine import is_sqlite, make_engine
from audit_app.storage.repository import Repository


class StorageError(Exception):
    """The database cannot be opened or written (disk full, read-only, damaged...)."""


class Database:
    """The program's database; created and migrated to the newest schema on open."""

    def __init__(self, url: str) -> None:
        self.url = url
        if is_sqlite(url) and url.startswith("sqlite:///") and url != "sqlite:///:memory:":
            path = Path(url.removeprefix("sqlite:///"))
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StorageError(f"cannot create the data directory {path.parent}: {exc}") from exc
        self.engine = make_engine(url)
        try:
            migrate.upgrade(self.engine)
        except OperationalError as exc:
            raise StorageError(f"cannot open the database {url}: {exc.orig}") from exc

    @contextmanager
    def unit_of_work(self) -> Iterator[Repository]:
        """A repository whose changes commit together at the end, or not at all."""
        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield Repository(session)
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def close(self) -> None:
        """Release every connection."""
        self.engine.dispose()
