"""Final-answer resolution and counting rules of DESIGN section 6, on small synthetic cases."""

from __future__ import annotations

import pytest

from audit_app.domain.final_answers import CaseAnswers, CaseRecord, CaseResolver, Status
from audit_app.domain.tables import BreakdownError, build_tables
from audit_app.domain.template import Template

TEMPLATE = Template.model_validate({
    "format": 1, "id": "t", "version": 3, "title": "T",
    "case_fields": [
        {"id": "unit", "label": "Enhet", "type": "choice",
         "options": [{"code": "a", "label": "A"}, {"code": "b", "label": "B"}]},
        {"id": "age", "label": "Ålder", "type": "number", "min": 0, "max": 12, "integer": True},
        {"id": "grp", "label": "Grupp", "derived_from": "age",
         "bins": [{"code": "small", "label": "0-3", "min": 0, "max": 3},
                  {"code": "big", "label": "4-12", "min": 4, "max": 12}]},
        {"id": "note", "label": "Not", "type": "text"},
    ],
    "sections": [{"id": "s", "title": "S", "questions": [
        {"id": "plan", "text": "Plan?", "type": "choice",
         "options": [{"code": "ja", "label": "Ja"}, {"code": "nej", "label": "Nej"},
                     {"code": "ej_dok", "label": "Framgår inte", "kind": "not_documented"}]},
        {"id": "part", "text": "Delaktig?", "type": "choice", "applies_when": 'plan == "ja"',
         "options": [{"code": "ja", "label": "Ja"}, {"code": "nej", "label": "Nej"}]},
        {"id": "why", "text": "Skäl", "type": "multi",
         "options": [{"code": "x", "label": "X"}, {"code": "y", "label": "Y"}]},
        {"id": "weeks", "text": "Veckor", "type": "number"},
        {"id": "free", "text": "Fritext", "type": "text"},
    ]}],
})


def _answers(**by_question: dict[str, object]) -> CaseAnswers:
    answers = CaseAnswers()
    for qid, per_reviewer in by_question.items():
        for reviewer, value in per_reviewer.items():
            answers.add(qid, reviewer, value)  # type: ignore[arg-type]
    return answers


def test_reviewers_who_agree_give_the_final_answer() -> None:
    resolver = CaseResolver(TEMPLATE, CaseRecord("c", {}), _answers(plan={"a": "ja", "b": "ja"}))
    assert resolver.status("plan") is Status.ANSWERED and resolver.final("plan") == "ja"


def test_reviewers_who_differ_leave_the_question_unresolved_and_dependants_not_applicable() -> None:
    resolver = CaseResolver(TEMPLATE, CaseRecord("c", {}),
                            _answers(plan={"a": "ja", "b": "nej"}, part={"a": "ja"}))
    assert resolver.status("plan") is Status.UNRESOLVED
    assert resolver.status("part") is Status.NOT_APPLICABLE
    assert resolver.final("part") is None


def test_consensus_overrides_reviewers_and_makes_dependants_apply() -> None:
    answers = _answers(plan={"a": "ja", "b": "nej"}, part={"a": "nej"})
    answers.consensus["plan"] = "ja"
    resolver = CaseResolver(TEMPLATE, CaseRecord("c", {}), answers)
    assert resolver.final("plan") == "ja" and resolver.final("part") == "nej"


def test_text_answers_agree_after_trimming_and_numbers_numerically() -> None:
    resolver = CaseResolver(TEMPLATE, CaseRecord("c", {}),
                            _answers(free={"a": " bra ", "b": "bra"}, weeks={"a": 2.0, "b": 2}))
    assert resolver.status("free") is Status.ANSWERED
    assert resolver.status("weeks") is Status.ANSWERED


def test_multi_answers_agree_only_on_the_same_option_set() -> None:
    resolver = CaseResolver(TEMPLATE, CaseRecord("c", {}),
                            _answers(why={"a": frozenset({"x", "y"}), "b": frozenset({"x"})}))
    assert resolver.status("why") is Status.UNRESOLVED


