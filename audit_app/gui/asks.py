"""Small questions to the user (confirm, paths, a line of text), one method each for tests to answer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget


class Asks:
    """Mixed into a widget: every modal question goes through one of these methods."""

    def confirm(self, title: str, text: str) -> bool:
        """Yes or no (no is the default)."""
        answer = QMessageBox.question(self._parent(), title, text,
                                      QMessageBox.StandardButton.Yes
                                      | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def ask_open_path(self, title: str, filters: str) -> Path | None:
        """A file to read, or None."""
        path, _ = QFileDialog.getOpenFileName(self._parent(), title, "", filters)
        return Path(path) if path else None

    def ask_save_path(self, title: str, suggested: str, filters: str) -> Path | None:
        """A file to write, or None."""
        path, _ = QFileDialog.getSaveFileName(self._parent(), title, suggested, filters)
        return Path(path) if path else None

    def ask_text(self, title: str, label: str, default: str = "", *,
                 secret: bool = False) -> str | None:
        """A line of text (hidden for a passphrase), or None when cancelled."""
        mode = QLineEdit.EchoMode.Password if secret else QLineEdit.EchoMode.Normal
        text, ok = QInputDialog.getText(self._parent(), title, label, mode, default)
        return text if ok else None

    def exec_dialog(self, dialog: QDialog) -> bool:
        """Show a dialog and return whether it was accepted."""
        return bool(dialog.exec())

    def inform(self, title: str, text: str) -> None:
        """A message to read (not an error: errors go to the dispatcher)."""
        QMessageBox.information(self._parent(), title, text)

    def _parent(self) -> QWidget | None:
        return self if isinstance(self, QWidget) else None
