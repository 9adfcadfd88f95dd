"""Tables as CSV and XLSX show the JSON's numbers; raw exports hold cases, answers and the log."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest


@pytest.fixture
def audit(cli, example_dir: Path) -> str:  # type: ignore[no-untyped-def]
    """The example audit with cases and answers."""
    audit_id = cli("audit", "create", "--template", str(example_dir / "template.yaml"),
                   "--name", "Exempel").out.strip()
    cli("cases", "import", audit_id, str(example_dir / "cases.csv"))
    cli("answers", "import", audit_id, str(example_dir / "answers.csv"))
    return audit_id


def test_csv_tables_have_a_block_per_question_with_the_json_counts(cli, audit: str) -> None:  # type: ignore[no-untyped-def]
    tables = cli("tables", audit, "--by", "unit").json()
    rows = list(csv.reader(cli("tables", audit, "--by", "unit", "--format", "csv").out.splitlines()))
    for question in tables["questions"]:
        start = next(i for i, r in enumerate(rows) if r[:1] == [question["id"]])
        for offset, option in enumerate(question["rows"], start=2):
            line = rows[start + offset]
            assert line[0] == option["label"]
            counts = [int(line[1 + 2 * i]) for i in range(len(tables["columns"]) + 1)]
            assert counts == [option["counts"][c["code"]] for c in tables["columns"]] + [
                option["counts"]["total"]]


def test_csv_percentages_are_of_answered(cli, audit: str) -> None:  # type: ignore[no-untyped-def]
    rows = list(csv.reader(cli("tables", audit, "--format", "csv").out.splitlines()))
    start = next(i for i, r in enumerate(rows) if r[:1] == ["gp_finns"])
    ja = rows[start + 2]
    assert ja[0] == "Ja" and ja[1] == "2" and ja[2] == "66.7"  # 2 of 3 answered


def test_xlsx_tables_and_codebook(cli, audit: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    out = tmp_path / "t.xlsx"
    assert cli("tables", audit, "--by", "unit", "--format", "xlsx", "--out", str(out)).code == 0
    book = load_workbook(out)
    assert book.sheetnames == ["Tabeller", "Kodbok"]
    values = [[c.value for c in row] for row in book["Tabeller"].iter_rows()]
    start = next(i for i, r in enumerate(values) if r[0] and str(r[0]).startswith("skal:"))
    assert values[start + 2][:2] == ["Våld", 1]
    codes = {(r[0], r[5]) for r in book["Kodbok"].iter_rows(min_row=2, values_only=True)}
    assert ("gp_finns", "ej_dok") in codes
    book.close()


def test_xlsx_without_out_is_rejected(cli, audit: str) -> None:  # type: ignore[no-untyped-def]
    assert cli("tables", audit, "--format", "xlsx").code == 2


@pytest.mark.parametrize("suffix", [".json", ".csv", ".xlsx"])
def test_export_writes_final_answers_per_case(cli, audit: str, tmp_path: Path, suffix: str) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / f"raw{suffix}"
    assert cli("export", audit, "--out", str(out)).code == 0
    if suffix == ".json":
        data = json.loads(out.read_text(encoding="utf-8"))
        cases = {c["case"]: c for c in data["cases"]}
        assert cases["A3"]["gp_finns"] == "" and cases["A3"]["gp_finns__status"] == "unresolved"
        assert cases["A1"]["skal"] == "vald|npf" and cases["A1"]["age_group"] == "a0_3"
        assert len(data["answers"]) == 16
        assert sum(1 for c in data["changes"] if c["action"] == "answer-set") == 16
    elif suffix == ".csv":
        rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
        assert [r["case"] for r in rows] == ["A1", "A2", "A3", "A4", "A5"]
        assert rows[4]["excluded_reason"] == "Akten saknas"
    else:
        from openpyxl import load_workbook

        book = load_workbook(out)
        assert book.sheetnames == ["Ärenden", "Svar per granskare", "Ändringslogg"]
        book.close()


def test_export_to_an_unknown_format_is_rejected(cli, audit: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("export", audit, "--out", str(tmp_path / "x.pdf")).code == 2
