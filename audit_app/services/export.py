"""Exports: the tables (CSV, XLSX workbook) and the raw data (cases, reviewer answers, change log).

Table exports print through the audit's small-cell limit (never the JSON, never the stored
data); the workbook holds "Totalt", a sheet per standard breakdown, the gender analysis, the
genomlysning when there is one, and the codebook. Long exports report ``progress(done, total)``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from audit_app.domain.diagnostics import InputRejected
from audit_app.domain.final_answers import CaseResolver
from audit_app.domain.values import encode_value
from audit_app.services.audits import load_records, open_audit
from audit_app.services.blinding import check_unblinded, require_unblinded
from audit_app.services.context import AppContext


def raw_data(ctx: AppContext, audit_ref: str) -> dict[str, Any]:
    """Everything an analyst needs outside the program, as plain data.

    Refused (``Blinded``) while a colleague review is in its review phase: it holds every
    reviewer's answers and the change log.
    """
    with ctx.db.unit_of_work() as repo:
        audit = open_audit(repo, audit_ref)
        require_unblinded(repo, audit.row, "the export of the reviewers' answers")
        cases, answers = load_records(repo, audit)
        label_of = {c.id: c.label for c in repo.cases(audit.id)}
        reviewer_rows = [
            {"case": label_of[a.case_id], "question": a.question_id, "reviewer": a.reviewer,
             "value": a.value, "comment": a.comment or "", "updated_at": a.updated_at.isoformat()}
            for a in repo.answers(audit.id)
        ]
        changes = [
            {"at": c.at.isoformat(), "actor": c.actor, "case": c.case_label or "",
             "question": c.question_id or "", "reviewer": c.reviewer or "", "action": c.action,
             "old_value": c.old_value or "", "new_value": c.new_value or "",
             "reason": c.reason or ""}
            for c in repo.changes(audit.id)
        ]
    template = audit.template
    case_rows = []
    for case in cases:
        resolver = CaseResolver(template, case, answers[case.label])
        row: dict[str, Any] = {"case": case.label, "excluded_reason": case.excluded_reason or ""}
        for f in template.case_fields:
            value = resolver.value(f.id)
            row[f.id] = "" if value is None else encode_value(f.kind, value)
        for q in template.questions:
            final = resolver.final(q.id)
            row[q.id] = "" if final is None else encode_value(q.type, final, q.options or [])
            row[f"{q.id}__status"] = resolver.status(q.id).value
        case_rows.append(row)
    return {
        "audit": {"id": audit.id, "name": audit.name,
                  "template": {"id": template.id, "version": template.version,
                               "sha256": audit.row.template_sha256}},
        "cases": case_rows,
        "answers": reviewer_rows,
        "changes": changes,
    }


def export_raw(ctx: AppContext, audit_ref: str, out: Path,
               progress: Callable[[int, int], None] | None = None) -> Path:
    """Write the raw data as CSV (cases with final answers), XLSX (three sheets) or JSON.

    ``progress(done, total)`` is called after reading and after writing each part.
    """
    suffix = out.suffix.lower()
    if suffix not in {".csv", ".xlsx", ".json"}:
        raise InputRejected(f"{out}: the export file must end in .csv, .xlsx or .json")
    total = 5 if suffix == ".xlsx" else 2
    data = raw_data(ctx, audit_ref)
    if progress is not None:
        progress(1, total)
    if suffix == ".json":
        out.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    elif suffix == ".csv":
        _write_csv(out, data["cases"])
    else:
        _write_xlsx(out, data, progress)
    if progress is not None:
        progress(total, total)
    return out


def _write_csv(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        if not rows:
            handle.write("case\n")
            return
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def _write_xlsx(path: Path, data: dict[str, Any], progress: Callable[[int, int], None] | None = None) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for done, (title, rows) in enumerate((("Ärenden", data["cases"]), ("Svar per granskare", data["answers"]),
                                          ("Ändringslogg", data["changes"])), 2):
        sheet = book.create_sheet(title)
        if rows:
            sheet.append(list(rows[0]))
            for cell in sheet[1]:
                cell.font = Font(bold=True)
            for row in rows:
                sheet.append(list(row.values()))
        sheet.freeze_panes = "B2"
        if progress is not None:
            progress(done, 5)
    book.save(path)


# --- tables --------------------------------------------------------------------------------------

Progress = Callable[[int, int], None]
TABLES = "the export of the tables"


def render_tables(ctx: AppContext, audit_ref: str, by: str | None = None, by2: str | None = None,
                  fmt: str = "json") -> str:
    """The tables of one breakdown as text: ``json`` (raw, DESIGN 7), ``csv`` or ``text`` (masked).

    Every table export is refused (``Blinded``) while a colleague review is in its review phase.
    """
    from audit_app.services.table_files import tables_csv
    from audit_app.services.table_layout import render_text
    from audit_app.services.table_views import load_views, view_name

    check_unblinded(ctx, audit_ref, TABLES)
    if fmt == "json":
        views = load_views(ctx, audit_ref, [(by, by2)], limit=None)
        return json.dumps(views.get(by, by2), ensure_ascii=False, indent=1) + "\n"
    views = load_views(ctx, audit_ref, [(by, by2)])
    name = view_name(by, by2)
    if fmt == "csv":
        return tables_csv(views.views[name], views.mask, name)
    if fmt == "text":
        return render_text(views.views[name], views.mask, name)
    raise InputRejected(f"unknown format '{fmt}'")


def _label(template: Any, item: str | None) -> str:
    if item is None:
        return "Totalt"
    found = template.field(item) or template.question(item)
    return str(getattr(found, "label", None) or getattr(found, "text", None) or item)


def export_tables(ctx: AppContext, audit_ref: str, out: Path, *, by: str | None = None,
                  by2: str | None = None, fmt: str | None = None,
                  progress: Progress | None = None) -> Path:
    """Write the tables to ``out`` (.csv or .xlsx), through the audit's small-cell limit.

    An .xlsx without ``by`` is the whole workbook (:func:`export_workbook`); with ``by`` it holds
    that breakdown ("Tabeller") and the codebook. A .csv holds one breakdown.
    """
    from audit_app.services.table_files import tables_csv, write_tables_xlsx
    from audit_app.services.table_views import load_views, view_name

    suffix = f".{fmt}" if fmt else out.suffix.lower()
    if suffix not in {".csv", ".xlsx"}:
        raise InputRejected(f"{out}: the tables file must end in .csv or .xlsx")
    if suffix == ".xlsx" and by is None and by2 is None:
        return export_workbook(ctx, audit_ref, out, progress=progress)
    check_unblinded(ctx, audit_ref, TABLES)
    views = load_views(ctx, audit_ref, [(by, by2)], progress=progress, steps_after=1)
    name = view_name(by, by2)
    if suffix == ".csv":
        out.write_text(tables_csv(views.views[name], views.mask, name), encoding="utf-8-sig")
    else:
        label = _label(views.template, by) + (f" × {_label(views.template, by2)}" if by2 else "")
        write_tables_xlsx(views.views[name], out, views.mask, name, label)
    if progress is not None:
        progress(len(views.views) + 2, len(views.views) + 2)
    return out


def export_workbook(ctx: AppContext, audit_ref: str, out: Path, *,
                    progress: Progress | None = None) -> Path:
    """The whole XLSX workbook: every standard breakdown, gender analysis, genomlysning, codebook."""
    from audit_app.services.gender import analysis_from_views, printed_analysis
    from audit_app.services.genomlysning import genomlysning_cells, genomlysning_data, unit_field
    from audit_app.services.table_files import write_workbook
    from audit_app.services.table_views import (
        gender_within,
        load_views,
        protected_set,
        standard_breakdowns,
        view_name,
    )

    with ctx.db.unit_of_work() as repo:
        audit = open_audit(repo, audit_ref)
        require_unblinded(repo, audit.row, TABLES)
        template = audit.template
    wanted = protected_set(template)
    pair = gender_within(template)
    lysning = genomlysning_data(ctx, audit_ref) if unit_field(template) is not None else None
    has_lysning = lysning is not None and bool(lysning[0]["rows"])
    breakdowns = standard_breakdowns(template)
    sheet_steps = len(breakdowns) + 1 + (pair is not None) + has_lysning + 2
    views = load_views(ctx, audit_ref, wanted, progress=progress, steps_after=sheet_steps)
    sheets = [("Totalt", "hela urvalet", view_name(None), views.get(None))]
    sheets += [(_label(template, b), _label(template, b), view_name(b), views.get(b))
               for b in breakdowns]
    gender = None
    if pair is not None:
        analysis = analysis_from_views(views, pair[1], pair[0])
        gender = (analysis, printed_analysis(analysis, views.mask, pair[1]))
    genomlysning = None
    if lysning is not None and has_lysning:
        genomlysning = (lysning[0], genomlysning_cells(lysning[0], views.limit), views.limit)
    done = len(views.views) + 1
    write_workbook(out, sheets, views.mask, gender=gender, genomlysning=genomlysning,
                   progress=progress, done_before=done, total=done + sheet_steps)
    return out
