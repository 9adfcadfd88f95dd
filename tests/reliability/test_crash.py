"""Crash test: a process writing answers through the services is killed with SIGKILL at random
moments; every acknowledged answer survives, the file passes integrity_check, the log matches.

``AUDIT_APP_CRASH_KILLS`` sets the kills per campaign (25 here, 100 in the reliability report).
A SIGKILL is a program crash: the operating system's cache survives it, so this shows that no
acknowledged commit is lost and no half transaction is seen, not what a power cut does to the
disk (for that SQLite's WAL with ``synchronous=FULL`` is the documented durable setting).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from audit_app.services.context import AppContext
from audit_app.services.integrity import verify_content
from tests.reliability.crash_harness import KILLS, run_campaign, run_fresh_campaign
from tests.reliability.crash_plan import read_back
from tests.reliability.figures import record

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the crash writer forks (POSIX)")


@pytest.mark.parametrize("mode", ["service", "unit"])
def test_killed_writer_loses_no_acknowledged_answer(tmp_path: Path, mode: str) -> None:
    """``service``: one answer per ``set_answer``; ``unit``: three ``put_answer`` in one unit of
    work, which must be found all or none."""
    figures = run_campaign(tmp_path, mode, kills=KILLS, seed=20240601)
    print(f"\n{mode}: {figures}")
    record("crash", mode=mode, kills=figures.kills, survived=figures.survived,
           while_writing=figures.kills_while_writing, acknowledged=figures.acknowledged,
           unacknowledged_found=figures.unacknowledged_found, answers_lost=figures.answers_lost,
           seconds=round(figures.seconds, 1), problems=figures.problems[:5])
    assert figures.kills == KILLS
    assert figures.problems == []
    assert figures.answers_lost == 0
    # The kills were spread: some while writing, and writes were acknowledged at all.
    assert figures.kills_while_writing >= KILLS // 4
    assert figures.acknowledged > 0
    data_dir = tmp_path / f"crash-{mode}-20240601"
    assert read_back(data_dir / "audit.db").integrity == "ok"
    ctx = AppContext.from_options(data_dir=data_dir)
    assert verify_content(ctx).problems == ()


def test_killed_while_creating_a_new_database_it_still_opens(tmp_path: Path) -> None:
    """Migrations run in one transaction: a kill halfway leaves no half-made schema behind."""
    figures = run_fresh_campaign(tmp_path, kills=max(8, KILLS // 3), seed=7)
    record("fresh", kills=figures.kills, opened_after=figures.opened_after,
           problems=figures.problems[:5])
    assert figures.problems == []
    assert figures.opened_after == figures.kills
