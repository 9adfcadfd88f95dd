"""A date question: picked in a calendar, typed as YYYY-MM-DD, or left without an answer."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt

from audit_app.gui.question_widgets import DateCard
from audit_app.services.audits import create_audit
from audit_app.services.cases import add_case
from audit_app.services.context import AppContext
from audit_app.services.review import open_case


@pytest.fixture
def audit(gui_ctx: AppContext, template_file: Path) -> str:
    """The small test audit with case A1."""
    audit_id = create_audit(gui_ctx, str(template_file), "Provgranskning")
    add_case(gui_ctx, audit_id, "A1", {"unit": "hv", "age": "5"}, reviewer="inspektor")
    return audit_id


def _stored(ctx: AppContext, audit_id: str) -> object:
    return open_case(ctx, audit_id, "A1", "inspektor").answers.get("beslut")


def test_a_date_is_picked_typed_and_cleared(
        qtbot, make_window, gui_ctx: AppContext, audit: str) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.open_audit(audit)
    window.open_case("A1")
    card = window.form.cards["beslut"]
    assert isinstance(card, DateCard)
    assert card.calendar_button.text() == "Kalender…"
    card.line.setText("2023-11-20")
    qtbot.mouseClick(card.calendar_button, Qt.MouseButton.LeftButton)
    assert card.calendar is not None and card.calendar.isVisible()
    assert card.calendar.selectedDate() == QDate(2023, 11, 20)  # opens on the written date
    card.calendar.clicked.emit(QDate(2024, 3, 5))
    assert not card.calendar.isVisible()
    assert card.line.text() == "2024-03-05"
    assert _stored(gui_ctx, audit) == "2024-03-05"

    card.line.setFocus()
    card.line.selectAll()
    qtbot.keyClicks(card.line, "2024-05-02")
    qtbot.keyClick(card.line, Qt.Key.Key_Return)
    assert _stored(gui_ctx, audit) == "2024-05-02"

    card.line.setFocus()
    card.line.clear()
    card.line.editingFinished.emit()
    assert _stored(gui_ctx, audit) is None  # no answer is still possible
