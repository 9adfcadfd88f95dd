"""Migration 0002 (genomlysning): from empty, from 0001 with data present, and back; both engines."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import inspect, text

from audit_app.storage import migrate
from audit_app.storage.engine import make_engine

NOW = dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.UTC)


def _audit(conn) -> None:  # type: ignore[no-untyped-def]
    conn.execute(text(
        "INSERT INTO audit (id, name, template_id, template_version, template_format, template_text, "
        "template_sha256, phase, settings_json, created_at, created_by) VALUES ('a1', 'Granskning', "
        "'t', 1, 'yaml', 'format: 1', 'x', 'review', '{}', :now, 'testare')"), {"now": NOW})


def test_upgrade_from_empty_creates_the_table(engine_url: str) -> None:
    engine = make_engine(engine_url)
    migrate.upgrade(engine, "0002")
    assert "genomlysning" in inspect(engine).get_table_names()
    columns = {c["name"] for c in inspect(engine).get_columns("genomlysning")}
    assert columns == {"id", "audit_id", "unit", "active_cases", "with_plan", "updated_at", "updated_by"}
    engine.dispose()


def test_upgrade_from_0001_keeps_the_data_and_downgrade_removes_only_the_table(engine_url: str) -> None:
    engine = make_engine(engine_url)
    migrate.upgrade(engine, "0001")
    with engine.begin() as conn:
        _audit(conn)
    migrate.upgrade(engine, "0002")
    with engine.begin() as conn:
        assert conn.execute(text("SELECT name FROM audit")).scalar_one() == "Granskning"
        conn.execute(text("INSERT INTO genomlysning (audit_id, unit, active_cases, with_plan, updated_at, "
                          "updated_by) VALUES ('a1', 'hv', 167, 32, :now, 'testare')"), {"now": NOW})
    with pytest.raises(Exception), engine.begin() as conn:  # noqa: B017 (driver-specific error)
        conn.execute(text("INSERT INTO genomlysning (audit_id, unit, active_cases, with_plan, "
                          "updated_at, updated_by) VALUES ('a1', 'kh', 5, 6, :now, 'x')"), {"now": NOW})
    with pytest.raises(Exception), engine.begin() as conn:  # noqa: B017 (one row per unit)
        conn.execute(text("INSERT INTO genomlysning (audit_id, unit, active_cases, with_plan, "
                          "updated_at, updated_by) VALUES ('a1', 'hv', 5, 1, :now, 'x')"), {"now": NOW})
    migrate.upgrade(engine)  # on to the newest schema with the figures in place
    with engine.begin() as conn:
        assert conn.execute(text("SELECT active_cases FROM genomlysning")).scalar_one() == 167
    migrate.downgrade(engine, "0001")
    assert "genomlysning" not in inspect(engine).get_table_names()
    with engine.begin() as conn:
        assert conn.execute(text("SELECT name FROM audit")).scalar_one() == "Granskning"
    migrate.upgrade(engine)
    assert "genomlysning" in inspect(engine).get_table_names()
    engine.dispose()
