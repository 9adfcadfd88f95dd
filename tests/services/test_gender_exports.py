"""Gender analysis, two-way tables and the XLSX workbook on the demo audit (SQLite and PostgreSQL).

The demo audit is 002's design: 36 cases, 12 per district, 6 girls and 6 boys in each. Child
participation in the plan (``barn_gp``) applies to 27 of them; the five "ja" of the report are
three girls and two boys.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from audit_app.services.audit_settings import set_small_cell_limit
from audit_app.services.context import AppContext
from audit_app.services.demo import create_demo
from audit_app.services.export import export_tables, export_workbook, render_tables
from audit_app.services.gender import audit_gender_analysis, gender_csv, load_gender, printed_analysis
from audit_app.services.genomlysning import set_genomlysning
from audit_app.services.table_views import audit_cross_tables, load_views
from audit_app.services.tables import audit_tables


@pytest.fixture
def demo(ctx: AppContext) -> str:
    """The demo audit's id."""
    return create_demo(ctx)


def _question(data: dict[str, Any], qid: str) -> dict[str, Any]:
    return next(q for q in data["questions"] if q["id"] == qid)


def test_girls_and_boys_on_child_participation_in_the_plan(ctx: AppContext, demo: str) -> None:
    analysis = audit_gender_analysis(ctx, demo)
    assert [g["code"] for g in analysis["groups"]] == ["flicka", "pojke"]
    q = _question(analysis, "barn_gp")
    assert q["answered"]["total"] == {"flicka": 13, "pojke": 14}
    ja = next(r for r in q["rows"] if r["code"] == "ja")
    assert ja["counts"]["total"] == {"flicka": 3, "pojke": 2}
    assert ja["percent"]["total"]["flicka"] == pytest.approx(100 * 3 / 13)
    assert ja["percent"]["total"]["pojke"] == pytest.approx(100 * 2 / 14)
    assert ja["difference"]["total"] == pytest.approx(100 * 3 / 13 - 100 * 2 / 14)
    ej_dok = next(r for r in q["rows"] if r["code"] == "ej_dok")
    assert ej_dok["counts"]["total"] == {"flicka": 8, "pojke": 10}
    assert q["largest_difference"] == pytest.approx(abs(100 * 8 / 13 - 100 * 10 / 14))
    largest = [x["largest_difference"] for x in analysis["questions"] if x["largest_difference"] is not None]
    assert largest == sorted(largest, reverse=True)


def test_girls_and_boys_per_district_add_up_to_the_whole(ctx: AppContext, demo: str) -> None:
    analysis = audit_gender_analysis(ctx, demo, within="unit")
    assert [p["code"] for p in analysis["parts"]] == ["total", "hv", "kh", "sk"]
    q = _question(analysis, "barn_gp")
    ja = next(r for r in q["rows"] if r["code"] == "ja")
    assert ja["counts"]["sk"] == {"flicka": 2, "pojke": 1}
    assert ja["difference"]["sk"] == pytest.approx(100 * 2 / 4 - 100 * 1 / 5)
    for row in q["rows"]:
        for g in ("flicka", "pojke"):
            assert sum(row["counts"][u][g] for u in ("hv", "kh", "sk")) == row["counts"]["total"][g]
    by_gender = audit_tables(ctx, demo, by="gender")
    for row, source in zip(q["rows"], _question(by_gender, "barn_gp")["rows"], strict=True):
        assert row["counts"]["total"] == {g: source["counts"][g] for g in ("flicka", "pojke")}


def test_two_way_table_refines_both_one_way_tables(ctx: AppContext, demo: str) -> None:
    cross = audit_cross_tables(ctx, demo, "unit", "gender")
    by_unit, by_gender = audit_tables(ctx, demo, by="unit"), audit_tables(ctx, demo, by="gender")
    assert [c["code"] for c in cross["columns"]] == [
        "hv.flicka", "hv.pojke", "kh.flicka", "kh.pojke", "sk.flicka", "sk.pojke"]
    assert cross["cases"]["hv.flicka"] == 6 and cross["cases"]["total"] == 36
    for qc, qu, qg in zip(cross["questions"], by_unit["questions"], by_gender["questions"], strict=True):
        for measure in ("applicable", "answered", "unresolved", "missing"):
            assert qc[measure]["total"] == qu[measure]["total"]
            for unit in ("hv", "kh", "sk"):
                assert qc[measure][f"{unit}.flicka"] + qc[measure][f"{unit}.pojke"] == qu[measure][unit]
            for g in ("flicka", "pojke"):
                assert sum(qc[measure][f"{u}.{g}"] for u in ("hv", "kh", "sk")) == qg[measure][g]


