"""Result tables: the printed model of a question's table, and its ReportLab rendering.

``question_model`` turns one question of the table JSON into rows of printed cells (the numbers a
reader sees, after small-cell protection); ``render`` lays any such model out as a platypus
``Table`` that wraps long labels, repeats its header on a new page and, when the breakdown has
more columns than fit the page width, continues in further tables with the same row labels.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer

from audit_app.report import fonts, styles
from audit_app.report.flowables import Paragraph, Table
from audit_app.report.suppression import (
    SECONDARY_MARK,
    TOTAL,
    TableMask,
    mask_question,
    option_row,
)
from audit_app.report.text import EN_DASH, format_decimal, percent

TOTAL_LABEL = "Totalt"
STATUS_LABELS = {
    "answered": "Besvarade",
    "unresolved": "Oenigt (ej avgjort)",
    "missing": "Ej besvarade",
    "applicable": "Tillämpliga ärenden",
}
SUBHEAD_COUNT = "Antal"
SUBHEAD_PCT = "%"


@dataclass(frozen=True)
class Row:
    """One printed row: its label, one text per sub-column, and its role for styling."""

    label: str
    cells: tuple[str, ...]
    role: str = "option"  # option | status | stat | group


@dataclass
class TableModel:
    """A table as printed: column labels, sub-column heads per column, and rows."""

    label_head: str
    columns: list[str]
    sub_heads: list[str]  # repeated under every column, e.g. ["Antal", "%"] or [""]
    rows: list[Row] = field(default_factory=list)
    hidden_any: bool = False


def breakdown_columns(tables: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The breakdown's (code, label) columns from the table JSON, without the total."""
    return [(c["code"], c["label"]) for c in tables.get("columns") or []]


def _pct_text(mask: TableMask, row: str, col: str) -> str:
    if mask.hidden(row, col) or mask.hidden("answered", col):
        return SECONDARY_MARK
    p = percent(mask.value(row, col), mask.value("answered", col))
    return EN_DASH if p is None else str(p)


def question_model(
    question: Mapping[str, Any],
    columns: Sequence[tuple[str, str]],
    limit: int | None,
    mask: TableMask | None = None,
) -> TableModel:
    """The printed table of one question: options with counts and % of answered, then status.

    ``choice``/``multi``: one row per option (count and percent of the column's answered cases),
    then Besvarade and, where non-zero, Oenigt, Ej besvarade and Tillämpliga ärenden (the last
    only when it differs from Besvarade). ``number``: n, medel, median, min, max.
    ``date``/``text``: the status rows only. ``mask`` is the question's suppression (computed
    here from ``limit`` when not given).
    """
    codes = [c for c, _ in columns] + [TOTAL]
    labels = [lbl for _, lbl in columns] + [TOTAL_LABEL]
    if mask is None:
        mask = mask_question(question, [c for c, _ in columns], limit)
    qtype = question.get("type")
    with_pct = qtype in ("choice", "multi") and bool(question.get("rows"))
    model = TableModel(
        label_head="Svarsalternativ" if with_pct else "",
        columns=labels,
        sub_heads=[SUBHEAD_COUNT, SUBHEAD_PCT] if with_pct else [SUBHEAD_COUNT],
        hidden_any=mask.any_hidden,
    )
    if with_pct:
        for row in question["rows"]:
            name = option_row(row["code"])
            cells: list[str] = []
            for col in codes:
                cells += [mask.text(name, col), _pct_text(mask, name, col)]
            model.rows.append(Row(row["label"], tuple(cells)))
    elif qtype == "number" and question.get("stats"):
        model.label_head = "Mått"
        model.sub_heads = [""]
        model.rows.extend(_stat_rows(question["stats"], codes, mask))
    filler = [""] if with_pct else []
    shown = ["answered", "unresolved", "missing", "applicable"]
    if qtype == "number" and question.get("stats"):
        shown.remove("answered")  # the n row says it
    for status in shown:
        values = [mask.value(status, c) for c in codes]
        if status != "answered" and not values[-1]:
            continue
        if status == "applicable" and values == [mask.value("answered", c) for c in codes]:
            continue
        cells = []
        for col in codes:
            cells += [mask.text(status, col), *filler]
        model.rows.append(Row(STATUS_LABELS[status], tuple(cells), "status"))
    return model


def _stat_rows(stats: Mapping[str, Any], codes: list[str], mask: TableMask) -> list[Row]:
    names = [("n", "n"), ("mean", "Medel"), ("median", "Median"), ("min", "Min"), ("max", "Max")]
    rows = []
    for key, label in names:
        cells = []
        for col in codes:
            st = stats.get(col) or {}
            if key == "n":
                cells.append(mask.text("answered", col) if "n" in st else EN_DASH)
            elif mask.small("answered", col):
                cells.append(SECONDARY_MARK)  # a few values would point out the cases
            else:
                decimals = 1 if key == "mean" else 2
                cells.append(format_decimal(st.get(key), decimals))
        rows.append(Row(label, tuple(cells), "stat"))
    return rows


# --- rendering -------------------------------------------------------------------------------

MIN_LABEL_WIDTH = 150.0
#: The left and right padding of every table cell (``styles.data_table_style``).
CELL_PADDING = 4.0


def _longest_word(text: str, font: str, size: float) -> float:
    return max((stringWidth(w, font, size) for w in text.split()), default=0.0)


