"""Page templates: the title page, content pages with a running header, and the "N (M)" footer.

``ReportDocument`` knows the two page templates and feeds headings to the table of contents and
the PDF outline. ``numbered_canvas`` makes a canvas class that holds every page until the end so
the footer can say "page N of M" as "N (M)", the way Swedish reports number pages.
"""

from __future__ import annotations

import re
from html import unescape
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from audit_app.report import fonts, styles
from audit_app.report.flowables import Paragraph

TITLE_TEMPLATE = "title"
CONTENT_TEMPLATE = "content"

#: Heading levels that appear in the table of contents (deeper ones only in the PDF outline).
TOC_DEPTH = 2


def heading(text: str, style: Any, level: int, key: str, *, toc: bool = True) -> Paragraph:
    """A heading paragraph listed in the PDF outline and, above TOC_DEPTH, in the contents."""
    para = Paragraph(text, style)
    para.outline_toc = toc
    para.outline_level = level
    para.outline_key = key
    para.outline_text = text
    return para


def numbered_canvas(footer_title: str) -> type[Canvas]:
    """A canvas class that writes the footer's title and "N (M)" once the page count is known."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._page_states: list[dict[str, Any]] = []
            self.toc_pages: dict[str, int] = {}  # heading key -> page (the contents' numbers)
            self.toc_forms: dict[str, tuple[Any, ...]] = {}

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            self._page_states.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._page_states)
            for state in self._page_states:
                self.__dict__.update(state)
                self._draw_footer(total)
                super().showPage()
            from audit_app.report.contents import define_page_numbers

            define_page_numbers(self, self.toc_pages, self.toc_forms)
            super().save()

        def _draw_footer(self, total: int) -> None:
            self.saveState()
            self.setStrokeColor(styles.HAIRLINE)
            self.setLineWidth(0.5)
            y = styles.FOOTER_Y
            self.line(styles.MARGIN_LEFT, y + 10, styles.PAGE_SIZE[0] - styles.MARGIN_RIGHT, y + 10)
            self.setFont(fonts.REGULAR, 8)
            self.setFillColor(styles.MUTED)
            number = f"{self._pageNumber} ({total})"
            right = styles.PAGE_SIZE[0] - styles.MARGIN_RIGHT
            room = styles.FRAME_WIDTH - self.stringWidth(number, fonts.REGULAR, 8) - 12
            self.drawString(styles.MARGIN_LEFT, y, _fit(self, footer_title, room, 8))
            self.drawRightString(right, y, number)
            self.restoreState()

    return NumberedCanvas


def _fit(canvas: Canvas, text: str, width: float, size: float) -> str:
    """Shorten a one-line text with an ellipsis so it fits ``width``."""
    if canvas.stringWidth(text, fonts.REGULAR, size) <= width:
        return text
    while text and canvas.stringWidth(text + "…", fonts.REGULAR, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


class ReportDocument(BaseDocTemplate):
    """A4 document with a title page and content pages; headings feed the TOC and outline."""

    def __init__(self, output: Any, *, header_left: str, header_right: str, **kwargs: Any):
        super().__init__(
            output,
            pagesize=styles.PAGE_SIZE,
            leftMargin=styles.MARGIN_LEFT,
            rightMargin=styles.MARGIN_RIGHT,
            topMargin=styles.MARGIN_TOP,
            bottomMargin=styles.MARGIN_BOTTOM,
            **kwargs,
        )
        self.header_left = header_left
        self.header_right = header_right
        frame = Frame(
            self.leftMargin,
            self.bottomMargin,
            self.width,
            self.height,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        title_frame = Frame(
            self.leftMargin,
            self.bottomMargin,
            self.width,
            self.height - 20 * mm,
            id="title",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates(
            [
                PageTemplate(TITLE_TEMPLATE, [title_frame], onPage=self._draw_title_page),
                PageTemplate(CONTENT_TEMPLATE, [frame], onPage=self._draw_header),
            ]
        )

    def _draw_title_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        width, height = styles.PAGE_SIZE
        canvas.saveState()
        canvas.setFillColor(styles.ACCENT)
        canvas.rect(0, height - 14 * mm, width, 14 * mm, stroke=0, fill=1)
        canvas.rect(styles.MARGIN_LEFT, height * 0.56, 30 * mm, 1.6 * mm, stroke=0, fill=1)
        canvas.restoreState()

    def _draw_header(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(fonts.REGULAR, 8)
        canvas.setFillColor(styles.MUTED)
        y = styles.HEADER_Y
        right = styles.PAGE_SIZE[0] - styles.MARGIN_RIGHT
        # the organisation gets at most 40 % of the line, the title the rest
        header_right = _fit(canvas, self.header_right, 0.4 * styles.FRAME_WIDTH, 8)
        right_w = canvas.stringWidth(header_right, fonts.REGULAR, 8)
        room = styles.FRAME_WIDTH - right_w - (12 if right_w else 0)
        canvas.drawString(styles.MARGIN_LEFT, y, _fit(canvas, self.header_left, room, 8))
        if header_right:
            canvas.drawRightString(right, y, header_right)
        canvas.setStrokeColor(styles.HAIRLINE)
        canvas.setLineWidth(0.5)
        canvas.line(styles.MARGIN_LEFT, y - 4, right, y - 4)
        canvas.restoreState()

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - ReportLab's name
        """Register headings in the TOC and the PDF outline."""
        level = getattr(flowable, "outline_level", None)
        if level is None:
            return
        key = flowable.outline_key
        text = flowable.outline_text
        self.canv.bookmarkPage(key)
        pages = getattr(self.canv, "toc_pages", None)
        if pages is not None:
            pages[key] = self.page
        self.canv.addOutlineEntry(_plain(text), key, level=level, closed=level >= 1)
        if level < TOC_DEPTH and getattr(flowable, "outline_toc", True):
            self.notify("TOCEntry", (level, text, self.page, key))


def _plain(markup: str) -> str:
    """Paragraph markup without tags or entities, for the PDF outline."""
    return unescape(re.sub(r"<[^>]+>", "", markup))
