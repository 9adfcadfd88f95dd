"""The notice shown instead of tables, charts or the report while a colleague review is blinded."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QWidget

if TYPE_CHECKING:
    from audit_app.services.context import AppContext

TABLES, REPORT = "tables", "report"


def is_blinded(ctx: AppContext, audit_id: str) -> bool:
    """Whether the audit's results wait for the end of its review phase (the services' rule)."""
    from audit_app.services.blinding import is_blinded as blinded

    return blinded(ctx, audit_id)


def is_blinded_error(error: BaseException) -> bool:
    """Whether a service refused because the audit is blinded (shown as the notice, not a box)."""
    from audit_app.services.blinding import Blinded

    return isinstance(error, Blinded)


class BlindNotice(QLabel):
    """Why a page shows nothing built from the reviewers' answers during the review phase."""

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setObjectName("blindNotice")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet("QLabel#blindNotice { border: 1px solid palette(mid); "
                           "border-radius: 4px; padding: 24px; font-size: 12pt; }")
        self._set_text()
        self.hide()

    def _set_text(self) -> None:
        until = self.tr("Until then each reviewer sees only their own answers; the team leader "
                        "ends the phase on the Colleague review page.")
        what = (self.tr("The tables, charts and gender analysis are shown when the review "
                        "phase has ended.") if self.kind == TABLES
                else self.tr("The report is shown when the review phase has ended."))
        self.setText(f"{what}\n\n{until}")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        """The text again after a language switch."""
        if event.type() == QEvent.Type.LanguageChange:
            self._set_text()
        super().changeEvent(event)
