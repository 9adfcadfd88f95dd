"""Swedish wording generated from the data: number formats, suggested findings, method and sample.

Numbers follow Swedish typography: decimal comma, a non-breaking space as thousands separator and
before "%". Suggested sentences are neutral ("I 13 av 36 ärenden (36 %) var svaret ”Ja”.");
the inspector accepts or rewrites them. Counts hidden by small-cell protection never appear.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from audit_app.report.data import SampleFacts, TemplateInfo
from audit_app.report.suppression import TOTAL, TableMask, mask_question, option_row

NBSP = "\u00a0"
MINUS = "\u2212"
EN_DASH = "\u2013"


def format_int(n: int) -> str:
    """An integer with a non-breaking space between thousands: 1 234."""
    sign = MINUS if n < 0 else ""
    return sign + f"{abs(n):,}".replace(",", NBSP)


def format_decimal(x: float | None, decimals: int = 1) -> str:
    """A number rounded half up with a decimal comma; whole numbers without decimals."""
    if x is None:
        return EN_DASH
    q = Decimal(str(x)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if q == q.to_integral_value():
        return format_int(int(q))
    whole, _, frac = f"{abs(q):f}".partition(".")
    sign = MINUS if q < 0 else ""
    return f"{sign}{format_int(int(whole))},{frac.rstrip('0')}"


def percent(part: int, whole: int) -> int | None:
    """``part`` of ``whole`` in whole percent (half up), None when ``whole`` is 0."""
    if whole <= 0:
        return None
    return int((Decimal(100 * part) / Decimal(whole)).quantize(Decimal(1), ROUND_HALF_UP))


def format_percent(part: int, whole: int) -> str:
    """A percentage as "36 %" (non-breaking space), or an en dash when ``whole`` is 0."""
    p = percent(part, whole)
    return EN_DASH if p is None else f"{p}{NBSP}%"


def format_points(diff: float | None) -> str:
    """A difference in percentage points with its sign: +12, −3, 0."""
    if diff is None:
        return EN_DASH
    d = int(Decimal(str(diff)).quantize(Decimal(1), ROUND_HALF_UP))
    return f"+{d}" if d > 0 else (f"{MINUS}{-d}" if d < 0 else "0")


def format_date(day: datetime.date) -> str:
    """A date as Swedish documents write it: 2024-11-05."""
    return day.isoformat()


def join_sv(items: Sequence[str]) -> str:
    """Join words the Swedish way: "a, b och c"."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " och " + items[-1]


def cases_word(n: int) -> str:
    """ "ärende" for one, "ärenden" otherwise."""
    return "ärende" if n == 1 else "ärenden"


def quote(label: str) -> str:
    """A label in Swedish quotation marks: ”Ja”."""
    return f"\u201d{label}\u201d"


def _amount(mask: TableMask, row: str) -> str | None:
    """A total for running text: "12", "färre än 5" when small, None when hidden otherwise."""
    if mask.small(row, TOTAL):
        return f"färre än {mask.limit}"
    if mask.hidden(row, TOTAL):
        return None
    return format_int(mask.value(row, TOTAL))


def _cases(mask: TableMask, row: str) -> str:
    return "ärenden" if mask.hidden(row, TOTAL) else cases_word(mask.value(row, TOTAL))


def suggest_sentence(
    question: Mapping[str, Any],
    total_cases: int,
    small_cell_limit: int | None = None,
    *,
    mask: TableMask | None = None,
) -> str:
    """A neutral sentence about one question of the table JSON, from its ``total`` column.

    ``mask`` is the question's suppression as its table prints it (so the sentence hides what the
    table hides); without it the question is masked on its own.
    """
    if mask is None:
        mask = mask_question(question, [], small_cell_limit)
    n_app, n_ans = mask.value("applicable", TOTAL), mask.value("answered", TOTAL)
    total = format_int(total_cases)
    if n_app == 0:
        return f"Frågan var inte tillämplig i något av de {total} ärendena."
    parts: list[str] = []
    if n_app < total_cases:
        scope = _amount(mask, "applicable")
        parts.append(
            f"Frågan gällde {scope} av {total} {cases_word(total_cases)}."
            if scope
            else "Frågan gällde en del av ärendena."
        )
    if n_ans == 0:
        parts.append("Frågan besvarades inte i något av ärendena.")
        return " ".join(parts)
    qtype = question.get("type")
    rows = question.get("rows") or []
    values = [r for r in rows if r.get("kind", "value") == "value"]
    if qtype in ("choice", "multi") and values:
        parts.append(_top_option_sentence(mask, qtype, values))
        for row in rows:
            if row.get("kind") == "not_documented" and row["counts"].get(TOTAL):
                name = option_row(row["code"])
                n = _amount(mask, name)
                if n is not None:
                    parts.append(f"I {n} {_cases(mask, name)} var svaret {quote(row['label'])}.")
    elif qtype == "number" and question.get("stats"):
        stats = question["stats"][TOTAL]
        n = _amount(mask, "answered")
        if mask.hidden("answered", TOTAL) or not stats.get("n"):
            if n is not None:
                parts.append(f"Frågan besvarades i {n} {_cases(mask, 'answered')}.")
        else:
            parts.append(
                f"I de {format_int(stats['n'])} {cases_word(stats['n'])} där frågan besvarades "
                f"var medelvärdet {format_decimal(stats['mean'])} och medianen "
                f"{format_decimal(stats['median'])} (lägst {format_decimal(stats['min'], 2)}, "
                f"högst {format_decimal(stats['max'], 2)})."
            )
    else:
        answered, applicable = _amount(mask, "answered"), _amount(mask, "applicable")
        if answered is not None and applicable is not None:
            parts.append(f"Frågan besvarades i {answered} av {applicable} {_cases(mask, 'applicable')}.")
    return " ".join(parts) or "Resultatet redovisas i tabellen."


