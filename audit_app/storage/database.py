"""An opened database: migrated engine and one-transaction units of work."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from alembic.util import CommandError
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url
from sqlmodel import Session

from audit_app.domain.diagnostics import AuditAppError
from audit_app.storage import cipher, migrate
from audit_app.storage.engine import is_sqlite, make_engine, write_locked
from audit_app.storage.repository import Repository


class StorageError(AuditAppError):
    """The database cannot be opened or written (disk full, read-only, damaged...)."""

    code = "storage"


class DamagedDatabase(StorageError):
    """SQLite reports the database file as damaged (malformed, or not a database at all)."""

    code = "database-damaged"

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


def sqlite_file(url: str) -> Path | None:
    """The file behind a SQLite URL, or None (another engine, or an in-memory database)."""
    if not is_sqlite(url) or not url.startswith("sqlite:///"):
        return None
    name = url.removeprefix("sqlite:///").split("?", 1)[0]
    return None if name in ("", ":memory:") else Path(name)


def storage_error(error: BaseException, url: str, *, opening: bool = False) -> StorageError | None:
    """A clear StorageError for a SQLite failure the user can act on, or None for any other error.

    Recognised: a full disk, a read-only file or directory, a file that cannot be opened, another
    program holding the lock too long, an I/O error and a damaged file. Nothing of the failed
    transaction was stored; everything committed before it is kept.
    """
    if not is_sqlite(url):
        if opening and isinstance(error, sa_exc.OperationalError):
            shown = make_url(url).render_as_string(hide_password=True)
            return StorageError(f"cannot open the database {shown}: {error.orig}")
        return None
    orig = error.orig if isinstance(error, sa_exc.DBAPIError) else error
    if not isinstance(orig, cipher.database_errors()) or type(orig).__name__ == "IntegrityError":
        return None
    path = sqlite_file(url)
    where = str(path) if path is not None else url
    detail = str(orig)
    text = detail.lower()
    kept = "Nothing of it was saved; everything saved before is kept."
    if "malformed" in text or "not a database" in text or "could not decode" in text:
        return DamagedDatabase(
            f"the database {where} is damaged ({detail}). Restore the newest intact backup "
            "(audit-app restore FILE); the damaged file is kept beside it.", path)
    if "full" in text:
        action = "open the database" if opening else "save the change"
        return StorageError(f"the disk holding {where} is full: could not {action}. {kept} "
                            "Free some space and try again.")
    if "readonly" in text or "read-only" in text:
        return StorageError(f"{where} cannot be written: the file or its data directory is "
                            f"read-only. {kept}")
    if "unable to open" in text:
        return StorageError(f"cannot open the database {where}: its data directory is missing, "
                            "read-only or full.")
    if "locked" in text or "busy" in text:
        return StorageError(f"the database {where} is busy in another program. {kept} "
                            "Try again in a moment.")
    if "i/o error" in text:
        return StorageError(f"the disk holding {where} could not be read or written ({detail}). "
                            f"{kept}")
    if opening:
        return StorageError(f"cannot open the database {where}: {detail}")
    return None


class Database:
    """The program's database; created and migrated to the newest schema on open."""

    def __init__(self, url: str, passphrase: str | None = None) -> None:
        """Open (creating and migrating) the database; ``passphrase``: SQLCipher-encrypted."""
        self.url = url
        path = sqlite_file(url)
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StorageError(f"cannot create the data directory {path.parent}: {exc}") from exc
        self.engine = make_engine(url, passphrase=passphrase)
        try:
            if path is not None:
                # One BEGIN IMMEDIATE transaction, DDL included: a crash mid-migration changes
                # nothing, and a second program starting at the same time waits for the first.
                migration_engine = make_engine(url, exclusive=True, passphrase=passphrase)
                try:
                    migrate.upgrade(migration_engine)
                finally:
                    migration_engine.dispose()
            else:
                migrate.upgrade(self.engine)
        except CommandError as exc:
            self.engine.dispose()
            raise StorageError(f"the database {path or url} has a schema version this program "
                               f"does not know ({exc}): it was written by a newer version of the "
                               "program, or it is damaged") from exc
        except UnicodeDecodeError as exc:  # SQLite's message quotes a damaged, non-UTF-8 schema
            self.engine.dispose()
            raise DamagedDatabase(f"the database {path or url} is damaged (its schema is not "
                                  "readable). Restore the newest intact backup (audit-app restore "
                                  "FILE); the damaged file is kept beside it.", path) from exc
        except self._open_errors() as exc:
            self.engine.dispose()
            problem = storage_error(exc, url, opening=True)
            if problem is None:
                raise
            raise problem from exc

    @staticmethod
    def _open_errors() -> tuple[type[BaseException], ...]:
        return (sa_exc.DatabaseError, *cipher.database_errors())

    @contextmanager
    def unit_of_work(self) -> Iterator[Repository]:
        """A repository whose changes commit together at the end, or not at all.

        On SQLite the transaction takes the write lock when it begins (``write_locked``): what
        it reads cannot change before it writes, whatever another program or thread does.
        A SQLite failure the user can act on (disk full, read-only, damaged...) comes out as a
        StorageError; the transaction is rolled back, so nothing of it is stored.
        """
        with write_locked(self.engine), Session(self.engine, expire_on_commit=False) as session:
            try:
                yield Repository(session)
                session.commit()
            except BaseException as exc:
                # A failing rollback must not hide the failure that caused it.
                with suppress(sa_exc.DatabaseError, *cipher.database_errors()):
                    session.rollback()
                if isinstance(exc, (sa_exc.DatabaseError, *cipher.database_errors())):
                    problem = storage_error(exc, self.url)
                    if problem is not None:
                        raise problem from exc
                raise

    def close(self) -> None:
        """Release every connection."""
        self.engine.dispose()
