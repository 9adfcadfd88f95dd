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


def render_text(tables: dict[str, Any], width: int = 14) -> str:
    """Plain-text tables for a terminal."""
    keys = column_keys(tables)
    lines = [
        f"{tables['audit']['name']} – mall {tables['template']['id']} v{tables['template']['version']}",
        f"Ärenden: {tables['cases']['total']} (exkluderade: {tables['excluded']})"
        + (f", uppdelat på {tables['by']}" if tables["by"] else ""),
    ]
    head = f"{'':40}" + "".join(f"{label[:width]:>{width + 2}}" for _, label in keys)
    cases_line = f"{'Ärenden':40}" + "".join(f"{tables['cases'][k]:>{width + 2}}" for k, _ in keys)
    for block in blocks(tables):
        lines += ["", f"{block.question_id}: {block.title}", head]
        for (label, counts), pcts in zip(block.rows, block.percents, strict=True):
            cells = "".join(f"{c:>{width - 5}} {fmt_percent(p):>6}" for c, p in zip(counts, pcts,
                                                                                   strict=True))
            lines.append(f"  {label[:38]:38}{cells}")
        for label, values in block.stat_rows:
            lines.append(f"  {label[:38]:38}" + "".join(f"{fmt_stat(v):>{width + 2}}"
                                                         for v in values))
        for label, counts in block.status_rows:
            lines.append(f"  {label[:38]:38}" + "".join(f"{c:>{width + 2}}" for c in counts))
    lines.insert(2, "")
    lines.insert(3, head)
    lines.insert(4, cases_line)
    return "\n".join(lines) + "\n"
