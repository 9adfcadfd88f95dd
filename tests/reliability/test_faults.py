"""Faults: a full disk and a read-only data directory give a clear message and lose nothing saved;
a second copy of the program on the same database is safe (writes) or refused (the window lock).

The full disk and the read-only directory are real where the tests may mount a small tmpfs (as
root); a full database is also simulated everywhere with SQLite's ``max_page_count``.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import event

from audit_app.domain.diagnostics import AuditAppError
from audit_app.services import backup
from audit_app.services.context import AppContext, StorageUnavailable
from audit_app.services.integrity import verify_content
from audit_app.services.review import set_answer
from audit_app.storage.database import StorageError
from audit_app.storage.locking import AlreadyOpen, acquire, holds
from tests.conftest import CliResult
from tests.reliability.crash_harness import ROOT, prepare
from tests.reliability.crash_plan import Expected, operations, read_back, template

Mount = Callable[[str], Path]


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Mount]:
    """Mount a tmpfs of a given size (``200k``); skips where mounting is not allowed."""
    mounted: list[Path] = []

    def mount(size: str) -> Path:
        if os.name != "posix" or os.geteuid() != 0 or shutil.which("mount") is None:
            pytest.skip("mounting a tmpfs needs root")
        path = tmp_path / f"tmpfs{len(mounted)}"
        path.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                              capture_output=True, check=False)
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
        mounted.append(path)
        return path

    yield mount
    for path in reversed(mounted):
        subprocess.run(["umount", "-l", str(path)], capture_output=True, check=False)


def _remount(path: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(path)], capture_output=True,
                   check=True)


def _write_until_it_fails(ctx: AppContext, audit_id: str) -> tuple[dict[tuple[str, str], str],
                                                                     AuditAppError]:
    """Long comments on new answers until a write fails; the acknowledged ones and the error."""
    saved: dict[tuple[str, str], str] = {}
    for n in range(100_000):
        reviewer, value = f"granskare{n}", str(n % 50)
        try:
            set_answer(ctx, audit_id, "A1", "veckor", value, reviewer=reviewer,
                       comment="Anteckning " * 200)
        except AuditAppError as exc:
            return saved, exc
        saved[(reviewer, "veckor")] = f"{float(value)!r}"
    raise AssertionError("the disk never filled up")


def _stored(db_file: Path) -> dict[tuple[str, str], str]:
    return {(r, q): v for (_case, q, r), v in read_back(db_file).state.items()}


def test_full_disk_gives_a_clear_message_and_keeps_what_was_saved(tmpfs: Mount, tmp_path: Path,
                                                                   cli) -> None:  # type: ignore[no-untyped-def]
    disk = tmpfs("400k")
    data_dir = disk / "data"
    audit_id = prepare(data_dir)
    ctx = AppContext.from_options(data_dir=data_dir, actor="testare")
    saved, error = _write_until_it_fails(ctx, audit_id)
    assert isinstance(error, StorageError)
    assert "is full" in error.message and "everything saved before is kept" in error.message
    assert len(saved) > 0
    # Still full: a backup fails clearly and leaves no half-written file behind.
    with pytest.raises(backup.BackupError, match="disk is full"):
        backup.backup(ctx)
    assert [p.name for p in (data_dir / "backups").iterdir()] == []
    # A second program can still start and read everything saved, while the disk is full.
    result: CliResult = cli("--data-dir", str(data_dir), "audit", "list", "--format", "json")
    assert result.code == 0, result.err
    # ...and its writes fail with the same clear message, no traceback.
    answers = tmp_path / "a.csv"
    answers.write_text("case,question,value\nA2,gp_finns,ja\n", encoding="utf-8")
    result = cli("--data-dir", str(data_dir), "answers", "import", audit_id, str(answers),
                 "--reviewer", "ny")
    assert result.code in (1, 2)
    assert result.err.startswith("audit-app: error: ") and "full" in result.err
    assert "Traceback" not in result.err and "unexpected" not in result.err
    ctx.close()
    # Room again: nothing saved was lost, the file is intact, writing goes on.
    _remount(disk, "size=8m")
    stored = _stored(data_dir / "audit.db")
    assert {k: v for k, v in stored.items() if k in saved} == saved
    ctx = AppContext.from_options(data_dir=data_dir, actor="testare")
    set_answer(ctx, audit_id, "A2", "gp_finns", "ja", reviewer="efter")
    assert verify_content(ctx).ok
    ctx.close()


def test_a_full_database_is_refused_clearly_without_root(tmp_path: Path) -> None:
    """SQLite's max_page_count gives the same 'database or disk is full' on any machine."""
    data_dir = tmp_path / "data"
    audit_id = prepare(data_dir)
    ctx = AppContext.from_options(data_dir=data_dir, actor="testare")
    engine = ctx.db.engine
    pages = (data_dir / "audit.db").stat().st_size // 4096 + 8

    def limit(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(engine, "connect", limit)
    engine.dispose()
    saved, error = _write_until_it_fails(ctx, audit_id)
    assert isinstance(error, StorageError) and "is full" in error.message
    ctx.close()
    stored = _stored(data_dir / "audit.db")
    assert {k: v for k, v in stored.items() if k in saved} == saved
    assert read_back(data_dir / "audit.db").integrity == "ok"


def test_read_only_data_directory_gives_a_clear_message(tmpfs: Mount, cli) -> None:  # type: ignore[no-untyped-def]
    disk = tmpfs("4m")
    data_dir = disk / "data"
    audit_id = prepare(data_dir)
    ctx = AppContext.from_options(data_dir=data_dir, actor="testare")
    set_answer(ctx, audit_id, "A1", "gp_finns", "ja", reviewer="anna")
    ctx.close()
    before = _stored(data_dir / "audit.db")
    _remount(disk, "ro")
    try:
        ctx = AppContext.from_options(data_dir=data_dir, actor="testare")
        with pytest.raises(StorageUnavailable) as info:
            set_answer(ctx, audit_id, "A1", "gp_finns", "nej", reviewer="anna")
        assert str(data_dir / "audit.db") in info.value.message
        assert "read-only" in info.value.message
        ctx.close()
        for args in (["audit", "list"], ["backup"]):
            result: CliResult = cli("--data-dir", str(data_dir), *args)
            assert result.code in (1, 2), args
            assert result.err.startswith("audit-app: error: "), result.err
            assert "Traceback" not in result.err and "unexpected" not in result.err
        assert not acquire(data_dir / "audit.db").held  # no lock file can be made either
    finally:
        _remount(disk, "rw")
    assert _stored(data_dir / "audit.db") == before


def test_two_programs_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    """Three processes, one per reviewer, write the same cases and questions at the same time."""
    data_dir = tmp_path / "data"
    audit_id = prepare(data_dir)
    count = 120
    reviewers = {"anna": 11, "bo": 12, "cia": 13}
    writers = [subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.concurrent_writer", str(data_dir), audit_id,
         reviewer, str(count), str(seed)], cwd=ROOT, stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, text=True) for reviewer, seed in reviewers.items()]
    outputs = []
    for writer in writers:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
    for writer in writers:
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
    for writer in writers:
        out, _ = writer.communicate(timeout=120)
        outputs.append(out.strip())
    assert outputs == [f"done {count}"] * len(writers)
    stored = read_back(data_dir / "audit.db")
    assert stored.integrity == "ok"
    tpl = template()
    for reviewer, seed in reviewers.items():
        expected = Expected(tpl)
        for op in operations(seed, count, 1):
            expected.apply(tuple((c, q, reviewer, raw) for c, q, _r, raw in op))
        assert {k: v for k, v in stored.state.items() if k[2] == reviewer} == expected.state
        assert [e for e in stored.log if e[2] == reviewer] == expected.log
    assert verify_content(AppContext.from_options(data_dir=data_dir)).ok


