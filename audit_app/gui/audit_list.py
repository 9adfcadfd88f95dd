"""The audit list's model: plain Qt items, so no Python model code runs while the list paints.

The first window paints this list before any audit is read. A model written in Python, or any
``Qt`` enum touched before the first paint, makes PySide build its whole ``Qt`` namespace of
enums first (about 12 ms, an eighth of a bare window's start; issue 4): the roles are numbers
here, and ``Qt`` is imported only when rows are filled in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QStandardItem, QStandardItemModel

from audit_app.gui.text import fmt

if TYPE_CHECKING:
    from audit_app.services.audits import AuditSummary
    from audit_app.services.cases import AuditProgress

_USER_ROLE = 256  # Qt.ItemDataRole.UserRole (models.py derives the same roles from Qt)
SORT_ROLE = _USER_ROLE + 1
KEY_ROLE = _USER_ROLE + 2
_HEADINGS = ("Audit", "Template", "Cases", "Completed")

Rows = list[tuple["AuditSummary", "AuditProgress | None"]]


def _tr(text: str) -> str:
    return QCoreApplication.translate("AuditListModel", text)


class AuditListModel(QStandardItemModel):
    """The audits: name, template, cases and how many this reviewer has completed."""

    def __init__(self) -> None:
        super().__init__(0, len(_HEADINGS))
        self._rows: Rows = []
        self.setHorizontalHeaderLabels([_tr(h) for h in _HEADINGS])

    def reset(self, rows: Rows) -> None:
        """Replace every row."""
        from PySide6.QtCore import Qt

        self._rows = list(rows)
        self.setRowCount(0)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for audit, progress in self._rows:
            title = progress.template_title if progress and progress.template_title \
                else audit.template
            template = fmt(_tr("%1, version %2"), title, audit.version)
            if progress is None:
                done, share = "", -1.0
            else:
                done = fmt(_tr("%1 of %2"), progress.complete, progress.included)
                share = progress.complete / progress.included if progress.included else 0.0
            cells = []
            for column, (shown, sort) in enumerate([(audit.name, audit.name), (template, template),
                                                    (audit.cases, audit.cases), (done, share)]):
                item = QStandardItem()
                item.setData(shown, Qt.ItemDataRole.DisplayRole)
                item.setData(sort, SORT_ROLE)
                item.setData(audit.id, KEY_ROLE)
                item.setEditable(False)
                if column >= 2:
                    item.setTextAlignment(right)
                cells.append(item)
            self.appendRow(cells)

    def retranslate(self) -> None:
        """Headings and rows in the current language."""
        self.setHorizontalHeaderLabels([_tr(h) for h in _HEADINGS])
        if self._rows:
            self.reset(self._rows)

    def audit_id(self, row: int) -> str:
        """The id of the audit on a row."""
        return self._rows[row][0].id

    def row_of(self, audit_id: str) -> int:
        """The row of an audit, or -1."""
        return next((i for i, (a, _p) in enumerate(self._rows) if a.id == audit_id), -1)
