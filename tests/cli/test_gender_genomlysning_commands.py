"""The commands of the gender analysis, two-way tables, settings, genomlysning, charts and workbook.

Run on the demo audit, in-process; the JSON of the commands is the services' output.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from audit_app.services.context import AppContext
from audit_app.services.gender import audit_gender_analysis
from audit_app.services.table_views import audit_cross_tables
from audit_app.services.tables import audit_tables

DEMO = "Demo: Öppenvård barn 0-12 år"


@pytest.fixture
def demo(cli) -> str:  # type: ignore[no-untyped-def]
    """The demo audit, created through the command line."""
    assert cli("demo").code == 0
    return DEMO


@pytest.fixture
def ctx(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A context on the CLI's data directory."""
    context = AppContext.from_options(data_dir=tmp_path / "data", actor="testare")
    yield context
    context.close()


def test_services_and_the_json_commands_agree_for_every_breakdown(cli, demo: str, ctx) -> None:  # type: ignore[no-untyped-def]
    for by in (None, "unit", "gender", "age_group", "status", "barn_gp"):
        args = ["tables", demo] + (["--by", by] if by else [])
        assert cli(*args).json() == audit_tables(ctx, demo, by=by)
    assert cli("tables", demo, "--by", "unit", "--by2", "gender").json() == \
        audit_cross_tables(ctx, demo, "unit", "gender")
    assert cli("gender", demo, "--within", "unit").json() == audit_gender_analysis(ctx, demo, "unit")


def test_small_cell_limit_setting_leaves_the_json_raw(cli, demo: str) -> None:  # type: ignore[no-untyped-def]
    raw = cli("tables", demo, "--by", "gender").out
    assert cli("audit", "set", demo, "small_cell_limit", "3").code == 0
    assert cli("audit", "get", demo, "small_cell_limit").out.strip() == "3"
    assert cli("tables", demo, "--by", "gender").out == raw
    csv_text = cli("tables", demo, "--by", "gender", "--format", "csv").out
    assert "<3" in csv_text and "Små tal" in csv_text
    assert "<3" in cli("gender", demo, "--format", "csv").out
    assert cli("audit", "set", demo, "small_cell_limit", "2").code == 2
    assert cli("audit", "set", demo, "small_cell_limit", "none").code == 0
    assert json.loads(cli("audit", "get", demo).out)["small_cell_limit"] is None
    assert "<3" not in cli("tables", demo, "--by", "gender", "--format", "csv").out
    assert cli("audit", "set", demo, "colour", "blå").code == 2


def test_gender_command_formats(cli, demo: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    text = cli("gender", demo, "--within", "unit", "--format", "text").out
    assert "barn_gp: Har barnet varit delaktigt i genomförandeplanen?" in text and "Skarpnäck" in text
    rows = cli("gender", demo, "--format", "csv").out.splitlines()
    start = next(i for i, r in enumerate(rows) if r.startswith("barn_gp,"))
    assert rows[start + 2].startswith("Ja,3,23.1,2,14.3,+8.8")
    out = tmp_path / "kon.xlsx"
    assert cli("gender", demo, "--within", "unit", "--format", "xlsx", "--out", str(out)).code == 0
    assert load_workbook(out).sheetnames == ["Jämställdhet"]
    assert cli("gender", demo, "--format", "xlsx").code == 2
    assert cli("gender", demo, "--within", "age").code == 2  # a number field is no breakdown


def test_genomlysning_commands(cli, demo: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("genomlysning", demo, "set", "hv", "167", "32").code == 0
    bad = tmp_path / "bad.csv"
    bad.write_text("unit,active_cases,with_plan\nkh,46,47\nxx,1,1\n", encoding="utf-8")
    result = cli("genomlysning", demo, "import", str(bad))
    assert result.code == 2
    assert result.err.splitlines() == [
        f"{bad}:2: error[out-of-range]: column 'with_plan': 47 is more than active_cases (46)",
        f"{bad}:3: error[unknown-unit]: column 'unit': 'xx' is not a unit of this audit (hv, kh, sk)"]
    good = tmp_path / "g.csv"
    good.write_text("unit,active_cases,with_plan\nkh,46,23\nsk,69,20\n", encoding="utf-8")
    assert cli("genomlysning", demo, "import", str(good)).code == 0
    table = cli("genomlysning", demo, "show", "--format", "json").json()
    assert [(r["code"], r["active_cases"], r["with_plan"]) for r in table["rows"]] == [  # type: ignore[index]
        ("hv", 167, 32), ("kh", 46, 23), ("sk", 69, 20)]
    shown = cli("genomlysning", demo, "show").out
    assert "Kungsholmen" in shown and "50 %" in shown and "19 %" in shown
    last = cli("genomlysning", demo, "show", "--format", "csv").out.splitlines()[-1]
    assert last == "Totalt,282,75,207,26.6"
    assert cli("genomlysning", demo, "set", "hv", "5", "6").code == 2
    assert cli("genomlysning", demo, "clear", "hv").code == 0
    assert len(cli("genomlysning", demo, "show", "--format", "json").json()["rows"]) == 2  # type: ignore[index]


def test_chart_and_workbook_commands(cli, demo: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    assert cli("chart", demo, "barn_gp", "--by", "gender", "--out", str(tmp_path / "c.png")).code == 0
    assert (tmp_path / "c.png").read_bytes()[:4] == b"\x89PNG"
    assert cli("chart", demo, "barn_gp", "--by", "unit", "--by2", "gender",
               "--out", str(tmp_path / "c.svg")).code == 0
    assert "Kungsholmen – Flicka" in (tmp_path / "c.svg").read_text(encoding="utf-8")
    assert cli("chart", demo, "barn_gp", "--out", str(tmp_path / "c.gif")).code == 2
    out = tmp_path / "alla.xlsx"
    assert cli("tables", demo, "--format", "xlsx", "--out", str(out)).code == 0
    assert load_workbook(out).sheetnames == ["Totalt", "Stadsdelsförvaltning", "Kön", "Åldersgrupp",
                                             "Jämställdhet", "Kodbok"]
    one = tmp_path / "en.xlsx"
    assert cli("tables", demo, "--by", "unit", "--by2", "gender", "--format", "xlsx",
               "--out", str(one)).code == 0
    assert load_workbook(one).sheetnames == ["Tabeller", "Kodbok"]


def test_workbook_for_a_template_whose_gender_does_not_stratify(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    audit_id = cli("audit", "create", "--template", "kollegial_familj", "--name", "Kollegial").out.strip()
    for limit in ("none", "3"):
        assert cli("audit", "set", audit_id, "small_cell_limit", limit).code == 0
        out = tmp_path / f"k{limit}.xlsx"
        assert cli("tables", audit_id, "--format", "xlsx", "--out", str(out)).code == 0
        names = load_workbook(out).sheetnames
        assert names[0] == "Totalt" and names[-2:] == ["Jämställdhet", "Kodbok"]
