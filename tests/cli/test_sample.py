"""`audit-app sample` draws 002's sample from a population file, ready for `cases import`."""

from __future__ import annotations

import csv
from pathlib import Path


def test_sample_writes_an_importable_cases_file_and_reserves(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    population = tmp_path / "population.csv"
    with population.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["case", "unit", "gender", "age", "status"])
        for i in range(120):
            writer.writerow([f"P{i:03d}", ("hv", "kh", "sk")[i % 3],
                             ("flicka", "pojke")[(i // 3) % 2], i % 13, "avslutad"])
    out = tmp_path / "urval.csv"
    result = cli("sample", str(population), "--strata", "unit,gender", "--per-stratum", "6",
                 "--seed", "2024", "--reserves", "2", "--out", str(out))
    assert result.code == 0, result.err
    assert "Urval: 36 ärenden" in result.out
    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    assert len(rows) == 36
    reserves = (tmp_path / "urval_reserver.csv").read_text(encoding="utf-8").splitlines()
    assert len(list(csv.DictReader(reserves))) == 12
    audit = cli("audit", "create", "--template", "oppenvard_barn", "--name", "Urval").out.strip()
    imported = cli("cases", "import", audit, str(out))
    assert imported.code == 0, imported.err
    assert cli("tables", audit, "--by", "unit").json()["cases"] == {
        "hv": 12, "kh": 12, "sk": 12, "total": 36}


def test_sample_without_the_strata_column_is_rejected(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    population = tmp_path / "p.csv"
    population.write_text("case,unit\nA,hv\n", encoding="utf-8")
    result = cli("sample", str(population), "--strata", "unit,gender", "--per-stratum", "1",
                 "--seed", "1", "--out", str(tmp_path / "o.csv"))
    assert result.code == 2 and f"{population}:1: error[missing-column]" in result.err
