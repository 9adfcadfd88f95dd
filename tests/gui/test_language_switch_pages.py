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


def test_the_colleague_review_page_follows_a_switch(
        qtbot, make_window, gui_ctx: AppContext, tmp_path: Path,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch, back_to_swedish: None) -> None:
    from audit_app.gui import workers
    from tests.gui.colleague_helpers import open_page, reviewed_audit

    audit_id = reviewed_audit(gui_ctx, tmp_path)
    window = make_window()
    page = open_page(window, qtbot, audit_id)
    page.tabs.setCurrentWidget(page.agreement_tab)
    qtbot.waitUntil(lambda: page.agreement_tab.model.agreement is not None, timeout=30000)
    qtbot.waitUntil(lambda: not workers.busy(), timeout=10000)
    agreement = page.agreement_tab.model.agreement
    packages = page.packages_tab

    def texts() -> dict[str, object]:
        return {
            "tabs": [page.tabs.tabText(i) for i in range(page.tabs.count())],
            "phase": page.phase_label.text().split(".")[0],
            "close": page.phase_buttons["closed"].text(),
            "plan": page.plan_tab.reviewers.headers[0],
            "compute": page.agreement_tab.compute_button.text(),
            "agreement": _header(page.agreement_tab.model, 1),
            "decided": page.reconcile_tab.decided.text(),
            "disagreements": page.reconcile_tab.model.headers[:2],
            "compare": page.compare_tab.compare_button.text(),
            "export": packages.export_button.text(),
            "key_box": packages.keys.key_box.title(),
            "create_key": packages.keys.create_key.text(),
            "contacts": packages.keys.contacts.headers,
        }

    swedish = texts()
    assert swedish["tabs"][0] == "Granskningsplan" and swedish["disagreements"] == ["Akt", "Fråga"]
    choose_language(window, monkeypatch, qtbot, "en")
    assert texts() == {
        "tabs": ["Review plan", "Agreement", "Disagreements", "Year on year",
                 "Packages and keys"],
        "phase": "Phase: reconciliation", "close": "Close the audit…", "plan": "Reviewer",
        "compute": "Compute", "agreement": "Units", "decided": "Also show decided questions",
        "disagreements": ["Case", "Question"], "compare": "Compare",
        "export": "Export assignment…", "key_box": "Your key", "create_key": "Create key pair…",
        "contacts": ["Name", "Fingerprint"]}
    assert page.agreement_tab.model.agreement is agreement  # shown again, not computed again
    assert not workers.busy()
    choose_language(window, monkeypatch, qtbot, "sv")
    assert texts() == swedish


def test_the_report_editor_follows_a_switch(
        qtbot, make_window, gui_ctx: AppContext, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
        back_to_swedish: None) -> None:
    from audit_app.services.demo import create_demo
    from tests.gui.test_report_editor import open_editor

    window = make_window()
    page = open_editor(window, qtbot, create_demo(gui_ctx))
    pdf = page.preview.pdf_path
    page.select("__vignettes")

    def texts() -> dict[str, object]:
        chapters = [page.chapters.item(r).text() for r in range(page.chapters.count())]
        return {
            "export": page.export_button.text(), "first": chapters[0], "last": chapters[-1],
            "chapter": page.chapter_title.text(), "use": page.findings.use_button.text(),
            "add": page.vignettes.add_button.text(), "area": page.vignettes.area.itemText(0),
            "status": page.preview.status.text().split(":")[0],
            "title": page.title.text().split(":")[0],
        }

    swedish = texts()
    assert swedish["first"] == "Sammanfattning"
    choose_language(window, monkeypatch, qtbot, "en")
    assert texts() == {
        "export": "Export PDF…", "first": "Summary", "last": "Case examples (typexempel)",
        "chapter": "Case examples (typexempel)", "use": "Use the suggestion",
        "add": "New case example", "area": "(the results chapter)",
        "status": "Preview of the report", "title": "Report"}
    assert page.preview.pdf_path == pdf and not page.preview.busy  # not built again
    choose_language(window, monkeypatch, qtbot, "sv")
    assert texts() == swedish


def test_the_tables_page_follows_a_switch(
        qtbot, make_window, gui_ctx: AppContext, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
        back_to_swedish: None) -> None:
    from audit_app.services.demo import create_demo
    from tests.gui.test_tables_view import open_tables

    window = make_window()
    page = open_tables(window, qtbot, create_demo(gui_ctx))
    views = page.views

    def texts() -> dict[str, object]:
        last = page.model.columnCount() - 1
        return {
            "xlsx": page.buttons["tables_xlsx"].text(), "apply": page.apply_limit.text(),
            "save": page.save_chart_button.text(), "by": page.by.itemText(0),
            "by2": page.by2.itemText(0),
            "part": page.gender_part.itemText(page.gender_part.findData("total")),
            "total": _header(page.model, last), "gender": _header(page.gender, 0),
            "title": page.title.text().rsplit(" ", 1)[-1],
            "shown": page.table.horizontalHeader().model().headerData(
                last, Qt.Orientation.Horizontal),
        }

    swedish = texts()
    assert swedish["total"] == "Totalt" and swedish["by"] == "Hela urvalet"
    choose_language(window, monkeypatch, qtbot, "en")
    assert texts() == {
        "xlsx": "Tables as XLSX…", "apply": "Apply", "save": "Save chart…",
        "by": "Whole sample", "by2": "(nothing)", "part": "Whole sample", "total": "Total",
        "gender": "Question", "title": "tables", "shown": "Total"}
    assert page.views is views and not page.loading  # nothing counted again
    choose_language(window, monkeypatch, qtbot, "sv")
    assert texts() == swedish
