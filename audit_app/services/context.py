"""The application context: where the data lives, who is working, and the opened database."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass, field
from pathlib import Path

from audit_app.domain.diagnostics import AuditAppError
from audit_app.storage.database import Database, StorageError
from audit_app.storage.engine import resolve_data_dir, resolve_db_url


class StorageUnavailable(AuditAppError):
    """The database could not be opened or written."""

    code = "storage"


def login_name() -> str:
    """The operating system's login name, the default reviewer identity."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USER") or os.environ.get("USERNAME") or "granskare"


@dataclass
class AppContext:
    """Everything a use case needs to know about its surroundings; the database opens lazily."""

    data_dir: Path
    db_url: str
    actor: str = field(default_factory=login_name)
    _db: Database | None = field(default=None, repr=False)

    @classmethod
    def from_options(cls, data_dir: str | Path | None = None, db: str | None = None,
                     actor: str | None = None) -> AppContext:
        """Build from command-line options and the environment (DESIGN section 2)."""
        resolved = resolve_data_dir(data_dir)
        return cls(data_dir=resolved, db_url=resolve_db_url(db, resolved),
                   actor=actor or login_name())

    @property
    def db(self) -> Database:
        """The opened, migrated database."""
        if self._db is None:
            # quick_check before first use: damage is reported (with the newest good backup
            # offered) instead of being read as data. Imported here: integrity imports this module.
            from audit_app.services.integrity import check_database

            check_database(self)
            try:
                self._db = Database(self.db_url)
            except StorageError as exc:
                raise StorageUnavailable(str(exc)) from exc
        return self._db

    def close(self) -> None:
        """Close the database if it was opened."""
        if self._db is not None:
            self._db.close()
            self._db = None
