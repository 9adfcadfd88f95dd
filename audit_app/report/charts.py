"""Charts as ReportLab flowables drawn from a few plain shapes, so every label can wrap.

``GroupedBarChart`` is a horizontal bar chart: one group of bars per answer option, one bar per
column of the breakdown (each its own colour, always in legend order), a percentage axis and a
legend. Colours differ in lightness so a greyscale print still tells them apart; every bar also
carries its value as text. The shapes are plain tuples drawn straight onto the PDF canvas:
ReportLab's graphics shapes (each attribute checked as it is set) and renderPDF's general walk (a
graphics state per shape) cost several times more for these three kinds of shape.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from reportlab.lib.colors import Color
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from audit_app.report import fonts, styles
from audit_app.report.text import NBSP


class Line(NamedTuple):
    """A stroked line."""

    x1: float
    y1: float
    x2: float
    y2: float
    strokeColor: Color  # noqa: N815 - the names of ReportLab's shapes
    strokeWidth: float  # noqa: N815


class Rect(NamedTuple):
    """A filled and stroked rectangle."""

    x: float
    y: float
    width: float
    height: float
    fillColor: Color  # noqa: N815
    strokeColor: Color  # noqa: N815
    strokeWidth: float  # noqa: N815


class String(NamedTuple):
    """One line of text, anchored at its start, middle or end."""

    x: float
    y: float
    text: str
    fontName: str  # noqa: N815
    fontSize: float  # noqa: N815
    fillColor: Color  # noqa: N815
    textAnchor: str = "start"  # noqa: N815


@dataclass(frozen=True)
class Series:
    """One column of the breakdown: its name, a value per category (None = hidden), the texts."""

    name: str
    values: Sequence[float | None]
    texts: Sequence[str]


@dataclass
class _Layout:
    """Measures of one chart, worked out before drawing."""

    categories: list[str]
    series: list[Series]
    width: float
    max_value: float
    font_size: float = styles.CHART_SIZE
    leading: float = styles.CHART_SIZE + 1.8
    value_room: float = 30.0
    axis_room: float = 13.0
    legend_row: float = 12.0
    group_gap: float = 7.0
    bar_gap: float = 1.0

    def __post_init__(self) -> None:
        n = len(self.series)
        self.bar_h = 8.0 if n <= 2 else (6.5 if n <= 4 else 5.0)
        self.label_w = 0.3 * self.width  # the same in every chart, so bars line up page to page
        self.plot_x = self.label_w + 6
        self.plot_w = self.width - self.plot_x - self.value_room
        self.label_lines = [
            simpleSplit(c, fonts.REGULAR, self.font_size, self.label_w) or [""] for c in self.categories
        ]
        self.legend_rows = self._legend_layout() if n > 1 else []
        self.bars_h = n * self.bar_h + (n - 1) * self.bar_gap
        self.group_heights = [max(self.bars_h, len(ls) * self.leading) for ls in self.label_lines]
        plot_h = sum(self.group_heights) + self.group_gap * (len(self.categories) + 1)
        legend_h = len(self.legend_rows) * self.legend_row + (6 if self.legend_rows else 0)
        self.height = plot_h + self.axis_room + legend_h + 4
        self.plot_bottom = self.axis_room + legend_h
        self.plot_top = self.plot_bottom + plot_h

    def _legend_layout(self) -> list[list[tuple[int, float]]]:
        """Legend entries as rows of (series index, x offset) that fit the width."""
        rows: list[list[tuple[int, float]]] = [[]]
        x = 0.0
        for i, s in enumerate(self.series):
            w = 12 + stringWidth(s.name, fonts.REGULAR, self.font_size) + 14
            if x + w > self.width and rows[-1]:
                rows.append([])
                x = 0.0
            rows[-1].append((i, x))
            x += w
        return rows

    def x(self, value: float) -> float:
        """The x position of a value on the axis."""
        return self.plot_x + self.plot_w * max(0.0, min(value, self.max_value)) / self.max_value


def series_colour(index: int) -> Color:
    """The fill colour of the index-th series."""
    return styles.SERIES_COLOURS[index % len(styles.SERIES_COLOURS)]


class GroupedBarChart(Flowable):
    """A horizontal grouped bar chart of percentages (0-100) that fits ``width`` points."""

    def __init__(
        self,
        categories: Sequence[str],
        series: Sequence[Series],
        width: float,
        *,
        max_value: float = 100.0,
    ) -> None:
        if not categories or not series or any(len(s.values) != len(categories) for s in series):
            raise ValueError("every series needs one value per category")
        fonts.register_fonts()
        lay = _Layout(list(categories), list(series), width, max_value)
        super().__init__()
        self.width, self.height = width, lay.height
        self.contents: list[Line | Rect | String] = []
        _draw_grid(self, lay)
        _draw_groups(self, lay)
        _draw_legend(self, lay)

    def add(self, shape: Line | Rect | String) -> None:
        """Append a shape (drawn in order)."""
        self.contents.append(shape)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        """The chart's fixed size."""
        return self.width, self.height

    def draw(self) -> None:
        """Draw the shapes straight onto the PDF canvas."""
        _draw_direct(self.canv, self.contents)


