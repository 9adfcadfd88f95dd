"""The bundled colleague-review templates (kollegial_familj, barns_delaktighet) load and hold
what a reviewer relies on: the parts of the review key as sections, options on every choice
question, a quality area for every question, and questions shown only for the cases they fit."""

from __future__ import annotations

from pathlib import Path

import pytest

from audit_app.domain.template import OPTION_TYPES, Template
from audit_app.domain.template_loader import load_template_file
from audit_app.domain.values import Value

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "resources" / "templates"
FILES = ["kollegial_familj.yaml", "barns_delaktighet.yaml"]

#: The six quality areas (Socialstyrelsen and SKR) every bundled template uses, by id.
QUALITY_AREA_LABELS = {
    "trygghet": "Trygghet och säkerhet",
    "sjalvbestammande": "Självbestämmande och integritet",
    "tillganglighet": "Tillgänglighet",
    "helhetssyn": "Helhetssyn och samordning",
    "kunskap": "Kunskapsbaserad verksamhet",
    "effektivitet": "Effektivitet",
}

KONTROLLOMRADEN = {
    "forhandsbedomning": "Förhandsbedömning",
    "utredning": "Utredning",
    "placering_familjehem": "Utredning inför placering i familjehem",
    "omplacering": "Omplacering",
    "umgangesbegransning": "Umgängesbegränsningar",
}


def _load(name: str) -> Template:
    return load_template_file(TEMPLATES_DIR / name)


def _applies(template: Template, question_id: str, facts: dict[str, Value]) -> bool:
    """Whether a question applies to a case with these case-field values and answers."""
    question = template.question(question_id)
    assert question is not None
    condition = question.condition
    return condition is None or condition.evaluate(facts.get)


@pytest.mark.parametrize("name", FILES)
def test_bundled_template_loads_under_its_file_name(name: str) -> None:
    template = _load(name)
    assert template.format == 1
    assert template.id == name.removesuffix(".yaml")
    assert template.version >= 1


@pytest.mark.parametrize("name", FILES)
def test_every_choice_question_has_distinct_options(name: str) -> None:
    template = _load(name)
    for question in template.questions:
        if question.type in OPTION_TYPES:
            codes = [option.code for option in question.options or []]
            assert codes, f"{question.id} has no options"
            assert len(set(codes)) == len(codes), f"{question.id} repeats an option code"


@pytest.mark.parametrize("name", FILES)
def test_cannot_tell_options_carry_their_kind(name: str) -> None:
    """ej_dok / ej_aktuellt are counted in their own rows only when their kind says so."""
    expected_kind = {"ej_dok": "not_documented", "ej_aktuellt": "not_applicable"}
    template = _load(name)
    for question in template.questions:
        for option in question.options or []:
            if option.code in expected_kind:
                assert option.kind == expected_kind[option.code], (question.id, option.code)
            else:
                assert option.kind == "value", (question.id, option.code)


@pytest.mark.parametrize("name", FILES)
def test_every_question_resolves_to_a_declared_quality_area(name: str) -> None:
    template = _load(name)
    declared = {area.id: area.label for area in template.quality_areas}
    assert declared, "the template declares no quality areas"
    for area_id, label in declared.items():
        assert QUALITY_AREA_LABELS.get(area_id) == label, area_id
    for question in template.questions:
        area = template.quality_area_of(question)
        assert area in declared, f"{question.id} has no declared quality area ({area})"


@pytest.mark.parametrize("name", FILES)
def test_every_section_ends_with_an_optional_free_text_comment(name: str) -> None:
    template = _load(name)
    for section in template.sections:
        last = section.questions[-1]
        assert last.type == "text" and last.required is False, section.id


@pytest.mark.parametrize("name", FILES)
def test_every_question_has_help_and_every_choice_question_a_label_per_option(name: str) -> None:
    template = _load(name)
    for question in template.questions:
        assert question.help, f"{question.id} tells the reviewer nothing about what counts"
        for option in question.options or []:
            assert option.label.strip(), (question.id, option.code)


