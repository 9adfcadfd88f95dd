"""The bundled demo data reproduces every figure seed report 002 publishes.

Counts the demo CSV answers directly, by the counting rules of DESIGN section 6, without the
program's database or table code: with a single reviewer the final answer of an applicable
question is that reviewer's answer. Each entry of ``resources/demo/expected_figures.yaml`` is
checked, and so are the figures that need more than one table cell (the sample's composition per
district, the ranking of the reasons, the programmes that add up to eight, ...).
"""

from __future__ import annotations

import csv
import statistics
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from audit_app.domain.template import Template

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
TEMPLATE_PATH = RESOURCES / "templates" / "oppenvard_barn.yaml"
CASES_PATH = RESOURCES / "demo" / "oppenvard_cases.csv"
ANSWERS_PATH = RESOURCES / "demo" / "oppenvard_answers.csv"
FIGURES_PATH = RESOURCES / "demo" / "expected_figures.yaml"

Value = str | float | frozenset[str]
Lookup = Callable[[str], Value | None]


def _ge(value: Value | None, limit: float) -> bool:
    return isinstance(value, float) and value >= limit


def _has(value: Value | None, code: str) -> bool:
    return isinstance(value, frozenset) and code in value


#: Every ``applies_when`` of the template, written out by hand: the template's text (so a change
#: to the template fails here until the test is brought along) and its meaning as Python, with
#: the contract's rule that a missing value makes every comparison false.
APPLIES: dict[str, tuple[str, Callable[[Lookup], bool]]] = {
    "vald_typ": ('"vald" in skal', lambda v: _has(v("skal"), "vald")),
    "vald_nedtonat": ('"vald" in skal', lambda v: _has(v("skal"), "vald")),
    "gp_tillsammans": ('gp_finns == "ja"', lambda v: v("gp_finns") == "ja"),
    "gp_mal": ('gp_finns == "ja"', lambda v: v("gp_finns") == "ja"),
    "samverkan_vuxen": ('"foraldrar_egna" in skal', lambda v: _has(v("skal"), "foraldrar_egna")),
    "tider_tillmotesgatt": ('tider_utanfor == "ja"', lambda v: v("tider_utanfor") == "ja"),
    "oro_overford": ('oro == "ja"', lambda v: v("oro") == "ja"),
    "avbrott_orsak": ('avbrott == "ja"', lambda v: v("avbrott") == "ja"),
    "overgang": ('status == "avslutad"', lambda v: v("status") == "avslutad"),
    "utvardering": ('status == "avslutad"', lambda v: v("status") == "avslutad"),
    "barn_information": ("age >= 4", lambda v: _ge(v("age"), 4)),
    "barn_uppdrag": ("age >= 4", lambda v: _ge(v("age"), 4)),
    "barn_gp": ('age >= 4 and gp_finns == "ja"', lambda v: _ge(v("age"), 4) and v("gp_finns") == "ja"),
    "barn_uppfoljning": (
        'age >= 4 and uppfoljning == "ja"',
        lambda v: _ge(v("age"), 4) and v("uppfoljning") == "ja",
    ),
    "barn_enskilt": ("age >= 4", lambda v: _ge(v("age"), 4)),
    "barn_utfall": (
        'age >= 4 and (uppfoljning == "ja" or status == "avslutad")',
        lambda v: _ge(v("age"), 4) and (v("uppfoljning") == "ja" or v("status") == "avslutad"),
    ),
    "barn_ej_delaktig_skal": (
        'age >= 4 and not (barn_uppdrag == "ja" or barn_gp == "ja" or barn_uppfoljning == "ja")',
        lambda v: _ge(v("age"), 4)
        and not (v("barn_uppdrag") == "ja" or v("barn_gp") == "ja" or v("barn_uppfoljning") == "ja"),
    ),
}


# --------------------------------------------------------------------------------------------
# Reading the files


def _load_template() -> Template:
    data = YAML(typ="safe").load(TEMPLATE_PATH.read_text(encoding="utf-8"))
    return Template.model_validate(data)


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


TEMPLATE = _load_template()
CASE_ROWS = _read_csv(CASES_PATH)
ANSWER_ROWS = _read_csv(ANSWERS_PATH)
FIGURES: list[dict[str, Any]] = YAML(typ="safe").load(FIGURES_PATH.read_text(encoding="utf-8"))


