"""Reconciliation: the reviewers' disagreements side by side, and the team's consensus answers.

A disagreement is a question that is unresolved for an included case (DESIGN section 6): it
applies and the reviewers who answered it gave different values. Each is listed with every
reviewer's answer and comment; reviewers are shown as "Granskare 1, 2, ..." (numbered by their
sorted names, so the numbers stay the same from one listing to the next) unless the team leader
unblinds them, which is logged. A consensus answer with its rationale is stored through
``Repository.put_consensus`` (logged), and the tables count it as the final answer. Nothing here
works while the audit is in its review phase.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

from audit_app.domain.diagnostics import InputRejected, NotFound
from audit_app.domain.final_answers import CaseAnswers, CaseResolver, Status
from audit_app.domain.identity_numbers import contains_identity_number
from audit_app.domain.template import Question
from audit_app.domain.values import decode_value, display_value, encode_value, normalize_text
from audit_app.services.audits import OpenedAudit, load_records, open_audit
from audit_app.services.blinding import CLOSED, require_ended
from audit_app.services.context import AppContext
from audit_app.services.review import InvalidAnswer, find_case, parse_answer
from audit_app.storage.repository import Repository
from audit_app.storage.review_plans import review_plan

REVIEWER_LABEL = "Granskare {}"
UNRESOLVED, DECIDED = "unresolved", "decided"


@dataclass(frozen=True)
class Decision:
    """A recorded consensus answer and what it changed for the case."""

    case: str
    question: str
    value: str
    display: str
    changed: bool
    unresolved_left: list[str]


def reviewer_labels(names: set[str] | list[str]) -> dict[str, str]:
    """"Granskare 1, 2, ..." by sorted name: the same reviewers always get the same numbers."""
    return {name: REVIEWER_LABEL.format(i) for i, name in enumerate(sorted(names), start=1)}


def _reviewers(repo: Repository, audit: OpenedAudit, answer_names: set[str]) -> set[str]:
    plan = review_plan(repo, audit.id)
    planned = set(json.loads(plan.reviewers_json)) if plan is not None else set()
    return answer_names | planned


def _shown(question: Question, text: str) -> str:
    return display_value(question.type, decode_value(question.type, text), question.options or [])


def disagreements(ctx: AppContext, audit_ref: str, *, unblind: bool = False,
                  include_decided: bool = False) -> dict[str, Any]:
    """Every unresolved question per included case, with each reviewer's answer and comment.

    ``include_decided`` also lists the questions where a consensus was recorded. ``unblind``
    shows the reviewers' names instead of numbers and is logged.
    """
    with ctx.db.unit_of_work() as repo:
        audit = open_audit(repo, audit_ref)
        require_ended(audit.row)
        template = audit.template
        records, answers = load_records(repo, audit)
        cases = {c.id or 0: c.label for c in repo.cases(audit.id)}
        stored: dict[tuple[str, str], dict[str, tuple[str, str | None]]] = {}
        for a in repo.answer_rows(audit.id):
            stored.setdefault((cases[a.case_id], a.question_id), {})[a.reviewer] = (a.value,
                                                                                    a.comment)
        consensus = {(cases[k.case_id], k.question_id): k for k in repo.consensus(audit.id)}
        names = _reviewers(repo, audit, {r for per in stored.values() for r in per})
        labels = {n: n for n in names} if unblind else reviewer_labels(names)
        if unblind:
            repo.log(ctx.actor, audit.id, action="reviewers-unblinded",
                     reason="reconcile list")
        items: list[dict[str, Any]] = []
        for record in records:
            if not record.included:
                continue
            resolver = CaseResolver(template, record, answers.get(record.label, CaseAnswers()))
            for question in template.questions:
                status = resolver.status_of(question)
                decided = consensus.get((record.label, question.id))
                if status is Status.UNRESOLVED:
                    kind = UNRESOLVED
                elif include_decided and decided is not None and status is Status.ANSWERED:
                    kind = DECIDED
                else:
                    continue
                per = stored.get((record.label, question.id), {})
                items.append({
                    "case": record.label, "question": question.id, "text": question.text,
                    "section": template.section_of(question.id).id, "type": question.type,
                    "status": kind,
                    "answers": [{"reviewer": labels[r], "value": per[r][0],
                                 "display": _shown(question, per[r][0]), "comment": per[r][1]}
                                for r in sorted(per, key=lambda r: labels[r])],
                    "consensus": None if decided is None else {
                        "value": decided.value, "display": _shown(question, decided.value),
                        "rationale": decided.rationale, "decided_by": decided.decided_by}})
    ordered = sorted(labels.values(), key=_label_order)
    return {"audit": {"id": audit.id, "name": audit.name}, "phase": audit.row.phase,
            "unblinded": unblind, "reviewers": ordered, "disagreements": items,
            "summary": {UNRESOLVED: sum(1 for i in items if i["status"] == UNRESOLVED),
                        DECIDED: sum(1 for i in items if i["status"] == DECIDED)}}


def _label_order(label: str) -> tuple[int, str]:
    prefix = REVIEWER_LABEL.format("")
    if label.startswith(prefix) and label[len(prefix):].isdigit():
        return int(label[len(prefix):]), ""
    return 0, label


def disagreements_csv(listing: dict[str, Any]) -> str:
    """The listing as CSV: one row per disagreement, each reviewer's answer and comment side by side."""
    reviewers: list[str] = listing["reviewers"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    header = ["case", "question", "text", "status"]
    for r in reviewers:
        header += [r, f"{r} kommentar"]
    writer.writerow([*header, "consensus", "rationale"])
    for item in listing["disagreements"]:
        per = {a["reviewer"]: a for a in item["answers"]}
        row: list[object] = [item["case"], item["question"], item["text"], item["status"]]
        for r in reviewers:
            answer = per.get(r)
            row += ["", ""] if answer is None else [answer["display"], answer["comment"] or ""]
        decided = item["consensus"]
        row += ["", ""] if decided is None else [decided["display"], decided["rationale"] or ""]
        writer.writerow(row)
    return buffer.getvalue()


def disagreements_text(listing: dict[str, Any]) -> str:
    """The listing for a reader: per case and question, the answers one under the other."""
    summary = listing["summary"]
    lines = [f"{listing['audit']['name']} (fas: {listing['phase']}): "
             f"{summary[UNRESOLVED]} oenigheter" + (f", {summary[DECIDED]} avgjorda"
                                                    if summary[DECIDED] else "")]
    for item in listing["disagreements"]:
        lines.append("")
        lines.append(f"{item['case']} / {item['question']}: {item['text']}")
        for a in item["answers"]:
            comment = f"  ({a['comment']})" if a["comment"] else ""
            lines.append(f"  {a['reviewer']}: {a['display']}{comment}")
        decided = item["consensus"]
        if decided is not None:
            lines.append(f"  Konsensus: {decided['display']} – {decided['rationale'] or ''}")
    return "\n".join(lines) + "\n"


def decide(ctx: AppContext, audit_ref: str, case_label: str, question_id: str, raw: str, *,
           rationale: str, allow_identifiers: bool = False) -> Decision:
    """Record the team's consensus answer to one question of one case, with its rationale.

    The value is read as in an answers CSV (option code or label, ``|`` between multi codes,
    ``.`` or ``,`` as decimal mark). The question must apply to the case as the other final
    answers stand, so a question that depends on an unresolved one is decided after it.
    """
    reason = normalize_text(rationale or "")
    if not reason:
        raise InputRejected("a consensus answer needs a rationale (--rationale TEXT)")
    if contains_identity_number(reason) and not allow_identifiers:
        raise InputRejected("the rationale contains a personal identity number")
    with ctx.db.unit_of_work() as repo:
        audit = open_audit(repo, audit_ref)
        require_ended(audit.row)
        if audit.row.phase == CLOSED:
            raise InputRejected(f"the audit '{audit.name}' is closed; reopen reconciliation "
                                f"(audit-app audit phase '{audit.name}' reconcile) to change it")
        question = audit.template.question(question_id)
        if question is None:
            raise NotFound(f"no question '{question_id}' in the template")
        case = find_case(repo, audit, case_label)
        value = parse_answer(question, raw)
        if value is None:
            raise InvalidAnswer("empty-value", "give the agreed value", question_id)
        if (question.type == "text" and isinstance(value, str) and not allow_identifiers
                and contains_identity_number(value)):
            raise InvalidAnswer("personal-identity-number",
                                "the answer contains a personal identity number", question_id)
        if case.excluded_reason:
            raise InputRejected(f"the case '{case.label}' is excluded from the audit")
        records, answers = load_records(repo, audit)
        record = next(r for r in records if r.label == case.label)
        resolver = CaseResolver(audit.template, record, answers[case.label])
        if not resolver.applies(question_id):
            raise InputRejected(_not_applicable(audit, question, resolver))
        text = encode_value(question.type, value, question.options or [])
        changed = repo.put_consensus(audit.id, case, question.id, text, reason, ctx.actor)
        if changed and allow_identifiers:
            repo.log(ctx.actor, audit.id, case.label, action="identifiers-allowed",
                     question_id=question.id, reason="consensus")
        answers[case.label].consensus[question.id] = value
        after = CaseResolver(audit.template, record, answers[case.label])
        left = [q.id for q in audit.template.questions if after.status_of(q) is Status.UNRESOLVED]
        return Decision(case.label, question.id, text, _shown(question, text), changed, left)


def _not_applicable(audit: OpenedAudit, question: Question, resolver: CaseResolver) -> str:
    message = f"the question '{question.id}' does not apply to this case"
    condition = question.condition
    if condition is None:
        return message
    open_ones = sorted(n for n in condition.names if audit.template.question(n) is not None
                       and resolver.status(n) is Status.UNRESOLVED)
    if open_ones:
        return message + f" while {', '.join(open_ones)} is unresolved; decide that first"
    return message + f" ({question.applies_when})"
