"""Genomlysning (seed 002): per unit, the active cases and how many have a genomförandeplan.

002 complements the case review with a count over every active case of each unit (167, 46 and
69 cases; plans in 19-50 % of them). The figures are entered per unit or imported from a CSV
file with the columns ``unit``, ``active_cases`` and ``with_plan`` (names trimmed, any case, any
order), read by the rules of DESIGN section 4 (:mod:`audit_app.domain.csv_reading`): all or
nothing, every problem listed as ``PATH:LINE: error[CODE]: message``.

Error codes (besides the file-level ones: ``encoding``, ``empty-file``, ``no-rows``,
``duplicate-column``, ``extra-field``, ``bad-quote``, ``unterminated-quote``):

- header, reported alone: ``missing-column``, ``unknown-column``;
- per record: ``empty-value`` (an empty cell), ``unknown-unit`` (not a code or label of the unit
  field, case-insensitive), ``invalid-number`` (not a whole number written with digits),
  ``out-of-range`` (a negative number, or ``with_plan`` above ``active_cases``),
  ``duplicate-row`` (a unit already given on an earlier line; at the later one).

The table (``genomlysning AUDIT show --format json``)::

    {"audit": {"id", "name"}, "unit_field": {"id": "unit", "label": "Stadsdelsförvaltning"},
     "rows": [{"code": "hv", "label": "Hässelby-Vällingby", "active_cases": 167, "with_plan": 32,
               "without_plan": 135, "percent": 19.16...}],
     "total": {"active_cases": 282, "with_plan": ..., "without_plan": ..., "percent": ...}}

``rows`` lists the units with figures in the unit field's option order; ``percent`` is
``with_plan`` of ``active_cases`` (unrounded, null when there are no active cases).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from audit_app.domain.csv_reading import CsvStream, is_broken, no_rows, open_csv
from audit_app.domain.diagnostics import Diagnostic, InvalidInput
from audit_app.domain.import_cells import show
from audit_app.domain.suppression import Masked, mask
from audit_app.domain.template import Option
from audit_app.domain.values import OptionIndex, ValueError_, normalize_text, parse_number

UNIT, ACTIVE, WITH_PLAN = "unit", "active_cases", "with_plan"
COLUMNS = (UNIT, ACTIVE, WITH_PLAN)
TOTAL = "total"


@dataclass(frozen=True)
class Entry:
    """The figures of one unit."""

    unit: str
    active_cases: int
    with_plan: int


def parse_count(raw: str | int, what: str) -> int:
    """A count: a whole number of zero or more; ValueError_ ``invalid-number``/``out-of-range``."""
    if isinstance(raw, int) and not isinstance(raw, bool):
        value = raw
    else:
        text = normalize_text(str(raw))
        if not text:
            raise ValueError_("empty-value", f"{what} is empty")
        try:
            value = int(parse_number(text, integer=True))
        except ValueError_ as exc:
            raise ValueError_("invalid-number", f"{what}: {show(text)} is not a whole number") from exc
    if value < 0:
        raise ValueError_("out-of-range", f"{what} is {value}; it cannot be negative")
    return value


def check_entry(unit: str, active_cases: int, with_plan: int) -> Entry:
    """An entry whose plans do not outnumber its active cases; ValueError_ ``out-of-range``."""
    if with_plan > active_cases:
        raise ValueError_(
            "out-of-range",
            f"with_plan ({with_plan}) is more than active_cases ({active_cases})",
        )
    return Entry(unit, active_cases, with_plan)


def match_unit(raw: str, units: Sequence[Option] | OptionIndex) -> str:
    """The code of a unit given by its code or label (case-insensitive); ``unknown-unit``."""
    index = units if isinstance(units, OptionIndex) else OptionIndex(units)
    try:
        return index.match(raw)
    except ValueError_:
        codes = ", ".join(o.code for o in index.options)
        raise ValueError_("unknown-unit", f"{show(raw)} is not a unit of this audit ({codes})") from None


def _check_header(stream: CsvStream) -> dict[str, int]:
    path, line = stream.path, stream.header_line
    errors: list[Diagnostic] = []
    at: dict[str, int] = {}
    for index, name in enumerate(stream.names):
        if not name:
            continue
        key = name.casefold()
        if key in at:
            errors.append(Diagnostic(path, line, "duplicate-column", f"column '{name}' appears twice"))
        elif key in COLUMNS:
            at[key] = index
        else:
            errors.append(Diagnostic(path, line, "unknown-column",
                                     f"unknown column '{name}': the columns are {', '.join(COLUMNS)}"))
    for column in COLUMNS:
        if column not in at:
            errors.append(Diagnostic(path, line, "missing-column",
                                     f"the required column '{column}' is missing"))
    if errors:
        raise InvalidInput(errors)
    return at


def parse_genomlysning_csv(data: bytes, path: str, units: Sequence[Option]) -> list[tuple[int, Entry]]:
    """Every (line, entry) of a genomlysning CSV file; InvalidInput lists every problem."""
    stream = open_csv(data, path)
    at = _check_header(stream)
    index = OptionIndex(units)
    problems: list[Diagnostic] = []
    entries: list[tuple[int, Entry]] = []
    first_line: dict[str, int] = {}
    empty = True
    for line, record, problem in stream.records():
        empty = False
        if problem is not None:
            problems.append(problem)
            if is_broken(problem):
                continue
        cells = {c: record[i] if i < len(record) else "" for c, i in at.items()}
        errors: list[tuple[str, str]] = []
        unit: str | None = None
        counts: dict[str, int] = {}
        if not normalize_text(cells[UNIT]):
            errors.append(("empty-value", "column 'unit': the unit is empty"))
        else:
            try:
                unit = match_unit(cells[UNIT], index)
            except ValueError_ as exc:
                errors.append((exc.code, f"column 'unit': {exc.message}"))
        for column in (ACTIVE, WITH_PLAN):
            try:
                counts[column] = parse_count(cells[column], f"column '{column}'")
            except ValueError_ as exc:
                errors.append((exc.code, exc.message))
        if len(counts) == 2 and counts[WITH_PLAN] > counts[ACTIVE]:
            errors.append(("out-of-range", f"column 'with_plan': {counts[WITH_PLAN]} is more than "
                                           f"active_cases ({counts[ACTIVE]})"))
        if unit is not None:
            if unit in first_line:
                errors.append(("duplicate-row", f"unit '{unit}' is already given on line "
                                                f"{first_line[unit]}"))
            else:
                first_line[unit] = line
        problems.extend(Diagnostic(path, line, code, message) for code, message in errors)
        if not errors and unit is not None:
            entries.append((line, Entry(unit, counts[ACTIVE], counts[WITH_PLAN])))
    if empty:
        raise InvalidInput([no_rows(path)])
    if problems:
        raise InvalidInput(problems)
    return entries


def _figures(active: int, with_plan: int) -> dict[str, Any]:
    return {ACTIVE: active, WITH_PLAN: with_plan, "without_plan": active - with_plan,
            "percent": None if active == 0 else 100.0 * with_plan / active}


def genomlysning_table(entries: Mapping[str, Entry], units: Sequence[Option], *,
                       unit_field: Mapping[str, str], audit: Mapping[str, Any]) -> dict[str, Any]:
    """The table of the entered units in option order, with shares and a total."""
    rows = [{"code": o.code, "label": o.label, **_figures(e.active_cases, e.with_plan)}
            for o in units if (e := entries.get(o.code)) is not None]
    total = _figures(sum(r[ACTIVE] for r in rows), sum(r[WITH_PLAN] for r in rows))
    return {"audit": dict(audit), "unit_field": dict(unit_field), "rows": rows, "total": total}


def mask_genomlysning(table: Mapping[str, Any], limit: int | None) -> Masked:
    """Small-cell protection of the table: keys ``(column, unit code or "total")``.

    Each column's units sum to its total; ``without_plan`` is ``active_cases - with_plan``, so the
    three make one more equation per unit. A share is hidden with either of its counts.
    """
    values: dict[tuple[str, str], int] = {}
    groups: list[tuple[tuple[str, str], list[tuple[str, str]]]] = []
    codes = [r["code"] for r in table["rows"]]
    for row in [*table["rows"], {"code": TOTAL, **table["total"]}]:
        for column in (ACTIVE, WITH_PLAN, "without_plan"):
            values[(column, row["code"])] = int(row[column])
        groups.append(((ACTIVE, row["code"]), [(WITH_PLAN, row["code"]), ("without_plan", row["code"])]))
    for column in (ACTIVE, WITH_PLAN, "without_plan"):
        groups.append(((column, TOTAL), [(column, c) for c in codes]))
    # The active cases are the figure 002 reports: the count without a plan is hidden before them.
    return mask(values, groups, limit, prefer=[k for k in values if k[0] == ACTIVE])
