"""Qt table models over the tables JSON (DESIGN 7) and the gender analysis, for the tables view.

Nothing is counted here: :class:`TablesModel` shows one question of one view as laid out by
:func:`audit_app.services.table_layout.blocks` (options in template order, then applicable,
answered, unresolved and missing), through the audit's small-cell mask; :class:`GenderModel`
shows :func:`audit_app.services.gender.printed_analysis`, largest difference first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from audit_app.gui.text import fmt

if TYPE_CHECKING:
    from audit_app.domain.table_masks import TablesMask
    from audit_app.services.gender import PrintedQuestion
    from audit_app.services.table_layout import Block

#: The raw count of a cell (int), for tests and copying; None for statistics.
COUNT_ROLE = Qt.ItemDataRole.UserRole + 11
#: The share of answered cases in percent (float), or None.
PERCENT_ROLE = Qt.ItemDataRole.UserRole + 12
#: The question id of a gender row.
QUESTION_ROLE = Qt.ItemDataRole.UserRole + 13
_Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def share_text(value: float | None) -> str:
    """A share as the reports print it ("45 %"), or empty."""
    return "" if value is None else f"{value:.0f}\u00a0%"


class TablesModel(QAbstractTableModel):
    """One question of one view: a row per option and per status, a column per breakdown column."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, Any] | None = None
        self._blocks: dict[str, Block] = {}
        self._raw: dict[str, dict[str, Any]] = {}
        self.block: Block | None = None
        self.question: dict[str, Any] | None = None

    def set_view(self, tables: dict[str, Any], mask: TablesMask, view: str) -> None:
        """Show another view (the question shown stays when the view has it)."""
        from audit_app.services.table_layout import blocks

        keep = self.question["id"] if self.question else None
        self.beginResetModel()
        self.tables = tables
        self._blocks = {b.question_id: b for b in blocks(tables, mask, view)}
        self._raw = {q["id"]: q for q in tables["questions"]}
        self.block = self.question = None
        self.endResetModel()
        if keep in self._blocks:
            self.set_question(keep)
        elif tables["questions"]:
            self.set_question(tables["questions"][0]["id"])

    def clear(self) -> None:
        """Show nothing (while the audit is blinded)."""
        self.beginResetModel()
        self.tables = None
        self._blocks, self._raw = {}, {}
        self.block = self.question = None
        self.endResetModel()

    def set_question(self, question_id: str) -> None:
        """Show one question."""
        self.beginResetModel()
        self.block = self._blocks.get(question_id)
        self.question = self._raw.get(question_id)
        self.endResetModel()

    def column_codes(self) -> list[str]:
        """The JSON key of every column, the total last."""
        return [k for k, _ in self.block.columns] if self.block else []

    def row_kind(self, row: int) -> tuple[str, str]:
        """("option", code), ("status", name) or ("stat", name) of a row."""
        from audit_app.services.table_layout import STAT_LABELS, STATUS_LABELS

        assert self.question is not None
        options = self.question["rows"]
        if row < len(options):
            return "option", options[row]["code"]
        row -= len(options)
        if row < len(STATUS_LABELS):
            return "status", list(STATUS_LABELS)[row]
        return "stat", list(STAT_LABELS)[row - len(STATUS_LABELS)]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        if parent.isValid() or self.block is None:
            return 0
        return len(self.block.rows) + len(self.block.status_rows) + len(self.block.stat_rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() or self.block is None else len(self.block.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.block is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal:
                label = self.block.columns[section][1]
                return self.tr("Total") if section == len(self.block.columns) - 1 \
                    else label.replace(" – ", "\n")
            return self._row_label(section)
        if role == Qt.ItemDataRole.FontRole and orientation == Qt.Orientation.Vertical \
                and section >= len(self.block.rows):
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def _row_label(self, row: int) -> str:
        assert self.block is not None
        lists = (self.block.rows, self.block.status_rows, self.block.stat_rows)
        for items in lists:
            if row < len(items):
                return items[row][0]
            row -= len(items)
        return ""

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.block is None or self.question is None:
            return None
        row, col = index.row(), index.column()
        code = self.block.columns[col][0]
        kind, name = self.row_kind(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT
        if kind == "option":
            label, printed, shares = self.block.row_cells()[row]
            if role == COUNT_ROLE:
                return self.question["rows"][row]["counts"][code]
            if role == PERCENT_ROLE:
                return shares[col]
            if role == Qt.ItemDataRole.DisplayRole:
                share = share_text(shares[col])
                return f"{printed[col]}  ({share})" if share else str(printed[col])
            return None
        if kind == "status":
            status_row = row - len(self.block.rows)
            if role == COUNT_ROLE:
                return self.question[name][code]
            if role == Qt.ItemDataRole.DisplayRole:
                return str(self.block.status_cells()[status_row][1][col])
            if role == Qt.ItemDataRole.ForegroundRole:
                from PySide6.QtGui import QColor

                return QColor("#5f6368")
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            from audit_app.services.table_layout import fmt_stat

            stat_row = row - len(self.block.rows) - len(self.block.status_rows)
            return fmt_stat(self.block.stat_rows[stat_row][1][col])
        return None


class GenderModel(QAbstractTableModel):
    """Girls and boys side by side per question and option, largest difference first."""

    def __init__(self) -> None:
        super().__init__()
        self.groups: tuple[str, str] = ("", "")
        self.part = "total"
        self._questions: list[PrintedQuestion] = []
        self._rows: list[tuple[PrintedQuestion, int]] = []

    def reset(self, analysis: dict[str, Any] | None, printed: list[PrintedQuestion],
              part: str = "total") -> None:
        """Show an analysis (None: the template has no gender field) for one part."""
        self.beginResetModel()
        if analysis is not None:
            a, b = (g["label"] for g in analysis["groups"])
            self.groups = (a, b)
        self._questions = list(printed)
        self.part = part
        self._rows = [(q, i) for q in self._questions for i in range(len(q.rows))]
        self.endResetModel()

    def set_part(self, part: str) -> None:
        """Show the whole sample ("total") or one unit."""
        self.beginResetModel()
        self.part = part
        self.endResetModel()

    def question_ids(self) -> list[str]:
        """The questions in the order shown (largest shown difference first)."""
        return [q.id for q in self._questions]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        a, b = self.groups
        return (self.tr("Question"), self.tr("Answer"), a, b,
                self.tr("Difference\n(percentage points)"))[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        question, i = self._rows[index.row()]
        col = index.column()
        if role == QUESTION_ROLE:
            return question.id
        cells = question.rows[i].cells.get(self.part)
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= 2:
            return _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole and col == 0:
            return question.text
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col == 0:
            return question.id if i == 0 else ""
        if col == 1:
            return question.rows[i].label
        if cells is None:
            return ""
        na, pa, nb, pb, diff = cells
        if col == 2:
            return fmt("%1  (%2)", na, share_text(pa) or "–")
        if col == 3:
            return fmt("%1  (%2)", nb, share_text(pb) or "–")
        from audit_app.services.gender import fmt_diff

        return fmt_diff(diff).replace(".", ",") or "–"
