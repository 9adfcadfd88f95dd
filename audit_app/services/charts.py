"""Charts of one question's table: a group of bars per option, one bar per column of the breakdown.

Drawn with matplotlib's Agg canvas (no window, no network, no global pyplot state), saved as PNG
or SVG. Bars show the share of answered cases, each with its value as text ("45 %"); a hidden
count (small-cell protection) draws no bar and prints its mark ("<5", ".."). Labels are Swedish;
the series colours differ in lightness and carry hatching, so a greyscale print keeps them apart.
The GUI can embed :func:`chart_figure` in a canvas or show the bytes of :func:`render_chart`.
"""

from __future__ import annotations

import io
import textwrap
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audit_app.domain.diagnostics import InputRejected
from audit_app.domain.suppression import SECONDARY_MARK
from audit_app.domain.table_masks import NO_MASK, TablesMask
from audit_app.services.blinding import check_unblinded
from audit_app.services.context import AppContext
from audit_app.services.table_layout import TOTAL_LABEL, percent
from audit_app.services.table_views import load_views, view_name

if TYPE_CHECKING:
    from matplotlib.figure import Figure

NBSP = "\u00a0"
EN_DASH = "\u2013"
#: Series colours, far apart in lightness (luma 54, 162, 194, 95, 124, 230), and their hatching.
SERIES_COLOURS = ("#1F3A5F", "#E69F00", "#A9C8E6", "#8E5A00", "#4F86BD", "#F3E6C8")
SERIES_HATCHES = ("", "//", "..", "xx", "\\\\", "--")
AXIS_LABEL = "Andel av besvarade ärenden (%)"
FORMATS = {".png": "png", ".svg": "svg"}
#: One chart is drawn at a time (matplotlib is not thread-safe, and saving sets its global
#: settings for a while); the GUI draws in its own thread and in a worker thread.
_DRAWING = threading.Lock()


@dataclass(frozen=True)
class ChartSeries:
    """One column: its name, a share per option (None: no bar) and the text printed by each bar."""

    name: str
    values: list[float | None]
    texts: list[str]


@dataclass(frozen=True)
class ChartData:
    """Everything a chart shows, as plain data."""

    title: str
    categories: list[str]
    series: list[ChartSeries]
    legend_title: str = ""
    notes: list[str] = field(default_factory=list)


