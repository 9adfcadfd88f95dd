"""Bilaga: the review template in full, section by section, with options, conditions and
references, numbered as in the results chapter.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.platypus import KeepTogether

from audit_app.report.chapters import BILAGA
from audit_app.report.data import QuestionInfo, ReportData
from audit_app.report.flowables import Paragraph
from audit_app.report.story import Story
from audit_app.report.text import format_int, quote

TYPE_LABELS = {
    "choice": "Ett svarsalternativ",
    "multi": "Flera svarsalternativ kan väljas",
    "number": "Tal",
    "date": "Datum",
    "text": "Fritext",
}
KIND_NOTES = {"not_documented": "ej dokumenterat", "not_applicable": "ej tillämpligt"}


def _noted(kind: str, label: str) -> bool:
    """Whether an option needs its kind spelled out (its label does not already say it)."""
    return kind in KIND_NOTES and KIND_NOTES[kind] not in label.lower()


def _details(question: QuestionInfo) -> list[tuple[str, str]]:
    details = [("Svarstyp", TYPE_LABELS.get(question.type, question.type))]
    if question.options:
        options = [
            escape(o.label) + (f" <i>({KIND_NOTES[o.kind]})</i>" if _noted(o.kind, o.label) else "")
            for o in question.options
        ]
        details.append(("Svarsalternativ", " · ".join(options)))
    if question.applies_when:
        details.append(("Gäller när", escape(question.applies_when)))
    if question.reference:
        details.append(("Referens", escape(question.reference)))
    if question.help:
        details.append(("Vägledning", escape(question.help)))
    return details


def appendix_chapter(story: Story, data: ReportData) -> None:
    """The template appendix."""
    template = data.template
    st = story.styles
    story.chapter(BILAGA, new_page=True)
    story.para(
        f"Granskningen har genomförts med granskningsmallen {quote(template.title)}, version "
        f"{template.version} (id {template.id}). Mallen omfattar "
        f"{format_int(len(template.questions))} frågor i {format_int(len(template.sections))} "
        "avsnitt. Frågornas nummer är desamma som i resultatredovisningen. Villkoret under "
        "”Gäller när” anger i vilka ärenden frågan ställs."
    )
    for s_index, section in enumerate(template.sections, 1):
        story.section(f"{s_index}. {section.title}", toc=False)
        area = template.area_label(section.quality_area)
        # the section's note travels with its first question, never alone at a page foot
        lead = [Paragraph(f"Kvalitetsområde: {escape(area)}", st.note)] if area else []
        for q_index, question in enumerate(section.questions, 1):
            number = f"{s_index}.{q_index}"
            parts = [
                *lead,
                Paragraph(
                    f"{number}<font color='#5F6368'>\u2002</font>{escape(question.text)}",
                    st.appendix_question,
                ),
            ]
            own_area = template.area_label(question.quality_area)
            details = _details(question)
            if own_area and question.quality_area != section.quality_area:
                details.append(("Kvalitetsområde", escape(own_area)))
            for label, text in details:
                parts.append(Paragraph(f"<font color='#5F6368'>{label}:</font> {text}", st.appendix_detail))
            story.add(KeepTogether(parts))
            lead = []
