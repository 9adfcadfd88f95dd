"""Choice and multi questions: option buttons picked by digits, the card holding the focus.

The "cannot tell" options (not documented, not applicable) sit apart below a dashed line, in
italics.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QFrame,
    QGridLayout,
    QLabel,
    QRadioButton,
)

from audit_app.gui.question_card import QuestionCard, muted, translate

if TYPE_CHECKING:
    from audit_app.domain.template import Option
    from audit_app.domain.values import Value


_DIGIT_KEYS = {getattr(Qt.Key, f"Key_{d}"): d for d in range(10)}


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
        hint = muted(QLabel(str(key % 10) if key <= 10 else ""))
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
