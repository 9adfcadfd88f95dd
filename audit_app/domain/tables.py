"""Summary tables by a breakdown (DESIGN sections 6 and 7): one counting definition for every view."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from audit_app.domain.final_answers import CaseAnswers, CaseRecord, CaseResolver, Status, resolve
from audit_app.domain.template import Question, Template

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


class Resolutions(dict[str, CaseResolver]):
    """Each case's resolver by case label, and each question's outcome by case label.

    Passed as ``shared`` to every view of one read: a case is resolved once, and a question's
    outcomes are looked up once for all the views.
    """

    def __init__(self) -> None:
        super().__init__()
        #: Question id -> case label -> the case's outcome (see ``_outcomes``).
        self.outcomes: dict[str, dict[str, object]] = {}


#: The outcome of a case for a question without a final answer (an answered case's is its value).
_NOT_APPLICABLE, _UNRESOLVED, _MISSING = object(), object(), object()
_OUTCOME_OF = {Status.NOT_APPLICABLE: _NOT_APPLICABLE, Status.UNRESOLVED: _UNRESOLVED,
               Status.MISSING: _MISSING}


def _outcomes(question: Question, resolvers: list[CaseResolver], labels: list[str],
              known: dict[str, object]) -> list[object]:
    """Each case's outcome for a question, in case order: its final answer or a status marker.

    A question without a condition applies to every included case: its final answer is
    resolved straight from the case's answers (``resolve``, the resolver's own rule).
    """
    row = [known.get(label) for label in labels]
    if None not in row:
        return row
    qid, unconditional = question.id, question.condition is None
    for i, outcome in enumerate(row):
        if outcome is not None:
            continue
        resolver = resolvers[i]
        if unconditional and resolver.included:
            answers = resolver.answers
            status, final = resolve(question, answers.consensus, answers.by_reviewer)
        else:
            status = resolver.status_of(question)
            final = resolver.final_value(qid)
        outcome = final if status is Status.ANSWERED else _OUTCOME_OF[status]
        row[i] = known[labels[i]] = outcome
    return row


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
    shared: dict[str, CaseResolver] | None = None,
) -> dict[str, Any]:
    """Count every question of the template over the included cases, by a breakdown.

    ``shared`` keeps each case's resolver by case label between calls over the same cases and
    answers, so a further breakdown reuses every status and final answer already resolved.
    """
    columns = breakdown_columns(template, by) if by else []
    included = [c for c in cases if c.included]
    cache: dict[str, CaseResolver] = {} if shared is None else shared
    resolvers = []
    for c in included:
        resolver = cache.get(c.label)
        if resolver is None:
            resolver = cache[c.label] = CaseResolver(template, c, answers.get(c.label, CaseAnswers()))
        resolvers.append((c, resolver))

    known = {col.code for col in columns}
    column_of: list[str] = []
    for _case, resolver in resolvers:
        if by is None:
            column_of.append(TOTAL)
            continue
        raw = resolver.value(by)
        column_of.append(raw if isinstance(raw, str) and raw in known else NONE_COLUMN)
    has_none = NONE_COLUMN in column_of
    keys = [col.code for col in columns] + ([NONE_COLUMN] if has_none else [])
    # Counting goes into flat lists indexed by column; the total is the sum of the columns
    # (without a breakdown there is one column, the total itself).
    count_keys = keys if by is not None else [TOTAL]
    index_of = {k: i for i, k in enumerate(count_keys)}
    case_column = [index_of[c] for c in column_of]
    width = len(count_keys)

    def spread(values: list[int]) -> dict[str, int]:
        out = dict(zip(count_keys, values, strict=True))
        if by is not None:
            out[TOTAL] = sum(values)
        return out

    per_column_cases = [0] * width
    for i in case_column:
        per_column_cases[i] += 1
    case_counts = spread(per_column_cases)

    out_columns = [{"code": c.code, "label": c.label} for c in columns]
    if has_none:
        out_columns.append({"code": NONE_COLUMN, "label": NONE_LABEL})

    outcome_cache = shared.outcomes if isinstance(shared, Resolutions) else {}
    labels = [case.label for case, _resolver in resolvers]
    resolver_list = [resolver for _case, resolver in resolvers]
    questions_out: list[dict[str, Any]] = []
    for question in template.questions:
        qid, qtype = question.id, question.type
        options = question.options or []
        option_slot = {o.code: j for j, o in enumerate(options)}
        n_options = len(options)
        status_counts = [0] * (3 * width)
        option_counts = [0] * (n_options * width)
        numbers: list[list[float]] = [[] for _ in range(width)]
        row = _outcomes(question, resolver_list, labels, outcome_cache.setdefault(qid, {}))
        # Cases with the same column and outcome are counted at once (a C-level count).
        for (col, outcome), n in Counter(zip(case_column, row, strict=True)).items():
            if outcome is _NOT_APPLICABLE:
                continue
            if outcome is _UNRESOLVED or outcome is _MISSING:
                status_counts[(1 if outcome is _UNRESOLVED else 2) * width + col] += n
                continue
            status_counts[col] += n
            if qtype == "choice":
                slot = option_slot.get(outcome)  # type: ignore[call-overload]
                if slot is not None:
                    option_counts[slot * width + col] += n
            elif qtype == "multi" and isinstance(outcome, frozenset):
                for code in outcome:
                    slot = option_slot.get(code)
                    if slot is not None:
                        option_counts[slot * width + col] += n
            elif qtype == "number" and isinstance(outcome, float | int):
                numbers[col].extend([float(outcome)] * n)
        by_status = [status_counts[k * width:(k + 1) * width] for k in range(3)]
        applicable = [sum(parts) for parts in zip(*by_status, strict=True)]
        stats = None
        if qtype == "number":
            stats = {k: _stats(numbers[i]) for i, k in enumerate(count_keys)}
            if by is not None:
                stats[TOTAL] = _stats([v for column in numbers for v in column])
        questions_out.append(
            {
                "id": qid,
                "type": qtype,
                "text": question.text,
                "section": template.section_of(qid).id,
                "quality_area": template.quality_area_of(question),
                "applicable": spread(applicable),
                "answered": spread(by_status[0]),
                "unresolved": spread(by_status[1]),
                "missing": spread(by_status[2]),
                "rows": [
                    {"code": o.code, "label": o.label, "kind": o.kind,
                     "counts": spread(option_counts[j * width:(j + 1) * width])}
                    for j, o in enumerate(options)
                ]
                if qtype in ("choice", "multi")
                else [],
                "stats": stats,
            }
        )

    return {
        "audit": {"id": audit_id, "name": audit_name},
        "template": {"id": template.id, "version": template.version},
        "by": by,
        "columns": out_columns,
        "cases": case_counts,
        "excluded": len(cases) - len(included),
        "questions": questions_out,
    }
