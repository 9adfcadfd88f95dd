"""The title page, the table of contents and the text chapters that frame the results.

Chapter titles and order follow the seed report 002. Each text chapter prints the inspector's
text from ``ReportData.narrative``; where 002 writes from data (method, sample) a generated default
stands in, elsewhere a grey placeholder shows what is still to be written.
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import NextPageTemplate, PageBreak, Spacer, TableStyle
from reportlab.platypus.flowables import TopPadder

from audit_app.report import styles
from audit_app.report.contents import table_of_contents
from audit_app.report.data import ReportData
from audit_app.report.flowables import Paragraph, Table
from audit_app.report.story import Story
from audit_app.report.templates import CONTENT_TEMPLATE
from audit_app.report.text import (
    format_date,
    format_int,
    join_sv,
    method_paragraphs,
    sample_paragraphs,
)

# Chapter titles, in the report's order.
SAMMANFATTNING = "Sammanfattning"
INLEDNING = "Inledning"
GRANSKNINGSMETOD = "Granskningsmetod"
URVAL = "Målgrupp, urval och avgränsning"
UTGANGSPUNKTER = "Utgångspunkter"
BAKGRUND = "Bakgrund"
GRANSKNINGSRESULTAT = "Granskningsresultat"
DIALOGMOTEN = "Dialogmöten med enheterna"
ANALYS = "Analys per kvalitetsområde"
JAMSTALLDHET = "Jämställdhetsanalys"
BILAGA = "Bilaga: granskningsmallen"
CHAPTER_TITLES = (
    SAMMANFATTNING,
    INLEDNING,
    GRANSKNINGSMETOD,
    URVAL,
    UTGANGSPUNKTER,
    BAKGRUND,
    GRANSKNINGSRESULTAT,
    DIALOGMOTEN,
    ANALYS,
    JAMSTALLDHET,
    BILAGA,
)


def breakdown_label(data: ReportData) -> str | None:
    """What the results are broken down by, in words ("Enhet"), or None without a breakdown.

    The table JSON names only the field's id, so the label is found among the sample's fields
    (the one whose option labels are the columns) or, for a question, is the question's text.
    """
    tables = data.tables
    by = tables.get("by")
    if not by:
        return None
    question = next((q for q in data.template.questions if q.id == by), None)
    if question is not None:
        return question.text
    columns = {c["label"] for c in tables.get("columns") or [] if c["code"] != "_none"}
    for field_label, pairs in data.sample.by_field.items():
        if columns and columns <= {label for label, _ in pairs}:
            return field_label
    return None


def title_page(story: Story, data: ReportData) -> None:
    """The title page: organisation, title, subtitle and the audit's key facts at the foot."""
    st = story.styles
    if data.organisation:
        story.add(Paragraph(escape(data.organisation), st.title_org))
    story.add(Spacer(1, 95 * mm))
    story.add(Paragraph(escape(data.title), st.title))
    subtitle = "Kvalitetsgranskning genom ärendegranskning"
    story.add(Paragraph(subtitle, st.subtitle))
    by = breakdown_label(data)
    facts: list[tuple[str, str]] = []
    audit_name = str((data.tables.get("audit") or {}).get("name") or "")
    if audit_name and audit_name != data.title:
        facts.append(("Granskning", audit_name))
    facts += [
        ("Granskningsmall", f"{data.template.title} (version {data.template.version})"),
        ("Granskade ärenden", format_int(data.sample.included)),
    ]
    if data.sample.units:
        facts.append(("Enheter", join_sv(list(data.sample.units))))
    if by:
        facts.append(("Redovisning", f"per {by[:1].lower() + by[1:]}"))
    facts += [("Författare", data.author), ("Datum", format_date(data.created))]
    rows = [[Paragraph(escape(k), st.title_fact), Paragraph(escape(v), st.title_fact)] for k, v in facts]
    table = Table(rows, colWidths=[38 * mm, styles.FRAME_WIDTH - 38 * mm], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, styles.ACCENT),
                ("TEXTCOLOR", (0, 0), (0, -1), styles.MUTED),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, 0), 8),
            ]
        )
    )
    story.add(TopPadder(table), NextPageTemplate(CONTENT_TEMPLATE), PageBreak())


def contents(story: Story) -> None:
    """The table of contents page."""
    story.add(Paragraph("Innehåll", story.styles.toc_heading), table_of_contents())


def plain_chapter(story: Story, data: ReportData, title: str, key: str, **kw: Any) -> None:
    """A chapter of the inspector's text alone (placeholder when none was written)."""
    story.chapter(title, **kw)
    story.narrative(data.text_for(key))


def method_chapter(story: Story, data: ReportData) -> None:
    """Granskningsmetod: the inspector's text or a generated one, then the quality areas."""
    story.chapter(GRANSKNINGSMETOD)
    story.narrative(
        data.text_for("granskningsmetod"),
        method_paragraphs(data.template, data.small_cell_limit),
    )
    areas = data.template.quality_areas
    if areas:
        story.section("Kvalitetsområden")
        story.para(
            "Socialstyrelsen och Sveriges Kommuner och Regioner (SKR) har definierat god kvalitet "
            "inom socialtjänsten utifrån följande områden, som granskningen utgår från:"
        )
        for area in areas:
            text = f"<b>{escape(area.label)}</b>"
            if area.description:
                text += f"<br/>{escape(area.description)}"
            story.add(Paragraph(text, story.styles.bullet, bulletText="•"))
        story.add(Spacer(1, 6))


def sample_chapter(story: Story, data: ReportData) -> None:
    """Målgrupp, urval och avgränsning: the inspector's text or one generated from the facts."""
    story.chapter(URVAL)
    story.narrative(data.text_for("urval"), sample_paragraphs(data.sample, data.small_cell_limit))


def front_chapters(story: Story, data: ReportData) -> None:
    """Every chapter before Granskningsresultat, in 002's order."""
    plain_chapter(story, data, SAMMANFATTNING, "sammanfattning", new_page=True)
    plain_chapter(story, data, INLEDNING, "inledning")
    method_chapter(story, data)
    sample_chapter(story, data)
    plain_chapter(story, data, UTGANGSPUNKTER, "utgangspunkter")
    plain_chapter(story, data, BAKGRUND, "bakgrund")
