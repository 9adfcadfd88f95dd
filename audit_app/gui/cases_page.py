"""The case list of one audit: filter, sort, add, edit, exclude, and import cases and answers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from audit_app.gui.case_dialogs import CaseDialog, ExcludeDialog
from audit_app.gui.errors import dispatcher
from audit_app.gui.models import KEY_ROLE, CaseFilterProxy, CaseTableModel
from audit_app.gui.retranslate import Texts
from audit_app.gui.style import title_font
from audit_app.gui.text import fmt
from audit_app.gui.workers import run_in_background

if TYPE_CHECKING:
    from audit_app.gui.session import Session
    from audit_app.services.review import CaseForm


class CasesPage(QWidget):
    """Every case of the open audit with this reviewer's progress."""

    open_requested = Signal(str)  # case label
    back_requested = Signal()
    message = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.audit_id: str | None = None
        self._texts = Texts("CasesPage")  # texts that follow a language switch
        self.title = QLabel()
        self.title.setObjectName("caseTitle")
        title_font(self.title)
        back = self._texts.keep(QPushButton(), "setText", "All audits")
        back.clicked.connect(self.back_requested.emit)
        self.filter = QLineEdit()
        self.filter.setObjectName("caseFilter")
        self._texts.keep(self.filter, "setPlaceholderText", "Filter cases (Ctrl+F)")
        self.filter.setClearButtonEnabled(True)
        self.progress_filter = QComboBox()
        self.progress_filter.setObjectName("progressFilter")
        self._filter_texts = ["All cases", "Not complete", "Not started", "In progress",
                              "Complete", "Excluded"]
        for text, codes in zip(self._filter_texts, ["", "not_started,in_progress", "not_started",
                                                    "in_progress", "complete", "excluded"],
                               strict=True):
            self.progress_filter.addItem(self._texts.tr(text), codes)
        self.model = CaseTableModel()
        self.proxy = CaseFilterProxy()
        self.proxy.setSourceModel(self.model)
        self.view = QTableView()
        self.view.setObjectName("caseTable")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setResizeContentsPrecision(100)  # 1,000 cases: measure 100
        self.view.activated.connect(lambda index: self._open(index.data(KEY_ROLE)))
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.progress_filter.currentIndexChanged.connect(self._progress_filter_changed)
        self.counts = QLabel()
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for name, text, slot in [
            ("review", "Review", lambda: self._open(self.selected())),
            ("add", "New case…", self.add_case),
            ("edit", "Edit…", self.edit_case),
            ("exclude", "Exclude…", self.toggle_exclusion),
            ("import_cases", "Import cases…", self.import_cases),
            ("import_answers", "Import answers…", self.import_answers),
        ]:
            button = self._texts.keep(QPushButton(), "setText", text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            self.buttons[name] = button
            buttons.addWidget(button)
            if name == "exclude":
                buttons.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(back)
        filters = QHBoxLayout()
        filters.addWidget(self.filter, 1)
        filters.addWidget(self.progress_filter)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.counts)
        layout.addLayout(buttons)
        for keys, slot in ((QKeySequence.StandardKey.Find, self.filter.setFocus),
                           (QKeySequence.StandardKey.New, self.add_case)):
            shortcut = QShortcut(keys, self, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        """Set the page's texts, headings and counts again after a language switch."""
        self._texts.changed(event, self._retranslated)
        super().changeEvent(event)

    def _retranslated(self) -> None:
        for index, text in enumerate(self._filter_texts):
            self.progress_filter.setItemText(index, self._texts.tr(text))
        columns = self.model.columnCount()
        if columns:
            self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, columns - 1)
        self.view.viewport().update()
        self._show_counts()
        self._update_buttons()

    # -- loading -------------------------------------------------------------------------------
    def show_audit(self, audit_id: str) -> bool:
        """Load an audit's cases; False (and the reason shown) when it cannot be opened."""
        with dispatcher.reporting(self):
            cases = self.session.cases(audit_id)
            self.audit_id = audit_id
            self.title.setText(cases.audit_name)
            self.model.reset(cases)
            self.view.resizeColumnsToContents()
            self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
            self._show_counts()
            if self.proxy.rowCount():
                self.view.selectRow(0)
            self._update_buttons()
            return True
        return False

    def reload(self) -> None:
        """Reload the open audit, keeping the selected case."""
        if self.audit_id is not None:
            selected = self.selected()
            self.show_audit(self.audit_id)
            if selected:
                self.select(selected)

    def case_changed(self, form: CaseForm) -> None:
        """Show a case's new progress after a change in the form."""
        from audit_app.services.cases import CaseSummary

        if form.audit_id == self.audit_id:
            self.model.update_case(CaseSummary.of(form))
            self._show_counts()

    def labels_in_view(self) -> list[str]:
        """Case labels in the order shown (filtered and sorted)."""
        return [self.proxy.index(r, 0).data(KEY_ROLE) for r in range(self.proxy.rowCount())]

    def selected(self) -> str | None:
        """The selected case's label."""
        index = self.view.currentIndex()
        return index.data(KEY_ROLE) if index.isValid() else None

    def select(self, label: str) -> None:
        """Select a case (if the filter shows it)."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(KEY_ROLE) == label:
                self.view.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows)
                self.view.scrollTo(index)
                return

    def _show_counts(self) -> None:
        total = self.model.rowCount()
        states = [self.model.summary(r).progress.value for r in range(total)]
        self.counts.setText(fmt(self.tr("%1 cases · %2 complete · %3 excluded"), total,
                                states.count("complete"), states.count("excluded")))

    def _progress_filter_changed(self) -> None:
        codes = str(self.progress_filter.currentData() or "")
        self.proxy.set_progress_filter(frozenset(c for c in codes.split(",") if c))

    def _update_buttons(self) -> None:
        label = self.selected()
        for name in ("review", "edit", "exclude"):
            self.buttons[name].setEnabled(label is not None)
        if label is not None:
            row = self.model.row_of(label)
            excluded = row >= 0 and bool(self.model.summary(row).excluded_reason)
            self.buttons["exclude"].setText(self.tr("Include again") if excluded
                                            else self.tr("Exclude…"))

    def _open(self, label: str | None) -> None:
        if label:
            self.open_requested.emit(label)

    # -- changing cases ------------------------------------------------------------------------
    def add_case(self) -> None:
        """Ask for a new case's label and fields and store it."""
        if self.audit_id is None or self.model.template is None:
            return
        audit_id = self.audit_id
        dialog = CaseDialog(self.model.template, lambda label, values, allow:
                            self.session.add_case(audit_id, label, values, allow), parent=self)
        if dialog.exec() and dialog.change is not None:
            self.model.update_case(dialog.change.after)
            self._show_counts()
            self.select(dialog.change.label)

    def edit_case(self) -> None:
        """Change the selected case's label (a rename) or fields."""
        label = self.selected()
        if self.audit_id is None or self.model.template is None or label is None:
            return
        audit_id = self.audit_id
        summary = self.model.summary(self.model.row_of(label))
        dialog = CaseDialog(self.model.template, lambda new_label, values, allow:
                            self.session.edit_case(audit_id, label, values, allow, new_label),
                            label=label, inputs=summary.inputs, parent=self)
        if dialog.exec() and dialog.change is not None:
            if dialog.change.label != label:  # renamed: the list is keyed by label
                self.reload()
                self.select(dialog.change.label)
                self.message.emit(fmt(self.tr("Case %1 is now called %2"), label,
                                      dialog.change.label))
            else:
                self.model.update_case(dialog.change.after)

    def toggle_exclusion(self) -> None:
        """Exclude the selected case with a reason, or include an excluded one again."""
        label = self.selected()
        if self.audit_id is None or label is None:
            return
        summary = self.model.summary(self.model.row_of(label))
        with dispatcher.reporting(self):
            if summary.excluded_reason:
                change = self.session.include_case(self.audit_id, label)
            else:
                dialog = ExcludeDialog(label, self)
                if not dialog.exec():
                    return
                change = self.session.exclude_case(self.audit_id, label, dialog.reason.text())
            self.model.update_case(change.after)
            self._show_counts()
            self._update_buttons()

    def import_cases(self) -> None:
        """Import cases from a CSV file (all or nothing)."""
        self._import(self.tr("Import cases"), self.session.import_cases)

    def import_answers(self) -> None:
        """Import answers from a CSV file under this reviewer (all or nothing)."""
        self._import(self.tr("Import answers"), self.session.import_answers)

    def _import(self, title: str, work: object, path: str | None = None,
                allow: bool = False) -> None:
        if self.audit_id is None:
            return
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, title, "",
                                                  self.tr("CSV files (*.csv *.txt);;All files (*)"))
            if not path:
                return
        audit_id = self.audit_id
        assert callable(work)

        def done(result: object) -> None:
            self.session.imported(audit_id)
            self.reload()
            text = fmt(self.tr("Imported %1: %2"), path, getattr(result, "summary", lambda: "")())
            if self.session.backup_problem:  # the import is stored all the same
                text += " " + self.tr("The automatic backup failed; the earlier backups are kept.")
            self.message.emit(text)

        def failed(error: BaseException) -> bool:
            from audit_app.domain.diagnostics import InvalidInput

            codes = {d.code for d in error.diagnostics} if isinstance(error, InvalidInput) else set()
            if codes == {"personal-identity-number"} and not allow:
                answer = QMessageBox.question(
                    self, title, self.tr("The file contains personal identity numbers in free "
                                         "text. Import it anyway? This is logged."),
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                    QMessageBox.StandardButton.No)
                if answer == QMessageBox.StandardButton.Yes:
                    self._import(title, work, path, allow=True)
                    return True
            return False

        run_in_background(self, fmt(self.tr("Importing %1…"), path),
                          lambda: work(audit_id, path, allow), done, failed)
