"""The colleague review on the command line: plan, phase, reconcile and compare on the shared example.

Reconciling A3's gp_finns through 'reconcile decide' must give exactly the hand-counted tables
that importing consensus.csv gives (tables_after_consensus.json).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

PIN = "19121212-1212"  # Skatteverket's published test number


def _setup(cli, example_dir: Path, name: str = "Exempel") -> str:  # type: ignore[no-untyped-def]
    created = cli("audit", "create", "--template", str(example_dir / "template.yaml"),
                  "--name", name)
    assert created.code == 0, created.err
    audit_id = str(created.out.strip())
    assert cli("cases", "import", audit_id, str(example_dir / "cases.csv")).code == 0
    assert cli("answers", "import", audit_id, str(example_dir / "answers.csv")).code == 0
    return audit_id


def test_plan_assign_and_show(cli, example_dir: Path) -> None:  # type: ignore[no-untyped-def]
    _setup(cli, example_dir)
    result = cli("plan", "Exempel", "assign", "--reviewers", "anna,bo", "--double-share", "50%",
                 "--strata", "unit", "--seed", "7")
    assert result.code == 0, result.err
    assert "4 cases, 2 double-reviewed" in result.err
    plan = cli("plan", "Exempel", "show", "--format", "json").json()
    assert plan["plan"]["seed"] == 7 and plan["plan"]["double_share"] == 0.5
    assert sorted(c["stratum"]["unit"] for c in plan["cases"] if c["double"]) == ["norr", "soder"]
    rows = list(csv.DictReader(io.StringIO(cli("plan", "Exempel", "show", "--format", "csv").out)))
    assert list(rows[0]) == ["case", "unit", "reviewer", "position", "double", "answered",
                             "complete"]
    assert len(rows) == 6
    text = cli("plan", "Exempel", "show").out
    assert "Dubbelgranskning: 50% per stratum av 2 granskare, frö 7, strata: unit" in text
    again = cli("plan", "Exempel", "assign", "--reviewers", "bo,anna", "--double-share", "0,5",
                "--strata", "unit", "--seed", "7")
    assert "0 assignments added, 0 removed, 0 changed" in again.err


def test_bad_plans_exit_2(cli, example_dir: Path) -> None:  # type: ignore[no-untyped-def]
    _setup(cli, example_dir)
    for args in (["--double-share", "0.2"], ["--double-share", "mycket", "--seed", "1"],
                 ["--double-share", "0.2", "--double-all", "--seed", "1"],
                 ["--double-all", "--raters", "3"], ["--strata", "age"]):
        result = cli("plan", "Exempel", "assign", "--reviewers", "anna,bo", *args)
        assert result.code == 2, args
    assert cli("plan", "Exempel", "show", "--format", "json").json()["plan"] is None
    assert cli("plan", "finns-inte", "show").code == 2


def test_reconcile_waits_for_the_phase_then_decides_as_the_consensus_file_does(
        cli, example_dir: Path) -> None:  # type: ignore[no-untyped-def]
    _setup(cli, example_dir)
    assert cli("audit", "phase", "Exempel").out.strip() == "review"
    blinded = cli("reconcile", "Exempel", "list")
    assert blinded.code == 2 and "audit phase 'Exempel' reconcile" in blinded.err
    changed = cli("audit", "phase", "Exempel", "reconcile", "--reason", "alla har granskat")
    assert changed.code == 0 and changed.out.strip() == "review -> reconcile"
    listing = cli("reconcile", "Exempel", "list", "--format", "json").json()
    assert [(d["case"], d["question"]) for d in listing["disagreements"]] == [("A3", "gp_finns")]
    assert [(a["reviewer"], a["value"]) for a in listing["disagreements"][0]["answers"]] == [
        ("Granskare 1", "ja"), ("Granskare 2", "nej")]
    named = cli("reconcile", "Exempel", "list", "--unblind", "--format", "csv").out
    assert named.splitlines()[0].startswith("case,question,text,status,anna,anna kommentar,bo")
    refused = cli("reconcile", "Exempel", "decide", "A3", "gp_finns", "ja", "--rationale",
                  f"se {PIN}")
    assert refused.code == 2
    decided = cli("reconcile", "Exempel", "decide", "A3", "gp_finns", "Ja", "--rationale",
                  "Planen finns i akten, daterad")
    assert decided.code == 0, decided.err
    assert decided.out.strip() == "A3 gp_finns = Ja (consensus recorded)"
    tables = cli("tables", "Exempel").json()
    tables["audit"]["id"] = None
    expected = json.loads((example_dir / "tables_after_consensus.json").read_text("utf-8"))
    assert tables == expected
    assert "0 oenigheter, 1 avgjorda" in cli("reconcile", "Exempel", "list", "--all").out
    assert cli("reconcile", "Exempel", "decide", "A3", "barn_gp", "kanske",
               "--rationale", "r").code == 2
    assert cli("audit", "phase", "Exempel", "avslutad").code == 2


def test_compare_two_years(cli, example_dir: Path) -> None:  # type: ignore[no-untyped-def]
    _setup(cli, example_dir, "Exempel 2023")
    _setup(cli, example_dir, "Exempel 2024")
    cli("answers", "import", "Exempel 2024", str(example_dir / "consensus.csv"), "--consensus")
    result = cli("compare", "Exempel 2024", "Exempel 2023", "--by", "unit")
    assert result.code == 0, result.err
    data = result.json()
    assert [c["code"] for c in data["columns"]] == ["norr", "soder"]
    gp = data["questions"][0]
    assert gp["answered"] == {"this": {"norr": 2, "soder": 2, "total": 4},
                              "last": {"norr": 2, "soder": 1, "total": 3}}
    assert gp["rows"][0]["difference_pp"]["soder"] == 50.0 - 0.0
    assert gp["agreement"]["this"]["total"]["units"] == 1 and data["warnings"] == []
    rows = list(csv.DictReader(io.StringIO(cli("compare", "Exempel 2024", "Exempel 2023",
                                               "--format", "csv").out)))
    assert {r["column"] for r in rows} == {"total"}
    assert cli("compare", "Exempel 2024", "Exempel 2023", "--by", "age").code == 2
    assert cli("compare", "Exempel 2024", "finns-inte").code == 2
