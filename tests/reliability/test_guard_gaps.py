"""Reviewer names go through the identity-number guard and the name rules on every path.

The fuzzing found these gaps (a personal identity number stored as a reviewer; '|' accepted by
the import although it separates reviewers in completion marks); they are closed now.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from audit_app.domain.diagnostics import InputRejected
from audit_app.services.context import AppContext
from audit_app.services.imports import import_answers
from audit_app.services.review import set_answer
from tests.reliability.crash_harness import prepare

TOLVAN = "19121212-1212"  # Skatteverket's published test number


@pytest.fixture
def audit(tmp_path: Path) -> Iterator[tuple[AppContext, str, Path]]:
    data_dir = tmp_path / "data"
    audit_id = prepare(data_dir)
    ctx = AppContext.from_options(data_dir=data_dir, actor="testare")
    yield ctx, audit_id, tmp_path
    ctx.close()


def test_answers_import_refuses_an_identity_number_as_reviewer_option(audit) -> None:  # type: ignore[no-untyped-def]
    ctx, audit_id, folder = audit
    path = folder / "a.csv"
    path.write_text("case,question,value\nA1,gp_finns,ja\n", encoding="utf-8")
    with pytest.raises(InputRejected):
        import_answers(ctx, audit_id, path, reviewer=TOLVAN)


def test_answers_import_refuses_an_identity_number_in_the_reviewer_column(audit) -> None:  # type: ignore[no-untyped-def]
    ctx, audit_id, folder = audit
    path = folder / "a.csv"
    path.write_text(f"case,question,value,reviewer\nA1,gp_finns,ja,{TOLVAN}\n", encoding="utf-8")
    with pytest.raises(InputRejected):
        import_answers(ctx, audit_id, path)


def test_set_answer_refuses_an_identity_number_as_reviewer(audit) -> None:  # type: ignore[no-untyped-def]
    ctx, audit_id, _folder = audit
    with pytest.raises(InputRejected):
        set_answer(ctx, audit_id, "A1", "veckor", "3", reviewer=TOLVAN)


def test_answers_import_refuses_a_reviewer_name_the_form_refuses(audit) -> None:  # type: ignore[no-untyped-def]
    """``|`` separates reviewers in a case's completion marks; the form refuses it in a name."""
    ctx, audit_id, folder = audit
    path = folder / "a.csv"
    path.write_text("case,question,value\nA1,gp_finns,ja\n", encoding="utf-8")
    with pytest.raises(InputRejected):
        import_answers(ctx, audit_id, path, reviewer="anna|bo")


def test_the_reviewer_column_error_is_located_and_coded(audit) -> None:  # type: ignore[no-untyped-def]
    from audit_app.domain.diagnostics import InvalidInput

    ctx, audit_id, folder = audit
    path = folder / "a.csv"
    path.write_text(f"case,question,value,reviewer\nA1,gp_finns,ja,anna\nA1,veckor,3,{TOLVAN}\n",
                    encoding="utf-8")
    with pytest.raises(InvalidInput) as info:
        import_answers(ctx, audit_id, path)
    assert [(d.line, d.code) for d in info.value.diagnostics] == [(3, "personal-identity-number")]
    assert TOLVAN not in info.value.message
