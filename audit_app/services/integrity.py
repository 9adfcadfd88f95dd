"""Start-up integrity: SQLite's own checks on the database file, and the newest intact backup to offer.

``check_database`` runs ``PRAGMA quick_check`` (``full=True``: ``integrity_check``) straight on the
file, before the program migrates or reads it. On damage it raises DatabaseDamaged, which names
the file and the newest backup that passes ``integrity_check`` (and how to restore it).

``verify_content`` goes further than SQLite can: SQLite keeps no checksums of the data in its
pages, so a changed byte inside a stored value passes both checks. The change log holds every
answer's value and comment a second time and the audit its template's sha256, and each change-log
entry carries a sha256 of its own content; ``verify_content`` compares them, and so finds a
damaged answer, comment, case, frozen template or log entry (time, actor, reason) that SQLite
cannot see.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from audit_app.domain.diagnostics import AuditAppError
from audit_app.services import backup as backups
from audit_app.services.content_check import SEALED_ROWS, content_problems, unsealed
from audit_app.services.context import AppContext
from audit_app.storage import cipher
from audit_app.storage.database import sqlite_file

#: At most this many problems are listed; the rest are counted.
_MAX_LISTED = 20


@dataclass(frozen=True)
class IntegrityReport:
    """What a check found: no problems means intact. ``path`` is None when nothing was checked."""

    path: Path | None
    check: str
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether the check found nothing wrong (or there was nothing to check)."""
        return not self.problems

    @property
    def checked(self) -> bool:
        """Whether a SQLite file was checked (False for PostgreSQL, memory, or no file yet)."""
        return self.path is not None


@dataclass(frozen=True)
class BackupInfo:
    """One backup file: when it was made and whether it passes SQLite's integrity_check."""

    path: Path
    made: dt.datetime
    intact: bool


class DatabaseDamaged(AuditAppError):
    """The database file is damaged; the message names it and the newest intact backup."""

    code = "database-damaged"

    def __init__(self, report: IntegrityReport, backup: BackupInfo | None = None) -> None:
        self.report = report
        self.backup = backup
        shown = "; ".join(report.problems[:3])
        more = len(report.problems) - 3
        if more > 0:
            shown += f" (and {more} more)"
        text = f"the database {report.path} is damaged ({report.check}: {shown})."
        if backup is None:
            text += " No intact backup was found."
        else:
            text += (f" The newest intact backup is {backup.path}, made "
                     f"{backup.made:%Y-%m-%d %H:%M} UTC; restore it with: audit-app "
                     f"restore {backup.path} (the damaged file is kept beside it).")
        super().__init__(text)


def _connect(path: Path, key: str | None) -> sqlite3.Connection:
    """A connection to the file, keyed when it is encrypted (read-write so an unfinished WAL is
    read; else read-only)."""
    try:
        conn: sqlite3.Connection = cipher.open_file(path, key, mode="rw")
        conn.execute("PRAGMA schema_version").fetchone()
        return conn
    except cipher.database_errors() as exc:
        if "unable to open" not in str(exc) and "readonly" not in str(exc):
            raise
    readonly: sqlite3.Connection = cipher.open_file(path, key, mode="ro")
    return readonly


def _pragma_check(path: Path, pragma: str, key: str | None) -> tuple[str, ...]:
    errors = cipher.database_errors()
    try:
        with closing(_connect(path, key)) as conn:
            # Damaged names in the report may not be UTF-8; show them, do not fail on them.
            conn.text_factory = lambda raw: raw.decode("utf-8", "replace")
            rows = conn.execute(f"PRAGMA {pragma}").fetchall()
    except errors as exc:
        if "unable to open" in str(exc):
            # Access, not damage (a read-only directory, a missing -shm): nothing to check here;
            # opening the database reports the real problem.
            return ()
        return (str(exc),)
    except UnicodeDecodeError:  # SQLite's own error message quotes damaged, non-UTF-8 bytes
        return ("database disk image is malformed (a damaged name in the schema)",)
    messages = tuple(str(row[0]) for row in rows)
    return () if messages == ("ok",) else messages[:_MAX_LISTED]


def inspect_database(ctx: AppContext, *, full: bool = False) -> IntegrityReport:
    """Run ``quick_check`` (``full``: ``integrity_check``) on the SQLite file; never raises for damage."""
    check = "integrity_check" if full else "quick_check"
    path = sqlite_file(ctx.db_url)
    if path is None or not path.exists():
        return IntegrityReport(None, check)
    return IntegrityReport(path, check, _pragma_check(path, check, ctx.key_for(path)))


def backup_infos(ctx: AppContext) -> list[BackupInfo]:
    """Every rotating backup, newest first, each verified with ``integrity_check``."""
    return [_info(ctx, path) for path in backups.list_backups(ctx)]


def _info(ctx: AppContext, path: Path) -> BackupInfo:
    made = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
    return BackupInfo(path, made, backups.integrity_ok(path, ctx.key_for(path)))


def newest_good_backup(ctx: AppContext) -> BackupInfo | None:
    """The newest backup that passes ``integrity_check`` (older ones are checked only as needed)."""
    for path in backups.list_backups(ctx):
        info = _info(ctx, path)
        if info.intact:
            return info
    return None


def check_database(ctx: AppContext, *, full: bool = False) -> IntegrityReport:
    """The start-up check: the report when the database is intact, else DatabaseDamaged."""
    report = inspect_database(ctx, full=full)
    if not report.ok:
        raise DatabaseDamaged(report, newest_good_backup(ctx))
    return report


def damaged(ctx: AppContext, problem: str, check: str = "reading") -> DatabaseDamaged:
    """The DatabaseDamaged error for damage found while using the database (offers a backup)."""
    return DatabaseDamaged(IntegrityReport(sqlite_file(ctx.db_url), check, (problem,)),
                           newest_good_backup(ctx))


def restore_newest_good_backup(ctx: AppContext) -> Path:
    """Restore the newest intact backup over the database; the damaged file is kept beside it."""
    info = newest_good_backup(ctx)
    if info is None:
        raise backups.BackupError("there is no intact backup to restore")
    backups.restore(ctx, info.path)
    return info.path


def verify_change_log(ctx: AppContext) -> IntegrityReport:
    """The change-log checksums through the opened database, on any engine (PostgreSQL too)."""
    from sqlalchemy import text

    with ctx.db.engine.connect() as conn:
        problems = unsealed(conn.execute(text(SEALED_ROWS)))
    return IntegrityReport(sqlite_file(ctx.db_url), "change-log checksums",
                           tuple(problems[:_MAX_LISTED]))


def verify_content(ctx: AppContext) -> IntegrityReport:
    """``integrity_check`` and then the content check; never raises for damage (see the module)."""
    report = inspect_database(ctx, full=True)
    if report.path is None or not report.ok:
        return report
    try:
        with closing(_connect(report.path, ctx.key_for(report.path))) as conn:
            problems = content_problems(conn)
    except (*cipher.database_errors(), ValueError, UnicodeError) as exc:  # type: ignore[misc]
        problems = [f"unreadable: {exc}"]
    return IntegrityReport(report.path, "content check", tuple(problems[:_MAX_LISTED]))
