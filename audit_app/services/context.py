"""The application context: where the data lives, who is working, and the opened database."""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from audit_app.domain.diagnostics import AuditAppError, InputRejected
from audit_app.storage import cipher
from audit_app.storage.database import Database, StorageError, sqlite_file
from audit_app.storage.engine import resolve_data_dir, resolve_db_url

#: Asks the user for the passphrase: (creating a new database, the last one was wrong) -> it, or
#: None when the user gives none. The command line asks in the terminal, the GUI in a dialog.
AskPassphrase = Callable[[bool, bool], "str | None"]
#: How many passphrases the user may try before the wrong one is an error.
PASSPHRASE_TRIES = 3


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
    #: Create a database that does not exist yet encrypted (SQLCipher).
    encrypt: bool = False
    #: The passphrase of an encrypted database; held in memory only, never written anywhere.
    passphrase: str | None = field(default=None, repr=False)
    ask_passphrase: AskPassphrase | None = field(default=None, repr=False)
    _db: Database | None = field(default=None, repr=False)
    _asked: bool = field(default=False, repr=False)

    @classmethod
    def from_options(cls, data_dir: str | Path | None = None, db: str | None = None,
                     actor: str | None = None, *, encrypt: bool = False,
                     passphrase: str | None = None,
                     ask_passphrase: AskPassphrase | None = None) -> AppContext:
        """Build from command-line options and the environment (DESIGN section 2).

        The passphrase is ``passphrase``, else ``AUDIT_APP_PASSPHRASE``, else asked for with
        ``ask_passphrase`` when the database turns out to be encrypted.
        """
        resolved = resolve_data_dir(data_dir)
        return cls(data_dir=resolved, db_url=resolve_db_url(db, resolved),
                   actor=actor or login_name(), encrypt=encrypt,
                   passphrase=passphrase or os.environ.get(cipher.PASSPHRASE_ENV) or None,
                   ask_passphrase=ask_passphrase)

    def key_for(self, path: Path) -> str | None:
        """The passphrase to open the file ``path`` with: None for an unencrypted file."""
        return self._passphrase(creating=False) if cipher.is_encrypted(path) else None

    def database_key(self) -> str | None:
        """The key of the database (None: unencrypted), checked; asks for it when needed.

        With ``encrypt`` a database not yet created gets one; an existing unencrypted one is
        refused (InputRejected). A wrong passphrase may be given again, up to PASSPHRASE_TRIES.
        """
        path = sqlite_file(self.db_url)
        if path is None:
            if self.encrypt:
                raise InputRejected("--encrypt works only with the built-in SQLite database; "
                                    "encrypt a PostgreSQL server's storage on the server")
            return None
        if not cipher.is_encrypted(path):
            if not self.encrypt:
                return None
            if path.exists() and path.stat().st_size > 0:
                raise InputRejected(f"{path} already exists unencrypted: --encrypt applies only "
                                    "when a new database is created")
            return self._passphrase(creating=True)
        key = self._passphrase(creating=False)
        for attempt in range(1, PASSPHRASE_TRIES + 1):
            try:
                cipher.connect(path, key).close()
                return key
            except cipher.WrongPassphrase:
                # A passphrase given in advance (file, environment) is not asked for again.
                if not self._asked or attempt == PASSPHRASE_TRIES:
                    raise
                self.passphrase = None
                again = self._ask(creating=False, wrong=True)
                if again is None:
                    raise
                key = again
        raise AssertionError("unreachable")

    def _ask(self, *, creating: bool, wrong: bool = False) -> str | None:
        """Ask the user (when there is a way to); the answer is kept in memory for this context."""
        if self.ask_passphrase is not None:
            self.passphrase = self.ask_passphrase(creating, wrong) or None
            self._asked = self.passphrase is not None
        return self.passphrase

    def _passphrase(self, *, creating: bool) -> str:
        if self.passphrase is None:
            self._ask(creating=creating)
        if self.passphrase is None:
            where = sqlite_file(self.db_url)
            what = ("is to be created encrypted" if creating else
                    "is encrypted, or damaged (it does not start as an SQLite database)")
            raise cipher.PassphraseRequired(
                f"the database {where} {what}: give its passphrase in {cipher.PASSPHRASE_ENV}, "
                "with --passphrase-file FILE, or type it when asked (in a terminal)")
        return self.passphrase

    @property
    def db(self) -> Database:
        """The opened, migrated database."""
        if self._db is None:
            # quick_check before first use: damage is reported (with the newest good backup
            # offered) instead of being read as data. Imported here: integrity imports this module.
            from audit_app.services.integrity import check_database

            key = self.database_key()
            check_database(self)
            try:
                self._db = Database(self.db_url, passphrase=key)
            except StorageError as exc:
                raise StorageUnavailable(str(exc)) from exc
        return self._db

    def close(self) -> None:
        """Close the database if it was opened."""
        if self._db is not None:
            self._db.close()
            self._db = None
