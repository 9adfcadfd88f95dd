"""What every command handler shares: the application context from the global options."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

    from audit_app.services.context import AppContext


def ctx_from(args: argparse.Namespace) -> AppContext:
    """The application context for the global options (imported late: fast start-up).

    The passphrase of an encrypted database: ``--passphrase-file``, else ``AUDIT_APP_PASSPHRASE``,
    else asked for in the terminal (never stored).
    """
    from audit_app.commands.passphrase import ask_in_terminal, read_passphrase_file
    from audit_app.services.context import AppContext

    return AppContext.from_options(
        args.data_dir, args.db, encrypt=getattr(args, "encrypt", False),
        passphrase=read_passphrase_file(getattr(args, "passphrase_file", None)),
        ask_passphrase=ask_in_terminal)


def backup_after_change(ctx: AppContext) -> None:
    """A rotating backup after an import (at most one per half hour); a failure only warns."""
    import sys

    from audit_app.domain.diagnostics import AuditAppError
    from audit_app.services.backup import auto_backup

    try:
        auto_backup(ctx)
    except AuditAppError as exc:
        print(f"audit-app: warning: no automatic backup: {exc.message}", file=sys.stderr)
