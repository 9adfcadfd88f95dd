"""Summary tables by a breakdown (DESIGN sections 6 and 7): one counting definition for every view."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from audit_app.domain.final_answers import CaseAnswers, CaseRecord, CaseResolver, Status
from audit_app.domain.template import Template

NONE_COLUMN = "_none"
NONE_LABEL = "Uppgift saknas"
TOTAL = "total"

#: Items that may serve as a breakdown: choice case fields, derived fields and choice questions.
BREAKDOWN_KINDS = frozenset({"choice"})


class BreakdownError(Exception):
    """The requested breakdown is not a choice or derived case field or a choice question."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Column:
    """One column of a breakdown."""

    code: str
    label: str


def breakdown_columns(template: Template, by: str) -> list[Column]:
    """The columns of a breakdown in option order (without the 'no value' column)."""
    case_field = template.field(by)
    if case_field is not None:
        if case_field.kind != "choice":
            raise BreakdownError(
                f"'{by}' is a {case_field.kind} field; break down by a choice or derived field"
            )
        return [Column(o.code, o.label) for o in case_field.choices]
    question = template.question(by)
    if question is not None:
        if question.type != "choice":
            raise BreakdownError(
                f"'{by}' is a {question.type} question; only choice questions can be a breakdown"
            )
        return [Column(o.code, o.label) for o in question.options or []]
    raise BreakdownError(f"'{by}' is neither a case field nor a question of the template")


def breakdown_candidates(template: Template) -> list[tuple[str, str]]:
    """Every item that may serve as a breakdown, as (id, label): stratifying fields first."""
    fields = [f for f in template.case_fields if f.kind == "choice"]
    fields.sort(key=lambda f: not f.stratify)
    items = [(f.id, f.label) for f in fields]
    items += [(q.id, q.text) for q in template.questions if q.type == "choice"]
    return items


def _zero(keys: Iterable[str]) -> dict[str, int]:
    return {k: 0 for k in keys}


def _stats(values: list[float]) -> dict[str, float | int | None]:
    if not values:
        return {"n": 0, "mean": None, "median": None, "min": None, "max": None}
    return {
        "n": len(values),
        "mean": statistics.fmean(values),
        "median": float(statistics.median(values)),
        "min": float(min(values)),
        "max": float(max(values)),
    }


def build_tables(
    template: Template,
    cases: list[CaseRecord],
    answers: Mapping[str, CaseAnswers],
    *,
    by: str | None = None,
    audit_id: str | None = None,
    audit_name: str = "",
) -> dict[str, Any]:
    """Count every question of the template over the included cases, by a breakdown."""
    columns = breakdown_columns(template, by) if by else []
    included = [c for c in cases if c.included]
    resolvers = [(c, CaseResolver(template, c, answers.get(c.label, CaseAnswers()))) for c in included]

    column_of: list[str | None] = []
    known = {col.code for col in columns}
    for _case, resolver in resolvers:
        if by is None:
            column_of.append(None)
            continue
        raw = resolver.value(by)
        column_of.append(raw if isinstance(raw, str) and raw in known else NONE_COLUMN)
    has_none = NONE_COLUMN in column_of
    keys = [col.code for col in columns] + ([NONE_COLUMN] if has_none else [])
    all_keys = [*keys, TOTAL]

    case_counts = _zero(all_keys)
    for col in column_of:
        if col is not None:
            case_counts[col] += 1
        case_counts[TOTAL] += 1

    out_columns = [{"code": c.code, "label": c.label} for c in columns]
    if has_none:
        out_columns.append({"code": NONE_COLUMN, "label": NONE_LABEL})

    not_applicable, answered = Status.NOT_APPLICABLE, Status.ANSWERED
    status_key = {s: s.value for s in Status}
    questions_out: list[dict[str, Any]] = []
    for question in template.questions:
        tally = {s: _zero(all_keys) for s in ("applicable", "answered", "unresolved", "missing")}
        options = question.options or []
        rows = {o.code: _zero(all_keys) for o in options} if question.type in ("choice", "multi") else {}
        numbers: dict[str, list[float]] = {k: [] for k in all_keys}
        for (_case, resolver), col in zip(resolvers, column_of, strict=True):
            status = resolver.status_of(question)
            if status is not_applicable:
                continue
            targets = (TOTAL,) if col is None else (col, TOTAL)
            by_status = tally[status_key[status]]
            for key in targets:
                tally["applicable"][key] += 1
                by_status[key] += 1
            if status is not answered:
                continue
            value = resolver.final_value(question.id)
            chosen: Iterable[str] = ()
            if question.type == "choice" and isinstance(value, str):
                chosen = (value,)
            elif question.type == "multi" and isinstance(value, frozenset):
                chosen = value
            elif question.type == "number" and isinstance(value, float | int):
                for key in targets:
                    numbers[key].append(float(value))
            for code in chosen:
                if code in rows:
                    for key in targets:
                        rows[code][key] += 1
        questions_out.append(
            {
                "id": question.id,
                "type": question.type,
                "text": question.text,
                "section": template.section_of(question.id).id,
                "quality_area": template.quality_area_of(question),
                **tally,
                "rows": [
                    {"code": o.code, "label": o.label, "kind": o.kind, "counts": rows[o.code]}
                    for o in options
                ]
                if rows
                else [],
                "stats": {k: _stats(numbers[k]) for k in all_keys}
                if question.type == "number"
                else None,
            }
        )

    return {
        "audit": {"id": audit_id, "name": audit_name},
        "template": {"id": template.id, "version": template.version},
        "by": by,
        "columns": out_columns,
        "cases": case_counts,
        "excluded": sum(1 for c in cases if not c.included),
        "questions": questions_out,
    }
