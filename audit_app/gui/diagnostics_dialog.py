"""The list of a rejected file's problems, one per line, with a button to copy them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from audit_app.gui.errors import describe
from audit_app.gui.text import fmt

if TYPE_CHECKING:
    from audit_app.domain.diagnostics import Diagnostic


class DiagnosticsDialog(QDialog):
    """Every problem of a rejected file, one per line, with a button to copy them."""

    def __init__(self, diagnostics: list[Diagnostic], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Errors in the file"))
        self.resize(760, 420)
        self._diagnostics = diagnostics
        paths = sorted({d.path for d in diagnostics})
        head = QLabel(self.tr("%n problem(s) found. Nothing was saved; correct the file and "
                              "try again.", "", len(diagnostics)))
        head.setWordWrap(True)
        where = QLabel(", ".join(paths))
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.list = QListWidget()
        self.list.setObjectName("diagnostics")
        for d in diagnostics:
            self.list.addItem(fmt(self.tr("Line %1: %2 – %3"), d.line, describe(d.code),
                                  d.message))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton(self.tr("Copy"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        for widget in (head, where, self.list, buttons):
            layout.addWidget(widget)

    def copy(self) -> None:
        """Put the problems on the clipboard as PATH:LINE: error[CODE]: message lines."""
        QGuiApplication.clipboard().setText("\n".join(d.format() for d in self._diagnostics))