def test_excluded_case_is_counted_nowhere() -> None:
    cases = [CaseRecord("c1", {"unit": "a"}), CaseRecord("c2", {"unit": "a"}, "Akten saknas")]
    answers = {"c1": _answers(plan={"a": "ja"}), "c2": _answers(plan={"a": "ja"})}
    tables = build_tables(TEMPLATE, cases, answers, by="unit")
    assert tables["excluded"] == 1
    assert tables["cases"] == {"a": 1, "b": 0, "total": 1}
    assert tables["questions"][0]["rows"][0]["counts"] == {"a": 1, "b": 0, "total": 1}


def test_cases_without_a_value_get_the_none_column_only_when_present() -> None:
    cases = [CaseRecord("c1", {"unit": "a"}), CaseRecord("c2", {})]
    tables = build_tables(TEMPLATE, cases, {}, by="unit")
    assert [c["code"] for c in tables["columns"]] == ["a", "b", "_none"]
    assert tables["columns"][-1]["label"] == "Uppgift saknas"
    full = build_tables(TEMPLATE, cases[:1], {}, by="unit")
    assert [c["code"] for c in full["columns"]] == ["a", "b"]


def test_breakdown_by_a_derived_field_uses_its_bins() -> None:
    cases = [CaseRecord("c1", {"age": 2.0}), CaseRecord("c2", {"age": 9.0}),
             CaseRecord("c3", {"age": 10.0})]
    tables = build_tables(TEMPLATE, cases, {}, by="grp")
    assert tables["cases"] == {"small": 1, "big": 2, "total": 3}


def test_breakdown_by_a_choice_question_puts_unanswered_cases_in_the_none_column() -> None:
    cases = [CaseRecord("c1", {}), CaseRecord("c2", {})]
    tables = build_tables(TEMPLATE, cases, {"c1": _answers(plan={"a": "nej"})}, by="plan")
    assert tables["cases"] == {"ja": 0, "nej": 1, "ej_dok": 0, "_none": 1, "total": 2}


@pytest.mark.parametrize("by", ["note", "age", "why", "weeks", "free", "nosuch"])
def test_breakdown_by_anything_but_a_choice_is_refused(by: str) -> None:
    with pytest.raises(BreakdownError):
        build_tables(TEMPLATE, [], {}, by=by)


def test_counts_partition_applicable_cases_and_multi_counts_each_option() -> None:
    cases = [CaseRecord(f"c{i}", {}) for i in range(4)]
    answers = {
        "c0": _answers(why={"a": frozenset({"x", "y"})}),
        "c1": _answers(why={"a": frozenset({"x"})}),
        "c2": _answers(why={"a": frozenset({"x"}), "b": frozenset({"y"})}),
    }
    q = build_tables(TEMPLATE, cases, answers)["questions"][2]
    assert (q["applicable"], q["answered"], q["unresolved"], q["missing"]) == (
        {"total": 4}, {"total": 2}, {"total": 1}, {"total": 1})
    assert [r["counts"]["total"] for r in q["rows"]] == [2, 1]


def test_number_statistics_use_the_mean_of_the_middle_two_for_the_median() -> None:
    cases = [CaseRecord(f"c{i}", {}) for i in range(4)]
    answers = {f"c{i}": _answers(weeks={"a": float(v)}) for i, v in enumerate([1, 2, 4, 10])}
    q = build_tables(TEMPLATE, cases, answers)["questions"][3]
    assert q["rows"] == []
    assert q["stats"]["total"] == {"n": 4, "mean": 4.25, "median": 3.0, "min": 1.0, "max": 10.0}


def test_statistics_are_null_where_there_are_no_answers() -> None:
    q = build_tables(TEMPLATE, [CaseRecord("c", {})], {})["questions"][3]
    assert q["stats"]["total"] == {"n": 0, "mean": None, "median": None, "min": None, "max": None}


def test_not_documented_answers_count_as_answered_in_their_own_row() -> None:
    q = build_tables(TEMPLATE, [CaseRecord("c", {})], {"c": _answers(plan={"a": "ej_dok"})})
    plan = q["questions"][0]
    assert plan["answered"]["total"] == 1
    assert [r["counts"]["total"] for r in plan["rows"]] == [0, 0, 1]
    assert plan["rows"][2]["kind"] == "not_documented"
