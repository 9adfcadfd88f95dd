"""Runs a crash campaign: start the writer, SIGKILL it at random moments, check the database each time.

After every kill the database is read back with plain sqlite3 and must hold exactly the answers of
the acknowledged transactions, or of those plus the one in flight (whose commit may have reached
the disk before its acknowledgement was written); never a part of a transaction. The change log
must be exactly the changes those transactions made, and ``PRAGMA integrity_check`` must say ok.
"""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from audit_app.services.audits import create_audit
from audit_app.services.context import AppContext
from audit_app.services.imports import import_cases
from tests.reliability.crash_plan import (
    CASES_CSV,
    TEMPLATE,
    Expected,
    log_matches_answers,
    operations,
    read_back,
    template,
)
from tests.reliability.crash_writer import PER_TRANSACTION, PLAN_LENGTH

ROOT = Path(__file__).resolve().parents[2]
#: Normal test-suite kills per campaign; the reliability report raises it through the variable.
KILLS = int(os.environ.get("AUDIT_APP_CRASH_KILLS", "25"))


@dataclass
class CrashFigures:
    """What a campaign saw."""

    mode: str
    kills: int = 0
    kills_while_writing: int = 0  # the writer had acknowledged at least one commit
    acknowledged: int = 0  # transactions whose commit returned, over all lives
    unacknowledged_found: int = 0  # the transaction in flight had reached the disk
    answers_lost: int = 0  # acknowledged answers missing or wrong afterwards
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def survived(self) -> int:
        """Kills after which the database was exactly as it must be."""
        return self.kills - len(self.problems)


