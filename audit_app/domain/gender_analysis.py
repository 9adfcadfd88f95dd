"""Jämställdhetsanalys: girls' and boys' results side by side, from the tables broken down by gender.

Pure: it reads the table JSON of DESIGN section 7 (``build_tables`` by the gender field) and, for
the analysis per unit, the two-way table of :mod:`audit_app.domain.cross_tables` (by unit, then
gender); it never counts cases itself. The output (``gender --format json``)::

    {"audit": {...}, "template": {...}, "by": "gender", "within": null | "unit",
     "groups": [{"code": "flicka", "label": "Flicka"}, {"code": "pojke", "label": "Pojke"}],
     "parts": [{"code": "total", "label": "Totalt", "columns": {"flicka": "flicka", ...}},
               {"code": "hv", "label": "Hässelby-Vällingby", "columns": {"flicka": "hv.flicka", ...}}],
     "questions": [{"id", "text", "type", "section", "quality_area",
                    "answered": {"total": {"flicka": 10, "pojke": 8}, "hv": {...}},
                    "rows": [{"code", "label", "kind",
                              "counts": {"total": {"flicka": 3, "pojke": 4}, ...},
                              "percent": {"total": {"flicka": 30.0, "pojke": 50.0}, ...},
                              "difference": {"total": -20.0, ...}}],
                    "largest_difference": 20.0}]}

- ``groups`` are the first two columns of the gender breakdown (template order; "Uppgift saknas"
  is never one); ``difference`` is the first group's percentage minus the second's, in percentage
  points, null where either has no answered case.
- ``percent`` is of the group's ``answered`` cases (as in the tables), unrounded.
- Only ``choice`` and ``multi`` questions with options are compared. ``parts`` is the whole sample
  (``total``) and, with ``within``, each column of that breakdown in its order; ``columns`` names
  the source column of each group in the table that part comes from.
- Questions are ordered by their largest absolute difference in the whole sample, largest first;
  questions without any difference come last; ties keep template order.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

TOTAL = "total"
TOTAL_LABEL = "Totalt"
NONE_COLUMN = "_none"
COMPARED_TYPES = ("choice", "multi")


class GenderAnalysisError(Exception):
    """The tables cannot be compared by gender (fewer than two gender columns)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def gender_groups(tables: Mapping[str, Any]) -> list[dict[str, str]]:
    """The two groups compared: the first two columns that are not "Uppgift saknas"."""
    columns = tables.get("by2_columns") if tables.get("by2") else tables.get("columns")
    groups = [{"code": c["code"], "label": c["label"]} for c in columns or [] if c["code"] != NONE_COLUMN]
    return groups[:2]


def percent(count: int, answered: int) -> float | None:
    """``count`` as a percentage of ``answered``; None when nothing was answered."""
    return None if not answered else 100.0 * count / answered


def difference(first: float | None, second: float | None) -> float | None:
    """First minus second in percentage points, None when either is missing."""
    return None if first is None or second is None else first - second


def _parts(tables: Mapping[str, Any], within: Mapping[str, Any] | None,
           codes: Sequence[str]) -> list[dict[str, Any]]:
    parts: list[dict[str, Any]] = [
        {"code": TOTAL, "label": TOTAL_LABEL, "columns": {g: g for g in codes}}
    ]
    if within is None:
        return parts
    present = {c["code"] for c in within["columns"]}
    for column in within.get("by_columns") or []:
        sources = {g: f"{column['code']}.{g}" for g in codes}
        if all(s in present for s in sources.values()):
            parts.append({"code": column["code"], "label": column["label"], "columns": sources})
    return parts


def _compare(question: Mapping[str, Any], sources: Mapping[str, Mapping[str, Any]],
             parts: list[dict[str, Any]], codes: Sequence[str]) -> dict[str, Any]:
    answered = {p["code"]: {g: int(sources[p["code"]]["answered"][p["columns"][g]]) for g in codes}
                for p in parts}
    rows = []
    for j, row in enumerate(question["rows"]):
        counts: dict[str, dict[str, int]] = {}
        shares: dict[str, dict[str, float | None]] = {}
        diffs: dict[str, float | None] = {}
        for p in parts:
            code = p["code"]
            source_row = sources[code]["rows"][j]
            counts[code] = {g: int(source_row["counts"][p["columns"][g]]) for g in codes}
            shares[code] = {g: percent(counts[code][g], answered[code][g]) for g in codes}
            diffs[code] = difference(shares[code][codes[0]], shares[code][codes[1]])
        rows.append({"code": row["code"], "label": row["label"], "kind": row.get("kind", "value"),
                     "counts": counts, "percent": shares, "difference": diffs})
    found = [abs(d) for r in rows if (d := r["difference"][TOTAL]) is not None]
    return {
        "id": question["id"], "text": question.get("text", question["id"]),
        "type": question["type"], "section": question.get("section"),
        "quality_area": question.get("quality_area"),
        "answered": answered, "rows": rows,
        "largest_difference": max(found) if found else None,
    }


def order_by_difference(questions: list[dict[str, Any]],
                        key: Callable[[dict[str, Any]], float | None] | None = None) -> list[dict[str, Any]]:
    """Questions by their largest absolute difference, largest first; None last; stable."""
    get = key or (lambda q: q["largest_difference"])

    def sort_key(q: dict[str, Any]) -> tuple[int, float]:
        value = get(q)
        return (1, 0.0) if value is None else (0, -value)

    return sorted(questions, key=sort_key)


def gender_analysis(tables: Mapping[str, Any], within: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Compare the two gender groups on every option question, ordered by the largest difference.

    ``tables`` is broken down by gender; ``within`` (optional) is the two-way table by a second
    item and then gender (``build_cross_tables(by=..., by2=<gender>)``) for the analysis per part.
    """
    groups = gender_groups(tables)
    if len(groups) < 2:
        raise GenderAnalysisError(
            f"the breakdown '{tables.get('by')}' has fewer than two groups to compare"
        )
    if within is not None and within.get("by2") != tables.get("by"):
        raise GenderAnalysisError("the table within parts must be broken down by the same item last")
    codes = [g["code"] for g in groups]
    parts = _parts(tables, within, codes)
    within_questions = {q["id"]: q for q in within["questions"]} if within is not None else {}
    questions = []
    for question in tables["questions"]:
        if question.get("type") not in COMPARED_TYPES or not question.get("rows"):
            continue
        sources = {p["code"]: within_questions.get(question["id"], question) for p in parts}
        sources[TOTAL] = question
        questions.append(_compare(question, sources, parts, codes))
    return {
        "audit": dict(tables.get("audit") or {}),
        "template": dict(tables.get("template") or {}),
        "by": tables.get("by"),
        "within": within.get("by") if within is not None else None,
        "groups": groups,
        "parts": parts,
        "questions": order_by_difference(questions),
    }
