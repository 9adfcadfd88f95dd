"""Backups of the SQLite database through SQLite's backup API, checked before they are kept."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from audit_app.domain.diagnostics import AuditAppError, InputRejected, NotFound
from audit_app.services.context import AppContext
from audit_app.storage import cipher, locking
from audit_app.storage.engine import DB_FILENAME, is_sqlite

BACKUP_DIRNAME = "backups"
KEEP = 10
#: ``auto_backup`` makes at most one backup per this many minutes.
AUTO_BACKUP_MINUTES = 30


class BackupError(AuditAppError):
    """A backup could not be made or is damaged."""

    code = "backup"


def _db_path(ctx: AppContext) -> Path:
    if not is_sqlite(ctx.db_url):
        raise InputRejected("backup and restore work on the built-in SQLite database; back up a "
                            "PostgreSQL server with pg_dump")
    return Path(ctx.db_url.removeprefix("sqlite:///"))


def integrity_ok(path: Path, key: str | None = None) -> bool:
    """Whether SQLite's full integrity check passes for a database file (``key``: encrypted)."""
    try:
        with closing(cipher.open_file(path, key, mode="ro")) as conn:
            return bool(conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok")
    except (cipher.WrongPassphrase, cipher.PassphraseRequired):
        return False
    except cipher.database_errors():
        return False


def _connect_copy(source: Path, tmp: Path, key: str | None) -> tuple[Any, Any]:
    """Connections to the source and to the new copy; an encrypted source gives an encrypted copy."""
    if key is None or not cipher.is_encrypted(source):
        return sqlite3.connect(source), sqlite3.connect(tmp)
    src = cipher.connect(source, key)
    try:
        return src, cipher.connect(tmp, key)
    except BaseException:
        src.close()
        raise


def _fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; a no-op where directories cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _copy_errors() -> tuple[type[BaseException], ...]:
    return (*cipher.database_errors(), OSError, UnicodeDecodeError)


def _copy(source: Path, target: Path, key: str | None = None) -> None:
    """Copy a database through the backup API to ``target`` (a single file, no WAL), checked.

    An encrypted source (``key``) gives a copy encrypted with the same key.
    """
    tmp = target.with_name(target.name + ".part")
    tmp.unlink(missing_ok=True)
    try:
        src, dst = _connect_copy(source, tmp, key)
        with closing(src), closing(dst):
            src.backup(dst)
            # A self-contained file: opening it read-only later leaves no -wal/-shm beside it.
            dst.execute("PRAGMA journal_mode=DELETE")
        if not integrity_ok(tmp, key):
            raise BackupError(f"the copy of {source} failed its integrity check; nothing was replaced")
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except _copy_errors() as exc:
        # (SQLite's message about a damaged file can quote bytes that are not UTF-8.)
        tmp.unlink(missing_ok=True)
        detail = str(exc).lower()
        if "full" in detail or getattr(exc, "errno", None) == 28:
            raise BackupError(f"the disk is full: no copy of {source} could be written to "
                              f"{target.parent}; nothing was replaced") from exc
        raise BackupError(f"{source} could not be copied to {target} ({exc}); nothing was "
                          "replaced") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(target.parent)


def backup_folder(ctx: AppContext) -> Path:
    """Where the rotating backups of the database are kept."""
    return ctx.data_dir / BACKUP_DIRNAME


def list_backups(ctx: AppContext) -> list[Path]:
    """The rotating backup files, newest first (their names carry the UTC time they were made)."""
    folder = backup_folder(ctx)
    if not folder.is_dir():
        return []
    return sorted(folder.glob("audit-*.db"), reverse=True)


def backup(ctx: AppContext, out: Path | None = None) -> Path:
    """Copy the database to ``out`` (default: a dated file under ``<data dir>/backups``)."""
    source = _db_path(ctx)
    _ = ctx.db  # make sure the database exists and is migrated
    if out is None:
        folder = backup_folder(ctx)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise BackupError(f"cannot create the backup folder {folder}: {exc}") from exc
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
        out = folder / f"audit-{stamp}.db"
        _copy(source, out, ctx.key_for(source))
        for old in sorted(folder.glob("audit-*.db"))[:-KEEP]:
            old.unlink(missing_ok=True)
        return out
    _copy(source, out, ctx.key_for(source))
    return out


def auto_backup(ctx: AppContext, *, minutes: float = AUTO_BACKUP_MINUTES,
                now: dt.datetime | None = None, verify: bool = True) -> Path | None:
    """A rotating backup, unless one was made less than ``minutes`` ago; returns it, or None.

    Does nothing for another engine than SQLite or before the database file exists. With
    ``verify`` the database must first pass ``integrity.verify_content``, so that damage SQLite
    cannot see is never copied over the intact backups by the rotation. A failed backup raises
    BackupError and replaces nothing.
    """
    if not is_sqlite(ctx.db_url) or not _db_path(ctx).exists():
        return None
    moment = now or dt.datetime.now(dt.UTC)
    newest = next(iter(list_backups(ctx)), None)
    if newest is not None:
        made = dt.datetime.fromtimestamp(newest.stat().st_mtime, dt.UTC)
        if dt.timedelta(0) <= moment - made < dt.timedelta(minutes=minutes):
            return None
    if verify:
        from audit_app.services.integrity import verify_content  # (integrity imports this module)

        report = verify_content(ctx)
        if not report.ok:
            raise BackupError(f"no backup was made: {report.path} failed the {report.check} ("
                              + "; ".join(report.problems[:3]) + "); the earlier backups are kept")
    return backup(ctx)


def _set_aside(target: Path, key: str | None) -> None:
    """Keep the current database beside the one restored: a checked copy, else the raw files."""
    try:
        _copy(target, target.with_name(f"{DB_FILENAME}.before-restore"), key)
    except BackupError:
        # Too damaged to copy: move the files aside untouched, the WAL with its database.
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        aside = target.with_name(f"{DB_FILENAME}.damaged-{stamp}")
        os.replace(target, aside)
        wal = Path(f"{target}-wal")
        if wal.exists():
            os.replace(wal, Path(f"{aside}-wal"))


def restore(ctx: AppContext, file: Path) -> Path:
    """Replace the database with a checked backup; the current one is kept beside it first.

    Refused (AlreadyOpen) while another copy of the program holds the database's lock: it would
    go on writing to the file set aside, and those writes would be lost.
    """
    if not file.exists():
        raise NotFound(f"{file}: no such backup file")
    target = _db_path(ctx)
    key = ctx.key_for(file)  # the backup of an encrypted database has the same passphrase
    if not integrity_ok(file, key):
        raise InputRejected(f"{file}: not an intact audit database; nothing was restored")
    current_key = ctx.key_for(target) if target.exists() else None
    ctx.close()
    target.parent.mkdir(parents=True, exist_ok=True)
    lock = None if locking.holds(target) else locking.acquire(target)
    try:
        if target.exists():
            _set_aside(target, current_key)
        for suffix in ("-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        _copy(file, target, key)
    finally:
        if lock is not None:
            lock.release()
    return target
