"""The database passphrase on the command line: ``--passphrase-file``, the environment, or a prompt."""

from __future__ import annotations

import sys
from pathlib import Path


def read_passphrase_file(name: str | None) -> str | None:
    """The first line of ``name`` (its line ending dropped), or None without a file."""
    if not name:
        return None
    from audit_app.domain.diagnostics import InputRejected

    try:
        text = Path(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputRejected(f"cannot read the passphrase file {name}: {exc}") from exc
    line = text.splitlines()[0] if text else ""
    if not line:
        raise InputRejected(f"the passphrase file {name} is empty")
    return line


def ask_in_terminal(creating: bool, wrong: bool) -> str | None:
    """Ask for the passphrase without echo when stdin is a terminal (twice for a new database)."""
    if not sys.stdin.isatty():
        return None
    import getpass

    if wrong:
        print("audit-app: wrong passphrase or damaged database (Fel lösenfras eller skadad databas)",
              file=sys.stderr)
    if not creating:
        return getpass.getpass("Passphrase of the audit database: ") or None
    first = getpass.getpass("Passphrase for the new encrypted audit database: ")
    if first and getpass.getpass("The same passphrase again: ") != first:
        from audit_app.domain.diagnostics import InputRejected

        raise InputRejected("the two passphrases differ; nothing was created")
    return first or None
