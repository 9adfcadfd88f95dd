"""One window per database: an advisory lock on a file beside the SQLite database.

SQLite itself keeps two programs writing the same file safe (WAL, busy_timeout, one writer at a
time). The lock is for the desktop window: a second window on the same database is refused with
a message naming who holds it, instead of two people editing the same answers side by side.
The operating system drops the lock when its holder ends in any way, a crash or a kill included,
so a stale lock never blocks anyone. (On a network share the lock may not be honoured.)
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
from pathlib import Path
from typing import IO

from audit_app.domain.diagnostics import AuditAppError

LOCK_SUFFIX = ".lock"


class AlreadyOpen(AuditAppError):
    """Another copy of the program holds the database's lock."""

    code = "already-open"

    def __init__(self, message: str, holder: dict[str, object]) -> None:
        super().__init__(message)
        self.holder = holder


def _try_lock(handle: IO[str]) -> bool:
    """Take the lock without waiting; False when another process holds it."""
    if os.name == "nt":  # pragma: no cover - exercised on Windows only
        import msvcrt

        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


#: Lock files this process holds, by resolved path.
_HELD: dict[str, InstanceLock] = {}


def _key(path: Path) -> str:
    return str(path.resolve())


class InstanceLock:
    """The held lock of one database; ``release`` (or leaving the ``with`` block) gives it up."""

    def __init__(self, path: Path, handle: IO[str] | None) -> None:
        self.path = path
        self._handle = handle
        if handle is not None:
            _HELD[_key(path)] = self

    @property
    def held(self) -> bool:
        """Whether the lock is held (False when the lock file could not be created at all)."""
        return self._handle is not None

    def release(self) -> None:
        """Give the lock up (closing the file releases it)."""
        if self._handle is not None:
            self._handle.close()
            self._handle = None
            if _HELD.get(_key(self.path)) is self:
                del _HELD[_key(self.path)]

    def __enter__(self) -> InstanceLock:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def lock_path(db_file: Path) -> Path:
    """The lock file of a database file: ``audit.db.lock`` beside ``audit.db``."""
    return db_file.with_name(db_file.name + LOCK_SUFFIX)


def holds(db_file: Path) -> bool:
    """Whether this process holds the lock of a database."""
    lock = _HELD.get(_key(lock_path(db_file)))
    return lock is not None and lock.held


def acquire(db_file: Path) -> InstanceLock:
    """Lock a database for this process, or raise AlreadyOpen naming the holder.

    Where the lock file cannot be created (a read-only data directory) nothing can be written
    anyway; the lock is then not held and opening the database reports the real problem.
    """
    path = lock_path(db_file)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held open while locked
    except OSError:
        return InstanceLock(path, None)
    if not _try_lock(handle):
        try:
            handle.seek(0)
            holder = json.loads(handle.read() or "{}")
        except (OSError, ValueError):  # unreadable while locked (Windows), or half written
            holder = {}
        handle.close()
        who = ", ".join(f"{key} {holder[key]}" for key in ("user", "host", "pid", "since")
                        if key in holder)
        raise AlreadyOpen(f"the database {db_file} is already open in another copy of the program"
                          + (f" ({who})" if who else "") + "; close it there first", holder)
    holder = {"pid": os.getpid(), "host": socket.gethostname(),
              "user": os.environ.get("USER") or os.environ.get("USERNAME") or "",
              "since": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")}
    try:
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps(holder))
        handle.flush()
    except OSError:
        pass  # who holds it is only information; the lock itself is taken
    return InstanceLock(path, handle)
