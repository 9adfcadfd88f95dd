"""Change-log integrity: each entry's checksum, and a comment given with a new answer in the history."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from audit_app.services.audits import create_audit
from audit_app.services.context import AppContext
from audit_app.services.imports import import_answers, import_cases
from audit_app.services.integrity import check_database, verify_content
from audit_app.services.review import set_answer
from tests.reliability.crash_plan import CASES_CSV, TEMPLATE


@pytest.fixture
def audit(tmp_path: Path) -> Iterator[tuple[AppContext, str]]:
    ctx = AppContext.from_options(data_dir=tmp_path / "data", actor="granskare")
    audit_id = create_audit(ctx, str(TEMPLATE), "Logg")
    import_cases(ctx, audit_id, CASES_CSV)
    yield ctx, audit_id
    ctx.close()


def _comments(ctx: AppContext, audit_id: str, case: str, question: str) -> list[tuple[object, ...]]:
    with ctx.db.unit_of_work() as repo:
        return [(c.reviewer, c.old_value, c.new_value) for c in repo.changes(audit_id, case, question)
                if c.action == "comment"]


def test_a_comment_given_with_a_new_answer_is_logged_on_every_write_path(
        audit: tuple[AppContext, str], tmp_path: Path) -> None:
    ctx, audit_id = audit
    set_answer(ctx, audit_id, "A1", "gp_finns", "ja", reviewer="bo", comment="Se mars.")  # case form
    with ctx.db.unit_of_work() as repo:  # the ORM path
        case = repo.case_by_label(audit_id, "A2")
        assert case is not None
        repo.put_answer(audit_id, case, "gp_finns", "cia", "nej", "Oklart.", "granskare")
    answers = tmp_path / "answers.csv"  # the bulk import
    answers.write_text("case,question,value,comment\nA3,gp_finns,ja,Från import\n", encoding="utf-8")
    import_answers(ctx, audit_id, answers, reviewer="dan")
    assert _comments(ctx, audit_id, "A1", "gp_finns") == [("bo", None, "Se mars.")]
    assert _comments(ctx, audit_id, "A2", "gp_finns") == [("cia", None, "Oklart.")]
    assert _comments(ctx, audit_id, "A3", "gp_finns") == [("dan", None, "Från import")]
    set_answer(ctx, audit_id, "A1", "gp_finns", "nej", reviewer="bo", comment="Se april.")
    set_answer(ctx, audit_id, "A4", "gp_finns", "ja", reviewer="bo", comment=None)
    assert _comments(ctx, audit_id, "A1", "gp_finns") == [("bo", None, "Se mars."),
                                                          ("bo", "Se mars.", "Se april.")]
    assert _comments(ctx, audit_id, "A4", "gp_finns") == []  # no comment, nothing logged
    assert verify_content(ctx).ok


def test_every_entry_is_sealed_and_a_changed_time_actor_or_reason_is_found(
        audit: tuple[AppContext, str]) -> None:
    ctx, audit_id = audit
    set_answer(ctx, audit_id, "A1", "gp_finns", "ja", reviewer="bo", comment="Se mars.",
               reason="första")
    assert verify_content(ctx).ok
    db = ctx.data_dir / "audit.db"
    ctx.close()
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("SELECT COUNT(*) FROM change_log WHERE checksum IS NULL").fetchone()[0] == 0
    for change in ("UPDATE change_log SET actor = 'mallory' WHERE action = 'audit-created'",
                   "UPDATE change_log SET reason = 'andra' WHERE reason = 'första' AND action = "
                   "'answer-set'",
                   "UPDATE change_log SET at = '2020-01-01 00:00:00.000000' WHERE action = 'comment'"):
        copy = db.with_name("copy.db")
        copy.write_bytes(db.read_bytes())
        with closing(sqlite3.connect(copy)) as conn:
            conn.execute(change)
            conn.commit()
        view = AppContext.from_options(data_dir=ctx.data_dir, db=f"sqlite:///{copy}")
        assert check_database(view, full=True).ok  # SQLite sees nothing wrong
        problems = verify_content(view).problems
        assert len(problems) == 1 and "does not match its checksum" in problems[0], change


def test_a_changed_comment_of_a_new_answer_is_found(audit: tuple[AppContext, str]) -> None:
    ctx, audit_id = audit
    set_answer(ctx, audit_id, "A1", "gp_finns", "ja", reviewer="bo", comment="Se mars.")
    db = ctx.data_dir / "audit.db"
    ctx.close()
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("UPDATE answer SET comment = 'Se maj.' WHERE comment = 'Se mars.'")
        conn.commit()
    assert any("stored comment differs" in p for p in verify_content(ctx).problems)
