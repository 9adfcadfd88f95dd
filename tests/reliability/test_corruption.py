"""Corruption: bytes flipped in copies of a database are reported as damage (naming the file and the
newest intact backup) or change nothing the program shows; restoring the backup gives the original.

``AUDIT_APP_CORRUPTION_COPIES`` sets the number of damaged copies (120 here; more in the report).
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from contextlib import closing
from importlib.util import find_spec
from pathlib import Path

import pytest

from audit_app.services import backup
from audit_app.services.context import AppContext, StorageUnavailable
from audit_app.services.integrity import (
    DatabaseDamaged,
    check_database,
    inspect_database,
    newest_good_backup,
    restore_newest_good_backup,
    verify_content,
)
from audit_app.storage.cipher import PassphraseRequired, WrongPassphrase
from tests.conftest import CliResult
from tests.reliability.corruption import (
    Original,
    build_original,
    program_view,
    run_corruption_campaign,
)
from tests.reliability.figures import record

COPIES = int(os.environ.get("AUDIT_APP_CORRUPTION_COPIES", "120"))


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> Original:
    """One intact database with a backup, shared by the tests of this module (never written)."""
    return build_original(tmp_path_factory.mktemp("original") / "data")


def _copy(original: Original, target: Path) -> Path:
    import shutil

    shutil.copytree(original.data_dir, target)
    return target


def test_flipped_bytes_never_show_wrong_data_silently(original: Original, tmp_path: Path) -> None:
    figures = run_corruption_campaign(tmp_path, original, range(COPIES))
    print(f"\n{figures.copies} copies: {dict(figures.outcomes)}; with the start-up check only: "
          f"{dict(figures.startup_outcomes)}; restored {figures.restored}")
    record("corruption", copies=figures.copies, outcomes=dict(figures.outcomes),
           startup_outcomes=dict(figures.startup_outcomes), detected=figures.detected,
           restored=figures.restored, restore_failures=figures.restore_failures[:5],
           hidden_changes=figures.hidden_changes,
           examples={k: v[:2] for k, v in figures.examples.items()})
    assert figures.copies == COPIES
    assert figures.outcomes["silent"] == 0, figures.examples.get("silent")
    assert figures.outcomes["unclear error"] == 0, figures.examples.get("unclear error")
    # Comments are logged (also the one given with a new answer) and every log entry carries a
    # checksum of its time, actor, reason and values: nothing is stored without a check any more.
    assert figures.outcomes["silent: stored once"] == 0, figures.examples.get("silent: stored once")
    assert figures.detected > 0
    assert figures.restore_failures == []
    assert figures.restored == figures.detected


def _damage(db_file: Path, offset: int, data: bytes) -> None:
    with open(db_file, "r+b") as handle:
        handle.seek(offset)
        handle.write(data)


def test_damage_names_the_file_and_the_newest_intact_backup(original: Original,
                                                            tmp_path: Path) -> None:
    data_dir = _copy(original, tmp_path / "data")
    ctx = AppContext.from_options(data_dir=data_dir)
    intact = backup.list_backups(ctx)[0]
    # A newer backup that is itself damaged is passed over.
    newer = intact.with_name("audit-29990101T000000000000Z.db")
    newer.write_bytes(intact.read_bytes()[:8192] + b"\0" * 8192)
    db_file = data_dir / "audit.db"
    _damage(db_file, 4096 + 8, b"\xff\xff\xff\xff")  # page 2's b-tree header
    with pytest.raises(DatabaseDamaged) as info:
        check_database(ctx)
    message = info.value.message
    assert str(db_file) in message and str(intact) in message and str(newer) not in message
    assert "audit-app restore" in message
    assert info.value.backup is not None and info.value.backup.intact
    assert [b.path for b in [newest_good_backup(ctx)] if b] == [intact]
    restore_newest_good_backup(ctx)
    assert inspect_database(ctx, full=True).ok
    assert program_view(ctx) == original.view
    kept = [p.name for p in data_dir.iterdir() if p.name.startswith("audit.db.")]
    assert any(name.startswith(("audit.db.damaged-", "audit.db.before-restore")) for name in kept)
    ctx.close()


def test_a_file_that_is_not_a_database_gives_a_clear_error(original: Original, tmp_path: Path,
                                                            cli) -> None:  # type: ignore[no-untyped-def]
    data_dir = _copy(original, tmp_path / "data")
    _damage(data_dir / "audit.db", 0, b"this is no database at all")
    ctx = AppContext.from_options(data_dir=data_dir)
    # Garbage from the first byte on cannot be told from an encrypted database: without a
    # passphrase that is the message (exit 2); with one, the damage.
    with pytest.raises(PassphraseRequired, match="is encrypted, or damaged"):
        _ = ctx.db
    result: CliResult = cli("--data-dir", str(data_dir), "audit", "list")
    assert result.code == 2
    assert "audit-app: error:" in result.err and "damaged" in result.err
    assert "Traceback" not in result.err
    if find_spec("sqlcipher3") is not None:
        with pytest.raises(WrongPassphrase, match="damaged"):
            _ = AppContext.from_options(data_dir=data_dir, passphrase="x").db
    # Damage in the first bytes only (the rest of SQLite's header intact) is reported as such.
    data_dir = _copy(original, tmp_path / "data2")
    _damage(data_dir / "audit.db", 0, b"no database")
    ctx = AppContext.from_options(data_dir=data_dir)
    with pytest.raises((StorageUnavailable, DatabaseDamaged), match="is damaged"):
        _ = ctx.db
    with pytest.raises(DatabaseDamaged, match="not a database"):
        check_database(ctx)
    result = cli("--data-dir", str(data_dir), "audit", "list")
    assert result.code == 1
    assert "audit-app: error:" in result.err and "damaged" in result.err
    assert "Traceback" not in result.err


def test_a_newer_schema_version_is_refused_clearly(original: Original, tmp_path: Path) -> None:
    data_dir = _copy(original, tmp_path / "data")
    with closing(sqlite3.connect(data_dir / "audit.db")) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
        conn.commit()
    ctx = AppContext.from_options(data_dir=data_dir)
    with pytest.raises(StorageUnavailable, match="schema version this program does not know"):
        _ = ctx.db


def test_a_changed_answer_is_found_by_the_content_check(original: Original,
                                                        tmp_path: Path) -> None:
    """SQLite checks structure only; the change log's second copy of each value catches this."""
    data_dir = _copy(original, tmp_path / "data")
    with closing(sqlite3.connect(data_dir / "audit.db")) as conn:
        conn.execute("UPDATE answer SET value = 'nej' WHERE id = (SELECT min(id) FROM answer "
                     "WHERE question_id = 'gp_finns' AND value = 'ja')")
        conn.execute("UPDATE answer SET comment = 'ändrad' WHERE id = (SELECT max(id) FROM "
                     "answer WHERE comment IS NOT NULL)")
        conn.commit()
    ctx = AppContext.from_options(data_dir=data_dir)
    assert check_database(ctx, full=True).ok  # SQLite sees nothing wrong
    problems = verify_content(ctx).problems
    assert any("stored value differs" in p for p in problems)
    assert any("stored comment differs" in p for p in problems)