def test_the_tables_json_never_changes_with_the_small_cell_limit(ctx: AppContext, demo: str) -> None:
    before = render_tables(ctx, demo, "unit")
    set_small_cell_limit(ctx, demo, 5)
    assert render_tables(ctx, demo, "unit") == before
    assert "<5" in render_tables(ctx, demo, "unit", fmt="csv")
    assert "<5" not in render_tables(ctx, demo, "unit", fmt="csv").split("Små tal")[0]


def test_workbook_has_a_sheet_per_breakdown_with_the_json_numbers(ctx: AppContext, demo: str,
                                                                  tmp_path: Path) -> None:
    from openpyxl import load_workbook

    set_genomlysning(ctx, demo, "hv", 167, 32)
    calls: list[tuple[int, int]] = []
    out = export_workbook(ctx, demo, tmp_path / "tabeller.xlsx", progress=lambda d, t: calls.append((d, t)))
    book = load_workbook(out)
    assert book.sheetnames == ["Totalt", "Stadsdelsförvaltning", "Kön", "Åldersgrupp", "Jämställdhet",
                               "Genomlysning", "Kodbok"]
    for sheet, by in (("Totalt", None), ("Stadsdelsförvaltning", "unit"), ("Kön", "gender"),
                      ("Åldersgrupp", "age_group")):
        tables = audit_tables(ctx, demo, by=by)
        rows = [[c.value for c in row] for row in book[sheet].iter_rows()]
        keys = [c["code"] for c in tables["columns"]] + ["total"]
        for q in tables["questions"]:
            start = next(i for i, r in enumerate(rows) if r[0] == f"{q['id']}: {q['text']}")
            assert rows[start + 1][0] == "Svar"
            for offset, option in enumerate(q["rows"], start=2):
                line = rows[start + offset]
                assert line[0] == option["label"]
                assert [line[1 + 2 * i] for i in range(len(keys))] == [option["counts"][k] for k in keys]
                for i, k in enumerate(keys):
                    if q["answered"][k]:
                        assert line[2 + 2 * i] == pytest.approx(option["counts"][k] / q["answered"][k])
        assert book[sheet].freeze_panes is not None
        assert book[sheet].cell(4 if sheet else 1, 1).font.bold
    assert calls == sorted(calls) and calls[-1][0] == calls[-1][1] and len(calls) > 5
    lysning = [[c.value for c in row] for row in book["Genomlysning"].iter_rows()]
    assert lysning[3][:4] == ["Hässelby-Vällingby", 167, 32, 135]
    assert lysning[3][4] == pytest.approx(32 / 167)
    assert book["Genomlysning"].cell(4, 5).number_format == "0%"
    codes = {(r[0], r[5]) for r in book["Kodbok"].iter_rows(min_row=2, values_only=True)}
    assert ("barn_gp", "ej_dok") in codes
    gender = [[c.value for c in row] for row in book["Jämställdhet"].iter_rows()]
    start = next(i for i, r in enumerate(gender) if str(r[0]).startswith("barn_gp:"))
    ja = gender[start + 1]
    assert ja[:6] == ["Ja", 3, pytest.approx(3 / 13), 2, pytest.approx(2 / 14),
                      pytest.approx(100 * 3 / 13 - 100 * 2 / 14)]
    book.close()


def test_with_a_limit_every_export_hides_the_same_cells(ctx: AppContext, demo: str, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    set_small_cell_limit(ctx, demo, 3)
    views = load_views(ctx, demo, [("gender", None)])
    analysis, gender_views = load_gender(ctx, demo)
    printed = {q.id: q for q in printed_analysis(analysis, gender_views.mask)}
    ja = next(r for r in printed["barn_gp"].rows if r.label == "Ja")
    assert ja.cells["total"][2] == "<3"  # two boys
    assert ja.cells["total"][0] == ".."  # the three girls would give them back through the total
    assert ja.cells["total"][1] is None and ja.cells["total"][3] is None and ja.cells["total"][4] == ".."
    assert views.mask.option_mark("gender", "barn_gp", "ja", "pojke") == "<3"
    assert "\nJa,..,,<3,,..\n" in gender_csv(analysis, gender_views.mask)
    out = export_tables(ctx, demo, tmp_path / "kon.xlsx", by="gender")
    rows = [[c.value for c in r] for r in load_workbook(out)["Tabeller"].iter_rows()]
    start = next(i for i, r in enumerate(rows) if str(r[0]).startswith("barn_gp:"))
    assert rows[start + 2][:5] == ["Ja", "..", None, "<3", None]  # the same cells as everywhere


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_raw_export_reports_progress(ctx: AppContext, demo: str, tmp_path: Path, suffix: str) -> None:
    from audit_app.services.export import export_raw

    calls: list[tuple[int, int]] = []
    export_raw(ctx, demo, tmp_path / f"raw{suffix}", progress=lambda d, t: calls.append((d, t)))
    assert calls[0][0] == 1 and calls[-1][0] == calls[-1][1] and calls == sorted(calls)
