"""The table of contents in one rendering pass: entries known before layout, page numbers drawn last.

Which headings the contents lists (and so its size) is known from the story before anything is
laid out; only their page numbers are not. Each number is drawn as a reference to a PDF form
(XObject) that the numbered canvas defines once every page is done, so the report is laid out and
drawn once, where ReportLab's ``multiBuild`` would lay it out and draw it twice.
"""

from __future__ import annotations

from ast import literal_eval
from collections.abc import Iterable
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether
from reportlab.platypus.tableofcontents import TableOfContents

from audit_app.report import styles
from audit_app.report.templates import TOC_DEPTH

#: Room kept for a page number at the right edge (the dotted leaders stop before it).
NUMBER_ROOM = "999"
DOT = " . "
#: Entry: (level, heading markup, page placeholder, outline key).
Entry = tuple[int, str, int, str]


def form_name(key: str) -> str:
    """The name of the PDF form that prints a heading's page number."""
    return f"tocpage_{key}"


def toc_entries(flowables: Iterable[Flowable]) -> list[Entry]:
    """The headings the contents lists, in story order (also those inside a KeepTogether)."""
    out: list[Entry] = []
    for flowable in flowables:
        if isinstance(flowable, KeepTogether):
            out += toc_entries(flowable._content)
            continue
        level = getattr(flowable, "outline_level", None)
        if level is not None and level < TOC_DEPTH and getattr(flowable, "outline_toc", True):
            out.append((level, flowable.outline_text, 0, flowable.outline_key))
    return out


class OnePassContents(TableOfContents):
    """A TableOfContents filled before layout whose page numbers are forms defined at the end."""

    def prefill(self, entries: list[Entry]) -> None:
        """Lay out these entries (ReportLab's own would only be known after a first pass)."""
        self._lastEntries = list(entries)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        """Lay out as ReportLab does, with our callback for the end of each entry."""
        size = super().wrap(availWidth, availHeight)

        def entry_end(canvas: Any, kind: str, label: str) -> None:
            parts = label.split(",")
            level, key = int(parts[1]), literal_eval(parts[2])
            style = self.getLevelStyle(level)
            x, y = canvas._curr_tx_info["cur_x"], canvas._curr_tx_info["cur_y"]
            room = stringWidth(NUMBER_ROOM, style.fontName, style.fontSize)
            if self.dotsMinLevel >= 0 and level >= self.dotsMinLevel:
                dot_w = stringWidth(DOT, style.fontName, style.fontSize)
                dots = int((availWidth - x - room) / dot_w)
                if dots > 0:
                    text = canvas.beginText(availWidth - room - dots * dot_w, y)
                    text.setFont(style.fontName, style.fontSize)
                    text.setFillColor(style.textColor)
                    text.textLine(DOT * dots)
                    canvas.drawText(text)
            canvas.saveState()
            canvas.translate(availWidth, y)
            canvas.doForm(form_name(key))
            canvas.restoreState()
            canvas.toc_forms[key] = (style.fontName, style.fontSize, style.textColor)

        self.canv.setNamedCB("drawTOCEntryEnd", entry_end)
        return size


def table_of_contents() -> OnePassContents:
    """The contents flowable with the report's level styles and dotted leaders."""
    toc = OnePassContents(dotsMinLevel=1)  # chapters: number only; sections: dotted
    toc.levelStyles = list(styles.get_styles().toc_levels)
    return toc


def define_page_numbers(canvas: Any, pages: dict[str, int], forms: dict[str, tuple[Any, ...]]) -> None:
    """Define every referenced page-number form (call after the last page, before saving)."""
    for key, (font, size, colour) in forms.items():
        canvas.beginForm(form_name(key), lowerx=-200, lowery=-size, upperx=1, uppery=2 * size)
        canvas.setFont(font, size)
        canvas.setFillColor(colour)
        canvas.drawRightString(0, 0, str(pages.get(key, "")))
        canvas.endForm()
