"""The genomlysning dialog (002): each unit's active cases and plans, entered in a table or imported.

A row per unit of the audit's unit field and a total. The two counts are edited in place; a unit's
figures are stored through :mod:`audit_app.services.genomlysning` once both are given, and the
"without plan" count and the share come back from the service's table. A value that is not a
whole number of zero or more, or plans that outnumber the active cases, is refused with a message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from audit_app.domain.genomlysning import ACTIVE, WITH_PLAN, check_entry, parse_count
from audit_app.domain.values import ValueError_
from audit_app.gui.errors import dispatcher
from audit_app.gui.retranslate import Texts
from audit_app.gui.text import fmt

if TYPE_CHECKING:
    from audit_app.gui.session import Session

Index = QModelIndex | QPersistentModelIndex
#: Column order: unit, active cases, with plan, without plan, share with plan.
UNIT_COL, ACTIVE_COL, PLAN_COL, WITHOUT_COL, SHARE_COL = range(5)
KEYS = {ACTIVE_COL: ACTIVE, PLAN_COL: WITH_PLAN}


def format_share(percent: float | None) -> str:
    """A share in percent with one decimal and a decimal comma ("19,2 %"); "–" without one."""
    return "–" if percent is None else f"{percent:.1f}".replace(".", ",") + "\u00a0%"


class GenomlysningModel(QAbstractTableModel):
    """The units with their figures; counts are editable, the rest is computed by the service."""

    refused = Signal(str)
    stored = Signal(str)

    def __init__(self, session: Session, audit_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.audit_id = audit_id
        self.units: list[tuple[str, str]] = []
        self.figures: dict[str, dict[str, Any]] = {}
        self.total: dict[str, Any] = {}
        self.pending: dict[str, dict[str, int]] = {}  # one count given, the other not yet

    def load(self) -> None:
        """Read the units and their stored figures (raises an AuditAppError, e.g. no unit field)."""
        from audit_app.services.audits import open_audit
        from audit_app.services.genomlysning import genomlysning_data, unit_field

        ctx = self.session.ctx
        table, _limit = genomlysning_data(ctx, self.audit_id)
        with ctx.db.unit_of_work() as repo:
            field = unit_field(open_audit(repo, self.audit_id).template)
        self.beginResetModel()
        self.units = [(o.code, o.label) for o in field.choices] if field is not None else []
        self.figures = {row["code"]: row for row in table["rows"]}
        self.total = dict(table["total"])
        self.endResetModel()

    # -- Qt model ---------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """A row per unit and the total."""
        return 0 if parent.isValid() else len(self.units) + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Unit, active, with plan, without plan, share."""
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Column titles."""
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Unit"), self.tr("Active cases"), self.tr("With a plan"),
                self.tr("Without a plan"), self.tr("Share with a plan"))[section]

    def _is_total(self, row: int) -> bool:
        return row == len(self.units)

    def flags(self, index: Index) -> Qt.ItemFlag:
        """The two counts of a unit row are editable."""
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in KEYS and not self._is_total(index.row()):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def _count(self, code: str, key: str) -> int | None:
        if code in self.figures:
            return int(self.figures[code][key])
        return self.pending.get(code, {}).get(key)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The unit's label, counts and share (the total row sums the units with figures)."""
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole and col != UNIT_COL:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and self._is_total(row):
            font = QFont()
            font.setBold(True)
            return font
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        if self._is_total(row):
            values: dict[str, Any] = self.total if self.figures else {}
            label = self.tr("Total")
        else:
            code, label = self.units[row]
            values = self.figures.get(code, {})
            if col in KEYS:
                value = self._count(code, KEYS[col])
                return "" if value is None else value
        if col == UNIT_COL:
            return label
        key = {ACTIVE_COL: ACTIVE, PLAN_COL: WITH_PLAN, WITHOUT_COL: "without_plan"}.get(col)
        if key is not None:
            return values.get(key, "")
        return format_share(values.get("percent")) if values else ""

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        """Check a count and store the unit's figures once both are known; False when refused."""
        if role != Qt.ItemDataRole.EditRole or index.column() not in KEYS or self._is_total(index.row()):
            return False
        code, label = self.units[index.row()]
        key = KEYS[index.column()]
        try:
            count = parse_count(value if isinstance(value, int) else str(value), key)
        except ValueError_:
            self.refused.emit(fmt(self.tr("%1: enter a whole number, 0 or more."), label))
            return False
        counts = {k: self._count(code, k) for k in (ACTIVE, WITH_PLAN)}
        counts[key] = count
        active, with_plan = counts[ACTIVE], counts[WITH_PLAN]
        if active is not None and with_plan is not None:
            try:
                check_entry(code, active, with_plan)
            except ValueError_:
                self.refused.emit(fmt(self.tr("%1: the cases with a plan (%2) cannot be more than "
                                              "the active cases (%3)."), label, with_plan, active))
                return False
            return self._store(code, label, active, with_plan)
        self.pending[code] = {k: v for k, v in counts.items() if v is not None}
        self._changed(index.row())
        return True

    def _store(self, code: str, label: str, active: int, with_plan: int) -> bool:
        from audit_app.domain.diagnostics import AuditAppError
        from audit_app.services.genomlysning import set_genomlysning

        try:
            set_genomlysning(self.session.ctx, self.audit_id, code, active, with_plan)
        except AuditAppError as exc:
            self.refused.emit(fmt("%1: %2", label, exc.message))
            return False
        self.pending.pop(code, None)
        self.load()
        self.stored.emit(label)
        return True

    def _changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))


