"""Tests for parsing a cases CSV file against a template (DESIGN section 4, cases import)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit_app.domain.case_import import CaseRow, parse_case_rows
from audit_app.domain.diagnostics import InvalidInput
from audit_app.domain.template import Template
from audit_app.domain.template_loader import load_template_file

#: ``../shared/examples`` from the project root (DESIGN.md).
EXAMPLES = Path(__file__).resolve().parents[3] / "shared" / "examples"

# Skatteverket's published test number (Tolvan Tolvansson); it belongs to no real person.
TEST_PIN = "19121212-1212"
TEST_PIN_SHORT = "121212-1212"

TEMPLATE = Template.model_validate(
    {
        "format": 1,
        "id": "test",
        "version": 1,
        "title": "Test",
        "case_fields": [
            {
                "id": "unit",
                "label": "Enhet",
                "type": "choice",
                "options": [
                    {"code": "norr", "label": "Norrby"},
                    {"code": "soder", "label": "Söderby"},
                ],
            },
            {"id": "age", "label": "Ålder", "type": "number", "min": 0, "max": 12, "integer": True},
            {
                "id": "age_group",
                "label": "Åldersgrupp",
                "derived_from": "age",
                "bins": [
                    {"code": "a0_3", "label": "0-3", "min": 0, "max": 3},
                    {"code": "a4_12", "label": "4-12", "min": 4, "max": 12},
                ],
            },
            {"id": "weight", "label": "Vikt", "type": "number", "min": 0, "max": 100},
            {
                "id": "weight_class",
                "label": "Viktklass",
                "derived_from": "weight",
                "bins": [
                    {"code": "light", "label": "lätt", "min": 0, "max": 20},
                    {"code": "heavy", "label": "tung", "min": 21, "max": 100},
                ],
            },
            {"id": "opened", "label": "Öppnad", "type": "date"},
            {"id": "note", "label": "Anteckning", "type": "text"},
        ],
        "sections": [
            {
                "id": "s",
                "title": "S",
                "questions": [
                    {
                        "id": "q",
                        "text": "Q?",
                        "type": "choice",
                        "options": [{"code": "ja", "label": "Ja"}],
                    }
                ],
            }
        ],
    }
)


def example_template() -> Template:
    return load_template_file(EXAMPLES / "template.yaml")


def parse(text: str | bytes, *, allow: bool = False, template: Template = TEMPLATE) -> list[CaseRow]:
    data = text.encode() if isinstance(text, str) else text
    return parse_case_rows(data, "cases.csv", template, allow_identifiers=allow)


def errors(text: str | bytes, *, allow: bool = False) -> list[tuple[int, str]]:
    with pytest.raises(InvalidInput) as exc:
        parse(text, allow=allow)
    assert all(d.path == "cases.csv" for d in exc.value.diagnostics)
    return [(d.line, d.code) for d in exc.value.diagnostics]


def messages(text: str) -> list[str]:
    with pytest.raises(InvalidInput) as exc:
        parse(text)
    return [d.message for d in exc.value.diagnostics]


# --- the example files --------------------------------------------------------------------------


def test_example_cases_file_parses() -> None:
    rows = parse((EXAMPLES / "cases.csv").read_bytes(), template=example_template())
    assert [r.label for r in rows] == ["A1", "A2", "A3", "A4", "A5"]
    assert [r.line for r in rows] == [2, 3, 4, 5, 6]
    a3 = rows[2]
    assert a3.fields == {"unit": "soder", "gender": "flicka", "age": 9.0}  # "Söderby" is a label
    assert a3.excluded_reason == ""
    assert rows[4].excluded_reason == "Akten saknas"


# --- columns ------------------------------------------------------------------------------------


def test_only_columns_present_are_returned() -> None:
    rows = parse("case,unit\nA1,norr\n")
    assert rows == [CaseRow(line=2, label="A1", fields={"unit": "norr"}, excluded_reason=None)]


def test_case_column_alone_is_enough() -> None:
    assert parse("case\nA1\n") == [CaseRow(2, "A1", {}, None)]


def test_every_value_type() -> None:
    rows = parse(
        "case,unit,age,weight,opened,note,excluded_reason\n"
        'A1,Söderby,7,"2,5",2024-02-29,  fritext  ,Akten saknas\n'
        "A2,NORR,0,21.5,,,\n"
    )
    assert rows[0].fields == {
        "unit": "soder",
        "age": 7.0,
        "weight": 2.5,
        "opened": "2024-02-29",
        "note": "fritext",
    }
    assert rows[0].excluded_reason == "Akten saknas"
    assert rows[1].fields == {
        "unit": "norr",
        "age": 0.0,
        "weight": 21.5,
        "opened": None,
        "note": None,
    }
    assert rows[1].excluded_reason == ""


def test_empty_and_whitespace_cells_clear() -> None:
    rows = parse("case,unit,age,note\nA1,  ,\t,\n")
    assert rows[0].fields == {"unit": None, "age": None, "note": None}


def test_column_names_are_trimmed_and_case_insensitive() -> None:
    rows = parse(" Case ; Unit ;Excluded_Reason\nA1;norr;\n")
    assert rows[0].fields == {"unit": "norr"}
    assert rows[0].excluded_reason == ""


def test_tab_delimited_file() -> None:
    rows = parse("case\tunit\tage\nA1\tnorr\t3\n")
    assert rows[0].fields == {"unit": "norr", "age": 3.0}


def test_cp1252_file() -> None:
    rows = parse("case;unit;note\nA1;Söderby;Öppen\n".encode("cp1252"))
    assert rows[0].fields == {"unit": "soder", "note": "Öppen"}


def test_bom_file() -> None:
    rows = parse("\ufeffcase,unit\nA1,norr\n".encode())
    assert rows[0].label == "A1"


def test_missing_case_column() -> None:
    assert errors("unit\nnorr\n") == [(1, "missing-column")]


def test_unknown_column() -> None:
    assert errors("case,unit,colour\nA1,norr,red\n") == [(1, "unknown-column")]


def test_derived_field_column_is_unknown() -> None:
    assert errors("case,age,age_group\nA1,2,a0_3\n") == [(1, "unknown-column")]
    assert "derived" in messages("case,age_group\nA1,a0_3\n")[0]


def test_question_column_is_unknown() -> None:
    assert errors("case,q\nA1,ja\n") == [(1, "unknown-column")]


def test_duplicate_column_differing_in_case() -> None:
    assert errors("case,unit,UNIT\nA1,norr,soder\n") == [(1, "duplicate-column")]


def test_header_errors_are_reported_alone() -> None:
    data = "colour,unit,age_group\nA1,nowhere,x\n,,\nA2,norr,1,extra\n"
    assert errors(data) == [
        (1, "unknown-column"),
        (1, "unknown-column"),
        (1, "missing-column"),
    ]


def test_header_error_comes_before_no_rows() -> None:
    assert errors("colour\n") == [(1, "unknown-column"), (1, "missing-column")]


def test_no_rows() -> None:
    assert errors("case,unit\n") == [(1, "no-rows")]


def test_empty_file() -> None:
    assert errors("") == [(1, "empty-file")]
    assert errors(" \n \n") == [(1, "empty-file")]


def test_encoding() -> None:
    assert errors(b"case\nA\x81\n") == [(1, "encoding")]


# --- cell errors --------------------------------------------------------------------------------


def test_empty_case_label() -> None:
    assert errors("case,unit\n  ,norr\n") == [(2, "empty-value")]


def test_duplicate_case_reported_at_the_second_occurrence() -> None:
    assert errors("case,unit\nA1,norr\nA2,norr\n A1 ,soder\n") == [(4, "duplicate-case")]
    assert "line 2" in messages("case\nA1\nA1\n")[0]


def test_labels_are_trimmed_and_nfc_normalised() -> None:
    decomposed = unicodedata.normalize("NFD", "Åsa")
    rows = parse(f"case\n {decomposed} \n")
    assert rows[0].label == "Åsa"
    assert errors(f"case\nÅsa\n{decomposed}\n") == [(3, "duplicate-case")]


def test_invalid_option() -> None:
    assert errors("case,unit\nA1,väster\n") == [(2, "invalid-option")]
    message = messages("case,unit\nA1,väster\n")[0]
    assert "'väster'" in message and "'unit'" in message


def test_multiple_options() -> None:
    assert errors("case,unit\nA1,norr|soder\n") == [(2, "multiple-options")]


@pytest.mark.parametrize("value", ["1e1", "1 000", "abc", "3.0", "3,5", "+", "3.", ".5", "1.000,5"])
def test_invalid_number_for_an_integer_field(value: str) -> None:
    assert errors(f'case,age\nA1,"{value}"\n') == [(2, "invalid-number")]


@pytest.mark.parametrize("value", ["1e1", "1,000.5", "1 000", "٣"])
def test_invalid_number(value: str) -> None:
    assert errors(f'case,weight\nA1,"{value}"\n') == [(2, "invalid-number")]


@pytest.mark.parametrize("column,value", [("age", "13"), ("age", "-1"), ("weight", "100,5")])
def test_out_of_range(column: str, value: str) -> None:
    assert errors(f'case,{column}\nA1,"{value}"\n') == [(2, "out-of-range")]


def test_value_between_bins_is_out_of_range() -> None:
    assert errors("case,weight\nA1,20.5\n") == [(2, "out-of-range")]
    assert "weight_class" in messages("case,weight\nA1,20.5\n")[0]


@pytest.mark.parametrize("value", ["2023-02-29", "2024-13-01", "24-01-01", "2024/01/01", "idag"])
def test_invalid_date(value: str) -> None:
    assert errors(f"case,opened\nA1,{value}\n") == [(2, "invalid-date")]


@pytest.mark.parametrize("pin", [TEST_PIN, TEST_PIN_SHORT, "191212121212"])
def test_identity_number_in_a_text_field(pin: str) -> None:
    data = f"case,note\nA1,barnet {pin} bor hos mamma\n"
    assert errors(data) == [(2, "personal-identity-number")]
    assert pin not in messages(data)[0]
    assert parse(data, allow=True)[0].fields["note"] == f"barnet {pin} bor hos mamma"


def test_identity_number_as_case_label() -> None:
    data = f"case,unit\n{TEST_PIN_SHORT},norr\n"
    assert errors(data) == [(2, "personal-identity-number")]
    assert parse(data, allow=True)[0].label == TEST_PIN_SHORT


def test_identity_number_in_excluded_reason() -> None:
    data = f"case,excluded_reason\nA1,fel barn ({TEST_PIN})\n"
    assert errors(data) == [(2, "personal-identity-number")]
    assert parse(data, allow=True)[0].excluded_reason == f"fel barn ({TEST_PIN})"


def test_identity_number_is_not_echoed_by_other_errors() -> None:
    message = messages(f"case,age\nA1,{TEST_PIN}\n")[0]
    assert TEST_PIN not in message and "1212" not in message


def test_every_error_in_the_file_is_reported_once() -> None:
    data = (
        "case,unit,age,opened,note\n"
        "A1,norr,3,2024-01-01,ok\n"
        ",väster,x,igår,ok\n"
        '"A2","norr","2","2024-01-01","lång\nanteckning"\n'
        "A1,norr|soder,99,,\n"
        "\n"
        f"A3,norr,4,,{TEST_PIN}\n"
        "A4,norr,4,,,extra\n"
    )
    assert errors(data) == [
        (3, "empty-value"),
        (3, "invalid-option"),
        (3, "invalid-number"),
        (3, "invalid-date"),
        (6, "duplicate-case"),
        (6, "multiple-options"),
        (6, "out-of-range"),
        (8, "personal-identity-number"),
        (9, "extra-field"),
    ]


def test_line_numbers_after_a_multiline_field() -> None:
    rows = parse('case,note\nA1,"rad ett\nrad två\nrad tre"\nA2,x\n')
    assert [(r.line, r.label) for r in rows] == [(2, "A1"), (5, "A2")]
    assert rows[0].fields["note"] == "rad ett\nrad två\nrad tre"


def test_messages_name_the_column_and_the_value() -> None:
    unit, age, opened = messages("case,unit,age,opened\nA1,väster,x1,2024-99-01\n")
    assert "column 'unit'" in unit and "'väster'" in unit
    assert "column 'age'" in age and "'x1'" in age
    assert "column 'opened'" in opened and "'2024-99-01'" in opened
    assert "'A1'" in messages("case\nA1\nA1\n")[0]


# --- robustness ---------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_only_raise_invalid_input(data: bytes) -> None:
    try:
        parse(b"case,unit,age,weight,opened,note,excluded_reason\n" + data)
    except InvalidInput as exc:
        assert exc.diagnostics


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_whole_files_only_raise_invalid_input(data: bytes) -> None:
    try:
        parse(data)
    except InvalidInput as exc:
        assert exc.diagnostics
