"""The tables view's loading (mixed into :class:`audit_app.gui.tables_page.TablesPage`).

The chosen view is counted in a worker thread and shown at once; once the table has painted it,
the gender analysis is counted from the same read and the chart drawn in a second worker step.
Texts are translated in the view's context (``TablesPage``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QHeaderView
from shiboken6 import isValid

from audit_app.gui.blind_notice import is_blinded, is_blinded_error
from audit_app.gui.errors import dispatcher
from audit_app.gui.text import fmt
from audit_app.gui.workers import run_in_background

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget as _Base  # the page these are mixed into
else:
    _Base = object


class TablesLoading(_Base):
    """Counting the chosen view, then the gender analysis and the chart, in the background."""

    audit_id: str | None
    session: Any
    template: Any
    views: Any
    loading: bool
    model: Any
    gender: Any
    table: Any
    progress: Any
    gender_note: Any
    gender_part: Any
    gender_view: Any
    save_chart_button: Any
    shown_breakdown: tuple[str | None, str | None]
    breakdown: Any
    blinded: bool
    blind_notice: Any
    splitter: Any
    buttons: dict[str, Any]
    by: Any
    by2: Any
    limit: Any
    apply_limit: Any
    chart: Any
    question_title: Any
    _by2_allowed: Any
    show_question: Any
    _fit_chart: Any
    _show_note: Any
    _chart_png: bytes
    _pending: bool
    _step: int
    _rest_step: int | None
    _after_paint: Callable[[], None] | None

    def set_blinded(self, on: bool) -> None:
        """Show the notice instead of the counts (and offer no export) while the audit is blinded."""
        self.blinded = on
        self.blind_notice.setVisible(on)
        self.splitter.setVisible(not on)
        for widget in (*self.buttons.values(), self.by, self.limit, self.apply_limit):
            widget.setEnabled(not on)
        self.by2.setEnabled(not on and self._by2_allowed())
        if on:
            self._step += 1
            self._rest_step = self._after_paint = None
            self.views = None
            self.model.clear()
            self.gender.reset(None, [])
            self._chart_png = b""
            self.chart.clear()
            self.save_chart_button.setEnabled(False)
            self.question_title.clear()
            self._show_note(str)

    def load(self) -> None:
        """Count the chosen view in the background and show it; then the gender analysis and chart.

        The table appears as soon as its view is counted (``loading`` ends); the gender analysis
        is counted from the same read and the chart drawn in a second background step, and they
        fill in when it ends (``gender_loading``).
        """
        if self.audit_id is None:
            return
        if self.loading:
            self._pending = True
            return
        from audit_app.services.table_views import GENDER_FIELD, gender_within

        by, by2 = self.breakdown()
        audit_id, ctx = self.audit_id, self.session.ctx
        blind: bool | None = None
        with dispatcher.reporting(self):
            blind = is_blinded(ctx, audit_id)
        self.set_blinded(bool(blind))
        if blind is not False:
            return
        pair = gender_within(self.template) if self.template else None
        within = by if by2 == GENDER_FIELD and by else (pair[0] if pair else None)
        self._step += 1  # what an earlier load still counts is stale from now on
        step = self._step

        def work() -> tuple[Any, Any]:
            from audit_app.services.blinding import check_unblinded
            from audit_app.services.bulk_work import collector_paused
            from audit_app.services.table_views import read_audit

            check_unblinded(ctx, audit_id, "the tables")  # the phase may change meanwhile
            with collector_paused():
                read = read_audit(ctx, audit_id)
                return read, read.count([(by, by2)])

        self.loading = True
        self.progress.setRange(0, 0)
        self.progress.show()

        def failed(error: BaseException) -> bool:
            self._loaded(None)
            if is_blinded_error(error):
                self.set_blinded(True)
                return True
            return False

        run_in_background(self, None, work,
                          lambda result: self._loaded(result, by, by2, step, pair is not None,
                                                      within), failed)

    def _loaded(self, result: Any, by: str | None = None, by2: str | None = None, step: int = 0,
                gender: bool = False, within: str | None = None) -> None:
        """Show the chosen view just counted, then count the rest from the same read."""
        from audit_app.services.table_views import view_name

        self.loading = False
        self.progress.hide()
        if self._pending:
            self._pending = False
            self.load()
            return
        if result is None or step != self._step:
            return
        read, views = result
        self.views = views
        self.shown_breakdown = (by, by2)
        self.model.set_view(views.get(by, by2), views.mask, view_name(by, by2))
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()
        self.gender.reset(None, [])
        self._gender_parts(None)
        self._show_note(lambda: self.tr("Counting the gender analysis…") if gender else
                        self.tr("The template has no gender field."))
        chart = None
        if self.model.question:
            chart = self.show_question(self.model.question["id"], draw=False)
        self._rest_step = step

        def rest() -> None:
            if step == self._step:
                self._count_rest(step, read, views, by, by2, gender, within, chart)
            elif self._rest_step == step:
                self._rest_step = None

        # Counted once the table has painted its counts (its work would slow that paint down).
        viewport = self.table.viewport()
        if viewport.isVisible():
            self._after_paint = rest
            viewport.update()
        else:
            rest()

    def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802
        """Start the second step of a load once the table has painted the view counted first."""
        if self._after_paint is not None and event.type() == QEvent.Type.Paint \
                and watched is self.table.viewport():
            rest, self._after_paint = self._after_paint, None
            QTimer.singleShot(0, self, rest)  # after this paint (dropped if the page is deleted)
        return super().eventFilter(watched, event)

    def _count_rest(self, step: int, read: Any, views: Any, by: str | None, by2: str | None,
                    gender: bool, within: str | None, chart: Any) -> None:
        """The gender analysis from the read of the view shown, and its chart, in the background."""
        from audit_app.services.table_views import GENDER_FIELD

        question = self.model.question["id"] if chart is not None and self.model.question else None

        def work() -> tuple[Any, Any, Any, bytes]:
            from audit_app.services.charts import render_chart
            from audit_app.services.gender import analysis_from_views, gender_views, printed_analysis

            png = render_chart(chart, "png") if chart is not None else b""
            if not gender:
                return views, None, [], png
            full = read.count([(by, by2), *gender_views(GENDER_FIELD, within)], counted=views)
            analysis = analysis_from_views(full, GENDER_FIELD, within)
            return full, analysis, printed_analysis(analysis, full.mask), png

        def failed(error: BaseException) -> bool:
            if not isValid(self):
                return True
            self._rest_loaded(None, step, question)
            return step != self._step  # a stale step's error is no longer the view's

        run_in_background(self, None, work,
                          lambda result: self._rest_loaded(result, step, question), failed)

    @property
    def gender_loading(self) -> bool:
        """Whether the gender analysis (and chart) of the view shown is still being counted."""
        return self._rest_step is not None

    def _rest_loaded(self, result: Any, step: int, question: str | None) -> None:
        if not isValid(self):  # the page was closed and deleted meanwhile
            return
        if self._rest_step == step:
            self._rest_step = None
        if step != self._step:
            return
        if result is None:  # failed: the error is shown, the table stays
            self._show_note(str)
            return
        views, analysis, printed, png = result
        self.views = views  # the same view and mask, with the gender analysis's views
        self.gender.reset(analysis, printed, str(self.gender_part.currentData() or "total"))
        self._gender_parts(analysis)
        header = self.gender_view.horizontalHeader()
        for column in range(self.gender.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch if column == 1
                                        else QHeaderView.ResizeMode.ResizeToContents)
        limit = views.limit

        def note() -> str:
            if analysis is None:
                return str(self.tr("The template has no gender field."))
            return "" if limit is None else fmt(self.tr(
                "Counts from 1 to %1 are shown as <%2; shares that would reveal them as .."),
                limit - 1, limit)

        self._show_note(note)
        if png and self.model.question and self.model.question["id"] == question:
            self._chart_png = png
            self.save_chart_button.setEnabled(True)
            self._fit_chart()

    def _gender_parts(self, analysis: dict[str, Any] | None) -> None:
        current = self.gender_part.currentData()
        self.gender_part.blockSignals(True)
        self.gender_part.clear()
        for part in (analysis or {}).get("parts", []):
            label = self.tr("Whole sample") if part["code"] == "total" else part["label"]
            self.gender_part.addItem(label, part["code"])
        self.gender_part.setCurrentIndex(max(self.gender_part.findData(current), 0))
        self.gender_part.blockSignals(False)
        self.gender.set_part(str(self.gender_part.currentData() or "total"))
