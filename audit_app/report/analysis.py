"""Analys per kvalitetsområde: per quality area the inspector's analysis, the case examples that
belong to it, and an overview of the questions of the area with their most common answer.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from xml.sax.saxutils import escape

from audit_app.report import styles
from audit_app.report.chapters import ANALYS
from audit_app.report.data import ReportData, Vignette
from audit_app.report.flowables import Paragraph, Table
from audit_app.report.story import Story
from audit_app.report.suppression import MAIN, SECONDARY_MARK, TOTAL, Masks, TableMask, option_row
from audit_app.report.text import EN_DASH, format_decimal, format_int, percent, quote

NO_AREA = "Frågor utan kvalitetsområde"


def summary_row(question: Mapping[str, Any], mask: TableMask) -> tuple[str, str, str]:
    """(answered, most common answer, its share) for the overview, after suppression."""
    answered = mask.text("answered", TOTAL)
    n_ans = mask.value("answered", TOTAL)
    options = list(question.get("rows") or [])  # any kind: "Framgår inte av akten" may lead
    if options and n_ans:
        top = max(options, key=lambda r: r["counts"].get(TOTAL, 0))
        row = option_row(top["code"])
        if not top["counts"].get(TOTAL):
            return answered, EN_DASH, EN_DASH
        if mask.hidden(row, TOTAL) or mask.hidden("answered", TOTAL):
            return answered, top["label"], SECONDARY_MARK
        return answered, top["label"], f"{percent(mask.value(row, TOTAL), n_ans)}\u00a0%"
    stats = (question.get("stats") or {}).get(TOTAL) or {}
    if stats.get("n") and not mask.small("answered", TOTAL):
        return answered, f"Medel {format_decimal(stats['mean'])}", EN_DASH
    return answered, EN_DASH, EN_DASH


def _overview(story: Story, questions: Sequence[tuple[str, Mapping[str, Any]]], masks: Masks) -> None:
    st = story.styles
    head = ["Fråga", "Besvarade", "Vanligaste svar", "Andel"]
    rows: list[list[Any]] = [
        [Paragraph(h, st.cell_head if i in (0, 2) else st.cell_head_right) for i, h in enumerate(head)]
    ]
    for number, question in questions:
        answered, top, share = summary_row(question, masks[question["id"]][MAIN])
        rows.append(
            [
                Paragraph(f"{escape(number)}\u2002{escape(question.get('text', ''))}", st.cell),
                answered,
                Paragraph(escape(top), st.cell),
                share,
            ]
        )
    width = styles.FRAME_WIDTH
    col_w = [width * 0.55, width * 0.13, width * 0.21, width * 0.11]
    table = Table(rows, colWidths=col_w, repeatRows=1, hAlign="LEFT", splitByRow=1)
    table.setStyle(styles.data_table_style(1, 4))
    table.setStyle([("ALIGN", (2, 0), (2, -1), "LEFT")])
    story.add(table)


def _vignettes(story: Story, vignettes: Sequence[Vignette]) -> None:
    for vignette in vignettes:
        story.box(vignette.title, vignette.text)


def analysis_chapter(story: Story, data: ReportData, masks: Masks) -> None:
    """The analysis chapter: one sub-chapter per quality area, then examples without an area."""
    story.chapter(ANALYS, new_page=True)
    areas = list(data.template.quality_areas)
    area_ids = {a.id for a in areas}
    story.para(
        "Granskningsresultatet har analyserats utifrån kvalitetsområdena. Under varje område "
        "följer inspektörernas analys och en översikt över de granskningsfrågor som hör till "
        "området, med antal besvarade ärenden och det vanligaste svaret."
    )
    numbers = data.template.question_numbers()
    grouped: dict[str | None, list[tuple[str, Mapping[str, Any]]]] = {}
    for question in data.tables["questions"]:
        area = question.get("quality_area")
        grouped.setdefault(area if area in area_ids else None, []).append(
            (numbers.get(question["id"], EN_DASH), question)
        )
    for area in areas:
        story.section(area.label)
        story.narrative(data.text_for(f"analys_{area.id}"))
        _vignettes(story, [v for v in data.vignettes if v.quality_area == area.id])
        if grouped.get(area.id):
            story.add(Paragraph(f"Frågor inom området {quote(area.label)}", st_caption(story)))
            _overview(story, grouped[area.id], masks)
        else:
            story.para("Inga granskningsfrågor hör till området.", story.styles.note)
    if grouped.get(None):
        story.section(NO_AREA)
        _overview(story, grouped[None], masks)
    loose = [v for v in data.vignettes if v.quality_area not in area_ids]
    if loose:
        story.section("Typexempel")
        story.para(
            "Nedan följer ett omskrivet och avidentifierat typexempel från de granskade ärendena."
            if len(loose) == 1
            else f"Nedan följer {format_int(len(loose))} omskrivna och avidentifierade "
            "typexempel från de granskade ärendena."
        )
        _vignettes(story, loose)


def st_caption(story: Story) -> Any:
    """The small heading above an overview table."""
    return story.styles.box_title
