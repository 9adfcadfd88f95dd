"""The report editor's panels for per-question findings and "typexempel" vignettes.

Both store through a ``store(kind, key, text) -> bool`` callback of the editor page, which applies
the personal identity number guard and reports refusals through the central dispatcher.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from audit_app.gui.retranslate import Texts

if TYPE_CHECKING:
    from audit_app.report import ReportData

Store = Callable[[str, str, str], bool]
#: Milliseconds of quiet before a text is stored (as in the case form).
AUTOSAVE_MS = 700


def suggestions(data: ReportData) -> dict[str, str]:
    """The sentence the report prints for each question when no finding is written."""
    from audit_app.report.suppression import GENDER, MAIN, mask_tables
    from audit_app.report.text import suggest_sentence

    masks = mask_tables({MAIN: data.tables, GENDER: data.gender_tables}, data.small_cell_limit)
    total = int(data.tables.get("cases", {}).get("total", data.sample.included))
    return {q["id"]: suggest_sentence(q, total, data.small_cell_limit, mask=masks[q["id"]][MAIN])
            for q in data.tables["questions"]}


def plain(editor: QPlainTextEdit) -> str:
    """The editor's text with its no-break spaces kept (``toPlainText`` turns them into spaces)."""
    raw = editor.document().toRawText()
    return raw.replace("\u2029", "\n").replace("\u2028", "\n").strip()


def _timer(parent: QWidget, slot: Callable[[], None]) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(AUTOSAVE_MS)
    timer.timeout.connect(slot)
    return timer


class FindingsPanel(QWidget):
    """Per question: its suggested sentence, "Use the suggestion", and the finding as written."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._stored: dict[str, str] = {}
        self._suggested: dict[str, str] = {}
        self._key: str | None = None
        self._autosave = _timer(self, self.flush)
        self._texts = Texts("FindingsPanel")  # texts that follow a language switch
        self.questions = QListWidget()
        self.questions.setObjectName("findingQuestions")
        self.questions.setWordWrap(True)
        self.questions.currentItemChanged.connect(self._select)
        self.question = QLabel()
        self.question.setObjectName("findingQuestion")
        self.question.setWordWrap(True)
        self.question.setStyleSheet("font-weight: bold;")
        self.suggestion = QLabel()
        self.suggestion.setObjectName("suggestion")
        self.suggestion.setWordWrap(True)
        self.suggestion.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.suggestion.setStyleSheet("background: #eef3f8; padding: 6px;")
        self.use_button = self._texts.keep(QPushButton(), "setText", "Use the suggestion")
        self.use_button.setObjectName("useSuggestion")
        self.use_button.clicked.connect(self.use_suggestion)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("findingText")
        self._texts.keep(self.editor, "setPlaceholderText",
                         "Empty: the report prints the suggested sentence.")
        self.editor.textChanged.connect(self._autosave.start)
        right = QWidget()
        column = QVBoxLayout(right)
        column.addWidget(self.question)
        column.addWidget(self._texts.keep(QLabel(), "setText",
                                          "Suggested sentence (from the report's tables):"))
        column.addWidget(self.suggestion)
        row = QHBoxLayout()
        row.addWidget(self.use_button)
        row.addStretch(1)
        column.addLayout(row)
        column.addWidget(self._texts.keep(QLabel(), "setText", "Finding in the report:"))
        column.addWidget(self.editor, 1)
        splitter = QSplitter()
        splitter.addWidget(self.questions)
        splitter.addWidget(right)
        splitter.setSizes([260, 420])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        """Set the panel's texts again after a language switch."""
        self._texts.changed(event)
        super().changeEvent(event)

    def load(self, data: ReportData, findings: dict[str, str]) -> None:
        """Show the questions of the report's tables with their suggestions and findings."""
        self._key = None
        self._stored = dict(findings)
        self._suggested = suggestions(data)
        self.questions.blockSignals(True)
        self.questions.clear()
        for number, question in enumerate(data.tables["questions"], start=1):
            item = QListWidgetItem(f"{number}. {question['text']}")
            item.setData(Qt.ItemDataRole.UserRole, question["id"])
            self.questions.addItem(item)
        self.questions.blockSignals(False)
        if self.questions.count():
            self.questions.setCurrentRow(0)

    def select(self, question_id: str) -> None:
        """Show one question."""
        for row in range(self.questions.count()):
            if self.questions.item(row).data(Qt.ItemDataRole.UserRole) == question_id:
                self.questions.setCurrentRow(row)

    def _select(self, item: QListWidgetItem | None) -> None:
        self.flush()
        self._key = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        key = self._key or ""
        self.question.setText(item.text() if item is not None else "")
        self.suggestion.setText(self._suggested.get(key, ""))
        self.editor.blockSignals(True)
        self.editor.setPlainText(self._stored.get(key, ""))
        self.editor.blockSignals(False)

    def use_suggestion(self) -> None:
        """Put the suggested sentence in the finding and store it."""
        self.editor.setPlainText(self.suggestion.text())
        self.flush()

    def flush(self) -> None:
        """Store the finding being edited if it changed."""
        self._autosave.stop()
        if self._key is None:
            return
        text = plain(self.editor)
        if text != self._stored.get(self._key, "") and self._store("findings", self._key, text):
            self._stored[self._key] = text


