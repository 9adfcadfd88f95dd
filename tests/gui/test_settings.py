"""The settings: the reviewer defaults to the login name, and answers are stored under it."""

from __future__ import annotations

import getpass
from pathlib import Path

from PySide6.QtCore import Qt

from audit_app.gui.settings import Settings
from audit_app.gui.settings_dialog import SettingsDialog
from audit_app.services.audits import create_audit
from audit_app.services.cases import add_case
from audit_app.services.context import AppContext
from audit_app.services.history import answer_history
from audit_app.services.review import open_case


def test_the_reviewer_is_the_login_name_until_changed(tmp_path: Path) -> None:
    settings = Settings.at(str(tmp_path / "s.ini"))
    assert settings.reviewer == getpass.getuser()
    assert settings.language == "sv"
    settings.reviewer = "  Anna A  "
    assert Settings.at(str(tmp_path / "s.ini")).reviewer == "Anna A"


def test_the_dialog_stores_reviewer_and_language(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings = Settings.at(str(tmp_path / "s.ini"))
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.reviewer.setText("bertil")
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.accept()
    assert (settings.reviewer, settings.language) == ("bertil", "en")


def test_answers_are_stored_under_the_reviewer_of_the_settings(
        qtbot, make_window, settings, gui_ctx: AppContext,  # type: ignore[no-untyped-def]
        template_file: Path) -> None:
    audit = create_audit(gui_ctx, str(template_file), "Prov")
    add_case(gui_ctx, audit, "A1", {}, reviewer="x")
    settings.reviewer = "cecilia"
    window = make_window()
    window.open_audit(audit)
    window.open_case("A1")
    qtbot.keyClick(window.form.cards["gp_finns"], Qt.Key.Key_2)
    assert open_case(gui_ctx, audit, "A1", "cecilia").answers == {"gp_finns": "nej"}
    assert open_case(gui_ctx, audit, "A1", "inspektor").answers == {}
    [entry] = answer_history(gui_ctx, audit, "A1", "gp_finns")
    assert (entry.actor, entry.reviewer) == ("cecilia", "cecilia")
    assert window.reviewer_label.text() == "Granskare: cecilia"
