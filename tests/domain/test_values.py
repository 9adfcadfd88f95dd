"""Tests for parsing values: text normalisation and option look-up by code or label."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit_app.domain.template import Option
from audit_app.domain.values import (
    OptionIndex,
    ValueError_,
    match_option,
    normalize_text,
    parse_choice,
    parse_multi,
)

#: Codes and labels that collide once case is ignored and text is composed (NFC).
WORDS = st.sampled_from(
    ["ja", "Ja", "JA", "nej", "Åsa", unicodedata.normalize("NFD", "Åsa"), "ÅSA", "ß", "ss", "x y", "ﬁ", "fi"]
)
OPTIONS = st.lists(st.builds(lambda code, label: Option(code=code, label=label), WORDS, WORDS), max_size=5)
RAW = st.one_of(WORDS, WORDS.map(lambda w: f"  {w.upper()} "), st.text(max_size=6))


def scan(raw: str, options: Sequence[Option]) -> str:
    """The plain definition: the first option whose code or label equals the value, ignoring case."""
    wanted = unicodedata.normalize("NFC", raw.strip()).casefold()
    for opt in options:
        label = unicodedata.normalize("NFC", opt.label.strip())
        if wanted in (opt.code.casefold(), label.casefold()):
            return opt.code
    codes = ", ".join(o.code for o in options)
    raise ValueError_("invalid-option", f"'{raw.strip()}' is not one of the options ({codes})")


def result(parse: Callable[..., object], *args: object) -> object:
    try:
        return parse(*args)
    except ValueError_ as exc:
        return (exc.code, exc.message)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=12))
def test_normalize_text_trims_and_composes(text: str) -> None:
    assert normalize_text(text) == unicodedata.normalize("NFC", text.strip())


@settings(max_examples=500, deadline=None)
@given(RAW, OPTIONS)
def test_option_index_finds_what_a_scan_of_the_options_finds(raw: str, options: list[Option]) -> None:
    expected = result(scan, raw, options)
    assert result(OptionIndex(options).match, raw) == expected
    assert result(match_option, raw, options) == expected
    assert result(match_option, raw, OptionIndex(options)) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(RAW, max_size=3).map("|".join), OPTIONS)
def test_choice_and_multi_give_the_same_with_an_index(raw: str, options: list[Option]) -> None:
    index = OptionIndex(options)
    assert result(parse_choice, raw, index) == result(parse_choice, raw, options)
    assert result(parse_multi, raw, index) == result(parse_multi, raw, options)


def test_the_first_option_wins_when_a_label_is_another_code() -> None:
    options = [Option(code="a", label="B"), Option(code="b", label="A")]
    assert match_option("b", options) == "a"
    assert match_option(" A ", OptionIndex(options)) == "a"


def test_unknown_option_lists_the_codes() -> None:
    with pytest.raises(ValueError_) as exc:
        OptionIndex([Option(code="ja", label="Ja"), Option(code="nej", label="Nej")]).match(" kanske ")
    assert exc.value.code == "invalid-option"
    assert exc.value.message == "'kanske' is not one of the options (ja, nej)"
