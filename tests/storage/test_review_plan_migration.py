"""Migration 0003 (review plan): from empty, from 0002 with data present, and back, on both engines."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import inspect, text

from audit_app.storage import migrate
from audit_app.storage.engine import make_engine

PLAN_TABLES = {"review_plan", "review_assignment"}
NOW = dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.UTC)


def _version(engine) -> str:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        return str(conn.execute(text("SELECT version_num FROM alembic_version")).scalar())


def _fill_0002(engine) -> None:  # type: ignore[no-untyped-def]
    """An audit with a case, an answer, a consensus answer, a log entry and genomlysning figures."""
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO audit (id, name, template_id, template_version, template_format, "
            "template_text, template_sha256, phase, settings_json, created_at, created_by) "
            "VALUES ('a1', 'Granskning 2024', 'barns_delaktighet', 1, 'yaml', 'format: 1', "
            "'0', 'review', '{}', :now, 'lena')"), {"now": NOW})
        conn.execute(text(
            "INSERT INTO audit_case (id, audit_id, label, fields_json, created_at, updated_at) "
            "VALUES (1, 'a1', 'K1', '{}', :now, :now)"), {"now": NOW})
        conn.execute(text(
            "INSERT INTO answer (audit_id, case_id, question_id, reviewer, value, updated_at) "
            "VALUES ('a1', 1, 'q', 'anna', 'ja', :now)"), {"now": NOW})
        conn.execute(text(
            "INSERT INTO consensus_answer (audit_id, case_id, question_id, value, decided_by, "
            "updated_at) VALUES ('a1', 1, 'q', 'ja', 'lena', :now)"), {"now": NOW})
        conn.execute(text(
            "INSERT INTO change_log (at, actor, audit_id, action) VALUES (:now, 'lena', 'a1', "
            "'audit-created')"), {"now": NOW})
        conn.execute(text(
            "INSERT INTO genomlysning (audit_id, unit, active_cases, with_plan, updated_at, "
            "updated_by) VALUES ('a1', 'hv', 10, 7, :now, 'lena')"), {"now": NOW})


def _counts(engine) -> dict[str, int]:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        return {t: int(conn.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar() or 0)
                for t in ("audit", "audit_case", "answer", "consensus_answer", "change_log",
                          "genomlysning")}


def test_upgrade_from_empty_creates_the_plan_tables(engine_url: str) -> None:
    engine = make_engine(engine_url)
    migrate.upgrade(engine, "0003")
    assert _version(engine) == "0003"
    assert set(inspect(engine).get_table_names()) >= PLAN_TABLES
    uniques = inspect(engine).get_unique_constraints("review_assignment")
    assert [u["column_names"] for u in uniques] == [["case_id", "reviewer"]]
    engine.dispose()


def test_upgrade_from_0002_keeps_the_data_and_downgrade_drops_only_the_plan(
        engine_url: str) -> None:
    engine = make_engine(engine_url)
    migrate.upgrade(engine, "0002")
    assert not set(inspect(engine).get_table_names()) & PLAN_TABLES
    _fill_0002(engine)
    before = _counts(engine)
    migrate.upgrade(engine, "0003")
    assert _version(engine) == "0003" and _counts(engine) == before
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO review_plan (audit_id, reviewers_json, double_share, raters, seed, "
            "strata_json, created_by, updated_at) VALUES ('a1', '[\"anna\", \"bo\"]', 0.2, 2, "
            "4294967296, '[]', 'lena', :now)"), {"now": NOW})
        conn.execute(text(
            "INSERT INTO review_assignment (audit_id, case_id, reviewer, position, double, "
            "assigned_at) VALUES ('a1', 1, 'anna', 0, :t, :now)"), {"now": NOW, "t": True})
        assert conn.execute(text("SELECT seed FROM review_plan")).scalar() == 4294967296
    migrate.downgrade(engine, "0002")
    assert _version(engine) == "0002"
    assert not set(inspect(engine).get_table_names()) & PLAN_TABLES
    assert _counts(engine) == before
    migrate.upgrade(engine)
    assert _counts(engine) == before
    with engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM review_assignment")).scalar() == 0
    engine.dispose()
