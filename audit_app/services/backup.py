"""Backups of the SQLite database through SQLite's backup API, checked before they are kept."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

from audit_app.domain.diagnostics import AuditAppError, InputRejected, NotFound
from audit_app.services.context import AppContext
from audit_app.storage.engine import DB_FILENAME, is_sqlite

BACKUP_DIRNAME = "backups"
KEEP = 10


class BackupError(AuditAppError):
    """A backup could not be made or is damaged."""

    code = "backup"


def _db_path(ctx: AppContext) -> Path:
    if not is_sqlite(ctx.db_url):
        raise InputRejected("backup and restore work on the built-in SQLite database; back up a "
                            "PostgreSQL server with pg_dump")
    return Path(ctx.db_url.removeprefix("sqlite:///"))


def integrity_ok(path: Path) -> bool:
    """Whether SQLite's full integrity check passes for a database file."""
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    except sqlite3.DatabaseError:
        return False


def _copy(source: Path, target: Path) -> None:
    tmp = target.with_name(target.name + ".part")
    tmp.unlink(missing_ok=True)
    src = sqlite3.connect(source)
    dst = sqlite3.connect(tmp)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    if not integrity_ok(tmp):
        tmp.unlink(missing_ok=True)
        raise BackupError(f"the copy of {source} failed its integrity check; nothing was replaced")
    with open(tmp, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, target)


def backup(ctx: AppContext, out: Path | None = None) -> Path:
    """Copy the database to ``out`` (default: a dated file under ``<data dir>/backups``)."""
    source = _db_path(ctx)
    _ = ctx.db  # make sure the database exists and is migrated
    if out is None:
        folder = ctx.data_dir / BACKUP_DIRNAME
        folder.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
        out = folder / f"audit-{stamp}.db"
        _copy(source, out)
        for old in sorted(folder.glob("audit-*.db"))[:-KEEP]:
            old.unlink(missing_ok=True)
        return out
    _copy(source, out)
    return out


def restore(ctx: AppContext, file: Path) -> Path:
    """Replace the database with a checked backup; the current one is kept beside it first."""
    if not file.exists():
        raise NotFound(f"{file}: no such backup file")
    if not integrity_ok(file):
        raise InputRejected(f"{file}: not an intact audit database; nothing was restored")
    target = _db_path(ctx)
    ctx.close()
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        _copy(target, target.with_name(f"{DB_FILENAME}.before-restore"))
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    _copy(file, target)
    return target
