"""Charts of a question's table: PNG and SVG, offscreen, Swedish labels, greyscale-safe colours."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest

from audit_app.domain.diagnostics import InputRejected
from audit_app.services.audit_settings import set_small_cell_limit
from audit_app.services.charts import (
    SERIES_COLOURS,
    SERIES_HATCHES,
    audit_chart,
    chart_data,
    luma,
    render_chart,
    save_chart,
)
from audit_app.services.context import AppContext
from audit_app.services.demo import create_demo
from audit_app.services.tables import audit_tables

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def demo(ctx: AppContext) -> str:
    """The demo audit's id."""
    return create_demo(ctx)


def test_bars_are_shares_of_answered_per_option_and_column(ctx: AppContext, demo: str) -> None:
    data = audit_chart(ctx, demo, "barn_gp", by="gender")
    assert data.categories[:2] == ["Ja", "Nej"] and data.legend_title == "Kön"
    girls, boys = data.series
    assert (girls.name, boys.name) == ("Flicka", "Pojke")
    assert girls.values[0] == pytest.approx(100 * 3 / 13) and girls.texts[0] == "23\u00a0%"
    assert boys.values[0] == pytest.approx(100 * 2 / 14)
    tables = audit_tables(ctx, demo)
    whole = chart_data(tables, "barn_gp")
    assert [s.name for s in whole.series] == ["Totalt"]


def test_png_and_svg_files_with_swedish_text(ctx: AppContext, demo: str, tmp_path: Path) -> None:
    png = save_chart(ctx, demo, "skal", tmp_path / "skal.png", by="unit")
    assert png.read_bytes().startswith(PNG)
    svg = save_chart(ctx, demo, "skal", tmp_path / "skal.svg", by="unit").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    for text in ("Hässelby-Vällingby", "Skarpnäck", "Andel av besvarade ärenden", "Stadsdelsförvaltning"):
        assert text in svg
    again = render_chart(audit_chart(ctx, demo, "skal", by="unit"), "svg").decode()
    assert again == svg  # the same data gives the same file
    with pytest.raises(InputRejected):
        save_chart(ctx, demo, "skal", tmp_path / "skal.pdf", by="unit")
    with pytest.raises(InputRejected):
        save_chart(ctx, demo, "age", tmp_path / "x.png")  # a number: no options to draw
    with pytest.raises(InputRejected):
        save_chart(ctx, demo, "no_such_question", tmp_path / "x.png")


def test_hidden_counts_draw_no_bar_and_print_their_mark(ctx: AppContext, demo: str) -> None:
    set_small_cell_limit(ctx, demo, 3)
    data = audit_chart(ctx, demo, "barn_gp", by="gender")
    boys = data.series[1]
    assert boys.values[0] is None and boys.texts[0] == "<3"
    assert data.notes and "<3" in data.notes[0]
    assert render_chart(data, "png").startswith(PNG)


def test_series_stay_apart_in_greyscale() -> None:
    lightness = [luma(c) for c in SERIES_COLOURS]
    assert all(abs(a - b) >= 25 for a, b in combinations(lightness, 2))
    assert len(set(SERIES_HATCHES)) == len(SERIES_HATCHES) == len(SERIES_COLOURS)
