"""The shared five-case example gives exactly the hand-counted tables through the command line."""

from __future__ import annotations

import json
from pathlib import Path


def _expected(example_dir: Path, name: str) -> dict:
    data = json.loads((example_dir / name).read_text(encoding="utf-8"))
    return data


def _setup(cli, example_dir: Path) -> str:  # type: ignore[no-untyped-def]
    created = cli("audit", "create", "--template",
                  str(example_dir / "template.yaml"), "--name", "Exempel")
    assert created.code == 0, created.err
    audit_id = created.out.strip()
    assert cli("cases", "import", audit_id, str(example_dir / "cases.csv")).code == 0
    result = cli("answers", "import", audit_id, str(example_dir / "answers.csv"))
    assert result.code == 0, result.err
    return audit_id


def test_audit_create_prints_only_the_new_id(cli, example_dir: Path) -> None:
    result = cli("audit", "create", "--template", str(example_dir / "template.yaml"),
                 "--name", "Exempel")
    assert result.code == 0
    lines = result.out.splitlines()
    assert len(lines) == 1 and len(lines[0]) >= 8 and " " not in lines[0]


def test_tables_by_unit_match_the_hand_counted_example(cli, example_dir: Path) -> None:
    audit_id = _setup(cli, example_dir)
    result = cli("tables", audit_id, "--by", "unit", "--format", "json")
    assert result.code == 0, result.err
    tables = result.json()
    expected = _expected(example_dir, "tables_by_unit.json")
    assert tables["audit"]["id"] == audit_id
    tables["audit"]["id"] = None
    assert tables == expected


def test_consensus_resolves_disagreement_and_changes_applicability(cli, example_dir: Path) -> None:
    audit_id = _setup(cli, example_dir)
    result = cli("answers", "import", audit_id, str(example_dir / "consensus.csv"), "--consensus")
    assert result.code == 0, result.err
    for name, by in (("tables_by_unit_after_consensus.json", ["--by", "unit"]),
                     ("tables_after_consensus.json", [])):
        tables = cli("tables", "Exempel", *by).json()
        tables["audit"]["id"] = None
        assert tables == _expected(example_dir, name), name


def test_importing_the_same_files_twice_changes_nothing(cli, example_dir: Path) -> None:
    audit_id = _setup(cli, example_dir)
    before = cli("tables", audit_id, "--by", "unit").json()
    assert cli("cases", "import", audit_id, str(example_dir / "cases.csv")).code == 0
    again = cli("answers", "import", audit_id, str(example_dir / "answers.csv"))
    assert again.code == 0 and "0 new, 0 changed" in again.err
    assert cli("tables", audit_id, "--by", "unit").json() == before


def test_audit_list_json_has_the_contract_keys(cli, example_dir: Path) -> None:
    audit_id = _setup(cli, example_dir)
    listed = cli("audit", "list", "--format", "json").json()
    assert listed == [{"id": audit_id, "name": "Exempel", "template": "exempel", "version": 1,
                       "cases": 5}]
