"""Tests for reading import CSV files: encodings, delimiters, quoting, line numbers, error codes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit_app.domain.csv_reading import read_csv_records, scan_csv
from audit_app.domain.diagnostics import InvalidInput


def codes(exc: pytest.ExceptionInfo[InvalidInput]) -> list[tuple[int, str]]:
    return [(d.line, d.code) for d in exc.value.diagnostics]


def rejected(data: bytes) -> list[tuple[int, str]]:
    with pytest.raises(InvalidInput) as exc:
        read_csv_records(data, "f.csv")
    assert all(d.path == "f.csv" for d in exc.value.diagnostics)
    return codes(exc)


# --- structure ----------------------------------------------------------------------------------


def test_simple_file_gives_columns_records_and_lines() -> None:
    columns, records = read_csv_records(b"case,unit\nA1,norr\nA2,soder\n", "f.csv")
    assert columns == ["case", "unit"]
    assert [(r.line, r.values) for r in records] == [
        (2, {"case": "A1", "unit": "norr"}),
        (3, {"case": "A2", "unit": "soder"}),
    ]


def test_last_line_without_newline_is_read() -> None:
    _, records = read_csv_records(b"case,unit\nA1,norr", "f.csv")
    assert records[0].values == {"case": "A1", "unit": "norr"}


def test_header_names_are_trimmed_and_cells_are_raw() -> None:
    columns, records = read_csv_records(b" case , unit\t\n A1 , norr \n", "f.csv")
    assert columns == ["case", "unit"]
    assert records[0].values == {"case": " A1 ", "unit": " norr "}


@pytest.mark.parametrize("newline", [b"\n", b"\r\n", b"\r"])
def test_line_endings(newline: bytes) -> None:
    data = newline.join([b"case,unit", b"A1,norr", b"", b"A2,soder", b""])
    _, records = read_csv_records(data, "f.csv")
    assert [r.line for r in records] == [2, 4]


def test_blank_and_whitespace_lines_are_skipped_but_counted() -> None:
    data = b"case,unit\n\nA1,norr\n   \n,,\n\t\nA2,soder\n\n"
    _, records = read_csv_records(data, "f.csv")
    assert [(r.line, r.values["case"]) for r in records] == [(3, "A1"), (7, "A2")]


def test_blank_lines_before_the_header() -> None:
    table = scan_csv(b"\n\ncase,unit\nA1,norr\n", "f.csv")
    assert table.header_line == 3
    assert [r.line for r in table.records] == [4]


def test_multiline_quoted_field_and_the_lines_after_it() -> None:
    data = b'case,comment\nA1,"first\nsecond\r\nthird"\nA2,"x"\n"A3","a ""quoted"" word, and a comma"\n'
    _, records = read_csv_records(data, "f.csv")
    assert [r.line for r in records] == [2, 5, 6]
    assert records[0].values["comment"] == "first\nsecond\nthird"
    assert records[1].values["comment"] == "x"
    assert records[2].values == {"case": "A3", "comment": 'a "quoted" word, and a comma'}


def test_quoted_field_may_follow_spaces_and_be_followed_by_spaces() -> None:
    _, records = read_csv_records(b'case,comment\nA1,  "a, b"  \n', "f.csv")
    assert records[0].values["comment"] == "a, b"


def test_quote_inside_unquoted_field_is_literal() -> None:
    _, records = read_csv_records(b'case,comment\nA1,he said "hi"\n', "f.csv")
    assert records[0].values["comment"] == 'he said "hi"'


def test_short_record_gets_empty_cells() -> None:
    _, records = read_csv_records(b"case,unit,age\nA1,norr\n", "f.csv")
    assert records[0].values == {"case": "A1", "unit": "norr", "age": ""}


def test_empty_cells_beyond_the_header_are_an_extra_field() -> None:
    # An unquoted decimal comma shifts every later cell; reading on would misplace them.
    with pytest.raises(InvalidInput) as exc:
        read_csv_records(b"case,question,value,reviewer\nA1,veckor,2,5,\n", "f.csv")
    assert codes(exc) == [(2, "extra-field")]
    assert "double quotes" in exc.value.diagnostics[0].message


def test_column_with_empty_header_cell_is_ignored_while_its_cells_are_empty() -> None:
    columns, records = read_csv_records(b"case,,unit,\nA1,,norr,\n", "f.csv")
    assert columns == ["case", "unit"]
    assert records[0].values == {"case": "A1", "unit": "norr"}


# --- delimiters ---------------------------------------------------------------------------------


def test_semicolon_delimiter() -> None:
    columns, records = read_csv_records(b"case;value\nA1;2,5\n", "f.csv")
    assert columns == ["case", "value"]
    assert records[0].values == {"case": "A1", "value": "2,5"}


def test_tab_delimiter() -> None:
    columns, records = read_csv_records(b"case\tvalue\tcomment\nA1\t2,5\ta; b\n", "f.csv")
    assert columns == ["case", "value", "comment"]
    assert records[0].values == {"case": "A1", "value": "2,5", "comment": "a; b"}


def test_delimiter_inside_quoted_header_name_does_not_count() -> None:
    table = scan_csv(b'"a,b,c";x\n1;2\n', "f.csv")
    assert table.delimiter == ";"
    assert table.columns == ["a,b,c", "x"]


def test_single_column_file() -> None:
    columns, records = read_csv_records(b"case\nA1\n", "f.csv")
    assert columns == ["case"]
    assert records[0].values == {"case": "A1"}


# --- encodings ----------------------------------------------------------------------------------


def test_utf8_bom_is_dropped() -> None:
    columns, records = read_csv_records("\ufeffcase,unit\nA1,Söderby\n".encode(), "f.csv")
    assert columns == ["case", "unit"]
    assert records[0].values["unit"] == "Söderby"


def test_utf8_without_bom() -> None:
    _, records = read_csv_records("case,unit\nA1,Söderby\n".encode(), "f.csv")
    assert records[0].values["unit"] == "Söderby"


def test_cp1252_fallback() -> None:
    data = "case;unit;comment\nA1;Söderby;Åtgärd – “klar” €\n".encode("cp1252")
    _, records = read_csv_records(data, "f.csv")
    assert records[0].values == {"case": "A1", "unit": "Söderby", "comment": "Åtgärd – “klar” €"}


@pytest.mark.parametrize("byte", [0x81, 0x8D, 0x8F, 0x90, 0x9D])
def test_bytes_undefined_in_cp1252_are_encoding_errors(byte: int) -> None:
    data = b"case,unit\nA1,S\xf6derby\n" + bytes([byte]) + b"\n"
    assert rejected(data) == [(1, "encoding")]


@pytest.mark.parametrize(
    "data",
    [
        b"case,unit\nA1,no\x00rr\n",  # NUL in otherwise valid UTF-8
        b"case,unit\nA1,S\xf6derby\x00\n",  # NUL in a cp1252 file
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",  # binary garbage
        b"case,unit\nA1,\x07\x08\x1b[0m\n",  # control characters
        "case,unit\nA1,\u0085\n".encode(),  # a C1 control character in UTF-8
        "case,unit\nA1,norr\n".encode("utf-16"),  # UTF-16 with its byte-order mark
        b"\xef\xbb\xbfcase,unit\nA1,S\xf6derby\n",  # UTF-8 BOM but not UTF-8
    ],
)
def test_non_text_is_an_encoding_error_at_line_1(data: bytes) -> None:
    assert rejected(data) == [(1, "encoding")]


def test_encoding_message_names_the_byte_and_line() -> None:
    with pytest.raises(InvalidInput) as exc:
        read_csv_records(b"case\nA1\n\x81\n", "f.csv")
    assert "0x81" in exc.value.diagnostics[0].message
    assert "line 3" in exc.value.diagnostics[0].message


# --- file-level and header errors ---------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [b"", b"   ", b"\n\n\n", b" \r\n\t\r\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf\n  \n", b",,\n,\n"],
)
def test_empty_file(data: bytes) -> None:
    assert rejected(data) == [(1, "empty-file")]


@pytest.mark.parametrize("data", [b"case,unit", b"case,unit\n", b"case,unit\n\n  \n,\n"])
def test_no_rows(data: bytes) -> None:
    assert rejected(data) == [(1, "no-rows")]


def test_duplicate_column_is_a_header_error_reported_alone() -> None:
    data = b"case,unit, unit\nA1,norr\n"
    assert rejected(data) == [(1, "duplicate-column")]


def test_unterminated_quote_in_the_header_is_reported_alone() -> None:
    assert rejected(b'case,"unit\nA1,norr\nA2,soder,x\n') == [(1, "unterminated-quote")]


# --- record errors ------------------------------------------------------------------------------


def test_extra_field() -> None:
    with pytest.raises(InvalidInput) as exc:
        read_csv_records(b"case,unit\nA1,norr\nA2,soder,oops\n", "f.csv")
    assert codes(exc) == [(3, "extra-field")]
    assert "'oops'" in exc.value.diagnostics[0].message


def test_value_under_an_empty_header_cell_is_an_extra_field() -> None:
    assert rejected(b"case,,unit\nA1,x,norr\n") == [(2, "extra-field")]


def test_unterminated_quote_is_reported_at_the_line_where_its_record_starts() -> None:
    assert rejected(b'case,comment\nA1,ok\nA2,"never closed\nA3,x\n') == [(3, "unterminated-quote")]


def test_text_after_a_closing_quote() -> None:
    assert rejected(b'case,comment\nA1,"ab"c\nA2,x\n') == [(2, "bad-quote")]


def test_every_record_problem_is_reported() -> None:
    data = b'case,comment\nA1,x,y\nA2,"a"b\n\nA3,"z\nA4\n'
    assert rejected(data) == [(2, "extra-field"), (3, "bad-quote"), (5, "unterminated-quote")]


def test_scan_lists_record_problems_without_raising() -> None:
    table = scan_csv(b'case,comment\nA1,"a"b\nA2,x\n', "f.csv")
    assert [(d.line, d.code) for d in table.problems] == [(2, "bad-quote")]
    assert table.broken_lines == {2}
    assert [r.line for r in table.records] == [2, 3]


def test_scan_of_a_header_only_file_returns_no_records() -> None:
    table = scan_csv(b"case,unit\n", "f.csv")
    assert table.columns == ["case", "unit"]
    assert table.records == []


def test_messages_are_single_lines() -> None:
    with pytest.raises(InvalidInput) as exc:
        read_csv_records(b'case\nA1,"multi\nline"\n', "f.csv")
    assert all("\n" not in d.message for d in exc.value.diagnostics)


# --- robustness ---------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_only_raise_invalid_input(data: bytes) -> None:
    try:
        read_csv_records(data, "f.csv")
    except InvalidInput as exc:
        assert exc.diagnostics


CSV_ALPHABET = st.sampled_from(list('ab ,;\t"\r\n\u00e5\u20ac'))


@settings(max_examples=300, deadline=None)
@given(st.text(CSV_ALPHABET, max_size=80), st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
def test_csv_like_text_only_raises_invalid_input_and_lines_stay_in_the_file(text: str, encoding: str) -> None:
    data = text.encode(encoding)
    physical_lines = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    try:
        columns, records = read_csv_records(data, "f.csv")
    except InvalidInput as exc:
        assert exc.diagnostics
        assert all(1 <= d.line <= physical_lines for d in exc.diagnostics)
        return
    lines = [r.line for r in records]
    assert lines == sorted(set(lines))
    assert all(2 <= line <= physical_lines for line in lines)
    assert all(set(r.values) == set(columns) for r in records)
