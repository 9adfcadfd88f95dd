"""Review plan use cases: the team leader assigns an audit's cases to reviewers, and shows the plan.

A seeded share of each stratum's cases (or every case) is read by two or more reviewers, so
their agreement can be measured (DESIGN section 8); the rest by one. The plan is stored with its
seed and settings, every assignment added, removed or changed is logged, and assigning again
with the same settings changes nothing. Answers are never removed with an assignment.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from audit_app.domain.diagnostics import InputRejected
from audit_app.domain.final_answers import derive_value
from audit_app.domain.review_plan import ALL, PlanCase, PlanError, PlanSpec, draw_plan
from audit_app.domain.values import ValueError_, normalize_text
from audit_app.services.audits import OpenedAudit, case_record, open_audit
from audit_app.services.blinding import REVIEW
from audit_app.services.context import AppContext
from audit_app.services.review import check_reviewer, completed_reviewers
from audit_app.storage.models import CaseRow, ReviewPlanRow
from audit_app.storage.repository import Repository
from audit_app.storage.review_plans import (
    PlannedAssignment,
    assignments,
    put_review_plan,
    review_plan,
)

CSV_COLUMNS = ["case", "reviewer", "position", "double", "answered", "complete"]


@dataclass(frozen=True)
class PlanResult:
    """What an assignment changed, and answers kept by reviewers taken off a case."""

    cases: int
    double: int
    added: int
    removed: int
    changed: int
    load: dict[str, int]
    kept_answers: list[tuple[str, str]]

    def summary(self) -> str:
        """One line for the command line."""
        load = ", ".join(f"{r} {n}" for r, n in sorted(self.load.items()))
        return (f"{self.cases} cases, {self.double} double-reviewed; {self.added} assignments "
                f"added, {self.removed} removed, {self.changed} changed; load: {load}")


def _stratum(audit: OpenedAudit, case: CaseRow, strata: Sequence[str]) -> tuple[str, ...]:
    record = case_record(audit.template, case)
    key: list[str] = []
    for field_id in strata:
        case_field = audit.template.field(field_id)
        value: object = None
        if case_field is not None and case_field.derived_from is not None:
            try:
                value = derive_value(case_field, record.fields.get(case_field.derived_from))
            except ValueError_:
                value = None
        else:
            value = record.fields.get(field_id)
        key.append(value if isinstance(value, str) else "")
    return tuple(key)


def _check_strata(audit: OpenedAudit, strata: Sequence[str]) -> tuple[str, ...]:
    for field_id in strata:
        case_field = audit.template.field(field_id)
        if case_field is None or case_field.kind != "choice":
            raise InputRejected(f"'{field_id}' is not a choice or derived case field of the "
                                "template; stratify by one of "
                                + ", ".join(f.id for f in audit.template.case_fields
                                            if f.kind == "choice"))
    return tuple(strata)


def assign_reviewers(ctx: AppContext, audit_ref: str, reviewers: Sequence[str], *,
                     double_share: float = 0.0, double_all: bool = False, raters: int = 2,
                     seed: int | None = None, strata: Sequence[str] = ()) -> PlanResult:
    """Assign the included cases to ``reviewers`` with a double-review share per stratum.

    ``double_all`` double-reviews every case; a share below 1 needs an explicit ``seed`` (it
    is stored, so the same draw can be made again).
    """
    names = tuple(sorted(check_reviewer(r) for r in reviewers))
    if double_all and double_share:
        raise InputRejected("give either a double-review share or every case, not both")
    share = ALL if double_all else double_share
    if 0 < share < ALL and seed is None:
        raise InputRejected("a random double-review share needs --seed N (record it: the same "
                            "seed draws the same cases)")
    with ctx.db.unit_of_work() as repo:
        audit = open_audit(repo, audit_ref)
        if audit.row.phase != REVIEW:
            raise InputRejected(f"the audit '{audit.name}' has left its review phase "
                                f"({audit.row.phase}); reopen it before assigning cases")
        strata_ids = _check_strata(audit, strata)
        cases = [c for c in repo.cases(audit.id) if not c.excluded_reason]
        if not cases:
            raise InputRejected(f"the audit '{audit.name}' has no included cases to assign")
        spec = PlanSpec(names, share, raters, seed or 0, strata_ids)
        try:
            drawn = draw_plan([PlanCase(c.label, _stratum(audit, c, strata_ids)) for c in cases],
                              spec)
        except PlanError as exc:
            raise InputRejected(str(exc)) from None
        by_label = {c.label: c for c in cases}
        wanted = [PlannedAssignment(by_label[a.case].id or 0, r, i, a.double)
                  for a in drawn.assignments for i, r in enumerate(a.reviewers)]
        labels = {c.id or 0: c.label for c in repo.cases(audit.id)}
        row = ReviewPlanRow(audit_id=audit.id, reviewers_json=json.dumps(list(names),
                                                                         ensure_ascii=False),
                            double_share=share, raters=raters if share else 0, seed=spec.seed,
                            strata_json=json.dumps(list(strata_ids)), created_by=ctx.actor)
        changes = put_review_plan(repo, row, wanted, labels, ctx.actor)
        answered = {(a.case_id, a.reviewer) for a in repo.answer_rows(audit.id)}
        kept = sorted((labels[c], r) for c, r in changes.removed if (c, r) in answered)
        return PlanResult(len(cases), sum(1 for a in drawn.assignments if a.double),
                          len(changes.added), len(changes.removed), len(changes.changed),
                          drawn.load(), kept)


def assigned_cases(ctx: AppContext, audit_ref: str, reviewer: str) -> list[str] | None:
    """The labels of the cases assigned to a reviewer, or None when the audit has no plan."""
    with ctx.db.unit_of_work() as repo:
        audit = open_audit(repo, audit_ref)
        if review_plan(repo, audit.id) is None:
            return None
        me = normalize_text(reviewer)
        labels = {c.id: c.label for c in repo.cases(audit.id)}
        return [labels[a.case_id] for a in assignments(repo, audit.id) if a.reviewer == me]


def show_plan(ctx: AppContext, audit_ref: str) -> dict[str, Any]:
    """The plan with every case's reviewers, their progress, and each reviewer's load.

    Shows who answered how much, never what: safe while the review is blinded.
    """
    with ctx.db.unit_of_work() as repo:
        audit = open_audit(repo, audit_ref)
        return _plan_json(repo, audit)


def _plan_json(repo: Repository, audit: OpenedAudit) -> dict[str, Any]:
    plan = review_plan(repo, audit.id)
    cases = repo.cases(audit.id)
    strata: list[str] = json.loads(plan.strata_json) if plan is not None else []
    answered: dict[tuple[int, str], int] = {}
    for answer in repo.answer_rows(audit.id):
        pair = (answer.case_id, answer.reviewer)
        answered[pair] = answered.get(pair, 0) + 1
    per_case: dict[int, list[Any]] = {}
    for a in assignments(repo, audit.id):
        per_case.setdefault(a.case_id, []).append(a)
    load: dict[str, dict[str, int]] = {}
    if plan is not None:
        load = {r: {"cases": 0, "double": 0, "complete": 0}
                for r in json.loads(plan.reviewers_json)}
    out_cases: list[dict[str, Any]] = []
    for case in cases:
        rows = per_case.get(case.id or 0, [])
        done = completed_reviewers(case)
        key = _stratum(audit, case, strata)
        entry = {"case": case.label, "stratum": dict(zip(strata, key, strict=True)),
                 "excluded": bool(case.excluded_reason),
                 "double": any(a.double for a in rows),
                 "reviewers": [{"reviewer": a.reviewer, "position": a.position,
                                "answered": answered.get((case.id or 0, a.reviewer), 0),
                                "complete": a.reviewer in done} for a in rows]}
        out_cases.append(entry)
        for a in rows:
            tally = load.setdefault(a.reviewer, {"cases": 0, "double": 0, "complete": 0})
            tally["cases"] += 1
            tally["double"] += int(a.double)
            tally["complete"] += int(a.reviewer in done)
    return {
        "audit": {"id": audit.id, "name": audit.name},
        "phase": audit.row.phase,
        "plan": None if plan is None else {
            "reviewers": json.loads(plan.reviewers_json), "double_share": plan.double_share,
            "raters": plan.raters, "seed": plan.seed, "strata": strata,
            "assigned_by": plan.created_by, "updated_at": plan.updated_at.isoformat()},
        "reviewers": [{"reviewer": r, **load[r]} for r in sorted(load)],
        "cases": out_cases,
        "unassigned": [c["case"] for c in out_cases if not c["reviewers"] and not c["excluded"]],
    }


def plan_csv(plan: dict[str, Any]) -> str:
    """The plan as CSV: one row per assignment (an unassigned case has an empty reviewer)."""
    strata = plan["plan"]["strata"] if plan["plan"] else []
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["case", *strata, *CSV_COLUMNS[1:]])
    for case in plan["cases"]:
        if case["excluded"] and not case["reviewers"]:
            continue
        head = [case["case"], *(case["stratum"].get(s, "") for s in strata)]
        if not case["reviewers"]:
            writer.writerow([*head, "", "", "", 0, ""])
        for r in case["reviewers"]:
            writer.writerow([*head, r["reviewer"], r["position"] + 1, int(case["double"]),
                             r["answered"], int(r["complete"])])
    return buffer.getvalue()


def plan_text(plan: dict[str, Any]) -> str:
    """The plan for a reader: settings, each reviewer's load, then the cases."""
    settings = plan["plan"]
    if settings is None:
        return f"{plan['audit']['name']}: ingen granskningsplan (fas: {plan['phase']})\n"
    share = settings["double_share"]
    lines = [f"{plan['audit']['name']} (fas: {plan['phase']})",
             f"Dubbelgranskning: {'alla ärenden' if share >= ALL else f'{share:.0%} per stratum'}"
             f" av {settings['raters'] or 1} granskare, frö {settings['seed']}, strata: "
             f"{', '.join(settings['strata']) or 'inga'}", ""]
    for r in plan["reviewers"]:
        lines.append(f"{r['reviewer']}: {r['cases']} ärenden ({r['double']} dubbla), "
                     f"{r['complete']} klara")
    lines.append("")
    for case in plan["cases"]:
        names = ", ".join(r["reviewer"] for r in case["reviewers"]) or "-"
        note = " (undantagen)" if case["excluded"] else (" (dubbel)" if case["double"] else "")
        lines.append(f"{case['case']}\t{names}{note}")
    if plan["unassigned"]:
        lines.append(f"\nEj tilldelade: {', '.join(plan['unassigned'])}")
    return "\n".join(lines) + "\n"
