"""The one place errors reach the user: a message for AuditAppError, a list for file diagnostics."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from audit_app.domain.diagnostics import AuditAppError, Diagnostic

# The dialogs' classes load when an error is first shown: the first window shows sooner.


translate = QCoreApplication.translate


def describe(code: str) -> str:
    """A short, translated headline for an error code; the code itself when none is known."""
    titles = {
        "input-rejected": translate("Errors", "The input was not accepted"),
        "invalid-input": translate("Errors", "The file has errors"),
        "not-found": translate("Errors", "Not found"),
        "storage": translate("Errors", "The database cannot be used"),
        "database-damaged": translate("Errors", "The database is damaged"),
        "already-open": translate("Errors", "The database is open in another window"),
        "invalid-case": translate("Errors", "The case was not saved"),
        "invalid-number": translate("Errors", "Not a valid number"),
        "out-of-range": translate("Errors", "Outside the allowed range"),
        "invalid-date": translate("Errors", "Not a date of the form YYYY-MM-DD"),
        "invalid-option": translate("Errors", "Not one of the options"),
        "multiple-options": translate("Errors", "Several options for a single choice"),
        "personal-identity-number": translate("Errors", "Contains a personal identity number"),
        "comment-without-answer": translate("Errors", "Answer the question before commenting on it"),
        "duplicate-case": translate("Errors", "A case with this label already exists"),
        "duplicate-row": translate("Errors", "The same row twice"),
        "empty-value": translate("Errors", "A value is missing"),
        "too-long": translate("Errors", "Too long"),
        "unknown-column": translate("Errors", "Unknown column"),
        "missing-column": translate("Errors", "Missing column"),
        "unknown-case": translate("Errors", "Unknown case"),
        "unknown-question": translate("Errors", "Unknown question"),
        "encoding": translate("Errors", "Unreadable text encoding"),
        "empty-file": translate("Errors", "The file is empty"),
        "no-rows": translate("Errors", "The file has a header but no rows"),
        "yaml-syntax": translate("Errors", "YAML syntax error"),
        "unknown-key": translate("Errors", "Unknown key"),
        "missing-key": translate("Errors", "Missing key"),
        "wrong-type": translate("Errors", "Wrong type of value"),
        "duplicate-id": translate("Errors", "Duplicate id"),
        "bad-identifier": translate("Errors", "Invalid identifier"),
        "unknown-reference": translate("Errors", "Reference to something that does not exist"),
        "expression-syntax": translate("Errors", "Condition cannot be read"),
        "expression-unsupported": translate("Errors", "Condition uses something not allowed"),
        "reference-cycle": translate("Errors", "Conditions refer to each other in a circle"),
        "bad-bins": translate("Errors", "Classes overlap or are invalid"),
        "no-options": translate("Errors", "Question without options"),
        "blinded": translate("Errors", "Hidden during the review phase"),
        "review-ended": translate("Errors", "The review phase has ended"),
        "key": translate("Errors", "The key cannot be used"),
        "package-rejected": translate("Errors", "The package was not accepted"),
    }
    return titles.get(code, code)


def explain(error: AuditAppError) -> str:
    """What an error means: a wrong key passphrase and a missing or unreadable file explained
    in the interface language, any other error in its own message."""
    from audit_app.domain.diagnostics import FileUnreadable

    if error.code == "key" and getattr(error, "reason", None) == "wrong-passphrase":
        return translate("Errors", "The passphrase is wrong (or your private key file is "
                         "damaged). Try again with the passphrase you chose when you created "
                         "your key pair.")
    if isinstance(error, FileUnreadable):
        text = (translate("Errors", "The file %1 cannot be found. It may have been moved, "
                          "renamed or deleted; choose it again.") if error.reason == "missing"
                else translate("Errors", "The file %1 cannot be read. Check that it is a file, "
                               "not a folder, that you may read it, and that no other program "
                               "holds it."))
        return text.replace("%1", error.path)
    return error.message


class ErrorDispatcher:
    """Shows errors to the user; tests replace ``present`` to record what would be shown."""

    def __init__(self) -> None:
        self.last_shown: tuple[str, str] | None = None

    def show(self, error: BaseException, parent: QWidget | None = None) -> None:
        """Show an error: diagnostics in a list, a known error as a message, others in full."""
        from audit_app.domain.diagnostics import AuditAppError, InvalidInput

        if isinstance(error, InvalidInput):
            self.last_shown = (error.code, error.message)
            self.present_diagnostics(error.diagnostics, parent)
        elif isinstance(error, AuditAppError):
            self.present(describe(error.code), explain(error), parent)
        else:
            traceback.print_exception(error, file=sys.stderr)
            detail = f"{type(error).__name__}: {error}"
            self.present(translate("Errors", "Unexpected error"),
                         translate("Errors", "Something went wrong: %1. Every answer up to the "
                                   "last 'Saved' is stored.").replace("%1", detail), parent)

    def present(self, title: str, message: str, parent: QWidget | None) -> None:
        """Show one message box."""
        from PySide6.QtWidgets import QMessageBox

        self.last_shown = (title, message)
        box = QMessageBox(QMessageBox.Icon.Warning, title, title, QMessageBox.StandardButton.Ok,
                          parent)
        box.setInformativeText(message)
        box.exec()

    def offer(self, title: str, message: str, action: str, parent: QWidget | None) -> bool:
        """Show an error with one way out (e.g. restoring a backup); True when the user takes it."""
        from PySide6.QtWidgets import QMessageBox

        self.last_shown = (title, message)
        box = QMessageBox(QMessageBox.Icon.Warning, title, title, QMessageBox.StandardButton.NoButton,
                          parent)
        box.setInformativeText(message)
        take = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(translate("Errors", "Not now"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(take)
        box.exec()
        return box.clickedButton() is take

    def present_diagnostics(self, diagnostics: list[Diagnostic], parent: QWidget | None) -> None:
        """Show the list of a file's problems."""
        from audit_app.gui.diagnostics_dialog import DiagnosticsDialog

        DiagnosticsDialog(diagnostics, parent).exec()

    @contextmanager
    def reporting(self, parent: QWidget | None = None) -> Iterator[None]:
        """Run a block and show any AuditAppError it raises (others propagate)."""
        from audit_app.domain.diagnostics import AuditAppError

        try:
            yield
        except AuditAppError as exc:
            self.show(exc, parent)

    def install_excepthook(self) -> None:
        """Show exceptions that escape a slot instead of losing them on stderr."""
        previous = sys.excepthook

        def hook(kind: type[BaseException], value: BaseException, tb: object) -> None:
            if isinstance(value, KeyboardInterrupt):
                previous(kind, value, tb)  # type: ignore[arg-type]
                return
            self.show(value)

        sys.excepthook = hook


#: The application's dispatcher.
dispatcher = ErrorDispatcher()