_ANCHORED = {"start": "drawString", "middle": "drawCentredString", "end": "drawRightString"}


def _draw_direct(canvas: Any, shapes: Sequence[Any]) -> None:
    canvas.saveState()
    fill = stroke = width = font = None
    for shape in shapes:
        if isinstance(shape, String):
            if (shape.fontName, shape.fontSize) != font:
                font = (shape.fontName, shape.fontSize)
                canvas.setFont(*font)
            if shape.fillColor != fill:
                fill = shape.fillColor
                canvas.setFillColor(fill)
            getattr(canvas, _ANCHORED[shape.textAnchor])(shape.x, shape.y, shape.text)
            continue
        if shape.strokeColor != stroke:
            stroke = shape.strokeColor
            canvas.setStrokeColor(stroke)
        if shape.strokeWidth != width:
            width = shape.strokeWidth
            canvas.setLineWidth(width)
        if isinstance(shape, Rect):
            if shape.fillColor != fill:
                fill = shape.fillColor
                canvas.setFillColor(fill)
            canvas.rect(shape.x, shape.y, shape.width, shape.height, stroke=1, fill=1)
        elif isinstance(shape, Line):
            canvas.line(shape.x1, shape.y1, shape.x2, shape.y2)
        else:  # pragma: no cover - the chart only makes the three kinds above
            raise TypeError(f"cannot draw {type(shape).__name__}")
    canvas.restoreState()


def _draw_grid(d: GroupedBarChart, lay: _Layout) -> None:
    for tick in range(0, int(lay.max_value) + 1, 25):
        x = lay.x(tick)
        d.add(Line(x, lay.plot_bottom, x, lay.plot_top, strokeColor=styles.HAIRLINE, strokeWidth=0.4))
        d.add(
            String(
                x,
                lay.plot_bottom - 9,
                f"{tick}{NBSP}%",
                fontName=fonts.REGULAR,
                fontSize=lay.font_size - 0.5,
                fillColor=styles.MUTED,
                textAnchor="middle",
            )
        )
    d.add(
        Line(lay.plot_x, lay.plot_bottom, lay.plot_x, lay.plot_top, strokeColor=styles.RULE, strokeWidth=0.6)
    )


def _draw_groups(d: GroupedBarChart, lay: _Layout) -> None:
    y_top = lay.plot_top - lay.group_gap
    for i, lines in enumerate(lay.label_lines):
        group_h = lay.group_heights[i]
        mid = y_top - group_h / 2  # labels and bars are both centred on the group's middle
        text_top = mid + len(lines) * lay.leading / 2
        for j, line in enumerate(lines):
            d.add(
                String(
                    0,
                    text_top - (j + 1) * lay.leading + 2,
                    line,
                    fontName=fonts.REGULAR,
                    fontSize=lay.font_size,
                    fillColor=styles.INK,
                )
            )
        bar_y = mid + lay.bars_h / 2
        for k, s in enumerate(lay.series):
            bar_y -= lay.bar_h
            value = s.values[i]
            end = lay.plot_x
            if value is not None and value > 0:
                end = lay.x(value)
                d.add(
                    Rect(
                        lay.plot_x,
                        bar_y,
                        end - lay.plot_x,
                        lay.bar_h,
                        fillColor=series_colour(k),
                        strokeColor=styles.INK,
                        strokeWidth=0.25,
                    )
                )
            d.add(
                String(
                    end + 2.5,
                    bar_y + lay.bar_h / 2 - lay.font_size * 0.35,
                    s.texts[i],
                    fontName=fonts.REGULAR,
                    fontSize=lay.font_size - 0.5,
                    fillColor=styles.INK,
                )
            )
            bar_y -= lay.bar_gap
        y_top -= group_h + lay.group_gap


def _draw_legend(d: GroupedBarChart, lay: _Layout) -> None:
    y = lay.plot_bottom - lay.axis_room - lay.legend_row
    for row in lay.legend_rows:
        for index, x in row:
            d.add(Rect(x, y, 9, 7, fillColor=series_colour(index), strokeColor=styles.INK, strokeWidth=0.25))
            d.add(
                String(
                    x + 12,
                    y + 0.8,
                    lay.series[index].name,
                    fontName=fonts.REGULAR,
                    fontSize=lay.font_size,
                    fillColor=styles.INK,
                )
            )
        y -= lay.legend_row