def test_auto_backup_makes_at_most_one_per_interval_and_rotates(tmp_path: Path) -> None:
    ctx = AppContext.from_options(data_dir=tmp_path / "data", actor="testare")
    assert backup.auto_backup(ctx) is None  # no database file yet: nothing to back up
    _ = ctx.db
    first = backup.auto_backup(ctx, minutes=30)
    assert first is not None and backup.integrity_ok(first)
    assert backup.auto_backup(ctx, minutes=30) is None
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=31)
    second = backup.auto_backup(ctx, minutes=30, now=later)
    assert second is not None and second != first
    for _ in range(backup.KEEP + 2):
        backup.backup(ctx)
    kept = backup.list_backups(ctx)
    assert len(kept) == backup.KEEP
    assert kept == sorted(kept, reverse=True)
    folder = backup.backup_folder(ctx)
    assert sorted(p.name for p in folder.iterdir() if not p.name.endswith(".db")) == []
    ctx.close()


def test_auto_backup_never_copies_damage_over_the_intact_backups(original: Original,
                                                                 tmp_path: Path) -> None:
    data_dir = _copy(original, tmp_path / "data")
    with closing(sqlite3.connect(data_dir / "audit.db")) as conn:
        conn.execute("UPDATE answer SET value = 'nej' WHERE id = (SELECT min(id) FROM answer "
                     "WHERE value = 'ja')")
        conn.commit()
    ctx = AppContext.from_options(data_dir=data_dir)
    before = backup.list_backups(ctx)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    with pytest.raises(backup.BackupError, match="no backup was made"):
        backup.auto_backup(ctx, now=later)
    assert backup.list_backups(ctx) == before
    ctx.close()
