"""Number, date and text questions: inputs stored when left, on Enter, or after a pause."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QToolButton,
    QWidgetAction,
)

from audit_app.gui.question_card import QuestionCard, muted, number_text, translate

if TYPE_CHECKING:
    from audit_app.domain.values import Value


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
        self.input_row = row
        row.addWidget(muted(QLabel(self._hint())))
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
            parts.append(f"{number_text(q.min)}–{number_text(q.max)}")
        if q.unit:
            parts.append(q.unit)
        if q.integer:
            parts.append(translate("QuestionCard", "(whole number)"))
        return " ".join(parts)

    def _show_value(self, value: Value | None) -> None:
        text = number_text(value) if isinstance(value, float | int) else ""
        self._stored_text = text
        self.line.setText(text)


class DateCard(_LineCard):
    """A date written YYYY-MM-DD or picked in a calendar; an empty field is no answer."""

    def _build_input(self) -> None:
        super()._build_input()
        self.line.setPlaceholderText(translate("QuestionCard", "YYYY-MM-DD"))
        self.calendar_button = QToolButton()
        self.calendar_button.setObjectName("calendarButton")
        self.calendar_button.setText(translate("QuestionCard", "Calendar…"))
        self.calendar_button.setToolTip(translate("QuestionCard", "Pick the date in a calendar"))
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes on to the comment
        self.calendar_button.clicked.connect(self.open_calendar)
        self.input_row.insertWidget(1, self.calendar_button)
        self.calendar: QCalendarWidget | None = None
        self._menu: QMenu | None = None

    def open_calendar(self) -> None:
        """Show the calendar under the field, on the written date or else today."""
        if self._menu is None:
            self._menu = QMenu(self)
            self.calendar = QCalendarWidget()
            self.calendar.setObjectName("dateCalendar")
            self.calendar.setGridVisible(True)
            self.calendar.clicked.connect(self.pick)
            self.calendar.activated.connect(self.pick)
            action = QWidgetAction(self._menu)
            action.setDefaultWidget(self.calendar)
            self._menu.addAction(action)
        assert self.calendar is not None
        written = QDate.fromString(self.line.text().strip(), "yyyy-MM-dd")
        self.calendar.setSelectedDate(written if written.isValid() else QDate.currentDate())
        self._menu.popup(self.line.mapToGlobal(self.line.rect().bottomLeft()))
        self.calendar.setFocus()

    def pick(self, date: QDate) -> None:
        """Write the picked date in the field and store it."""
        if self._menu is not None:
            self._menu.close()
        self.line.setText(date.toString("yyyy-MM-dd"))
        self._finished()
        self.line.setFocus()

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
