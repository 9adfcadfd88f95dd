"""The passphrase of an encrypted database, asked for in a dialog (from any thread) at start."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from audit_app.services.context import AppContext


class PassphraseDialog(QDialog):
    """Asks for the passphrase (twice for a new database); it is never stored."""

    def __init__(self, parent: QWidget | None, creating: bool, wrong: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Encrypted database"))
        layout = QVBoxLayout(self)
        if wrong:
            warning = QLabel(self.tr("Wrong passphrase or damaged database."))
            warning.setObjectName("wrongPassphrase")
            layout.addWidget(warning)
        layout.addWidget(QLabel(self.tr("Choose a passphrase for the new encrypted database.")
                                if creating else
                                self.tr("The database is encrypted. Enter its passphrase.")))
        form = QFormLayout()
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Passphrase"), self.passphrase)
        self.again: QLineEdit | None = None
        if creating:
            self.again = QLineEdit()
            self.again.setObjectName("passphraseAgain")
            self.again.setEchoMode(QLineEdit.EchoMode.Password)
            form.addRow(self.tr("Again"), self.again)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _accept(self) -> None:
        if not self.passphrase.text():
            return
        if self.again is not None and self.again.text() != self.passphrase.text():
            self.again.clear()
            self.again.setPlaceholderText(self.tr("The passphrases differ"))
            return
        self.accept()


class DialogAsker(QObject):
    """``AppContext.ask_passphrase`` for the GUI: shows the dialog in the GUI thread and waits."""

    _asked = Signal(bool, bool)

    def __init__(self) -> None:
        super().__init__()
        self._answer: str | None = None
        self._lock = threading.Lock()
        self._connected = False  # connected when first asked: no ``Qt`` enum before first paint

    def __call__(self, creating: bool, wrong: bool) -> str | None:
        with self._lock:
            if not self._connected:
                from PySide6.QtCore import Qt

                self._asked.connect(self._show, Qt.ConnectionType.BlockingQueuedConnection)
                self._connected = True
            if QThread.currentThread() is self.thread():
                self._show(creating, wrong)
            else:
                self._asked.emit(creating, wrong)
            answer, self._answer = self._answer, None
            return answer

    @Slot(bool, bool)
    def _show(self, creating: bool, wrong: bool) -> None:
        dialog = PassphraseDialog(QApplication.activeWindow(), creating, wrong)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        self._answer = dialog.passphrase.text() if accepted else None
        dialog.deleteLater()


def asking_in_dialog(ctx: AppContext | Callable[[], AppContext]
                     ) -> AppContext | Callable[[], AppContext]:
    """The context (or its factory) with the passphrase asked for in a dialog when needed.

    Call in the GUI thread; the database may then be opened in any thread.
    """
    asker = DialogAsker()

    def with_dialog(context: AppContext) -> AppContext:
        context.ask_passphrase = asker
        return context

    if callable(ctx):
        factory = ctx
        return lambda: with_dialog(factory())
    return with_dialog(ctx)