class VignettesPanel(QWidget):
    """Typexempel: short anonymised case stories with a title and an optional quality area."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._stored: dict[str, dict[str, Any]] = {}
        self._key: str | None = None
        self._autosave = _timer(self, self.flush)
        self._texts = Texts("VignettesPanel")  # texts that follow a language switch
        self.list = QListWidget()
        self.list.setObjectName("vignettes")
        self.list.currentItemChanged.connect(self._select)
        self.add_button = self._texts.keep(QPushButton(), "setText", "New case example")
        self.add_button.setObjectName("addVignette")
        self.add_button.clicked.connect(self.add)
        self.title = QLineEdit()
        self.title.setObjectName("vignetteTitle")
        self.area = QComboBox()
        self.area.setObjectName("vignetteArea")
        self.text = QPlainTextEdit()
        self.text.setObjectName("vignetteText")
        self._texts.keep(self.text, "setPlaceholderText", "Describe the case without anything "
                         "that identifies the person (no personal identity numbers).")
        self.title.textEdited.connect(self._autosave.start)
        self.text.textChanged.connect(self._autosave.start)
        self.area.activated.connect(lambda _index: self.flush())
        self.form = QWidget()
        fields = QFormLayout(self.form)
        for label, field in (("Title", self.title), ("Quality area", self.area),
                             ("Text", self.text)):
            fields.addRow(self._texts.keep(QLabel(), "setText", label), field)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.list, 1)
        column.addWidget(self.add_button)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.form)
        splitter.setSizes([220, 460])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        """Set the panel's texts, the results chapter's choice and untitled names again."""
        self._texts.changed(event, self._retranslated)
        super().changeEvent(event)

    def _retranslated(self) -> None:
        if self.area.count():
            self.area.setItemText(0, self.tr("(the results chapter)"))
        for row in range(self.list.count()):
            item = self.list.item(row)
            if not (self._stored.get(item.data(Qt.ItemDataRole.UserRole)) or {}).get("title"):
                item.setText(self.tr("(untitled)"))

    def load(self, areas: list[tuple[str, str]], stored: dict[str, Any]) -> None:
        """Show the stored vignettes; ``areas`` are the template's (id, label) quality areas."""
        self._key = None
        self.area.clear()
        self.area.addItem(self.tr("(the results chapter)"), None)
        for area_id, label in areas:
            self.area.addItem(label, area_id)
        self._stored = {}
        for key, value in stored.items():
            parsed = json.loads(value) if isinstance(value, str) and value.startswith("{") else value
            if isinstance(parsed, dict):
                self._stored[key] = parsed
        self.list.blockSignals(True)
        self.list.clear()
        for key, value in self._stored.items():
            self._add_item(key, value.get("title") or "")
        self.list.blockSignals(False)
        self.form.setEnabled(bool(self._stored))
        if self._stored:
            self.list.setCurrentRow(0)
        else:
            self._select(None)

    def _add_item(self, key: str, title: str) -> QListWidgetItem:
        item = QListWidgetItem(title or self.tr("(untitled)"))
        item.setData(Qt.ItemDataRole.UserRole, key)
        self.list.addItem(item)
        return item

    def add(self) -> None:
        """Start a new vignette (stored once it has text)."""
        self.flush()
        key = uuid.uuid4().hex[:8]
        self._stored[key] = {}
        self.form.setEnabled(True)
        self.list.setCurrentItem(self._add_item(key, ""))
        self.title.setFocus()

    def _select(self, item: QListWidgetItem | None) -> None:
        self.flush()
        self._key = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        value = self._stored.get(self._key or "", {})
        for widget in (self.title, self.text, self.area):
            widget.blockSignals(True)
        self.title.setText(value.get("title", ""))
        self.text.setPlainText(value.get("text", ""))
        index = self.area.findData(value.get("quality_area"))
        self.area.setCurrentIndex(max(index, 0))
        for widget in (self.title, self.text, self.area):
            widget.blockSignals(False)

    def current(self) -> dict[str, Any]:
        """The vignette as the fields show it."""
        return {"title": self.title.text().strip(), "text": plain(self.text),
                "quality_area": self.area.currentData()}

    def flush(self) -> None:
        """Store the vignette being edited if it changed (empty title and text: removed)."""
        self._autosave.stop()
        if self._key is None:
            return
        value = self.current()
        if value == self._stored.get(self._key):
            return
        empty = not value["title"] and not value["text"]
        text = "" if empty else json.dumps(value, ensure_ascii=False)
        if self._store("vignettes", self._key, text):
            self._stored[self._key] = value
            item = self.list.currentItem()
            if item is not None:
                item.setText(value["title"] or self.tr("(untitled)"))
