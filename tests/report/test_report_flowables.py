"""The report's Paragraph and Table reuse their layout per width and give ReportLab's sizes."""

from __future__ import annotations

from reportlab.platypus import Paragraph as PlainParagraph
from reportlab.platypus import Table as PlainTable

from audit_app.report import styles
from audit_app.report.flowables import Paragraph, Table

TEXT = "Har barnet varit delaktigt i genomförandeplanen och i uppföljningen av insatsen? " * 4


def test_a_paragraph_has_reportlabs_size_at_every_width_and_again() -> None:
    style = styles.get_styles().body
    ours, plain = Paragraph(TEXT, style), PlainParagraph(TEXT, style)
    for width in (400.0, 200.0, 400.0, 400.0):
        assert ours.wrap(width, 800) == plain.wrap(width, 800)


def test_a_paragraph_pushed_on_by_split_is_laid_out_again() -> None:
    ours = Paragraph(TEXT, styles.get_styles().body)
    size = ours.wrap(300, 800)
    del ours.blPara  # what ReportLab's split does when it moves the whole paragraph on
    assert ours.wrap(300, 800) == size and ours.blPara.lines


def test_a_long_table_sized_for_a_little_room_is_sized_in_full_for_more() -> None:
    rows = [[f"rad {i}", str(i)] for i in range(400)]
    ours = Table(rows, colWidths=[100, 40], longTableOptimize=1)
    plain = PlainTable(rows, colWidths=[100, 40], longTableOptimize=1)
    ours.wrap(200, 50)
    assert ours.wrap(200, 10_000) == plain.wrap(200, 10_000)
    assert ours.wrap(200, 10_000) == plain.wrap(200, 10_000)