def _top_option_sentence(mask: TableMask, qtype: str, values: Sequence[Mapping[str, Any]]) -> str:
    top = max(values, key=lambda r: r["counts"].get(TOTAL, 0))  # the first of equals
    n = top["counts"].get(TOTAL, 0)
    if n == 0:
        return "Inget av svarsalternativen valdes i något ärende."
    row = option_row(top["code"])
    if mask.hidden(row, TOTAL) or mask.hidden("answered", TOTAL):
        return f"Det vanligaste svaret var {quote(top['label'])}."
    n_ans = mask.value("answered", TOTAL)
    verb = "angavs" if qtype == "multi" else "var svaret"
    return (
        f"I {format_int(n)} av {format_int(n_ans)} {cases_word(n_ans)} "
        f"({format_percent(n, n_ans)}) {verb} {quote(top['label'])}."
    )


def _lower_first(label: str) -> str:
    return label[:1].lower() + label[1:] if label[:2] != label[:2].upper() else label


def method_paragraphs(template: TemplateInfo, small_cell_limit: int | None = None) -> list[str]:
    """The generated default for Granskningsmetod: template, questions and how results are shown."""
    questions = template.questions
    n_sections = len(template.sections)
    paras = [
        f"Granskningen har genomförts som en ärendegranskning. Ärendena har granskats utifrån "
        f"granskningsmallen {quote(template.title)} (version {template.version}), som omfattar "
        f"{format_int(len(questions))} frågor fördelade på {format_int(n_sections)} "
        f"{'avsnitt' if n_sections != 1 else 'avsnitt'}. Mallen redovisas i sin helhet i bilagan."
    ]
    if template.quality_areas:
        labels = [_lower_first(a.label) for a in template.quality_areas]
        paras.append(
            "Frågorna är kopplade till kvalitetsområdena "
            f"{join_sv(labels)}, och resultatet analyseras utifrån dessa områden."
        )
    has_not_documented = any(o.kind == "not_documented" for q in questions for o in q.options)
    paras.append(
        "Varje fråga har besvarats utifrån det som framgår av dokumentationen i akten."
        + (
            " Uppgifter som inte framgår av akten redovisas som ett eget svarsalternativ."
            if has_not_documented
            else ""
        )
        + " Vissa frågor gäller bara en del av ärendena; för dem anges hur många ärenden frågan "
        "gällde. Resultaten redovisas i antal ärenden och i procent av de ärenden där frågan "
        "besvarades."
    )
    if small_cell_limit is not None:
        paras.append(
            f"För att skydda de enskildas integritet redovisas antal mellan 1 och "
            f"{small_cell_limit - 1} som ”<{small_cell_limit}”. Summor och andelar som skulle "
            f"avslöja ett sådant värde redovisas som ”..”."
        )
    return paras


def sample_paragraphs(sample: SampleFacts, small_cell_limit: int | None = None) -> list[str]:
    """The generated default for Målgrupp, urval och avgränsning."""
    n = format_int(sample.included)
    units = f" vid {join_sv(list(sample.units))}" if sample.units else ""
    paras = [f"Totalt granskades {n} ärenden{units}."]
    if sample.strata:
        paras[0] += (
            " Ärendena valdes ut genom stratifierat urval efter "
            f"{join_sv([_lower_first(s) for s in sample.strata])}."
        )
    status = sample.by_field.get("Status")
    if status and not _any_small(status, small_cell_limit):
        shown = [(label, n) for label, n in status if n]
        items = [
            f"{format_int(n)}{' ' + cases_word(n) if i == 0 else ''} status {quote(label)}"
            for i, (label, n) in enumerate(shown)
        ]
        paras[0] += f" Vid granskningen hade {join_sv(items)}."
    if sample.excluded:
        reasons = [
            f"{reason[:1].lower() + reason[1:]} ({format_int(count)})"
            for reason, count in sample.excluded_reasons.items()
        ]
        because = f", av följande skäl: {join_sv(reasons)}" if reasons else ""
        paras.append(
            f"Ytterligare {format_int(sample.excluded)} "
            f"{'ärende' if sample.excluded == 1 else 'ärenden'} ingick i urvalet men "
            f"uteslöts ur granskningen{because}. De ingår inte i någon redovisning."
        )
    paras.append(
        f"Granskningen av de {n} ärendena bygger på ett urval som inte med nödvändighet "
        "representerar samtliga ärenden och gör därmed inte anspråk på att vara en skattning av "
        "hela populationen. Granskningen är kvalitativ och avser att belysa handläggningen i just "
        "dessa ärenden."
    )
    return paras


def _any_small(pairs: Sequence[tuple[str, int]], limit: int | None) -> bool:
    return limit is not None and any(1 <= n < limit for _, n in pairs)


def results_intro(tables: Mapping[str, Any], by_label: str | None) -> str:
    """The opening of Granskningsresultat: how the results are broken down and counted."""
    labels = [c["label"] for c in tables.get("columns") or [] if c["code"] != "_none"]
    if labels and by_label:
        how = f"Granskningsresultaten redovisas per {_lower_first(by_label)} ({join_sv(labels)}) och totalt."
    else:
        how = "Granskningsresultaten redovisas gemensamt för samtliga granskade ärenden."
    return (
        how + " Tabellerna redovisas i antal ärenden och i procent (%) av de ärenden där frågan "
        "besvarades. Rader för ärenden där granskarna var oeniga eller frågan inte besvarades "
        "visas när sådana finns."
    )
