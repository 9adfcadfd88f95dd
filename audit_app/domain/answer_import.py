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

A large file repeats the same few case labels, questions and values: each distinct cell (question
and value as a pair) is checked once and its result, diagnostics included, reused for the others.
"""

from __future__ import annotations

import difflib
from typing import NamedTuple

from audit_app.domain.csv_reading import CsvStream, is_broken, no_rows, open_csv
from audit_app.domain.diagnostics import Diagnostic, InvalidInput
from audit_app.domain.import_cells import has_identity_number, identity_message, show, value_message
from audit_app.domain.reviewers import reviewer_problem
from audit_app.domain.template import Question, Template
from audit_app.domain.values import (
    OptionIndex,
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

#: A problem of a cell: its error code and message.
_Problem = tuple[str, str]
#: The question and the value of a record, and the problems of those two cells.
_Answer = tuple[Question | None, Value | None, tuple[_Problem, ...]]


class AnswerRow(NamedTuple):
    """One answer of an answers file, checked and converted.

    ``reviewer`` is ``None`` for a consensus answer; ``comment`` is ``None`` when the file has no
    comment column (an empty cell is ``""``). A named tuple: a file makes one per record.
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
    stream = open_csv(data, path)
    columns = _check_header(stream, consensus=consensus)
    cells = _Cells(template, columns, known_cases, allow_identifiers)
    width = len(stream.names)
    case_at, question_at, value_at = (stream.index(columns[c]) for c in REQUIRED_COLUMNS)
    reviewer_at = stream.index(columns["reviewer"]) if "reviewer" in columns and not consensus else -1
    comment_at = stream.index(columns["comment"]) if "comment" in columns else -1
    same_reviewer = None if consensus else default_reviewer
    # Each distinct cell (question and value: pair of cells) is checked once, and the result kept
    # by its raw text: a large file repeats the same few labels and values.
    case_memo, answer_memo, comment_memo = cells.cases, cells.answers, cells.comments
    reviewer_memo = cells.reviewers
    problems: list[Diagnostic] = []
    rows: list[AnswerRow] = []
    first_line: dict[tuple[str, str, str | None], int] = {}
    empty = True
    for line, fields, problem in stream.records():
        empty = False
        if problem is not None:
            problems.append(problem)
            if is_broken(problem):
                continue
        if len(fields) < width:  # a missing trailing cell reads as an empty one
            fields = fields + [""] * (width - len(fields))

        raw = fields[case_at]
        case, label, case_error = case_memo.get(raw) or case_memo.setdefault(raw, cells.case(raw))
        pair = (fields[question_at], fields[value_at])
        question, value, answer_errors = answer_memo.get(pair) or answer_memo.setdefault(
            pair, cells.answer(*pair)
        )
        reviewer, reviewer_error = same_reviewer, None
        if reviewer_at >= 0:
            raw = fields[reviewer_at]
            reviewer, reviewer_error = reviewer_memo.get(raw) or reviewer_memo.setdefault(
                raw, cells.reviewer(raw, default_reviewer)
            )
        comment, comment_error = None, None
        if comment_at >= 0:
            raw = fields[comment_at]
            comment, comment_error = comment_memo.get(raw) or comment_memo.setdefault(raw, cells.comment(raw))

        duplicate = None
        if case_error is None and question is not None:
            first = first_line.setdefault((case, question.id, reviewer), line)
            if first != line:
                who = "" if reviewer is None else f" by reviewer {show(reviewer)}"
                what = "consensus answer" if consensus else "answer"
                duplicate = (
                    "duplicate-row",
                    f"a second {what} to question '{question.id}' for case {show(case)}{who}: "
                    f"the first is on line {first}",
                )

        if case_error or answer_errors or comment_error or duplicate or reviewer_error:
            errors = [case_error, *answer_errors, reviewer_error, comment_error, duplicate]
            problems.extend(Diagnostic(path, line, e[0], e[1]) for e in errors if e is not None)
        elif question is not None and value is not None:
            rows.append(AnswerRow(line, label, question.id, value, reviewer, comment))
    if empty:
        raise InvalidInput([no_rows(path)])
    if problems:
        raise InvalidInput(problems)
    return rows


