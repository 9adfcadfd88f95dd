"""The main window: audits, creating an audit, and the case list with its filter and imports."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from audit_app.gui import workers
from audit_app.gui.case_dialogs import CaseDialog
from audit_app.gui.create_audit_dialog import CreateAuditDialog
from audit_app.gui.models import KEY_ROLE
from audit_app.services.audits import create_audit, list_audits
from audit_app.services.cases import add_case, list_cases
from audit_app.services.context import AppContext
from audit_app.services.review import Progress, open_case


@pytest.fixture
def audit(gui_ctx: AppContext, template_file: Path) -> str:
    """The small test audit with three cases."""
    audit_id = create_audit(gui_ctx, str(template_file), "Provgranskning")
    for label, unit, age in [("B2", "kh", "9"), ("A1", "hv", "5"), ("C3", "hv", "11")]:
        add_case(gui_ctx, audit_id, label, {"unit": unit, "age": age}, reviewer="inspektor")
    return audit_id


def test_the_audit_list_shows_template_cases_and_progress(make_window,  # type: ignore[no-untyped-def]
                                                          audit: str) -> None:
    window = make_window()
    model = window.audits.model
    assert model.rowCount() == 1
    texts = [model.index(0, c).data() for c in range(4)]
    assert texts == ["Provgranskning", "Provmall, version 1", 3, "0 av 3"]


def test_an_audit_is_created_from_a_bundled_template(make_window,  # type: ignore[no-untyped-def]
                                                     gui_ctx: AppContext) -> None:
    window = make_window()
    dialog = CreateAuditDialog(window.session, window)
    assert dialog.templates.count() >= 3
    dialog.templates.setCurrentIndex(dialog.templates.findData("oppenvard_barn"))
    dialog.name.setText("Hösten 2025")
    dialog.accept()
    assert dialog.result() == 1 and dialog.audit_id
    assert [a.name for a in list_audits(gui_ctx)] == ["Hösten 2025"]


def test_template_errors_are_listed_with_their_lines(make_window,  # type: ignore[no-untyped-def]
                                                     gui_ctx: AppContext, tmp_path: Path) -> None:
    bad = tmp_path / "trasig.yaml"
    bad.write_text("format: 1\nid: Trasig\nversion: 1\ntitle: T\nsections: []\nfoo: 1\n",
                   encoding="utf-8")
    window = make_window()
    dialog = CreateAuditDialog(window.session, window)
    dialog.name.setText("Ny")
    dialog.path.setText(str(bad))
    dialog.file_choice.setChecked(True)
    dialog.accept()
    assert dialog.result() == 0 and list_audits(gui_ctx) == []
    lines = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert lines and all(line.startswith("Rad ") for line in lines)
    assert any(line.startswith("Rad 6:") for line in lines)  # the unknown key foo


def test_the_case_list_filters_and_sorts(make_window, audit: str) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.open_audit(audit)
    page = window.cases
    assert page.labels_in_view() == ["B2", "A1", "C3"]  # the order they were added
    page.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert page.labels_in_view() == ["A1", "B2", "C3"]
    age_column = 1 + [f.id for f in page.model.template.case_fields].index("age")
    page.view.sortByColumn(age_column, Qt.SortOrder.DescendingOrder)
    assert page.labels_in_view() == ["C3", "B2", "A1"]
    page.filter.setText("kungsholmen")
    assert page.labels_in_view() == ["B2"]
    page.filter.clear()
    page.progress_filter.setCurrentIndex(page.progress_filter.findData("complete"))
    assert page.labels_in_view() == []


def test_a_case_is_added_edited_excluded_and_included(
        make_window, gui_ctx: AppContext, audit: str,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window()
    window.open_audit(audit)
    page = window.cases
    template = page.model.template
    dialog = CaseDialog(template, lambda label, values, allow:
                        window.session.add_case(audit, label, values, allow), parent=page)
    dialog.label_edit.setText("D4")
    dialog.inputs["age"].setText("fem")
    dialog.accept()
    assert not dialog.errors["age"].isHidden() and dialog.result() == 0
    dialog.inputs["age"].setText("5")
    dialog.accept()
    assert dialog.result() == 1 and dialog.change is not None
    page.model.update_case(dialog.change.after)
    assert "D4" in page.labels_in_view()
    page.select("D4")

    class Reason:
        def __init__(self, label: str, parent: object) -> None:
            self.reason = type("Edit", (), {"text": lambda _self: "Fel målgrupp"})()

        def exec(self) -> int:
            return 1

    monkeypatch.setattr("audit_app.gui.cases_page.ExcludeDialog", Reason)
    page.toggle_exclusion()
    summary = {c.label: c for c in list_cases(gui_ctx, audit, "inspektor").cases}["D4"]
    assert summary.excluded_reason == "Fel målgrupp" and summary.progress is Progress.EXCLUDED
    row = page.model.row_of("D4")
    assert page.model.index(row, page.model.columnCount() - 1).data() == "Fel målgrupp"
    assert page.buttons["exclude"].text() == "Ta med igen"
    page.toggle_exclusion()
    assert open_case(gui_ctx, audit, "D4", "inspektor").progress is Progress.NOT_STARTED


def test_a_rejected_case_import_lists_every_error_and_writes_nothing(
        qtbot, make_window, gui_ctx: AppContext, audit: str,  # type: ignore[no-untyped-def]
        tmp_path: Path, shown: list[tuple[str, str]]) -> None:
    bad = tmp_path / "akter.csv"
    bad.write_text("case,unit,age\nE5,hv,3\nF6,xx,4\nG7,kh,99\n", encoding="utf-8")
    window = make_window()
    window.open_audit(audit)
    window.cases._import("Importera", window.session.import_cases, str(bad))
    qtbot.waitUntil(lambda: not workers.busy() and bool(shown), timeout=10000)
    assert [m for kind, m in shown if kind == "diagnostic"] == [
        f"{bad}:3: error[invalid-option]: " + shown[0][1].split("invalid-option]: ")[1],
        shown[1][1]]
    assert ":4: error[out-of-range]" in shown[1][1]
    assert len(list_cases(gui_ctx, audit, "inspektor").cases) == 3


def test_an_answer_import_runs_in_the_background_and_updates_the_list(
        qtbot, make_window, gui_ctx: AppContext, audit: str,  # type: ignore[no-untyped-def]
        tmp_path: Path) -> None:
    good = tmp_path / "svar.csv"
    good.write_text("case,question,value\nA1,gp_finns,nej\nA1,veckor,3\n", encoding="utf-8")
    window = make_window()
    window.open_audit(audit)
    page = window.cases
    page._import("Importera", window.session.import_answers, str(good))
    qtbot.waitUntil(lambda: not workers.busy(), timeout=10000)
    qtbot.waitUntil(lambda: page.model.summary(page.model.row_of("A1")).answered == 2)
    assert open_case(gui_ctx, audit, "A1", "inspektor").answers == {"gp_finns": "nej",
                                                                     "veckor": 3.0}
    assert window.saved_label.text().startswith("Sparat ")


def test_opening_a_case_with_enter_and_coming_back_keeps_it_selected(
        qtbot, make_window, audit: str) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    qtbot.keyClick(window.audits.view, Qt.Key.Key_Return)
    page = window.cases
    assert window.pages.currentWidget() is page
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Down)
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert window.form.form is not None and window.form.form.label == "A1"
    window.show_cases()
    assert page.selected() == "A1"
    assert page.view.currentIndex().data(KEY_ROLE) == "A1"


def test_the_interface_is_swedish_by_default_and_english_on_request(
        qtbot, make_window, settings, audit: str) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    assert window.audits.new_button.text() == "Ny granskning…"
    assert window.form.header.complete.text() == "Markera som klar"
    settings.language = "en"
    english = make_window()  # the fixture installs the chosen language, as a restart would
    assert english.audits.new_button.text() == "New audit…"
