"""``audit-app check``: ok on an intact database; a changed change-log entry is named, exit 1."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path


def test_check_finds_a_changed_log_entry_and_names_the_backup(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("demo").code == 0
    assert cli("backup").code == 0
    result = cli("check")
    assert result.code == 0 and "ok" in result.out
    with closing(sqlite3.connect(tmp_path / "data" / "audit.db")) as conn:
        conn.execute("UPDATE change_log SET reason = 'efterhand' WHERE id = (SELECT max(id) FROM "
                     "change_log)")
        conn.commit()
    result = cli("check")
    assert result.code == 1 and "Traceback" not in result.err
    assert "does not match its checksum" in result.err and "audit-app restore" in result.err


def test_the_checksums_are_verified_on_either_engine(ctx) -> None:  # type: ignore[no-untyped-def]
    """What ``check`` runs on PostgreSQL (the content check itself reads the SQLite file)."""
    from sqlalchemy import text

    from audit_app.services.demo import create_demo
    from audit_app.services.integrity import verify_change_log

    create_demo(ctx)
    assert verify_change_log(ctx).ok
    with ctx.db.engine.begin() as conn:
        conn.execute(text("UPDATE change_log SET actor = 'mallory' WHERE id = (SELECT min(id) "
                          "FROM change_log)"))
    problems = verify_change_log(ctx).problems
    assert len(problems) == 1 and "does not match its checksum" in problems[0]
