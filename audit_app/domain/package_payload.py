"""The decrypted content of a reviewer package: an assignment or a reviewer's answers.

An assignment carries the frozen template, the assigned cases with their (encoded) case fields
and the reviewer's own answers; an answers package carries the cases it covers, the reviewer's
answers with comments, the cases the reviewer marked complete and their change-log entries.
Every answer carries its version clock (``domain.package_sync``); a cleared answer travels with
``value`` None. Pure shape checks: whether the values fit the template is the services' job.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from audit_app.domain.packages import damaged, text_field


@dataclass(frozen=True)
class PackageCase:
    """A case as sent in an assignment: label, encoded case fields, exclusion."""

    label: str
    fields: dict[str, str]
    excluded_reason: str | None


@dataclass(frozen=True)
class PackageAnswer:
    """One answer of the package's reviewer, or a cleared one (``value`` None), with its clock."""

    case: str
    question: str
    value: str | None
    comment: str | None
    clock: tuple[int, int]


@dataclass(frozen=True)
class PackageLogEntry:
    """One change-log entry of the reviewer's own copy, carried in an answers package."""

    at: str
    actor: str
    case: str | None
    question: str | None
    action: str
    old_value: str | None
    new_value: str | None
    reason: str | None


@dataclass(frozen=True)
class Payload:
    """The decrypted content. Assignment: template + cases + the reviewer's own answers.

    Answers: the reviewer's answers, the cases they cover, completion marks and change log.
    """

    template_text: str
    template_format: str
    cases: tuple[PackageCase, ...]
    answers: tuple[PackageAnswer, ...]
    completed: tuple[str, ...]
    log: tuple[PackageLogEntry, ...]

    def as_json(self, kind: str) -> dict[str, object]:
        """The payload document for a package of this kind."""
        answers = [{"case": a.case, "question": a.question, "value": a.value,
                    "comment": a.comment, "clock": list(a.clock)} for a in self.answers]
        if kind == "assignment":
            return {"template": {"text": self.template_text, "format": self.template_format},
                    "cases": [{"label": c.label, "fields": c.fields,
                               "excluded_reason": c.excluded_reason} for c in self.cases],
                    "answers": answers}
        return {"cases": [c.label for c in self.cases], "answers": answers,
                "completed": list(self.completed),
                "log": [{"at": e.at, "actor": e.actor, "case": e.case, "question": e.question,
                         "action": e.action, "old_value": e.old_value, "new_value": e.new_value,
                         "reason": e.reason} for e in self.log]}


def _opt_text(obj: Mapping[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if value is not None and not isinstance(value, str):
        raise damaged(f"'{key}' in the content is not text")
    return value


def _list(obj: Mapping[str, Any], key: str) -> list[Any]:
    value = obj.get(key)
    if not isinstance(value, list):
        raise damaged(f"the content lacks its '{key}' list")
    return value


def _answer(item: object) -> PackageAnswer:
    if not isinstance(item, dict):
        raise damaged("an answer is not an object")
    clock = item.get("clock")
    if (not isinstance(clock, list) or len(clock) != 2
            or any(type(c) is not int or c < 0 for c in clock)):
        raise damaged("an answer's version clock is invalid")
    return PackageAnswer(text_field(item, "case", "an answer's case", 100),
                         text_field(item, "question", "an answer's question", 100),
                         _opt_text(item, "value"), _opt_text(item, "comment"),
                         (clock[0], clock[1]))


def _case(item: object) -> PackageCase:
    if not isinstance(item, dict):
        raise damaged("a case is not an object")
    fields = item.get("fields")
    if not isinstance(fields, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in fields.items()):
        raise damaged("a case's fields are invalid")
    return PackageCase(text_field(item, "label", "a case label", 100), dict(fields),
                       _opt_text(item, "excluded_reason"))


def _log_entry(item: object) -> PackageLogEntry:
    if not isinstance(item, dict):
        raise damaged("a change-log entry is not an object")
    return PackageLogEntry(text_field(item, "at", "a log time", 40),
                           text_field(item, "actor", "a log actor", 100),
                           _opt_text(item, "case"), _opt_text(item, "question"),
                           text_field(item, "action", "a log action", 30),
                           _opt_text(item, "old_value"),
                           _opt_text(item, "new_value"), _opt_text(item, "reason"))


def parse_payload(kind: str, raw: bytes) -> Payload:
    """Check a decrypted payload's shape; one key per (case, question) and one entry per case."""
    try:
        obj = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise damaged("the content is not readable") from None
    if not isinstance(obj, dict):
        raise damaged("the content is not an object")
    answers = tuple(_answer(a) for a in _list(obj, "answers"))
    if kind == "assignment":
        template = obj.get("template")
        if not isinstance(template, dict) or not isinstance(template.get("text"), str) \
                or template.get("format") not in ("yaml", "json"):
            raise damaged("the frozen template is missing")
        cases = tuple(_case(c) for c in _list(obj, "cases"))
        payload = Payload(template["text"], template["format"], cases, answers, (), ())
    else:
        labels = _list(obj, "cases")
        completed = _list(obj, "completed")
        if not all(isinstance(x, str) and x for x in labels + completed):
            raise damaged("a case label is invalid")
        payload = Payload("", "", tuple(PackageCase(x, {}, None) for x in labels), answers,
                          tuple(completed), tuple(_log_entry(e) for e in _list(obj, "log")))
    _check_unique(payload.cases, payload.answers)
    return payload


def _check_unique(cases: Sequence[PackageCase], answers: Sequence[PackageAnswer]) -> None:
    labels = [c.label for c in cases]
    if len(set(labels)) != len(labels):
        raise damaged("a case appears twice")
    keys = {(a.case, a.question) for a in answers}
    if len(keys) != len(answers):
        raise damaged("an answer appears twice")
    if not {a.case for a in answers} <= set(labels):
        raise damaged("an answer belongs to a case the package does not list")
