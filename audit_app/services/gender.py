"""Gender analysis use cases: girls and boys side by side, overall and per unit, as JSON, CSV, text.

The numbers come from :func:`audit_app.domain.gender_analysis.gender_analysis` over the tables
by gender (and the two-way table unit x gender for ``within``). JSON is raw; CSV, text and the
XLSX sheet print through the audit's small-cell mask: a hidden count hides its share and the
difference (".."), and the questions are ordered by their largest *shown* difference, so the
order gives nothing hidden away.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from audit_app.domain.diagnostics import InputRejected
from audit_app.domain.gender_analysis import TOTAL, GenderAnalysisError, gender_analysis
from audit_app.domain.suppression import SECONDARY_MARK
from audit_app.domain.table_masks import TablesMask
from audit_app.services.blinding import check_unblinded
from audit_app.services.context import AppContext
from audit_app.services.table_views import GENDER_FIELD, Progress, TableViews, load_views, view_name

BLINDED_WHAT = "the gender analysis"  # what waits while a colleague review is blinded

DIFF_LABEL = "Skillnad (procentenheter)"


@dataclass(frozen=True)
class PrintedRow:
    """One option as printed: per part (count a, share a, count b, share b, difference)."""

    label: str
    cells: dict[str, tuple[int | str, float | None, int | str, float | None, float | str | None]]


@dataclass(frozen=True)
class PrintedQuestion:
    """One question as printed: answered per part and group, its rows, the largest shown difference."""

    id: str
    text: str
    answered: dict[str, tuple[int | str, int | str]]
    rows: list[PrintedRow]
    largest: float | None


def gender_views(gender: str, within: str | None) -> list[tuple[str | None, str | None]]:
    """The views a gender analysis reads."""
    return [(gender, None)] + ([(within, gender)] if within else [])


def analysis_from_views(views: TableViews, gender: str = GENDER_FIELD,
                        within: str | None = None) -> dict[str, Any]:
    """The raw analysis from counted views."""
    try:
        return gender_analysis(views.get(gender), views.get(within, gender) if within else None)
    except GenderAnalysisError as exc:
        raise InputRejected(exc.message) from None


def audit_gender_analysis(ctx: AppContext, audit_ref: str, within: str | None = None,
                          gender: str = GENDER_FIELD) -> dict[str, Any]:
    """The raw gender analysis (``gender AUDIT --format json``), optionally per ``within`` column."""
    check_unblinded(ctx, audit_ref, BLINDED_WHAT)
    views = load_views(ctx, audit_ref, gender_views(gender, within), limit=None)
    return analysis_from_views(views, gender, within)


def printed_analysis(analysis: dict[str, Any], mask: TablesMask,
                     gender: str = GENDER_FIELD) -> list[PrintedQuestion]:
    """Every question as printed through ``mask``, largest shown difference first."""
    a, b = (g["code"] for g in analysis["groups"])
    within = analysis.get("within")
    out = []
    for q in analysis["questions"]:
        qid = q["id"]
        answered: dict[str, tuple[int | str, int | str]] = {}
        for part in analysis["parts"]:
            view = view_name(gender) if part["code"] == TOTAL else view_name(within, gender)
            answered[part["code"]] = tuple(  # type: ignore[assignment]
                mask.mark(view, qid, "answered", part["columns"][g]) or q["answered"][part["code"]][g]
                for g in (a, b))
        rows = []
        for row in q["rows"]:
            cells = {}
            for part in analysis["parts"]:
                code = part["code"]
                view = view_name(gender) if code == TOTAL else view_name(within, gender)
                printed: list[Any] = []
                for g in (a, b):
                    col = part["columns"][g]
                    printed.append(mask.option_mark(view, qid, row["code"], col) or row["counts"][code][g])
                    printed.append(None if mask.share_hidden(view, qid, row["code"], col)
                                   else row["percent"][code][g])
                hidden = any(isinstance(p, str) for p in printed) or any(
                    isinstance(x, str) for x in answered[code])
                diff = row["difference"][code]
                printed.append(SECONDARY_MARK if hidden and diff is not None else
                               (None if hidden else diff))
                cells[code] = tuple(printed)
            rows.append(PrintedRow(row["label"], cells))
        shown = [abs(d) for r in rows if isinstance(d := r.cells[TOTAL][4], float)]
        out.append(PrintedQuestion(qid, q["text"], answered, rows, max(shown) if shown else None))
    out.sort(key=lambda p: (1, 0.0) if p.largest is None else (0, -p.largest))
    return out


def fmt_share(value: float | None) -> str:
    """A share with one decimal, or empty."""
    return "" if value is None else f"{value:.1f}"


def fmt_diff(value: float | str | None) -> str:
    """A difference in points with sign and one decimal, ".." when hidden, or empty."""
    if isinstance(value, str):
        return value
    return "" if value is None else f"{value:+.1f}"


def gender_csv(analysis: dict[str, Any], mask: TablesMask, gender: str = GENDER_FIELD) -> str:
    """The analysis as CSV: a block per question, a column group per part (Totalt, units)."""
    (ga, gb) = (g["label"] for g in analysis["groups"])
    parts = analysis["parts"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["Granskning", analysis["audit"].get("name", "")])
    writer.writerow(["Jämställdhetsanalys", f"{ga} jämfört med {gb}",
                     f"skillnad = {ga} − {gb} i procentenheter"])
    if mask.limit is not None:
        writer.writerow(["Små tal", f"1–{mask.limit - 1} visas som <{mask.limit}; .. = dolt"])
    head = ["Svar"]
    for part in parts:
        head += [f"{part['label']}: {ga}", f"{ga} %", f"{part['label']}: {gb}", f"{gb} %",
                 f"{part['label']}: {DIFF_LABEL}"]
    for q in printed_analysis(analysis, mask, gender):
        writer.writerow([])
        writer.writerow([q.id, q.text, "Största skillnad", fmt_diff(q.largest)])
        writer.writerow(head)
        for row in q.rows:
            cells: list[Any] = [row.label]
            for part in parts:
                na, pa, nb, pb, diff = row.cells[part["code"]]
                cells += [na, fmt_share(pa), nb, fmt_share(pb), fmt_diff(diff)]
            writer.writerow(cells)
        answered: list[Any] = ["Besvarade"]
        for part in parts:
            na, nb = q.answered[part["code"]]
            answered += [na, "", nb, "", ""]
        writer.writerow(answered)
    return buffer.getvalue()


def gender_text(analysis: dict[str, Any], mask: TablesMask, gender: str = GENDER_FIELD) -> str:
    """The analysis for a terminal: per question and option, shares and the difference per part."""
    (ga, gb) = (g["label"] for g in analysis["groups"])
    lines = [f"{analysis['audit'].get('name', '')} – jämställdhetsanalys ({ga} − {gb}, procentenheter)"]
    for q in printed_analysis(analysis, mask, gender):
        lines += ["", f"{q.id}: {q.text}"]
        for row in q.rows:
            for part in analysis["parts"]:
                na, pa, nb, pb, diff = row.cells[part["code"]]
                share_a = "–" if pa is None else f"{pa:.0f} %"
                share_b = "–" if pb is None else f"{pb:.0f} %"
                lines.append(f"  {row.label[:34]:35}{part['label'][:20]:21}{ga} {na!s:>4} {share_a:>6}"
                             f"   {gb} {nb!s:>4} {share_b:>6}   {fmt_diff(diff) or '–':>7}")
    return "\n".join(lines) + "\n"


def load_gender(ctx: AppContext, audit_ref: str, within: str | None = None,
                progress: Progress | None = None) -> tuple[dict[str, Any], TableViews]:
    """The raw analysis and the masked views it was made from (refused while blinded)."""
    check_unblinded(ctx, audit_ref, BLINDED_WHAT)
    views = load_views(ctx, audit_ref, gender_views(GENDER_FIELD, within), progress=progress)
    return analysis_from_views(views, GENDER_FIELD, within), views


def write_gender_xlsx(ctx: AppContext, audit_ref: str, out: Path, within: str | None = None,
                      progress: Progress | None = None) -> Path:
    """The gender analysis alone as a formatted workbook (sheet "Jämställdhet")."""
    from audit_app.services.table_files import new_book, save_book
    from audit_app.services.table_sheets import gender_sheet

    analysis, views = load_gender(ctx, audit_ref, within, progress)
    book = new_book()
    gender_sheet(book, analysis, printed_analysis(analysis, views.mask), views.mask)
    save_book(book, out)
    return out
