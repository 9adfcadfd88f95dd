"""The case form driven like an inspector would: keys, conditional questions, undo, completion."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from audit_app.gui.question_widgets import (
    ChoiceCard,
    DateCard,
    MultiCard,
    NumberCard,
    QuestionCard,
    TextCard,
)
from audit_app.services.audits import create_audit
from audit_app.services.cases import add_case
from audit_app.services.context import AppContext
from audit_app.services.demo import create_demo
from audit_app.services.review import Progress, open_case

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def _card(widget: QWidget) -> QuestionCard | None:
    while widget is not None and not isinstance(widget, QuestionCard):
        widget = widget.parentWidget()
    return widget


@pytest.fixture
def audit(gui_ctx: AppContext, template_file: Path) -> str:
    """The small test audit with case A1 (age 5) and A2."""
    audit_id = create_audit(gui_ctx, str(template_file), "Provgranskning")
    add_case(gui_ctx, audit_id, "A1", {"unit": "hv", "age": "5"}, reviewer="inspektor")
    add_case(gui_ctx, audit_id, "A2", {"unit": "kh", "age": "9"}, reviewer="inspektor")
    return audit_id


def _open(window, audit_id: str, label: str) -> None:  # type: ignore[no-untyped-def]
    window.open_audit(audit_id)
    window.open_case(label)
    assert window.pages.currentWidget() is window.form


def test_a_whole_demo_case_is_filled_in_with_the_keyboard_only(
        qtbot, make_window, gui_ctx: AppContext, settings) -> None:  # type: ignore[no-untyped-def]
    settings.reviewer = "tangentbord"  # no answers of this reviewer in the demo data
    audit_id = create_demo(gui_ctx)
    window = make_window()
    qtbot.keyClick(_focused(), Qt.Key.Key_Return)  # open the selected (only) audit
    assert window.pages.currentWidget() is window.cases
    for _ in range(2):
        qtbot.keyClick(_focused(), Qt.Key.Key_Down)
    qtbot.keyClick(_focused(), Qt.Key.Key_Return)  # the third case, HV-03
    form_page = window.form
    assert form_page.form is not None and form_page.form.label == "HV-03"
    for _step in range(200):
        form = form_page.form
        if not form.gaps:
            break
        card = _card(_focused())
        assert card is not None
        if card.answered:
            qtbot.keyClick(_focused(), Qt.Key.Key_J, CTRL)  # next unanswered
        elif isinstance(card, ChoiceCard):
            qtbot.keyClick(card, Qt.Key.Key_1)
        elif isinstance(card, MultiCard):
            qtbot.keyClick(card, Qt.Key.Key_1)
            qtbot.keyClick(card, Qt.Key.Key_Return)
        elif isinstance(card, NumberCard):
            qtbot.keyClicks(_focused(), "2")
            qtbot.keyClick(_focused(), Qt.Key.Key_Return)
        elif isinstance(card, DateCard):
            qtbot.keyClicks(_focused(), "2024-05-02")
            qtbot.keyClick(_focused(), Qt.Key.Key_Return)
        else:
            assert isinstance(card, TextCard)
            qtbot.keyClicks(_focused(), "Inga synpunkter")
            qtbot.keyClick(_focused(), Qt.Key.Key_Tab)
    qtbot.keyClick(_focused(), Qt.Key.Key_Return, CTRL)  # mark complete
    stored = open_case(gui_ctx, audit_id, "HV-03", "tangentbord")
    assert stored.progress is Progress.COMPLETE
    assert stored.answers and not stored.gaps
    assert window.saved_label.text().startswith("Sparat ")
    qtbot.keyClick(_focused(), Qt.Key.Key_PageDown, CTRL | SHIFT)  # next case
    assert form_page.form.label == "HV-04"


def test_a_conditional_question_appears_and_disappears_at_once(
        qtbot, make_window, audit: str) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    _open(window, audit, "A1")
    gp_finns, gp_barn = window.form.cards["gp_finns"], window.form.cards["gp_barn"]
    assert gp_finns.hasFocus() and not gp_barn.isVisible()
    qtbot.keyClick(gp_finns, Qt.Key.Key_1)  # Ja
    assert gp_barn.isVisible() and gp_barn.hasFocus()  # it appeared and the focus moved on
    gp_finns.setFocus()
    qtbot.keyClick(gp_finns, Qt.Key.Key_2)  # Nej
    assert not gp_barn.isVisible()
    qtbot.keyClick(gp_finns, Qt.Key.Key_Delete)
    assert not gp_barn.isVisible() and not gp_finns.answered


def test_answers_survive_closing_and_reopening_the_window(
        qtbot, make_window, audit: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    _open(window, audit, "A1")
    form = window.form
    qtbot.keyClick(form.cards["gp_finns"], Qt.Key.Key_3)  # Framgår inte av akten
    qtbot.keyClick(form.cards["skal"], Qt.Key.Key_2)
    form.focus_question("veckor")
    qtbot.keyClicks(_focused(), "4")
    form.focus_question("noter")
    qtbot.keyClicks(_focused(), "Planen saknas")
    window.close()  # the pending text is stored on closing, without a pause or Tab
    again = make_window(AppContext.from_options(data_dir=tmp_path / "gui-data"))
    _open(again, audit, "A1")
    cards = again.form.cards
    assert cards["gp_finns"].buttons["ej_dok"].isChecked()
    assert cards["skal"].buttons["annat"].isChecked()
    assert isinstance(cards["veckor"], NumberCard) and cards["veckor"].line.text() == "4"
    assert isinstance(cards["noter"], TextCard)
    assert cards["noter"].text.toPlainText() == "Planen saknas"


def test_undo_restores_the_earlier_value_in_the_database(
        qtbot, make_window, gui_ctx: AppContext, audit: str) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    _open(window, audit, "A1")
    card = window.form.cards["gp_finns"]
    qtbot.keyClick(card, Qt.Key.Key_2)
    card.setFocus()
    qtbot.keyClick(card, Qt.Key.Key_1)
    assert open_case(gui_ctx, audit, "A1", "inspektor").answers["gp_finns"] == "ja"
    qtbot.keyClick(_focused(), Qt.Key.Key_Z, CTRL)
    assert open_case(gui_ctx, audit, "A1", "inspektor").answers["gp_finns"] == "nej"
    assert card.buttons["nej"].isChecked() and not window.form.cards["gp_barn"].isVisible()
    qtbot.keyClick(_focused(), Qt.Key.Key_Z, CTRL)
    assert "gp_finns" not in open_case(gui_ctx, audit, "A1", "inspektor").answers
    qtbot.keyClick(_focused(), Qt.Key.Key_Z, CTRL | SHIFT)
    assert open_case(gui_ctx, audit, "A1", "inspektor").answers["gp_finns"] == "nej"


def test_an_incomplete_case_is_refused_and_the_first_gap_shown(
        qtbot, make_window, gui_ctx: AppContext, audit: str) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    _open(window, audit, "A1")
    form = window.form
    qtbot.keyClick(form.cards["gp_finns"], Qt.Key.Key_1)  # Ja: gp_barn now applies
    form.focus_question("veckor")
    qtbot.keyClick(_focused(), Qt.Key.Key_Return, CTRL)
    assert open_case(gui_ctx, audit, "A1", "inspektor").progress is Progress.IN_PROGRESS
    assert form.header.gap_banner.isVisible()
    assert "Var barnet delaktigt i planen?" in form.header.gap_banner.text()
    assert _card(_focused()) is form.cards["gp_barn"]
    assert form.cards["gp_barn"].property("gap") and form.cards["skal"].property("gap")


def test_digits_pick_options_and_the_not_documented_option_stands_apart(
        qtbot, make_window, gui_ctx: AppContext, audit: str) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    _open(window, audit, "A1")
    card = window.form.cards["gp_finns"]
    special = card.buttons["ej_dok"]
    assert special.font().italic() and special.parentWidget().objectName() == "specialOptions"
    qtbot.keyClick(card, Qt.Key.Key_3)
    assert open_case(gui_ctx, audit, "A1", "inspektor").answers["gp_finns"] == "ej_dok"


def test_a_number_out_of_range_is_shown_and_not_stored(
        qtbot, make_window, gui_ctx: AppContext, audit: str) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    _open(window, audit, "A1")
    card = window.form.cards["veckor"]
    window.form.focus_question("veckor")
    qtbot.keyClicks(_focused(), "99")
    qtbot.keyClick(_focused(), Qt.Key.Key_Return)
    assert card.error_label.isVisible() and "99" in card.error_label.text()
    assert "veckor" not in open_case(gui_ctx, audit, "A1", "inspektor").answers


def test_an_identity_number_in_text_needs_a_confirmation(
        qtbot, make_window, gui_ctx: AppContext, audit: str,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window()
    _open(window, audit, "A1")
    answers: list[bool] = [False, True]
    monkeypatch.setattr(window.form, "confirm_identifiers", lambda: answers.pop(0))
    for _ in range(2):
        window.form.focus_question("noter")
        text = window.form.cards["noter"]
        assert isinstance(text, TextCard)
        text.text.setPlainText("Barnet 19121212-1212")
        window.form.flush()
        stored = open_case(gui_ctx, audit, "A1", "inspektor").answers.get("noter")
        if answers:
            assert stored is None and text.error_label.isVisible()
    assert stored == "Barnet 19121212-1212"


def test_sections_and_cases_are_reached_with_shortcuts(
        qtbot, make_window, audit: str) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    _open(window, audit, "A1")
    form = window.form
    qtbot.keyClick(_focused(), Qt.Key.Key_PageDown, CTRL)
    assert form.current_question() == "skal"
    assert form.navigator.currentRow() == 1
    qtbot.keyClick(_focused(), Qt.Key.Key_PageUp, CTRL)
    assert form.current_question() == "gp_finns"
    qtbot.keyClick(_focused(), Qt.Key.Key_Tab)
    assert form.current_question() == "skal"  # gp_barn does not apply yet
    qtbot.keyClick(_focused(), Qt.Key.Key_PageDown, CTRL | SHIFT)
    assert form.form.label == "A2"
    qtbot.keyClick(_focused(), Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.pages.currentWidget() is window.cases
    assert window.cases.selected() == "A2"


def test_a_comment_is_stored_with_its_answer(
        qtbot, make_window, gui_ctx: AppContext, audit: str) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    _open(window, audit, "A1")
    card = window.form.cards["gp_finns"]
    qtbot.keyClick(card, Qt.Key.Key_2)
    card.setFocus()
    qtbot.keyClick(card, Qt.Key.Key_K, CTRL)
    assert _focused() is card.comment
    qtbot.keyClicks(card.comment, "Planen saknar datum")
    qtbot.keyClick(card.comment, Qt.Key.Key_Escape)
    stored = open_case(gui_ctx, audit, "A1", "inspektor")
    assert stored.comments == {"gp_finns": "Planen saknar datum"}
    assert _card(_focused()) is card
