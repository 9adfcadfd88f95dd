"""Dialogs for one case: add or edit its label and fields, and give the reason to exclude it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from audit_app.gui.errors import describe, dispatcher
from audit_app.gui.style import use_sheet
from audit_app.gui.text import fmt

if TYPE_CHECKING:
    from audit_app.domain.template import Template
    from audit_app.services.cases import CaseChange


class CaseDialog(QDialog):
    """Enter a new case's label and fields, or change an existing case's label and fields."""

    def __init__(self, template: Template, save: Callable[[str, dict[str, str | None], bool],
                                                          CaseChange],
                 label: str = "", inputs: Mapping[str, str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self.change: CaseChange | None = None
        editing = bool(label)
        self.setWindowTitle(fmt(self.tr("Edit case %1"), label) if editing else self.tr("New case"))
        self.setMinimumWidth(440)
        use_sheet(self)  # the error lines beside the fields
        form = QFormLayout()
        self.label_edit = QLineEdit(label)
        self.label_edit.setObjectName("label")  # editable when editing too: renames the case
        self.label_edit.setPlaceholderText(self.tr("e.g. HV-01 (never a personal identity number)"))
        self.errors: dict[str, QLabel] = {}
        self.inputs: dict[str, QComboBox | QLineEdit] = {}
        self._add_row(form, "label", self.tr("Case"), self.label_edit)
        values = inputs or {}
        for case_field in template.input_fields:
            widget: QComboBox | QLineEdit
            if case_field.kind == "choice":
                widget = QComboBox()
                widget.addItem("", "")
                for option in case_field.choices:
                    widget.addItem(option.label, option.code)
                widget.setCurrentIndex(max(0, widget.findData(values.get(case_field.id, ""))))
            else:
                widget = QLineEdit(values.get(case_field.id, ""))
                if case_field.kind == "date":
                    widget.setPlaceholderText(self.tr("YYYY-MM-DD"))
                elif case_field.kind == "number" and case_field.min is not None \
                        and case_field.max is not None:
                    widget.setPlaceholderText(f"{case_field.min:g}–{case_field.max:g}")
            widget.setObjectName(case_field.id)
            widget.setToolTip(case_field.help or "")
            self.inputs[case_field.id] = widget
            self._add_row(form, case_field.id, case_field.label, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _add_row(self, form: QFormLayout, key: str, text: str, widget: QWidget) -> None:
        error = QLabel()
        error.setObjectName("errorText")
        error.setWordWrap(True)
        error.hide()
        self.errors[key] = error
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addWidget(widget)
        box.addWidget(error)
        form.addRow(text, box)

    def values(self) -> dict[str, str | None]:
        """The entered fields (option codes for choices; blank clears)."""
        out: dict[str, str | None] = {}
        for field_id, widget in self.inputs.items():
            text = widget.currentData() if isinstance(widget, QComboBox) else widget.text()
            out[field_id] = str(text).strip() or None
        return out

    def accept(self) -> None:
        """Save; on refusal show each problem beside its field and stay open."""
        from audit_app.domain.diagnostics import AuditAppError
        from audit_app.services.cases import CaseRejected

        for error in self.errors.values():
            error.hide()
        allow = False
        while True:
            try:
                self.change = self._save(self.label_edit.text(), self.values(), allow)
                break
            except CaseRejected as exc:
                codes = set(exc.codes.values())
                if codes == {"personal-identity-number"} and not allow and self._allow():
                    allow = True
                    continue
                for key, (code, message) in exc.problems.items():
                    label = self.errors.get(key)
                    if label is not None:
                        # A label's problems say all in their (translated) headline.
                        label.setText(describe(code) if key == "label"
                                      else f"{describe(code)}: {message}")
                        label.show()
                return
            except AuditAppError as exc:
                dispatcher.show(exc, self)
                return
        super().accept()

    def _allow(self) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Personal identity number"),
            self.tr("The case seems to contain a personal identity number. Store it anyway? "
                    "This is logged."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes


class ExcludeDialog(QDialog):
    """Asks why a case is excluded (bortfall), e.g. the wrong target group."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(fmt(self.tr("Exclude case %1"), label))
        self.setMinimumWidth(420)
        text = QLabel(fmt(self.tr("An excluded case is left out of every table. Why is case "
                                  "%1 excluded?"), label))
        text.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(self.tr("e.g. wrong target group, file missing"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        self.reason.textChanged.connect(lambda t: self.ok.setEnabled(bool(t.strip())))
        layout = QVBoxLayout(self)
        for widget in (text, self.reason, buttons):
            layout.addWidget(widget)
        self.reason.setFocus(Qt.FocusReason.OtherFocusReason)