class _Cells:
    """The checks of one file's cells; the caller keeps each result by the raw text checked."""

    def __init__(
        self, template: Template, columns: dict[str, str], known_cases: set[str], allow_identifiers: bool
    ) -> None:
        self.template = template
        self.case_col, self.question_col, self.value_col = (columns[c] for c in REQUIRED_COLUMNS)
        self.comment_col = columns.get("comment", "comment")
        self.allow_identifiers = allow_identifiers
        #: Known case labels (trimmed, NFC) to the label as the audit has it.
        self.labels = {normalize_text(c): c for c in known_cases}
        self.options: dict[str, OptionIndex] = {}
        self.cases: dict[str, tuple[str, str, _Problem | None]] = {}
        self.answers: dict[tuple[str, str], _Answer] = {}
        self.reviewers: dict[str, tuple[str, _Problem | None]] = {}
        self.comments: dict[str, tuple[str, _Problem | None]] = {}

    def case(self, raw: str) -> tuple[str, str, _Problem | None]:
        """The case label (trimmed, NFC), the audit's label and the problem (None: a known case)."""
        case = normalize_text(raw)
        if not case:
            return case, case, ("empty-value", f"column '{self.case_col}': the case label is empty")
        if not self.allow_identifiers and has_identity_number(case):
            return case, case, ("personal-identity-number", identity_message(self.case_col, "case label"))
        if case not in self.labels:
            return case, case, ("unknown-case", _unknown_case(self.case_col, case, self.labels))
        return case, self.labels[case], None

    def answer(self, raw_question: str, raw: str) -> _Answer:
        """The question, the value and the problems of the question and value cells."""
        question, problem = self.question(raw_question)
        problems = () if problem is None else (problem,)
        if not raw.strip():
            empty = ("empty-value", f"column '{self.value_col}': the value is empty")
            return question, None, (*problems, empty)
        if question is None:
            return question, None, problems
        options = self.options.get(question.id)
        if options is None:
            options = self.options[question.id] = OptionIndex(question.options or [])
        try:
            return question, _answer_value(raw, question, options, self.allow_identifiers), ()
        except ValueError_ as exc:
            message = value_message(self.value_col, raw, exc)
            return question, None, ((exc.code, f"{message} (question '{question.id}')"),)

    def question(self, raw: str) -> tuple[Question | None, _Problem | None]:
        """The question named by a cell, or None and the problem."""
        question_id = normalize_text(raw)
        if not question_id:
            return None, ("empty-value", f"column '{self.question_col}': the question is empty")
        question = self.template.question(question_id)
        if question is None:
            return None, (
                "unknown-question",
                _unknown_question(self.question_col, question_id, self.template),
            )
        return question, None

    def reviewer(self, raw: str, default_reviewer: str) -> tuple[str, _Problem | None]:
        """The reviewer named by a cell (empty: the default one, already checked) and its problem."""
        reviewer = normalize_text(raw) or default_reviewer
        return reviewer, None if reviewer == default_reviewer else reviewer_problem(reviewer)

    def comment(self, raw: str) -> tuple[str, _Problem | None]:
        """The comment (trimmed, NFC) and its problem."""
        comment = normalize_text(raw)
        if comment and not self.allow_identifiers and has_identity_number(comment):
            return comment, ("personal-identity-number", identity_message(self.comment_col, "comment"))
        return comment, None


def _check_header(table: CsvStream, *, consensus: bool) -> dict[str, str]:
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


def _answer_value(raw: str, question: Question, options: OptionIndex, allow_identifiers: bool) -> Value:
    """The value of one answer cell for its question. Raises ValueError_."""
    if question.type == "choice":
        return parse_choice(raw, options)
    if question.type == "multi":
        return parse_multi(raw, options)
    if question.type == "number":
        return parse_number(raw, integer=question.integer, minimum=question.min, maximum=question.max)
    if question.type == "date":
        return parse_date(raw)
    text = normalize_text(raw)
    if not allow_identifiers and has_identity_number(text):
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
