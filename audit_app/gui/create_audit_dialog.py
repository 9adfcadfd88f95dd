"""Creating an audit from a bundled template or a template file, with the file's errors listed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from audit_app.gui.errors import describe, dispatcher
from audit_app.gui.text import fmt

if TYPE_CHECKING:
    from audit_app.domain.diagnostics import Diagnostic
    from audit_app.gui.session import Session


class CreateAuditDialog(QDialog):
    """Name the audit and choose its template; a template file is checked before it is used."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.audit_id: str | None = None
        self.setWindowTitle(self.tr("New audit"))
        self.setMinimumWidth(560)
        self.name = QLineEdit()
        self.name.setObjectName("auditName")
        self.name.setPlaceholderText(self.tr("e.g. Öppenvård barn 0-12 år, hösten 2025"))
        self.bundled_choice = QRadioButton(self.tr("A bundled template"))
        self.file_choice = QRadioButton(self.tr("A template file (YAML or JSON)"))
        group = QButtonGroup(self)
        group.addButton(self.bundled_choice)
        group.addButton(self.file_choice)
        self.bundled_choice.setChecked(True)
        self.templates = QComboBox()
        self.templates.setObjectName("templates")
        with dispatcher.reporting(self):
            for info in session.bundled_templates():
                self.templates.addItem(self.tr("%1 (%n question(s))", "", info.questions)
                                       .replace("%1", info.title), info.id)
        self.path = QLineEdit()
        self.path.setObjectName("templatePath")
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        check = QPushButton(self.tr("Check"))
        check.clicked.connect(self.check_file)
        file_row = QHBoxLayout()
        for widget in (self.path, browse, check):
            file_row.addWidget(widget)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.problems = QListWidget()
        self.problems.setObjectName("templateProblems")
        self.problems.hide()
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.bundled_choice, self.templates)
        form.addRow(self.file_choice, file_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.problems, 1)
        layout.addWidget(buttons)
        self.path.textEdited.connect(lambda _t: self.file_choice.setChecked(True))

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Template file"), "",
            self.tr("Templates (*.yaml *.yml *.json);;All files (*)"))
        if path:
            self.path.setText(path)
            self.file_choice.setChecked(True)
            self.check_file()

    def template_ref(self) -> str:
        """The chosen bundled template id, or the file path."""
        if self.file_choice.isChecked():
            return self.path.text().strip()
        return str(self.templates.currentData() or "")

    def check_file(self) -> bool:
        """Validate the template file and list every problem with its line."""
        from audit_app.domain.diagnostics import AuditAppError, InvalidInput

        path = self.path.text().strip()
        if not path:
            self.show_problems([], self.tr("Choose a template file."))
            return False
        try:
            problems = self.session.validate_template(path)
        except InvalidInput as exc:
            problems = exc.diagnostics
        except AuditAppError as exc:
            self.show_problems([], f"{describe(exc.code)}: {exc.message}")
            return False
        if problems:
            self.show_problems(problems)
            return False
        self.show_problems([], self.tr("The template is valid."))
        return True

    def show_problems(self, problems: list[Diagnostic], text: str | None = None) -> None:
        """List a template's problems with their lines (or show a plain status)."""
        self.problems.clear()
        for d in problems:
            self.problems.addItem(fmt(self.tr("Line %1: %2 – %3"), d.line, describe(d.code),
                                      d.message))
        self.problems.setVisible(bool(problems))
        self.status.setText(text or self.tr("The template has %n error(s); nothing was created.",
                                            "", len(problems)))

    def accept(self) -> None:
        """Create the audit; on an error stay open and show it."""
        from audit_app.domain.diagnostics import AuditAppError, InvalidInput

        if self.file_choice.isChecked() and not self.check_file():
            return
        try:
            self.audit_id = self.session.create_audit(self.template_ref(), self.name.text())
        except InvalidInput as exc:
            self.show_problems(exc.diagnostics)
            return
        except AuditAppError as exc:
            self.show_problems([], f"{describe(exc.code)}: {exc.message}")
            return
        super().accept()
