"""The window's start, after its first paint: hold the database, check it, then list the audits.

In a worker thread the window takes its database's lock (one window per database: a second one
is refused with a message and closes, the first goes on undisturbed) and opens the database,
which runs SQLite's quick_check first, as the command line does. A damaged database is reported
with the newest intact backup offered; restoring it keeps the damaged file beside it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from audit_app.gui.errors import dispatcher
from audit_app.gui.text import fmt
from audit_app.gui.workers import run_in_background

if TYPE_CHECKING:
    from pathlib import Path

    from audit_app.gui.main_window import MainWindow
    from audit_app.services.instance import AlreadyOpen
    from audit_app.services.integrity import DatabaseDamaged


def _tr(text: str) -> str:
    return QCoreApplication.translate("StartupChecks", text)


def start_checked(window: MainWindow, loaded: Callable[[Any], None]) -> None:
    """Hold and check the database, then hand the audits to ``loaded`` (all off the GUI thread)."""
    session = window.session

    def work() -> object:
        session.hold_database()
        return session.audits()  # the first use opens the database: quick_check first

    run_in_background(window, None, work, loaded, lambda error: _failed(window, loaded, error))


def _failed(window: MainWindow, loaded: Callable[[Any], None], error: BaseException) -> bool:
    from audit_app.services.instance import AlreadyOpen
    from audit_app.services.integrity import DatabaseDamaged

    if isinstance(error, AlreadyOpen):
        refuse(window, error)
        return True
    if isinstance(error, DatabaseDamaged):
        damaged(window, loaded, error)
        return True
    return False


def refuse(window: MainWindow, error: AlreadyOpen) -> None:
    """Say that another window has the database open, and close this one."""
    holder = error.holder
    who = fmt(_tr("It was opened by %1 on %2 (process %3) at %4."), holder.get("user") or "?",
              holder.get("host") or "?", holder.get("pid") or "?", holder.get("since") or "?")
    dispatcher.present(_tr("The program is already open"),
                       _tr("The audit database is already open in another window of the program. "
                           "Close that window first: two windows must not change the same answers.")
                       + " " + (who if holder else ""), window)
    window.session.close()
    window.close()


def damaged(window: MainWindow, loaded: Callable[[Any], None], error: DatabaseDamaged) -> None:
    """Report a damaged database; offer the newest intact backup when there is one."""
    title = _tr("The database is damaged")
    where = str(error.report.path)
    if error.backup is None:
        dispatcher.present(title, fmt(_tr("The database %1 is damaged and there is no intact "
                                          "backup to restore. Nothing has been changed; contact "
                                          "your IT support and keep the file."), where), window)
        return
    made = error.backup.made.astimezone().strftime("%Y-%m-%d %H:%M")
    message = fmt(_tr("The database %1 is damaged. The newest intact backup is from %2. Restore "
                      "it? Changes made after %2 are lost; the damaged database is kept beside "
                      "the restored one."), where, made)
    if not dispatcher.offer(title, message, _tr("Restore the backup"), window):
        return

    def restored(path: Path) -> None:
        window.statusBar().showMessage(fmt(_tr("Restored the backup %1"), path.name), 15000)
        start_checked(window, loaded)

    run_in_background(window, _tr("Restoring the backup…"), window.session.restore_newest_backup,
                      restored)
