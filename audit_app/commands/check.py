"""``audit-app check``: SQLite's integrity check and the content check (change-log checksums too)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from audit_app.commands.common import ctx_from as _ctx


def cmd_check(args: argparse.Namespace) -> int:
    """Check the database; print ok, or every problem found and the newest intact backup (exit 1)."""
    from audit_app.services.integrity import newest_good_backup, verify_change_log, verify_content

    ctx = _ctx(args)
    _ = ctx.db  # opened: the start-up quick_check has passed and the schema is the newest
    report = verify_content(ctx) if ctx.db_url.startswith("sqlite") else verify_change_log(ctx)
    where = report.path or "the database"
    if report.ok:
        print(f"{where}: ok ({'integrity_check, content check' if report.checked else report.check})")
        return 0
    for problem in report.problems:
        print(f"{where}: damaged: {problem}", file=sys.stderr)
    good = newest_good_backup(ctx) if report.checked else None
    if good is not None:
        print(f"the newest intact backup is {good.path}; restore it with: audit-app restore "
              f"{good.path}", file=sys.stderr)
    return 1


def add_check_command(sub: Any) -> None:
    """Register ``check``."""
    check = sub.add_parser("check", help="check the database: SQLite's integrity_check, every "
                                         "value against the change log, each log entry's checksum")
    check.set_defaults(handler=cmd_check)
