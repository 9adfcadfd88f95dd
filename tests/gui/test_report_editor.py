"""The report editor: texts stored with the audit and printed in the PDF, the guard, export."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton

from audit_app.gui import workers
from audit_app.gui.report_editor import ReportEditorPage
from audit_app.services.audits import open_audit
from audit_app.services.context import AppContext
from audit_app.services.demo import create_demo
from audit_app.services.report import report_texts


@pytest.fixture
def demo(gui_ctx: AppContext) -> str:
    """The demo audit."""
    return create_demo(gui_ctx)


def texts(ctx: AppContext, audit_id: str) -> dict:
    """The report texts stored with the audit."""
    with ctx.db.unit_of_work() as repo:
        return report_texts(open_audit(repo, audit_id))


def open_editor(window, qtbot, audit_id: str) -> ReportEditorPage:  # type: ignore[no-untyped-def]
    """Open the audit and its report editor as the user does; wait for the first preview."""
    window.open_audit(audit_id)
    window.findChild(QPushButton, "showReport").click()
    page = window.findChild(ReportEditorPage)
    assert window.pages.currentWidget() is page
    qtbot.waitUntil(lambda: page.loaded, timeout=20000)
    qtbot.waitUntil(lambda: page.preview.pdf_path is not None and not page.preview.busy,
                    timeout=60000)
    return page


def pdf_text(path: Path) -> str:
    """The text of a PDF as ``pdftotext`` reads it."""
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def test_narrative_edit_is_stored_and_printed(make_window, qtbot, gui_ctx, demo):  # type: ignore[no-untyped-def]
    page = open_editor(make_window(), qtbot, demo)
    assert "Sammanfattning" in [page.chapters.item(i).text() for i in range(page.chapters.count())]
    first = page.preview.pdf_path
    page.select("sammanfattning")
    page.editors["sammanfattning"].setPlainText("Nämnden bör följa upp planerna särskilt.")
    qtbot.waitUntil(lambda: texts(gui_ctx, demo).get("narrative", {}).get("sammanfattning")
                    == "Nämnden bör följa upp planerna särskilt.", timeout=5000)
    qtbot.waitUntil(lambda: page.preview.pdf_path != first and not page.preview.busy,
                    timeout=60000)
    assert "Nämnden bör följa upp planerna särskilt." in " ".join(pdf_text(
        page.preview.pdf_path).split())
    qtbot.wait(50)
    assert len(page.preview._labels()) == len(page.preview.page_texts) > 10


def test_accepting_a_suggestion_stores_a_finding(make_window, qtbot, gui_ctx, demo):  # type: ignore[no-untyped-def]
    page = open_editor(make_window(), qtbot, demo)
    page.select("__findings")
    panel = page.findings
    panel.questions.setCurrentRow(1)
    question_id = panel.questions.currentItem().data(0x0100)
    suggestion = panel.suggestion.text()
    assert suggestion and "ärende" in suggestion
    panel.use_button.click()
    assert texts(gui_ctx, demo)["findings"][question_id] == suggestion
    panel.editor.setPlainText(suggestion + " Det är för få.")
    panel.questions.setCurrentRow(2)  # leaving the question stores the rewrite
    assert texts(gui_ctx, demo)["findings"][question_id] == suggestion + " Det är för få."


def test_identity_number_in_a_vignette_is_refused(make_window, qtbot, gui_ctx, demo, shown,  # type: ignore[no-untyped-def]
                                                  monkeypatch):
    page = open_editor(make_window(), qtbot, demo)
    monkeypatch.setattr(page, "confirm_identifiers", lambda: False)
    page.select("__vignettes")
    panel = page.vignettes
    panel.add_button.click()
    panel.title.setText("Pojke 9 år")
    panel.text.setPlainText("Pojken (20150312-2382) fick vänta länge på insatsen.")
    panel.flush()
    assert shown and "identity number" in shown[-1][1]
    assert not texts(gui_ctx, demo).get("vignettes")
    panel.text.setPlainText("Pojken fick vänta länge på insatsen.")
    panel.area.setCurrentIndex(1)
    panel.flush()
    stored = list(texts(gui_ctx, demo)["vignettes"].values())
    assert [json.loads(v)["title"] for v in stored] == ["Pojke 9 år"]
    assert json.loads(stored[0])["quality_area"] == panel.area.itemData(1)


def test_identity_number_stored_when_confirmed_is_logged(make_window, qtbot, gui_ctx, demo,  # type: ignore[no-untyped-def]
                                                         shown, monkeypatch):
    page = open_editor(make_window(), qtbot, demo)
    monkeypatch.setattr(page, "confirm_identifiers", lambda: True)
    page.editors["bakgrund"].setPlainText("Se ärende 20150312-2382.")
    page.flush()
    assert shown
    assert texts(gui_ctx, demo)["narrative"]["bakgrund"] == "Se ärende 20150312-2382."
    with gui_ctx.db.unit_of_work() as repo:
        entry = repo.first_logged(demo, "report-narrative", "identifiers allowed")
        assert entry is not None and entry.question_id == "bakgrund"


def test_export_writes_the_pdf(make_window, qtbot, demo, tmp_path):  # type: ignore[no-untyped-def]
    page = open_editor(make_window(), qtbot, demo)
    out = tmp_path / "rapport.pdf"
    steps: list[int] = []
    page.progress.valueChanged.connect(steps.append)
    page.export(str(out))
    assert page.progress.isVisible()
    qtbot.waitUntil(lambda: out.exists() and not workers.busy(), timeout=60000)
    assert out.read_bytes().startswith(b"%PDF")
    assert "Sammanfattning" in pdf_text(out)
    assert steps and page.progress.isHidden()
