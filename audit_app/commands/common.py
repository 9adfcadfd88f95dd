"""What every command handler shares: the application context from the global options."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from audit_app.services.context import AppContext


def ctx_from(args: argparse.Namespace) -> AppContext:
    """The application context for ``--data-dir`` and ``--db`` (imported late: fast start-up)."""
    from audit_app.services.context import AppContext

    return AppContext.from_options(args.data_dir, args.db)