class GenomlysningDialog(QDialog):
    """Enter or import, per unit, the active cases and how many have a genomförandeplan."""

    def __init__(self, session: Session, audit_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("genomlysningDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._texts = Texts("GenomlysningDialog")  # texts that follow a language switch
        self._texts.keep(self, "setWindowTitle", "Genomlysning: implementation plans per unit")
        self.resize(860, 380)
        self.session = session
        self.model = GenomlysningModel(session, audit_id, self)
        intro = self._texts.keep(QLabel(), "setText", "For each unit, the number of active cases "
                                 "and how many of them have an implementation plan. Figures are "
                                 "stored as soon as both are given.")
        intro.setWordWrap(True)
        self.view = QTableView()
        self.view.setObjectName("genomlysningTable")
        self.view.setModel(self.model)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(UNIT_COL, QHeaderView.ResizeMode.Stretch)
        self.view.verticalHeader().hide()
        self.error = QLabel()
        self.error.setObjectName("genomlysningError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #B3261E;")
        self.status = QLabel()
        self._status: Callable[[], str] | None = None  # the status, in the current language
        self.import_button = self._texts.keep(QPushButton(), "setText", "Import CSV…")
        self.import_button.setObjectName("importGenomlysning")
        self.import_button.clicked.connect(self.choose_file)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (intro, self.view, self.error, self.status, buttons):
            layout.addWidget(widget)
        self.model.refused.connect(self.error.setText)
        self.model.stored.connect(self._stored)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        """Set the dialog's texts, the table's headings and the status again after a switch."""
        self._texts.changed(event, self._retranslated)
        super().changeEvent(event)

    def _retranslated(self) -> None:
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
        total = self.model.rowCount() - 1
        self.model.dataChanged.emit(self.model.index(total, 0), self.model.index(total, 0))
        if self._status is not None:
            self.status.setText(self._status())

    def _show_status(self, status: Callable[[], str]) -> None:
        self._status = status
        self.status.setText(status())

    def load(self) -> bool:
        """Read the figures; False (the error shown) when the audit has no units to count by."""
        with dispatcher.reporting(self.parentWidget()):
            self.model.load()
            return True
        self.deleteLater()
        return False

    def _stored(self, label: str) -> None:
        self.error.clear()
        self._show_status(lambda: fmt(self.tr("Stored the figures of %1."), label))
        self.session.saved.emit(dt.datetime.now().astimezone())

    def choose_file(self) -> None:
        """Ask for a CSV file (columns unit, active_cases, with_plan) and import it."""
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import genomlysning"), "",
                                              self.tr("CSV files (*.csv *.txt);;All files (*)"))
        if path:
            self.import_file(path)

    def import_file(self, path: str) -> bool:
        """Import a CSV file, all or nothing; every problem is listed when it is rejected."""
        from audit_app.services.genomlysning import import_genomlysning

        with dispatcher.reporting(self):
            result = import_genomlysning(self.session.ctx, self.model.audit_id, path)
            self.model.pending.clear()
            self.model.load()
            self.error.clear()
            self._show_status(lambda: fmt(self.tr("Imported: %1 new, %2 changed, %3 unchanged."),
                                          result.created, result.updated, result.unchanged))
            self.session.saved.emit(dt.datetime.now().astimezone())
            return True
        return False
