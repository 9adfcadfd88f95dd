"""Undo and redo of answer changes: one command per stored change, replayed through the services."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from audit_app.services.review import AnswerChange

translate = QCoreApplication.translate


class AnswerCommand(QUndoCommand):
    """An answer change already stored; undo puts the old answer back, redo the new one."""

    def __init__(self, change: AnswerChange, question_text: str,
                 restore: Callable[[AnswerChange, bool], None]) -> None:
        super().__init__(translate("AnswerCommand", "answer to “%1”").replace(
            "%1", question_text if len(question_text) <= 50 else question_text[:49] + "…"))
        self.change = change
        self._restore = restore
        self._stored = True  # pushed after the change was written: the first redo is a no-op

    def redo(self) -> None:
        """Store the new answer again (not on push: it is stored already)."""
        if self._stored:
            self._stored = False
            return
        self._restore(self.change, False)

    def undo(self) -> None:
        """Store the answer as it was before the change."""
        self._restore(self.change, True)
