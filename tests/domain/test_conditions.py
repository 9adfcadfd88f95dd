"""Tests for the applies_when condition language (DESIGN section 3)."""

from __future__ import annotations

import builtins
import unicodedata
from collections.abc import Mapping
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit_app.domain.conditions import Condition, ConditionError, parse_condition
from audit_app.domain.values import Value


def holds(text: str, values: Mapping[str, Value] | None = None) -> bool:
    """Evaluate ``text`` with ``values``; a name not in the mapping is missing."""
    found = dict(values or {})
    return parse_condition(text).evaluate(found.get)


def error(text: str) -> ConditionError:
    with pytest.raises(ConditionError) as info:
        parse_condition(text)
    return info.value


# --- the public shape ------------------------------------------------------------------------


def test_parse_returns_condition_with_source_and_every_referenced_name() -> None:
    cond = parse_condition('age >= 4 and gp_finns == "ja" or "x" in val and not age')
    assert isinstance(cond, Condition)
    assert cond.source == 'age >= 4 and gp_finns == "ja" or "x" in val and not age'
    assert cond.names == frozenset({"age", "gp_finns", "val"})


def test_condition_error_carries_code_and_message() -> None:
    exc = ConditionError("expression-syntax", "bad")
    assert (exc.code, exc.message, str(exc)) == ("expression-syntax", "bad", "bad")


def test_design_example_condition() -> None:
    text = 'age >= 4 and gp_finns == "ja"'
    assert holds(text, {"age": 4.0, "gp_finns": "ja"})
    assert not holds(text, {"age": 3.0, "gp_finns": "ja"})
    assert not holds(text, {"age": 5.0, "gp_finns": "nej"})
    assert not holds(text, {"age": 5.0})


def test_surrounding_whitespace_is_ignored_but_source_is_kept() -> None:
    assert holds('  x == "a"\n', {"x": "a"})
    assert parse_condition('  x == "a"\n').source == '  x == "a"\n'


def test_newlines_inside_parentheses_are_allowed() -> None:
    assert holds('(x == "a"\n and y == "b")', {"x": "a", "y": "b"})


# --- comparisons ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("n == 4", True),
        ("n != 4", False),
        ("n < 5", True),
        ("n <= 4", True),
        ("n > 4", False),
        ("n >= 4.0", True),
        ("n > -1", True),
        ("n == 4.5", False),
    ],
)
def test_numbers_compare_numerically(text: str, expected: bool) -> None:
    assert holds(text, {"n": 4.0}) is expected


def test_int_literal_equals_float_value() -> None:
    assert holds("n == 4", {"n": 4.0})
    assert holds("n == 4.0", {"n": 4})


def test_negative_number_literal() -> None:
    assert holds("n == -2", {"n": -2.0})
    assert holds("n in [-2, 3]", {"n": -2.0})
    assert holds("-3 < n", {"n": -2.0})


def test_literal_on_the_left() -> None:
    assert holds("4 <= age", {"age": 4.0})
    assert not holds("4 > age", {"age": 4.0})
    assert holds('"ja" == svar', {"svar": "ja"})


def test_two_names_compare_with_each_other() -> None:
    assert holds("start <= slut", {"start": "2024-01-01", "slut": "2024-02-01"})
    assert not holds("a == b", {"a": 1.0, "b": 2.0})


def test_dates_compare_as_iso_text() -> None:
    assert holds('beslut >= "2024-01-01"', {"beslut": "2024-03-15"})
    assert not holds('beslut < "2024-01-01"', {"beslut": "2024-03-15"})


def test_text_comparison_is_case_sensitive() -> None:
    assert not holds('x == "Ja"', {"x": "ja"})
    assert holds('x != "Ja"', {"x": "ja"})


def test_text_comparison_trims_values_and_literals() -> None:
    assert holds('x == " ja "', {"x": "ja\t"})


def test_text_comparison_normalises_to_nfc() -> None:
    composed = unicodedata.normalize("NFC", "Söderby")
    decomposed = unicodedata.normalize("NFD", "Söderby")
    assert composed != decomposed
    assert holds(f'x == "{composed}"', {"x": decomposed})
    assert holds(f'x == "{decomposed}"', {"x": composed})
    assert holds(f'x in ["{decomposed}"]', {"x": composed})
    assert holds(f'"{decomposed}" in m', {"m": frozenset({composed})})
    assert not holds(f'x != "{decomposed}"', {"x": composed})