# --- barns_delaktighet --------------------------------------------------------------------


def test_barns_delaktighet_has_the_five_kontrollomraden_as_sections() -> None:
    template = _load("barns_delaktighet.yaml")
    assert {s.id: s.title for s in template.sections} == KONTROLLOMRADEN


def test_barns_delaktighet_case_field_kontrollomrade_matches_the_sections() -> None:
    template = _load("barns_delaktighet.yaml")
    field = template.field("kontrollomrade")
    assert field is not None and field.kind == "choice" and field.stratify
    assert [o.code for o in field.choices] == [s.id for s in template.sections]


def test_barns_delaktighet_questions_apply_only_in_their_own_kontrollomrade() -> None:
    template = _load("barns_delaktighet.yaml")
    for section in template.sections:
        for question in section.questions:
            for area in KONTROLLOMRADEN:
                facts: dict[str, Value] = {"kontrollomrade": area, "age": 16.0}
                assert _applies(template, question.id, facts) == (area == section.id), (
                    question.id,
                    area,
                )


def test_barns_delaktighet_age_group_covers_every_allowed_age_once() -> None:
    template = _load("barns_delaktighet.yaml")
    age = template.field("age")
    group = template.field("age_group")
    assert age is not None and group is not None and group.derived_from == "age"
    assert age.min is not None and age.max is not None
    for value in range(int(age.min), int(age.max) + 1):
        hits = [b.code for b in group.bins or [] if b.contains(value)]
        assert len(hits) == 1, (value, hits)


def test_barns_delaktighet_right_to_own_talan_is_asked_only_from_fifteen() -> None:
    template = _load("barns_delaktighet.yaml")
    case: dict[str, Value] = {"kontrollomrade": "umgangesbegransning"}
    assert not _applies(template, "ug_egen_talan", {**case, "age": 14.0})
    assert _applies(template, "ug_egen_talan", {**case, "age": 15.0})
    assert not _applies(template, "ug_egen_talan", case)  # age not entered: does not apply


# --- kollegial_familj ---------------------------------------------------------------------


def test_kollegial_familj_has_the_three_parts_of_the_key() -> None:
    template = _load("kollegial_familj.yaml")
    assert [s.id for s in template.sections] == ["barnutredning", "vuxenutredning", "uppdrag"]


def test_kollegial_familj_parts_apply_to_the_matching_document() -> None:
    template = _load("kollegial_familj.yaml")
    part_for_document = {
        "barnutredning": "barnutredning",
        "vuxenutredning": "vuxenutredning",
        "uppdrag_barn": "uppdrag",
        "uppdrag_vuxen": "uppdrag",
    }
    field = template.field("dokument")
    assert field is not None
    assert {o.code for o in field.choices} == set(part_for_document)
    for document, part in part_for_document.items():
        for section in template.sections:
            shown = [
                q.id
                for q in section.questions
                if _applies(template, q.id, {"dokument": document, "vu_barnkonsekvensanalys": "ja"})
            ]
            if section.id == part:
                assert shown, (document, section.id)
            else:
                assert shown == [], (document, section.id)


def test_kollegial_familj_uses_the_keys_collaboration_scale_in_every_part() -> None:
    template = _load("kollegial_familj.yaml")
    scale = ["alla_steg", "flertal_moten", "vissa_moten", "ingen_samverkan"]
    for section in template.sections:
        rated = [q for q in section.questions if q.id.endswith("_samverkan_helhet") and q.options]
        assert len(rated) == 1, section.id
        assert [o.code for o in rated[0].options or []] == scale


def test_kollegial_familj_joint_child_impact_analysis_follows_the_analysis() -> None:
    template = _load("kollegial_familj.yaml")
    case: dict[str, Value] = {"dokument": "vuxenutredning"}
    assert _applies(template, "vu_bka_gemensam", {**case, "vu_barnkonsekvensanalys": "ja"})
    assert not _applies(template, "vu_bka_gemensam", {**case, "vu_barnkonsekvensanalys": "nej"})
    assert not _applies(template, "vu_bka_gemensam", case)
