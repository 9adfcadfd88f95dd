"""Year on year on the colleague review page: another audit on the same template, a table per question."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from audit_app.domain.tables import TOTAL
from audit_app.gui.colleague_models import RowsModel, number_text, share_text
from audit_app.gui.colleague_page import table_view
from audit_app.gui.retranslate import Texts
from audit_app.gui.text import fmt
from audit_app.gui.workers import run_in_background

if TYPE_CHECKING:
    from audit_app.gui.colleague_page import ColleaguePage


def _cases(side: dict[str, Any]) -> object:
    """The number of cases of one side (the service counts them per breakdown column)."""
    cases = side["cases"]
    return cases.get(TOTAL) if isinstance(cases, dict) else cases


class CompareTab(QWidget):
    """This audit next to another on the same template (``comparison.compare_audits``)."""

    def __init__(self, page: ColleaguePage) -> None:
        super().__init__()
        self.page = page
        self.comparison: dict[str, Any] | None = None
        self._texts = Texts("CompareTab")  # texts that follow a language switch
        self.other = QComboBox()
        self.other.setObjectName("compareWith")
        self.other.setMinimumContentsLength(30)
        self.compare_button = self._texts.keep(QPushButton(), "setText", "Compare")
        self.compare_button.setObjectName("compare")
        self.compare_button.clicked.connect(self.compare)
        self.progress = QProgressBar()
        self.progress.setObjectName("compareProgress")
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        self.question = QComboBox()
        self.question.setObjectName("compareQuestion")
        self.question.setMinimumContentsLength(40)
        self.question.currentIndexChanged.connect(self.show_question)
        self.heading = QLabel()
        self.heading.setObjectName("compareHeading")
        self.heading.setWordWrap(True)
        self.details = QLabel()
        self.details.setObjectName("compareDetails")
        self.details.setWordWrap(True)
        self.model = RowsModel()
        self.view = table_view(self.model, "compareTable", stretch=0)
        self.areas_title = self._texts.keep(QLabel(), "setText", "<b>Agreement per section</b> "
                                            "(in 004 a section is a kontrollområde)")
        self.areas = RowsModel()
        self.areas_view = table_view(self.areas, "compareAreas", stretch=0)
        pick = QHBoxLayout()
        pick.addWidget(self._texts.keep(QLabel(), "setText", "Compare with"))
        pick.addWidget(self.other, 1)
        pick.addWidget(self.compare_button)
        pick.addWidget(self.progress)
        choose = QHBoxLayout()
        choose.addWidget(self._texts.keep(QLabel(), "setText", "Question"))
        choose.addWidget(self.question, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(pick)
        layout.addWidget(self.heading)
        layout.addLayout(choose)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.areas_title)
        layout.addWidget(self.areas_view, 1)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        """Set the texts again after a switch and show the comparison made before (not again)."""
        self._texts.changed(event, self._retranslated)
        super().changeEvent(event)

    def _retranslated(self) -> None:
        if self.other.count() == 1 and self.other.currentData() is None:
            self.other.setItemText(0, self._no_other())
        if self.comparison is not None:
            question = self.question.currentIndex()
            self.set_comparison(self.comparison)
            self.question.setCurrentIndex(question)

    def _no_other(self) -> str:
        return self.tr("(no other audit on this template)")

    def reload(self) -> None:
        """Offer the other audits on this audit's template."""
        from audit_app.services.audits import list_audits

        audits = list_audits(self.page.session.ctx)
        mine = next((a for a in audits if a.id == self.page.audit_id), None)
        self.other.clear()
        for audit in audits:
            if mine is not None and audit.id != mine.id and audit.template == mine.template:
                self.other.addItem(audit.name, audit.id)
        if self.other.count() == 0:
            self.other.addItem(self._no_other(), None)
        self.compare_button.setEnabled(self.other.currentData() is not None)
        if self.comparison is not None and self.comparison["this"]["audit"]["id"] != \
                self.page.audit_id:
            self.comparison = None
            self.question.clear()
            self.model.set_rows([], [])
            self.areas.set_rows([], [])
            self.heading.clear()
            self.details.clear()

    def compare(self) -> None:
        """Compare in a worker thread (the agreement intervals take a while)."""
        from audit_app.services.comparison import compare_audits

        this, last = self.page.audit_id, self.other.currentData()
        if this is None or last is None:
            return
        ctx = self.page.session.ctx
        self.compare_button.setEnabled(False)
        self.progress.show()

        def done(result: dict[str, Any]) -> None:
            self._finish()
            self.set_comparison(result)

        def failed(error: BaseException) -> bool:
            self._finish()
            return False

        run_in_background(self, self.tr("Comparing the audits…"),
                          lambda: compare_audits(ctx, this, str(last)), done, failed)

    def _finish(self) -> None:
        self.progress.hide()
        self.compare_button.setEnabled(self.other.currentData() is not None)

    def set_comparison(self, comparison: dict[str, Any]) -> None:
        """Show a comparison from the service."""
        self.comparison = comparison
        warnings = [w["message"] for w in comparison["warnings"]]
        self.heading.setText(fmt(self.tr("<b>This:</b> %1 (%2 cases) &nbsp; <b>Compared "
                                         "with:</b> %3 (%4 cases)"),
                                 comparison["this"]["audit"]["name"], _cases(comparison["this"]),
                                 comparison["last"]["audit"]["name"], _cases(comparison["last"]))
                             + ("<br>" + "; ".join(warnings) if warnings else ""))
        self.question.blockSignals(True)
        self.question.clear()
        for q in comparison["questions"]:
            self.question.addItem(q["text"], q["id"])
        self.question.blockSignals(False)
        self.show_question()
        self.show_areas()

    def show_areas(self) -> None:
        """Kappa and alpha per section and overall, this audit next to the one compared with."""
        if self.comparison is None:
            return
        comparison = self.comparison
        entries = [(a["title"], a.get("this"), a.get("last")) for a in comparison["sections"]]
        overall = comparison["overall"]
        entries.append((self.tr("Overall"), overall.get("this"), overall.get("last")))
        rows: list[list[Any]] = []
        for title, *sides in entries:
            cells: list[Any] = [title]
            for side in sides:
                got = (side or {}).get(TOTAL) or {}
                cells += [got.get("units"), got.get("cohen_kappa"), got.get("krippendorff_alpha"),
                          got.get("gwet_ac1")]
            rows.append(cells)
        this, last = self.tr("this audit"), self.tr("compared with")
        headers = [self.tr("Section")] + [fmt(name, side) for side in (this, last) for name in (
            self.tr("Units, %1"), self.tr("Kappa, %1"), self.tr("Alpha, %1"), self.tr("AC1, %1"))]
        self.areas.set_rows(headers, rows, bold={len(rows) - 1}, decimals={1: 0, 5: 0})

    def show_question(self) -> None:
        """One question's table: per option the count and share in each audit, and the difference."""
        if self.comparison is None or self.question.currentIndex() < 0:
            return
        q = self.comparison["questions"][self.question.currentIndex()]
        rows: list[list[Any]] = []
        for row in q["rows"]:
            cells: list[Any] = [row["label"]]
            for side in ("this", "last"):
                got = row[side]
                cells += ([None, None] if got is None
                          else [got["count"][TOTAL], got["percent"][TOTAL]])
            cells.append(row["difference_pp"][TOTAL])
            rows.append(cells)
        answered = [(q["answered"][s] or {}).get(TOTAL) for s in ("this", "last")]
        rows.append([self.tr("Answered"), answered[0], None, answered[1], None, None])
        percent = self.tr("%")
        self.model.set_rows([self.tr("Answer"), self.tr("This audit"), percent,
                             self.tr("Compared with"), percent, self.tr("Difference (pp)")],
                            rows, bold={len(rows) - 1}, decimals={2: 1, 4: 1, 5: 1})
        self.details.setText(self._details(q))

    def _details(self, q: dict[str, Any]) -> str:
        parts: list[str] = []
        for side, name in (("this", self.tr("This audit")), ("last", self.tr("Compared with"))):
            agreement = (q.get("agreement") or {}).get(side)
            stats = (q.get("stats") or {}).get(side)
            if agreement and agreement.get(TOTAL):
                a = agreement[TOTAL]
                parts.append(fmt(self.tr("%1: agreement %2, kappa %3, alpha %4, AC1 %5 (%6 units)"),
                                 name, share_text(a["percent_agreement"]),
                                 number_text(a["cohen_kappa"]),
                                 number_text(a["krippendorff_alpha"]),
                                 number_text(a["gwet_ac1"]), a["units"]))
            elif stats and stats.get(TOTAL):
                s = stats[TOTAL]
                parts.append(fmt(self.tr("%1: n %2, mean %3, median %4"), name, s["n"],
                                 number_text(s["mean"], 1), number_text(s["median"], 1)))
        return "\n".join(parts)
