"""Raw-data export: one row per case with final answers, every reviewer answer and the change log."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from audit_app.domain.diagnostics import InputRejected
from audit_app.domain.final_answers import CaseResolver
from audit_app.domain.values import encode_value
from audit_app.services.audits import load_records, open_audit
from audit_app.services.context import AppContext


def raw_data(ctx: AppContext, audit_ref: str) -> dict[str, Any]:
    """Everything an analyst needs outside the program, as plain data."""
    with ctx.db.unit_of_work() as repo:
        audit = open_audit(repo, audit_ref)
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


def export_raw(ctx: AppContext, audit_ref: str, out: Path) -> Path:
    """Write the raw data as CSV (cases with final answers), XLSX (three sheets) or JSON."""
    suffix = out.suffix.lower()
    if suffix not in {".csv", ".xlsx", ".json"}:
        raise InputRejected(f"{out}: the export file must end in .csv, .xlsx or .json")
    data = raw_data(ctx, audit_ref)
    if suffix == ".json":
        out.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    elif suffix == ".csv":
        _write_csv(out, data["cases"])
    else:
        _write_xlsx(out, data)
    return out


def _write_csv(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        if not rows:
            handle.write("case\n")
            return
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def _write_xlsx(path: Path, data: dict[str, Any]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for title, rows in (("Ärenden", data["cases"]), ("Svar per granskare", data["answers"]),
                        ("Ändringslogg", data["changes"])):
        sheet = book.create_sheet(title)
        if rows:
            sheet.append(list(rows[0]))
            for cell in sheet[1]:
                cell.font = Font(bold=True)
            for row in rows:
                sheet.append(list(row.values()))
        sheet.freeze_panes = "B2"
    book.save(path)
