"""Two reviewers writing at the same time lose nothing, on SQLite (WAL) and on PostgreSQL.

Each reviewer works in their own process (or thread) with their own AppContext and database
connections, answering, changing and commenting the same cases at the same moment through the
services. Afterwards every acknowledged write is stored, and the change log holds exactly the
acknowledged changes, in the order each reviewer made them.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from audit_app.services.context import AppContext
from audit_app.services.review import set_answer
from audit_app.services.review_plan import assign_reviewers
from tests.services.colleague_fixtures import make_audit

CASES = 10
REVIEWERS = ("anna", "bo")
Write = tuple[str, str, str, str | None]  # case, question, stored value, comment


def _plan(reviewer: str) -> list[tuple[str, str, str, str | None]]:
    """Every reviewer's writes: an answer, a number changed once with a comment, and a multi."""
    shift = REVIEWERS.index(reviewer)
    writes: list[tuple[str, str, str, str | None]] = []
    for i in range(1, CASES + 1):
        case = f"K{i}"
        writes.append((case, "barn_traffat", ("ja", "nej")[(i + shift) % 2], None))
        writes.append((case, "veckor", str(i + shift), None))
        writes.append((case, "skal", "vald|annat" if i % 2 else "vald", f"{reviewer} {i}"))
    for i in range(1, CASES + 1):
        writes.append((f"K{i}", "veckor", str(i + shift + 10), f"ändrat av {reviewer}"))
    return writes


def review_worker(data_dir: str, url: str, audit: str, reviewer: str, start: Any,
                  results: Any) -> None:
    """Answer as one reviewer once ``start`` is set; put (acknowledged writes, errors) on results."""
    ctx = AppContext.from_options(data_dir=data_dir, db=url, actor=reviewer)
    acknowledged: list[tuple[str, str, str | None, str | None, bool]] = []
    errors: list[str] = []
    try:
        start.wait(30)
        _ = ctx.db  # both open (and check the schema of) the database at the same moment
        for case, question, raw, comment in _plan(reviewer):
            try:
                change = set_answer(ctx, audit, case, question, raw, reviewer=reviewer,
                                    comment=comment)
            except Exception as exc:  # every failure is reported, none may happen
                errors.append(f"{case} {question}: {type(exc).__name__}: {exc}")
                continue
            acknowledged.append((case, question, change.new_value, change.new_comment,
                                 change.changed))
    except Exception as exc:
        errors.append(f"opening: {type(exc).__name__}: {exc}")
    finally:
        ctx.close()
        results.put((reviewer, acknowledged, errors))


def _run(mode: str, target: Callable[..., None], args: list[tuple[Any, ...]]) -> list[Any]:
    if mode == "process":
        spawn = multiprocessing.get_context("spawn")
        start, results = spawn.Event(), spawn.Queue()
        workers: list[Any] = [spawn.Process(target=target, args=(*a, start, results)) for a in args]
    else:
        start, results = threading.Event(), queue.Queue()
        workers = [threading.Thread(target=target, args=(*a, start, results)) for a in args]
    for w in workers:
        w.start()
    start.set()
    out = [results.get(timeout=300) for _ in workers]
    for w in workers:
        w.join(60)
    return out


@pytest.mark.parametrize("mode", ["process", "thread"])
def test_two_reviewers_writing_at_once_lose_nothing(ctx: AppContext, tmp_path: Path,
                                                    mode: str) -> None:
    audit = make_audit(ctx, tmp_path, "Samtidigt", cases=CASES)
    assign_reviewers(ctx, audit, list(REVIEWERS), double_all=True)
    ctx.close()
    outcomes = _run(mode, review_worker,
                    [(str(ctx.data_dir), ctx.db_url, audit, r) for r in REVIEWERS])
    assert [errors for _r, _a, errors in outcomes] == [[], []]
    with ctx.db.unit_of_work() as repo:
        labels = {c.id: c.label for c in repo.cases(audit)}
        stored = {(labels[a.case_id], a.question_id, a.reviewer): (a.value, a.comment)
                  for a in repo.answer_rows(audit)}
        log = [c for c in repo.changes(audit) if c.action.startswith(("answer", "comment"))]
    expected: dict[tuple[str, str, str], tuple[str | None, str | None]] = {}
    for reviewer, acknowledged, _errors in outcomes:
        assert len(acknowledged) == len(_plan(reviewer))
        for case, question, value, comment, _changed in acknowledged:
            expected[(case, question, reviewer)] = (value, comment)
        # The log holds this reviewer's acknowledged value changes, in the order made.
        mine = [(c.case_label, c.question_id, c.new_value) for c in log
                if c.reviewer == reviewer and c.action.startswith("answer")]
        assert mine == [(case, question, value) for case, question, value, _c, changed
                        in acknowledged if changed]
        assert all(c.actor == c.reviewer for c in log)
    assert stored == expected
    assert len(stored) == len(REVIEWERS) * CASES * 3
    comments = [c for c in log if c.action == "comment"]
    # skal got its comment with the new answer, veckor on its second write: both are logged
    assert len(comments) == 2 * len(REVIEWERS) * CASES
