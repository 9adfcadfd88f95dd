"""The first page: every audit with its template, cases and progress; create and open audits."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSortFilterProxyModel, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from audit_app.gui.audit_list import KEY_ROLE, SORT_ROLE, AuditListModel
from audit_app.gui.errors import dispatcher
from audit_app.gui.retranslate import Texts
from audit_app.gui.style import title_font
from audit_app.gui.workers import run_in_background

if TYPE_CHECKING:
    from audit_app.gui.session import Session
    from audit_app.services.audits import AuditSummary
    from audit_app.services.cases import AuditProgress


class AuditsPage(QWidget):
    """The audits in this database."""

    open_requested = Signal(str)  # audit id

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.loaded = False
        self._texts = Texts("AuditsPage")  # texts that follow a language switch
        title = self._texts.keep(QLabel(), "setText", "Audits")
        title.setObjectName("caseTitle")
        title_font(title)
        self.model = AuditListModel()
        proxy = QSortFilterProxyModel()
        proxy.setSourceModel(self.model)
        proxy.setSortRole(SORT_ROLE)
        self.proxy = proxy
        self.view = QTableView()
        self.view.setObjectName("auditTable")
        self.view.setModel(proxy)
        # Sorting is switched on with the first rows: no ``Qt`` enum before the first paint.
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.view.activated.connect(lambda index: self.open_requested.emit(index.data(KEY_ROLE)))
        self.empty = self._texts.keep(QLabel(), "setText", "There are no audits yet. Create one "
                                      "with “New audit…”, or try the demo audit.")
        self.empty.setWordWrap(True)
        self.empty.hide()
        self.loading = self._texts.keep(QLabel(), "setText", "Opening the database…")
        self.new_button = self._texts.keep(QPushButton(), "setText", "New audit…")
        self.new_button.setObjectName("newAudit")
        self.open_button = self._texts.keep(QPushButton(), "setText", "Open")
        self.open_button.setObjectName("openAudit")
        self.demo_button = self._texts.keep(QPushButton(), "setText", "Create the demo audit")
        self.demo_button.setObjectName("demoAudit")
        self.open_button.clicked.connect(self._open_selected)
        self.demo_button.clicked.connect(self.create_demo)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        self.button_row = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.loading)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)

    def reload(self, select: str | None = None) -> None:
        """Read the audits again (select one of them by id)."""
        with dispatcher.reporting(self):
            self.show_rows(self.session.audits(), select)

    def show_rows(self, rows: list[tuple[AuditSummary, AuditProgress | None]],
                  select: str | None = None) -> None:
        """Show audits read elsewhere (at start, in the background)."""
        from PySide6.QtCore import Qt

        self.model.reset(rows)
        if not self.view.isSortingEnabled():
            self.view.setSortingEnabled(True)
            self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the order read
        self.loaded = True
        self.loading.hide()
        self.empty.setVisible(self.model.rowCount() == 0)
        self.open_button.setEnabled(self.model.rowCount() > 0)
        row = self.model.row_of(select) if select else 0
        if self.model.rowCount():
            index = self.proxy.mapFromSource(self.model.index(max(row, 0), 0))
            self.view.selectRow(index.row())
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def selected(self) -> str | None:
        """The selected audit's id."""
        index = self.view.currentIndex()
        return index.data(KEY_ROLE) if index.isValid() else None

    def _open_selected(self) -> None:
        audit_id = self.selected()
        if audit_id:
            self.open_requested.emit(audit_id)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        """Set the page's texts and the list's headings again after a language switch."""
        self._texts.changed(event, self._retranslated)
        super().changeEvent(event)

    def _retranslated(self) -> None:
        self.model.retranslate()

    def create_demo(self) -> None:
        """Create the demo audit (002's design, synthetic cases) in the background."""
        def done(audit_id: object) -> None:
            self.session.audits_changed.emit()
            self.reload(select=str(audit_id))

        run_in_background(self, self.tr("Creating the demo audit…"), self.session.create_demo,
                          done)
