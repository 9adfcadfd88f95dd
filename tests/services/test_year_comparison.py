"""Year on year: two audits on one template side by side, with agreement next to last year's."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from audit_app.domain.diagnostics import InputRejected
from audit_app.services.agreement import audit_agreement
from audit_app.services.comparison import compare_audits, comparison_csv
from audit_app.services.context import AppContext
from audit_app.services.review import set_answer
from audit_app.services.tables import audit_tables
from tests.services.colleague_fixtures import make_audit

#: (case, reviewer, barn_traffat) per year; K1 hv, K2 kh, K3 hv, K4 kh.
THIS = [("K1", "anna", "ja"), ("K1", "bo", "ja"), ("K2", "anna", "nej"), ("K2", "bo", "nej"),
        ("K3", "anna", "ja"), ("K3", "bo", "nej"), ("K4", "anna", "ej_dok"), ("K4", "bo", "ej_dok")]
LAST = [("K1", "anna", "nej"), ("K1", "bo", "nej"), ("K2", "anna", "nej"), ("K2", "bo", "ja"),
        ("K3", "anna", "ja"), ("K3", "bo", "ja")]


@pytest.fixture
def years(ctx: AppContext, tmp_path: Path) -> tuple[str, str]:
    """2024 (template version 2, reworded question) and 2023 (version 1)."""
    last = make_audit(ctx, tmp_path, "Granskning 2023", cases=3)
    this = make_audit(ctx, tmp_path, "Granskning 2024", cases=4, version=2,
                      text="Har handläggaren träffat barnet enskilt?")
    for audit, rows in ((this, THIS), (last, LAST)):
        for case, reviewer, value in rows:
            set_answer(ctx, audit, case, "barn_traffat", value, reviewer=reviewer)
    set_answer(ctx, this, "K1", "veckor", "4", reviewer="anna")
    set_answer(ctx, last, "K1", "veckor", "2", reviewer="anna")
    return this, last


def test_counts_shares_and_differences_per_option(ctx: AppContext,
                                                  years: tuple[str, str]) -> None:
    this, last = years
    result = compare_audits(ctx, this, last, resamples=50)
    assert result["this"]["audit"]["name"] == "Granskning 2024"
    assert result["this"]["template"] == {"id": "kollegial_test", "version": 2}
    assert result["last"]["cases"] == {"total": 3}
    q = result["questions"][0]
    assert q["id"] == "barn_traffat" and q["present"] == "both"
    assert q["answered"] == {"this": {"total": 3}, "last": {"total": 2}}
    assert q["unresolved"] == {"this": {"total": 1}, "last": {"total": 1}}
    ja = q["rows"][0]
    assert ja["this"]["count"] == {"total": 1} and ja["last"]["count"] == {"total": 1}
    assert ja["this"]["percent"]["total"] == pytest.approx(100 / 3)
    assert ja["last"]["percent"]["total"] == 50.0
    assert ja["difference_pp"]["total"] == pytest.approx(100 / 3 - 50)
    ej_dok = q["rows"][2]
    assert ej_dok["last"]["count"] == {"total": 0}
    assert ej_dok["difference_pp"]["total"] == pytest.approx(100 / 3)
    number = next(x for x in result["questions"] if x["id"] == "veckor")
    assert number["stats"]["this"]["total"]["mean"] == 4.0
    assert number["stats"]["last"]["total"]["mean"] == 2.0
    assert number["agreement"] is None and number["rows"] == []


def test_the_numbers_are_the_tables_and_the_agreement_of_each_audit(
        ctx: AppContext, years: tuple[str, str]) -> None:
    this, last = years
    result = compare_audits(ctx, this, last)
    for side, ref in (("this", this), ("last", last)):
        tables = {q["id"]: q for q in audit_tables(ctx, ref)["questions"]}
        agreement = {q["id"]: q for q in audit_agreement(ctx, ref)["questions"]}
        for q in result["questions"]:
            assert q["answered"][side] == tables[q["id"]]["answered"]
            for row in q["rows"]:
                found = next(r for r in tables[q["id"]]["rows"] if r["code"] == row["code"])
                assert row[side]["count"] == found["counts"]
            if q["agreement"] is not None:
                expected = dict(agreement[q["id"]])
                del expected["id"]
                assert q["agreement"][side] == {"total": expected}
        assert result["overall"][side] == {"total": audit_agreement(ctx, ref)["overall"]}


def test_changed_questions_are_compared_with_a_warning(ctx: AppContext,
                                                        years: tuple[str, str]) -> None:
    result = compare_audits(ctx, *years, resamples=10)
    codes = {(w["code"], w["item"]) for w in result["warnings"]}
    assert codes == {("template-version", ""), ("text-changed", "barn_traffat")}
    assert result["questions"][0]["text"] == "Har handläggaren träffat barnet enskilt?"


def test_by_a_case_field_gives_columns_and_agreement_per_column(
        ctx: AppContext, years: tuple[str, str]) -> None:
    result = compare_audits(ctx, *years, by="unit", resamples=10)
    assert [c["code"] for c in result["columns"]] == ["hv", "kh"]
    q = result["questions"][0]
    # 2024: kh K1 ja/ja, K3 ja/nej; hv K2 nej/nej, K4 ej_dok twice.
    # 2023: kh K1 nej/nej, K3 ja/ja; hv K2 nej/ja.
    assert q["answered"]["this"] == {"hv": 2, "kh": 1, "total": 3}
    assert q["answered"]["last"] == {"hv": 0, "kh": 2, "total": 2}
    assert q["rows"][1]["last"]["percent"] == {"hv": None, "kh": 50.0, "total": 50.0}
    assert q["rows"][1]["difference_pp"] == {"hv": None, "kh": -50.0, "total": pytest.approx(
        100 / 3 - 50)}
    kh = q["agreement"]["this"]["kh"]
    assert kh["units"] == 2 and kh["percent_agreement"] == 0.5
    assert q["agreement"]["this"]["hv"]["percent_agreement"] == 1.0
    assert q["agreement"]["last"]["hv"]["units"] == 1
    section = result["sections"][0]
    assert section["id"] == "utredning" and section["this"]["total"]["units"] == 4
    assert set(section["this"]["total"]) == {"units", "percent_agreement", "cohen_kappa",
                                             "krippendorff_alpha", "gwet_ac1", "ci95"}


def test_the_csv_is_long_form_with_the_same_numbers(ctx: AppContext,
                                                    years: tuple[str, str]) -> None:
    result = compare_audits(ctx, *years, by="unit", resamples=10)
    rows = list(csv.DictReader(io.StringIO(comparison_csv(result))))
    assert list(rows[0]) == ["question", "measure", "label", "column", "this", "last",
                             "difference"]
    ja = next(r for r in rows if r["question"] == "barn_traffat" and r["measure"] == "percent:ja"
              and r["column"] == "total")
    assert float(ja["difference"]) == pytest.approx(100 / 3 - 50)
    kappa = [r for r in rows if r["measure"] == "cohen_kappa" and r["question"] == "barn_traffat"]
    assert [r["column"] for r in kappa] == ["hv", "kh", "total"]
    assert any(r["question"] == "_section:utredning" for r in rows)
    assert any(r["question"] == "_overall" and r["measure"] == "krippendorff_alpha" for r in rows)
    empty = next(r for r in rows if r["measure"] == "percent:nej" and r["column"] == "hv")
    assert empty["last"] == "" and empty["difference"] == ""


def test_only_audits_on_one_template_compare(ctx: AppContext, tmp_path: Path,
                                             years: tuple[str, str]) -> None:
    other = tmp_path / "annan.yaml"
    other.write_text("format: 1\nid: annan\nversion: 1\ntitle: Annan\nsections:\n"
                     "  - id: s\n    title: S\n    questions:\n"
                     "      - {id: q, text: Q, type: text}\n", encoding="utf-8")
    from audit_app.services.audits import create_audit

    create_audit(ctx, str(other), "Annan")
    with pytest.raises(InputRejected) as info:
        compare_audits(ctx, years[0], "Annan")
    assert "different templates" in info.value.message
    with pytest.raises(InputRejected):
        compare_audits(ctx, years[0], years[0])
    with pytest.raises(InputRejected):
        compare_audits(ctx, *years, by="age")
