"""Jämställdhetsanalys: girls' and boys' results side by side, largest differences first.

From the table JSON broken down by gender, every option question gets the share of answered
cases per gender and the difference in percentage points (first gender minus second); questions
are ordered by their largest absolute difference. Hidden counts hide their share and difference.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from audit_app.report import styles
from audit_app.report.chapters import JAMSTALLDHET
from audit_app.report.data import ReportData
from audit_app.report.flowables import Paragraph, Table
from audit_app.report.story import Story
from audit_app.report.suppression import (
    GENDER,
    SECONDARY_MARK,
    Masks,
    TableMask,
    mask_question,
    option_row,
)
from audit_app.report.text import EN_DASH, format_points, percent, quote


@dataclass(frozen=True)
class GenderRow:
    """One option: printed count and share per gender, and the difference in points."""

    label: str
    cells: tuple[str, str, str, str]
    diff: float | None


@dataclass(frozen=True)
class GenderQuestion:
    """A question's rows and its largest absolute difference (None when none can be shown)."""

    id: str
    text: str
    answered: tuple[str, str]
    rows: tuple[GenderRow, ...]
    largest: float | None


def gender_columns(tables: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The two gender columns compared (the first two that are not "Uppgift saknas")."""
    return [(c["code"], c["label"]) for c in tables.get("columns") or [] if c["code"] != "_none"][:2]


def _share(mask: TableMask, row: str, col: str) -> tuple[str, float | None]:
    if mask.hidden(row, col) or mask.hidden("answered", col):
        return SECONDARY_MARK, None
    answered = mask.value("answered", col)
    if not answered:
        return EN_DASH, None
    return str(percent(mask.value(row, col), answered)), 100.0 * mask.value(row, col) / answered


def compare(tables: Mapping[str, Any], limit: int | None, masks: Masks | None = None) -> list[GenderQuestion]:
    """Every option question compared by gender, largest difference first (stable otherwise).

    ``masks`` holds each question's suppression under the view ``"gender"`` (shared with the
    other breakdowns); without it each question is masked on its own.
    """
    cols = gender_columns(tables)
    if len(cols) < 2:
        return []
    (a, _), (b, _) = cols
    codes = [c["code"] for c in tables.get("columns") or []]
    result = []
    for q in tables["questions"]:
        if q.get("type") not in ("choice", "multi") or not q.get("rows"):
            continue
        if masks is not None and GENDER in masks.get(q["id"], {}):
            mask = masks[q["id"]][GENDER]
        else:
            mask = mask_question(q, codes, limit, tables.get("cases"))
        rows = []
        for row in q["rows"]:
            name = option_row(row["code"])
            text_a, share_a = _share(mask, name, a)
            text_b, share_b = _share(mask, name, b)
            diff = None if share_a is None or share_b is None else share_a - share_b
            cells = (mask.text(name, a), text_a, mask.text(name, b), text_b)
            rows.append(GenderRow(row["label"], cells, diff))
        diffs = [abs(r.diff) for r in rows if r.diff is not None]
        answered = (mask.text("answered", a), mask.text("answered", b))
        result.append(
            GenderQuestion(
                q["id"], q.get("text", q["id"]), answered, tuple(rows), max(diffs) if diffs else None
            )
        )
    result.sort(key=lambda g: -(g.largest if g.largest is not None else -1.0))
    return result


def _table(
    story: Story, compared: list[GenderQuestion], labels: tuple[str, str], numbers: dict[str, str]
) -> Table:
    st = story.styles
    head = [
        [
            Paragraph("Fråga och svarsalternativ", st.cell_head),
            Paragraph(escape(labels[0]), st.cell_head_right),
            "",
            Paragraph(escape(labels[1]), st.cell_head_right),
            "",
            Paragraph("Skillnad, procent\u00adenheter", st.cell_head_right),
        ],
        ["", "Antal", "%", "Antal", "%", ""],
    ]
    rows: list[list[Any]] = []
    groups: list[int] = []
    for g in compared:
        groups.append(len(head) + len(rows))
        number = numbers.get(g.id, "")
        title = f"{escape(number)}\u2002{escape(g.text)}" if number else escape(g.text)
        rows.append([Paragraph(title, st.cell_bold), "", "", "", "", ""])
        for r in g.rows:
            rows.append(
                [
                    Paragraph(escape(r.label), st.cell_indent),
                    *r.cells,
                    format_points(r.diff)
                    if r.diff is not None
                    else (SECONDARY_MARK if SECONDARY_MARK in r.cells else EN_DASH),
                ]
            )
        rows.append([Paragraph("Besvarade", st.cell_indent), g.answered[0], "", g.answered[1], "", ""])
    width = styles.FRAME_WIDTH
    num = [40.0, 30.0, 40.0, 30.0, 62.0]
    table = Table(head + rows, colWidths=[width - sum(num), *num], repeatRows=2, hAlign="LEFT", splitByRow=1)
    spans = (((1, 0), (2, 0)), ((3, 0), (4, 0)), ((0, 0), (0, 1)), ((5, 0), (5, 1)))
    span_groups = tuple(((0, g), (-1, g)) for g in groups)
    ends = [*groups[1:], len(head) + len(rows)]
    keep = tuple((start, end - 1) for start, end in zip(groups, ends, strict=True))
    table.setStyle(
        styles.data_table_style(2, 6, shaded_rows=tuple(groups), spans=spans + span_groups, keep_rows=keep)
    )
    return table


def gender_chapter(story: Story, data: ReportData, masks: Masks | None = None) -> None:
    """The gender analysis chapter (an explanation when no gender breakdown was given)."""
    story.chapter(JAMSTALLDHET, new_page=True)
    tables = data.gender_tables
    cols = gender_columns(tables) if tables else []
    if tables is None or len(cols) < 2:
        story.narrative(data.text_for("jamstalldhet"))
        story.para(
            "Någon uppdelning av resultatet på kön finns inte för denna granskning.",
            story.styles.note,
        )
        return
    compared = compare(tables, data.small_cell_limit, masks)
    story.narrative(data.text_for("jamstalldhet"))
    (_, la), (_, lb) = cols
    story.para(
        "Resultaten på granskningsfrågorna har delats upp på kön för att kunna upptäcka "
        "eventuella omotiverade skillnader i handläggningen. Tabellen visar för varje fråga med "
        f"svarsalternativ antal ärenden och andel av de besvarade, för {la.lower()} och "
        f"{lb.lower()}, samt skillnaden i procentenheter ({la} \u2212 {lb}). Frågorna står i "
        "ordning efter den största skillnaden. Med ett litet urval kan enstaka ärenden ge stora "
        "skillnader, som bör tolkas med försiktighet."
    )
    top = next((g for g in compared if g.largest is not None), None)
    if top is not None and top.largest:  # "0 % and 0 %" says nothing (e.g. all else hidden)
        row = max((r for r in top.rows if r.diff is not None), key=lambda r: abs(r.diff or 0))
        story.para(
            f"Störst skillnad fanns för frågan {quote(top.text)}, svarsalternativet "
            f"{quote(row.label)}: {row.cells[1]}\u00a0% för {la.lower()} och "
            f"{row.cells[3]}\u00a0% för {lb.lower()} ({format_points(row.diff)} procentenheter)."
        )
    if compared:
        story.add(_table(story, compared, (la, lb), data.template.question_numbers()))
    else:
        story.para("Mallen har inga frågor med svarsalternativ att jämföra.", story.styles.note)
