"""The story being written: headings with outline keys, body text, placeholders and boxes.

Chapter modules append to one ``Story``; it escapes every text the user typed (so "<", "&" and
quotation marks print as typed) and turns an inspector's plain text into paragraphs and lists.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer

from audit_app.report import styles
from audit_app.report.flowables import Paragraph, Table
from audit_app.report.templates import heading

PLACEHOLDER = "[Text skrivs av inspektören]"

_BULLET = re.compile(r"^\s*(?:[-*•–])\s+")


class Story:
    """A list of flowables with helpers for the report's building blocks."""

    def __init__(self) -> None:
        self.flowables: list[Flowable] = []
        self.styles = styles.get_styles()
        self._keys = 0

    def _key(self) -> str:
        self._keys += 1
        return f"h{self._keys}"

    def add(self, *flowables: Flowable) -> None:
        """Append flowables as they are."""
        self.flowables.extend(flowables)

    def chapter(self, title: str, *, new_page: bool = False) -> None:
        """A top-level chapter heading (TOC level 0), on a new page or where room allows."""
        self.add(PageBreak() if new_page else CondPageBreak(60 * mm))
        self.add(heading(escape(title), self.styles.h1, 0, self._key()))

    def section(self, title: str, *, toc: bool = True) -> None:
        """A sub-chapter heading (TOC level 1 unless ``toc`` is false)."""
        self.add(
            CondPageBreak(40 * mm),
            heading(escape(title), self.styles.h2, 1, self._key(), toc=toc),
        )

    def section_heading(self, title: str) -> list[Flowable]:
        """A sub-chapter heading to place with what follows it (e.g. inside a KeepTogether)."""
        return [heading(escape(title), self.styles.h2, 1, self._key())]

    def subsection(self, title: str) -> None:
        """A third-level heading (outline only)."""
        self.add(heading(escape(title), self.styles.h3, 2, self._key()))

    def question_heading(self, number: str, text: str) -> Paragraph:
        """A question's heading, "2.3  text", listed in the PDF outline only."""
        return heading(
            f"{escape(number)}<font color='#5F6368'>\u2002</font>{escape(text)}",
            self.styles.question,
            2,
            self._key(),
        )

    def para(self, text: str, style: ParagraphStyle | None = None) -> None:
        """One paragraph of plain text."""
        self.add(Paragraph(escape(text), style or self.styles.body))

    def paras(self, texts: Iterable[str]) -> None:
        """Several paragraphs of plain text."""
        for text in texts:
            self.para(text)

    def placeholder(self) -> None:
        """The grey italic marker for text the inspector has not written yet."""
        self.para(PLACEHOLDER, self.styles.placeholder)

    def inspector_text(self, text: str) -> None:
        """The inspector's own text: blank lines separate paragraphs, "- " starts a list item."""
        for block in re.split(r"\n\s*\n", text.strip()):
            lines = [ln for ln in block.splitlines() if ln.strip()]
            if lines and all(_BULLET.match(ln) for ln in lines):
                for ln in lines:
                    self.add(Paragraph(escape(_BULLET.sub("", ln)), self.styles.bullet, bulletText="•"))
            elif lines:
                self.add(Paragraph("<br/>".join(escape(ln.strip()) for ln in lines), self.styles.body))

    def narrative(self, text: str, default: Iterable[str] | None = None) -> None:
        """The inspector's text, else the generated default, else the placeholder."""
        if text:
            self.inspector_text(text)
        elif default is not None:
            self.paras(default)
        else:
            self.placeholder()

    def box(self, title: str, text: str) -> None:
        """A shaded box with a title, for a case example (typexempel); long ones split by row."""
        rows: list[list[Flowable]] = [[Paragraph(escape(title), self.styles.box_title)]]
        for block in re.split(r"\n\s*\n", text.strip()):
            lines = "<br/>".join(escape(ln.strip()) for ln in block.splitlines())
            rows.append([Paragraph(lines, self.styles.box_text)])
        table = Table(rows, colWidths=[styles.FRAME_WIDTH], splitByRow=1)
        table.setStyle(styles.box_style())
        self.add(Spacer(1, 4), table, Spacer(1, 8))
