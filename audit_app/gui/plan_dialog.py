"""The review plan's settings: reviewers, the double-review share in percent, reviewers per case, seed."""

from __future__ import annotations

import random
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)


class PlanDialog(QDialog):
    """Asks for the plan; the page hands the answers to ``review_plan.assign_reviewers``."""

    def __init__(self, plan: dict[str, Any] | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Review plan"))
        self.setMinimumWidth(520)
        settings = (plan or {}).get("plan") or {}
        intro = QLabel(self.tr("Every included case is assigned to a reviewer. A share of the "
                               "cases in each stratum is read by several reviewers, so their "
                               "agreement can be measured. Assigning again with the same "
                               "settings changes nothing; answers are never removed."))
        intro.setWordWrap(True)
        self.reviewers = QLineEdit(", ".join(settings.get("reviewers", [])))
        self.reviewers.setObjectName("planReviewers")
        self.reviewers.setPlaceholderText(self.tr("e.g. anna, bo, cilla"))
        self.share = QSpinBox()
        self.share.setObjectName("planShare")
        self.share.setRange(0, 100)
        self.share.setSuffix("\u00a0%")
        self.share.setValue(round(100 * min(float(settings.get("double_share", 0.2)), 1.0)))
        self.share.setToolTip(self.tr("100 % means every case is read by several reviewers"))
        self.raters = QSpinBox()
        self.raters.setObjectName("planRaters")
        self.raters.setRange(2, 5)
        self.raters.setValue(max(2, int(settings.get("raters") or 2)))
        self.seed = QSpinBox()
        self.seed.setObjectName("planSeed")
        self.seed.setRange(1, 999_999)
        self.seed.setValue(int(settings.get("seed") or random.randint(1, 999_999)))
        self.seed.setToolTip(self.tr("Write the seed down: the same seed draws the same cases"))
        self.strata = QLineEdit(", ".join(settings.get("strata", [])))
        self.strata.setObjectName("planStrata")
        self.strata.setPlaceholderText(self.tr("optional, e.g. unit"))
        form = QFormLayout()
        form.addRow(self.tr("Reviewers (comma-separated)"), self.reviewers)
        form.addRow(self.tr("Double review share"), self.share)
        form.addRow(self.tr("Reviewers per double-reviewed case"), self.raters)
        form.addRow(self.tr("Seed"), self.seed)
        form.addRow(self.tr("Stratify by case fields"), self.strata)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Assign"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reviewers.textChanged.connect(self._check)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._check()

    def _check(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.names()))

    def names(self) -> list[str]:
        """The reviewers entered."""
        return [n.strip() for n in self.reviewers.text().split(",") if n.strip()]

    def arguments(self) -> dict[str, Any]:
        """Keyword arguments for ``assign_reviewers`` (after the reviewers)."""
        share = self.share.value()
        return {"double_share": 0.0 if share >= 100 else share / 100, "double_all": share >= 100,
                "raters": self.raters.value(), "seed": self.seed.value(),
                "strata": [s.strip() for s in self.strata.text().split(",") if s.strip()]}
