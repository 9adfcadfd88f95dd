"""The window follows the phases: no counts while blinded, a read-only case form after review."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from audit_app.gui import workers
from audit_app.gui.report_editor import ReportEditorPage
from audit_app.gui.tables_model import COUNT_ROLE
from audit_app.services.blinding import change_phase
from audit_app.services.context import AppContext
from tests.gui.colleague_helpers import reviewed_audit


def _idle(qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not workers.busy(), timeout=20000)


def _state(ctx: AppContext, audit: str) -> tuple[list[tuple[str, str, str, str]], int]:
    with ctx.db.unit_of_work() as repo:
        rows = sorted((a.reviewer, a.question_id, a.value, a.comment or "")
                      for a in repo.answer_rows(audit))
        return rows, len(repo.changes(audit))


def test_the_tables_page_shows_a_notice_and_no_counts_while_blinded(
        make_window, qtbot, gui_ctx: AppContext, shown, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    audit = reviewed_audit(gui_ctx, tmp_path, "Blind tabell", end_review=False)
    window = make_window()
    window.open_audit(audit)
    window.findChild(QPushButton, "showTables").click()
    page = window.tables
    assert window.pages.currentWidget() is page
    _idle(qtbot)
    assert page.blinded and page.blind_notice.isVisible() and not page.splitter.isVisible()
    assert "granskningsfasen är avslutad" in page.blind_notice.text()
    assert page.views is None and page.model.rowCount() == 0 and page.gender.rowCount() == 0
    assert not any(b.isEnabled() for b in page.buttons.values())
    assert not page.save_chart_button.isEnabled()
    page.export_tables(tmp_path / "t.csv", suffix=".csv")
    page.export_raw(tmp_path / "r.csv")
    assert page.save_chart(tmp_path / "c.png") is None
    _idle(qtbot)
    assert not list(tmp_path.glob("[trc].*")) and shown == []

    change_phase(gui_ctx, audit, "reconcile")
    page.load()
    qtbot.waitUntil(lambda: page.views is not None, timeout=20000)
    assert not page.blinded and page.blind_notice.isHidden() and page.splitter.isVisible()
    assert all(b.isEnabled() for b in page.buttons.values())
    counts = [page.model.index(r, c).data(COUNT_ROLE) for r in range(page.model.rowCount())
              for c in range(page.model.columnCount())]
    assert any(counts) and shown == []


def test_the_report_editor_shows_a_notice_while_blinded(
        make_window, qtbot, gui_ctx: AppContext, shown, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    audit = reviewed_audit(gui_ctx, tmp_path, "Blind rapport", end_review=False)
    window = make_window()
    window.open_audit(audit)
    window.findChild(QPushButton, "showReport").click()
    page = window.findChild(ReportEditorPage)
    assert page is not None and window.pages.currentWidget() is page
    _idle(qtbot)
    assert page.blind_notice.isVisible() and not page.splitter.isVisible()
    assert "Rapporten visas" in page.blind_notice.text()
    assert not page.export_button.isEnabled() and not page.loaded
    assert page.chapters.count() == 0 and page.preview.pdf_path is None and shown == []


def test_the_case_form_is_read_only_once_the_review_phase_has_ended(
        make_window, qtbot, gui_ctx: AppContext, settings, shown,  # type: ignore[no-untyped-def]
        tmp_path: Path) -> None:
    audit = reviewed_audit(gui_ctx, tmp_path, "Avslutad", end_review=True)
    settings.reviewer = "anna"
    before = _state(gui_ctx, audit)
    window = make_window()
    window.open_audit(audit)
    window.open_case("K2")
    page = window.form
    assert window.pages.currentWidget() is page and page.form is not None
    assert page.form.review_ended and page.form.answers["barn_traffat"] == "ja"
    banner = page.header.phase_banner
    assert banner.isVisible() and "Kollegial granskning" in banner.text()
    assert "Granskningsfasen är avslutad" in banner.text()
    visible = [c for c in page.cards.values() if c.isVisible()]
    assert visible and not any(c.isEnabled() for c in visible)
    assert not page.header.complete.isEnabled()
    card = page.cards["barn_traffat"]
    qtbot.keyClick(card, Qt.Key.Key_2)  # would pick "nej" in the review phase
    card.edited.emit("barn_traffat", None)  # even a stray edit is not written
    page.actions_by_name["mark_complete"].trigger()  # Ctrl+Return
    page.flush()
    _idle(qtbot)
    assert _state(gui_ctx, audit) == before and shown == []
    assert page.form.answers["barn_traffat"] == "ja"
    assert window.undo_group.activeStack() is None


def test_the_case_form_turns_read_only_when_the_phase_ends_while_it_is_open(
        make_window, qtbot, gui_ctx: AppContext, settings, shown,  # type: ignore[no-untyped-def]
        tmp_path: Path) -> None:
    audit = reviewed_audit(gui_ctx, tmp_path, "Pågår", end_review=False)
    settings.reviewer = "anna"
    window = make_window()
    window.open_audit(audit)
    window.open_case("K2")
    page = window.form
    assert not page.form.review_ended and not page.header.phase_banner.isVisible()
    assert page.cards["barn_traffat"].isEnabled() and page.header.complete.isEnabled()
    actor, gui_ctx.actor = gui_ctx.actor, "lena"
    change_phase(gui_ctx, audit, "closed")
    gui_ctx.actor = actor
    before = _state(gui_ctx, audit)
    page.cards["barn_traffat"].edited.emit("barn_traffat", "nej")
    assert shown == [] and _state(gui_ctx, audit) == before
    assert page.form.review_ended and page.header.phase_banner.isVisible()
    assert not page.cards["barn_traffat"].isEnabled()


def test_mark_complete_is_off_while_the_case_is_read_only_and_on_for_a_writable_case(
        make_window, qtbot, gui_ctx: AppContext, settings, shown,  # type: ignore[no-untyped-def]
        tmp_path: Path) -> None:
    ended = reviewed_audit(gui_ctx, tmp_path, "Avslutad", end_review=True)
    open_audit = reviewed_audit(gui_ctx, tmp_path, "Pågår", end_review=False)
    settings.reviewer = "anna"
    window = make_window()
    window.open_audit(ended)
    window.open_case("K2")
    page = window.form
    mark = page.actions_by_name["mark_complete"]
    assert page.form.review_ended and not mark.isEnabled()
    assert page.actions_by_name["next_case"].isEnabled()  # the other actions still work
    page.next_case(1)  # another case of the ended audit, without leaving the form
    assert page.form.label != "K2" and not mark.isEnabled()
    window.show_cases()
    window.open_audit(open_audit)
    window.open_case("K2")
    assert not page.form.review_ended and mark.isEnabled()
    actor, gui_ctx.actor = gui_ctx.actor, "lena"
    change_phase(gui_ctx, open_audit, "closed")  # the phase ends while the case is open
    gui_ctx.actor = actor
    page.cards["barn_traffat"].edited.emit("barn_traffat", "nej")
    assert page.form.review_ended and not mark.isEnabled() and shown == []
