"""Bad input exits 2 with located messages, writes nothing, and never shows a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

MALFORMED_ANSWERS = {
    "unknown case": ("case,question,value\nZZ,gp_finns,ja\n", 2, "unknown-case"),
    "unknown question": ("case,question,value\nA1,nosuch,ja\n", 2, "unknown-question"),
    "bad option": ("case,question,value\nA1,gp_finns,kanske\n", 2, "invalid-option"),
    "two codes on a choice": ("case,question,value\nA1,gp_finns,ja|nej\n", 2, "multiple-options"),
    "number out of range": ("case,question,value\nA1,veckor,60\n", 2, "out-of-range"),
    "exponent number": ("case,question,value\nA1,veckor,1e3\n", 2, "invalid-number"),
    "empty value": ("case,question,value\nA1,gp_finns,  \n", 2, "empty-value"),
    "duplicate row": ("case,question,value\nA1,gp_finns,ja\nA1,gp_finns,nej\n", 3, "duplicate-row"),
    "header only": ("case,question,value\n", 1, "no-rows"),
    "empty file": ("", 1, "empty-file"),
    "missing column": ("case,value\nA1,ja\n", 1, "missing-column"),
}


@pytest.fixture
def audit(cli, example_dir: Path) -> str:  # type: ignore[no-untyped-def]
    """The example audit with its cases and answers."""
    audit_id = cli("audit", "create", "--template", str(example_dir / "template.yaml"),
                   "--name", "Exempel").out.strip()
    assert cli("cases", "import", audit_id, str(example_dir / "cases.csv")).code == 0
    assert cli("answers", "import", audit_id, str(example_dir / "answers.csv")).code == 0
    return audit_id


@pytest.mark.parametrize("name", sorted(MALFORMED_ANSWERS))
def test_malformed_answers_exit_2_with_a_located_message_and_write_nothing(
        cli, audit: str, tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    text, line, code = MALFORMED_ANSWERS[name]
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    before = cli("export", audit, "--out", str(tmp_path / "before.json"))
    assert before.code == 0
    result = cli("answers", "import", audit, str(path), "--reviewer", "anna")
    assert result.code == 2
    assert f"{path}:{line}: error[{code}]:" in result.err
    assert "Traceback" not in result.err
    cli("export", audit, "--out", str(tmp_path / "after.json"))
    before_data = (tmp_path / "before.json").read_text(encoding="utf-8")
    assert (tmp_path / "after.json").read_text(encoding="utf-8") == before_data


def test_binary_garbage_is_an_encoding_error(cli, audit: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "garbage.csv"
    path.write_bytes(bytes(range(256)) * 4)
    result = cli("cases", "import", audit, str(path))
    assert result.code == 2 and f"{path}:1: error[encoding]:" in result.err


def test_duplicate_case_is_reported_at_its_second_line(cli, audit: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "c.csv"
    path.write_text("case,unit\nB1,norr\nB2,soder\nB1,soder\n", encoding="utf-8")
    result = cli("cases", "import", audit, str(path))
    assert result.code == 2 and f"{path}:4: error[duplicate-case]:" in result.err
    assert "B2" not in cli("export", audit, "--out", str(tmp_path / "x.json")).out


def test_breakdown_by_a_number_field_is_rejected(cli, audit: str) -> None:  # type: ignore[no-untyped-def]
    result = cli("tables", audit, "--by", "age")
    assert result.code == 2 and result.out == "" and "Traceback" not in result.err


def test_unknown_audit_is_rejected(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("tables", "nosuch-audit")
    assert result.code == 2 and "nosuch-audit" in result.err


def test_missing_file_is_rejected_with_its_name(cli, audit: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("cases", "import", audit, str(tmp_path / "nope.csv"))
    assert result.code == 2 and "nope.csv" in result.err


def test_template_validate_reports_every_problem_and_exits_2(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "t.yaml"
    path.write_text("format: 1\nid: Bad-Id\nversion: 1\ntitle: T\nsections:\n"
                    "  - id: s\n    title: S\n    questions:\n"
                    "      - {id: q, text: Q, type: choice}\n"
                    "      - {id: r, text: R, type: text, applies_when: 'x.y == 1'}\n",
                    encoding="utf-8")
    result = cli("template", "validate", str(path))
    assert result.code == 2
    assert f"{path}:2: error[bad-identifier]:" in result.err
    assert f"{path}:9: error[no-options]:" in result.err
    assert f"{path}:10: error[expression-unsupported]:" in result.err


def test_bundled_templates_are_listed_and_valid(cli) -> None:  # type: ignore[no-untyped-def]
    from audit_app.services.resources import TEMPLATES_DIR

    listed = cli("template", "list")
    assert listed.code == 0
    for template_id in ("oppenvard_barn", "kollegial_familj", "barns_delaktighet"):
        assert template_id in listed.out
        assert cli("template", "validate", str(TEMPLATES_DIR / f"{template_id}.yaml")).code == 0


def test_unexpected_failure_exits_1_without_traceback(cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import audit_app.services.audits as audits

    def boom(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(audits, "list_audits", boom)
    result = cli("audit", "list")
    assert result.code == 1 and "disk on fire" in result.err and "Traceback" not in result.err
