"""Encryption at rest with SQLCipher: whether a database file is encrypted, and keyed connections.

An encrypted database is an SQLite file encrypted page by page by SQLCipher (``sqlcipher3``); its
WAL and every backup made of it are encrypted with the same key. The passphrase is only ever held
in memory: ``PRAGMA key`` is the first statement on every connection, before any other pragma.
"""

from __future__ import annotations

import importlib
import sqlite3
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from audit_app.domain.diagnostics import AuditAppError, InputRejected

#: The first 16 bytes of every unencrypted SQLite file; an encrypted file starts with random salt.
PLAIN_HEADER = b"SQLite format 3\x00"
#: Environment variable that may hold the passphrase (the command line also reads a file or asks).
PASSPHRASE_ENV = "AUDIT_APP_PASSPHRASE"


class EncryptionUnavailable(AuditAppError):
    """SQLCipher (the ``sqlcipher3`` package) is not installed."""

    code = "encryption-unavailable"


class PassphraseRequired(InputRejected):
    """The database is encrypted (or is to be created encrypted) and no passphrase was given."""

    code = "passphrase-required"


class WrongPassphrase(InputRejected):
    """The passphrase does not open the database (or the file is damaged: the two look the same)."""

    code = "wrong-passphrase"

    def __init__(self, path: Path) -> None:
        super().__init__(f"wrong passphrase or damaged database (Fel lösenfras eller skadad "
                         f"databas): {path} could not be opened with the passphrase given")
        self.path = path


def dbapi() -> ModuleType:
    """The SQLCipher DB-API module, or EncryptionUnavailable."""
    try:
        return importlib.import_module("sqlcipher3.dbapi2")
    except ImportError as exc:
        raise EncryptionUnavailable("encrypted databases need the sqlcipher3 package (pip install "
                                    "sqlcipher3-binary), which is not installed") from exc


def database_errors() -> tuple[type[BaseException], ...]:
    """sqlite3's DatabaseError, and SQLCipher's once it is loaded (only it can raise it)."""
    loaded = sys.modules.get("sqlcipher3.dbapi2")
    if loaded is None:
        return (sqlite3.DatabaseError,)
    return (sqlite3.DatabaseError, loaded.DatabaseError)


def is_encrypted(path: Path) -> bool:
    """Whether ``path`` is a non-empty file that does not start like a plain SQLite database.

    A plain file whose first 16 bytes are damaged still has SQLite's fixed payload fractions
    (64, 32, 32) at bytes 21-23, where an encrypted file has ciphertext: it counts as plain, so
    that SQLite reports the damage.
    """
    try:
        with open(path, "rb") as handle:
            head = handle.read(24)
    except OSError:
        return False
    if not head or head.startswith(PLAIN_HEADER):
        return False
    return head[21:24] != b"\x40\x20\x20"


def _quoted(passphrase: str) -> str:
    return "'" + passphrase.replace("'", "''") + "'"


def connect(target: Path | str, passphrase: str, *, uri: bool = False,
            check_same_thread: bool = True, verify: bool = True) -> Any:
    """A SQLCipher connection with its key set first; WrongPassphrase when it does not open.

    ``target`` is a path, or with ``uri`` a ``file:`` URI. A file that does not exist yet is
    created encrypted with this key.
    """
    conn = dbapi().connect(str(target), uri=uri, check_same_thread=check_same_thread)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")  # no decryption errors on stderr
        conn.execute(f"PRAGMA key = {_quoted(passphrase)}")
        if verify:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except conn.DatabaseError as exc:
        conn.close()
        if "not a database" in str(exc):
            name = str(target).removeprefix("file:").split("?", 1)[0]
            raise WrongPassphrase(Path(name)) from exc
        raise
    return conn


def open_file(path: Path, passphrase: str | None, *, mode: str | None = None) -> Any:
    """A connection to a database file: plain sqlite3, or SQLCipher when the file is encrypted.

    ``mode`` (``ro``, ``rw``) opens through a ``file:`` URI. An encrypted file without a
    passphrase is PassphraseRequired.
    """
    target = f"file:{path}?mode={mode}" if mode else str(path)
    if not is_encrypted(path):
        return sqlite3.connect(target, uri=mode is not None)
    if passphrase is None:
        raise PassphraseRequired(f"{path} is encrypted: its passphrase is needed")
    return connect(target, passphrase, uri=mode is not None)
