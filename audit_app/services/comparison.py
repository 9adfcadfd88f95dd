"""Year on year: two audits on the same template side by side, per question and per breakdown column.

As in 003 (2020 against 2021) and 004 (2023 against 2024): each question's counts and share of
answered cases per option this year and last year, the difference in percentage points, and
the reviewers' agreement (DESIGN section 8) next to last year's, per question, pooled per
section (in 004 a section is a kontrollområde) and overall. Questions are matched by id; the
template versions may differ, and a question whose text, options, condition or type changed is
compared with a warning. Counting follows DESIGN section 6 (tables) exactly.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from typing import Any

from audit_app.domain.agreement import (
    BOOTSTRAP_RESAMPLES,
    STATISTICS,
    Ratings,
    agreement_with_intervals,
    build_agreement,
    question_units,
)
from audit_app.domain.diagnostics import InputRejected
from audit_app.domain.final_answers import CaseAnswers, CaseRecord, CaseResolver
from audit_app.domain.tables import NONE_COLUMN, NONE_LABEL, TOTAL, BreakdownError, build_tables
from audit_app.domain.template import Question, Template
from audit_app.services.audits import OpenedAudit, load_records, open_audit
from audit_app.services.blinding import require_unblinded
from audit_app.services.context import AppContext

SIDES = ("this", "last")
CSV_COLUMNS = ["question", "measure", "label", "column", "this", "last", "difference"]
_Loaded = tuple[OpenedAudit, list[CaseRecord], dict[str, CaseAnswers]]


def compare_audits(ctx: AppContext, this_ref: str, last_ref: str, by: str | None = None, *,
                   resamples: int = BOOTSTRAP_RESAMPLES) -> dict[str, Any]:
    """This year's audit next to last year's, both on the same template id."""
    with ctx.db.unit_of_work() as repo:
        loaded: list[_Loaded] = []
        for ref in (this_ref, last_ref):
            audit = open_audit(repo, ref)
            require_unblinded(repo, audit.row)
            loaded.append((audit, *load_records(repo, audit)))
    this, last = loaded
    if this[0].id == last[0].id:
        raise InputRejected("compare two different audits")
    t_this, t_last = this[0].template, last[0].template
    if t_this.id != t_last.id:
        raise InputRejected(f"the audits use different templates ('{t_this.id}' and "
                            f"'{t_last.id}'); only audits on the same template compare")
    warnings = _template_warnings(t_this, t_last, by)
    try:
        tables = [build_tables(a.template, cases, answers, by=by) for a, cases, answers in loaded]
    except BreakdownError as exc:
        raise InputRejected(exc.message) from None
    columns = _columns(tables)
    keys = [c["code"] for c in columns] + ([TOTAL] if by else []) or [TOTAL]
    agreement = [_agreement(a.template, cases, answers, by, keys, resamples)
                 for a, cases, answers in loaded]
    questions = _questions(t_this, t_last, tables, agreement, keys)
    sections = [{"id": sid, "title": title,
                 **{side: agreement[i]["sections"].get(sid) for i, side in enumerate(SIDES)}}
                for sid, title in _sections(t_this, t_last)]
    return {
        **{side: {"audit": {"id": a.id, "name": a.name},
                  "template": {"id": a.template.id, "version": a.template.version},
                  "phase": a.row.phase, "cases": table["cases"], "excluded": table["excluded"]}
           for side, (a, _c, _a), table in zip(SIDES, loaded, tables, strict=True)},
        "by": by, "columns": columns, "warnings": warnings, "questions": questions,
        "sections": sections,
        "overall": {side: agreement[i]["overall"] for i, side in enumerate(SIDES)},
    }


def _columns(tables: Sequence[dict[str, Any]]) -> list[dict[str, str]]:
    """This year's columns in order, then last year's that this year lacks; 'no value' last."""
    out: list[dict[str, str]] = []
    seen: set[str] = set()
    for table in tables:
        for c in table["columns"]:
            if c["code"] not in seen and c["code"] != NONE_COLUMN:
                seen.add(c["code"])
                out.append(c)
    if any(c["code"] == NONE_COLUMN for t in tables for c in t["columns"]):
        out.append({"code": NONE_COLUMN, "label": NONE_LABEL})
    return out


def _template_warnings(this: Template, last: Template, by: str | None) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []

    def warn(code: str, item: str | None, message: str) -> None:
        out.append({"code": code, "item": item or "", "message": message})

    if this.version != last.version:
        warn("template-version", None, f"template version {this.version} against {last.version}")
    for q in this.questions:
        old = last.question(q.id)
        if old is None:
            warn("question-added", q.id, f"'{q.id}' is new this year")
            continue
        if old.type != q.type:
            warn("type-changed", q.id, f"'{q.id}' was a {old.type} question, now {q.type}")
        if old.text != q.text:
            warn("text-changed", q.id, f"'{q.id}' was worded: {old.text}")
        if _options(old) != _options(q):
            warn("options-changed", q.id, f"the options of '{q.id}' changed")
        if (old.applies_when or "") != (q.applies_when or ""):
            warn("condition-changed", q.id, f"'{q.id}' applied when: {old.applies_when or 'always'}")
    for q in last.questions:
        if this.question(q.id) is None:
            warn("question-removed", q.id, f"'{q.id}' was asked last year only")
    if by:
        a, b = this.field(by), last.field(by)
        old_codes = [o.code for o in (b.choices if b else (last.question(by) or _NO_Q).options or [])]
        new_codes = [o.code for o in (a.choices if a else (this.question(by) or _NO_Q).options or [])]
        if old_codes != new_codes:
            warn("breakdown-changed", by, f"the values of '{by}' differ between the years")
    return out


_NO_Q = Question(id="none", text="", type="text")


def _options(q: Question) -> list[tuple[str, str, str]]:
    return [(o.code, o.label, o.kind) for o in q.options or []]


def _sections(this: Template, last: Template) -> list[tuple[str, str]]:
    out = [(s.id, s.title) for s in this.sections]
    known = {sid for sid, _t in out}
    return out + [(s.id, s.title) for s in last.sections if s.id not in known]


def _agreement(template: Template, cases: list[CaseRecord], answers: Mapping[str, CaseAnswers],
               by: str | None, keys: Sequence[str], resamples: int) -> dict[str, Any]:
    """Agreement per question, per section and overall, for each column (and the total)."""
    included = [c for c in cases if c.included]
    resolvers = [CaseResolver(template, c, answers.get(c.label, CaseAnswers())) for c in included]
    groups: dict[str, list[int]] = {TOTAL: list(range(len(included)))}
    if by:
        for i, resolver in enumerate(resolvers):
            value = resolver.value(by)
            code = value if isinstance(value, str) and value in keys else NONE_COLUMN
            groups.setdefault(code, []).append(i)
    per_question: dict[str, dict[str, Any]] = {}
    sections: dict[str, dict[str, Any]] = {}
    overall: dict[str, Any] = {}
    for key in keys:
        members = groups.get(key, [])
        subset = [included[i] for i in members]
        result = build_agreement(template, subset, answers, resamples=resamples)
        for entry in result["questions"]:
            per_question.setdefault(entry["id"], {})[key] = {k: v for k, v in entry.items()
                                                             if k != "id"}
        overall[key] = result["overall"]
        chosen = [resolvers[i] for i in members]
        for section in template.sections:
            pooled: list[dict[str, str]] = []
            q_total = 0
            for question in section.questions:
                if question.type != "choice":
                    continue
                units = question_units(question, subset, chosen, answers)
                if units:
                    q_total += Ratings(units, len(question.options or [])).q
                    pooled += [{r: f"{question.id}:{c}" for r, c in u.items()} for u in units]
            found = agreement_with_intervals(Ratings(pooled, q_total), resamples=resamples,
                                             seed=f"section:{section.id}")
            sections.setdefault(section.id, {})[key] = found.as_json(section.id)
            del sections[section.id][key]["id"]
    return {"questions": per_question, "sections": sections, "overall": overall}


def _percent(count: int | None, answered: int | None) -> float | None:
    if count is None or not answered:
        return None
    return 100.0 * count / answered


def _questions(this: Template, last: Template, tables: Sequence[dict[str, Any]],
               agreement: Sequence[dict[str, Any]], keys: Sequence[str]) -> list[dict[str, Any]]:
    by_id = [{q["id"]: q for q in t["questions"]} for t in tables]
    order = [q.id for q in this.questions] + [q.id for q in last.questions
                                              if this.question(q.id) is None]
    out: list[dict[str, Any]] = []
    for qid in order:
        sides = [table.get(qid) for table in by_id]
        present = "both" if all(sides) else ("this" if sides[0] else "last")
        head = sides[0] or sides[1]
        assert head is not None

        def per_key(entry: dict[str, Any] | None, name: str) -> dict[str, int] | None:
            if entry is None:
                return None
            counts: dict[str, int] = entry[name]
            return {k: counts.get(k, 0) for k in keys}

        status = {name: {side: per_key(entry, name) for side, entry in zip(SIDES, sides, strict=True)}
                  for name in ("applicable", "answered", "unresolved", "missing")}
        same_type = present == "both" and sides[0]["type"] == sides[1]["type"]  # type: ignore[index]
        out.append({
            "id": qid, "type": head["type"], "text": head["text"], "section": head["section"],
            "quality_area": head["quality_area"], "present": present, **status,
            "rows": _rows(sides, status["answered"], keys, present == "both" and not same_type),
            "stats": None if head["type"] != "number" else {
                side: None if entry is None else entry["stats"]
                for side, entry in zip(SIDES, sides, strict=True)},
            "agreement": None if head["type"] != "choice" else {
                side: agreement[i]["questions"].get(qid) if sides[i] else None
                for i, side in enumerate(SIDES)},
        })
    return out


def _rows(sides: Sequence[dict[str, Any] | None], answered: Mapping[str, Any],
          keys: Sequence[str], type_changed: bool) -> list[dict[str, Any]]:
    if type_changed:
        return []
    options: dict[str, dict[str, Any]] = {}
    for entry in sides:
        for option in (entry or {}).get("rows", []):
            options.setdefault(option["code"], {"code": option["code"], "label": option["label"],
                                                "kind": option["kind"]})
    out: list[dict[str, Any]] = []
    for code, head in options.items():
        row: dict[str, Any] = dict(head)
        for side, entry in zip(SIDES, sides, strict=True):
            if entry is None:
                row[side] = None
                continue
            hit = next((r for r in entry["rows"] if r["code"] == code), None)
            counts = {k: (hit["counts"].get(k, 0) if hit else 0) for k in keys}
            row[side] = {"count": counts,
                         "percent": {k: _percent(counts[k], answered[side][k]) for k in keys}}
        row["difference_pp"] = {k: _difference(row, k) for k in keys}
        out.append(row)
    return out


def _difference(row: Mapping[str, Any], key: str) -> float | None:
    if row["this"] is None or row["last"] is None:
        return None
    a, b = row["this"]["percent"][key], row["last"]["percent"][key]
    return None if a is None or b is None else a - b


def comparison_csv(comparison: dict[str, Any]) -> str:
    """The comparison in long form: question, measure, label, column, this, last, difference.

    Measures: ``answered``; per option ``count:CODE`` and ``percent:CODE`` (difference in
    percentage points); the agreement statistics (``units``, ``percent_agreement``, kappa,
    alpha, AC1); and for number questions ``n``, ``mean`` and ``median``. Sections are listed as
    ``_section:ID`` and the pooled agreement as ``_overall``. Empty cells stand for null.
    """
    keys = [c["code"] for c in comparison["columns"]] + [TOTAL] if comparison["by"] else [TOTAL]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)

    def put(question: str, measure: str, label: str, key: str, a: Any, b: Any) -> None:
        diff = a - b if isinstance(a, int | float) and isinstance(b, int | float) else None
        writer.writerow([question, measure, label, key, *("" if v is None else v
                                                           for v in (a, b, diff))])

    def side(value: Mapping[str, Any] | None, key: str, name: str) -> Any:
        return None if value is None or value.get(key) is None else value[key].get(name)

    measures = ["units", "percent_agreement", *STATISTICS]
    for q in comparison["questions"]:
        for key in keys:
            put(q["id"], "answered", "", key, *(_get(q["answered"][s], key) for s in SIDES))
            for row in q["rows"]:
                for what in ("count", "percent"):
                    put(q["id"], f"{what}:{row['code']}", row["label"], key,
                        *(side(row[s], what, key) if row[s] else None for s in SIDES))
            if q["stats"]:
                for name in ("n", "mean", "median"):
                    put(q["id"], name, "", key, *(side(q["stats"][s], key, name) for s in SIDES))
            if q["agreement"]:
                for name in measures:
                    put(q["id"], name, "", key, *(side(q["agreement"][s], key, name)
                                                  for s in SIDES))
    for section in comparison["sections"]:
        for key in keys:
            for name in measures:
                put(f"_section:{section['id']}", name, section["title"], key,
                    *(side(section[s], key, name) for s in SIDES))
    for key in keys:
        for name in ["units", "percent_agreement", "krippendorff_alpha", "gwet_ac1"]:
            put("_overall", name, "", key, *(side(comparison["overall"][s], key, name)
                                             for s in SIDES))
    return buffer.getvalue()


def _get(counts: Mapping[str, int] | None, key: str) -> int | None:
    return None if counts is None else counts.get(key)
