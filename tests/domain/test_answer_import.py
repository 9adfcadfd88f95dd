"""Tests for parsing an answers CSV file against a template (DESIGN section 4, answers import)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit_app.domain.answer_import import AnswerRow, parse_answer_rows
from audit_app.domain.diagnostics import InvalidInput
from audit_app.domain.template import Template
from audit_app.domain.template_loader import load_template_file

#: ``../shared/examples`` from the project root (DESIGN.md).
EXAMPLES = Path(__file__).resolve().parents[3] / "shared" / "examples"

# Skatteverket's published test number (Tolvan Tolvansson); it belongs to no real person.
TEST_PIN = "19121212-1212"
TEST_PIN_SHORT = "121212-1212"

YES_NO = [
    {"code": "ja", "label": "Ja"},
    {"code": "nej", "label": "Nej"},
    {"code": "ej_dok", "label": "Framgår inte av akten", "kind": "not_documented"},
]
TEMPLATE = Template.model_validate(
    {
        "format": 1,
        "id": "test",
        "version": 1,
        "title": "Test",
        "case_fields": [
            {"id": "age", "label": "Ålder", "type": "number", "min": 0, "max": 12, "integer": True}
        ],
        "sections": [
            {
                "id": "s",
                "title": "S",
                "questions": [
                    {"id": "gp", "text": "Plan?", "type": "choice", "options": YES_NO},
                    {
                        "id": "skal",
                        "text": "Skäl",
                        "type": "multi",
                        "options": [
                            {"code": "vald", "label": "Våld"},
                            {"code": "npf", "label": "NPF"},
                            {"code": "forald", "label": "Föräldraskap"},
                        ],
                    },
                    {"id": "veckor", "text": "Veckor", "type": "number", "min": 0, "max": 52},
                    {
                        "id": "besok",
                        "text": "Besök",
                        "type": "number",
                        "min": 0,
                        "max": 100,
                        "integer": True,
                    },
                    {"id": "datum", "text": "Datum", "type": "date"},
                    {"id": "fritext", "text": "Övrigt", "type": "text"},
                ],
            }
        ],
    }
)
CASES = {"A1", "A2", "Åsa"}
CASES_EXAMPLE = {"A1", "A2", "A3", "A4", "A5"}


def example_template() -> Template:
    return load_template_file(EXAMPLES / "template.yaml")


def parse(
    text: str | bytes,
    *,
    consensus: bool = False,
    allow: bool = False,
    template: Template = TEMPLATE,
    cases: set[str] = CASES,
) -> list[AnswerRow]:
    data = text.encode() if isinstance(text, str) else text
    return parse_answer_rows(
        data,
        "answers.csv",
        template,
        known_cases=cases,
        consensus=consensus,
        default_reviewer="inloggad",
        allow_identifiers=allow,
    )


def errors(text: str | bytes, *, consensus: bool = False) -> list[tuple[int, str]]:
    with pytest.raises(InvalidInput) as exc:
        parse(text, consensus=consensus)
    assert all(d.path == "answers.csv" for d in exc.value.diagnostics)
    return [(d.line, d.code) for d in exc.value.diagnostics]


def messages(text: str, *, consensus: bool = False) -> list[str]:
    with pytest.raises(InvalidInput) as exc:
        parse(text, consensus=consensus)
    return [d.message for d in exc.value.diagnostics]


def value_of(question: str, value: str) -> object:
    rows = parse(f'case,question,value\nA1,{question},"{value}"\n')
    return rows[0].value


# --- the example files --------------------------------------------------------------------------


def test_example_answers_file_parses() -> None:
    template = example_template()
    rows = parse((EXAMPLES / "answers.csv").read_bytes(), template=template, cases=CASES_EXAMPLE)
    assert len(rows) == 16
    assert rows[0] == AnswerRow(2, "A1", "gp_finns", "ja", "anna", "")
    assert rows[1].value == frozenset({"vald", "npf"})
    assert rows[6].value == 2.5  # "2,5"
    assert rows[8].reviewer == "bo"
    assert rows[12].comment == "Ingen plan i akten"


def test_example_consensus_file_parses() -> None:
    rows = parse(
        (EXAMPLES / "consensus.csv").read_bytes(),
        template=example_template(),
        cases=CASES_EXAMPLE,
        consensus=True,
    )
    assert rows == [AnswerRow(2, "A3", "gp_finns", "ja", None, None)]


# --- columns ------------------------------------------------------------------------------------


def test_reviewer_defaults_and_comment_absent() -> None:
    rows = parse("case,question,value\nA1,gp,ja\n")
    assert rows == [AnswerRow(2, "A1", "gp", "ja", "inloggad", None)]


def test_empty_reviewer_cell_is_the_default_reviewer() -> None:
    rows = parse("case,question,value,reviewer,comment\nA1,gp,ja,, \nA2,gp,nej, bo ,bra\n")
    assert [(r.reviewer, r.comment) for r in rows] == [("inloggad", ""), ("bo", "bra")]


def test_columns_in_any_order_and_any_case() -> None:
    rows = parse("Value;Comment;Question;CASE\nja;ok;gp;A1\n")
    assert rows == [AnswerRow(2, "A1", "gp", "ja", "inloggad", "ok")]


@pytest.mark.parametrize("missing", ["case", "question", "value"])
def test_missing_column(missing: str) -> None:
    header = ",".join(c for c in ["case", "question", "value"] if c != missing)
    assert errors(f"{header}\nA1,gp\n") == [(1, "missing-column")]


def test_unknown_column() -> None:
    assert errors("case,question,value,note\nA1,gp,ja,x\n") == [(1, "unknown-column")]


def test_reviewer_column_with_consensus_is_unknown() -> None:
    data = "case,question,value,reviewer\nA1,gp,ja,anna\n"
    assert errors(data, consensus=True) == [(1, "unknown-column")]
    assert "consensus" in messages(data, consensus=True)[0]


def test_consensus_rows_have_no_reviewer() -> None:
    rows = parse("case,question,value,comment\nA1,gp,ja,enig\n", consensus=True)
    assert rows == [AnswerRow(2, "A1", "gp", "ja", None, "enig")]


def test_duplicate_column() -> None:
    assert errors("case,question,value,Value\nA1,gp,ja,nej\n") == [(1, "duplicate-column")]


def test_header_errors_are_reported_alone() -> None:
    data = "case,value,extra\nA9,,x\nA1,kanske,y,z\n"
    assert errors(data) == [(1, "unknown-column"), (1, "missing-column")]


def test_no_rows_and_empty_file() -> None:
    assert errors("case,question,value\n\n") == [(1, "no-rows")]
    assert errors("") == [(1, "empty-file")]
    assert errors(b"\x00\x01") == [(1, "encoding")]


# --- case and question cells --------------------------------------------------------------------


def test_unknown_case() -> None:
    assert errors("case,question,value\nA9,gp,ja\n") == [(2, "unknown-case")]
    assert "'A9'" in messages("case,question,value\nA9,gp,ja\n")[0]


def test_case_labels_are_trimmed_and_nfc_normalised() -> None:
    decomposed = unicodedata.normalize("NFD", "Åsa")
    rows = parse(f"case,question,value\n  {decomposed} ,gp,ja\n")
    assert rows[0].case == "Åsa"


def test_identity_number_as_case_is_not_unknown_case() -> None:
    data = f"case,question,value\n{TEST_PIN_SHORT},gp,ja\n"
    assert errors(data) == [(2, "personal-identity-number")]
    assert TEST_PIN_SHORT not in messages(data)[0]
    with pytest.raises(InvalidInput) as exc:
        parse(data, allow=True)
    assert [d.code for d in exc.value.diagnostics] == ["unknown-case"]
    rows = parse(data, allow=True, cases={TEST_PIN_SHORT})
    assert rows[0].case == TEST_PIN_SHORT


def test_unknown_question() -> None:
    assert errors("case,question,value\nA1,nope,ja\n") == [(2, "unknown-question")]


def test_case_field_is_an_unknown_question() -> None:
    assert errors("case,question,value\nA1,age,3\n") == [(2, "unknown-question")]
    assert "case field" in messages("case,question,value\nA1,age,3\n")[0]


def test_empty_case_and_question() -> None:
    assert errors("case,question,value\n ,gp,ja\nA1, ,ja\n") == [
        (2, "empty-value"),
        (3, "empty-value"),
    ]


# --- values -------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["", " ", "\t"])
def test_empty_value(value: str) -> None:
    assert errors(f'case,question,value\nA1,gp,"{value}"\n') == [(2, "empty-value")]


def test_missing_value_cell_in_a_short_row_is_empty() -> None:
    assert errors("case,question,value\nA1,gp\n") == [(2, "empty-value")]


def test_choice_by_code_or_label_case_insensitively() -> None:
    assert value_of("gp", "ja") == "ja"
    assert value_of("gp", " JA ") == "ja"
    assert value_of("gp", "framgår inte av akten") == "ej_dok"


def test_invalid_option() -> None:
    assert errors("case,question,value\nA1,gp,kanske\n") == [(2, "invalid-option")]
    message = messages("case,question,value\nA1,gp,kanske\n")[0]
    assert "'kanske'" in message and "column 'value'" in message and "'gp'" in message


def test_multiple_options() -> None:
    assert errors("case,question,value\nA1,gp,ja|nej\n") == [(2, "multiple-options")]


def test_multi_values() -> None:
    assert value_of("skal", "vald|npf") == frozenset({"vald", "npf"})
    assert value_of("skal", "Våld | föräldraskap") == frozenset({"vald", "forald"})
    assert value_of("skal", "npf") == frozenset({"npf"})


@pytest.mark.parametrize("value", ["vald|x", "vald|", "|vald", "vald||npf", "vald,npf"])
def test_invalid_multi_option(value: str) -> None:
    assert errors(f'case,question,value\nA1,skal,"{value}"\n') == [(2, "invalid-option")]


@pytest.mark.parametrize(
    "value,expected", [("2,5", 2.5), ("2.5", 2.5), ("+3", 3.0), ("0", 0.0), ("052", 52.0)]
)
def test_numbers(value: str, expected: float) -> None:
    assert value_of("veckor", value) == expected


def test_decimal_comma_unquoted_with_semicolons() -> None:
    rows = parse("case;question;value\nA1;veckor;2,5\n")
    assert rows[0].value == 2.5


@pytest.mark.parametrize(
    "value", ["1e3", "1E3", "1 000", "1.000,5", "1,000.5", "2.5.1", "abc", ".5", "5.", "--1", "½"]
)
def test_invalid_number(value: str) -> None:
    assert errors(f'case,question,value\nA1,veckor,"{value}"\n') == [(2, "invalid-number")]


@pytest.mark.parametrize("value", ["3.0", "3,5", "3.5"])
def test_decimal_for_an_integer_question_is_invalid(value: str) -> None:
    assert errors(f'case,question,value\nA1,besok,"{value}"\n') == [(2, "invalid-number")]


@pytest.mark.parametrize("question,value", [("veckor", "53"), ("veckor", "-1"), ("besok", "101")])
def test_out_of_range(question: str, value: str) -> None:
    assert errors(f"case,question,value\nA1,{question},{value}\n") == [(2, "out-of-range")]


def test_dates() -> None:
    assert value_of("datum", " 2024-02-29 ") == "2024-02-29"
    for bad in ["2023-02-29", "2024-1-1", "2024-01-01T00:00", "1/1/2024"]:
        assert errors(f"case,question,value\nA1,datum,{bad}\n") == [(2, "invalid-date")]


def test_text_answers_are_trimmed_and_keep_inner_lines() -> None:
    assert value_of("fritext", "  Inget att anmärka  ") == "Inget att anmärka"
    rows = parse('case,question,value\nA1,fritext,"rad ett\nrad två"\nA2,gp,ja\n')
    assert rows[0].value == "rad ett\nrad två"
    assert [r.line for r in rows] == [2, 4]


@pytest.mark.parametrize("pin", [TEST_PIN, TEST_PIN_SHORT, "1212121212"])
def test_identity_number_in_a_text_answer(pin: str) -> None:
    data = f"case,question,value\nA1,fritext,pappa har nr {pin}\n"
    assert errors(data) == [(2, "personal-identity-number")]
    assert pin not in messages(data)[0]
    assert parse(data, allow=True)[0].value == f"pappa har nr {pin}"


def test_identity_number_in_a_comment() -> None:
    data = f"case,question,value,comment\nA1,gp,ja,se {TEST_PIN}\n"
    assert errors(data) == [(2, "personal-identity-number")]
    assert parse(data, allow=True)[0].comment == f"se {TEST_PIN}"


def test_identity_number_in_a_choice_value_is_an_invalid_option_and_not_echoed() -> None:
    data = f"case,question,value\nA1,gp,{TEST_PIN}\n"
    assert errors(data) == [(2, "invalid-option")]
    assert TEST_PIN not in messages(data)[0]


# --- duplicates ---------------------------------------------------------------------------------


def test_duplicate_row_at_the_second_occurrence() -> None:
    data = "case,question,value,reviewer\nA1,gp,ja,anna\nA1,gp,ja,bo\nA1,gp,nej,anna\n"
    assert errors(data) == [(4, "duplicate-row")]
    assert "line 2" in messages(data)[0]


def test_default_reviewer_counts_for_duplicates() -> None:
    data = "case,question,value,reviewer\nA1,gp,ja,\nA1,gp,ja,inloggad\n"
    assert errors(data) == [(3, "duplicate-row")]
    assert errors("case,question,value\nA1,gp,ja\nA1,gp,nej\n") == [(3, "duplicate-row")]


def test_duplicate_with_consensus_is_same_case_and_question() -> None:
    data = "case,question,value\nA1,gp,ja\nA2,gp,ja\nA1,gp,nej\nA1,skal,vald\n"
    assert errors(data, consensus=True) == [(4, "duplicate-row")]


def test_same_answer_for_different_reviewers_is_fine() -> None:
    rows = parse("case,question,value,reviewer\nA1,gp,ja,anna\nA1,gp,nej,bo\n")
    assert [r.reviewer for r in rows] == ["anna", "bo"]


# --- everything at once -------------------------------------------------------------------------


def test_every_error_in_the_file_is_reported_once() -> None:
    data = (
        "case,question,value,reviewer,comment\n"
        "A1,gp,ja,anna,\n"  # 2 fine
        "A9,gp,kanske,anna,\n"  # 3 unknown case, invalid option
        "A1,nope,,anna,\n"  # 4 unknown question, empty value
        '"A1","veckor","1e3","anna","lång\nkommentar"\n'  # 5-6 invalid number
        "A1,gp,nej,anna,\n"  # 7 duplicate
        "\n"
        f"A2,fritext,{TEST_PIN},anna,{TEST_PIN_SHORT}\n"  # 9 identity numbers in value and comment
        "A2,besok,2.5,anna,,x\n"  # 10 invalid number and an extra field
        "A2,skal,vald|npf|x,anna,\n"  # 11 invalid option
        "A2,datum,2024-02-30,anna,\n"  # 12 invalid date
        "A2,veckor,60,anna,\n"  # 13 out of range
        'A2,gp,"ja|nej",anna,\n'  # 14 multiple options
    )
    assert errors(data) == [
        (3, "unknown-case"),
        (3, "invalid-option"),
        (4, "unknown-question"),
        (4, "empty-value"),
        (5, "invalid-number"),
        (7, "duplicate-row"),
        (9, "personal-identity-number"),
        (9, "personal-identity-number"),
        (10, "extra-field"),
        (10, "invalid-number"),
        (11, "invalid-option"),
        (12, "invalid-date"),
        (13, "out-of-range"),
        (14, "multiple-options"),
    ]


def test_cp1252_file_with_labels() -> None:
    rows = parse("case;question;value\nÅsa;skal;Våld|Föräldraskap\n".encode("cp1252"))
    assert rows == [AnswerRow(2, "Åsa", "skal", frozenset({"vald", "forald"}), "inloggad", None)]


# --- robustness ---------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300), st.booleans())
def test_arbitrary_bytes_only_raise_invalid_input(data: bytes, consensus: bool) -> None:
    try:
        parse(b"case,question,value,comment\n" + data, consensus=consensus)
    except InvalidInput as exc:
        assert exc.diagnostics


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_whole_files_only_raise_invalid_input(data: bytes) -> None:
    try:
        parse(data)
    except InvalidInput as exc:
        assert exc.diagnostics


ROW_CELLS = st.sampled_from(
    ["A1", "A2", "A9", "gp", "skal", "veckor", "besok", "datum", "fritext", "age", "ja", "nej",
     "vald|npf", "2,5", "1e3", "2024-02-29", "", " ", TEST_PIN, '"x\ny"', "a;b"]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(ROW_CELLS, min_size=0, max_size=6), max_size=8))
def test_random_rows_only_raise_invalid_input(rows: list[list[str]]) -> None:
    text = "case,question,value,reviewer,comment\n" + "".join(",".join(r) + "\n" for r in rows)
    try:
        result = parse(text)
    except InvalidInput as exc:
        assert exc.diagnostics
        return
    assert all(r.case in CASES for r in result)


# --- repeated cells -----------------------------------------------------------------------------


def test_a_repeated_value_is_checked_for_each_question() -> None:
    data = "case,question,value\nA1,gp,3\nA1,veckor,3\nA2,besok,3\nA2,gp,ja\nA1,fritext,ja\n"
    assert errors(data) == [(2, "invalid-option")]
    rows = parse(data.replace("A1,gp,3\n", ""))
    expected = [("veckor", 3.0), ("besok", 3.0), ("gp", "ja"), ("fritext", "ja")]
    assert [(r.question, r.value) for r in rows] == expected


def test_a_repeated_problem_is_reported_on_every_line() -> None:
    data = "case,question,value,comment\nA9,gp,kanske,\nA9,gp,kanske,\nA1,gp,ja,x\nA1,skal,vald,x\n"
    expected = [(2, "unknown-case"), (2, "invalid-option"), (3, "unknown-case"), (3, "invalid-option")]
    assert errors(data) == expected
    assert messages(data)[0] == messages(data)[2]