def _chose(answer: Value | None, code: str) -> bool:
    """Whether an answer is the option (choice) or includes it (multi)."""
    return answer == code or _has(answer, code)


def _case_fields(row: dict[str, str]) -> dict[str, Value]:
    """A case's fields as the condition language sees them, with the derived age group."""
    age = float(row["age"])
    fields: dict[str, Value] = {
        "unit": row["unit"], "gender": row["gender"], "age": age, "status": row["status"]
    }
    group = TEMPLATE.field("age_group")
    assert group is not None and group.bins is not None
    fields["age_group"] = next(b.code for b in group.bins if b.contains(age))
    return fields


def _answer_value(question_id: str, raw: str) -> Value:
    question = TEMPLATE.question(question_id)
    assert question is not None, f"unknown question {question_id}"
    if question.type == "multi":
        return frozenset(raw.split("|"))
    if question.type == "number":
        return float(raw.replace(",", "."))
    return raw


CASES: dict[str, dict[str, Value]] = {row["case"]: _case_fields(row) for row in CASE_ROWS}
ANSWERS: dict[tuple[str, str], Value] = {
    (row["case"], row["question"]): _answer_value(row["question"], row["value"])
    for row in ANSWER_ROWS
}


# --------------------------------------------------------------------------------------------
# Counting (DESIGN section 6, single reviewer)


class CaseView:
    """Applicability and final answers of one case, resolved on demand."""

    def __init__(self, case: str) -> None:
        self.case = case
        self.fields = CASES[case]
        self._applies: dict[str, bool] = {}

    def applies(self, question_id: str) -> bool:
        if question_id not in self._applies:
            entry = APPLIES.get(question_id)
            self._applies[question_id] = entry is None or entry[1](self.lookup)
        return self._applies[question_id]

    def final(self, question_id: str) -> Value | None:
        """The final answer: the only reviewer's answer where the question applies."""
        if not self.applies(question_id):
            return None
        return ANSWERS.get((self.case, question_id))

    def lookup(self, name: str) -> Value | None:
        if name in self.fields:
            return self.fields[name]
        return self.final(name)


VIEWS = {case: CaseView(case) for case in CASES}


def _columns(by: str | None, view: CaseView) -> list[str]:
    """The table columns a case counts in: always total, plus its value of ``by``."""
    if by is None:
        return ["total"]
    value = view.lookup(by)
    return ["total", value if isinstance(value, str) else "_none"]


def measure(figure: dict[str, Any]) -> float | None:
    """The number the program's tables JSON shows for a figure of expected_figures.yaml."""
    question, option, by, column = figure["question"], figure["option"], figure["by"], figure["column"]
    views = [v for v in VIEWS.values() if column in _columns(by, v)]
    if question is None:
        return len(views)
    kind = figure.get("measure", "row" if option is not None else "answered")
    applicable = [v for v in views if v.applies(question)]
    answered = [v.final(question) for v in applicable if v.final(question) is not None]
    if kind == "row":
        return sum(1 for a in answered if _chose(a, option))
    if kind == "applicable":
        return len(applicable)
    if kind == "answered":
        return len(answered)
    numbers = sorted(a for a in answered if isinstance(a, float))
    if kind == "n":
        return len(numbers)
    if not numbers:
        return None
    stat: dict[str, Callable[[list[float]], float]] = {
        "mean": statistics.fmean, "median": statistics.median, "min": min, "max": max
    }
    return stat[kind](numbers)


def final_answers(question_id: str) -> Iterator[tuple[CaseView, Value]]:
    """Every case with a final answer to the question, and that answer."""
    for view in VIEWS.values():
        value = view.final(question_id)
        if value is not None:
            yield view, value


def count(question_id: str, code: str) -> int:
    """Cases whose final answer chose the option."""
    return sum(1 for _, a in final_answers(question_id) if _chose(a, code))


# --------------------------------------------------------------------------------------------
# The files themselves


def test_every_applies_when_is_written_out_here() -> None:
    in_template = {q.id: " ".join(q.applies_when.split()) for q in TEMPLATE.questions if q.applies_when}
    assert in_template == {qid: text for qid, (text, _) in APPLIES.items()}


def test_hand_written_conditions_agree_with_the_condition_language() -> None:
    conditions = pytest.importorskip("audit_app.domain.conditions")
    for question in TEMPLATE.questions:
        if question.applies_when is None:
            continue
        parsed = conditions.parse_condition(question.applies_when)
        for view in VIEWS.values():
            assert parsed.evaluate(view.lookup) == view.applies(question.id), (view.case, question.id)


