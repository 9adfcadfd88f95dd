"""Switching the language in tests the way the settings dialog does it, and back to Swedish."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from audit_app.gui import translations
from audit_app.gui.settings_dialog import SettingsDialog


@pytest.fixture
def back_to_swedish() -> Iterator[None]:
    """Other tests expect Swedish: put it back whatever happens here."""
    yield
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translations.install(app, "sv")


def choose_language(window, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
                    qtbot, language: str) -> None:
    """Choose ``language`` in the settings dialog, save, and let the switch take effect."""
    def run(dialog: SettingsDialog) -> int:
        dialog.language.setCurrentIndex(dialog.language.findData(language))
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(SettingsDialog, "exec", run)
    window.edit_settings()
    assert window.session.settings.language == language
    QApplication.processEvents()
    qtbot.wait(20)  # the texts are set again once the switch is complete
    QApplication.processEvents()
