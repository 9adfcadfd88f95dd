"""The tables view of an open audit: a breakdown (or two), a question list, table, chart, gender panel.

Every number comes from the services (one read of the audit,
:func:`audit_app.services.table_views.read_audit`, counted as ``audit-app tables`` counts it) in
worker threads: the chosen view first, shown at once, then the gender analysis and the chart; the
view only lays it out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from audit_app.gui import tables_export as files
from audit_app.gui.blind_notice import TABLES, BlindNotice, is_blinded, is_blinded_error
from audit_app.gui.errors import dispatcher
from audit_app.gui.tables_model import QUESTION_ROLE, GenderModel, TablesModel
from audit_app.gui.text import fmt
from audit_app.gui.workers import run_in_background

if TYPE_CHECKING:
    from audit_app.domain.template import Template
    from audit_app.gui.session import Session

_PAIR = "*"  # the data of the two-way preset in the first breakdown box: "unit*gender"


class TablesPage(files.TablesFiles, QWidget):
    """Tables, chart and gender analysis of one audit, with exports."""

    back_requested = Signal()
    message = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.audit_id: str | None = None
        self.template: Template | None = None
        self.views: Any = None
        self.loading = False
        self.exporting = False
        self.blinded = False  # a colleague review in its review phase: nothing counted is shown
        self._pending = False
        self._step = 0  # the latest load; the results of earlier ones are dropped
        self._rest_step: int | None = None  # the load whose gender analysis is being counted
        self._after_paint: Callable[[], None] | None = None  # its start, once the table painted
        self.blind_notice = BlindNotice(TABLES)
        self.shown_breakdown: tuple[str | None, str | None] = (None, None)
        self.title = QLabel()
        self.title.setObjectName("tablesTitle")
        back = QPushButton(self.tr("Case list"))
        back.clicked.connect(self.back_requested.emit)
        self.by = QComboBox()
        self.by.setObjectName("breakdown")
        self.by2 = QComboBox()
        self.by2.setObjectName("breakdown2")
        for box in (self.by, self.by2):  # long question texts must not widen the window
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(24)
        self.limit = QSpinBox()
        self.limit.setObjectName("smallCellLimit")
        self.limit.setRange(0, 50)
        self.limit.setSpecialValueText(self.tr("off"))
        self.limit.setToolTip(self.tr("Counts from 1 to N-1 are shown as <N in the view, every "
                                      "export and the report; the data is not changed."))
        self.apply_limit = QPushButton(self.tr("Apply"))
        self.apply_limit.clicked.connect(self.store_limit)
        self.questions = QListWidget()
        self.questions.setObjectName("questionList")
        self.questions.setWordWrap(True)
        self.questions.currentItemChanged.connect(self._question_picked)
        self.question_title = QLabel()
        self.question_title.setWordWrap(True)
        self.question_title.setObjectName("questionTitle")
        self.model = TablesModel()
        self.table = QTableView()
        self.table.setObjectName("tablesTable")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.table.viewport().installEventFilter(self)
        self.chart = QLabel()
        self.chart.setObjectName("chart")
        self.chart.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        chart_area = QScrollArea()
        chart_area.setWidget(self.chart)
        chart_area.setWidgetResizable(True)
        self.chart_area = chart_area
        self._chart_png = b""  # bytes, not a QPixmap: no pixmap may outlive the application
        self.save_chart_button = QPushButton(self.tr("Save chart…"))
        self.save_chart_button.setObjectName("saveChart")
        self.save_chart_button.clicked.connect(lambda: self.save_chart())
        self.gender = GenderModel()
        self.gender_view = QTableView()
        self.gender_view.setObjectName("genderTable")
        self.gender_view.setModel(self.gender)
        self.gender_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.gender_view.verticalHeader().hide()
        self.gender_view.horizontalHeader().setStretchLastSection(True)
        self.gender_view.activated.connect(
            lambda index: self.show_question(index.data(QUESTION_ROLE)))
        self.gender_part = QComboBox()
        self.gender_part.setObjectName("genderPart")
        self.gender_part.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.gender_part.currentIndexChanged.connect(
            lambda: self.gender.set_part(str(self.gender_part.currentData() or "total")))
        self.gender_note = QLabel()
        self.progress = QProgressBar()
        self.progress.setObjectName("exportProgress")
        self.progress.hide()
        self.buttons: dict[str, QPushButton] = {}
        self._layout(back, chart_area)
        self.by.currentIndexChanged.connect(self._breakdown_changed)
        self.by2.currentIndexChanged.connect(self._breakdown_changed)

    def _layout(self, back: QPushButton, chart_area: QScrollArea) -> None:
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(back)
        choose = QHBoxLayout()
        for text, widget in ((self.tr("Break down by"), self.by),
                             (self.tr("and within each column by"), self.by2),
                             (self.tr("Small-cell limit"), self.limit)):
            label = QLabel(text)
            label.setBuddy(widget)
            choose.addWidget(label)
            choose.addWidget(widget, 1 if widget is not self.limit else 0)
        choose.addWidget(self.apply_limit)
        table_box = QWidget()
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.question_title)
        table_layout.addWidget(self.table, 1)
        chart_box = QWidget()
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_layout.addWidget(chart_area, 1)
        chart_layout.addWidget(self.save_chart_button, 0, Qt.AlignmentFlag.AlignRight)
        gender_box = QWidget()
        gender_layout = QVBoxLayout(gender_box)
        gender_layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        heading = QLabel(self.tr("<b>Gender analysis</b> – largest difference first"))
        head.addWidget(heading, 1)
        head.addWidget(QLabel(self.tr("Show")))
        head.addWidget(self.gender_part)
        gender_layout.addLayout(head)
        gender_layout.addWidget(self.gender_view, 1)
        gender_layout.addWidget(self.gender_note)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(chart_box)
        lower.addWidget(gender_box)
        lower.setSizes([520, 500])
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(table_box)
        right.addWidget(lower)
        right.setSizes([250, 470])
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.questions)
        self.splitter.addWidget(right)
        self.splitter.setSizes([230, 1030])
        exports = QHBoxLayout()
        for name, text, slot in (
            ("tables_xlsx", self.tr("Tables as XLSX…"), lambda: self.export_tables(suffix=".xlsx")),
            ("tables_csv", self.tr("Tables as CSV…"), lambda: self.export_tables(suffix=".csv")),
            ("workbook", self.tr("Whole workbook…"), lambda: self.export_workbook()),
            ("raw", self.tr("Raw data…"), lambda: self.export_raw()),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            self.buttons[name] = button
            exports.addWidget(button)
        exports.addWidget(self.progress, 1)
        exports.addStretch(0)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(choose)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.blind_notice, 1)
        layout.addLayout(exports)

    # -- loading -------------------------------------------------------------------------------
    def show_audit(self, audit_id: str) -> bool:
        """Fill the breakdown boxes and questions of an audit and count its tables."""
        from audit_app.domain.tables import breakdown_candidates
        from audit_app.services.audit_settings import get_small_cell_limit
        from audit_app.services.audits import open_audit
        from audit_app.services.table_views import gender_within

        with dispatcher.reporting(self):
            with self.session.ctx.db.unit_of_work() as repo:
                audit = open_audit(repo, audit_id)
                template, name = audit.template, audit.name
            limit = get_small_cell_limit(self.session.ctx, audit_id)
            self.audit_id, self.template = audit_id, template
            self.title.setText(fmt(self.tr("<b>%1</b> – tables"), name))
            candidates = breakdown_candidates(template)
            for box in (self.by, self.by2):
                box.blockSignals(True)
                box.clear()
            self.by.addItem(self.tr("Whole sample"), None)
            self.by2.addItem(self.tr("(nothing)"), None)
            pair = gender_within(template)
            if pair is not None:
                self.by.addItem(fmt("%1 × %2", self.label_of(pair[0]), self.label_of(pair[1])),
                                f"{pair[0]}{_PAIR}{pair[1]}")
            for item_id, label in candidates:
                self.by.addItem(label, item_id)
                self.by2.addItem(label, item_id)
            for box in (self.by, self.by2):
                box.blockSignals(False)
            self.limit.setValue(limit or 0)
            self.questions.clear()
            for q in template.questions:
                item = QListWidgetItem(fmt("%1\n%2", q.id, q.text))
                item.setData(Qt.ItemDataRole.UserRole, q.id)
                item.setToolTip(q.text)
                self.questions.addItem(item)
            self.load()
            return True
        return False

    def label_of(self, item: str | None) -> str:
        """A breakdown item's label (case field) or text (question)."""
        if item is None or self.template is None:
            return self.tr("Total")
        found = self.template.field(item)
        question = self.template.question(item)
        return found.label if found else question.text if question else item

    def breakdown(self) -> tuple[str | None, str | None]:
        """The chosen (by, by2)."""
        first = self.by.currentData()
        if isinstance(first, str) and _PAIR in first:
            by, by2 = first.split(_PAIR)
            return by, by2
        second = self.by2.currentData() if first else None
        return first, (second if second != first else None)

    def set_breakdown(self, by: str | None, by2: str | None = None) -> None:
        """Choose a breakdown as the boxes would (for tests and the three-click path)."""
        pair = self.by.findData(f"{by}{_PAIR}{by2}") if by2 else -1
        self.by2.blockSignals(True)
        self.by2.setCurrentIndex(0 if pair >= 0 else max(self.by2.findData(by2), 0))
        self.by2.blockSignals(False)
        index = pair if pair >= 0 else self.by.findData(by)
        if index == self.by.currentIndex():
            self.load()
        else:
            self.by.setCurrentIndex(index)

    def _by2_allowed(self) -> bool:
        return _PAIR not in str(self.by.currentData() or "") and self.by.currentData() is not None

    def _breakdown_changed(self) -> None:
        self.by2.setEnabled(self._by2_allowed() and not self.blinded)
        self.load()

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
            self.gender_note.clear()

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
        self.gender_note.setText(self.tr("Counting the gender analysis…") if gender else
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
            self.gender_note.clear()
            return
        views, analysis, printed, png = result
        self.views = views  # the same view and mask, with the gender analysis's views
        self.gender.reset(analysis, printed, str(self.gender_part.currentData() or "total"))
        self._gender_parts(analysis)
        header = self.gender_view.horizontalHeader()
        for column in range(self.gender.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch if column == 1
                                        else QHeaderView.ResizeMode.ResizeToContents)
        note = "" if views.limit is None else fmt(
            self.tr("Counts from 1 to %1 are shown as <%2; shares that would reveal them as .."),
            views.limit - 1, views.limit)
        self.gender_note.setText(note if analysis is not None else
                                 self.tr("The template has no gender field."))
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

    # -- questions and the chart -----------------------------------------------------------------
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
            self.chart.setText(self.tr("Only questions with options are drawn as bars."))
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
            self.chart.setText(self.tr("Only questions with options are drawn as bars."))
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