def test_cases_file_has_the_import_columns_and_valid_values() -> None:
    with CASES_PATH.open(encoding="utf-8") as handle:
        assert handle.readline().strip() == "case,unit,gender,age,status"
    for row in CASE_ROWS:
        for field_id in ("unit", "gender", "status"):
            field = TEMPLATE.field(field_id)
            assert field is not None and row[field_id] in {o.code for o in field.choices}
        assert row["age"].isdigit() and 0 <= int(row["age"]) <= 12
    assert len({row["case"] for row in CASE_ROWS}) == len(CASE_ROWS)


def test_answers_file_has_one_valid_answer_per_case_question_by_one_reviewer() -> None:
    with ANSWERS_PATH.open(encoding="utf-8") as handle:
        assert handle.readline().strip() == "case,question,value,reviewer"
    assert {row["reviewer"] for row in ANSWER_ROWS} == {"inspektor"}
    assert len(ANSWERS) == len(ANSWER_ROWS), "a (case, question) pair is answered twice"
    for row in ANSWER_ROWS:
        assert row["case"] in CASES
        question = TEMPLATE.question(row["question"])
        assert question is not None, row
        value = _answer_value(question.id, row["value"])
        if question.type == "choice":
            assert question.option(row["value"]) is not None, row
        elif question.type == "multi":
            assert isinstance(value, frozenset) and value
            assert all(question.option(code) for code in value), row
        else:
            assert question.type == "number" and isinstance(value, float), row
            assert question.min is not None and question.max is not None
            assert question.min <= value <= question.max and value.is_integer(), row


def test_every_applicable_question_is_answered_and_no_other() -> None:
    for view in VIEWS.values():
        for question in TEMPLATE.questions:
            answered = (view.case, question.id) in ANSWERS
            assert answered == view.applies(question.id), (view.case, question.id)


# --------------------------------------------------------------------------------------------
# The figures


@pytest.mark.parametrize(
    "figure",
    FIGURES,
    ids=[
        f"{f['question']}.{f['option']}.{f.get('measure', '')}.{f['by']}.{f['column']}."
        f"{f.get('compare', 'eq')}{f['count']}"
        for f in FIGURES
    ],
)
def test_published_figure(figure: dict[str, Any]) -> None:
    actual = measure(figure)
    assert actual is not None, figure["source"]
    expected, compare = figure["count"], figure.get("compare", "eq")
    ok = {"eq": actual == expected, "le": actual <= expected, "ge": actual >= expected}[compare]
    assert ok, f"{actual} is not {compare} {expected}: {figure['source']}"


def test_figures_file_names_existing_questions_options_and_columns() -> None:
    keys = {"question", "option", "by", "column", "count", "source"}
    for figure in FIGURES:
        assert keys <= set(figure) <= keys | {"measure", "compare", "note"}, figure
        assert figure.get("compare", "eq") in {"eq", "le", "ge"}
        if figure["question"] is not None:
            question = TEMPLATE.question(figure["question"])
            assert question is not None, figure
            if figure["option"] is not None:
                assert question.option(figure["option"]) is not None, figure
        if figure["by"] is None:
            assert figure["column"] == "total"
        else:
            field = TEMPLATE.field(figure["by"])
            assert field is not None and figure["column"] in {o.code for o in field.choices}


def test_sample_is_stratified_by_district_gender_and_status() -> None:
    """Twelve cases per district, six girls and six boys, three ongoing."""
    for unit in ("hv", "kh", "sk"):
        in_unit = [f for f in CASES.values() if f["unit"] == unit]
        assert len(in_unit) == 12
        assert sum(f["gender"] == "flicka" for f in in_unit) == 6
        assert sum(f["status"] == "pagaende" for f in in_unit) == 3
        # "Vid samtliga stadsdelsförvaltningar var alla fyra ålderskategorier representerade"
        assert {f["age_group"] for f in in_unit} == {"a0_3", "a4_6", "a7_9", "a10_12"}


def test_slightly_more_than_half_are_of_school_age() -> None:
    """'Drygt hälften av barnen i urvalet var i skolåldern' (7 years or older)."""
    school_age = sum(1 for f in CASES.values() if isinstance(f["age"], float) and f["age"] >= 7)
    assert 18 < school_age <= 22


