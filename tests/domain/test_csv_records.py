"""Tests that the fast CSV reader gives exactly what the precise scanner gives, and when it steps aside."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit_app.domain import csv_records
from audit_app.domain.answer_import import parse_answer_rows
from audit_app.domain.case_import import parse_case_rows
from audit_app.domain.csv_reading import scan_csv
from audit_app.domain.csv_records import fast_records, precise_records
from audit_app.domain.diagnostics import InvalidInput
from audit_app.domain.identity_numbers import contains_identity_number
from audit_app.domain.import_cells import has_identity_number
from tests.domain.test_answer_import import CASES
from tests.domain.test_answer_import import TEMPLATE as ANSWER_TEMPLATE
from tests.domain.test_case_import import TEMPLATE as CASE_TEMPLATE

PIN = "19121212-1212"

#: Cells that exercise the quoting rules: quotes, doubled quotes, line breaks inside quotes, a quote
#: after spaces, text after a closing quote, an unclosed quote, delimiters, a byte-order mark.
CELLS = st.sampled_from(
    ["A1", "A2", "Åsa", "gp", "skal", "veckor", "fritext", "ja", " JA ", "vald|npf", "2,5", "", " ", "\t",
     PIN, '"x"', '"x\ny"', '"x\r\ny"', '"x\rz"', '"a""b"', '""', '"  "', ' "q"', '  "q" ', '"ab"c', '"ab" ',
     '"open', 'he "said"', "a;b", '"a,b"', '"a;b"', "\ufeff", "\ufeffcase", "\u2028", "x\u00a0", '"'],
)  # fmt: skip
HEADERS = st.sampled_from(
    ["case,question,value", "case,question,value,reviewer,comment", '"case","question","value"',
     "case,,question,value", "Value;Question;CASE", "case\tquestion\tvalue\tcomment",
     "\ufeffcase,question,value", ' "case",question,value', "case,unit,age,note,excluded_reason"],
)  # fmt: skip


@st.composite
def csv_texts(draw: st.DrawFn) -> str:
    """CSV-like text: a header and rows of tricky cells, any delimiter and line ending, blank lines."""
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    header = draw(HEADERS)
    if header[:1] not in ('"', " ", "\ufeff") and delimiter != ",":
        header = header.replace(",", delimiter)
    rows = draw(st.lists(st.lists(CELLS, max_size=6), max_size=8))
    lines = [header] + [draw(st.sampled_from([delimiter, ","])).join(row) for row in rows]
    for _ in range(draw(st.integers(0, 2))):
        lines.insert(draw(st.integers(0, len(lines))), draw(st.sampled_from(["", " ", ",,", "\t"])))
    return newline.join(lines) + draw(st.sampled_from(["", newline]))


RAW_TEXT = st.text(st.sampled_from(list('ab ,;\t"\r\n\u00e5\u20ac\ufeff\u2028')), max_size=120)


@contextmanager
def precise_only() -> Iterator[None]:
    """Read every file with the precise scanner."""
    with mock.patch.object(csv_records, "fast_records", return_value=None):
        yield


def outcome(parse: Callable[[], Any]) -> Any:
    """What a parse gives: its result, or every diagnostic with its line and message."""
    try:
        return parse()
    except InvalidInput as exc:
        return [(d.path, d.line, d.code, d.message) for d in exc.diagnostics]


def scanned(data: bytes) -> Any:
    def scan() -> Any:
        table = scan_csv(data, "f.csv")
        records = [(r.line, r.values) for r in table.records]
        problems = [(d.line, d.code, d.message) for d in table.problems]
        return table.columns, table.header_line, table.delimiter, records, problems, table.broken_lines

    return outcome(scan)


# --- the two readers agree ----------------------------------------------------------------------


@settings(max_examples=500, deadline=None)
@given(st.one_of(csv_texts(), RAW_TEXT), st.sampled_from([",", ";", "\t"]))
def test_fast_reader_gives_the_records_of_the_precise_one(text: str, delimiter: str) -> None:
    fast = fast_records(text, delimiter)
    if fast is not None:
        assert list(fast) == precise_records(text, delimiter)[0]
        assert precise_records(text, delimiter)[1] == {}


@settings(max_examples=300, deadline=None)
@given(st.one_of(csv_texts(), RAW_TEXT), st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
def test_scan_gives_the_same_table_and_diagnostics_with_either_reader(text: str, encoding: str) -> None:
    data = text.encode(encoding, errors="replace")
    fast = scanned(data)
    with precise_only():
        assert scanned(data) == fast


@settings(max_examples=300, deadline=None)
@given(csv_texts(), st.booleans(), st.booleans())
def test_answers_parse_the_same_with_either_reader(text: str, consensus: bool, allow: bool) -> None:
    def parse() -> Any:
        return parse_answer_rows(
            text.encode(),
            "answers.csv",
            ANSWER_TEMPLATE,
            known_cases=CASES,
            consensus=consensus,
            default_reviewer="inloggad",
            allow_identifiers=allow,
        )

    fast = outcome(parse)
    with precise_only():
        assert outcome(parse) == fast


@settings(max_examples=200, deadline=None)
@given(csv_texts(), st.booleans())
def test_cases_parse_the_same_with_either_reader(text: str, allow: bool) -> None:
    def parse() -> Any:
        return parse_case_rows(text.encode(), "cases.csv", CASE_TEMPLATE, allow_identifiers=allow)

    fast = outcome(parse)
    with precise_only():
        assert outcome(parse) == fast


# --- when the fast reader is used ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "case,unit\nA1,norr\n\n,,\nA2,soder",  # no quotes at all
        'case,comment\r\nA1,"a, b"\r\n"A2","x ""y"""\r\n',  # quoted fields
        'case,comment\nA1,"one\r\ntwo\rthree"\n\nA2,x\n',  # a record over several lines
    ],
)
def test_ordinary_files_take_the_fast_reader(text: str) -> None:
    fast = fast_records(text, ",")
    assert fast is not None
    assert list(fast) == precise_records(text, ",")[0]


def test_line_numbers_after_a_record_over_several_lines() -> None:
    fast = fast_records('case,comment\nA1,"one\r\ntwo\rthree"\n\nA2,x\n', ",")
    assert fast is not None
    assert list(fast) == [(1, ["case", "comment"]), (2, ["A1", "one\ntwo\nthree"]), (6, ["A2", "x"])]


@pytest.mark.parametrize(
    "text",
    [
        'case,comment\nA1,"ab"c\n',  # text after a closing quote
        'case,comment\nA1,"ab" \n',  # a space after a closing quote
        'case,comment\nA1,"never closed\n',  # an unterminated quote
        'case,comment\nA1,  "a, b"\n',  # a quoted field after spaces
        ' "case",comment\nA1,x\n',  # the same at the start of the file
    ],
)
def test_quoting_the_csv_module_reads_otherwise_goes_to_the_precise_scanner(text: str) -> None:
    assert fast_records(text, ",") is None


# --- the identity-number pre-check --------------------------------------------------------------


DIGITISH = st.text(st.sampled_from(list("0123456789-+ a\u0661")), max_size=30)


@settings(max_examples=500, deadline=None)
@given(st.one_of(DIGITISH, st.sampled_from([PIN, "121212-1212", "1212121212", "x 191212121212 y"])))
def test_identity_pre_check_changes_no_answer(text: str) -> None:
    assert has_identity_number(text) == contains_identity_number(text)
