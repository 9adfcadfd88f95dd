"""The agreement and disagreement tabs of the colleague review page (numbers from the services only)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from audit_app.gui.colleague_models import AgreementModel, RowsModel
from audit_app.gui.colleague_page import REVIEW, table_view
from audit_app.gui.errors import dispatcher
from audit_app.gui.retranslate import Texts
from audit_app.gui.text import fmt
from audit_app.gui.workers import run_in_background

if TYPE_CHECKING:
    from audit_app.domain.template import Template
    from audit_app.gui.colleague_page import ColleaguePage


def audit_template(ctx: Any, audit_id: str) -> Template:
    """The audit's frozen template."""
    from audit_app.services.audits import open_audit

    with ctx.db.unit_of_work() as repo:
        return open_audit(repo, audit_id).template


class AgreementTab(QWidget):
    """Percent agreement, kappa, alpha and AC1 per question with bootstrap intervals, and exports."""

    def __init__(self, page: ColleaguePage) -> None:
        super().__init__()
        self.page = page
        self.computed_for: str | None = None
        self.computing = False
        self._texts = Texts("AgreementTab")  # texts that follow a language switch
        self.compute_button = self._texts.keep(QPushButton(), "setText", "Compute")
        self.compute_button.setObjectName("computeAgreement")
        self.compute_button.clicked.connect(self.compute)
        self.csv_button = self._texts.keep(QPushButton(), "setText", "Export CSV…")
        self.csv_button.setObjectName("agreementCsv")
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        self.json_button = self._texts.keep(QPushButton(), "setText", "Export JSON…")
        self.json_button.setObjectName("agreementJson")
        self.json_button.clicked.connect(lambda: self.export("json"))
        self.progress = QProgressBar()
        self.progress.setObjectName("agreementProgress")
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        self.note = self._texts.keep(QLabel(), "setText", "Units are included cases where two or "
                                     "more reviewers answered the question. Intervals: bootstrap "
                                     "95 %, 1000 resamples. A dash: not defined (e.g. too few "
                                     "units).")
        self.note.setWordWrap(True)
        self.model = AgreementModel()
        self.view = table_view(self.model, "agreementTable", stretch=0)
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        row.addWidget(self.progress)
        for button in (self.compute_button, self.csv_button, self.json_button):
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        self._enable()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        """Set the texts and the table's headings again after a switch (nothing recomputed)."""
        self._texts.changed(event, self.model.retranslate)
        super().changeEvent(event)

    def _enable(self) -> None:
        self.compute_button.setEnabled(not self.computing and self.page.audit_id is not None)
        ready = self.model.agreement is not None and not self.computing
        self.csv_button.setEnabled(ready)
        self.json_button.setEnabled(ready)

    def reload(self) -> None:
        """Forget figures of another audit; compute when the tab is showing."""
        if self.computed_for != self.page.audit_id:
            self.model.agreement = None
            self.model.set_rows([], [])
            self.computed_for = None
        if self.isVisible():
            self._compute_when_unblinded()
        self._enable()

    def showEvent(self, event: Any) -> None:  # noqa: N802
        """Compute on first showing, once the review phase has ended (the button always works)."""
        super().showEvent(event)
        self._compute_when_unblinded()

    def _compute_when_unblinded(self) -> None:
        if (self.computed_for is None and not self.computing and self.page.audit_id
                and self.page.phase != REVIEW):
            self.compute()

    def compute(self) -> None:
        """Compute the agreement in a worker thread (the bootstrap takes a while)."""
        from audit_app.services.agreement import audit_agreement

        audit_id = self.page.audit_id
        if audit_id is None or self.computing:
            return
        ctx = self.page.session.ctx

        def work() -> tuple[dict[str, Any], dict[str, str]]:
            template = audit_template(ctx, audit_id)
            return audit_agreement(ctx, audit_id), {q.id: q.text for q in template.questions}

        def done(result: tuple[dict[str, Any], dict[str, str]]) -> None:
            self._finish()
            self.computed_for = audit_id
            self.model.set_agreement(*result)
            self._enable()

        def failed(error: BaseException) -> bool:
            self._finish()
            self.computed_for = audit_id  # not again on every showing; the button retries
            return False

        self.computing = True
        self.progress.show()
        self._enable()
        run_in_background(self, self.tr("Computing agreement with bootstrap intervals…"), work,
                          done, failed)

    def _finish(self) -> None:
        self.computing = False
        self.progress.hide()
        self._enable()

    def export(self, kind: str) -> bool:
        """Write the figures shown as CSV or JSON, exactly as ``audit-app agreement`` prints them."""
        from audit_app.services.agreement import agreement_csv

        agreement = self.model.agreement
        if agreement is None:
            return False
        filters = (self.tr("CSV file (*.csv)") if kind == "csv" else self.tr("JSON file (*.json)"))
        path = self.page.ask_save_path(self.tr("Export agreement"), f"samstammighet.{kind}",
                                       filters)
        if path is None:
            return False
        text = (agreement_csv(agreement) if kind == "csv"
                else json.dumps(agreement, ensure_ascii=False, indent=1) + "\n")
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as exc:
            dispatcher.show(exc, self)
            return False
        self.page.message.emit(fmt(self.tr("Agreement saved: %1"), path))
        return True


