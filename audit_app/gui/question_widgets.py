"""One card per question: choice as radio buttons, multi as check boxes, number, date and text.

Choice and multi cards take the keyboard focus themselves: digits pick options, Delete clears,
Enter and the arrow keys move between questions. The "cannot tell" options (not documented,
not applicable) sit apart below a dashed line, in italics.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from audit_app.gui.style import repolish

if TYPE_CHECKING:
    from audit_app.domain.template import Option, Question
    from audit_app.domain.values import Value

translate = QCoreApplication.translate

_DIGIT_KEYS = {getattr(Qt.Key, f"Key_{d}"): d for d in range(10)}


def _muted(label: QLabel) -> QLabel:
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def _number_text(value: float) -> str:
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
        head.addWidget(_muted(QLabel(number)), 0, Qt.AlignmentFlag.AlignTop)
        self.text_label = QLabel(question.text)
        self.text_label.setObjectName("questionText")
        self.text_label.setWordWrap(True)
        head.addWidget(self.text_label, 1)
        if not question.required:
            head.addWidget(_muted(QLabel(translate("QuestionCard", "optional"))), 0,
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


class _OptionCard(QuestionCard):
    """Shared by choice and multi: option buttons keyed by digits, the card holds the focus."""

    def _build_input(self) -> None:
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.buttons: dict[str, QAbstractButton] = {}
        options = self.question.options or []
        values = [o for o in options if o.kind == "value"]
        special = [o for o in options if o.kind != "value"]
        short = len(values) <= 4 and all(len(o.label) <= 14 for o in values)
        main = QGridLayout()
        main.setHorizontalSpacing(4)
        self.input_area.addLayout(main)
        for i, option in enumerate(values):
            row, col = (0, 2 * i) if short else (i, 0)
            self._add(main, row, col, options.index(option) + 1, option)
        if short:
            main.setColumnStretch(2 * len(values) + 1, 1)
        else:
            main.setColumnStretch(1, 1)
        if special:
            box = QFrame()
            box.setObjectName("specialOptions")
            grid = QGridLayout(box)
            grid.setContentsMargins(0, 2, 0, 0)
            grid.setHorizontalSpacing(4)
            for i, option in enumerate(special):
                self._add(grid, 0, 2 * i, options.index(option) + 1, option)
            grid.setColumnStretch(2 * len(special) + 1, 1)
            self.input_area.addWidget(box)

    def _add(self, grid: QGridLayout, row: int, col: int, key: int, option: Option) -> None:
        button = self._make_button(option.label)
        button.setObjectName(f"option_{option.code}")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        if option.kind != "value":
            font = button.font()
            font.setItalic(True)
            button.setFont(font)
            button.setToolTip(translate("QuestionCard", "Counts as an answer, shown apart in "
                                                        "the tables"))
        button.clicked.connect(lambda _checked=False, code=option.code: self._clicked(code))
        hint = _muted(QLabel(str(key % 10) if key <= 10 else ""))
        hint.setMinimumWidth(12)
        hint.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(hint, row, col)
        grid.addWidget(button, row, col + 1)
        if col:
            grid.setColumnMinimumWidth(col, 24)
        self.buttons[option.code] = button

    def _make_button(self, label: str) -> QAbstractButton:
        raise NotImplementedError

    def _clicked(self, code: str) -> None:
        raise NotImplementedError

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        options = self.question.options or []
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key in _DIGIT_KEYS and mods == Qt.KeyboardModifier.NoModifier:
            position = (_DIGIT_KEYS[key] or 10) - 1
            if position < len(options):
                self._clicked(options[position].code)
            return
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            if self._answered:
                self.edited.emit(self.question.id, None)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Down):
            self.move.emit(self.question.id, 1)
            return
        if key == Qt.Key.Key_Up:
            self.move.emit(self.question.id, -1)
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        self.update()


class ChoiceCard(_OptionCard):
    """A single choice: radio buttons."""

    picked = Signal(str)  # question id, after a pick by key or click

    def _build_input(self) -> None:
        self.group = QButtonGroup(self)
        super()._build_input()

    def _make_button(self, label: str) -> QAbstractButton:
        button = QRadioButton(label)
        self.group.addButton(button)
        return button

    def _clicked(self, code: str) -> None:
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.edited.emit(self.question.id, code)
        self.picked.emit(self.question.id)

    def _show_value(self, value: Value | None) -> None:
        self.group.setExclusive(False)
        for code, button in self.buttons.items():
            button.setChecked(code == value)
        self.group.setExclusive(True)


class MultiCard(_OptionCard):
    """Any number of options: check boxes; a "cannot tell" option excludes the others."""

    def _build_input(self) -> None:
        self._stored: set[str] = set()
        super()._build_input()

    def _make_button(self, label: str) -> QAbstractButton:
        return QCheckBox(label)

    def _clicked(self, code: str) -> None:
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        option = self.question.option(code)
        chosen = self._stored.copy()
        if code in chosen:
            chosen.discard(code)
        elif option is not None and option.kind != "value":
            chosen = {code}
        else:
            special = {o.code for o in self.question.options or [] if o.kind != "value"}
            chosen = (chosen - special) | {code}
        self._show_value(frozenset(chosen))  # until the stored answer comes back
        self.edited.emit(self.question.id, frozenset(chosen))

    def _show_value(self, value: Value | None) -> None:
        self._stored = set(value) if isinstance(value, frozenset) else set()
        for code, button in self.buttons.items():
            button.setChecked(code in self._stored)


class _LineCard(QuestionCard):
    """A one-line input stored when the user leaves it or presses Enter."""

    def _build_input(self) -> None:
        row = QHBoxLayout()
        self.line = QLineEdit()
        self.line.setObjectName("input")
        self.line.setMaximumWidth(160)
        self.line.editingFinished.connect(self._finished)
        self.line.returnPressed.connect(lambda: self.move.emit(self.question.id, 1))
        self.line.installEventFilter(self)
        row.addWidget(self.line)
        row.addWidget(_muted(QLabel(self._hint())))
        row.addStretch(1)
        self.input_area.addLayout(row)
        self.setFocusProxy(self.line)
        self._stored_text = ""

    def _hint(self) -> str:
        return ""

    def _finished(self) -> None:
        text = self.line.text().strip()
        if not self._loading and text != self._stored_text:
            self.edited.emit(self.question.id, text or None)

    def pending(self) -> bool:
        """Whether the input holds text not yet stored."""
        return self.line.text().strip() != self._stored_text

    def eventFilter(self, watched: object, event: object) -> bool:  # noqa: N802
        if (watched is getattr(self, "line", None) and isinstance(event, QKeyEvent)
                and event.type() == QKeyEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)):
            self._finished()
            self.move.emit(self.question.id, 1 if event.key() == Qt.Key.Key_Down else -1)
            return True
        return super().eventFilter(watched, event)


class NumberCard(_LineCard):
    """A number, with its unit and allowed range beside it."""

    def _hint(self) -> str:
        q = self.question
        parts = []
        if q.min is not None and q.max is not None:
            parts.append(f"{_number_text(q.min)}–{_number_text(q.max)}")
        if q.unit:
            parts.append(q.unit)
        if q.integer:
            parts.append(translate("QuestionCard", "(whole number)"))
        return " ".join(parts)

    def _show_value(self, value: Value | None) -> None:
        text = _number_text(value) if isinstance(value, float | int) else ""
        self._stored_text = text
        self.line.setText(text)


class DateCard(_LineCard):
    """A date written YYYY-MM-DD."""

    def _build_input(self) -> None:
        super()._build_input()
        self.line.setPlaceholderText(translate("QuestionCard", "YYYY-MM-DD"))

    def _show_value(self, value: Value | None) -> None:
        text = value if isinstance(value, str) else ""
        self._stored_text = text
        self.line.setText(text)


class TextCard(QuestionCard):
    """Free text, stored when the user leaves the field or pauses typing."""

    def _build_input(self) -> None:
        self.text = QPlainTextEdit()
        self.text.setObjectName("input")
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * 4 + 12)
        self.text.textChanged.connect(self._typed)
        self.text.installEventFilter(self)
        self.input_area.addWidget(self.text)
        self.setFocusProxy(self.text)
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(1500)
        self._idle.timeout.connect(self._finished)
        self._stored_text = ""

    def _typed(self) -> None:
        if not self._loading:
            self._idle.start()

    def _finished(self) -> None:
        self._idle.stop()
        text = self.text.toPlainText().strip()
        if not self._loading and text != self._stored_text:
            self.edited.emit(self.question.id, text or None)

    def pending(self) -> bool:
        """Whether the field holds text not yet stored."""
        return self.text.toPlainText().strip() != self._stored_text

    def _show_value(self, value: Value | None) -> None:
        text = value if isinstance(value, str) else ""
        self._stored_text = text
        if self.text.toPlainText() != text:
            self.text.setPlainText(text)

    def eventFilter(self, watched: object, event: object) -> bool:  # noqa: N802
        if watched is getattr(self, "text", None) and isinstance(event, QFocusEvent) \
                and event.type() == QFocusEvent.Type.FocusOut:
            self._finished()
        return super().eventFilter(watched, event)


def make_card(question: Question, number: str, parent: QWidget | None = None) -> QuestionCard:
    """The card for a question's type."""
    kinds: dict[str, type[QuestionCard]] = {"choice": ChoiceCard, "multi": MultiCard,
                                            "number": NumberCard, "date": DateCard,
                                            "text": TextCard}
    return kinds[question.type](question, number, parent)


def flush(card: QuestionCard) -> None:
    """Store what a line or text card still holds (before switching case or closing)."""
    if isinstance(card, _LineCard | TextCard) and card.pending():
        card._finished()
    if card.comment.hasFocus():
        card._comment_finished()
