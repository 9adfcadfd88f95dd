"""Every paragraph style, table style, colour and measure of the report, in one place.

The look follows the reports Swedish municipalities publish: A4, wide margins, a sober sans-serif,
dark blue headings, tables with thin rules and a light header shade, numbers right-aligned.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import TableStyle

from audit_app.report import fonts

# --- page geometry -------------------------------------------------------------------------
PAGE_SIZE = A4
MARGIN_LEFT = 25 * mm
MARGIN_RIGHT = 25 * mm
MARGIN_TOP = 27 * mm
MARGIN_BOTTOM = 25 * mm
FRAME_WIDTH = PAGE_SIZE[0] - MARGIN_LEFT - MARGIN_RIGHT
FRAME_HEIGHT = PAGE_SIZE[1] - MARGIN_TOP - MARGIN_BOTTOM
HEADER_Y = PAGE_SIZE[1] - 15 * mm
FOOTER_Y = 13 * mm

# --- colours -------------------------------------------------------------------------------
INK = colors.HexColor("#1A1A1A")
ACCENT = colors.HexColor("#1F3A5F")  # headings, title page band
MUTED = colors.HexColor("#5F6368")  # header, footer, captions
PLACEHOLDER = colors.HexColor("#8A8F96")
RULE = colors.HexColor("#7A7F87")
HAIRLINE = colors.HexColor("#D5D8DC")
HEADER_SHADE = colors.HexColor("#E9EEF4")
SUBTOTAL_SHADE = colors.HexColor("#F5F6F8")
BOX_SHADE = colors.HexColor("#F2F5F8")

#: Chart series colours, ordered so neighbours differ strongly in lightness (greyscale print);
#: bars also keep the legend's order inside each group.
SERIES_COLOURS = (
    colors.HexColor("#1F3A5F"),  # dark blue
    colors.HexColor("#E69F00"),  # orange
    colors.HexColor("#A9C8E6"),  # light blue
    colors.HexColor("#5B5B5B"),  # dark grey
    colors.HexColor("#F3D9A6"),  # sand
    colors.HexColor("#4F86BD"),  # mid blue
    colors.HexColor("#9E9E9E"),  # grey
)

# --- type ----------------------------------------------------------------------------------
BODY_SIZE = 10
TABLE_SIZE = 8.5
CHART_SIZE = 7.5


@dataclass(frozen=True)
class Styles:
    """The paragraph styles, by role."""

    body: ParagraphStyle
    body_first: ParagraphStyle
    bullet: ParagraphStyle
    placeholder: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    question: ParagraphStyle
    caption: ParagraphStyle
    note: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    title_org: ParagraphStyle
    title_fact: ParagraphStyle
    toc_heading: ParagraphStyle
    toc_levels: tuple[ParagraphStyle, ...]
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_indent: ParagraphStyle
    cell_head: ParagraphStyle
    cell_head_right: ParagraphStyle
    cell_number: ParagraphStyle
    box_title: ParagraphStyle
    box_text: ParagraphStyle
    appendix_question: ParagraphStyle
    appendix_detail: ParagraphStyle


@cache
def get_styles() -> Styles:
    """Build the styles once (after registering the fonts they name)."""
    regular = fonts.register_fonts()
    base = ParagraphStyle(
        "body",
        fontName=regular,
        fontSize=BODY_SIZE,
        leading=14.5,
        textColor=INK,
        spaceAfter=7,
        alignment=TA_LEFT,
        embeddedHyphenation=1,
        splitLongWords=1,
    )

    def derive(name: str, parent: ParagraphStyle = base, **kw: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=parent, **kw)

    heading = derive("heading", fontName=fonts.BOLD, textColor=ACCENT, keepWithNext=1)
    cell = derive("cell", fontSize=TABLE_SIZE, leading=10.5, spaceAfter=0)
    return Styles(
        body=base,
        body_first=derive("body_first"),
        bullet=derive("bullet", leftIndent=14, bulletIndent=3, spaceAfter=3),
        placeholder=derive("placeholder", fontName=fonts.ITALIC, textColor=PLACEHOLDER),
        h1=derive("h1", heading, fontSize=18, leading=22, spaceBefore=26, spaceAfter=12),
        h2=derive("h2", heading, fontSize=13, leading=16.5, spaceBefore=14, spaceAfter=6),
        h3=derive("h3", heading, fontSize=11, leading=14, spaceBefore=10, spaceAfter=4),
        question=derive(
            "question",
            heading,
            fontSize=10.5,
            leading=13.5,
            textColor=INK,
            spaceBefore=14,
            spaceAfter=4,
            leftIndent=22,
            firstLineIndent=-22,
        ),
        caption=derive("caption", fontSize=8, leading=10.5, textColor=MUTED, spaceAfter=10),
        note=derive("note", fontSize=8.5, leading=11.5, textColor=MUTED, spaceAfter=6),
        title=derive("title", fontName=fonts.BOLD, fontSize=26, leading=32, textColor=ACCENT, spaceAfter=14),
        subtitle=derive("subtitle", fontSize=14, leading=19, textColor=INK, spaceAfter=8),
        title_org=derive("title_org", fontName=fonts.BOLD, fontSize=12, leading=15, textColor=ACCENT),
        title_fact=derive("title_fact", fontSize=9.5, leading=13.5, textColor=INK, spaceAfter=0),
        toc_heading=derive("toc_heading", heading, fontSize=18, leading=22, spaceAfter=14),
        toc_levels=(
            derive(
                "toc0",
                fontName=fonts.BOLD,
                fontSize=10.5,
                leading=14,
                leftIndent=0,
                firstLineIndent=0,
                spaceBefore=7,
                spaceAfter=0,
            ),
            derive(
                "toc1",
                fontSize=9.5,
                leading=13,
                leftIndent=14,
                firstLineIndent=0,
                spaceBefore=0,
                spaceAfter=0,
            ),
        ),
        cell=cell,
        cell_bold=derive("cell_bold", cell, fontName=fonts.BOLD),
        cell_indent=derive("cell_indent", cell, leftIndent=8),
        cell_head=derive("cell_head", cell, fontName=fonts.BOLD),
        cell_head_right=derive("cell_head_right", cell, fontName=fonts.BOLD, alignment=TA_RIGHT),
        cell_number=derive("cell_number", cell, alignment=TA_RIGHT),
        box_title=derive(
            "box_title", fontName=fonts.BOLD, fontSize=9.5, leading=13, textColor=ACCENT, spaceAfter=3
        ),
        box_text=derive("box_text", fontSize=9.5, leading=13.5, spaceAfter=4),
        appendix_question=derive(
            "appendix_question",
            fontName=fonts.BOLD,
            fontSize=9.5,
            leading=12.5,
            spaceBefore=8,
            spaceAfter=2,
            leftIndent=26,
            firstLineIndent=-26,
            keepWithNext=1,
        ),
        appendix_detail=derive("appendix_detail", fontSize=8.5, leading=11.5, leftIndent=26, spaceAfter=1),
    )


def data_table_style(
    header_rows: int,
    n_columns: int,
    *,
    bold_rows: tuple[int, ...] = (),
    shaded_rows: tuple[int, ...] = (),
    rule_above: tuple[int, ...] = (),
    spans: tuple[tuple[tuple[int, int], tuple[int, int]], ...] = (),
    keep_rows: tuple[tuple[int, int], ...] = (),
) -> TableStyle:
    """The style of every numeric table: thin rules, shaded header, right-aligned numbers."""
    last_head = header_rows - 1
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), fonts.REGULAR, TABLE_SIZE, 10.5),
        ("FONT", (0, 0), (-1, last_head), fonts.BOLD, TABLE_SIZE, 10.5),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, last_head), "BOTTOM"),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("BACKGROUND", (0, 0), (-1, last_head), HEADER_SHADE),
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, RULE),
        ("LINEBELOW", (0, last_head), (-1, last_head), 0.6, RULE),
        ("LINEBELOW", (0, header_rows), (-1, -2), 0.25, HAIRLINE),
        ("LINEBELOW", (0, -1), (-1, -1), 0.8, RULE),
    ]
    for row in shaded_rows:
        commands.append(("BACKGROUND", (0, row), (-1, row), SUBTOTAL_SHADE))
    for row in bold_rows:
        commands.append(("FONT", (0, row), (-1, row), fonts.BOLD, TABLE_SIZE, 10.5))
    for row in rule_above:
        commands.append(("LINEABOVE", (0, row), (-1, row), 0.6, RULE))
    for start, end in spans:
        commands.append(("SPAN", start, end))
    for first, last in keep_rows:  # a group of rows that a page break may not cut
        commands.append(("NOSPLIT", (0, first), (-1, last)))
    if n_columns > 1 and header_rows > 1:
        commands.append(("LINEBELOW", (1, 0), (-1, last_head - 1), 0.25, HAIRLINE))
    return TableStyle(commands)


def box_style() -> TableStyle:
    """A light shaded box with a left accent rule, for case examples (typexempel)."""
    return TableStyle(
        [
            ("BACKGROUND", (0, 0), (-1, -1), BOX_SHADE),
            ("LINEBEFORE", (0, 0), (0, -1), 2.5, ACCENT),
            ("LEFTPADDING", (0, 0), (-1, -1), 10),
            ("RIGHTPADDING", (0, 0), (-1, -1), 10),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ("TOPPADDING", (0, 0), (-1, 0), 8),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
        ]
    )
