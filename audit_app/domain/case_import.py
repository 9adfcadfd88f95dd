"""Parsing and checking a cases CSV file (``cases import``) against a template; no database.

Columns (names trimmed; matched case-insensitively; any order):

- ``case`` (required): the case's label in the audit, trimmed and NFC-normalised, unique in the
  file.
- one optional column per non-derived case field (its id). Only the columns present are returned:
  an absent column leaves the field alone (or empty for a new case); an empty cell clears it.
- ``excluded_reason`` (optional): non-empty text excludes the case from every table, an empty
  cell includes it again.

Error codes and the line each is reported at (``LINE`` is the physical line a record starts on;
the file-level codes of :mod:`audit_app.domain.csv_reading` apply as well):

- header (reported alone, at the header's line, which is line 1 unless blank lines precede it):
  ``missing-column`` (no ``case`` column), ``unknown-column`` (any other column, a derived field's
  column included), ``duplicate-column`` (the same column twice, also differing only in case).
- ``no-rows`` (line 1) when the header is right and no record follows it.
- per record, at its line, once per cell problem: ``empty-value`` (empty ``case`` cell),
  ``personal-identity-number`` (a Swedish personal identity or coordination number in the label, a
  text field or ``excluded_reason``, unless identifiers are allowed), ``duplicate-case`` (a label
  already given on an earlier line; reported at the later one), ``invalid-option`` and
  ``multiple-options`` (choice fields take an option's code or label, case-insensitive),
  ``invalid-number`` and ``out-of-range`` (number fields, with the field's ``min``/``max``/
  ``integer``, and a value that falls in no bin of a field derived from it), ``invalid-date``.
- record structure, at the record's line: ``extra-field``, ``bad-quote``, ``unterminated-quote``.
"""

from __future__ import annotations

from dataclasses import dataclass

from audit_app.domain.csv_reading import CsvStream, is_broken, no_rows, open_csv
from audit_app.domain.diagnostics import Diagnostic, InvalidInput
from audit_app.domain.import_cells import has_identity_number, identity_message, show, value_message
from audit_app.domain.template import CaseField, Template
from audit_app.domain.values import (
    OptionIndex,
    Value,
    ValueError_,
    format_number,
    normalize_text,
    parse_choice,
    parse_date,
    parse_number,
)

CASE_COLUMN = "case"
EXCLUDED_COLUMN = "excluded_reason"


@dataclass(frozen=True)
class CaseRow:
    """One case of a cases file, checked and converted.

    ``fields`` holds only the columns present in the file (in file order), with ``None`` for an
    empty cell (which clears the field). ``excluded_reason`` is ``None`` when the file has no such
    column, ``""`` to include the case again, else the reason it is excluded.
    """

    line: int
    label: str
    fields: dict[str, Value | None]
    excluded_reason: str | None


