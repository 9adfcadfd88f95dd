"""The committed template JSON Schema is the one the model generates, and real templates satisfy it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from audit_app.domain.template_loader import load_template_file
from audit_app.domain.template_schema import (
    SCHEMA_DIALECT,
    template_json_schema,
    template_json_schema_text,
)
from audit_app.domain.template_source import read_source

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "schemas" / "template.schema.json"
EXAMPLE = ROOT.parent / "shared" / "examples" / "template.yaml"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "templates"


def _schema_errors(value: Any, schema: dict[str, Any], root: dict[str, Any], at: str = "") -> list[str]:
    """A small validator for the JSON Schema keywords the generated schema uses."""
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        return _schema_errors(value, root["$defs"][name], root, at)
    if "anyOf" in schema:
        options = [_schema_errors(value, s, root, at) for s in schema["anyOf"]]
        return [] if any(not o for o in options) else [f"{at}: no alternative fits"]
    errors: list[str] = []
    kinds = {
        "object": dict, "array": list, "string": str, "boolean": bool, "null": type(None),
        "integer": int, "number": (int, float),
    }  # fmt: skip
    expected = schema.get("type")
    if expected is not None:
        is_bool = isinstance(value, bool)
        if not isinstance(value, kinds[expected]) or (is_bool and expected != "boolean"):
            return [f"{at}: not {expected}"]
    if "const" in schema and value != schema["const"]:
        errors.append(f"{at}: not {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{at}: not one of {schema['enum']}")
    if "pattern" in schema and not re.search(schema["pattern"], value):
        errors.append(f"{at}: does not match {schema['pattern']}")
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        errors += [f"{at}.{k}: missing" for k in schema.get("required", []) if k not in value]
        for key, item in value.items():
            if key in properties:
                errors += _schema_errors(item, properties[key], root, f"{at}.{key}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{at}.{key}: not allowed")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            errors += _schema_errors(item, schema["items"], root, f"{at}[{index}]")
    return errors


def _data(path: Path) -> dict[str, Any]:
    fmt = "json" if path.suffix == ".json" else "yaml"
    return read_source(path.read_text(encoding="utf-8"), fmt).data


def test_committed_schema_equals_the_generated_one() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == template_json_schema_text(), (
        "regenerate: python -m audit_app.domain.template_schema > schemas/template.schema.json"
    )


def test_schema_names_its_dialect_id_and_title() -> None:
    schema = template_json_schema()
    assert schema["$schema"] == SCHEMA_DIALECT
    assert schema["$id"]
    assert schema["title"]
    assert schema["properties"]["format"]["const"] == 1
    assert schema["additionalProperties"] is False


def test_module_entry_prints_the_schema() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "audit_app.domain.template_schema"],
        capture_output=True,
        check=True,
        cwd=ROOT,
    )
    assert done.stdout.decode("utf-8") == template_json_schema_text()


@pytest.mark.parametrize(
    "path", [EXAMPLE, FIXTURES / "valid_full.yaml", FIXTURES / "valid_full.json"], ids=str
)
def test_valid_template_satisfies_the_schema_and_loads(path: Path) -> None:
    schema = template_json_schema()
    assert _schema_errors(_data(path), schema, schema) == []
    assert load_template_file(path).questions


def test_schema_rejects_what_the_loader_rejects() -> None:
    schema = template_json_schema()
    for name in ("bad_identifier.yaml", "unknown_key.yaml", "wrong_type.yaml", "missing_key.yaml"):
        assert _schema_errors(_data(FIXTURES / name), schema, schema), name