class _Lines:
    """Lines from a pipe, read without blocking past a deadline."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer = b""

    def until(self, deadline: float, stop: str | None = None) -> list[str]:
        lines: list[str] = []
        while True:
            while b"\n" in self.buffer:
                line, self.buffer = self.buffer.split(b"\n", 1)
                lines.append(line.decode())
                if stop is not None and lines[-1].startswith(stop):
                    return lines
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                if stop is not None:
                    raise TimeoutError(f"no '{stop}' from the writer; got {lines}")
                return lines
            ready, _, _ = select.select([self.fd], [], [], remaining)
            if ready:
                chunk = os.read(self.fd, 65536)
                if not chunk:
                    raise EOFError(f"the writer process ended; got {lines}")
                self.buffer += chunk


def prepare(data_dir: Path) -> str:
    """A database with the shared example audit and its cases; returns the audit id."""
    ctx = AppContext.from_options(data_dir=data_dir, actor="kraschtest")
    try:
        audit_id = create_audit(ctx, str(TEMPLATE), "Krasch")
        import_cases(ctx, audit_id, CASES_CSV)
    finally:
        ctx.close()
    return audit_id


def run_campaign(work: Path, mode: str, kills: int = KILLS, seed: int = 1,
                 max_delay: float = 0.2, while_opening: float = 0.2) -> CrashFigures:
    """Kill a writer in ``mode`` ``kills`` times at random moments; check after every kill.

    A share ``while_opening`` of the kills comes at a random moment after the writer started
    (mostly while it opens the database); the rest within ``max_delay`` seconds after it
    reported the database open, while it writes.
    """
    started = time.monotonic()
    figures = CrashFigures(mode)
    data_dir = work / f"crash-{mode}-{seed}"
    audit_id = prepare(data_dir)
    db_file = data_dir / "audit.db"
    rng = random.Random(seed)
    ops = operations(seed, PLAN_LENGTH, PER_TRANSACTION[mode])
    expected = Expected(template())
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.crash_writer", str(data_dir), audit_id, mode,
         str(seed)], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert writer.stdin is not None and writer.stdout is not None
    lines = _Lines(writer.stdout.fileno())
    try:
        for _ in range(kills):
            writer.stdin.write(f"run {expected.done}\n".encode())
            writer.stdin.flush()
            got = lines.until(time.monotonic() + 30, stop="pid ")
            pid = int(got[-1].split()[1])
            if rng.random() < while_opening:
                got = lines.until(time.monotonic() + rng.uniform(0, 0.15))
            else:
                got = lines.until(time.monotonic() + 30, stop="ready")
                got += lines.until(time.monotonic() + rng.uniform(0, max_delay))
            os.kill(pid, signal.SIGKILL)
            writer.stdin.write(b"reap\n")
            writer.stdin.flush()
            got += lines.until(time.monotonic() + 30, stop="reaped ")
            errors = [line for line in got if line.startswith("error")]
            if errors:
                raise AssertionError(f"the writer failed: {errors[0]}")
            acks = [int(line.split()[1]) for line in got if line.startswith("ack ")]
            assert acks == list(range(expected.done, expected.done + len(acks))), acks
            figures.kills += 1
            figures.kills_while_writing += bool(acks)
            figures.acknowledged += len(acks)
            for index in acks:
                expected.apply(ops[index])
            _check(db_file, expected, ops, figures)
    finally:
        writer.stdin.close()
        writer.wait(timeout=30)
        writer.stdout.close()
    figures.seconds = time.monotonic() - started
    return figures


def _check(db_file: Path, expected: Expected, ops: list, figures: CrashFigures) -> None:  # type: ignore[type-arg]
    """Compare the database with the acknowledged prefix, or that plus the transaction in flight."""
    stored = read_back(db_file)
    in_flight = expected.copy()
    in_flight.apply(ops[expected.done])
    where = f"after kill {figures.kills} ({expected.done} transactions acknowledged)"
    if stored.integrity != "ok":
        figures.problems.append(f"{where}: integrity_check: {stored.integrity}")
    if not log_matches_answers(stored):
        figures.problems.append(f"{where}: the change log does not match the answers")
    if (stored.state, stored.log) == (in_flight.state, in_flight.log) and \
            in_flight.state != expected.state:
        figures.unacknowledged_found += 1
        expected.apply(ops[expected.done])  # the next life goes on after it
        return
    if (stored.state, stored.log) != (expected.state, expected.log):
        lost = sum(1 for key, value in expected.state.items() if stored.state.get(key) != value)
        figures.answers_lost += lost
        figures.problems.append(f"{where}: the database differs from the acknowledged writes "
                                f"({lost} answers missing or wrong; log {len(stored.log)} entries, "
                                f"expected {len(expected.log)})")
        # Go on from what is there, so one problem is not counted again at every later kill.
        expected.state, expected.log = dict(stored.state), list(stored.log)


@dataclass
class FreshFigures:
    """Kills while a new database was being created, and how many could be opened afterwards."""

    kills: int = 0
    opened_after: int = 0
    problems: list[str] = field(default_factory=list)


def run_fresh_campaign(work: Path, kills: int, seed: int = 1) -> FreshFigures:
    """Kill a process while it creates and migrates a new database; each must open afterwards."""
    figures = FreshFigures()
    rng = random.Random(seed)
    scratch = work / "fresh-scratch"
    prepare(scratch)  # any database: the writer needs one to start
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.crash_writer", str(scratch), "-", "service",
         str(seed)], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert writer.stdin is not None and writer.stdout is not None
    lines = _Lines(writer.stdout.fileno())
    try:
        for number in range(kills):
            data_dir = work / f"fresh-{number}"
            writer.stdin.write(f"fresh {data_dir}\n".encode())
            writer.stdin.flush()
            pid = int(lines.until(time.monotonic() + 30, stop="pid ")[-1].split()[1])
            lines.until(time.monotonic() + rng.uniform(0, 0.08))
            os.kill(pid, signal.SIGKILL)
            writer.stdin.write(b"reap\n")
            writer.stdin.flush()
            lines.until(time.monotonic() + 30, stop="reaped ")
            figures.kills += 1
            ctx = AppContext.from_options(data_dir=data_dir, actor="kraschtest")
            try:
                with ctx.db.unit_of_work() as repo:
                    repo.audits()
                figures.opened_after += 1
            except Exception as exc:  # noqa: BLE001 - every failure is a finding to report
                figures.problems.append(f"kill {number}: {type(exc).__name__}: {exc}")
            finally:
                ctx.close()
    finally:
        writer.stdin.close()
        writer.wait(timeout=30)
        writer.stdout.close()
    return figures
