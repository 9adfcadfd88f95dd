"""Starting the desktop program: application, translations, style, and the main window."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from audit_app.gui.main_window import MainWindow
    from audit_app.gui.settings import Settings
    from audit_app.services.context import AppContext

#: Set to 1 to print ``startup-probe <wall-clock seconds>`` and quit once the main window has
#: painted and the event loop has turned again (benchmarks/bench_gui.py times the start-up).
STARTUP_PROBE = "AUDIT_APP_STARTUP_PROBE"


def _probe_first_paint(app: QApplication, window: QMainWindow) -> None:
    """Quit after the window's first paint and one more event-loop turn, printing the time."""
    import time

    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def __init__(self) -> None:
            super().__init__(window)
            self._seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if not self._seen and event.type() == QEvent.Type.Paint:
                self._seen = True
                QTimer.singleShot(0, self._report)
            return False

        def _report(self) -> None:
            print(f"startup-probe {time.time():.6f}", flush=True)
            window.removeEventFilter(self)
            app.quit()

    window.installEventFilter(FirstPaint())


def application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (created once), named so QSettings finds the user's settings."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName("audit-app")
    app.setApplicationName("audit-app")
    app.setApplicationDisplayName("Aktgranskning")
    return app


def build_window(ctx: AppContext | Callable[[], AppContext],
                 settings: Settings | None = None) -> MainWindow:
    """The main window over a context, or a function making one when first needed.

    Translations and style must be installed first.
    """
    from audit_app.gui.main_window import MainWindow, restore_layout
    from audit_app.gui.session import Session
    from audit_app.gui.settings import Settings as _Settings

    window = MainWindow(Session(ctx, settings or _Settings()))
    restore_layout(window)
    return window


def prepare(app: QApplication, settings: Settings) -> None:
    """Install the translations for the chosen language and the style."""
    from audit_app.gui import style, translations

    translations.install(app, settings.language)
    style.apply(app)


def run_gui(ctx: AppContext | Callable[[], AppContext]) -> int:
    """Show the main window and run until it is closed; returns the exit code.

    Given a function instead of a context, the window shows before the database layer loads.
    """
    from audit_app.gui.errors import dispatcher
    from audit_app.gui.main_window import start_soon
    from audit_app.gui.passphrase_dialog import asking_in_dialog
    from audit_app.gui.settings import Settings

    app = application()
    settings = Settings()
    prepare(app, settings)
    # An encrypted database's passphrase is asked for in a dialog when the database opens.
    window = build_window(asking_in_dialog(ctx), settings)
    if os.environ.get(STARTUP_PROBE) == "1":
        _probe_first_paint(app, window)
    window.show()
    dispatcher.install_excepthook()
    start_soon(window)
    try:
        return app.exec()
    finally:
        window.session.close()
