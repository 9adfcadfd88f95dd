"""The genomlysning dialog, the tables page, the report editor and the colleague review page follow
a language switch in the settings at once, and back."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from audit_app.gui.genomlysning_page import GenomlysningDialog
from audit_app.services.audits import create_audit
from audit_app.services.cases import add_case
from audit_app.services.context import AppContext
from tests.gui.language_helpers import back_to_swedish, choose_language

__all__ = ["back_to_swedish"]


@pytest.fixture
def audit(gui_ctx: AppContext, template_file: Path) -> str:
    audit_id = create_audit(gui_ctx, str(template_file), "Provgranskning")
    add_case(gui_ctx, audit_id, "A1", {"unit": "hv", "age": "5"}, reviewer="inspektor")
    return audit_id


def _header(model, column: int) -> str:  # type: ignore[no-untyped-def]
    return str(model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole))


def test_the_genomlysning_dialog_follows_a_switch(
        qtbot, make_window, audit: str, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
        back_to_swedish: None) -> None:
    window = make_window()
    window.open_audit(audit)
    window.cases.findChild(object, "showGenomlysning").click()
    dialog = window.findChild(GenomlysningDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    model = dialog.model

    def texts() -> tuple[str, ...]:
        total = str(model.data(model.index(model.rowCount() - 1, 0)))
        return (dialog.import_button.text(), _header(model, 1), total)

    swedish = texts()
    assert swedish[2] == "Totalt"
    choose_language(window, monkeypatch, qtbot, "en")
    assert texts() == ("Import CSV…", "Active cases", "Total")
    assert dialog.windowTitle() == "Genomlysning: implementation plans per unit"
    choose_language(window, monkeypatch, qtbot, "sv")
    assert texts() == swedish