def _sub_widths(model: TableModel) -> list[float]:
    size = styles.TABLE_SIZE
    widths = []
    for i, head in enumerate(model.sub_heads):
        texts = [head, "100", "<10", SECONDARY_MARK]
        texts += [r.cells[j] for r in model.rows for j in range(i, len(r.cells), len(model.sub_heads))]
        widths.append(max(stringWidth(t, fonts.BOLD, size) for t in texts) + 9)
    return widths


def _column_groups(model: TableModel, width: float) -> list[list[int]]:
    """Split the columns into runs that fit next to the label column."""
    sub = _sub_widths(model)
    group_w = [max(sum(sub), _longest_word(lbl, fonts.BOLD, styles.TABLE_SIZE) + 9) for lbl in model.columns]
    room = width - MIN_LABEL_WIDTH
    groups: list[list[int]] = [[]]
    used = 0.0
    for i, w in enumerate(group_w):
        if groups[-1] and used + w > room:
            groups.append([])
            used = 0.0
        groups[-1].append(i)
        used += w
    return groups


def render(model: TableModel, width: float = styles.FRAME_WIDTH) -> list[Flowable]:
    """Lay the model out as one or more tables (more when the columns do not fit the width)."""
    st = styles.get_styles()
    sub = _sub_widths(model)
    n_sub = len(model.sub_heads)
    flowables: list[Flowable] = []
    for group in _column_groups(model, width):
        col_w: list[float] = []
        for i in group:
            need = _longest_word(model.columns[i], fonts.BOLD, styles.TABLE_SIZE) + 9
            extra = max(0.0, need - sum(sub)) / n_sub
            col_w += [w + extra for w in sub]
        # a short-labelled table need not stretch its numbers far from their labels
        longest = max((stringWidth(r.label, fonts.BOLD, styles.TABLE_SIZE) for r in model.rows), default=0.0)
        label_w = min(width - sum(col_w), max(MIN_LABEL_WIDTH + 70, longest + 16))
        head_rows = 2 if n_sub > 1 or any(model.sub_heads) else 1
        head: list[list[Any]] = [[_cell(model.label_head, st.cell_head, label_w)]]
        if head_rows == 2:
            head.append([""])
        spans: list[tuple[tuple[int, int], tuple[int, int]]] = []
        for k, i in enumerate(group):
            first = 1 + k * n_sub
            span_w = sum(col_w[k * n_sub : (k + 1) * n_sub])
            head[0] += [_cell(model.columns[i], st.cell_head_right, span_w)] + [""] * (n_sub - 1)
            if head_rows == 2:
                head[1] += list(model.sub_heads)
            if n_sub > 1:
                spans.append(((first, 0), (first + n_sub - 1, 0)))
        if head_rows == 2:
            spans.append(((0, 0), (0, 1)))
        body: list[list[Any]] = []
        bold_rows: list[int] = []
        shaded: list[int] = []
        rule_above: list[int] = []
        for r, row in enumerate(model.rows):
            index = head_rows + r
            strong = row.role == "group" or row.label == STATUS_LABELS["answered"]
            style = st.cell_bold if strong else st.cell
            cells = [c for i in group for c in row.cells[i * n_sub : (i + 1) * n_sub]]
            body.append([_cell(row.label, style, label_w), *cells])
            if row.role == "group":
                shaded.append(index)
                bold_rows.append(index)  # a plain-text label takes the row's font
            if row.role == "status" and (r == 0 or model.rows[r - 1].role != "status"):
                rule_above.append(index)
            if row.label == STATUS_LABELS["answered"]:
                bold_rows.append(index)
        table = Table(
            head + body,
            colWidths=[label_w, *col_w],
            repeatRows=head_rows,
            hAlign="LEFT",
            splitByRow=1,
        )
        table.setStyle(
            styles.data_table_style(
                head_rows,
                len(col_w) + 1,
                bold_rows=tuple(bold_rows),
                shaded_rows=tuple(shaded),
                rule_above=tuple(rule_above) if model.rows and rule_above != [head_rows] else (),
                spans=tuple(spans),
                keep_rows=_row_groups(model, head_rows),
            )
        )
        flowables += [table, Spacer(1, 4)]
    return flowables


def _cell(text: str, style: Any, width: float) -> str | Paragraph:
    """The text as it is when it fits on one line (drawn with the row's font, much cheaper to
    lay out), else a Paragraph that wraps."""
    room = width - 2 * CELL_PADDING
    fits = stringWidth(text, style.fontName, style.fontSize) <= room
    if fits and not style.leftIndent and "\n" not in text:
        return text
    return Paragraph(escape(text), style)


def _row_groups(model: TableModel, head_rows: int) -> tuple[tuple[int, int], ...]:
    """Row ranges from each group row to the row before the next, kept on one page."""
    starts = [head_rows + i for i, row in enumerate(model.rows) if row.role == "group"]
    if not starts:
        return ()
    ends = [*starts[1:], head_rows + len(model.rows)]
    return tuple((start, end - 1) for start, end in zip(starts, ends, strict=True))


def suppression_note(limit: int) -> str:
    """The note printed under a table where small-cell protection hid something."""
    return (
        f"&lt;{limit} = färre än {limit} ärenden. {SECONDARY_MARK} = uppgiften redovisas inte "
        f"eftersom den skulle avslöja ett litet antal."
    )