def test_violence_is_the_commonest_reason_and_relationship_conflicts_the_second() -> None:
    skal = TEMPLATE.question("skal")
    assert skal is not None and skal.options
    reasons = sorted(((count("skal", o.code), o.code) for o in skal.options), reverse=True)
    assert [code for _, code in reasons[:2]] == ["vald", "relation"]
    assert reasons[0][0] > reasons[1][0] > reasons[2][0]
    # "I de flesta ärenden fanns flera anledningar ... varför totalen i tabellen blir högre än 36"
    several = sum(1 for _, a in final_answers("skal") if isinstance(a, frozenset) and len(a) > 1)
    assert several > 18 and sum(n for n, _ in reasons) > 36


def test_npf_reason_only_for_children_with_npf() -> None:
    for view, reasons in final_answers("skal"):
        if isinstance(reasons, frozenset) and "npf_svar" in reasons:
            assert view.final("npf") == "ja", view.case


def test_weeks_to_planning_meeting_mostly_two_to_four() -> None:
    """'Oftast gick två till fyra veckor ... Samtliga uppstartsmöten hölls inom tre månader.'"""
    weeks = [w for _, w in final_answers("veckor_planering") if isinstance(w, float)]
    assert len(weeks) == 36
    assert sum(2 <= w <= 4 for w in weeks) > len(weeks) / 2
    assert max(weeks) <= 13


def test_eight_structured_programmes_the_rest_unstructured_family_treatment() -> None:
    """'I åtta fall fick familjen ta del av strukturerade program.'"""
    programmes = [p for _, p in final_answers("program")]
    assert sum(p != "inget" for p in programmes) == 8
    assert programmes.count("inget") == 28


def test_intervention_for_the_child_itself_only_in_skarpnack_two_of_them_trappan() -> None:
    """'Samtliga av dessa tre var i Skarpnäck och bestod av två Trappan-insatser ...'"""
    for_child = [v for v, a in final_answers("insats_barn") if a == "ja"]
    assert len(for_child) == 3
    assert all(v.fields["unit"] == "sk" for v in for_child)
    assert sum(v.final("program") == "trappan" for v in for_child) == 2


def test_trappan_cases_are_children_from_four_who_have_experienced_violence() -> None:
    for view, programme in final_answers("program"):
        if programme == "trappan":
            assert view.fields["unit"] == "sk"
            assert _ge(view.fields["age"], 4)
            assert _has(view.final("skal"), "vald")
            assert view.final("insats_barn") == "ja"


def test_practical_support_in_skarpnack_is_the_family_housing_support_at_home() -> None:
    """'I ett ärende, en familjeorienterad boendestödsinsats, genomfördes insatsen helt i hemmet.'"""
    practical = {v.fields["unit"]: v for v, a in final_answers("praktiskt_stod") if a == "ja"}
    assert sorted(practical) == ["hv", "sk"]
    assert practical["sk"].final("motesplats") == "hem"
    at_home = [v for v, a in final_answers("motesplats") if a == "hem"]
    assert at_home == [practical["sk"]]


def test_times_outside_office_hours_asked_for_in_every_district_and_never_met() -> None:
    asked = [v for v, a in final_answers("tider_utanfor") if a == "ja"]
    assert sorted(v.fields["unit"] for v in asked) == ["hv", "kh", "sk"]
    assert all(v.final("tider_tillmotesgatt") == "nej" for v in asked)


def test_early_termination_only_for_closed_cases() -> None:
    for view, answer in final_answers("avbrott"):
        closed = view.fields["status"] == "avslutad"
        assert (answer == "ej_aktuellt") == (not closed), view.case


def test_child_talked_with_alone_only_where_the_intervention_targeted_the_child() -> None:
    """'... återfanns endast i ärenden där insatsen riktade sig direkt till barnet, i Skarpnäck.'"""
    alone = [v for v, a in final_answers("barn_enskilt") if a == "ja"]
    assert alone
    assert all(v.final("insats_barn") == "ja" and v.fields["unit"] == "sk" for v in alone)


def test_children_in_the_implementation_plan_are_four_or_older() -> None:
    took_part = [v for v, a in final_answers("barn_gp") if a == "ja"]
    assert len(took_part) == 5
    assert all(_ge(v.fields["age"], 4) for v in took_part)
