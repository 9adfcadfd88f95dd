"""Genomlysning use cases (002): enter, import, clear and show each unit's active cases and plans.

The unit is a code or label of the audit's unit field: the case field ``unit`` when the template
has one as a choice, else its first stratifying choice field other than ``gender``. Every change
is logged in ``change_log`` (``genomlysning-set``, ``-changed``, ``-cleared``; the figures as JSON).
The CSV and text forms apply the audit's small-cell limit; the JSON never does.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from audit_app.domain.diagnostics import InputRejected
from audit_app.domain.genomlysning import (
    ACTIVE,
    TOTAL,
    WITH_PLAN,
    Entry,
    check_entry,
    genomlysning_table,
    mask_genomlysning,
    match_unit,
    parse_count,
    parse_genomlysning_csv,
)
from audit_app.domain.suppression import Masked
from audit_app.domain.template import CaseField, Template
from audit_app.domain.values import ValueError_
from audit_app.services.audit_settings import small_cell_limit
from audit_app.services.audits import OpenedAudit, open_audit
from audit_app.services.context import AppContext
from audit_app.services.imports import ImportResult, read_input_file
from audit_app.storage.repository import Repository

UNIT_FIELD = "unit"
GENDER_FIELD = "gender"
HEADINGS = ("Enhet", "Aktiva ärenden", "Med genomförandeplan", "Utan genomförandeplan",
            "Andel med plan")


def unit_field(template: Template) -> CaseField | None:
    """The case field whose options are the audit's units, or None."""
    named = template.field(UNIT_FIELD)
    if named is not None and named.kind == "choice" and not named.is_derived:
        return named
    for f in template.case_fields:
        if f.stratify and f.kind == "choice" and not f.is_derived and f.id != GENDER_FIELD:
            return f
    return None


def _units(audit: OpenedAudit) -> CaseField:
    found = unit_field(audit.template)
    if found is None:
        raise InputRejected(f"the template of '{audit.name}' has no unit field (a choice case field "
                            "'unit' or a stratifying one) to count a genomlysning by")
    return found


def _stored(repo: Repository, audit_id: str) -> dict[str, Entry]:
    return {r.unit: Entry(r.unit, r.active_cases, r.with_plan) for r in repo.genomlysning(audit_id)}


def set_genomlysning(ctx: AppContext, audit_ref: str, unit: str, active_cases: str | int,
                     with_plan: str | int) -> Entry:
    """Enter one unit's figures (unit as code or label); returns them as stored."""
    with ctx.db.unit_of_work() as repo:
        audit = open_audit(repo, audit_ref)
        field = _units(audit)
        try:
            entry = check_entry(match_unit(unit, field.choices), parse_count(active_cases, ACTIVE),
                                parse_count(with_plan, WITH_PLAN))
        except ValueError_ as exc:
            raise InputRejected(f"{exc.message} [{exc.code}]") from None
        repo.put_genomlysning(audit.id, entry.unit, entry.active_cases, entry.with_plan, ctx.actor)
    return entry


def clear_genomlysning(ctx: AppContext, audit_ref: str, unit: str) -> bool:
    """Remove one unit's figures; returns whether there were any."""
    with ctx.db.unit_of_work() as repo:
        audit = open_audit(repo, audit_ref)
        try:
            code = match_unit(unit, _units(audit).choices)
        except ValueError_ as exc:
            raise InputRejected(f"{exc.message} [{exc.code}]") from None
        return repo.delete_genomlysning(audit.id, code, ctx.actor)


def import_genomlysning(ctx: AppContext, audit_ref: str, path: str | Path) -> ImportResult:
    """Import ``unit,active_cases,with_plan`` rows, all or nothing; units not in the file stay."""
    data = read_input_file(path)
    with ctx.db.unit_of_work() as repo:
        audit = open_audit(repo, audit_ref)
        rows = parse_genomlysning_csv(data, str(path), _units(audit).choices)
        before = _stored(repo, audit.id)
        created = updated = unchanged = 0
        for _line, entry in rows:
            changed = repo.put_genomlysning(audit.id, entry.unit, entry.active_cases,
                                            entry.with_plan, ctx.actor, reason=f"import {Path(path).name}")
            if not changed:
                unchanged += 1
            elif entry.unit in before:
                updated += 1
            else:
                created += 1
    return ImportResult(created, updated, unchanged)


def genomlysning_data(ctx: AppContext, audit_ref: str) -> tuple[dict[str, Any], int | None]:
    """The table JSON and the audit's small-cell limit."""
    with ctx.db.unit_of_work() as repo:
        audit = open_audit(repo, audit_ref)
        field = _units(audit)
        entries = _stored(repo, audit.id)
    table = genomlysning_table(entries, field.choices, unit_field={"id": field.id, "label": field.label},
                               audit={"id": audit.id, "name": audit.name})
    return table, small_cell_limit(audit)


def audit_genomlysning(ctx: AppContext, audit_ref: str) -> dict[str, Any]:
    """The genomlysning table of an audit (``show --format json``; raw, never suppressed)."""
    return genomlysning_data(ctx, audit_ref)[0]


def genomlysning_cells(table: dict[str, Any], limit: int | None) -> list[list[str | int | float | None]]:
    """The table as printed: a row per unit and a total; hidden counts as "<N"/"..", shares None.

    Each row: unit label, active cases, with plan, without plan, share with plan (percent).
    """
    masked: Masked = mask_genomlysning(table, limit)
    out: list[list[str | int | float | None]] = []
    for row in [*table["rows"], {"code": TOTAL, "label": "Totalt", **table["total"]}]:
        cells: list[str | int | float | None] = [row["label"]]
        hidden = False
        for column in (ACTIVE, WITH_PLAN, "without_plan"):
            key = (column, row["code"])
            hidden |= masked.hidden(key)
            cells.append(masked.text(key) if masked.hidden(key) else int(row[column]))
        cells.append(None if hidden else row["percent"])
        out.append(cells)
    return out


def genomlysning_csv(table: dict[str, Any], limit: int | None) -> str:
    """The table as CSV text (shares in percent with one decimal)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["Granskning", table["audit"]["name"]])
    writer.writerow(["Genomlysning av genomförandeplaner per enhet"])
    writer.writerow([table["unit_field"]["label"], *HEADINGS[1:]])
    for cells in genomlysning_cells(table, limit):
        share = cells[4]
        writer.writerow([*cells[:4], "" if share is None else f"{float(share):.1f}"])
    return buffer.getvalue()


def genomlysning_text(table: dict[str, Any], limit: int | None) -> str:
    """The table for a terminal."""
    label = table["unit_field"]["label"]
    lines = [f"{table['audit']['name']} – genomlysning av genomförandeplaner", "",
             f"  {label:30}{'Aktiva':>10}{'Med plan':>10}{'Utan plan':>11}{'Andel':>9}"]
    if not table["rows"]:
        return "\n".join([*lines[:2], "  Ingen genomlysning är registrerad.", ""])
    for cells in genomlysning_cells(table, limit):
        share = cells[4]
        pct = "–" if share is None else f"{float(share):.0f} %"
        lines.append(f"  {str(cells[0])[:29]:30}{cells[1]!s:>10}{cells[2]!s:>10}{cells[3]!s:>11}{pct:>9}")
    return "\n".join(lines) + "\n"
