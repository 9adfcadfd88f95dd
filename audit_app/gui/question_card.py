"""The frame every question sits in: its number and text, the input, an error line, a comment."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from audit_app.gui.style import repolish

if TYPE_CHECKING:
    from audit_app.domain.template import Question
    from audit_app.domain.values import Value

translate = QCoreApplication.translate

def muted(label: QLabel) -> QLabel:
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


class QuestionCard(QFrame):
    """The frame around one question: its text, its input, an error line and a comment."""

    edited = Signal(str, object)  # question id, raw input (str, frozenset or None to clear)
    comment_edited = Signal(str, object)  # question id, comment text
    move = Signal(str, int)  # question id, +1 next / -1 previous question

    def __init__(self, question: Question, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.setObjectName("questionCard")
        self.setProperty("current", False)
        self.setProperty("gap", False)
        self._answered = False
        self._loading = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(6)
        head = QHBoxLayout()
        head.addWidget(muted(QLabel(number)), 0, Qt.AlignmentFlag.AlignTop)
        self.text_label = QLabel(question.text)
        self.text_label.setObjectName("questionText")
        self.text_label.setWordWrap(True)
        head.addWidget(self.text_label, 1)
        if not question.required:
            head.addWidget(muted(QLabel(translate("QuestionCard", "optional"))), 0,
                           Qt.AlignmentFlag.AlignTop)
        self.clear_button = QToolButton()
        self.clear_button.setText(translate("QuestionCard", "Clear"))
        self.clear_button.setToolTip(translate("QuestionCard", "Remove the answer (Delete)"))
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.clear_button.setAutoRaise(True)
        self.clear_button.clicked.connect(lambda: self.edited.emit(self.question.id, None))
        head.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(head)
        self.input_area = QVBoxLayout()
        layout.addLayout(self.input_area)
        self.error_label = QLabel()
        self.error_label.setObjectName("errorText")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.comment = QLineEdit()
        self.comment.setObjectName("comment")
        self.comment.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.comment.editingFinished.connect(self._comment_finished)
        self.comment.installEventFilter(self)
        layout.addWidget(self.comment)
        self._build_input()
        self._show_answered(False)
        self._show_comment()

    # -- to be specialised ---------------------------------------------------------------------
    def _build_input(self) -> None:
        raise NotImplementedError

    def _show_value(self, value: Value | None) -> None:
        raise NotImplementedError

    # -- state ---------------------------------------------------------------------------------
    def set_answer(self, value: Value | None, comment: str | None) -> None:
        """Show a stored answer and comment without reporting them as edits."""
        self._loading = True
        try:
            self._show_value(value)
            if not self.comment.hasFocus() or value is None:
                self.comment.setText(comment or "")
            self._show_answered(value is not None)
            self.set_error(None)
            self._show_comment()
        finally:
            self._loading = False

    def _show_answered(self, answered: bool) -> None:
        self._answered = answered
        self.clear_button.setVisible(answered)
        self.comment.setEnabled(answered)
        self.comment.setPlaceholderText(
            translate("QuestionCard", "Comment (Ctrl+K)") if answered
            else translate("QuestionCard", "Comment – answer the question first"))

    @property
    def answered(self) -> bool:
        """Whether the card shows a stored answer."""
        return self._answered

    def set_error(self, message: str | None) -> None:
        """Show or hide an error under the input."""
        self.error_label.setText(message or "")
        self.error_label.setVisible(bool(message))

    def set_flag(self, name: str, on: bool) -> None:
        """Set the ``current`` or ``gap`` style flag."""
        if bool(self.property(name)) != on:
            self.setProperty(name, on)
            repolish(self)
        if name == "current":
            self._show_comment()

    def _show_comment(self) -> None:
        # The comment line shows on the current question and wherever there is a comment, so
        # the form stays short.
        self.comment.setVisible(bool(self.property("current")) or bool(self.comment.text())
                                or self.comment.hasFocus())

    def focus_input(self) -> None:
        """Give the keyboard focus to the question's input."""
        (self.focusProxy() or self).setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_comment(self) -> None:
        """Put the cursor in the comment (answered questions only)."""
        if self.comment.isEnabled():
            self.comment.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.comment.selectAll()

    def _comment_finished(self) -> None:
        if not self._loading and self._answered:
            self.comment_edited.emit(self.question.id, self.comment.text())

    def eventFilter(self, watched: object, event: object) -> bool:  # noqa: N802
        if (watched is self.comment and isinstance(event, QKeyEvent)
                and event.type() == QKeyEvent.Type.KeyPress
                and event.key() == Qt.Key.Key_Escape):
            self._comment_finished()
            self.focus_input()
            return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]
