"""Lay the tables JSON out as a reader reads it: a block per question, options as rows.

With a small-cell mask (:class:`audit_app.domain.table_masks.TablesMask`) a block also carries
what to print instead of a hidden count ("<N" or ".."); its shares and statistics are then None.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from audit_app.domain.table_masks import NO_MASK, TablesMask
from audit_app.domain.values import format_number

TOTAL_LABEL = "Totalt"
STATUS_LABELS = {
    "applicable": "Tillämpliga ärenden",
    "answered": "Besvarade",
    "unresolved": "Oenigt (ej avgjort)",
    "missing": "Ej besvarade",
}
STAT_LABELS = {"n": "Antal", "mean": "Medelvärde", "median": "Median", "min": "Min", "max": "Max"}


@dataclass
class Block:
    """One question's table: a title, column headings and rows of (label, cells)."""

    question_id: str
    title: str
    columns: list[tuple[str, str]]
    rows: list[tuple[str, list[int]]] = field(default_factory=list)
    percents: list[list[float | None]] = field(default_factory=list)
    status_rows: list[tuple[str, list[int]]] = field(default_factory=list)
    stat_rows: list[tuple[str, list[float | int | None]]] = field(default_factory=list)
    #: Per option row and column: the text printed instead of the count, or None.
    row_marks: list[list[str | None]] = field(default_factory=list)
    #: Per status row and column: the text printed instead of the count, or None.
    status_marks: list[list[str | None]] = field(default_factory=list)

    def row_cells(self) -> list[tuple[str, list[int | str], list[float | None]]]:
        """Each option row as (label, printed counts, shares)."""
        return [(label, printed(counts, marks), pcts) for (label, counts), marks, pcts
                in zip(self.rows, self.row_marks, self.percents, strict=True)]

    def status_cells(self) -> list[tuple[str, list[int | str]]]:
        """Each status row as (label, printed counts)."""
        return [(label, printed(counts, marks))
                for (label, counts), marks in zip(self.status_rows, self.status_marks, strict=True)]


def printed(counts: list[int], marks: list[str | None]) -> list[int | str]:
    """Counts with the hidden ones replaced by their mark."""
    return [c if m is None else m for c, m in zip(counts, marks, strict=True)]


def column_keys(tables: dict[str, Any]) -> list[tuple[str, str]]:
    """(key, label) of every column followed by the total."""
    return [(c["code"], c["label"]) for c in tables["columns"]] + [("total", TOTAL_LABEL)]


def percent(count: int, base: int) -> float | None:
    """Share of ``base`` in percent, or None when the base is zero."""
    return None if base == 0 else 100.0 * count / base


def blocks(tables: dict[str, Any], mask: TablesMask = NO_MASK, view: str = "") -> list[Block]:
    """A block per question in template order; ``mask`` hides small cells of the view ``view``."""
    keys = column_keys(tables)
    out = []
    for q in tables["questions"]:
        qid = q["id"]
        block = Block(qid, q["text"], keys)
        answered = [q["answered"][k] for k, _ in keys]
        base_hidden = [mask.mark(view, qid, "answered", k) is not None for k, _ in keys]
        for row in q["rows"]:
            counts = [row["counts"][k] for k, _ in keys]
            marks = [mask.option_mark(view, qid, row["code"], k) for k, _ in keys]
            block.rows.append((row["label"], counts))
            block.row_marks.append(marks)
            block.percents.append([None if m is not None or h else percent(c, b) for c, b, m, h
                                   in zip(counts, answered, marks, base_hidden, strict=True)])
        for status, label in STATUS_LABELS.items():
            block.status_rows.append((label, [q[status][k] for k, _ in keys]))
            block.status_marks.append([mask.mark(view, qid, status, k) for k, _ in keys])
        if q["stats"]:
            for stat, label in STAT_LABELS.items():
                block.stat_rows.append((label, [None if h else q["stats"][k][stat] for (k, _), h
                                                in zip(keys, base_hidden, strict=True)]))
        out.append(block)
    return out


def case_cells(tables: dict[str, Any], mask: TablesMask = NO_MASK, view: str = "") -> list[int | str]:
    """The number of cases per column and in total, as printed."""
    return [mask.mark(view, None, "cases", k) or tables["cases"][k] for k, _ in column_keys(tables)]


def fmt_percent(value: float | None) -> str:
    """A percentage with no decimals, as in the published reports (Swedish style)."""
    return "" if value is None else f"{value:.0f} %"


def fmt_stat(value: float | int | None) -> str:
    """A statistic rounded to one decimal for reading (JSON keeps it unrounded)."""
    if value is None:
        return "–"
    return format_number(round(float(value), 1)).replace(".", ",")


def render_text(tables: dict[str, Any], mask: TablesMask = NO_MASK, view: str = "") -> str:
    """Plain-text tables for a terminal: counts with percentages of answered, columns sized to fit."""
    keys = column_keys(tables)
    width = max([10, *(len(label) for _, label in keys)]) + 2
    label_width = 44

    def line(label: str, cells: list[str]) -> str:
        return f"  {label[:label_width - 2]:{label_width - 2}}" + "".join(f"{c:>{width}}" for c in cells)

    out = [
        f"{tables['audit']['name']} – mall {tables['template']['id']} version "
        f"{tables['template']['version']}",
        f"Ärenden: {tables['cases']['total']} (exkluderade: {tables['excluded']})"
        + (f", uppdelat på {tables['by']}" if tables["by"] else ""),
        "",
        line("", [label for _, label in keys]),
        line("Ärenden", [str(c) for c in case_cells(tables, mask, view)]),
    ]
    for block in blocks(tables, mask, view):
        out += ["", f"{block.question_id}: {block.title}"]
        for label, counts, pcts in block.row_cells():
            out.append(line(label, [f"{c} {fmt_percent(p) or '–':>5}" for c, p in
                                    zip(counts, pcts, strict=True)]))
        for label, values in block.stat_rows:
            out.append(line(label, [fmt_stat(v) for v in values]))
        for (label, raw), (_, counts) in zip(block.status_rows, block.status_cells(), strict=True):
            if label == STATUS_LABELS["applicable"] or any(raw):
                out.append(line(label, [str(c) for c in counts]))
    if mask.any_hidden and mask.limit is not None:
        out += ["", f"Antal från 1 till {mask.limit - 1} visas som <{mask.limit}; summor som skulle "
                    "avslöja dem visas som .."]
    return "\n".join(out) + "\n"
