"""The tables view of an open audit: a breakdown (or two), a question list, table, chart, gender panel.

Every number comes from the services (one read of the audit,
:func:`audit_app.services.table_views.read_audit`, counted as ``audit-app tables`` counts it) in
worker threads: the chosen view first, shown at once, then the gender analysis and the chart; the
view only lays it out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
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

from audit_app.gui import tables_export as files
from audit_app.gui.blind_notice import TABLES, BlindNotice
from audit_app.gui.errors import dispatcher
from audit_app.gui.retranslate import Texts
from audit_app.gui.tables_chart import TablesChart
from audit_app.gui.tables_loading import TablesLoading
from audit_app.gui.tables_model import QUESTION_ROLE, GenderModel, TablesModel
from audit_app.gui.tables_texts import TablesTexts
from audit_app.gui.text import fmt

if TYPE_CHECKING:
    from audit_app.domain.template import Template
    from audit_app.gui.session import Session

_PAIR = "*"  # the data of the two-way preset in the first breakdown box: "unit*gender"


class TablesPage(TablesLoading, TablesChart, TablesTexts, files.TablesFiles, QWidget):
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
        self._texts = Texts("TablesPage")  # texts that follow a language switch
        self._name = ""  # the audit's
        self._note = str  # the gender note, in the current language
        self.blind_notice = BlindNotice(TABLES)
        self.shown_breakdown: tuple[str | None, str | None] = (None, None)
        self.title = QLabel()
        self.title.setObjectName("tablesTitle")
        keep = self._texts.keep
        back = keep(QPushButton(), "setText", "Case list")
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
        keep(self.limit, "setSpecialValueText", "off")
        keep(self.limit, "setToolTip", "Counts from 1 to N-1 are shown as <N in the view, every "
             "export and the report; the data is not changed.")
        self.apply_limit = keep(QPushButton(), "setText", "Apply")
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
        self.save_chart_button = keep(QPushButton(), "setText", "Save chart…")
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
        keep = self._texts.keep
        choose = QHBoxLayout()
        for text, widget in (("Break down by", self.by), ("and within each column by", self.by2),
                             ("Small-cell limit", self.limit)):
            label = keep(QLabel(), "setText", text)
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
        head.addWidget(keep(QLabel(), "setText", "<b>Gender analysis</b> – largest difference "
                            "first"), 1)
        head.addWidget(keep(QLabel(), "setText", "Show"))
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
            ("tables_xlsx", "Tables as XLSX…", lambda: self.export_tables(suffix=".xlsx")),
            ("tables_csv", "Tables as CSV…", lambda: self.export_tables(suffix=".csv")),
            ("workbook", "Whole workbook…", lambda: self.export_workbook()),
            ("raw", "Raw data…", lambda: self.export_raw()),
        ):
            button = keep(QPushButton(), "setText", text)
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
            self._name = name
            self._show_title()
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
