"""Granskningsresultat: the sample, then one sub-chapter per template section and per question
its heading, the accepted or suggested sentence, its table and, for options, a bar chart.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.platypus import Flowable, KeepTogether

from audit_app.report import styles
from audit_app.report.chapters import GRANSKNINGSRESULTAT, breakdown_label
from audit_app.report.charts import GroupedBarChart, Series
from audit_app.report.data import ReportData
from audit_app.report.flowables import Paragraph
from audit_app.report.story import Story
from audit_app.report.suppression import (
    MAIN,
    SECONDARY_MARK,
    TOTAL,
    Masks,
    TableMask,
    mask_counts,
    option_row,
)
from audit_app.report.tables import (
    TOTAL_LABEL,
    Row,
    TableModel,
    breakdown_columns,
    question_model,
    render,
    suppression_note,
)
from audit_app.report.text import EN_DASH, NBSP, percent, results_intro, suggest_sentence

#: The most of a page a question's table and chart may take and still be kept on one page.
KEEP_TOGETHER_SHARE = 0.35


def sample_model(data: ReportData) -> TableModel:
    """The sample table (Ärendeurvalet): every field's distribution, count and % of included."""
    model = TableModel("", ["Ärenden"], ["Antal", "%"])
    total = data.sample.included
    for name, pairs in data.sample.by_field.items():
        if not pairs:
            continue
        model.rows.append(Row(name, ("", ""), "group"))
        masked = mask_counts([n for _, n in pairs], total, data.small_cell_limit)
        model.hidden_any |= masked.any_hidden
        for i, (label, n) in enumerate(pairs):
            pct = percent(n, total)
            pct_text = SECONDARY_MARK if masked.hidden(i) else (EN_DASH if pct is None else str(pct))
            model.rows.append(Row(label, (masked.text(i), pct_text)))
    return model


def _chart(
    question: Mapping[str, Any], columns: Sequence[tuple[str, str]], mask: TableMask
) -> GroupedBarChart | None:
    """The question's bar chart, or None when it would draw no bar at all (every share is 0 or
    hidden: the table says all there is)."""
    shown = list(columns) or [(TOTAL, TOTAL_LABEL)]
    series = []
    for code, label in shown:
        values: list[float | None] = []
        texts: list[str] = []
        answered = mask.value("answered", code)
        for row in question["rows"]:
            name = option_row(row["code"])
            if mask.hidden(name, code) or mask.hidden("answered", code):
                values.append(None)
                texts.append(mask.text(name, code) if mask.small(name, code) else SECONDARY_MARK)
            elif answered == 0:
                values.append(None)
                texts.append(EN_DASH)
            else:
                values.append(100.0 * mask.value(name, code) / answered)
                texts.append(f"{percent(mask.value(name, code), answered)}{NBSP}%")
        series.append(Series(label, values, texts))
    if not any(v for s in series for v in s.values):
        return None
    return GroupedBarChart([r["label"] for r in question["rows"]], series, styles.FRAME_WIDTH)


def _height(flowables: Sequence[Flowable]) -> float:
    """The height the flowables take at full frame width."""
    return float(sum(f.wrap(styles.FRAME_WIDTH, styles.FRAME_HEIGHT)[1] for f in flowables))


def question_block(
    story: Story,
    data: ReportData,
    number: str,
    text: str,
    question: Mapping[str, Any],
    mask: TableMask,
    lead: Sequence[Flowable] = (),
) -> None:
    """One question: heading, sentence, table, note and chart (``lead``: a section heading)."""
    st = story.styles
    columns = breakdown_columns(data.tables)
    limit = data.small_cell_limit
    total_cases = int(data.tables.get("cases", {}).get(TOTAL, data.sample.included))
    sentence = data.findings.get(question["id"]) or suggest_sentence(question, total_cases, limit, mask=mask)
    model = question_model(question, columns, limit, mask)
    block: list[Flowable] = [
        *lead,
        story.question_heading(number, text),
        Paragraph(escape(sentence), st.body),
        *render(model),
    ]
    if model.hidden_any and limit is not None:
        block.append(Paragraph(suppression_note(limit), st.note))
    figure: list[Flowable] = []
    chart = None
    if question.get("type") in ("choice", "multi") and len(question.get("rows") or []) >= 2:
        chart = _chart(question, columns, mask)
    if chart is not None:
        # The number says whose chart it is when the chart starts the next page.
        caption = f"Fråga {escape(number)}: andel av besvarade ärenden, procent."
        figure = [chart, Paragraph(caption, st.caption)]
    # Table and chart stay together when that costs at most a modest gap at a page foot;
    # a longer block keeps its heading with the table and lets the chart follow.
    if figure and _height(block + figure) <= KEEP_TOGETHER_SHARE * styles.FRAME_HEIGHT:
        story.add(KeepTogether(block + figure))
    else:
        story.add(KeepTogether(block))
        if figure:
            story.add(KeepTogether(figure))


def results_chapter(story: Story, data: ReportData, masks: Masks) -> None:
    """Granskningsresultat: the sample table, then every section and question in template order."""
    story.chapter(GRANSKNINGSRESULTAT, new_page=True)
    story.para(results_intro(data.tables, breakdown_label(data)))
    model = sample_model(data)
    if model.rows:
        story.section("Ärendeurvalet")
        story.para(
            f"Tabellen visar de {data.sample.included} granskade ärendena fördelade efter "
            "ärendeuppgifter, i antal och procent."
        )
        story.add(*render(model))
        if model.hidden_any and data.small_cell_limit is not None:
            story.add(Paragraph(suppression_note(data.small_cell_limit), story.styles.note))
    by_id = {q["id"]: q for q in data.tables["questions"]}
    seen: set[str] = set()
    for s_index, section in enumerate(data.template.sections, 1):
        lead = story.section_heading(section.title)
        for q_index, info in enumerate(section.questions, 1):
            number = f"{s_index}.{q_index}"
            question = by_id.get(info.id)
            seen.add(info.id)
            if question is None:
                story.add(*lead, story.question_heading(number, info.text))
                story.para("Resultat saknas för frågan.", story.styles.placeholder)
            else:
                question_block(story, data, number, info.text, question, masks[info.id][MAIN], lead)
            lead = []
    rest = [q for q in data.tables["questions"] if q["id"] not in seen]
    lead = story.section_heading("Övriga frågor")
    for index, question in enumerate(rest, 1):
        question_block(
            story,
            data,
            f"Ö.{index}",
            question.get("text", question["id"]),
            question,
            masks[question["id"]][MAIN],
            lead,
        )
        lead = []
