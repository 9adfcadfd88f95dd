"""The review plan tab of the colleague review page: reviewers with their load, cases with theirs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from audit_app.gui.colleague_models import RowsModel
from audit_app.gui.colleague_page import REVIEW, table_view
from audit_app.gui.errors import dispatcher
from audit_app.gui.retranslate import Texts
from audit_app.gui.text import fmt

if TYPE_CHECKING:
    from audit_app.gui.colleague_page import ColleaguePage


class PlanTab(QWidget):
    """Reviewers with their load and progress, and every case with its reviewers."""

    def __init__(self, page: ColleaguePage) -> None:
        super().__init__()
        self.page = page
        self.settings = QLabel()
        self.settings.setObjectName("planSettings")
        self.settings.setWordWrap(True)
        self._texts = Texts("PlanTab")  # texts that follow a language switch
        self.change = self._texts.keep(QPushButton(), "setText", "Create or change the plan…")
        self.change.setObjectName("changePlan")
        self.change.clicked.connect(self.edit_plan)
        self.reviewers = RowsModel()
        self.cases = RowsModel()
        self.reviewers_view = table_view(self.reviewers, "planReviewersTable")
        self.cases_view = table_view(self.cases, "planCasesTable")
        self.reviewers.modelReset.connect(self._fit_reviewers)
        head = QHBoxLayout()
        head.addWidget(self.settings, 1)
        head.addWidget(self.change)
        split = QSplitter()
        split.addWidget(self.reviewers_view)
        split.addWidget(self.cases_view)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(split, 1)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        """Set the button again and show the plan read before in the new language."""
        self._texts.changed(event, self.reload)
        super().changeEvent(event)

    def reload(self) -> None:
        """Show the page's plan (as read by the page: nothing is read here)."""
        plan = self.page.plan or {}
        settings = plan.get("plan")
        if settings is None:
            self.settings.setText(self.tr("No review plan yet: every reviewer may answer every "
                                          "case. Create a plan to assign the cases."))
        else:
            share = settings["double_share"]
            double = (self.tr("every case") if share >= 1
                      else fmt(self.tr("%1 % of each stratum (seed %2)"), round(100 * share),
                               settings["seed"]))
            self.settings.setText(fmt(
                self.tr("Double review: %1, by %2 reviewers. Strata: %3. Assigned by %4."),
                double, settings["raters"] or 1,
                ", ".join(settings["strata"]) or self.tr("none"), settings["assigned_by"]))
        self.change.setEnabled(self.page.phase == REVIEW)
        self.change.setToolTip("" if self.page.phase == REVIEW else
                               self.tr("The plan is changed during the review phase"))
        self.reviewers.set_rows(
            [self.tr("Reviewer"), self.tr("Cases"), self.tr("Double-reviewed"),
             self.tr("Complete")],
            [[r["reviewer"], r["cases"], r["double"], r["complete"]]
             for r in plan.get("reviewers", [])],
            [r["reviewer"] for r in plan.get("reviewers", [])])
        rows = []
        for case in plan.get("cases", []):
            if case["excluded"] and not case["reviewers"]:
                continue
            names = ", ".join(r["reviewer"] for r in case["reviewers"]) or self.tr("not assigned")
            progress = ", ".join(fmt(self.tr("%1: %2 answers"), r["reviewer"], r["answered"])
                                 + (" ✓" if r["complete"] else "") for r in case["reviewers"])
            rows.append([case["case"], names, self.tr("yes") if case["double"] else "",
                         progress])
        self.cases.set_rows([self.tr("Case"), self.tr("Reviewers"), self.tr("Double review"),
                             self.tr("Progress")], rows, [r[0] for r in rows])

    def _fit_reviewers(self) -> None:
        view = self.reviewers_view
        view.resizeColumnsToContents()
        width = view.horizontalHeader().length() + 2 * view.frameWidth() + 4
        view.setMinimumWidth(min(width, 480))

    def edit_plan(self) -> bool:
        """Ask for the plan's settings and assign the cases through the service."""
        from audit_app.gui.plan_dialog import PlanDialog

        dialog = PlanDialog(self.page.plan, self)
        if not self.page.exec_dialog(dialog):
            return False
        return self.assign(dialog.names(), **dialog.arguments())

    def assign(self, reviewers: list[str], **options: Any) -> bool:
        """Store the plan; the summary goes to the status bar."""
        from audit_app.services.review_plan import assign_reviewers

        if self.page.audit_id is None:
            return False
        try:
            result = assign_reviewers(self.page.session.ctx, self.page.audit_id, reviewers,
                                      **options)
        except Exception as exc:  # noqa: BLE001
            dispatcher.show(exc, self)
            return False
        text = fmt(self.tr("Plan stored: %1 cases, %2 double-reviewed; %3 assignments added, "
                           "%4 removed, %5 changed."), result.cases, result.double, result.added,
                   result.removed, result.changed)
        if result.kept_answers:
            text += " " + fmt(self.tr("Answers kept from reviewers no longer assigned: %1"),
                              ", ".join(f"{c} ({r})" for c, r in result.kept_answers))
        self.page.message.emit(text)
        self.page.reload()
        return True
