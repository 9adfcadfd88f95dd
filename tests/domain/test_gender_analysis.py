"""Gender analysis from the tables by gender: shares, differences in points, largest first."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit_app.domain.cross_tables import build_cross_tables
from audit_app.domain.gender_analysis import GenderAnalysisError, gender_analysis
from audit_app.domain.tables import BreakdownError, build_tables
from tests.domain.test_final_answers import TEMPLATE
from tests.domain.test_tables_properties import audits


def _question(qid: str, qtype: str, answered: dict[str, int],
              rows: dict[str, dict[str, int]]) -> dict[str, Any]:
    zero = {k: 0 for k in answered}
    return {"id": qid, "type": qtype, "text": qid.upper(), "section": "s", "quality_area": None,
            "applicable": answered, "answered": answered, "unresolved": zero, "missing": zero,
            "rows": [{"code": c, "label": c.title(), "kind": "value", "counts": n} for c, n in rows.items()],
            "stats": None}


TABLES = {
    "audit": {"id": "a", "name": "A"}, "template": {"id": "t", "version": 1}, "by": "gender",
    "columns": [{"code": "flicka", "label": "Flicka"}, {"code": "pojke", "label": "Pojke"},
                {"code": "_none", "label": "Uppgift saknas"}],
    "cases": {"flicka": 10, "pojke": 8, "_none": 1, "total": 19}, "excluded": 0,
    "questions": [
        _question("small", "choice", {"flicka": 10, "pojke": 8, "_none": 1, "total": 19},
                  {"ja": {"flicka": 5, "pojke": 4, "_none": 1, "total": 10},
                   "nej": {"flicka": 5, "pojke": 4, "_none": 0, "total": 9}}),
        _question("big", "multi", {"flicka": 10, "pojke": 8, "_none": 0, "total": 18},
                  {"x": {"flicka": 9, "pojke": 2, "_none": 0, "total": 11},
                   "y": {"flicka": 1, "pojke": 8, "_none": 0, "total": 9}}),
        _question("none", "choice", {"flicka": 0, "pojke": 3, "_none": 0, "total": 3},
                  {"ja": {"flicka": 0, "pojke": 3, "_none": 0, "total": 3}}),
        {**_question("weeks", "number", {"flicka": 1, "pojke": 1, "_none": 0, "total": 2}, {}), "rows": []},
    ],
}


def test_shares_of_answered_and_differences_in_points_largest_first() -> None:
    analysis = gender_analysis(TABLES)
    assert [g["code"] for g in analysis["groups"]] == ["flicka", "pojke"]
    assert [q["id"] for q in analysis["questions"]] == ["big", "small", "none"]  # numbers are left out
    big = analysis["questions"][0]
    x = big["rows"][0]
    assert x["percent"]["total"] == {"flicka": 90.0, "pojke": 25.0}
    assert x["difference"]["total"] == pytest.approx(65.0)
    assert big["largest_difference"] == pytest.approx(90.0)  # y: 10 % - 100 %
    small = analysis["questions"][1]
    assert small["rows"][0]["difference"]["total"] == pytest.approx(0.0)
    none = analysis["questions"][2]
    assert none["rows"][0]["percent"]["total"] == {"flicka": None, "pojke": 100.0}
    assert none["largest_difference"] is None and none["rows"][0]["difference"]["total"] is None


def test_fewer_than_two_groups_cannot_be_compared() -> None:
    with pytest.raises(GenderAnalysisError):
        gender_analysis({**TABLES, "columns": [{"code": "flicka", "label": "Flicka"}]})


def test_a_breakdown_by_itself_is_rejected() -> None:
    with pytest.raises(BreakdownError):
        build_cross_tables(TEMPLATE, [], {}, by="unit", by2="unit")


@settings(max_examples=80, deadline=None)
@given(audits(), st.sampled_from([("unit", "grp"), ("grp", "plan"), ("plan", "unit")]))
def test_two_way_columns_add_up_to_each_one_way_table(audit, pair) -> None:  # type: ignore[no-untyped-def]
    cases, answers = audit
    by, by2 = pair
    cross = build_cross_tables(TEMPLATE, cases, answers, by=by, by2=by2)
    one, two = build_tables(TEMPLATE, cases, answers, by=by), build_tables(TEMPLATE, cases, answers, by=by2)
    assert cross["cases"]["total"] == one["cases"]["total"]
    assert [c["code"] for c in cross["by_columns"]] == [c["code"] for c in one["columns"]]
    for qc, q1, q2 in zip(cross["questions"], one["questions"], two["questions"], strict=True):
        series = [(m, qc[m], q1[m], q2[m]) for m in ("applicable", "answered", "unresolved", "missing")]
        series += [(r["code"], rc["counts"], r["counts"], r2["counts"])
                   for rc, r, r2 in zip(qc["rows"], q1["rows"], q2["rows"], strict=True)]
        for _name, fine, coarse, other in series:
            assert fine["total"] == coarse["total"] == other["total"]
            for col in one["columns"]:
                assert coarse[col["code"]] == sum(v for c, v in fine.items()
                                                  if c != "total" and c.split(".")[0] == col["code"])
            for col in two["columns"]:
                assert other[col["code"]] == sum(v for c, v in fine.items()
                                                 if c != "total" and c.split(".")[1] == col["code"])
        if qc["stats"] is not None:
            assert sum(qc["stats"][c["code"]]["n"] for c in cross["columns"]) == qc["stats"]["total"]["n"]


def test_analysis_per_part_reads_the_two_way_table() -> None:
    cases, answers = [], {}
    from audit_app.domain.final_answers import CaseAnswers, CaseRecord

    for i, (unit, plan) in enumerate([("a", "ja"), ("a", "nej"), ("b", "ja"), ("b", "ja")]):
        cases.append(CaseRecord(f"c{i}", {"unit": unit, "age": 2.0 if i % 2 else 8.0}))
        answers[f"c{i}"] = CaseAnswers()
        answers[f"c{i}"].add("plan", "r", plan)
    by_grp = build_tables(TEMPLATE, cases, answers, by="grp")
    within = build_cross_tables(TEMPLATE, cases, answers, by="unit", by2="grp")
    analysis = gender_analysis(by_grp, within)
    assert [p["code"] for p in analysis["parts"]] == ["total", "a", "b"]
    plan = next(q for q in analysis["questions"] if q["id"] == "plan")
    ja = plan["rows"][0]
    assert ja["counts"] == {"total": {"small": 1, "big": 2}, "a": {"small": 0, "big": 1},
                            "b": {"small": 1, "big": 1}}
    assert ja["difference"]["a"] == pytest.approx(-100.0)
