"""Parsing and checking an answers CSV file (``answers import``) against a template; no database.

Columns (names trimmed; matched case-insensitively; any order):

- ``case``, ``question``, ``value`` (required). ``case`` is a case label of the audit (trimmed,
  NFC); ``question`` a question id. ``value`` by the question's type: ``choice`` one option's code
  or label (case-insensitive); ``multi`` codes or labels joined by ``|``; ``number`` an optional
  sign, digits and one decimal mark ``.`` or ``,``; ``date`` ``YYYY-MM-DD``; ``text`` any text.
- ``reviewer`` (optional; not allowed with ``consensus``): an empty cell means the default reviewer.
- ``comment`` (optional): free text; ``AnswerRow.comment`` is ``None`` when the column is absent.

Error codes and the line each is reported at (``LINE`` is the physical line a record starts on;
the file-level codes of :mod:`audit_app.domain.csv_reading` apply as well):

- header (reported alone, at the header's line, which is line 1 unless blank lines precede it):
  ``missing-column`` (``case``, ``question`` or ``value`` absent; one per column),
  ``unknown-column`` (any other column; ``reviewer`` when recording consensus),
  ``duplicate-column`` (the same column twice, also differing only in case).
- ``no-rows`` (line 1) when the header is right and no record follows it.
- per record, at its line, once per cell problem:
  ``case`` cell: ``empty-value``, ``personal-identity-number`` (unless identifiers are allowed;
  checked before the label is looked up), ``unknown-case``;
  ``question`` cell: ``empty-value``, ``unknown-question`` (also for a case field's id);
  ``value`` cell: ``empty-value`` (empty or whitespace), ``invalid-option``, ``multiple-options``
  (several options for a ``choice``), ``invalid-number``, ``out-of-range``, ``invalid-date``,
  ``personal-identity-number`` (a ``text`` answer; unless identifiers are allowed); the value is
  only checked when the question is known;
  ``comment`` cell: ``personal-identity-number`` (unless identifiers are allowed);
  ``duplicate-row``: the same case, question and reviewer (with consensus: case and question) as an
  earlier record, reported at the later one; only checked when case and question are valid.
- record structure, at the record's line: ``extra-field``, ``bad-quote``, ``unterminated-quote``.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from audit_app.domain.csv_reading import (
    CsvTable,
    identity_message,
    no_rows,
    scan_csv,
    show,
    value_message,
)
from audit_app.domain.diagnostics import Diagnostic, InvalidInput
from audit_app.domain.identity_numbers import contains_identity_number
from audit_app.domain.template import Question, Template
from audit_app.domain.values import (
    Value,
    ValueError_,
    normalize_text,
    parse_choice,
    parse_date,
    parse_multi,
    parse_number,
)

REQUIRED_COLUMNS: tuple[str, ...] = ("case", "question", "value")
OPTIONAL_COLUMNS: tuple[str, ...] = ("reviewer", "comment")


@dataclass(frozen=True)
class AnswerRow:
    """One answer of an answers file, checked and converted.

    ``reviewer`` is ``None`` for a consensus answer; ``comment`` is ``None`` when the file has no
    comment column (an empty cell is ``""``).
    """

    line: int
    case: str
    question: str
    value: Value
    reviewer: str | None
    comment: str | None


def parse_answer_rows(
    data: bytes,
    path: str,
    template: Template,
    *,
    known_cases: set[str],
    consensus: bool,
    default_reviewer: str,
    allow_identifiers: bool,
) -> list[AnswerRow]:
    """Every answer of an answers CSV file, in file order; InvalidInput lists every problem."""
    table = scan_csv(data, path)
    columns = _check_header(table, consensus=consensus)
    if not table.records:
        raise InvalidInput([no_rows(path)])
    cases = {normalize_text(c): c for c in known_cases}
    problems = list(table.problems)
    rows: list[AnswerRow] = []
    first_line: dict[tuple[str, str, str | None], int] = {}
    for record in table.records:
        if record.line in table.broken_lines:
            continue
        errors: list[tuple[str, str]] = []
        case_col, question_col, value_col = (columns[c] for c in REQUIRED_COLUMNS)

        case = normalize_text(record.values[case_col])
        case_ok = False
        if not case:
            errors.append(("empty-value", f"column '{case_col}': the case label is empty"))
        elif not allow_identifiers and contains_identity_number(case):
            errors.append(("personal-identity-number", identity_message(case_col, "case label")))
        elif case not in cases:
            errors.append(("unknown-case", _unknown_case(case_col, case, cases)))
        else:
            case_ok = True

        question_id = normalize_text(record.values[question_col])
        question = template.question(question_id) if question_id else None
        if not question_id:
            errors.append(("empty-value", f"column '{question_col}': the question is empty"))
        elif question is None:
            errors.append(("unknown-question", _unknown_question(question_col, question_id, template)))

        raw = record.values[value_col]
        value: Value | None = None
        if not raw.strip():
            errors.append(("empty-value", f"column '{value_col}': the value is empty"))
        elif question is not None:
            try:
                value = _answer_value(raw, question, allow_identifiers)
            except ValueError_ as exc:
                message = value_message(value_col, raw, exc)
                errors.append((exc.code, f"{message} (question '{question.id}')"))

        reviewer: str | None = None
        if not consensus:
            reviewer = default_reviewer
            if "reviewer" in columns:
                reviewer = normalize_text(record.values[columns["reviewer"]]) or default_reviewer

        comment: str | None = None
        if "comment" in columns:
            comment_col = columns["comment"]
            comment = normalize_text(record.values[comment_col])
            if comment and not allow_identifiers and contains_identity_number(comment):
                errors.append(("personal-identity-number", identity_message(comment_col, "comment")))

        if case_ok and question is not None:
            key = (case, question.id, reviewer)
            if key in first_line:
                who = "" if reviewer is None else f" by reviewer {show(reviewer)}"
                what = "consensus answer" if consensus else "answer"
                errors.append(
                    (
                        "duplicate-row",
                        f"a second {what} to question '{question.id}' for case {show(case)}{who}: "
                        f"the first is on line {first_line[key]}",
                    )
                )
            else:
                first_line[key] = record.line

        problems.extend(Diagnostic(path, record.line, code, msg) for code, msg in errors)
        if not errors and question is not None and value is not None:
            rows.append(AnswerRow(record.line, cases[case], question.id, value, reviewer, comment))
    if problems:
        raise InvalidInput(problems)
    return rows


def _check_header(table: CsvTable, *, consensus: bool) -> dict[str, str]:
    """Map each known column name (lower case) to its name in the file; or raise."""
    path, line = table.path, table.header_line
    allowed = [
        *REQUIRED_COLUMNS,
        *(c for c in OPTIONAL_COLUMNS if not (consensus and c == "reviewer")),
    ]
    errors: list[Diagnostic] = []
    columns: dict[str, str] = {}
    for column in table.columns:
        key = column.casefold()
        if key in columns:
            errors.append(Diagnostic(path, line, "duplicate-column", f"column '{column}' appears twice"))
        elif key in allowed:
            columns[key] = column
        elif key == "reviewer":
            errors.append(
                Diagnostic(
                    path,
                    line,
                    "unknown-column",
                    f"column '{column}' is not allowed with --consensus: consensus answers are "
                    "the team's, not one reviewer's",
                )
            )
        else:
            errors.append(
                Diagnostic(
                    path,
                    line,
                    "unknown-column",
                    f"unknown column '{column}': the columns of an answers file are " + ", ".join(allowed),
                )
            )
    for required in REQUIRED_COLUMNS:
        if required not in columns:
            errors.append(
                Diagnostic(path, line, "missing-column", f"the required column '{required}' is missing")
            )
    if errors:
        raise InvalidInput(errors)
    return columns


def _answer_value(raw: str, question: Question, allow_identifiers: bool) -> Value:
    """The value of one answer cell for its question. Raises ValueError_."""
    options = question.options or []
    if question.type == "choice":
        return parse_choice(raw, options)
    if question.type == "multi":
        return parse_multi(raw, options)
    if question.type == "number":
        return parse_number(raw, integer=question.integer, minimum=question.min, maximum=question.max)
    if question.type == "date":
        return parse_date(raw)
    text = normalize_text(raw)
    if not allow_identifiers and contains_identity_number(text):
        raise ValueError_("personal-identity-number", "")
    return text


def _unknown_case(column: str, case: str, cases: dict[str, str]) -> str:
    message = f"column '{column}': no case {show(case)} in this audit"
    close = difflib.get_close_matches(case, sorted(cases), n=1) if len(case) <= 60 else []
    return message + (f" (did you mean '{close[0]}'?)" if close else "; import it with cases import")


def _unknown_question(column: str, question_id: str, template: Template) -> str:
    if template.field(question_id) is not None:
        return (
            f"column '{column}': '{question_id}' is a case field, not a question; case fields are "
            "imported with cases import"
        )
    message = f"column '{column}': no question {show(question_id)} in the template"
    ids = [q.id for q in template.questions]
    close = difflib.get_close_matches(question_id, ids, n=1) if len(question_id) <= 60 else []
    return message + (f" (did you mean '{close[0]}'?)" if close else "")
