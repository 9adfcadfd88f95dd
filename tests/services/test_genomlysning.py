"""Genomlysning (002): enter, import and show each unit's active cases and plans; all changes logged."""

from __future__ import annotations

from pathlib import Path

import pytest

from audit_app.domain.diagnostics import InputRejected, InvalidInput
from audit_app.services.audit_settings import set_small_cell_limit
from audit_app.services.context import AppContext
from audit_app.services.demo import create_demo
from audit_app.services.genomlysning import (
    audit_genomlysning,
    clear_genomlysning,
    genomlysning_csv,
    genomlysning_data,
    import_genomlysning,
    set_genomlysning,
)

#: 002: 167, 46 and 69 active cases; plans in 19-50 % of them.
SEED = "unit,active_cases,with_plan\nHässelby-Vällingby,167,32\nkh,46,23\nsk,69,20\n"


@pytest.fixture
def demo(ctx: AppContext) -> str:
    """The demo audit's id."""
    return create_demo(ctx)


def _changes(ctx: AppContext, audit_id: str) -> list[tuple[str, str | None, str | None]]:
    with ctx.db.unit_of_work() as repo:
        return [(c.action, c.old_value, c.new_value) for c in repo.changes(audit_id)
                if c.action.startswith("genomlysning")]


def test_import_gives_the_table_with_shares(ctx: AppContext, demo: str, tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text(SEED, encoding="utf-8")
    result = import_genomlysning(ctx, demo, path)
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    table = audit_genomlysning(ctx, demo)
    assert [(r["code"], r["active_cases"], r["with_plan"], r["without_plan"]) for r in table["rows"]] == [
        ("hv", 167, 32, 135), ("kh", 46, 23, 23), ("sk", 69, 20, 49)]
    shares = [r["percent"] for r in table["rows"]]
    assert shares[0] == pytest.approx(100 * 32 / 167) and shares[1] == pytest.approx(50.0)
    assert all(19 <= s <= 50 for s in shares)
    assert table["total"]["active_cases"] == 167 + 46 + 69 == 282
    assert table["total"]["percent"] == pytest.approx(100 * 75 / 282)
    assert table["unit_field"] == {"id": "unit", "label": "Stadsdelsförvaltning"}
    again = import_genomlysning(ctx, demo, path)  # the same file twice changes nothing
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert len(_changes(ctx, demo)) == 3


def test_entered_changed_and_cleared_figures_are_logged(ctx: AppContext, demo: str) -> None:
    set_genomlysning(ctx, demo, "hv", "167", "30")
    set_genomlysning(ctx, demo, "Hässelby-Vällingby", 167, 32)
    set_genomlysning(ctx, demo, "hv", 167, 32)  # unchanged: not logged
    assert clear_genomlysning(ctx, demo, "hv")
    assert not clear_genomlysning(ctx, demo, "hv")
    actions = _changes(ctx, demo)
    assert [a for a, _, _ in actions] == ["genomlysning-set", "genomlysning-changed", "genomlysning-cleared"]
    assert '"with_plan": 30' in (actions[1][1] or "") and '"with_plan": 32' in (actions[1][2] or "")
    assert audit_genomlysning(ctx, demo)["rows"] == []


@pytest.mark.parametrize(("unit", "active", "plans", "code"), [
    ("xx", "5", "1", "unknown-unit"), ("hv", "5", "6", "out-of-range"), ("hv", "-1", "0", "out-of-range"),
    ("hv", "2,5", "1", "invalid-number"), ("hv", "", "1", "empty-value")])
def test_bad_figures_are_rejected(ctx: AppContext, demo: str, unit: str, active: str, plans: str,
                                  code: str) -> None:
    with pytest.raises(InputRejected, match=code):
        set_genomlysning(ctx, demo, unit, active, plans)
    assert audit_genomlysning(ctx, demo)["rows"] == []


def test_a_bad_file_writes_nothing_and_lists_every_error(ctx: AppContext, demo: str, tmp_path: Path) -> None:
    set_genomlysning(ctx, demo, "sk", 69, 20)
    path = tmp_path / "bad.csv"
    path.write_text("unit;active_cases;with_plan\nhv;167;32\nxx;5;1\nkh;46;47\nhv;1;0\nsk;6,5;1\n",
                    encoding="utf-8")
    with pytest.raises(InvalidInput) as info:
        import_genomlysning(ctx, demo, path)
    assert [(d.line, d.code) for d in info.value.diagnostics] == [
        (3, "unknown-unit"), (4, "out-of-range"), (5, "duplicate-row"), (6, "invalid-number")]
    table = audit_genomlysning(ctx, demo)
    assert [(r["code"], r["active_cases"]) for r in table["rows"]] == [("sk", 69)]


def test_csv_hides_small_counts_but_the_json_stays_raw(ctx: AppContext, demo: str) -> None:
    set_genomlysning(ctx, demo, "hv", 167, 2)
    set_genomlysning(ctx, demo, "kh", 46, 23)
    set_small_cell_limit(ctx, demo, 3)
    table, limit = genomlysning_data(ctx, demo)
    assert limit == 3 and table["rows"][0]["with_plan"] == 2
    lines = genomlysning_csv(table, limit).splitlines()
    assert lines[3].startswith("Hässelby-Vällingby,167,<3,..,")  # 167 - 165 would give the 2 back
    assert lines[3].endswith(",")  # no share next to a hidden count
    assert lines[4] == "Kungsholmen,46,23,23,50.0"
