"""The colleague review page: phase, review plan, agreement, reconciliation, comparison, packages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from audit_app.gui.asks import Asks
from audit_app.gui.colleague_models import RowsModel
from audit_app.gui.errors import dispatcher
from audit_app.gui.retranslate import Texts
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
        from audit_app.gui.plan_tab import PlanTab

        self.session = session
        self.audit_id: str | None = None
        self.phase = REVIEW
        self.plan: dict[str, Any] | None = None
        self.audit_title = ""
        self._texts = Texts("ColleaguePage")  # texts that follow a language switch
        self.title = QLabel()
        self.title.setObjectName("colleagueTitle")
        back = self._texts.keep(QPushButton(), "setText", "Case list")
        back.clicked.connect(self.back_requested.emit)
        self.phase_label = QLabel()
        self.phase_label.setObjectName("phaseLabel")
        self.phase_label.setWordWrap(True)
        self.phase_buttons: dict[str, QPushButton] = {}
        for target, text in ((RECONCILE, "End the review phase…"),
                             (REVIEW, "Reopen the review phase…"),
                             (CLOSED, "Close the audit…"),
                             ("reopen", "Reopen reconciliation…")):
            button = self._texts.keep(QPushButton(), "setText", text)
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
        self._tab_texts = ["Review plan", "Agreement", "Disagreements", "Year on year",
                           "Packages and keys"]
        for tab, text in zip((self.plan_tab, self.agreement_tab, self.reconcile_tab,
                              self.compare_tab, self.packages_tab), self._tab_texts, strict=True):
            self.tabs.addTab(tab, self._texts.tr(text))
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

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        """Set the page's texts, tab titles, title and phase again after a language switch."""
        self._texts.changed(event, self._retranslated)
        super().changeEvent(event)

    def _retranslated(self) -> None:
        for index, text in enumerate(self._tab_texts):
            self.tabs.setTabText(index, self._texts.tr(text))
        self._show_title()
        self._show_phase()

    def show_audit(self, audit_id: str, title: str) -> bool:
        """Show an audit's colleague review; False (error shown) when it cannot be read."""
        self.audit_id = audit_id
        self.audit_title = title
        self._show_title()
        return self.reload()

    def _show_title(self) -> None:
        if self.audit_id is not None:
            self.title.setText(fmt(self.tr("<h2>Colleague review: %1</h2>"), self.audit_title))

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
        self._show_phase()
        shown = {REVIEW: (RECONCILE,), RECONCILE: (REVIEW, CLOSED), CLOSED: ("reopen",)}
        for target, button in self.phase_buttons.items():
            button.setVisible(target in shown.get(self.phase, ()))
        for tab in (self.plan_tab, self.agreement_tab, self.reconcile_tab, self.compare_tab,
                    self.packages_tab):
            tab.reload()
        return True

    def _show_phase(self) -> None:
        if self.plan is None:
            return
        texts = {REVIEW: self.tr("Phase: review. Each reviewer sees only their own answers; "
                                 "answers are compared when you end the phase."),
                 RECONCILE: self.tr("Phase: reconciliation. The answers can be compared and "
                                    "disagreements decided."),
                 CLOSED: self.tr("Phase: closed. Nothing more is decided unless you reopen it.")}
        self.phase_label.setText(texts.get(self.phase, self.phase))

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
