"""Template loading: every problem at once as PATH:LINE: error[CODE], lines as DESIGN section 3 fixes
them, and conditions that are parsed, never executed."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit_app.domain.diagnostics import Diagnostic, InvalidInput, NotFound
from audit_app.domain.template_loader import (
    format_for,
    load_template_file,
    load_template_text,
    template_diagnostics,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "templates"

MINIMAL = """\
format: 1
id: minimal
version: 1
title: T
sections:
  - id: s
    title: S
    questions:
      - {id: q, text: Q, type: text}
"""

#: Each bad fixture and the exact (line, code) pairs it must produce, in output order.
EXPECTED: dict[str, list[tuple[int, str]]] = {
    "yaml_syntax.yaml": [(5, "yaml-syntax")],
    "json_syntax.json": [(7, "yaml-syntax")],
    "not_a_mapping.yaml": [(2, "yaml-syntax")],
    "duplicate_key.yaml": [(8, "yaml-syntax")],
    "unknown_key.yaml": [(5, "unknown-key"), (14, "unknown-key"), (15, "unknown-key")],
    "missing_key.yaml": [
        (1, "missing-key"),  # version, at the template mapping's first line
        (5, "missing-key"),  # a non-derived field without type
        (6, "missing-key"),  # label, at the first line of the field's mapping
        (8, "missing-key"),  # a derived field without bins
        (12, "missing-key"),
        (14, "missing-key"),
        (17, "missing-key"),
    ],
    "wrong_type.yaml": [
        (3, "wrong-type"),
        (4, "wrong-type"),
        (6, "wrong-type"),
        (14, "wrong-type"),
        (15, "wrong-type"),
        (16, "wrong-type"),  # a list item that is not a mapping: the item's line
    ],
    "unsupported_format.yaml": [(1, "wrong-type")],
    "bad_identifier.yaml": [
        (2, "bad-identifier"),
        (6, "bad-identifier"),
        (8, "bad-identifier"),
        (8, "bad-identifier"),
        (10, "bad-identifier"),
        (12, "bad-identifier"),
        (15, "bad-identifier"),
        (20, "bad-identifier"),
    ],
    "duplicate_id.yaml": [
        (7, "duplicate-id"),  # quality area
        (10, "duplicate-id"),  # option code within a case field
        (13, "duplicate-id"),  # bin code within a derived field
        (18, "duplicate-id"),  # question reusing a case field's id
        (26, "duplicate-id"),  # option code within a question
        (27, "duplicate-id"),  # section
        (30, "duplicate-id"),  # question reusing a question's id
    ],
    "unknown_reference.yaml": [
        (9, "unknown-reference"),  # derived from a choice field
        (10, "unknown-reference"),  # derived from no field at all
        (14, "unknown-reference"),  # section quality area
        (19, "unknown-reference"),  # question quality area
        (20, "unknown-reference"),  # name in applies_when
    ],
    "expression_syntax.yaml": [
        (14, "expression-syntax"),
        (18, "expression-syntax"),
        (22, "expression-syntax"),
    ],
    "expression_unsupported.yaml": [
        (18, "expression-unsupported"),  # call
        (22, "expression-unsupported"),  # arithmetic
        (26, "expression-unsupported"),  # multi question left of ==
        (30, "expression-unsupported"),  # attribute
    ],
    "reference_cycle.yaml": [(13, "reference-cycle"), (27, "reference-cycle")],
    "bad_bins.yaml": [(12, "bad-bins"), (18, "bad-bins"), (22, "bad-bins")],
    "no_options.yaml": [(6, "no-options"), (7, "no-options"), (12, "no-options"), (18, "no-options")],
    "options_not_allowed.yaml": [(6, "options-not-allowed"), (14, "options-not-allowed")],
    "bad_range.yaml": [(6, "bad-range"), (15, "bad-range")],
    "key_not_allowed.yaml": [(7, "key-not-allowed"), (9, "key-not-allowed"), (17, "key-not-allowed")],
    "many_errors.yaml": [
        (2, "bad-identifier"),
        (6, "no-options"),
        (7, "bad-range"),
        (11, "unknown-reference"),
        (13, "duplicate-id"),
        (17, "expression-syntax"),
        (18, "missing-key"),
        (20, "unknown-key"),
        (24, "reference-cycle"),
    ],
    "json_errors.json": [
        (1, "missing-key"),
        (6, "bad-range"),
        (7, "unknown-key"),
        (7, "bad-identifier"),
        (8, "no-options"),
        (15, "duplicate-id"),
        (15, "unknown-reference"),
    ],
}


def _located(diagnostics: list[Diagnostic]) -> list[str]:
    return [f"{d.path}:{d.line}: error[{d.code}]" for d in diagnostics]


def _rejected(path: Path | str) -> list[Diagnostic]:
    with pytest.raises(InvalidInput) as caught:
        load_template_file(path)
    return caught.value.diagnostics


def _text_diagnostics(text: str, source: str = "t.yaml") -> list[tuple[int, str]]:
    return [(d.line, d.code) for d in template_diagnostics(text, source)]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_fixture_reports_exactly_its_problems_at_their_lines(name: str) -> None:
    path = FIXTURES / name
    expected = [f"{path}:{line}: error[{code}]" for line, code in EXPECTED[name]]
    assert _located(_rejected(path)) == expected


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_diagnostics_of_text_equal_those_of_the_file(name: str) -> None:
    path = FIXTURES / name
    text = path.read_text(encoding="utf-8")
    assert template_diagnostics(text, str(path)) == _rejected(path)


def test_every_code_of_the_contract_has_a_fixture() -> None:
    codes = {code for found in EXPECTED.values() for _, code in found}
    contract = {
        "yaml-syntax", "unknown-key", "missing-key", "wrong-type", "duplicate-id",
        "bad-identifier", "unknown-reference", "expression-syntax", "expression-unsupported",
        "reference-cycle", "bad-bins", "no-options",
    }  # fmt: skip
    assert contract <= codes


def test_diagnostic_keeps_the_path_as_given_and_renders_the_one_format() -> None:
    relative = os.path.relpath(FIXTURES / "unsupported_format.yaml")
    [diagnostic] = _rejected(relative)
    assert diagnostic.path == relative
    assert diagnostic.format() == (
        f"{relative}:1: error[wrong-type]: format 2 is not supported; this program reads format 1"
    )


def test_full_template_loads_from_yaml_with_every_part() -> None:
    template = load_template_file(FIXTURES / "valid_full.yaml")
    assert template.id == "full_example"
    assert template.version == 3
    assert [a.id for a in template.quality_areas] == ["trygghet", "delaktighet"]
    assert [f.id for f in template.case_fields] == ["unit", "age", "age_group", "started", "note"]
    assert template.field("age_group") is not None
    assert [b.code for b in template.field("age_group").bins or []] == ["a0_3", "a4_12"]
    assert [q.id for q in template.questions] == [
        "gp_finns", "skal", "barn_gp", "veckor", "mote_datum", "kommentar",
    ]  # fmt: skip
    barn_gp = template.question("barn_gp")
    assert barn_gp is not None and barn_gp.condition is not None
    assert barn_gp.condition.names == {"age", "gp_finns", "skal"}
    assert template.quality_area_of(barn_gp) == "delaktighet"


def test_same_template_in_json_loads_to_an_equal_model() -> None:
    from_yaml = load_template_file(FIXTURES / "valid_full.yaml")
    from_json = load_template_file(FIXTURES / "valid_full.json")
    assert from_json == from_yaml


def test_valid_templates_have_no_diagnostics() -> None:
    for name in ("valid_full.yaml", "valid_full.json"):
        path = FIXTURES / name
        assert template_diagnostics(path.read_text(encoding="utf-8"), str(path)) == []


def test_diagnostics_come_sorted_by_line() -> None:
    diagnostics = _rejected(FIXTURES / "many_errors.yaml")
    lines = [d.line for d in diagnostics]
    assert lines == sorted(lines)


def test_format_follows_the_suffix_unless_given() -> None:
    assert format_for("a/b.JSON") == "json"
    assert format_for("a/b.yml") == "yaml"
    assert format_for("template") == "yaml"
    text = (FIXTURES / "valid_full.json").read_text(encoding="utf-8")
    assert load_template_text(text, "pasted", fmt="json").id == "full_example"


def test_json_file_must_be_strict_json_though_yaml_would_accept_it() -> None:
    text = (FIXTURES / "json_syntax.json").read_text(encoding="utf-8")
    assert load_template_text(text, "same.yaml").id == "trailing_comma"
    assert _text_diagnostics(text, "same.json") == [(7, "yaml-syntax")]


def test_tab_indented_json_keeps_exact_lines() -> None:
    text = (
        '{\n\t"format": 1,\n\t"id": "x",\n\t"version": 1,\n\t"title": "t",\n'
        '\t"sections": [],\n\t"extra": 1\n}\n'
    )
    assert _text_diagnostics(text, "t.json") == [(7, "unknown-key")]


@pytest.mark.parametrize("text", ["", "   \n", "# only a comment\n"])
def test_empty_document_is_yaml_syntax_at_line_one(text: str) -> None:
    assert _text_diagnostics(text) == [(1, "yaml-syntax")]
    assert _text_diagnostics(text, "t.json") == [(1, "yaml-syntax")]


def test_scalar_document_is_not_a_template() -> None:
    assert _text_diagnostics("just words\n") == [(1, "yaml-syntax")]


def test_second_yaml_document_is_yaml_syntax() -> None:
    assert _text_diagnostics(MINIMAL + "---\nid: other\n") == [(10, "yaml-syntax")]


def test_duplicate_key_does_not_stop_other_checks() -> None:
    text = MINIMAL.replace("title: T\n", "title: T\ntitle: U\nextra: 1\n")
    assert _text_diagnostics(text) == [(5, "yaml-syntax"), (6, "unknown-key")]


def test_shared_id_is_reported_at_the_second_occurrence_in_the_file() -> None:
    # The sections come first here, so the case field is the second occurrence.
    text = MINIMAL + "case_fields:\n  - {id: q, label: Q, type: text}\n"
    assert _text_diagnostics(text) == [(11, "duplicate-id")]


def test_format_that_only_equals_one_is_wrong_type() -> None:
    for value in ("true", "1.0"):
        text = MINIMAL.replace("format: 1", f"format: {value}")
        assert _text_diagnostics(text) == [(1, "wrong-type")]


def test_unquoted_date_where_text_is_wanted_is_wrong_type() -> None:
    diagnostics = template_diagnostics(MINIMAL.replace("title: T", "title: 2024-01-31"), "t.yaml")
    assert [(d.line, d.code) for d in diagnostics] == [(4, "wrong-type")]
    assert "2024-01-31" in diagnostics[0].message


def test_infinite_range_is_wrong_type() -> None:
    text = MINIMAL.replace("type: text}", "type: number, min: 0, max: .inf}")
    assert _text_diagnostics(text) == [(9, "wrong-type")]


def test_number_range_with_equal_ends_is_valid() -> None:
    text = MINIMAL.replace("type: text}", "type: number, min: 3, max: 3}")
    assert _text_diagnostics(text) == []


def test_touching_but_not_overlapping_bins_are_valid() -> None:
    text = MINIMAL + (
        "case_fields:\n"
        "  - {id: age, label: A, type: number}\n"
        "  - {id: grp, label: G, derived_from: age,\n"
        "     bins: [{code: a, label: a, min: 0, max: 3.5}, {code: b, label: b, min: 3.6, max: 9}]}\n"
    )
    assert _text_diagnostics(text) == []


def test_derived_field_may_not_bin_another_derived_field() -> None:
    text = MINIMAL + (
        "case_fields:\n"
        "  - {id: age, label: A, type: number}\n"
        "  - {id: grp, label: G, derived_from: age, bins: [{code: a, label: a, min: 0, max: 3}]}\n"
        "  - {id: grp2, label: G, derived_from: grp, bins: [{code: a, label: a, min: 0, max: 3}]}\n"
    )
    assert _text_diagnostics(text) == [(13, "unknown-reference")]


def test_condition_on_a_derived_field_and_a_later_question_is_valid() -> None:
    text = MINIMAL.replace(
        "type: text}", 'type: text, applies_when: grp == "a" and later == "x"}\n'
        "      - {id: later, text: L, type: text}"
    ) + (
        "case_fields:\n"
        "  - {id: age, label: A, type: number}\n"
        "  - {id: grp, label: G, derived_from: age, bins: [{code: a, label: a, min: 0, max: 3}]}\n"
    )
    assert _text_diagnostics(text) == []


def test_cycle_through_many_questions_is_reported_once() -> None:
    questions = "".join(
        f"      - {{id: q{i}, text: Q, type: text, applies_when: q{(i + 1) % 50} == \"x\"}}\n"
        for i in range(50)
    )
    text = MINIMAL.replace("      - {id: q, text: Q, type: text}\n", questions)
    assert _text_diagnostics(text) == [(9, "reference-cycle")]


def test_missing_template_file_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(NotFound):
        load_template_file(tmp_path / "nope.yaml")


def test_file_that_is_not_utf8_is_an_encoding_problem_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(MINIMAL.replace("title: T", "title: Övrigt").encode("latin-1"))
    assert _located(_rejected(path)) == [f"{path}:4: error[encoding]"]


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode("utf-8"))
    assert load_template_file(path).id == "minimal"
    assert load_template_text("\ufeff" + MINIMAL, "t.yaml").id == "minimal"


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    started = time.monotonic()
    assert _text_diagnostics("\n".join(lines) + "\n") == [(1, "yaml-syntax")]
    assert time.monotonic() - started < 10


@pytest.mark.parametrize("source", ["deep.yaml", "deep.json"])
def test_absurdly_nested_document_is_yaml_syntax(source: str) -> None:
    text = '{"a": ' + "[" * 50_000 + "]" * 50_000 + "}"
    [(_, code)] = _text_diagnostics(text, source)
    assert code == "yaml-syntax"


HOSTILE = [
    '__import__("os").system("x")',
    'open("/etc/passwd")',
    "().__class__.__bases__[0].__subclasses__()",
    "(lambda: 1)()",
    "[x for x in ()]",
    'exec("import os")',
    "age if age else age",
]


@pytest.mark.parametrize("condition", HOSTILE)
def test_hostile_condition_is_an_expression_error_and_runs_nothing(
    condition: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls: list[object] = []
    monkeypatch.setattr(os, "system", lambda *args: calls.append(args) or 0)
    text = MINIMAL.replace("type: text}", f"type: text, applies_when: '{condition}'}}")
    text += "case_fields:\n  - {id: age, label: A, type: number}\n"
    diagnostics = template_diagnostics(text, "t.yaml")
    assert [(d.line, d.code) for d in diagnostics] == [(9, "expression-unsupported")]
    assert calls == []


def test_condition_that_would_write_a_file_writes_none(tmp_path: Path) -> None:
    target = tmp_path / "pwned"
    condition = f'__import__("pathlib").Path("{target}").touch()'
    text = MINIMAL.replace("type: text}", f"type: text, applies_when: '{condition}'}}")
    assert _text_diagnostics(text) == [(9, "expression-unsupported")]
    assert not target.exists()


_VALID_LINES = (FIXTURES / "valid_full.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
_PIECES = st.sampled_from(
    [":", "- ", " ", "{", "}", "[", "]", ",", '"', "'", "\t", "x", "1", "&a ", "*a", "!!str ",
     "#", "? ", "<<: *a", "id: q", "type: multi", "applies_when: gp_finns", ".inf", "null"]
)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_damaged_template_gives_diagnostics_within_the_file_never_a_crash(data: st.DataObject) -> None:
    lines = list(_VALID_LINES)
    for _ in range(data.draw(st.integers(1, 3))):
        index = data.draw(st.integers(0, len(lines) - 1))
        if data.draw(st.booleans()):
            del lines[index]
        else:
            lines[index] = "".join(data.draw(st.lists(_PIECES, max_size=6))) + "\n"
    text = "".join(lines)
    for source in ("t.yaml", "t.json"):
        for diagnostic in template_diagnostics(text, source):
            assert 1 <= diagnostic.line <= max(1, len(text.splitlines()))


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_any_text_gives_diagnostics_or_a_template_never_a_crash(text: str) -> None:
    for source in ("t.yaml", "t.json"):
        assert isinstance(template_diagnostics(text, source), list)