def test_number_and_string_are_never_equal_and_have_no_order() -> None:
    values: dict[str, Value] = {"n": 4.0, "s": "4"}
    assert not holds('n == "4"', values)
    assert holds('n != "4"', values)
    assert not holds('n < "5"', values)
    assert not holds('n >= "4"', values)
    assert not holds("s == 4", values)
    assert holds("s != 4", values)
    assert not holds("s > 1", values)
    assert not holds("n == s", values)


# --- missing values ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        'x == "a"',
        'x != "a"',
        "x < 1",
        "x <= 1",
        "x > 1",
        "x >= 1",
        '"a" == x',
        "1 != x",
        'x in ["a", "b"]',
        'x not in ["a", "b"]',
        '"a" in m',
        '"a" not in m',
        "x == y",
        "x != y",
        "x in m",
        "x not in m",
        "0 <= x < 4",
    ],
)
def test_every_comparison_with_a_missing_value_is_false(text: str) -> None:
    assert holds(text) is False


def test_missing_value_on_either_side_of_a_name_comparison_is_false() -> None:
    assert not holds("x != y", {"x": "a"})
    assert not holds("x != y", {"y": "a"})
    assert not holds("x not in m", {"x": "a"})
    assert not holds("x not in m", {"m": frozenset({"b"})})


def test_not_negates_a_false_comparison_with_a_missing_value() -> None:
    assert holds('not (x == "a")')
    assert holds('not x == "a"')
    assert holds('not (x != "a")')
    assert not holds('not (x == "a")', {"x": "a"})


def test_bare_name_is_true_when_it_has_a_value() -> None:
    assert holds("x", {"x": "a"})
    assert holds("x", {"x": 0.0})
    assert holds("x", {"x": ""})
    assert not holds("x")
    assert holds("not x")
    assert not holds("not x", {"x": 0.0})


# --- and, or, not, parentheses ----------------------------------------------------------------


def test_and_or_not_and_parentheses() -> None:
    values: dict[str, Value] = {"a": 1.0, "b": 2.0}
    assert holds("a == 1 and b == 2", values)
    assert not holds("a == 1 and b == 3", values)
    assert holds("a == 9 or b == 2", values)
    assert not holds("a == 9 or b == 9", values)
    assert holds("not a == 9", values)
    assert holds("a == 9 and b == 9 or a == 1", values)  # and binds tighter than or
    assert not holds("a == 9 and (b == 9 or a == 1)", values)
    assert holds("not (a == 9 and b == 2)", values)


def test_and_or_short_circuit_the_lookup() -> None:
    seen: list[str] = []

    def lookup(name: str) -> Value | None:
        seen.append(name)
        return None

    assert not parse_condition("a and b").evaluate(lookup)
    assert seen == ["a"]


# --- chained comparisons ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "expected"), [(0.0, True), (3.0, True), (4.0, False), (-1.0, False)]
)
def test_chained_comparison_is_each_pair_joined_by_and(age: float, expected: bool) -> None:
    assert holds("0 <= age < 4", {"age": age}) is expected


def test_chained_comparison_between_names() -> None:
    values: dict[str, Value] = {"a": 1.0, "b": 2.0, "c": 3.0}
    assert holds("a < b < c", values)
    assert not holds("a < c < b", values)
    assert not holds("a < b < c", {"a": 1.0, "c": 3.0})


def test_chained_comparison_looks_each_name_up_once() -> None:
    seen: list[str] = []

    def lookup(name: str) -> Value | None:
        seen.append(name)
        return 2.0

    assert parse_condition("1 < b <= b < 3").evaluate(lookup)
    assert seen == ["b", "b"]


def test_chained_comparison_with_membership() -> None:
    values: dict[str, Value] = {"x": "a", "m": frozenset({"a"})}
    assert holds('"a" == x in m', values)
    assert not holds('"b" == x in m', values)


# --- membership -------------------------------------------------------------------------------


def test_value_in_a_list_of_strings() -> None:
    assert holds('x in ["a", "b"]', {"x": "b"})
    assert not holds('x in ["a", "b"]', {"x": "c"})
    assert holds('x not in ["a", "b"]', {"x": "c"})
    assert not holds('x not in ["a", "b"]', {"x": "a"})


def test_number_in_a_list_compares_numerically() -> None:
    assert holds("n in [1, 2.0, 3]", {"n": 2.0})
    assert holds("n in [1, 2, 3]", {"n": 3.0})
    assert not holds('n in ["2"]', {"n": 2.0})
    assert not holds("s in [2]", {"s": "2"})


