"""Qt table models over the services' results: the case list and its filter."""

from __future__ import annotations

import atexit
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

    from audit_app.domain.template import Template
    from audit_app.services.cases import CaseList, CaseSummary

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole + 2
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 3
_Index = QModelIndex | QPersistentModelIndex

#: Progress codes in their natural order, with the colour of their dot.
PROGRESS_ORDER = ("not_started", "in_progress", "complete", "excluded")
_DOTS = {"not_started": "#9e9e9e", "in_progress": "#e0a000", "complete": "#2e9d48",
         "excluded": "#c0504d"}


def progress_text(code: str) -> str:
    """A progress code in the user's language."""
    from PySide6.QtCore import QCoreApplication

    texts = {"not_started": QCoreApplication.translate("Progress", "Not started"),
             "in_progress": QCoreApplication.translate("Progress", "In progress"),
             "complete": QCoreApplication.translate("Progress", "Complete"),
             "excluded": QCoreApplication.translate("Progress", "Excluded")}
    return texts.get(code, code)


_icons: dict[str, QIcon] = {}
# Pixmaps must go before the application object does; at exit the application still lives.
atexit.register(_icons.clear)


def progress_icon(code: str) -> QIcon:
    """A coloured dot for a progress code (the text says the same for colour-blind users)."""
    if code not in _icons:
        # Imported here: the first window shows before any row (and its icons) is there.
        from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

        pixmap = QPixmap(12, 12)
        pixmap.fill(QColor(0, 0, 0, 0))
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QColor(_DOTS.get(code, "#9e9e9e")))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(1, 1, 10, 10)
        painter.end()
        _icons[code] = QIcon(pixmap)
    return _icons[code]


class CaseTableModel(QAbstractTableModel):
    """The cases of one audit: label, case fields, progress and answered questions."""

    def __init__(self) -> None:
        super().__init__()
        self._template: Template | None = None
        self._cases: list[CaseSummary] = []
        self._field_ids: list[str] = []

    def reset(self, cases: CaseList) -> None:
        """Show another audit, or the same one reloaded."""
        self.beginResetModel()
        self._template = cases.template
        self._cases = list(cases.cases)
        self._field_ids = [f.id for f in cases.template.case_fields if f.kind != "text"]
        self.endResetModel()

    @property
    def template(self) -> Template | None:
        """The template of the audit shown."""
        return self._template

    def labels(self) -> list[str]:
        """Every case label in model order."""
        return [c.label for c in self._cases]

    def summary(self, row: int) -> CaseSummary:
        """The case on a row."""
        return self._cases[row]

    def row_of(self, label: str) -> int:
        """The row of a case, or -1."""
        return next((i for i, c in enumerate(self._cases) if c.label == label), -1)

    def update_case(self, summary: CaseSummary) -> None:
        """Show one case's new state, adding it when it is new."""
        row = self.row_of(summary.label)
        if row < 0:
            self.beginInsertRows(QModelIndex(), len(self._cases), len(self._cases))
            self._cases.append(summary)
            self.endInsertRows()
            return
        self._cases[row] = summary
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._cases)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._field_ids) + 4

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        fields = len(self._field_ids)
        if section == 0:
            return self.tr("Case")
        if section <= fields and self._template is not None:
            case_field = self._template.field(self._field_ids[section - 1])
            return case_field.label if case_field else ""
        return (self.tr("Progress"), self.tr("Answered"), self.tr("Excluded because"))[
            section - fields - 1]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        case = self._cases[index.row()]
        col, fields = index.column(), len(self._field_ids)
        if role == KEY_ROLE:
            return case.label
        if role == PROGRESS_ROLE:
            return case.progress.value
        if role == Qt.ItemDataRole.ForegroundRole and case.excluded_reason:
            from PySide6.QtGui import QPalette
            from PySide6.QtWidgets import QApplication

            return QApplication.palette().color(QPalette.ColorGroup.Disabled,
                                                QPalette.ColorRole.Text)
        if col == fields + 1:
            if role == Qt.ItemDataRole.DecorationRole:
                return progress_icon(case.progress.value)
            if role == SORT_ROLE:
                return PROGRESS_ORDER.index(case.progress.value)
            if role == Qt.ItemDataRole.DisplayRole:
                return progress_text(case.progress.value)
            return None
        if col == fields + 2:
            if role == SORT_ROLE:
                return case.answered / case.applicable if case.applicable else 0.0
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{case.answered}/{case.applicable}"
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, SORT_ROLE, Qt.ItemDataRole.ToolTipRole):
            return None
        if col == 0:
            return case.label
        if col == fields + 3:
            return case.excluded_reason or ""
        field_id = self._field_ids[col - 1]
        text = case.fields.get(field_id, "")
        if role == SORT_ROLE:
            raw = case.inputs.get(field_id)
            return _sort_key(self._template, field_id, raw, text)
        return text


def _sort_key(template: Template | None, field_id: str, raw: str | None, text: str) -> Any:
    """Numbers sort as numbers, choices in option order, the rest as text."""
    case_field = template.field(field_id) if template else None
    if case_field is None or raw is None and not case_field.is_derived:
        return (1, 0.0, "")
    if case_field.kind == "number" and raw is not None:
        return (0, float(raw), "")
    labels = [o.label for o in case_field.choices]
    if text in labels:
        return (0, float(labels.index(text)), "")
    return (0, 0.0, text.casefold())


class CaseFilterProxy(QSortFilterProxyModel):
    """Filters cases by text in any column and by progress; sorts by each column's sort key."""

    def __init__(self) -> None:
        super().__init__()
        self._progress: frozenset[str] = frozenset()
        self.setSortRole(SORT_ROLE)
        self.setFilterKeyColumn(-1)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_progress_filter(self, codes: frozenset[str]) -> None:
        """Show only cases with one of these progress codes (empty: every case)."""
        self.beginFilterChange()
        self._progress = codes
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:  # noqa: N802
        model = self.sourceModel()
        if self._progress:
            progress = model.data(model.index(source_row, 0, source_parent), PROGRESS_ROLE)
            if progress not in self._progress:
                return False
        return super().filterAcceptsRow(source_row, source_parent)

    def lessThan(self, left: _Index, right: _Index) -> bool:  # noqa: N802
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)
