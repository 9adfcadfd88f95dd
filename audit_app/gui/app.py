"""Starting the desktop program: application, translations, style, and the main window."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from audit_app.gui.main_window import MainWindow
    from audit_app.gui.settings import Settings
    from audit_app.services.context import AppContext


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
    from audit_app.gui.settings import Settings

    app = application()
    settings = Settings()
    prepare(app, settings)
    window = build_window(ctx, settings)
    window.show()
    dispatcher.install_excepthook()
    start_soon(window)
    try:
        return app.exec()
    finally:
        window.session.close()