def luma(colour: str) -> float:
    """The lightness a greyscale print gives a colour ``#RRGGBB`` (ITU-R BT.601 weights, 0-255)."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.299 * r + 0.587 * g + 0.114 * b


def chart_data(tables: dict[str, Any], question_id: str, mask: TablesMask = NO_MASK,
               view: str = "", legend_title: str = "") -> ChartData:
    """The chart of one question of a table JSON, through a small-cell mask."""
    question = next((q for q in tables["questions"] if q["id"] == question_id), None)
    if question is None:
        raise InputRejected(f"the template has no question '{question_id}'")
    if not question["rows"]:
        raise InputRejected(f"'{question_id}' is a {question['type']} question: only questions with "
                            "options can be drawn as bars")
    columns = [(c["code"], c["label"]) for c in tables["columns"]] or [("total", TOTAL_LABEL)]
    series = []
    hidden_any = False
    for code, label in columns:
        answered = question["answered"][code]
        values: list[float | None] = []
        texts: list[str] = []
        for row in question["rows"]:
            mark = mask.option_mark(view, question_id, row["code"], code)
            if mark is not None or mask.share_hidden(view, question_id, row["code"], code):
                values.append(None)
                texts.append(mark or SECONDARY_MARK)
                hidden_any = True
            elif answered == 0:
                values.append(None)
                texts.append(EN_DASH)
            else:
                share = percent(row["counts"][code], answered) or 0.0
                values.append(share)
                texts.append(f"{share:.0f}{NBSP}%")
        series.append(ChartSeries(label, values, texts))
    notes = []
    if hidden_any and mask.limit is not None:
        notes.append(f"Antal från 1 till {mask.limit - 1} visas som <{mask.limit}; andelar som skulle "
                     "avslöja dem visas som ..")
    return ChartData(f"{question_id}: {question['text']}", [r["label"] for r in question["rows"]],
                     series, legend_title, notes)


def chart_figure(data: ChartData) -> Figure:
    """A matplotlib figure (Agg canvas attached) of the chart."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    n_cat, n_ser = len(data.categories), max(len(data.series), 1)
    group = 0.8
    bar = group / n_ser
    height = 1.6 + n_cat * max(0.45, 0.22 * n_ser) + 0.18 * len(data.notes)
    fig = Figure(figsize=(8.0, height), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    centres = [float(n_cat - 1 - i) for i in range(n_cat)]
    for s, series in enumerate(data.series):
        offset = (n_ser - 1) / 2 * bar - s * bar
        ys = [c + offset for c in centres]
        widths = [v or 0.0 for v in series.values]
        ax.barh(ys, widths, height=bar * 0.9, color=SERIES_COLOURS[s % len(SERIES_COLOURS)],
                hatch=SERIES_HATCHES[(s + s // len(SERIES_COLOURS)) % len(SERIES_HATCHES)],
                edgecolor="#1A1A1A", linewidth=0.5, label=series.name)
        for y, w, text in zip(ys, widths, series.texts, strict=True):
            ax.text(w + 1.0, y, text, va="center", ha="left", fontsize=7.5, color="#1A1A1A")
    ax.set_yticks(centres, ["\n".join(textwrap.wrap(c, 32)) or c for c in data.categories], fontsize=8.5)
    ax.set_xlim(0, 112)
    ax.set_xticks([0, 20, 40, 60, 80, 100])
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: f"{x:.0f}{NBSP}%"))
    ax.set_xlabel(AXIS_LABEL, fontsize=8.5)
    ax.tick_params(axis="x", labelsize=8)
    ax.grid(axis="x", color="#D5D8DC", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_title("\n".join(textwrap.wrap(data.title, 80)), loc="left", fontsize=10)
    if len(data.series) > 1:
        ax.legend(title=data.legend_title or None, fontsize=8, title_fontsize=8, frameon=False,
                  loc="upper left", bbox_to_anchor=(1.0, 1.0))
    if data.notes:
        fig.supxlabel("\n".join(data.notes), fontsize=7.5, x=0.0, ha="left", color="#5F6368")
    return fig


def render_chart(data: ChartData, fmt: str = "png") -> bytes:
    """The chart as PNG (150 dpi) or SVG bytes; the same data gives the same bytes."""
    if fmt not in FORMATS.values():
        raise InputRejected(f"unknown chart format '{fmt}': use png or svg")
    from matplotlib import rc_context

    buffer = io.BytesIO()
    with _DRAWING, rc_context({"svg.fonttype": "none", "svg.hashsalt": "audit-app"}):
        figure = chart_figure(data)
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        figure.savefig(buffer, format=fmt, dpi=150, metadata=metadata)
    return buffer.getvalue()


def audit_chart(ctx: AppContext, audit_ref: str, question_id: str, by: str | None = None,
                by2: str | None = None) -> ChartData:
    """The chart of one question of an audit by a breakdown, through its small-cell limit.

    Refused (``Blinded``) while a colleague review is in its review phase.
    """
    check_unblinded(ctx, audit_ref, "the chart")
    views = load_views(ctx, audit_ref, [(by, by2)])
    name = view_name(by, by2)
    names = []
    for item in (by, by2):
        if item:
            found = views.template.field(item)
            question = views.template.question(item)
            names.append(found.label if found is not None else question.text if question else item)
    legend = " × ".join(names)
    return chart_data(views.views[name], question_id, views.mask, name, legend)


def save_chart(ctx: AppContext, audit_ref: str, question_id: str, out: Path, *,
               by: str | None = None, by2: str | None = None) -> Path:
    """Draw one question's chart and write it to ``out`` (.png or .svg)."""
    fmt = FORMATS.get(out.suffix.lower())
    if fmt is None:
        raise InputRejected(f"{out}: the chart file must end in .png or .svg")
    out.write_bytes(render_chart(audit_chart(ctx, audit_ref, question_id, by, by2), fmt))
    return out
