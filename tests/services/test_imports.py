"""CSV imports through the services: all or nothing, idempotent, and every change in the log."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from audit_app.domain.diagnostics import InvalidInput
from audit_app.services.audits import create_audit, load_records, open_audit
from audit_app.services.context import AppContext
from audit_app.services.imports import import_answers, import_cases


@pytest.fixture
def audit(ctx: AppContext, example_dir: Path) -> str:
    """The shared example audit with its cases imported."""
    audit_id = create_audit(ctx, str(example_dir / "template.yaml"), "Exempel")
    import_cases(ctx, audit_id, example_dir / "cases.csv")
    return audit_id


def _write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _snapshot(ctx: AppContext, audit_id: str) -> tuple[object, ...]:
    with ctx.db.unit_of_work() as repo:
        opened = open_audit(repo, audit_id)
        cases, answers = load_records(repo, opened)
        log = len(repo.changes(audit_id))
    return (cases, {k: (v.by_reviewer, v.consensus) for k, v in answers.items()}, log)


def test_a_file_with_one_bad_row_writes_nothing(ctx: AppContext, audit: str, tmp_path: Path) -> None:
    before = _snapshot(ctx, audit)
    bad = _write(tmp_path, "a.csv", "case,question,value\nA1,gp_finns,ja\nA2,gp_finns,kanske\n")
    with pytest.raises(InvalidInput) as info:
        import_answers(ctx, audit, bad, reviewer="anna")
    assert [(d.line, d.code) for d in info.value.diagnostics] == [(3, "invalid-option")]
    assert _snapshot(ctx, audit) == before


def test_every_error_in_a_file_is_reported_at_its_line(ctx: AppContext, audit: str,
                                                       tmp_path: Path) -> None:
    bad = _write(tmp_path, "a.csv",
                 "case,question,value\nZ9,gp_finns,ja\nA1,nosuch,ja\nA1,veckor,99\nA1,gp_finns,ja|nej\n")
    with pytest.raises(InvalidInput) as info:
        import_answers(ctx, audit, bad, reviewer="anna")
    assert [(d.line, d.code) for d in info.value.diagnostics] == [
        (2, "unknown-case"), (3, "unknown-question"), (4, "out-of-range"), (5, "multiple-options")]


def test_replacing_an_answer_keeps_the_old_value_in_the_change_log(ctx: AppContext, audit: str,
                                                                   tmp_path: Path) -> None:
    import_answers(ctx, audit, _write(tmp_path, "1.csv", "case,question,value\nA2,gp_finns,ja\n"),
                   reviewer="anna")
    result = import_answers(ctx, audit, _write(tmp_path, "2.csv",
                                               "case,question,value\nA2,gp_finns,nej\n"),
                            reviewer="anna")
    assert result.updated == 1
    with ctx.db.unit_of_work() as repo:
        log = [(c.action, c.old_value, c.new_value) for c in repo.changes(audit, "A2", "gp_finns")]
    assert log == [("answer-set", None, "ja"), ("answer-changed", "ja", "nej")]


def test_cases_import_updates_only_the_columns_in_the_file(ctx: AppContext, audit: str,
                                                           tmp_path: Path) -> None:
    import_cases(ctx, audit, _write(tmp_path, "c.csv", "case,age\nA1,3\nA9,8\n"))
    with ctx.db.unit_of_work() as repo:
        cases = {c.label: c for c in load_records(repo, open_audit(repo, audit))[0]}
    assert cases["A1"].fields == {"unit": "norr", "gender": "flicka", "age": 3.0}
    assert cases["A9"].fields == {"age": 8.0}


def test_an_empty_excluded_reason_includes_the_case_again(ctx: AppContext, audit: str,
                                                          tmp_path: Path) -> None:
    import_cases(ctx, audit, _write(tmp_path, "c.csv", "case,excluded_reason\nA5,\n"))
    with ctx.db.unit_of_work() as repo:
        cases = {c.label: c for c in load_records(repo, open_audit(repo, audit))[0]}
    assert cases["A5"].included


def test_identity_numbers_are_refused_unless_allowed_and_then_logged(ctx: AppContext, audit: str,
                                                                     tmp_path: Path) -> None:
    path = _write(tmp_path, "c.csv", "case,question,value,comment\nA1,gp_finns,ja,"
                                     "Gäller 19121212-1212\n")
    with pytest.raises(InvalidInput) as info:
        import_answers(ctx, audit, path, reviewer="anna")
    assert info.value.diagnostics[0].code == "personal-identity-number"
    import_answers(ctx, audit, path, reviewer="anna", allow_identifiers=True)
    with ctx.db.unit_of_work() as repo:
        assert any(c.action == "identifiers-allowed" for c in repo.changes(audit))


def test_cp1252_files_with_semicolons_import(ctx: AppContext, audit: str, tmp_path: Path) -> None:
    path = _write(tmp_path, "c.csv", "case;unit\nA7;Söderby\n", encoding="cp1252")
    import_cases(ctx, audit, path)
    with ctx.db.unit_of_work() as repo:
        cases = {c.label: c for c in load_records(repo, open_audit(repo, audit))[0]}
    assert cases["A7"].fields == {"unit": "soder"}


def test_a_value_outside_every_bin_is_rejected(ctx: AppContext, tmp_path: Path,
                                               example_dir: Path) -> None:
    text = (example_dir / "template.yaml").read_text(encoding="utf-8")
    text = text.replace("max: 12, integer: true}", "max: 14, integer: true}")
    template = _write(tmp_path, "t.yaml", text)
    audit_id = create_audit(ctx, str(template), "Bins")
    with pytest.raises(InvalidInput) as info:
        import_cases(ctx, audit_id, _write(tmp_path, "c.csv", "case,age\nB1,13\n"))
    assert [(d.line, d.code) for d in info.value.diagnostics] == [(2, "out-of-range")]


def test_the_audit_keeps_its_frozen_template_when_the_file_changes(ctx: AppContext,
                                                                   tmp_path: Path,
                                                                   example_dir: Path) -> None:
    template = tmp_path / "t.yaml"
    shutil.copy(example_dir / "template.yaml", template)
    audit_id = create_audit(ctx, str(template), "Fryst")
    template.write_text(template.read_text(encoding="utf-8").replace(
        "Finns en genomförandeplan?", "Ändrad text"), encoding="utf-8")
    with ctx.db.unit_of_work() as repo:
        assert open_audit(repo, audit_id).template.questions[0].text == "Finns en genomförandeplan?"


def test_bulk_and_single_writes_store_timestamps_alike(ctx: AppContext, audit: str,
                                                       tmp_path: Path) -> None:
    import datetime as dt

    import_answers(ctx, audit, _write(tmp_path, "a.csv", "case,question,value\nA1,gp_finns,ja\n"),
                   reviewer="anna")
    with ctx.db.unit_of_work() as repo:
        stamps = [(c.action, c.at) for c in repo.changes(audit)]
    kinds = {action for action, _ in stamps}
    assert {"audit-created", "case-added", "answer-set"} <= kinds
    now = dt.datetime.now(dt.UTC)
    for _action, at in stamps:
        assert at.tzinfo is not None and abs((now - at).total_seconds()) < 60
