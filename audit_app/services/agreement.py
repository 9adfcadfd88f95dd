"""Agreement use cases: reviewers' agreement per choice question and overall (DESIGN section 8)."""

from __future__ import annotations

import csv
import io
from typing import Any

from audit_app.domain.agreement import STATISTICS, build_agreement
from audit_app.services.audits import load_records, open_audit
from audit_app.services.blinding import require_unblinded
from audit_app.services.context import AppContext

OVERALL_ROW = "_overall"

CSV_COLUMNS = ["question", "units", "percent_agreement",
               "cohen_kappa", "cohen_kappa_ci95_lo", "cohen_kappa_ci95_hi",
               "krippendorff_alpha", "krippendorff_alpha_ci95_lo", "krippendorff_alpha_ci95_hi",
               "gwet_ac1", "gwet_ac1_ci95_lo", "gwet_ac1_ci95_hi"]


def audit_agreement(ctx: AppContext, audit_ref: str) -> dict[str, Any]:
    """Percent agreement, Cohen's kappa, Krippendorff's alpha and Gwet's AC1 with 95% intervals.

    Refused (``Blinded``) while a colleague review is in its review phase.
    """
    with ctx.db.unit_of_work() as repo:
        audit = open_audit(repo, audit_ref)
        require_unblinded(repo, audit.row, "the agreement between reviewers")
        cases, answers = load_records(repo, audit)
    return build_agreement(audit.template, cases, answers, audit_id=audit.id,
                           audit_name=audit.name)


def _cell(value: object) -> object:
    return "" if value is None else value


def agreement_csv(agreement: dict[str, Any]) -> str:
    """The agreement as CSV: a header, one row per choice question, and a last ``_overall`` row.

    Empty cells stand for null (undefined statistic or no interval); numbers are unrounded.
    The overall row has no kappa and no intervals, as in the JSON.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for question in agreement["questions"]:
        row: list[object] = [question["id"], question["units"],
                             _cell(question["percent_agreement"])]
        for name in STATISTICS:
            interval = question["ci95"].get(name)
            lo, hi = interval if interval is not None else (None, None)
            row += [_cell(question[name]), _cell(lo), _cell(hi)]
        writer.writerow(row)
    overall = agreement["overall"]
    writer.writerow([OVERALL_ROW, overall["units"], _cell(overall["percent_agreement"]), "", "", "",
                     _cell(overall["krippendorff_alpha"]), "", "", _cell(overall["gwet_ac1"]), "",
                     ""])
    return buffer.getvalue()
