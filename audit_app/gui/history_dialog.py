"""The change history of one answer, from the audit's change log."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from audit_app.domain.template import Question
    from audit_app.services.history import HistoryEntry

_Index = QModelIndex | QPersistentModelIndex


class HistoryModel(QAbstractTableModel):
    """Change-log entries: when, who, what, from, to, why."""

    def __init__(self, entries: list[HistoryEntry]) -> None:
        super().__init__()
        self._entries = entries

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("When"), self.tr("By"), self.tr("Change"), self.tr("Before"),
                self.tr("After"), self.tr("Note"))[section]

    def _action(self, action: str) -> str:
        names = {"answer-set": self.tr("answered"), "answer-changed": self.tr("changed"),
                 "answer-cleared": self.tr("cleared"), "comment": self.tr("comment"),
                 "identifiers-allowed": self.tr("identity number allowed")}
        return names.get(action, action)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        e = self._entries[index.row()]
        who = e.actor if not e.reviewer or e.reviewer == e.actor else f"{e.actor} ({e.reviewer})"
        reason = {"undo": self.tr("undo"), "redo": self.tr("redo")}.get(e.reason or "",
                                                                         e.reason or "")
        return (e.at.astimezone().strftime("%Y-%m-%d %H:%M:%S"), who, self._action(e.action),
                e.old_value or "", e.new_value or "", reason)[index.column()]


class HistoryDialog(QDialog):
    """Lists every logged change of one question's answer in this case."""

    def __init__(self, question: Question, entries: list[HistoryEntry],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Answer history"))
        self.resize(820, 360)
        title = QLabel(question.text)
        title.setWordWrap(True)
        self.view = QTableView()
        self.view.setObjectName("history")
        self.view.setModel(HistoryModel(entries))
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        empty = QLabel(self.tr("No change has been logged for this answer."))
        empty.setVisible(not entries)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (title, self.view, empty, buttons):
            layout.addWidget(widget)
