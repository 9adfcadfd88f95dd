"""The tables view after a language switch (mixed into :class:`audit_app.gui.tables_page.TablesPage`).

The static texts are kept by ``Texts``; the rest is set again from what is shown: the title, the
boxes' first choices, the headings of both tables, the gender note and the chart's note. Nothing is
counted again (a chart already drawn keeps its legend until the next view).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt

from audit_app.gui.retranslate import Texts
from audit_app.gui.text import fmt

Note = Callable[[], str]


if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget as _Base  # the page these are mixed into
else:
    _Base = object


class TablesTexts(_Base):
    """Sets the view's texts again when the language changes."""

    _texts: Texts
    _name: str
    _note: Note
    _chart_png: bytes
    model: Any
    gender: Any
    by: Any
    by2: Any
    gender_part: Any
    gender_note: Any
    chart: Any
    title: Any

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        """Set the view's texts again after a language switch (nothing is counted again)."""
        self._texts.changed(event, self._retranslated)
        super().changeEvent(event)

    def _retranslated(self) -> None:
        self._show_title()
        for box, text in ((self.by, self.tr("Whole sample")), (self.by2, self.tr("(nothing)"))):
            if box.count():
                box.setItemText(0, text)
        total = self.gender_part.findData("total")
        if total >= 0:
            self.gender_part.setItemText(total, self.tr("Whole sample"))
        for model in (self.model, self.gender):
            columns, rows = model.columnCount(), model.rowCount()
            if columns:
                model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, columns - 1)
            if rows:
                model.headerDataChanged.emit(Qt.Orientation.Vertical, 0, rows - 1)
        self.gender_note.setText(self._note())
        if not self._chart_png and self.chart.text():
            self.chart.setText(self.no_chart())

    def _show_title(self) -> None:
        self.title.setText(fmt(self.tr("<b>%1</b> – tables"), self._name) if self._name else "")

    def _show_note(self, note: Note) -> None:
        """Show the gender note, and show it again in the new language after a switch."""
        self._note = note
        self.gender_note.setText(note())

    def no_chart(self) -> str:
        """Why no chart is drawn for the question shown."""
        return self.tr("Only questions with options are drawn as bars.")
