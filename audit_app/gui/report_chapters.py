"""The report editor's chapters: their names in the interface language and their report headings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from audit_app.gui.text import fmt

if TYPE_CHECKING:
    from audit_app.report import ReportData
    from audit_app.services.context import AppContext

FINDINGS, VIGNETTES = "__findings", "__vignettes"


def _tr(source: str) -> str:
    return QCoreApplication.translate("ReportEditorPage", source)


def load_editor(ctx: AppContext, audit_id: str) -> tuple[ReportData, dict[str, Any]]:
    """The report's data and the texts stored with the audit (a pool thread)."""
    from audit_app.services.audits import open_audit
    from audit_app.services.report import report_data, report_texts

    data = report_data(ctx, audit_id)
    with ctx.db.unit_of_work() as repo:
        texts = report_texts(open_audit(repo, audit_id))
    return data, texts


def chapter_names(data: ReportData) -> list[tuple[str, str]]:
    """(key, title) of each narrative chapter in the report's order, in the current language."""
    named = {
        "sammanfattning": _tr("Summary"),
        "inledning": _tr("Introduction"),
        "granskningsmetod": _tr("Method"),
        "urval": _tr("Target group, sample and scope"),
        "utgangspunkter": _tr("Starting points"),
        "bakgrund": _tr("Background"),
        "dialogmoten": _tr("Dialogue meetings"),
    }
    chapters = list(named.items())
    chapters += [(f"analys_{a.id}", fmt(_tr("Analysis: %1"), a.label))
                 for a in data.template.quality_areas]
    chapters.append(("jamstalldhet", _tr("Gender equality analysis")))
    return chapters


def panel_names() -> list[tuple[str, str]]:
    """(key, title) of the findings and vignettes panels, after the chapters."""
    return [(FINDINGS, _tr("Findings per question")),
            (VIGNETTES, _tr("Case examples (typexempel)"))]


def report_headings(data: ReportData) -> dict[str, str]:
    """The report's own heading of each chapter (to find its page in the preview)."""
    headings = {"sammanfattning": "Sammanfattning", "inledning": "Inledning",
                "granskningsmetod": "Granskningsmetod", "urval": "Målgrupp, urval och avgränsning",
                "utgangspunkter": "Utgångspunkter", "bakgrund": "Bakgrund",
                "dialogmoten": "Dialogmöten med enheterna", "jamstalldhet": "Jämställdhetsanalys",
                FINDINGS: "Granskningsresultat"}
    headings.update({f"analys_{a.id}": a.label for a in data.template.quality_areas})
    return headings


def placeholder() -> str:
    """The hint of an empty chapter's editor."""
    return _tr("Write the chapter here. Empty chapters print the text written from the data, "
               "or a note.")
