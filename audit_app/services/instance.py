"""The desktop window's hold on its database: one window per SQLite file (storage/locking.py).

A second window on a database another window holds is refused (AlreadyOpen), never opened
read-only: two people editing the same answers side by side is what the lock prevents, and a
read-only window would look as if it could save.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from audit_app.storage import locking
from audit_app.storage.database import sqlite_file

if TYPE_CHECKING:
    from audit_app.services.context import AppContext

AlreadyOpen = locking.AlreadyOpen
InstanceLock = locking.InstanceLock


def hold_database(ctx: AppContext) -> InstanceLock | None:
    """Lock the context's SQLite file for this window, or raise AlreadyOpen naming the holder.

    None for another engine (a shared server keeps its own order) and when this process already
    holds the lock (a window opened again in the same program).
    """
    path = sqlite_file(ctx.db_url)
    if path is None or locking.holds(path):
        return None
    return locking.acquire(path)
