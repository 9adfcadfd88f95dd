"""Swedish wording: number formats, suggested sentences, method and sample paragraphs."""

from __future__ import annotations

import datetime

import pytest

from audit_app.report.data import SampleFacts
from audit_app.report.text import (
    format_decimal,
    format_int,
    format_percent,
    format_points,
    join_sv,
    method_paragraphs,
    percent,
    sample_paragraphs,
    suggest_sentence,
)
from tests.report.conftest import example_template, load_example_tables

NBSP = "\u00a0"


def _question(qid: str, name: str = "tables_by_unit.json") -> dict:
    return next(q for q in load_example_tables(name)["questions"] if q["id"] == qid)


def test_percentages_are_whole_rounded_half_up_with_a_non_breaking_space() -> None:
    assert format_percent(13, 36) == f"36{NBSP}%"
    assert format_percent(1, 8) == f"13{NBSP}%"  # 12.5 -> 13
    assert format_percent(0, 0) == "\u2013"
    assert percent(2, 3) == 67


def test_numbers_use_a_decimal_comma_and_spaces_between_thousands() -> None:
    assert format_decimal(2.75, 1) == "2,8"
    assert format_decimal(2.75, 2) == "2,75"
    assert format_decimal(3.0) == "3"
    assert format_decimal(None) == "\u2013"
    assert format_int(12345) == f"12{NBSP}345"
    assert format_points(-3.4) == "\u22123"
    assert format_points(12.5) == "+13"
    assert format_points(0.2) == "0"


def test_lists_are_joined_with_och() -> None:
    assert join_sv(["Norrby"]) == "Norrby"
    assert join_sv(["a", "b", "c"]) == "a, b och c"


def test_the_sentence_names_the_most_common_value_option_with_its_share_of_answered() -> None:
    sentence = suggest_sentence(_question("gp_finns"), 4)
    assert sentence.startswith(f"I 2 av 3 ärenden (67{NBSP}%) var svaret ”Ja”.")
    # the not-documented answer is mentioned too, in the singular for one case
    assert "I 1 ärende var svaret ”Framgår inte av akten”." in sentence


def test_a_conditional_question_says_how_many_cases_it_concerned() -> None:
    sentence = suggest_sentence(_question("barn_gp"), 4)
    assert sentence == f"Frågan gällde 1 av 4 ärenden. I 1 av 1 ärende (100{NBSP}%) var svaret ”Ja”."


def test_a_multi_question_says_angavs() -> None:
    assert suggest_sentence(_question("skal"), 4) == f"I 2 av 3 ärenden (67{NBSP}%) angavs ”Våld”."


def test_a_number_question_gives_mean_median_and_range() -> None:
    sentence = suggest_sentence(_question("veckor"), 4)
    assert sentence == (
        "I de 3 ärenden där frågan besvarades var medelvärdet 3,8 och medianen 3 (lägst 2,5, högst 6)."
    )


def test_a_sentence_never_shows_a_count_the_limit_hides() -> None:
    sentence = suggest_sentence(_question("gp_finns"), 4, small_cell_limit=5)
    assert "2 av 3" not in sentence
    assert sentence.startswith("Det vanligaste svaret var ”Ja”.")
    assert "I färre än 5 ärenden var svaret ”Framgår inte av akten”." in sentence


def test_a_question_that_applied_nowhere_says_so() -> None:
    q = _question("barn_gp")
    q = {**q, "applicable": {"total": 0}, "answered": {"total": 0}}
    assert suggest_sentence(q, 4) == "Frågan var inte tillämplig i något av de 4 ärendena."


def test_the_method_paragraphs_name_the_template_its_version_and_the_quality_areas() -> None:
    text = " ".join(method_paragraphs(example_template(), small_cell_limit=5))
    assert "”Exempelgranskning” (version 1)" in text
    assert "4 frågor" in text
    assert "självbestämmande och integritet och helhetssyn och samordning" in text
    assert "”<5”" in text


@pytest.mark.parametrize("excluded", [0, 1, 3])
def test_the_sample_paragraphs_give_cases_units_strata_status_and_exclusions(excluded) -> None:
    sample = SampleFacts(
        included=36,
        excluded=excluded,
        excluded_reasons={"Journaler saknades": excluded} if excluded else {},
        by_field={"Status": [("Pågående", 9), ("Avslutad", 27)]},
        units=["Hässelby-Vällingby", "Kungsholmen", "Skarpnäck"],
        strata=["Kön"],
    )
    text = " ".join(sample_paragraphs(sample))
    assert "Totalt granskades 36 ärenden vid Hässelby-Vällingby, Kungsholmen och Skarpnäck." in text
    assert "stratifierat urval efter kön" in text
    assert "Vid granskningen hade 9 ärenden status ”Pågående” och 27 status ”Avslutad”." in text
    if excluded == 1:
        assert "Ytterligare 1 ärende ingick" in text and "journaler saknades (1)" in text
    elif excluded:
        assert "Ytterligare 3 ärenden ingick" in text
    else:
        assert "uteslöts" not in text


def test_dates_print_in_iso_form() -> None:
    from audit_app.report.text import format_date

    assert format_date(datetime.date(2024, 11, 5)) == "2024-11-05"
