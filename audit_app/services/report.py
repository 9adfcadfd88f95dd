"""Report use cases: gather an audit's data for the PDF report, store the inspector's texts, write it."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from audit_app.domain.diagnostics import InputRejected
from audit_app.domain.final_answers import CaseAnswers, CaseRecord, CaseResolver
from audit_app.domain.identity_numbers import contains_identity_number
from audit_app.domain.question_masks import GENDER, MAIN
from audit_app.domain.table_masks import question_masks
from audit_app.domain.template import Template
from audit_app.report import ReportData, build_report
from audit_app.report.data import SampleFacts, TemplateInfo, Vignette
from audit_app.services.audit_settings import small_cell_limit
from audit_app.services.audits import OpenedAudit, load_records, open_audit
from audit_app.services.blinding import require_unblinded
from audit_app.services.context import AppContext
from audit_app.services.table_views import Breakdown, count_views, view_name

GENDER_FIELD = "gender"
REPORT_SETTINGS = "report"


def sample_facts(template: Template, cases: list[CaseRecord]) -> SampleFacts:
    """How the included cases spread over every choice and derived case field."""
    included = [c for c in cases if c.included]
    by_field: dict[str, list[tuple[str, int]]] = {}
    for case_field in template.case_fields:
        if case_field.kind != "choice":
            continue
        counts: Counter[str] = Counter()
        for case in included:
            value = CaseResolver(template, case, CaseAnswers()).value(case_field.id)
            if isinstance(value, str):
                counts[value] += 1
        by_field[case_field.label] = [(o.label, counts[o.code]) for o in case_field.choices]
    stratify = [f for f in template.case_fields if f.stratify]
    units = [o.label for o in stratify[0].choices] if stratify else []
    reasons = Counter(c.excluded_reason or "" for c in cases if not c.included)
    return SampleFacts(included=len(included), excluded=sum(reasons.values()),
                       excluded_reasons=dict(reasons), by_field=by_field, units=units,
                       strata=[f.label for f in stratify])


def report_texts(audit: OpenedAudit) -> dict[str, Any]:
    """The inspector's narrative, accepted findings and vignettes stored with the audit."""
    stored = audit.settings.get(REPORT_SETTINGS)
    return dict(stored) if isinstance(stored, dict) else {}


def save_report_text(ctx: AppContext, audit_ref: str, kind: str, key: str, text: str, *,
                     allow_identifiers: bool = False) -> None:
    """Store one narrative chapter (kind "narrative"), finding ("findings") or vignette text.

    Text with a personal identity number is refused unless explicitly allowed (then logged).
    """
    if kind not in {"narrative", "findings", "vignettes"}:
        raise InputRejected(f"unknown report text kind '{kind}'")
    if contains_identity_number(text) and not allow_identifiers:
        raise InputRejected("the text contains a personal identity number; remove it "
                            "(or confirm that it is not one)")
    with ctx.db.unit_of_work() as repo:
        audit = open_audit(repo, audit_ref)
        settings = dict(audit.settings)
        texts = report_texts(audit)
        part = dict(texts.get(kind) or {})
        old = part.get(key)
        if text.strip():
            part[key] = text
        else:
            part.pop(key, None)
        texts[kind] = part
        settings[REPORT_SETTINGS] = texts
        audit.row.settings_json = json.dumps(settings, ensure_ascii=False)
        repo.session.add(audit.row)
        repo.log(ctx.actor, audit.id, action=f"report-{kind}", question_id=key,
                 old_value=old, new_value=text or None,
                 reason="identifiers allowed" if allow_identifiers else None)


def report_data(ctx: AppContext, audit_ref: str, by: str | None = None) -> ReportData:
    """Everything the report shows, as plain data (the report package never queries).

    Refused (``Blinded``) while a colleague review is in its review phase.
    """
    with ctx.db.unit_of_work() as repo:
        audit = open_audit(repo, audit_ref)
        require_unblinded(repo, audit.row, "the report")
        cases, answers = load_records(repo, audit)
    template = audit.template
    if by is None:
        stratify = [f for f in template.case_fields if f.stratify and f.id != GENDER_FIELD]
        by = stratify[0].id if stratify else None
    field = template.field(GENDER_FIELD)
    wanted: list[Breakdown] = [(by, None)]
    if field is not None and field.kind == "choice":
        wanted.append((GENDER_FIELD, None))
    # Counted and masked as every export is (the same protected set of views), so the report
    # hides exactly the cells the CSV and XLSX files hide.
    limit = small_cell_limit(audit)
    views = count_views(template, cases, answers, wanted, limit, audit_id=audit.id,
                        audit_name=audit.name)
    tables = views.get(by)
    gender = views.get(GENDER_FIELD) if len(wanted) > 1 else None
    masks = None
    if limit is not None:
        printed = {MAIN: (view_name(by), tables)}
        if gender is not None:
            printed[GENDER] = (view_name(GENDER_FIELD), gender)
        masks = question_masks(views.mask, printed)
    texts = report_texts(audit)
    stored = [json.loads(v) if isinstance(v, str) and v.startswith("{") else v
              for v in (texts.get("vignettes") or {}).values()]  # the GUI stores JSON text
    vignettes = [Vignette(v.get("title", ""), v.get("text", ""), v.get("quality_area"))
                 for v in stored if isinstance(v, dict)]
    return ReportData(
        title=audit.name,
        organisation=str(audit.settings.get("organisation") or "") or None,
        author=audit.row.created_by or ctx.actor,
        created=dt.date.today(),
        template=TemplateInfo.from_template(template),
        sample=sample_facts(template, cases),
        tables=tables,
        gender_tables=gender,
        narrative=dict(texts.get("narrative") or {}),
        findings=dict(texts.get("findings") or {}),
        vignettes=vignettes,
        small_cell_limit=limit,
        masks=masks,
    )


def write_report(ctx: AppContext, audit_ref: str, out: Path, *, by: str | None = None,
                 progress: Callable[[int, int], None] | None = None) -> Path:
    """Build the PDF report and write it atomically to ``out``."""
    if out.suffix.lower() != ".pdf":
        raise InputRejected(f"{out}: the report file must end in .pdf")
    pdf = build_report(report_data(ctx, audit_ref, by), progress=progress)
    tmp = out.with_name(out.name + ".part")
    tmp.write_bytes(pdf)
    tmp.replace(out)
    return out

