"""The layering of DESIGN section 1: domain imports nothing of the others, nor Qt, DB or PDF code."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "audit_app"

FORBIDDEN = {
    "domain": ("PySide6", "sqlmodel", "sqlalchemy", "alembic", "reportlab", "openpyxl",
               "audit_app.storage", "audit_app.services", "audit_app.report", "audit_app.gui",
               "audit_app.cli", "audit_app.commands"),
    "storage": ("PySide6", "reportlab", "audit_app.services", "audit_app.report", "audit_app.gui",
                "audit_app.cli", "audit_app.commands"),
    "report": ("PySide6", "sqlmodel", "sqlalchemy", "audit_app.storage", "audit_app.services",
               "audit_app.gui", "audit_app.cli", "audit_app.commands"),
    "services": ("PySide6", "audit_app.gui", "audit_app.cli", "audit_app.commands"),
}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_only_what_it_may(layer: str) -> None:
    offenders = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for name in _imports(path):
            if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN[layer]):
                offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert offenders == []


def test_every_module_starts_with_a_docstring() -> None:
    missing = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
               if ast.get_docstring(ast.parse(p.read_text(encoding="utf-8"))) is None]
    assert missing == []
