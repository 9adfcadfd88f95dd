"""Table models for the colleague review page: plain rows, and the agreement statistics per question."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

#: The value behind a cell as the service gave it (float, int, [lo, hi], str or None).
RAW_ROLE = Qt.ItemDataRole.UserRole + 21
#: The key of a row (a case label, a question id, a reviewer...).
KEY_ROLE = Qt.ItemDataRole.UserRole + 22
_Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
STATISTICS = ("cohen_kappa", "krippendorff_alpha", "gwet_ac1")
DASH = "–"


def number_text(value: object, decimals: int = 2) -> str:
    """A number in the user's locale (decimal comma in Swedish); a dash for None."""
    if value is None:
        return DASH
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return QLocale().toString(value)
    if isinstance(value, float):
        return QLocale().toString(value, "f", decimals)
    if isinstance(value, list | tuple) and len(value) == 2:
        return f"{number_text(value[0], decimals)} – {number_text(value[1], decimals)}"
    return str(value)


def share_text(value: float | None) -> str:
    """A share 0..1 as a percentage ("85 %"), or a dash."""
    return DASH if value is None else f"{QLocale().toString(100 * value, 'f', 0)}\u00a0%"


class RowsModel(QAbstractTableModel):
    """Read-only rows of values with headers; numbers are right-aligned and shown in the locale."""

    def __init__(self) -> None:
        super().__init__()
        self.headers: list[str] = []
        self.rows: list[list[Any]] = []
        self.keys: list[Any] = []
        self.tips: list[str | None] = []
        self.bold_rows: set[int] = set()
        self.decimals: dict[int, int] = {}

    def set_rows(self, headers: Sequence[str], rows: Sequence[Sequence[Any]],
                 keys: Sequence[Any] | None = None, tips: Sequence[str | None] | None = None,
                 bold: set[int] | None = None, decimals: dict[int, int] | None = None) -> None:
        """Show new rows (``keys`` and ``tips``: one per row; ``decimals`` by column, default 2)."""
        self.beginResetModel()
        self.headers = list(headers)
        self.rows = [list(r) for r in rows]
        self.keys = list(keys) if keys is not None else list(range(len(rows)))
        self.tips = list(tips) if tips is not None else [None] * len(rows)
        self.bold_rows = bold or set()
        self.decimals = decimals or {}
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        """Number of rows."""
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        """Number of columns."""
        return 0 if parent.isValid() else len(self.headers)

    def display(self, row: int, column: int) -> str:
        """The text of a cell."""
        value = self.rows[row][column]
        return value if isinstance(value, str) else number_text(value,
                                                                self.decimals.get(column, 2))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Text, raw value, key, alignment, tooltip and bold font of a cell."""
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        value = self.rows[row][column]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, column)
        if role == RAW_ROLE:
            return value
        if role == KEY_ROLE:
            return self.keys[row]
        if role == Qt.ItemDataRole.TextAlignmentRole and not isinstance(value, str):
            return _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tips[row] or self.display(row, column)
        if role == Qt.ItemDataRole.FontRole and row in self.bold_rows:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Column headers; no row headers."""
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.headers)):
            return self.headers[section]
        return None


class AgreementModel(RowsModel):
    """Per choice question and overall: units, percent agreement, kappa, alpha and AC1 with 95% CI.

    The raw role holds exactly the service's numbers (``audit_agreement``); nothing is computed.
    """

    #: The JSON key behind each column after the question.
    FIELDS = ("units", "percent_agreement", "cohen_kappa", "cohen_kappa_ci", "krippendorff_alpha",
              "krippendorff_alpha_ci", "gwet_ac1", "gwet_ac1_ci")

    def __init__(self) -> None:
        super().__init__()
        self.agreement: dict[str, Any] | None = None
        self.texts: Mapping[str, str] = {}

    def retranslate(self) -> None:
        """Show the figures again in the current language (nothing is computed again)."""
        if self.agreement is not None:
            self.set_agreement(self.agreement, self.texts)

    def set_agreement(self, agreement: dict[str, Any], texts: Mapping[str, str]) -> None:
        """Show the service's agreement output; ``texts`` are the questions' wordings by id."""
        self.agreement, self.texts = agreement, texts
        headers = [self.tr("Question"), self.tr("Units"), self.tr("Agreement"),
                   self.tr("Cohen's kappa"), self.tr("95% CI"), self.tr("Krippendorff's alpha"),
                   self.tr("95% CI"), self.tr("Gwet's AC1"), self.tr("95% CI")]
        rows: list[list[Any]] = []
        keys: list[str] = []
        tips: list[str | None] = []
        for q in agreement["questions"]:
            row: list[Any] = [texts.get(q["id"], q["id"]), q["units"], q["percent_agreement"]]
            for name in STATISTICS:
                row += [q[name], q["ci95"].get(name)]
            rows.append(row)
            keys.append(q["id"])
            tips.append(f"{q['id']}: {texts.get(q['id'], '')}")
        overall = agreement["overall"]
        rows.append([self.tr("All questions together"), overall["units"],
                     overall["percent_agreement"], None, None, overall["krippendorff_alpha"],
                     None, overall["gwet_ac1"], None])
        keys.append("_overall")
        tips.append(self.tr("Every choice question pooled; kappa and intervals are per question"))
        self.set_rows(headers, rows, keys, tips, bold={len(rows) - 1})

    def display(self, row: int, column: int) -> str:
        """Percent agreement as a percentage, the rest as numbers."""
        if column == 2:
            return share_text(self.rows[row][column])
        return super().display(row, column)

    def value(self, question_id: str, field: str) -> Any:
        """The raw value of one question's (or ``_overall``'s) field, as in :attr:`FIELDS`."""
        return self.rows[self.keys.index(question_id)][1 + self.FIELDS.index(field)]
