"""Small-cell protection of questions of the table JSON, as the report prints them.

One question seen through one or more breakdowns (``View``) is suppressed at once with
:func:`audit_app.domain.suppression.mask`: each row's columns add up to its total (the total
column is shared by every breakdown), ``applicable = answered + unresolved + missing`` in every
column, and a ``choice`` question's options add up to ``answered``. ``TableMask`` says what to
print per (row, column). The exports use :mod:`audit_app.domain.table_masks`, which adds the
two-way tables and the number of cases.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from audit_app.domain.suppression import Masked, mask

STATUS_ROWS = ("applicable", "answered", "unresolved", "missing")
TOTAL = "total"
#: View names of the report's two breakdowns of the same questions.
MAIN = "main"
GENDER = "gender"


def option_row(code: str) -> str:
    """The row name of an option in a ``TableMask``."""
    return f"option:{code}"


@dataclass(frozen=True)
class View:
    """One question seen through one breakdown: its JSON, the column codes, the case counts."""

    question: Mapping[str, Any]
    columns: Sequence[str]
    cases: Mapping[str, int] | None = None


class TableMask:
    """The suppression of one question as one table shows it: cells by (row, column).

    Rows are ``STATUS_ROWS`` and ``option_row(code)``; columns are codes and ``"total"``. The
    total column is shared by every breakdown of the question, so it is hidden alike in all.
    """

    def __init__(self, masked: Masked, name: str, rows: Sequence[str], columns: Sequence[str]):
        self.masked = masked
        self.name = name
        self.rows = list(rows)
        self.columns = list(columns)

    def key(self, row: str, col: str) -> tuple[str, ...]:
        """The cell's key in the joint suppression."""
        return (TOTAL, row) if col == TOTAL else (self.name, row, col)

    @property
    def limit(self) -> int | None:
        """The small-cell limit, or None."""
        return self.masked.limit

    def value(self, row: str, col: str) -> int:
        """The true count (for computing; print ``text``)."""
        return self.masked.values[self.key(row, col)]

    def hidden(self, row: str, col: str) -> bool:
        """Whether the cell is hidden."""
        return self.masked.hidden(self.key(row, col))

    def small(self, row: str, col: str) -> bool:
        """Whether the cell is hidden for being small itself ("<N")."""
        return self.key(row, col) in self.masked.primary

    def text(self, row: str, col: str) -> str:
        """The cell as printed: the count, "<N" or ".."."""
        return self.masked.text(self.key(row, col))

    @property
    def any_hidden(self) -> bool:
        """Whether any cell of this table is hidden."""
        return any(self.hidden(r, c) for r in self.rows for c in [*self.columns, TOTAL])


def _view_cells(
    name: str, view: View, values: dict[Any, int], groups: list[Any], fixed: list[Any]
) -> list[str]:
    question = view.question
    option_rows = [option_row(r["code"]) for r in question.get("rows") or []]
    rows = [*STATUS_ROWS, *option_rows]
    counts = {s: question[s] for s in STATUS_ROWS}
    counts.update({option_row(r["code"]): r["counts"] for r in question.get("rows") or []})
    cols = [*view.columns, TOTAL]

    def key(row: str, col: str) -> tuple[str, ...]:
        return (TOTAL, row) if col == TOTAL else (name, row, col)

    for row in rows:
        for col in cols:
            values.setdefault(key(row, col), int(counts[row].get(col, 0)))
        if view.columns:
            groups.append((key(row, TOTAL), [key(row, c) for c in view.columns]))
    for col in cols:
        groups.append((key("applicable", col), [key(s, col) for s in ("answered", "unresolved", "missing")]))
        if question.get("type") == "choice" and option_rows:
            groups.append((key("answered", col), [key(r, col) for r in option_rows]))
        # The number of cases per column is public (the sample table): a question that applies
        # to every case there has that number as its applicable count.
        if view.cases is not None and values[key("applicable", col)] == view.cases.get(col):
            fixed.append(key("applicable", col))
    return rows


def mask_views(views: Mapping[str, View], limit: int | None) -> dict[str, TableMask]:
    """Suppress one question across all its breakdowns at once (they share the total column)."""
    values: dict[Any, int] = {}
    groups: list[Any] = []
    fixed: list[Any] = []
    rows = {name: _view_cells(name, view, values, groups, fixed) for name, view in views.items()}
    masked = mask(values, groups, limit, fixed)
    return {name: TableMask(masked, name, rows[name], list(view.columns)) for name, view in views.items()}


def mask_question(
    question: Mapping[str, Any],
    columns: Sequence[str],
    limit: int | None,
    cases: Mapping[str, int] | None = None,
) -> TableMask:
    """Suppression for one question through one breakdown.

    Groups: each row's columns sum to its total; answered + unresolved + missing = applicable;
    for ``choice`` questions the options sum to answered (a ``multi`` case counts in several
    options, so there they do not).
    """
    return mask_views({MAIN: View(question, columns, cases)}, limit)[MAIN]


#: Masks by question id and view name.
Masks = Mapping[str, Mapping[str, "TableMask"]]


def mask_tables(
    tables: Mapping[str, Mapping[str, Any] | None], limit: int | None
) -> dict[str, dict[str, TableMask]]:
    """Masks for every question of several table JSONs of one audit (keyed by a view name):
    ``{question id: {view name: TableMask}}``."""
    present = {name: t for name, t in tables.items() if t is not None}
    by_question: dict[str, dict[str, View]] = {}
    for name, table in present.items():
        columns = [c["code"] for c in table.get("columns") or []]
        for question in table["questions"]:
            view = View(question, columns, table.get("cases"))
            by_question.setdefault(question["id"], {})[name] = view
    return {qid: mask_views(views, limit) for qid, views in by_question.items()}