def test_empty_list() -> None:
    assert not holds("x in []", {"x": "a"})
    assert holds("x not in []", {"x": "a"})
    assert not holds("x not in []")


def test_code_in_a_multi_question() -> None:
    values: dict[str, Value] = {"m": frozenset({"a", "c"})}
    assert holds('"a" in m', values)
    assert not holds('"b" in m', values)
    assert holds('"b" not in m', values)
    assert not holds('"a" not in m', values)
    assert not holds("1 in m", values)


def test_name_in_a_multi_question() -> None:
    values: dict[str, Value] = {"x": "c", "m": frozenset({"a", "c"})}
    assert holds("x in m", values)
    assert not holds("x not in m", values)


def test_value_in_a_single_valued_name_is_equality() -> None:
    assert holds('"ja" in svar', {"svar": "ja"})
    assert not holds('"nej" in svar', {"svar": "ja"})
    assert holds('"nej" not in svar', {"svar": "ja"})
    assert holds("4 in n", {"n": 4.0})


def test_empty_multi_answer_contains_nothing() -> None:
    assert not holds('"a" in m', {"m": frozenset()})
    assert holds('"a" not in m', {"m": frozenset()})


# --- multi questions only right of in ---------------------------------------------------------


def test_multi_right_of_in_is_no_misuse() -> None:
    cond = parse_condition('"a" in m and x not in m')
    assert cond.multi_misuse({"m"}) == []


@pytest.mark.parametrize(
    "text",
    [
        "m",
        "not m",
        'm == "a"',
        '"a" == m',
        'm in ["a"]',
        "m in other",
        "x == 1 or m",
        '"a" in m == "b"',
        "0 < m < 3",
    ],
)
def test_multi_anywhere_but_right_of_in_is_misuse(text: str) -> None:
    messages = parse_condition(text).multi_misuse(frozenset({"m"}))
    assert len(messages) == 1
    assert "'m'" in messages[0] and "multi" in messages[0]


def test_multi_misuse_reports_every_place() -> None:
    cond = parse_condition('m and "a" in m and m != "b"')
    assert len(cond.multi_misuse({"m"})) == 2
    assert cond.multi_misuse({"other"}) == []


def test_multi_misuse_ignores_names_that_are_not_multi() -> None:
    assert parse_condition('x == "a" and x').multi_misuse(set()) == []


def test_misused_multi_still_evaluates_without_error() -> None:
    values: dict[str, Value] = {"m": frozenset({"a"})}
    assert holds("m", values)
    assert not holds('m == "a"', values)
    assert holds('m != "a"', values)
    assert not holds("m > 1", values)


# --- rejected input ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("__import__('os').system('rm -rf /')", "function call"),
        ("open('x') == 1", "function call"),
        ("x in foo()", "function call"),
        ("age.__class__", "attribute"),
        ("age.real > 1", "attribute"),
        ("a[0]", "subscript"),
        ("a[1:2] == 1", "subscript"),
        ("[x for x in y]", "comprehension"),
        ("{x for x in y}", "comprehension"),
        ("(x for x in y)", "generator"),
        ("lambda: 1", "lambda"),
        ("age + 1 > 3", "arithmetic"),
        ("age * 2 > 3", "arithmetic"),
        ("age / 2 > 3", "arithmetic"),
        ("age - 1 > 3", "arithmetic"),
        ("age | 1", "bitwise"),
        ("~age", "'~'"),
        ("f'{age}' == '1'", "f-string"),
        ("x is None", "'is'"),
        ("x is not y", "'is'"),
        ("(x := 1)", "assignment"),
        ("{'a': 1}", "dictionary"),
        ("{'a'}", "set"),
        ("x in ('a', 'b')", "tuple"),
        ("a if b else c", "conditional"),
        ("b'a' == x", "bytes"),
        ("x == 1j", "complex"),
        ("True", "True"),
        ("x == False", "False"),
        ("x == None", "None"),
        ("x == ...", "literal"),
        ("(yield)", "yield"),
        ("await x", "await"),
        ("-x < 1", "'-'"),
        ("--1 < x", "'-'"),
        ('-"a" == x', "'-'"),
        ("+1 < x", "'+'"),
    ],
)
def test_valid_python_outside_the_subset_is_unsupported(text: str, word: str) -> None:
    exc = error(text)
    assert exc.code == "expression-unsupported"
    assert word in exc.message


