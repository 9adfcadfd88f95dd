"""The settings dialog: reviewer name, interface language, and moving on after a choice."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from audit_app.gui.settings import Settings


class SettingsDialog(QDialog):
    """Edits the settings; a new language applies at once (the main window switches)."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(420)
        self.reviewer = QLineEdit(settings.reviewer)
        self.reviewer.setObjectName("reviewer")
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.addItem("Svenska", "sv")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.advance = QCheckBox(self.tr("Move to the next question after picking an option"))
        self.advance.setChecked(settings.auto_advance)
        note = QLabel(self.tr("Your answers are stored under the reviewer name. A new language "
                              "applies at once."))
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Reviewer"), self.reviewer)
        form.addRow(self.tr("Language"), self.language)
        form.addRow("", self.advance)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def accept(self) -> None:
        """Store the settings (a blank reviewer falls back to the login name)."""
        name = self.reviewer.text().strip()
        if "|" in name or len(name) > 100:
            self.reviewer.setFocus()
            return
        self.settings.reviewer = name
        self.settings.language = str(self.language.currentData())
        self.settings.auto_advance = self.advance.isChecked()
        super().accept()
