"""Small-cell protection for every exported table of an audit at once (CSV, XLSX, gender analysis).

An export may hold several views of the same questions: the whole sample ("Totalt"), one sheet per
breakdown, a two-way table (district x gender, :mod:`audit_app.domain.cross_tables`). A reader
can combine them, so each question is suppressed once over all its views with
:func:`audit_app.domain.suppression.mask`, under these equations (each a "total and its parts"):

- in every view, each row's columns sum to its total (the total column is the same cell in every
  view: the count over all included cases);
- in every column, ``applicable = answered + unresolved + missing``; for ``choice`` questions the
  options sum to ``answered`` (a ``multi`` case counts in several options, so there they do not);
- a two-way view refines the one-way views of its two items: the two-way columns of district
  ``hv`` sum to the ``hv`` column of the district view, those of gender ``flicka`` to its column
  of the gender view;
- the number of cases per column is its own row under the same equations.

The one-way tables are the ones published; to protect a cell, a two-way cell is hidden rather
than one of theirs whenever that will do.

The number of cases per column is public: it is the sample's composition, which the report
prints too, and every question that applies to all cases has it as its ``applicable`` count, so
hiding it in one place would not hide it (and hiding it everywhere would let each question's
table narrow it down a little more). The counts of answers are what is protected. Public cells
(and an ``applicable`` count equal to its column's number of cases) are never hidden, nor is
anything a reader can work out from them. A share is hidden with
its count or with its column's ``answered``; the statistics of a number question with its
``answered`` (``n``). The table JSON itself is never changed: the mask only says what to print.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from audit_app.domain.question_masks import STATUS_ROWS, TOTAL, TableMask, option_row
from audit_app.domain.suppression import Masked, mask

CASES_ROW = "cases"
#: A cell's key: ``(view, row, column)``, or ``("total", row)`` for the shared total column.
Cell = tuple[str, ...]


class TablesMask:
    """What an export prints for each cell of its views: a count, "<N" or ".."."""

    def __init__(self, limit: int | None, masks: Mapping[str | None, Masked]) -> None:
        self.limit = limit
        self._masks = dict(masks)

    @staticmethod
    def key(view: str, row: str, col: str) -> Cell:
        """The cell's key in its question's suppression (the total column is shared)."""
        return (TOTAL, row) if col == TOTAL else (view, row, col)

    def mark(self, view: str, question: str | None, row: str, col: str) -> str | None:
        """The text printed instead of the count ("<N" or ".."), or None when the count shows.

        ``question`` None with ``row`` ``"cases"`` is the number of cases per column.
        """
        masked = self._masks.get(question)
        if masked is None:
            return None
        key = self.key(view, row, col)
        return masked.text(key) if masked.hidden(key) else None

    def option_mark(self, view: str, question: str, code: str, col: str) -> str | None:
        """The mark of an option row's cell."""
        return self.mark(view, question, option_row(code), col)

    def share_hidden(self, view: str, question: str, code: str, col: str) -> bool:
        """Whether an option's share of answered must be hidden (its count or the base is)."""
        return (self.option_mark(view, question, code, col) is not None
                or self.mark(view, question, "answered", col) is not None)

    def masked(self, question: str | None) -> Masked | None:
        """The suppression of one question (None: the case counts), or None without a limit."""
        return self._masks.get(question)

    @property
    def any_hidden(self) -> bool:
        """Whether anything at all is hidden."""
        return any(m.any_hidden for m in self._masks.values())


#: No small-cell protection: every count shows.
NO_MASK = TablesMask(None, {})


def _columns(view: Mapping[str, Any]) -> list[str]:
    return [c["code"] for c in view.get("columns") or []]