def test_function_call_message_is_clear() -> None:
    exc = error("__import__('os').system('rm -rf /')")
    assert exc.message.startswith("function calls are not allowed in a condition")


def test_hostile_input_is_never_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("parse_condition tried to run code")

    monkeypatch.setattr(builtins, "eval", forbidden)
    monkeypatch.setattr(builtins, "exec", forbidden)
    marker = tmp_path / "ran"
    for text in [
        f"__import__('os').system('touch {marker}')",
        f"__import__('pathlib').Path('{marker}').touch() or x",
        "age.__class__.__subclasses__()",
        "().__class__",
    ]:
        assert error(text).code == "expression-unsupported"
    assert not marker.exists()


@pytest.mark.parametrize("name", ["Age", "_x", "__import__", "__builtins__", "ålder", "aB"])
def test_name_outside_the_identifier_rule_is_unsupported(name: str) -> None:
    exc = error(f"{name} == 1")
    assert exc.code == "expression-unsupported"
    assert f"'{name}'" in exc.message


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("x == [1, 2]", "list"),
        ("[1] in x", "list"),
        ('x in [y, "a"]', "literals"),
        ('x in [["a"]]', "literals"),
        ("x in [1 + 1]", "literals"),
        ("x in [1] in y", "list"),
        ('x in "abc"', "right side"),
        ("x in 3", "right side"),
        ('"a"', "on its own"),
        ("1 and x", "on its own"),
        ("[1]", "on its own"),
        ("(a == b) == c", "compared"),
        ("a == (b or c)", "compared"),
    ],
)
def test_misplaced_lists_and_literals_are_unsupported(text: str, word: str) -> None:
    exc = error(text)
    assert exc.code == "expression-unsupported"
    assert word in exc.message


def test_deep_nesting_is_rejected_not_crashing() -> None:
    assert error("not " * 150 + "x").code == "expression-unsupported"
    assert holds("not " * 50 + "x", {"x": "a"})
    assert error("not " * 100_000 + "x").code in {"expression-syntax", "expression-unsupported"}
    assert error("-" * 100_000 + "1 < x").code in {"expression-syntax", "expression-unsupported"}


def test_huge_number_literal_is_rejected() -> None:
    assert error("x < " + "9" * 400).code == "expression-unsupported"
    assert error("x < " + "9" * 5000).code == "expression-syntax"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "x =",
        "x = 1",
        "x == ",
        "and x",
        "x ==== 1",
        "(x",
        "x)",
        "import os",
        "a b",
        "if x: y",
        "x\0 == 1",
        "x == 'a",
        "a and\nb",
        "\ud800",
    ],
)
def test_unparseable_text_is_a_syntax_error(text: str) -> None:
    exc = error(text)
    assert exc.code == "expression-syntax"
    assert exc.message


def test_syntax_error_message_names_the_column() -> None:
    assert "column" in error("x = 1").message


def test_invalid_escape_sequence_parses_regardless_of_warning_filters() -> None:
    assert holds(r'x == "a\d"', {"x": "a\\d"})


# --- robustness ---------------------------------------------------------------------------------

_TOKEN_TEXT = """x y m age Age _x and or not in is == != < <= > >= ( ) [ ] , - + * . "a" 'b'
0 4 1.5 None True lambda : = := f'{x}' __import__"""
_TOKENS = st.sampled_from([*_TOKEN_TEXT.split(), "\n", " "])
_VALUES = st.one_of(
    st.none(),
    st.sampled_from(["a", "b", "", " a", "2024-01-01"]),
    st.floats(allow_nan=False),
    st.frozensets(st.sampled_from(["a", "b", "c"])),
)


def _try(text: str, value: Value | None) -> None:
    try:
        cond = parse_condition(text)
    except ConditionError as exc:
        assert exc.code in {"expression-syntax", "expression-unsupported"}
        assert exc.message
        return
    assert isinstance(cond.evaluate(lambda name: value), bool)
    assert isinstance(cond.multi_misuse({"m"}), list)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), _VALUES)
def test_random_text_raises_nothing_but_condition_error(text: str, value: Value | None) -> None:
    _try(text, value)


@settings(max_examples=500, deadline=None)
@given(st.lists(_TOKENS, max_size=12).map(" ".join), _VALUES)
def test_random_token_soup_raises_nothing_but_condition_error(
    text: str, value: Value | None
) -> None:
    _try(text, value)
