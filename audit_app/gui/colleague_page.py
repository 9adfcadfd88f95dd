"""The colleague review page: phase, review plan, agreement, reconciliation, comparison, packages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from audit_app.gui.asks import Asks
from audit_app.gui.colleague_models import RowsModel
from audit_app.gui.errors import dispatcher
from audit_app.gui.text import fmt

if TYPE_CHECKING:
    from audit_app.gui.session import Session

REVIEW, RECONCILE, CLOSED = "review", "reconcile", "closed"


def table_view(model: RowsModel, name: str, stretch: int | None = None) -> QTableView:
    """A read-only, row-selecting table over ``model``; column ``stretch`` (else the last) fills."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is None:
        header.setStretchLastSection(True)
    else:
        model.modelReset.connect(lambda: header.setSectionResizeMode(
            stretch, QHeaderView.ResizeMode.Stretch) if model.columnCount() > stretch else None)
    return view


class ColleaguePage(Asks, QWidget):
    """The team leader's view of a colleague review; every change goes through the services."""

    back_requested = Signal()
    message = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from audit_app.gui.colleague_tabs import AgreementTab, ReconcileTab
        from audit_app.gui.compare_tab import CompareTab
        from audit_app.gui.packages_tab import PackagesTab

        self.session = session
        self.audit_id: str | None = None
        self.phase = REVIEW
        self.plan: dict[str, Any] | None = None
        self.title = QLabel()
        self.title.setObjectName("colleagueTitle")
        back = QPushButton(self.tr("Case list"))
        back.clicked.connect(self.back_requested.emit)
        self.phase_label = QLabel()
        self.phase_label.setObjectName("phaseLabel")
        self.phase_label.setWordWrap(True)
        self.phase_buttons: dict[str, QPushButton] = {}
        for target, text in ((RECONCILE, self.tr("End the review phase…")),
                             (REVIEW, self.tr("Reopen the review phase…")),
                             (CLOSED, self.tr("Close the audit…")),
                             ("reopen", self.tr("Reopen reconciliation…"))):
            button = QPushButton(text)
            button.setObjectName(f"phase_{target}")
            button.clicked.connect(lambda _=False, t=target: self.change_phase(
                RECONCILE if t == "reopen" else t))
            self.phase_buttons[target] = button
        self.plan_tab = PlanTab(self)
        self.agreement_tab = AgreementTab(self)
        self.reconcile_tab = ReconcileTab(self)
        self.compare_tab = CompareTab(self)
        self.packages_tab = PackagesTab(self)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("colleagueTabs")
        for tab, text in ((self.plan_tab, self.tr("Review plan")),
                          (self.agreement_tab, self.tr("Agreement")),
                          (self.reconcile_tab, self.tr("Disagreements")),
                          (self.compare_tab, self.tr("Year on year")),
                          (self.packages_tab, self.tr("Packages and keys"))):
            self.tabs.addTab(tab, text)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(back)
        phase_row = QHBoxLayout()
        phase_row.addWidget(self.phase_label, 1)
        for button in self.phase_buttons.values():
            phase_row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(phase_row)
        layout.addWidget(self.tabs, 1)

    def show_audit(self, audit_id: str, title: str) -> bool:
        """Show an audit's colleague review; False (error shown) when it cannot be read."""
        self.audit_id = audit_id
        self.title.setText(fmt(self.tr("<h2>Colleague review: %1</h2>"), title))
        return self.reload()

    def reload(self) -> bool:
        """Read the phase and the plan again and refresh every tab."""
        from audit_app.services.review_plan import show_plan

        if self.audit_id is None:
            return False
        try:
            self.plan = show_plan(self.session.ctx, self.audit_id)
        except Exception as exc:  # noqa: BLE001 - every error is shown by the dispatcher
            dispatcher.show(exc, self)
            return False
        self.phase = self.plan["phase"]
        texts = {REVIEW: self.tr("Phase: review. Each reviewer sees only their own answers; "
                                 "answers are compared when you end the phase."),
                 RECONCILE: self.tr("Phase: reconciliation. The answers can be compared and "
                                    "disagreements decided."),
                 CLOSED: self.tr("Phase: closed. Nothing more is decided unless you reopen it.")}
        self.phase_label.setText(texts.get(self.phase, self.phase))
        shown = {REVIEW: (RECONCILE,), RECONCILE: (REVIEW, CLOSED), CLOSED: ("reopen",)}
        for target, button in self.phase_buttons.items():
            button.setVisible(target in shown.get(self.phase, ()))
        for tab in (self.plan_tab, self.agreement_tab, self.reconcile_tab, self.compare_tab,
                    self.packages_tab):
            tab.reload()
        return True

    def change_phase(self, target: str) -> bool:
        """Move the audit to another phase after a confirmation; True when it moved."""
        from audit_app.services.blinding import change_phase

        questions = {
            RECONCILE: (self.tr("End the review phase"),
                        self.tr("End the review phase? The reviewers' answers can then be "
                                "compared, and the disagreements decided.")),
            REVIEW: (self.tr("Reopen the review phase"),
                     self.tr("Reopen the review phase? Reviewers are blinded again and "
                             "comparing waits until the phase ends.")),
            CLOSED: (self.tr("Close the audit"),
                     self.tr("Close the audit? No more consensus answers can be recorded "
                             "until reconciliation is reopened.")),
        }
        title, text = questions[target]
        if self.phase == CLOSED and target == RECONCILE:
            title, text = (self.tr("Reopen reconciliation"),
                           self.tr("Reopen reconciliation so consensus answers can be changed?"))
        if self.audit_id is None or not self.confirm(title, text):
            return False
        try:
            change_phase(self.session.ctx, self.audit_id, target)
        except Exception as exc:  # noqa: BLE001
            dispatcher.show(exc, self)
            return False
        self.message.emit(fmt(self.tr("Phase changed: %1"), self._phase_name(target)))
        self.reload()
        return True

    def _phase_name(self, phase: str) -> str:
        return {REVIEW: self.tr("review"), RECONCILE: self.tr("reconciliation"),
                CLOSED: self.tr("closed")}.get(phase, phase)


class PlanTab(QWidget):
    """Reviewers with their load and progress, and every case with its reviewers."""

    def __init__(self, page: ColleaguePage) -> None:
        super().__init__()
        self.page = page
        self.settings = QLabel()
        self.settings.setObjectName("planSettings")
        self.settings.setWordWrap(True)
        self.change = QPushButton(self.tr("Create or change the plan…"))
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

    def reload(self) -> None:
        """Show the page's plan."""
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
