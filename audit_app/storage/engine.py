"""Database location and engine: SQLite (WAL, synchronous=FULL, foreign keys) or PostgreSQL."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import create_engine

DB_FILENAME = "audit.db"


def resolve_data_dir(explicit: str | Path | None) -> Path:
    """``--data-dir``, else ``AUDIT_APP_DATA_DIR``, else the platform's user data directory."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("AUDIT_APP_DATA_DIR")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("audit-app"))


def resolve_db_url(explicit: str | None, data_dir: Path) -> str:
    """``--db``, else ``AUDIT_APP_DB``, else SQLite at ``<data dir>/audit.db``."""
    url = explicit or os.environ.get("AUDIT_APP_DB")
    if url:
        return url
    return f"sqlite:///{data_dir / DB_FILENAME}"


def is_sqlite(url: str) -> bool:
    """Whether a SQLAlchemy URL names a SQLite database."""
    return url.startswith("sqlite")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _driver_transactions_off(dbapi_connection: Any, _record: Any) -> None:
    # The driver would begin a transaction only before INSERT/UPDATE/DELETE: never before DDL,
    # nor before the reads a write depends on. SQLAlchemy's own begin emits it instead (below).
    dbapi_connection.isolation_level = None


_WRITE_LOCK = threading.local()


@contextmanager
def write_locked(engine: Engine) -> Iterator[None]:
    """Transactions begun on ``engine`` in this thread inside the block take the write lock.

    They begin with ``BEGIN IMMEDIATE``: reads and writes of the transaction then happen under
    one lock, so another program (or thread) can never change what was read before the write,
    and a second writer waits (``busy_timeout``) instead of failing. Blocks nest; only the
    outermost one locks, so a nested transaction that only reads does not wait for its caller.
    """
    depths: dict[int, int] = _WRITE_LOCK.__dict__.setdefault("depths", {})
    key = id(engine)
    depths[key] = depths.get(key, 0) + 1
    try:
        yield
    finally:
        depths[key] -= 1
        if not depths[key]:
            del depths[key]


def _begin(exclusive: bool) -> Any:
    def begin(connection: Any) -> None:
        depths: dict[int, int] = _WRITE_LOCK.__dict__.get("depths", {})
        immediate = exclusive or depths.get(id(connection.engine)) == 1
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
    return begin


def _encrypted_engine(url: str, passphrase: str) -> Engine:
    """A SQLite engine over SQLCipher: ``PRAGMA key`` runs first on each new connection."""
    from audit_app.storage import cipher

    name = url.removeprefix("sqlite:///").split("?", 1)[0]

    def creator() -> Any:
        return cipher.connect(name, passphrase, check_same_thread=False, verify=False)

    return create_engine(url, module=cipher.dbapi(), creator=creator)


def make_engine(url: str, *, exclusive: bool = False, passphrase: str | None = None) -> Engine:
    """Create an engine; SQLite connections get the durability pragmas on every connect.

    On SQLite every SQLAlchemy transaction is one real ``BEGIN`` ... ``COMMIT``, DDL included
    (a migration killed halfway leaves the schema as it was). Transactions inside
    ``write_locked`` begin with ``BEGIN IMMEDIATE``; with ``exclusive`` (schema migrations) all
    of them do, so two programs starting at once migrate one after the other. With a
    ``passphrase`` the SQLite file is opened (or created) encrypted with SQLCipher.
    """
    if is_sqlite(url):
        if passphrase is not None:
            engine = _encrypted_engine(url, passphrase)
        else:
            engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "connect", _driver_transactions_off)
        event.listen(engine, "begin", _begin(exclusive))
        return engine
    return create_engine(url, pool_pre_ping=True)
