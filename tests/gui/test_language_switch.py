"""Switching between Swedish and English in the settings applies at once, without a restart."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from audit_app.gui import translations
from audit_app.gui.settings_dialog import SettingsDialog
from audit_app.services.audits import create_audit
from audit_app.services.cases import add_case
from audit_app.services.context import AppContext


@pytest.fixture
def audit(gui_ctx: AppContext, template_file: Path) -> str:
    audit_id = create_audit(gui_ctx, str(template_file), "Provgranskning")
    add_case(gui_ctx, audit_id, "A1", {"unit": "hv", "age": "5"}, reviewer="inspektor")
    return audit_id


@pytest.fixture
def back_to_swedish():  # type: ignore[no-untyped-def]
    """Other tests expect Swedish: put it back whatever happens here."""
    yield
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translations.install(app, "sv")


def _choose_language(monkeypatch: pytest.MonkeyPatch, language: str) -> None:
    """The settings dialog, with ``language`` chosen and saved at once."""
    def run(dialog: SettingsDialog) -> int:
        dialog.language.setCurrentIndex(dialog.language.findData(language))
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(SettingsDialog, "exec", run)


def _texts(window) -> dict[str, str]:  # type: ignore[no-untyped-def]
    form = window.form
    card = form.cards["noter"]  # an optional question: its card says so
    return {
        "menu": window.menuBar().actions()[0].text(),
        "new_action": window.new_action.text(),
        "undo": window.undo_action.text(),
        "new_audit": window.audits.new_button.text(),
        "all_cases": window.cases.progress_filter.itemText(0),
        "edit_case": window.cases.buttons["edit"].text(),
        "case_list": form.header.back.text(),
        "next_section": form.actions_by_name["next_section"].text(),
        "history": form.help.history.text(),
        "optional": next((label.text() for label in card.findChildren(QLabel)
                          if label.text() in ("optional", "frivillig")), ""),
        "title": window.windowTitle(),
        "saved": window.saved_label.text(),
    }


def test_the_language_switches_at_once_and_back(
        qtbot, make_window, audit: str, settings,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch, back_to_swedish: None) -> None:
    window = make_window()
    window.open_audit(audit)
    window.open_case("A1")
    swedish = _texts(window)
    assert swedish["new_audit"] == "Ny granskning…" and swedish["menu"] == "&Arkiv"

    _choose_language(monkeypatch, "en")
    window.edit_settings()
    assert settings.language == "en"
    qtbot.waitUntil(lambda: window.audits.new_button.text() == "New audit…")
    english = _texts(window)
    assert english == {
        "menu": "&File", "new_action": "New audit…", "undo": "Undo", "new_audit": "New audit…",
        "all_cases": "All cases", "edit_case": "Edit…", "case_list": "Case list",
        "next_section": "Next section", "history": "Answer history (Ctrl+H)",
        "optional": "optional", "title": "A1 – Provgranskning – Case file audit",
        "saved": "Every change is stored at once"}
    assert window.pages.currentWidget() is window.form and window.form.form.label == "A1"

    _choose_language(monkeypatch, "sv")
    window.edit_settings()
    qtbot.waitUntil(lambda: window.audits.new_button.text() == "Ny granskning…")
    assert _texts(window) == swedish
