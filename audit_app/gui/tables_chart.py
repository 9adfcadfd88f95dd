"""The tables view's question list and chart (mixed into :class:`audit_app.gui.tables_page.TablesPage`).

Texts are translated in the view's context (``TablesPage``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QListWidgetItem

from audit_app.gui.text import fmt

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget as _Base  # the page these are mixed into
else:
    _Base = object


class TablesChart(_Base):
    """One question's table and chart, chosen in the list or the gender analysis."""

    views: Any
    model: Any
    table: Any
    questions: Any
    question_title: Any
    chart: Any
    chart_area: Any
    save_chart_button: Any
    shown_breakdown: tuple[str | None, str | None]
    no_chart: Any
    label_of: Any
    _chart_png: bytes

    def _question_picked(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.show_question(item.data(Qt.ItemDataRole.UserRole))

    def show_question(self, question_id: str | None, *, draw: bool = True) -> Any:
        """Show one question's table and chart, and select it in the list.

        ``draw`` False: leave the chart to the caller, who gets its data (None: nothing to draw).
        """
        if not question_id or self.views is None:
            return None
        if not self.model.question or self.model.question["id"] != question_id:
            self.model.set_question(question_id)
            self.table.resizeColumnsToContents()
            self.table.resizeRowsToContents()
        for row in range(self.questions.count()):
            if self.questions.item(row).data(Qt.ItemDataRole.UserRole) == question_id:
                self.questions.blockSignals(True)
                self.questions.setCurrentRow(row)
                self.questions.blockSignals(False)
        question = self.model.question or {}
        self.question_title.setText(fmt("<b>%1</b>: %2", question_id, question.get("text", "")))
        if draw:
            self._draw_chart()
            return None
        self._chart_png = b""
        self.chart.clear()
        self.save_chart_button.setEnabled(False)
        data = self.chart_data()
        if data is None:
            self.chart.setText(self.no_chart())
        return data

    def chart_data(self) -> Any:
        """The chart of the question shown (None when it has no options to draw)."""
        from audit_app.services.charts import chart_data
        from audit_app.services.table_views import view_name

        question = self.model.question
        if self.views is None or not question or not question["rows"]:
            return None
        by, by2 = self.shown_breakdown
        legend = " × ".join(self.label_of(b) for b in (by, by2) if b)
        return chart_data(self.model.tables or {}, question["id"], self.views.mask,
                          view_name(by, by2), legend)

    def _draw_chart(self) -> None:
        from audit_app.services.charts import render_chart

        data = self.chart_data()
        self.save_chart_button.setEnabled(data is not None)
        if data is None:
            self._chart_png = b""
            self.chart.clear()
            self.chart.setText(self.no_chart())
            return
        self._chart_png = render_chart(data, "png")
        self._fit_chart()

    def _fit_chart(self) -> None:
        """Scale the chart to the width of its area (never larger than drawn)."""
        pixmap = QPixmap()
        if not self._chart_png or not pixmap.loadFromData(self._chart_png):
            return
        ratio = self.devicePixelRatioF()
        viewport = self.chart_area.viewport()
        box = QSize(max(viewport.width() - 4, 100), max(viewport.height() - 4, 100)) * ratio
        if pixmap.width() > box.width() or pixmap.height() > box.height():
            pixmap = pixmap.scaled(box, Qt.AspectRatioMode.KeepAspectRatio,
                                   Qt.TransformationMode.SmoothTransformation)
        pixmap.setDevicePixelRatio(ratio)
        self.chart.setPixmap(pixmap)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        """Fit the chart to its new width."""
        super().resizeEvent(event)
        self._fit_chart()