def _refinements(views: Mapping[str, Mapping[str, Any]]) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(coarse view, coarse column, [(fine view, fine column)]) for every two-way view."""
    out = []
    for fine_name, fine in views.items():
        if not fine.get("by2"):
            continue
        for coarse_name, coarse in views.items():
            if coarse.get("by2") or coarse.get("by") is None:
                continue
            for side in ("by", "by2"):
                if coarse["by"] != fine[side]:
                    continue
                for code in _columns(coarse):
                    parts = [(fine_name, c["code"]) for c in fine["columns"] if c.get(side) == code]
                    if parts:
                        out.append((coarse_name, code, parts))
    return out


def _question_cells(
    views: Mapping[str, Mapping[str, Any]], qid: str, refinements: list[Any], cases: Masked,
    unconditional: bool,
) -> tuple[dict[Cell, int], list[tuple[Cell, list[Cell]]], list[Cell], list[Cell]]:
    values: dict[Cell, int] = {}
    groups: list[tuple[Cell, list[Cell]]] = []
    fixed: list[Cell] = []
    forced: list[Cell] = []
    key = TablesMask.key
    rows: list[str] = []
    for name, view in views.items():
        question = next((q for q in view["questions"] if q["id"] == qid), None)
        if question is None:
            continue
        option_rows = [option_row(r["code"]) for r in question.get("rows") or []]
        rows = [*STATUS_ROWS, *option_rows]
        counts = {s: question[s] for s in STATUS_ROWS}
        counts.update({option_row(r["code"]): r["counts"] for r in question.get("rows") or []})
        cols = _columns(view)
        for row in rows:
            for col in [*cols, TOTAL]:
                values.setdefault(key(name, row, col), int(counts[row].get(col, 0)))
            if cols:
                groups.append((key(name, row, TOTAL), [key(name, row, c) for c in cols]))
        for col in [*cols, TOTAL]:
            applicable = key(name, "applicable", col)
            groups.append((applicable, [key(name, s, col) for s in ("answered", "unresolved", "missing")]))
            if question.get("type") == "choice" and option_rows:
                groups.append((key(name, "answered", col), [key(name, r, col) for r in option_rows]))
            # A question without a condition has the column's number of cases as its applicable
            # count: shown where that number shows, hidden where it is hidden.
            if unconditional and values[applicable] == view["cases"].get(col):
                (forced if cases.hidden(key(name, CASES_ROW, col)) else fixed).append(applicable)
    for coarse, code, parts in refinements:
        for row in rows:
            total = key(coarse, row, code)
            cells = [key(view, row, col) for view, col in parts]
            if total in values and all(c in values for c in cells) and \
                    values[total] == sum(values[c] for c in cells):
                groups.append((total, cells))
    return values, groups, fixed, forced


def _case_cells(
    views: Mapping[str, Mapping[str, Any]], refinements: list[Any]
) -> tuple[dict[Cell, int], list[tuple[Cell, list[Cell]]], list[Cell]]:
    values: dict[Cell, int] = {}
    groups: list[tuple[Cell, list[Cell]]] = []
    key = TablesMask.key
    for name, view in views.items():
        cols = _columns(view)
        for col in [*cols, TOTAL]:
            values.setdefault(key(name, CASES_ROW, col), int(view["cases"].get(col, 0)))
        if cols:
            groups.append((key(name, CASES_ROW, TOTAL), [key(name, CASES_ROW, c) for c in cols]))
    for coarse, code, parts in refinements:
        groups.append((key(coarse, CASES_ROW, code), [key(v, CASES_ROW, c) for v, c in parts]))
    return values, groups, list(values)  # the sample's composition is public


def _applies_to_all(views: Mapping[str, Mapping[str, Any]], qid: str) -> bool:
    for view in views.values():
        question = next((q for q in view["questions"] if q["id"] == qid), None)
        if question is not None and question["applicable"] != view["cases"]:
            return False
    return True


def _one_way(values: Mapping[Cell, int], views: Mapping[str, Mapping[str, Any]]) -> list[Cell]:
    """The cells of the one-way views: hidden to protect a two-way cell only as a last resort."""
    two_way = {name for name, view in views.items() if view.get("by2")}
    return [k for k in values if k[0] not in two_way]


def mask_exports(views: Mapping[str, Mapping[str, Any]], limit: int | None,
                 unconditional: Collection[str] | None = None) -> TablesMask:
    """Suppress every question of several table JSONs of one audit together (keyed by view name).

    Each view is the output of ``build_tables`` or ``build_cross_tables`` for the same audit.
    ``unconditional`` names the questions without ``applies_when`` (the reader knows they apply
    to every case); None takes those whose applicable count is the number of cases everywhere.
    """
    if limit is None:
        return NO_MASK
    refinements = _refinements(views)
    case_values, case_groups, case_fixed = _case_cells(views, refinements)
    masks: dict[str | None, Masked] = {
        None: mask(case_values, case_groups, limit, case_fixed, (), _one_way(case_values, views))}
    question_ids: list[str] = []
    for view in views.values():
        question_ids += [q["id"] for q in view["questions"] if q["id"] not in question_ids]
    for qid in question_ids:
        everywhere = qid in unconditional if unconditional is not None else _applies_to_all(views, qid)
        values, groups, fixed, forced = _question_cells(views, qid, refinements, masks[None], everywhere)
        masks[qid] = mask(values, groups, limit, fixed, forced, _one_way(values, views))
    return TablesMask(limit, masks)


def question_masks(
    mask: TablesMask, tables: Mapping[str, tuple[str, Mapping[str, Any]]]
) -> dict[str, dict[str, TableMask]]:
    """Each question's mask as one table prints it, cut from an export's ``mask``.

    ``tables`` maps a name of the caller's (the report's ``"main"``, ``"gender"``) to the
    (view name, table JSON) it prints; the result is ``{question id: {name: TableMask}}``, so a
    table printed elsewhere hides exactly what the exports hide. Empty without a limit.
    """
    out: dict[str, dict[str, TableMask]] = {}
    for name, (view, table) in tables.items():
        columns = _columns(table)
        for question in table["questions"]:
            masked = mask.masked(question["id"])
            if masked is None:
                continue
            rows = [*STATUS_ROWS, *(option_row(r["code"]) for r in question.get("rows") or [])]
            out.setdefault(question["id"], {})[name] = TableMask(masked, view, rows, columns)
    return out
