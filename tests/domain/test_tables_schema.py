"""schemas/tables.schema.json is generated from the model, and real output fits the model."""

from __future__ import annotations

import json
from pathlib import Path

from audit_app.domain.tables_schema import TablesOut, tables_json_schema

SCHEMA = Path(__file__).resolve().parents[2] / "schemas" / "tables.schema.json"


def test_committed_schema_equals_the_generated_one() -> None:
    assert json.loads(SCHEMA.read_text(encoding="utf-8")) == tables_json_schema()


def test_hand_counted_example_outputs_fit_the_model(example_dir: Path) -> None:
    for name in ("tables_by_unit.json", "tables_after_consensus.json",
                 "tables_by_unit_after_consensus.json"):
        TablesOut.model_validate(json.loads((example_dir / name).read_text(encoding="utf-8")))


def test_the_programs_output_fits_the_model(cli, example_dir: Path) -> None:  # type: ignore[no-untyped-def]
    audit = cli("audit", "create", "--template", str(example_dir / "template.yaml"),
                "--name", "E").out.strip()
    cli("cases", "import", audit, str(example_dir / "cases.csv"))
    cli("answers", "import", audit, str(example_dir / "answers.csv"))
    for by in ([], ["--by", "unit"], ["--by", "age_group"], ["--by", "gp_finns"]):
        TablesOut.model_validate(cli("tables", audit, *by).json())
