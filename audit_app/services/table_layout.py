"""Lay the tables JSON out as a reader reads it: a block per question, options as rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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


def column_keys(tables: dict[str, Any]) -> list[tuple[str, str]]:
    """(key, label) of every column followed by the total."""
    return [(c["code"], c["label"]) for c in tables["columns"]] + [("total", TOTAL_LABEL)]


def percent(count: int, base: int) -> float | None:
    """Share of ``base`` in percent, or None when the base is zero."""
    return None if base == 0 else 100.0 * count / base


def blocks(tables: dict[str, Any]) -> list[Block]:
    """A block per question in template order."""
    keys = column_keys(tables)
    out = []
    for q in tables["questions"]:
        block = Block(q["id"], q["text"], keys)
        answered = [q["answered"][k] for k, _ in keys]
        for row in q["rows"]:
            counts = [row["counts"][k] for k, _ in keys]
            block.rows.append((row["label"], counts))
            block.percents.append([percent(c, b) for c, b in zip(counts, answered, strict=True)])
        for status, label in STATUS_LABELS.items():
            block.status_rows.append((label, [q[status][k] for k, _ in keys]))
        if q["stats"]:
            for stat, label in STAT_LABELS.items():
                block.stat_rows.append((label, [q["stats"][k][stat] for k, _ in keys]))
        out.append(block)
    return out


def fmt_percent(value: float | None) -> str:
    """A percentage with no decimals, as in the published reports (Swedish style)."""
    return "" if value is None else f"{value:.0f} %"


def fmt_stat(value: float | int | None) -> str:
    """A statistic rounded to one decimal for reading (JSON keeps it unrounded)."""
    if value is None:
        return "–"
    return format_number(round(float(value), 1)).replace(".", ",")


def render_text(tables: dict[str, Any]) -> str:
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
        line("Ärenden", [str(tables["cases"][k]) for k, _ in keys]),
    ]
    for block in blocks(tables):
        out += ["", f"{block.question_id}: {block.title}"]
        for (label, counts), pcts in zip(block.rows, block.percents, strict=True):
            out.append(line(label, [f"{c} {fmt_percent(p) or '–':>5}" for c, p in
                                    zip(counts, pcts, strict=True)]))
        for label, values in block.stat_rows:
            out.append(line(label, [fmt_stat(v) for v in values]))
        for label, counts in block.status_rows:
            if label == STATUS_LABELS["applicable"] or any(counts):
                out.append(line(label, [str(c) for c in counts]))
    return "\n".join(out) + "\n"