class ReconcileTab(QWidget):
    """The unresolved questions with the reviewers' answers side by side; decide one with a rationale."""

    def __init__(self, page: ColleaguePage) -> None:
        super().__init__()
        self.page = page
        self.listing: dict[str, Any] | None = None
        self._texts = Texts("ReconcileTab")  # texts that follow a language switch
        self.summary = QLabel()
        self.summary.setObjectName("reconcileSummary")
        self.summary.setWordWrap(True)
        self.unblind = self._texts.keep(QCheckBox(), "setText",
                                        "Show the reviewers' names (logged)")
        self.unblind.setObjectName("unblind")
        self.unblind.toggled.connect(self.reload)
        self.decided = self._texts.keep(QCheckBox(), "setText", "Also show decided questions")
        self.decided.setObjectName("includeDecided")
        self.decided.toggled.connect(self.reload)
        self.decide_button = self._texts.keep(QPushButton(), "setText", "Decide…")
        self.decide_button.setObjectName("decide")
        self.decide_button.clicked.connect(self.decide_selected)
        self.model = RowsModel()
        self.view = table_view(self.model, "disagreementsTable", stretch=1)
        self.view.setWordWrap(True)
        self.view.doubleClicked.connect(lambda _index: self.decide_selected())
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        for widget in (self.unblind, self.decided, self.decide_button):
            row.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        """Set the texts again after a switch; the listing read before is shown again."""
        self._texts.changed(event, self._retranslated)
        super().changeEvent(event)

    def _retranslated(self) -> None:
        if self.listing is not None:
            self._show(self.listing)
        elif self.page.phase == REVIEW or self.page.audit_id is None:
            self._show_blinded()

    def _show_blinded(self) -> None:
        self.summary.setText(self.tr("The reviewers' answers are compared once the review "
                                     "phase has ended."))

    def reload(self) -> None:
        """List the disagreements again (nothing while the review phase blinds the reviewers)."""
        from audit_app.services.reconciliation import disagreements

        self.listing = None
        self.model.set_rows([], [])
        blinded = self.page.phase == REVIEW or self.page.audit_id is None
        for widget in (self.unblind, self.decided, self.decide_button):
            widget.setEnabled(not blinded)
        if blinded:
            self._show_blinded()
            return
        assert self.page.audit_id is not None
        try:
            listing = disagreements(self.page.session.ctx, self.page.audit_id,
                                    unblind=self.unblind.isChecked(),
                                    include_decided=self.decided.isChecked())
        except Exception as exc:  # noqa: BLE001
            self.summary.setText("")
            dispatcher.show(exc, self)
            return
        self.listing = listing
        self._show(listing)
        if self.model.rowCount():
            self.view.selectRow(0)

    def _show(self, listing: dict[str, Any]) -> None:
        selected = self.view.selectionModel().selectedRows()
        reviewers: list[str] = listing["reviewers"]
        rows, tips = [], []
        for item in listing["disagreements"]:
            per = {a["reviewer"]: a for a in item["answers"]}
            cells = [item["case"], item["text"]]
            for name in reviewers:
                answer = per.get(name)
                cells.append("" if answer is None else answer["display"]
                             + (" *" if answer["comment"] else ""))
            decided = item["consensus"]
            cells.append("" if decided is None else decided["display"])
            rows.append(cells)
            tips.append("\n".join(f"{a['reviewer']}: {a['comment']}" for a in item["answers"]
                                  if a["comment"]) or None)
        self.model.set_rows([self.tr("Case"), self.tr("Question"), *reviewers,
                             self.tr("Consensus")], rows,
                            [(i["case"], i["question"]) for i in listing["disagreements"]], tips)
        summary = listing["summary"]
        self.summary.setText(fmt(self.tr("%1 unresolved disagreements, %2 decided shown. "
                                         "* has a comment (point at the row to read it)."),
                                 summary["unresolved"], summary["decided"]))
        if selected and selected[0].row() < len(rows):
            self.view.selectRow(selected[0].row())

    def selected(self) -> dict[str, Any] | None:
        """The listing item of the selected row."""
        rows = self.view.selectionModel().selectedRows()
        if self.listing is None or not rows:
            return None
        item: dict[str, Any] = self.listing["disagreements"][rows[0].row()]
        return item

    def decide_selected(self) -> bool:
        """Ask for the consensus answer and its rationale, and record it through the service."""
        from audit_app.gui.reconcile_dialog import ReconcileDialog

        item = self.selected()
        if item is None or self.page.audit_id is None:
            return False
        question = audit_template(self.page.session.ctx, self.page.audit_id).question(
            item["question"])
        dialog = ReconcileDialog(item, question, self)
        if not self.page.exec_dialog(dialog):
            return False
        return self.decide(item["case"], item["question"], dialog.value(), dialog.rationale())

    def decide(self, case: str, question: str, value: str, rationale: str) -> bool:
        """Record one consensus answer; refusals are shown."""
        from audit_app.services.reconciliation import decide

        assert self.page.audit_id is not None
        try:
            decision = decide(self.page.session.ctx, self.page.audit_id, case, question, value,
                              rationale=rationale)
        except Exception as exc:  # noqa: BLE001
            dispatcher.show(exc, self)
            return False
        self.page.message.emit(fmt(self.tr("Consensus recorded: %1, %2 = %3"), decision.case,
                                   decision.question, decision.display))
        self.reload()
        return True
