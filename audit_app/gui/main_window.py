"""The main window: audits, the open audit's case list, and the case form, with menus and status."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QStackedWidget, QWidget

from audit_app.gui.audits_page import AuditsPage
from audit_app.gui.case_form import CaseFormPage
from audit_app.gui.cases_page import CasesPage
from audit_app.gui.text import fmt

if TYPE_CHECKING:
    from audit_app.gui.session import Session


class MainWindow(QMainWindow):
    """Three pages in one window; every stored change is confirmed in the status bar."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Case file audit"))
        self.resize(1280, 820)
        self.audits = AuditsPage(session)
        self.cases = CasesPage(session)
        self.form = CaseFormPage(session)
        self.form.case_order = self.cases.labels_in_view
        self.pages = QStackedWidget()
        for page in (self.audits, self.cases, self.form):
            self.pages.addWidget(page)
        self.setCentralWidget(self.pages)
        self.saved_label = QLabel()
        self.saved_label.setObjectName("savedLabel")
        self.reviewer_label = QLabel()
        self.statusBar().addPermanentWidget(self.reviewer_label)
        self.statusBar().addPermanentWidget(self.saved_label)
        self._show_reviewer()
        self._menus()
        self.audits.open_requested.connect(self.open_audit)
        self.audits.new_button.clicked.connect(self.new_audit)
        self.cases.open_requested.connect(self.open_case)
        self.cases.back_requested.connect(self.show_audits)
        self.cases.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.form.back_requested.connect(self.show_cases)
        self.form.case_changed.connect(self.cases.case_changed)
        self.form.case_changed.connect(lambda form: self._title(form.audit_name, form.label))
        session.saved.connect(self.show_saved)
        session.audits_changed.connect(lambda: None)
        self.pages.currentChanged.connect(self._page_changed)
        self._page_changed()

    def _menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.new_action = self._action(file_menu, self.tr("New audit…"), "Ctrl+Shift+N",
                                       self.new_audit)
        self._action(file_menu, self.tr("Create the demo audit"), None, self.audits.create_demo)
        file_menu.addSeparator()
        self._action(file_menu, self.tr("Settings…"), "Ctrl+,", self.edit_settings)
        file_menu.addSeparator()
        self._action(file_menu, self.tr("Quit"), QKeySequence.StandardKey.Quit, self.close)
        edit = bar.addMenu(self.tr("&Edit"))
        self.undo_action = self.form.undo_group.createUndoAction(self, self.tr("Undo"))
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.redo_action = self.form.undo_group.createRedoAction(self, self.tr("Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for action in (self.undo_action, self.redo_action):
            edit.addAction(action)
            self.addAction(action)
        go = bar.addMenu(self.tr("&Go"))
        self._action(go, self.tr("Audits"), "Ctrl+1", self.show_audits)
        self.case_list_action = self._action(go, self.tr("Case list"), "Ctrl+2", self.show_cases)
        go.addSeparator()
        for name in ("next_unanswered", "next_section", "previous_section", "next_case",
                     "previous_case", "back"):
            go.addAction(self.form.actions_by_name[name])
            self.addAction(self.form.actions_by_name[name])
        case_menu = bar.addMenu(self.tr("&Case"))
        for name in ("mark_complete", "comment", "history"):
            case_menu.addAction(self.form.actions_by_name[name])
            self.addAction(self.form.actions_by_name[name])

    def _action(self, menu: object, text: str, keys: object, slot: object) -> QAction:
        action = QAction(text, self)
        if keys is not None:
            action.setShortcut(QKeySequence(keys))  # type: ignore[call-overload]
        action.triggered.connect(slot)  # type: ignore[arg-type]
        menu.addAction(action)  # type: ignore[attr-defined]
        return action

    # -- starting ------------------------------------------------------------------------------
    def start(self) -> None:
        """Load the audits after the window is on screen, then reopen the last audit."""
        self.audits.reload(select=self.session.settings.last_audit())

    # -- pages ---------------------------------------------------------------------------------
    def _page_changed(self) -> None:
        on_form = self.pages.currentWidget() is self.form
        for action in self.form.actions_by_name.values():
            action.setEnabled(on_form)
        self.undo_action.setVisible(True)
        self.case_list_action.setEnabled(self.cases.audit_id is not None)
        if self.pages.currentWidget() is self.audits:
            self._title(None, None)

    def _title(self, audit: str | None, case: str | None) -> None:
        parts = [p for p in (case, audit) if p] + [self.tr("Case file audit")]
        self.setWindowTitle(" – ".join(parts))

    def show_audits(self) -> None:
        """Back to the list of audits."""
        self.form.flush()
        self.audits.reload(select=self.cases.audit_id)
        self.pages.setCurrentWidget(self.audits)

    def show_cases(self) -> None:
        """Back to the open audit's case list, with the case just reviewed selected."""
        if self.cases.audit_id is None:
            return
        self.form.flush()
        label = self.form.form.label if self.form.form else None
        self.pages.setCurrentWidget(self.cases)
        self._title(self.cases.title.text(), None)
        if label:
            self.cases.select(label)
        self.cases.view.setFocus()

    def open_audit(self, audit_id: str) -> None:
        """Show an audit's cases."""
        if audit_id != self.cases.audit_id:
            self.form.forget_audit()
        if self.cases.show_audit(audit_id):
            self.session.settings.set_last_audit(audit_id)
            self.pages.setCurrentWidget(self.cases)
            self._title(self.cases.title.text(), None)
            self.cases.view.setFocus()

    def open_case(self, label: str) -> None:
        """Show a case in the form."""
        if self.cases.audit_id and self.form.open_case(self.cases.audit_id, label):
            self.pages.setCurrentWidget(self.form)

    def new_audit(self) -> None:
        """Create an audit and open it."""
        from audit_app.gui.create_audit_dialog import CreateAuditDialog

        dialog = CreateAuditDialog(self.session, self)
        if dialog.exec() and dialog.audit_id:
            self.audits.reload(select=dialog.audit_id)
            self.open_audit(dialog.audit_id)

    def edit_settings(self) -> None:
        """Change the reviewer, language or keyboard behaviour."""
        from audit_app.gui.settings_dialog import SettingsDialog

        before = (self.session.settings.reviewer, self.session.settings.language)
        if not SettingsDialog(self.session.settings, self).exec():
            return
        self.session.ctx.actor = self.session.settings.reviewer
        self._show_reviewer()
        if self.session.settings.language != before[1]:
            QMessageBox.information(self, self.tr("Language"),
                                    self.tr("The new language applies from the next start."))
        if self.session.settings.reviewer != before[0]:
            self.cases.reload()
            if self.pages.currentWidget() is self.form and self.form.form is not None:
                self.open_case(self.form.form.label)

    def _show_reviewer(self) -> None:
        self.reviewer_label.setText(fmt(self.tr("Reviewer: %1"), self.session.reviewer))

    def show_saved(self, at: dt.datetime) -> None:
        """Say that the last change is stored ("Saved 14:03")."""
        self.saved_label.setText(fmt(self.tr("Saved %1"), at.strftime("%H:%M")))
        self.saved_label.setToolTip(fmt(self.tr("Every change is stored at once. Last: %1"),
                                        at.strftime("%Y-%m-%d %H:%M:%S")))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        """Store what an input still holds before closing."""
        self.form.flush()
        self.session.settings.set_geometry("main", self.saveGeometry())
        self.session.settings.set_geometry("form_splitter", self.form.splitter.saveState())
        super().closeEvent(event)


def restore_layout(window: MainWindow) -> None:
    """Put the window and the form's panes back where the user left them."""
    geometry = window.session.settings.geometry("main")
    if geometry is not None:
        window.restoreGeometry(geometry)
    splitter = window.session.settings.geometry("form_splitter")
    if splitter is not None:
        window.form.splitter.restoreState(splitter)


def start_soon(window: MainWindow) -> None:
    """Load data once the event loop runs, so the window shows first."""
    QTimer.singleShot(0, window.start)