def parse_case_rows(data: bytes, path: str, template: Template, *, allow_identifiers: bool) -> list[CaseRow]:
    """Every case of a cases CSV file, in file order; InvalidInput lists every problem."""
    stream = open_csv(data, path)
    roles = _check_header(stream, template)
    # The cells of the columns in file order; each distinct value of a field is checked once.
    cells = [(stream.index(column), column, role) for column, role in roles.items()]
    options = {f.id: OptionIndex(f.choices) for f in template.input_fields if f.kind == "choice"}
    checked: dict[tuple[str, str], tuple[Value | None, ValueError_ | None]] = {}
    problems: list[Diagnostic] = []
    rows: list[CaseRow] = []
    first_line: dict[str, int] = {}
    empty = True
    for line, record, problem in stream.records():
        empty = False
        if problem is not None:
            problems.append(problem)
            if is_broken(problem):
                continue
        errors: list[tuple[str, str]] = []
        label = ""
        fields: dict[str, Value | None] = {}
        excluded: str | None = None
        for at, column, role in cells:
            raw = record[at] if at < len(record) else ""
            if role == CASE_COLUMN:
                label = normalize_text(raw)
                if not label:
                    errors.append(("empty-value", f"column '{column}': the case label is empty"))
                elif not allow_identifiers and has_identity_number(label):
                    errors.append(("personal-identity-number", identity_message(column, "case label")))
                elif label in first_line:
                    errors.append(
                        (
                            "duplicate-case",
                            f"column '{column}': case {show(label)} is already given on line "
                            f"{first_line[label]}",
                        )
                    )
                else:
                    first_line[label] = line
            elif role == EXCLUDED_COLUMN:
                excluded = normalize_text(raw)
                if excluded and not allow_identifiers and has_identity_number(excluded):
                    errors.append(("personal-identity-number", identity_message(column, "reason")))
            else:
                hit = checked.get((role, raw))
                if hit is None:
                    field = template.field(role)
                    assert field is not None
                    try:
                        hit = (_field_value(raw, field, template, options, allow_identifiers), None)
                    except ValueError_ as exc:
                        hit = (None, exc)
                    checked[role, raw] = hit
                value, error = hit
                if error is None:
                    fields[role] = value
                else:
                    errors.append((error.code, value_message(column, raw, error)))
        problems.extend(Diagnostic(path, line, code, msg) for code, msg in errors)
        if not errors:
            rows.append(CaseRow(line, label, fields, excluded))
    if empty:
        raise InvalidInput([no_rows(path)])
    if problems:
        raise InvalidInput(problems)
    return rows


def _check_header(table: CsvStream, template: Template) -> dict[str, str]:
    """Map each column of the file to ``case``, ``excluded_reason`` or a field id; or raise."""
    path, line = table.path, table.header_line
    allowed = [CASE_COLUMN, *(f.id for f in template.input_fields), EXCLUDED_COLUMN]
    errors: list[Diagnostic] = []
    roles: dict[str, str] = {}
    for column in table.columns:
        key = column.casefold()
        field = template.field(key)
        if key in roles.values():
            errors.append(Diagnostic(path, line, "duplicate-column", f"column '{column}' appears twice"))
        elif key in (CASE_COLUMN, EXCLUDED_COLUMN) or (field is not None and not field.is_derived):
            roles[column] = key
        else:
            if field is not None:
                why = (
                    f"'{field.id}' is derived from '{field.derived_from}' and is computed, "
                    "not imported; remove the column"
                )
            elif template.question(key) is not None:
                why = f"'{key}' is a question; answers are imported with answers import"
            else:
                why = "the columns of a cases file are " + ", ".join(allowed)
            errors.append(Diagnostic(path, line, "unknown-column", f"unknown column '{column}': {why}"))
    if CASE_COLUMN not in roles.values():
        errors.append(Diagnostic(path, line, "missing-column", "the required column 'case' is missing"))
    if errors:
        raise InvalidInput(errors)
    return roles


def _field_value(
    raw: str, field: CaseField, template: Template, options: dict[str, OptionIndex], allow_identifiers: bool
) -> Value | None:
    """The value of one case-field cell; None for an empty cell. Raises ValueError_."""
    text = normalize_text(raw)
    if not text:
        return None
    kind = field.kind
    if kind == "choice":
        return parse_choice(text, options[field.id])
    if kind == "number":
        number = parse_number(text, integer=field.integer, minimum=field.min, maximum=field.max)
        for derived in template.case_fields:
            bins = derived.bins or []
            if derived.derived_from == field.id and not any(b.contains(number) for b in bins):
                classes = ", ".join(f"{format_number(b.min)}-{format_number(b.max)}" for b in bins)
                raise ValueError_(
                    "out-of-range",
                    f"{text} falls in none of the classes of '{derived.id}' ({classes})",
                )
        return number
    if kind == "date":
        return parse_date(text)
    if not allow_identifiers and has_identity_number(text):
        raise ValueError_("personal-identity-number", "")
    return text
