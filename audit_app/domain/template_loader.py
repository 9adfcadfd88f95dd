"""Loads a review template from YAML or JSON and reports every problem in it at once, by line.

Each problem is a Diagnostic ``PATH:LINE: error[CODE]: message`` (DESIGN.md section 3). Codes and
the line each is reported at:

- ``yaml-syntax``: unreadable YAML or JSON (the parser's line, at most the last line); a duplicate
  key (the second one; checking goes on with the first); an empty file or a document that is not a
  mapping (line 1, or the document's first line).
- ``encoding``: a file that is not UTF-8 (the line of the first bad byte).
- ``unknown-key``: a key the format does not have (that key's line).
- ``missing-key``: a required key is absent, also ``type`` of a non-derived case field and ``bins``
  of a derived one (the first line of the mapping that lacks it).
- ``wrong-type``: a value of the wrong type or not among the allowed words; ``format`` other than
  the integer 1; ``.inf``/``.nan`` as min or max (the key's line; for a bad list item, its line).
- ``bad-identifier``: an id or code not matching ``[a-z][a-z0-9_]*`` (the ``id``/``code`` line).
- ``duplicate-id``: case field and question ids (one namespace), section, quality-area ids, option
  codes within one item and bin codes within one field (the second occurrence in the file).
- ``unknown-reference``: an undeclared ``quality_area``; ``derived_from`` that is not a number case
  field; a name in ``applies_when`` that is neither a case field nor a question (the key's line).
- ``expression-syntax`` / ``expression-unsupported``: an ``applies_when`` that does not parse, or
  uses Python outside the condition language, or a multi question elsewhere than right of ``in``
  (the ``applies_when`` line).
- ``reference-cycle``: questions whose conditions depend on each other, a question on itself
  included; once per strongly connected group, at the ``applies_when`` line of its first question.
- ``bad-bins``: a bin with min > max, or overlapping an earlier bin (that bin's line); a derived
  field with ``bins: []`` (the ``bins`` line).
- ``no-options``: a choice or multi question, or a choice case field, without options or with an
  empty list (the ``options`` line, or the item's first line when the key is absent).
- ``options-not-allowed``: options on a number, date or text item or a derived field (``options``).
- ``key-not-allowed``: min/max/integer (and unit) on a non-number item, ``type`` on a derived
  field, ``bins`` without ``derived_from`` (the key's line).
- ``bad-range``: min greater than max on a number item (the ``max`` line).

Structure comes from the pydantic model; meaning is checked even where structure is wrong, as far
as the data allows. Diagnostics are sorted by line, same-line ones in the order found.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from audit_app.domain.diagnostics import Diagnostic, InputRejected, InvalidInput, NotFound
from audit_app.domain.template import Template
from audit_app.domain.template_checks import describe, semantic_findings
from audit_app.domain.template_source import (
    Finding,
    SourceDocument,
    SyntaxProblem,
    read_source,
    short_repr,
)

#: pydantic error types that mean a key is not allowed, or is absent; the rest are wrong types.
_UNKNOWN_KEY = frozenset({"extra_forbidden", "invalid_key"})
_MISSING_KEY = frozenset({"missing"})
_MAPPING_EXPECTED = frozenset({"model_type", "model_attributes_type", "dict_type"})


def format_for(source: str) -> str:
    """The text format a template file name implies: "json" for ``*.json``, else "yaml"."""
    return "json" if source.lower().endswith(".json") else "yaml"


def load_template_file(path: str | Path) -> Template:
    """Read and validate a template file; raises InvalidInput listing every problem.

    A file that does not exist raises NotFound; one that cannot be read raises InputRejected.
    The text is UTF-8 (a byte-order mark is allowed); other bytes are an ``encoding`` problem.
    """
    return load_template_text(read_template_file_text(path), str(path))


def read_template_file_text(path: str | Path) -> str:
    """The text of a template file (UTF-8, BOM allowed); errors as in ``load_template_file``."""
    source = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError as error:
        raise NotFound(f"{source}: no such template file") from error
    except OSError as error:
        raise InputRejected(f"{source}: cannot read the template: {error.strerror}") from error
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InvalidInput(
            [Diagnostic(source, line, "encoding", "the template is not UTF-8 text")]
        ) from error
    return text


def load_template_text(text: str, source: str, *, fmt: str | None = None) -> Template:
    """Validate template text; ``fmt`` is "yaml" or "json" (default: by ``source``'s suffix).

    Returns the template, or raises InvalidInput with every problem, sorted by line.
    """
    template, diagnostics = _analyse(text, source, fmt or format_for(source))
    if diagnostics or template is None:
        raise InvalidInput(diagnostics)
    return template


def template_diagnostics(text: str, source: str) -> list[Diagnostic]:
    """Every problem in template text, sorted by line (empty when the template is valid)."""
    return _analyse(text, source, format_for(source))[1]


def _analyse(text: str, source: str, fmt: str) -> tuple[Template | None, list[Diagnostic]]:
    """Read, validate structure, then check meaning; a syntax problem stops after itself."""
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        doc = read_source(text, fmt)
    except SyntaxProblem as problem:
        return None, _to_diagnostics(source, [problem.finding])
    findings = list(doc.findings)
    template: Template | None = None
    try:
        template = Template.model_validate(doc.data)
    except ValidationError as error:
        findings.extend(_structure_finding(doc, detail) for detail in error.errors())
    # Meaning is checked even when the structure is wrong, wherever the data allows it.
    findings.extend(semantic_findings(doc))
    return template, _to_diagnostics(source, findings)


def _to_diagnostics(source: str, findings: list[Finding]) -> list[Diagnostic]:
    unique = list(dict.fromkeys(findings))  # drops repeats, keeps the order found
    unique.sort(key=lambda f: f.line)  # stable: same-line findings keep their order
    return [Diagnostic(source, f.line, f.code, f.message) for f in unique]


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, _dt.date):
        return f"the date {value.isoformat()} (quote it to make it text)"
    return short_repr(value)


def _structure_finding(doc: SourceDocument, detail: ErrorDetails) -> Finding:
    """One pydantic error as a finding: code by error type, line by walking ``loc``."""
    loc = tuple(detail["loc"])
    kind = detail["type"]
    last = loc[-1] if loc else None
    parent = loc[:-1]
    if kind in _UNKNOWN_KEY:
        return Finding(
            doc.line_of(loc),
            "unknown-key",
            f"unknown key '{last}' in {describe(doc.data, parent)}",
        )
    if kind in _MISSING_KEY:
        return Finding(
            doc.start_of(parent),
            "missing-key",
            f"{describe(doc.data, parent)} lacks the required key '{last}'",
        )
    if loc == ("format",):
        message = f"format {_show(detail['input'])} is not supported; this program reads format 1"
    else:
        where = (
            f"'{last}' of {describe(doc.data, parent)}" if isinstance(last, str) else describe(doc.data, loc)
        )
        expected = detail["msg"]
        if kind in _MAPPING_EXPECTED:
            expected = "Input should be a mapping (key: value pairs)"
        expected = expected[:1].lower() + expected[1:]
        message = f"{where}: {expected}, not {_show(detail['input'])}"
    return Finding(doc.line_of(loc), "wrong-type", message)