def test_the_same_answers_from_two_programs_stay_consistent(tmp_path: Path) -> None:
    """Two processes as the same reviewer: every write is saved whole, and the change log's old
    values are what each write replaced (the reads and the write share one lock)."""
    data_dir = tmp_path / "data"
    audit_id = prepare(data_dir)
    writers = [subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.concurrent_writer", str(data_dir), audit_id,
         "anna", "150", str(seed)], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        text=True) for seed in (21, 22)]
    for writer in writers:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
    for writer in writers:
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
    outputs = [writer.communicate(timeout=120)[0].strip() for writer in writers]
    assert outputs == ["done 150", "done 150"]
    report = verify_content(AppContext.from_options(data_dir=data_dir))
    assert report.ok, report.problems


def test_a_writer_waits_for_another_programs_transaction(tmp_path: Path) -> None:
    """A transaction held open elsewhere delays a save (busy_timeout); it is not lost."""
    import sqlite3

    data_dir = tmp_path / "data"
    audit_id = prepare(data_dir)
    blocker = sqlite3.connect(data_dir / "audit.db", isolation_level=None, check_same_thread=False)
    blocker.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.5, lambda: blocker.execute("COMMIT"))
    release.start()
    ctx = AppContext.from_options(data_dir=data_dir, actor="testare")
    started = time.monotonic()
    set_answer(ctx, audit_id, "A1", "gp_finns", "ja", reviewer="anna")
    assert time.monotonic() - started >= 0.4
    release.join()
    blocker.close()
    ctx.close()
    assert read_back(data_dir / "audit.db").state[("A1", "gp_finns", "anna")] == "ja"


def test_a_second_window_is_refused_and_a_killed_ones_lock_is_released(tmp_path: Path) -> None:
    db_file = tmp_path / "data" / "audit.db"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; "
         "from audit_app.storage.locking import acquire; lock = acquire(Path(sys.argv[1])); "
         "print('locked', flush=True); time.sleep(60)", str(db_file)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(AlreadyOpen) as info:
            acquire(db_file)
        assert f"pid {holder.pid}" in info.value.message
        assert str(db_file) in info.value.message
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
        with acquire(db_file) as lock:
            assert lock.held and holds(db_file)
            with pytest.raises(AlreadyOpen):
                acquire(db_file)  # refused within one process as well
        assert not holds(db_file)
        with acquire(db_file) as lock:
            assert lock.held
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
        assert holder.stdout is not None
        holder.stdout.close()


def test_restore_is_refused_while_another_program_has_the_database_open(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    prepare(data_dir)
    ctx = AppContext.from_options(data_dir=data_dir)
    saved = backup.backup(ctx)
    db_file = data_dir / "audit.db"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; "
         "from audit_app.storage.locking import acquire; lock = acquire(Path(sys.argv[1])); "
         "print('locked', flush=True); time.sleep(60)", str(db_file)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(AlreadyOpen):
            backup.restore(ctx, saved)
    finally:
        holder.kill()
        holder.wait()
        assert holder.stdout is not None
        holder.stdout.close()
    with acquire(db_file):  # this process's own lock does not stop its own restore
        assert backup.restore(ctx, saved) == db_file
    ctx.close()
