"""Renaming a case from the case list: the edit dialog's label, with its guards, and the log."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from audit_app.gui.case_dialogs import CaseDialog
from audit_app.services.audits import create_audit
from audit_app.services.cases import add_case
from audit_app.services.context import AppContext


@pytest.fixture
def audit(gui_ctx: AppContext, template_file: Path) -> str:
    audit_id = create_audit(gui_ctx, str(template_file), "Provgranskning")
    for label in ("A1", "A2"):
        add_case(gui_ctx, audit_id, label, {"unit": "hv", "age": "5"}, reviewer="inspektor")
    return audit_id


def _edit_with(monkeypatch: pytest.MonkeyPatch, new_label: str, seen: list[CaseDialog]) -> None:
    """The edit dialog, typed into and saved at once instead of waiting for the user."""
    def run(dialog: CaseDialog) -> int:
        seen.append(dialog)
        dialog.label_edit.setText(new_label)
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(CaseDialog, "exec", run)


def _renames(ctx: AppContext, audit_id: str) -> list[tuple[str | None, str | None]]:
    with ctx.db.unit_of_work() as repo:
        return [(c.old_value, c.new_value) for c in repo.changes(audit_id)
                if c.action == "case-renamed"]


def test_a_case_is_renamed_from_the_case_list(
        qtbot, make_window, gui_ctx: AppContext, audit: str,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window()
    window.open_audit(audit)
    page = window.cases
    page.select("A1")
    seen: list[CaseDialog] = []
    _edit_with(monkeypatch, "HV-01", seen)
    page.buttons["edit"].click()
    assert seen and not seen[0].label_edit.isReadOnly()
    assert sorted(page.labels_in_view()) == ["A2", "HV-01"]
    assert page.selected() == "HV-01"
    assert _renames(gui_ctx, audit) == [("A1", "HV-01")]
    assert window.statusBar().currentMessage() == "Akten A1 heter nu HV-01"


def test_a_duplicate_or_an_identity_number_is_refused_with_a_message(
        qtbot, make_window, gui_ctx: AppContext, audit: str,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window()
    window.open_audit(audit)
    page = window.cases
    page.select("A1")
    seen: list[CaseDialog] = []
    _edit_with(monkeypatch, "A2", seen)
    page.edit_case()
    error = seen[-1].errors["label"]
    assert not error.isHidden()
    assert error.text() == "Det finns redan en akt med den beteckningen"
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args: QMessageBox.StandardButton.No)  # do not store the number
    _edit_with(monkeypatch, "Barn 20121212-1212", seen)
    page.edit_case()
    assert seen[-1].errors["label"].text() == "Innehåller ett personnummer"
    assert _renames(gui_ctx, audit) == []
    assert sorted(page.labels_in_view()) == ["A1", "A2"]
