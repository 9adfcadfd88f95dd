"""The main window: audits, the open audit's case list, and the case form, with menus and status."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from audit_app.gui.audits_page import AuditsPage
from audit_app.gui.retranslate import Texts
from audit_app.gui.reviewer_packages import ReviewerPackages
from audit_app.gui.text import fmt

if TYPE_CHECKING:
    from audit_app.gui.case_form import CaseFormPage
    from audit_app.gui.cases_page import CasesPage
    from audit_app.gui.session import Session
    from audit_app.gui.tables_page import TablesPage


class MainWindow(QMainWindow):
    """Three pages in one window; every stored change is confirmed in the status bar.

    The case list and the case form are made when first needed, so the window shows sooner.
    """

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._texts = Texts("MainWindow")  # texts that follow a language switch
        self._title_args: tuple[str | None, str | None] = (None, None)
        self._last_saved: dt.datetime | None = None
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Case file audit"))
        self.resize(1280, 820)
        self.undo_group = QUndoGroup(self)
        self.audits = AuditsPage(session)
        self._cases: CasesPage | None = None
        self._form: CaseFormPage | None = None
        self._tables: TablesPage | None = None
        self.pages = QStackedWidget()
        self.pages.addWidget(self.audits)
        self.setCentralWidget(self.pages)
        self.saved_label = QLabel()
        self.saved_label.setObjectName("savedLabel")
        self.reviewer_label = QLabel()
        self.statusBar().addPermanentWidget(self.reviewer_label)
        self.statusBar().addPermanentWidget(self.saved_label)
        self._show_reviewer()
        self._texts.keep(self.saved_label, "setText", "Every change is stored at once")
        self._menus()
        self.audits.open_requested.connect(self.open_audit)
        self.audits.new_button.clicked.connect(self.new_audit)
        self.reviewer_packages = ReviewerPackages(self.audits)
        self.reviewer_packages.opened.connect(self.open_audit)
        self.reviewer_packages.message.connect(lambda t: self.statusBar().showMessage(t, 8000))
        self.reviewer_packages.reviewer_changed.connect(self._show_reviewer)
        session.saved.connect(self.show_saved)
        self.pages.currentChanged.connect(self._page_changed)
        self._page_changed()

    @property
    def cases(self) -> CasesPage:
        """The case list page (made on first use)."""
        if self._cases is None:
            from audit_app.gui.cases_page import CasesPage

            self._cases = CasesPage(self.session)
            self._cases.open_requested.connect(self.open_case)
            self._cases.back_requested.connect(self.show_audits)
            self._cases.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
            self.pages.addWidget(self._cases)
            tables_button = self._texts.keep(QPushButton(), "setText", "Tables…")
            tables_button.setObjectName("showTables")
            tables_button.clicked.connect(self.show_tables)
            self._cases.layout().itemAt(0).layout().insertWidget(1, tables_button)  # top row
            report_button = self._texts.keep(QPushButton(), "setText", "Report…")
            report_button.setObjectName("showReport")
            report_button.clicked.connect(self.show_report)
            self._cases.layout().itemAt(0).layout().insertWidget(2, report_button)
            colleague_button = self._texts.keep(QPushButton(), "setText", "Colleague review…")
            colleague_button.setObjectName("showColleague")
            colleague_button.clicked.connect(self.show_colleague)
            self._cases.layout().itemAt(0).layout().insertWidget(3, colleague_button)
            genomlysning_button = self._texts.keep(QPushButton(), "setText", "Genomlysning…")
            genomlysning_button.setObjectName("showGenomlysning")
            genomlysning_button.clicked.connect(self.show_genomlysning)
            self._cases.layout().itemAt(0).layout().insertWidget(4, genomlysning_button)
        return self._cases

    @property
    def form(self) -> CaseFormPage:
        """The case form page (made on first use, with its menu entries)."""
        if self._form is None:
            from audit_app.gui.case_form import CaseFormPage

            form = CaseFormPage(self.session, self.undo_group)
            self._form = form
            self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
            form.case_order = self.cases.labels_in_view
            form.back_requested.connect(self.show_cases)
            form.case_changed.connect(self.cases.case_changed)
            form.case_changed.connect(lambda f: self._title(f.audit_name, f.label))
            for menu, names in ((self.go_menu, ("next_unanswered", "next_section",
                                                "previous_section", "next_case",
                                                "previous_case", "back")),
                                (self.case_menu, ("mark_complete", "comment", "history"))):
                menu.addSeparator()
                for name in names:
                    menu.addAction(form.actions_by_name[name])
                    self.addAction(form.actions_by_name[name])
            self.pages.addWidget(form)
            self._page_changed()
        return self._form

    def _menus(self) -> None:
        bar = self.menuBar()
        file_menu = self._texts.keep(bar.addMenu(""), "setTitle", "&File")
        self.new_action = self._action(file_menu, "New audit…", "Ctrl+Shift+N",
                                       self.new_audit)
        self._action(file_menu, "Create the demo audit", None, self.audits.create_demo)
        file_menu.addSeparator()
        self._action(file_menu, "Settings…", "Ctrl+,", self.edit_settings)
        file_menu.addSeparator()
        self._action(file_menu, "Quit", "Ctrl+Q", self.close)
        self.edit_menu = edit = self._texts.keep(bar.addMenu(""), "setTitle", "&Edit")
        self.undo_action = self.undo_group.createUndoAction(self, self.tr("Undo"))
        set_shortcut(self.undo_action, "Ctrl+Z")
        self.redo_action = self.undo_group.createRedoAction(self, self.tr("Redo"))
        set_shortcut(self.redo_action, "Ctrl+Shift+Z")  # and Ctrl+Y with the form (see form)
        for action in (self.undo_action, self.redo_action):
            edit.addAction(action)
            self.addAction(action)
        self.go_menu = self._texts.keep(bar.addMenu(""), "setTitle", "&Go")
        self._action(self.go_menu, "Audits", "Ctrl+1", self.show_audits)
        self.case_list_action = self._action(self.go_menu, "Case list", "Ctrl+2",
                                             self.show_cases)
        self.tables_action = self._action(self.go_menu, "Tables", "Ctrl+3",
                                          self.show_tables)
        self.case_menu = self._texts.keep(bar.addMenu(""), "setTitle", "&Case")

    def _action(self, menu: object, text: str, keys: object, slot: object) -> QAction:
        """A menu entry; ``text`` is the English source, shown translated (and after a switch)."""
        action = self._texts.keep(QAction(self), "setText", text)
        if keys is not None:
            set_shortcut(action, keys)
        action.triggered.connect(slot)  # type: ignore[arg-type]
        menu.addAction(action)  # type: ignore[attr-defined]
        return action

    # -- starting ------------------------------------------------------------------------------
    def start(self) -> None:
        """Hold, check and open the database and list the audits in the background, the window
        already shown (a second window on the database, or damage, is reported)."""
        from audit_app.gui.startup_checks import start_checked

        start_checked(self, self._loaded)

    def _loaded(self, rows: object) -> None:
        self.audits.show_rows(rows, select=self.session.settings.last_audit())  # type: ignore[arg-type]

    # -- pages ---------------------------------------------------------------------------------
    def _page_changed(self) -> None:
        if self._form is not None:
            self._form.set_actions_enabled(self.pages.currentWidget() is self._form)
        self.case_list_action.setEnabled(self._cases is not None
                                         and self._cases.audit_id is not None)
        self.tables_action.setEnabled(self.case_list_action.isEnabled())
        if self.pages.currentWidget() is self.audits:
            self._title(None, None)

    def _title(self, audit: str | None, case: str | None) -> None:
        self._title_args = (audit, case)
        parts = [p for p in (case, audit) if p] + [self.tr("Case file audit")]
        self.setWindowTitle(" – ".join(parts))

    def show_audits(self) -> None:
        """Back to the list of audits."""
        if self._form is not None:
            self._form.flush()
        self.audits.reload(select=self._cases.audit_id if self._cases else None)
        self.pages.setCurrentWidget(self.audits)

    def show_cases(self) -> None:
        """Back to the open audit's case list, with the case just reviewed selected."""
        if self._cases is None or self._cases.audit_id is None:
            return
        form = self._form.form if self._form is not None else None
        if self._form is not None:
            self._form.flush()
        label = form.label if form else None
        self.pages.setCurrentWidget(self.cases)
        self._title(self.cases.title.text(), None)
        if label:
            self.cases.select(label)
        self.cases.view.setFocus()

    def open_audit(self, audit_id: str) -> None:
        """Show an audit's cases."""
        if audit_id != self.cases.audit_id and self._form is not None:
            self._form.forget_audit()
        if self.cases.show_audit(audit_id):
            self.session.settings.set_last_audit(audit_id)
            self.pages.setCurrentWidget(self.cases)
            self._title(self.cases.title.text(), None)
            self.cases.view.setFocus()

    @property
    def tables(self) -> TablesPage:
        """The tables view (made on first use)."""
        if self._tables is None:
            from audit_app.gui.tables_page import TablesPage

            self._tables = TablesPage(self.session)
            self._tables.back_requested.connect(self.show_cases)
            self._tables.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
            self.pages.addWidget(self._tables)
        return self._tables

    def show_tables(self) -> None:
        """Show the open audit's tables, chart and gender analysis."""
        if self._cases is None or self._cases.audit_id is None:
            return
        if self._form is not None:
            self._form.flush()
        same = self.tables.audit_id == self._cases.audit_id
        if same:
            self.tables.load()
        if same or self.tables.show_audit(self._cases.audit_id):
            self.pages.setCurrentWidget(self.tables)
            self._title(self.cases.title.text(), self.tr("Tables"))

    def show_report(self) -> None:
        """Show the open audit's report editor with its live preview (made on first use)."""
        from audit_app.gui.report_editor import ReportEditorPage

        if self._cases is None or self._cases.audit_id is None:
            return
        if self._form is not None:
            self._form.flush()
        editor = self.findChild(ReportEditorPage)
        if editor is None:
            editor = ReportEditorPage(self.session)
            editor.back_requested.connect(self.show_cases)
            editor.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
            self.pages.addWidget(editor)
        editor.show_audit(self._cases.audit_id, self.cases.title.text())
        self.pages.setCurrentWidget(editor)
        self._title(self.cases.title.text(), self.tr("Report"))

    def show_colleague(self) -> None:
        """Show the open audit's colleague review: plan, phase, agreement, reconciliation, packages."""
        from audit_app.gui.colleague_page import ColleaguePage

        if self._cases is None or self._cases.audit_id is None:
            return
        if self._form is not None:
            self._form.flush()
        page = self.findChild(ColleaguePage)
        if page is None:
            page = ColleaguePage(self.session)
            page.back_requested.connect(self.show_cases)
            page.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
            self.pages.addWidget(page)
        if page.show_audit(self._cases.audit_id, self.cases.title.text()):
            self.pages.setCurrentWidget(page)
            self._title(self.cases.title.text(), self.tr("Colleague review"))

    def show_genomlysning(self) -> None:
        """Enter or import the open audit's active cases and plans per unit (002's genomlysning)."""
        from audit_app.gui.genomlysning_page import GenomlysningDialog

        if self._cases is None or self._cases.audit_id is None:
            return
        dialog = GenomlysningDialog(self.session, self._cases.audit_id, self)
        if dialog.load():
            dialog.open()

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
            self.switch_language(self.session.settings.language)
        if self.session.settings.reviewer != before[0] and self._cases is not None:
            self._cases.reload()
            if self._form is not None and self.pages.currentWidget() is self._form \
                    and self._form.form is not None:
                self.open_case(self._form.form.label)

    def _show_reviewer(self) -> None:
        self.reviewer_label.setText(fmt(self.tr("Reviewer: %1"), self.session.reviewer))

    def switch_language(self, language: str) -> None:
        """Show the program in another language at once (every window gets LanguageChange)."""
        from PySide6.QtWidgets import QApplication

        from audit_app.gui import translations

        app = QApplication.instance()
        assert isinstance(app, QApplication)
        translations.install(app, language)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        """Set the window's texts again after a language switch."""
        self._texts.changed(event, self._retranslated)
        super().changeEvent(event)

    def _retranslated(self) -> None:
        self._recreate_undo_actions()
        self._show_reviewer()
        if self._last_saved is not None:
            self.show_saved(self._last_saved)
        self._title(*self._title_args)

    def _recreate_undo_actions(self) -> None:
        """Undo and redo again: their text prefix is fixed when they are made."""
        for old in (self.undo_action, self.redo_action):
            self.edit_menu.removeAction(old)
            self.removeAction(old)
            old.deleteLater()
        self.undo_action = self.undo_group.createUndoAction(self, self.tr("Undo"))
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.redo_action = self.undo_group.createRedoAction(self, self.tr("Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        first = self.edit_menu.actions()[0] if self.edit_menu.actions() else None
        self.edit_menu.insertActions(first, [self.undo_action, self.redo_action])  # type: ignore[arg-type]
        self.addActions([self.undo_action, self.redo_action])

    def show_saved(self, at: dt.datetime) -> None:
        """Say that the last change is stored ("Saved 14:03")."""
        self._last_saved = at
        self.saved_label.setText(fmt(self.tr("Saved %1"), at.strftime("%H:%M")))
        self.saved_label.setToolTip(fmt(self.tr("Every change is stored at once. Last: %1"),
                                        at.strftime("%Y-%m-%d %H:%M:%S")))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        """Store what an input still holds before closing."""
        self.session.settings.set_geometry("main", self.saveGeometry())
        if self._form is not None:
            self._form.flush()
            self.session.settings.set_geometry("form_splitter", self._form.splitter.saveState())
        super().closeEvent(event)


def set_shortcut(action: QAction, keys: object) -> None:
    """Give an action its key, e.g. ``"Ctrl+2"``, through its Qt property.

    ``setShortcut`` would do the same, but PySide's choice among its overloads builds the whole
    ``Qt`` enum namespace, about 12 ms before the first window could paint (issue 4).
    """
    sequence = QKeySequence.fromString(keys) if isinstance(keys, str) else QKeySequence(keys)  # type: ignore[call-overload]
    action.setProperty("shortcut", sequence)


def restore_layout(window: MainWindow) -> None:
    """Put the window back where the user left it."""
    geometry = window.session.settings.geometry("main")
    if geometry is not None:
        window.restoreGeometry(geometry)


def start_soon(window: MainWindow) -> None:
    """Load data once the window has painted, so it shows (and paints) first; call before show."""
    from audit_app.gui.first_paint import after_first_paint

    after_first_paint(window, window.start)
