"""Migration 0004 (change-log checksums): existing entries backfilled, new ones sealed, both engines."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import inspect, text

from audit_app.domain.change_checksum import change_checksum
from audit_app.storage import migrate
from audit_app.storage.engine import make_engine

NOW = dt.datetime(2026, 12, 4, 12, 30, 15, 123456, tzinfo=dt.UTC)


def test_upgrade_backfills_every_entry_and_downgrade_drops_only_the_column(engine_url: str) -> None:
    engine = make_engine(engine_url)
    migrate.upgrade(engine, "0003")
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO change_log (at, actor, audit_id, case_label, question_id, reviewer, action, "
            "old_value, new_value, reason) VALUES (:now, 'lena', 'a1', 'K1', 'q', 'anna', "
            "'answer-changed', 'ja', 'nej', 'Åtgärdat')"), {"now": NOW})
        conn.execute(text("INSERT INTO change_log (at, actor, audit_id, action) VALUES "
                          "(:now, 'lena', 'a1', 'audit-created')"), {"now": NOW})
    migrate.upgrade(engine, "0004")
    with engine.connect() as conn:
        sums = [row[0] for row in conn.execute(text("SELECT checksum FROM change_log ORDER BY id"))]
    assert sums == [
        change_checksum(NOW, "lena", "a1", "K1", "q", "anna", "answer-changed", "ja", "nej", "Åtgärdat"),
        change_checksum(NOW, "lena", "a1", None, None, None, "audit-created", None, None, None)]
    migrate.downgrade(engine, "0003")
    columns = {c["name"] for c in inspect(engine).get_columns("change_log")}
    assert "checksum" not in columns
    with engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM change_log")).scalar() == 2
    engine.dispose()


def test_checksum_ignores_how_the_time_is_written() -> None:
    stored_text = "2026-12-04 12:30:15.123456"  # how SQLite keeps it
    naive = NOW.replace(tzinfo=None)
    other_zone = NOW.astimezone(dt.timezone(dt.timedelta(hours=1)))
    sums = {change_checksum(at, "a", "b", None, None, None, "x", None, None, None)
            for at in (NOW, stored_text, naive, other_zone)}
    assert len(sums) == 1
    assert change_checksum(NOW, "a", "b", None, None, None, "x", None, None, "why") not in sums
