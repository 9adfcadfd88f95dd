"""`audit-app demo` builds 002's audit and its tables reproduce every figure 002 publishes."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest
from ruamel.yaml import YAML

from audit_app.services.demo import DEMO_NAME
from audit_app.services.resources import DEMO_DIR

FIGURES = YAML(typ="safe").load((DEMO_DIR / "expected_figures.yaml").read_text(encoding="utf-8"))


def _figure_id(figure: dict[str, Any]) -> str:
    return (f"{figure['question'] or 'cases'}:{figure['option'] or figure.get('measure', '')}"
            f"@{figure['by'] or '-'}/{figure['column']}")


@pytest.fixture(scope="module")
def demo_tables(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The demo's tables for every breakdown the figures use, made once through the CLI."""
    import io
    import json
    from contextlib import redirect_stderr, redirect_stdout

    from audit_app.cli import main

    data_dir = str(tmp_path_factory.mktemp("demo"))

    def run(*args: str) -> tuple[int, str]:
        out = io.StringIO()
        with redirect_stdout(out), redirect_stderr(io.StringIO()):
            code = main(["--data-dir", data_dir, *args])
        return code, out.getvalue()

    code, printed = run("demo")
    assert code == 0
    second_code, _ = run("demo")
    assert second_code == 0, "running the demo a second time must work too"

    @cache
    def tables(by: str | None) -> dict[str, Any]:
        code, out = run("tables", DEMO_NAME, *(["--by", by] if by else []), "--format", "json")
        assert code == 0
        return dict(json.loads(out))

    tables.printed = printed  # type: ignore[attr-defined]
    return tables


def test_demo_prints_tables_by_unit_with_the_three_districts(demo_tables) -> None:  # type: ignore[no-untyped-def]
    printed = demo_tables.printed
    for label in ("Hässelby-Vällingby", "Kungsholmen", "Skarpnäck", "Totalt"):
        assert label in printed
    assert "Ärenden: 36" in printed


def test_running_the_demo_twice_keeps_one_audit_of_36_cases(demo_tables) -> None:  # type: ignore[no-untyped-def]
    assert demo_tables(None)["cases"] == {"total": 36}
    assert demo_tables(None)["excluded"] == 0


@pytest.mark.parametrize("figure", FIGURES, ids=[_figure_id(f) for f in FIGURES])
def test_demo_reproduces_published_figure(demo_tables, figure: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    tables = demo_tables(figure["by"])
    column = figure["column"]
    if figure["question"] is None:
        actual = tables["cases"][column]
    else:
        question = next(q for q in tables["questions"] if q["id"] == figure["question"])
        if figure["option"] is not None:
            actual = next(r for r in question["rows"] if r["code"] == figure["option"])["counts"][column]
        else:
            measure = figure.get("measure", "answered")
            if measure in ("answered", "applicable", "missing", "unresolved"):
                actual = question[measure][column]
            else:
                actual = question["stats"][column][measure]
    compare = figure.get("compare", "eq")
    expected = figure["count"]
    ok = {"eq": actual == expected, "le": actual <= expected, "ge": actual >= expected}[compare]
    assert ok, f"{figure['source']}: got {actual}, expected {compare} {expected}"
