"""Tables by two breakdowns at once (for example district x gender), counted by ``build_tables``.

The included cases are split by the first breakdown (``by``) exactly as ``build_tables`` assigns a
case to a column (the item's value when it is one of its options, else "Uppgift saknas"); each
part is then counted by the second breakdown (``by2``) with ``build_tables`` itself, so the
counting rules of DESIGN section 6 stay in one place. The parts are laid side by side as one table
in the shape of DESIGN section 7, with extra keys:

- ``"by_columns"`` and ``"by2_columns"``: the columns of each breakdown alone (option order, then
  ``_none`` when some case has no value for it), and ``"by2"``: the second breakdown's id;
- every column is ``{"code": "<by code>.<by2 code>", "label": "<by label> – <by2 label>",
  "by": "<by code>", "by2": "<by2 code>"}``: every part has a column per option of ``by2`` (zeros
  included) and its ``_none`` column only when that part has such cases; a part for cases without a
  ``by`` value comes last, only when there are such cases;
- ``total`` is the count over every included case (the same as in ``build_tables``), and number
  questions' ``stats`` hold the statistics of each column and of all cases.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from audit_app.domain.final_answers import CaseAnswers, CaseRecord, CaseResolver
from audit_app.domain.tables import (
    NONE_COLUMN,
    NONE_LABEL,
    TOTAL,
    BreakdownError,
    breakdown_columns,
    build_tables,
)
from audit_app.domain.template import Template

COUNT_KEYS = ("applicable", "answered", "unresolved", "missing")


def column_code(by_code: str, by2_code: str) -> str:
    """The code of the column for cases with ``by_code`` in the first and ``by2_code`` in the second."""
    return f"{by_code}.{by2_code}"


def split_cases(
    template: Template, cases: list[CaseRecord], answers: Mapping[str, CaseAnswers], by: str,
    shared: dict[str, CaseResolver] | None = None,
) -> dict[str, list[CaseRecord]]:
    """The included cases by their column of ``by`` (option order, then ``_none`` if any).

    ``shared``: each case's resolver by label, kept between calls (see ``build_tables``).
    """
    columns = breakdown_columns(template, by)
    parts: dict[str, list[CaseRecord]] = {c.code: [] for c in columns}
    cache: dict[str, CaseResolver] = {} if shared is None else shared
    for case in cases:
        if not case.included:
            continue
        resolver = cache.get(case.label)
        if resolver is None:
            resolver = cache[case.label] = CaseResolver(template, case,
                                                        answers.get(case.label, CaseAnswers()))
        raw = resolver.value(by)
        key = raw if isinstance(raw, str) and raw in parts and raw != NONE_COLUMN else NONE_COLUMN
        parts.setdefault(key, []).append(case)
    return parts


def build_cross_tables(
    template: Template,
    cases: list[CaseRecord],
    answers: Mapping[str, CaseAnswers],
    *,
    by: str,
    by2: str,
    audit_id: str | None = None,
    audit_name: str = "",
    shared: dict[str, CaseResolver] | None = None,
) -> dict[str, Any]:
    """Count every question by ``by`` and, within each of its columns, by ``by2``.

    ``shared``: each case's resolver by label, kept between the views of one read (every part
    and the overall table resolve a case once).
    """
    shared = {} if shared is None else shared
    if by == by2:
        raise BreakdownError(f"'{by}' cannot be broken down by itself")
    outer = {c.code: c.label for c in breakdown_columns(template, by)}
    inner = breakdown_columns(template, by2)
    overall = build_tables(template, cases, answers, by=by2, audit_id=audit_id, audit_name=audit_name,
                           shared=shared)
    parts = split_cases(template, cases, answers, by, shared)
    part_tables = {
        code: build_tables(template, subset, answers, by=by2, shared=shared)
        for code, subset in parts.items()
    }

    columns: list[dict[str, str]] = []
    sources: list[tuple[str, str]] = []  # (part code, by2 column code) per column
    for part, tables in part_tables.items():
        part_label = outer.get(part, NONE_LABEL)
        inner_codes = [c.code for c in inner]
        if any(c["code"] == NONE_COLUMN for c in tables["columns"]):
            inner_codes.append(NONE_COLUMN)
        inner_label = {c["code"]: c["label"] for c in tables["columns"]}
        for code in inner_codes:
            columns.append({"code": column_code(part, code),
                            "label": f"{part_label} – {inner_label[code]}", "by": part, "by2": code})
            sources.append((part, code))

    def merge(values: list[Any], total: Any) -> dict[str, Any]:
        out = {column_code(part, code): v for (part, code), v in zip(sources, values, strict=True)}
        out[TOTAL] = total
        return out

    def pick(counts: Mapping[str, Any], code: str, default: Any = 0) -> Any:
        return counts.get(code, default)

    questions = []
    for index, q in enumerate(overall["questions"]):
        per_part = [part_tables[part]["questions"][index] for part, _ in sources]
        codes = [code for _, code in sources]
        merged = dict(q)
        for key in COUNT_KEYS:
            merged[key] = merge([pick(p[key], c) for p, c in zip(per_part, codes, strict=True)],
                                q[key][TOTAL])
        merged["rows"] = [
            {**r, "counts": merge([pick(p["rows"][j]["counts"], c)
                                   for p, c in zip(per_part, codes, strict=True)], r["counts"][TOTAL])}
            for j, r in enumerate(q["rows"])
        ]
        if q["stats"] is not None:
            merged["stats"] = merge([pick(p["stats"], c, None) or _no_stats()
                                     for p, c in zip(per_part, codes, strict=True)], q["stats"][TOTAL])
        questions.append(merged)
    case_counts = [pick(part_tables[part]["cases"], code) for part, code in sources]

    result = dict(overall)
    result.update({
        "by": by,
        "by2": by2,
        "by_columns": [{"code": part, "label": outer.get(part, NONE_LABEL)} for part in part_tables],
        "by2_columns": overall["columns"],
        "columns": columns,
        "cases": merge(case_counts, overall["cases"][TOTAL]),
        "questions": questions,
    })
    return result


def _no_stats() -> dict[str, Any]:
    return {"n": 0, "mean": None, "median": None, "min": None, "max": None}
