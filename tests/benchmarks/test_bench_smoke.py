"""The benchmarks still run: each one at a tiny size, without judging any time it reports."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from benchmarks import bench_gui, bench_import_tables  # noqa: E402


def test_start_up_is_timed_for_the_program_and_a_bare_window() -> None:
    ours, bare = bench_gui.startup(runs=1)
    assert ours > 0 and bare > 0


def test_answer_writes_are_timed_through_the_service_and_raw_sqlite() -> None:
    ours, raw = bench_gui.answer_commit(writes=12, cases=3, questions=12)
    assert ours > 0 and raw > 0


def test_case_switches_are_timed_in_the_case_form() -> None:
    assert bench_gui.case_switch(cases=5, questions=12, switches=3) > 0


def test_the_conditional_template_is_valid(tmp_path: Path) -> None:
    from audit_app.services.templates import validate_template

    path = bench_gui.write_conditional_template(tmp_path / "t.yaml", 20)
    assert validate_template(str(path)) == []
    assert 'applies_when: q10 == "ja"' in path.read_text(encoding="utf-8")


def test_the_gui_benchmark_prints_its_three_figures(capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    # Start-ups take a second each; the test above runs them.
    monkeypatch.setattr(bench_gui, "startup", lambda runs: (0.2, 0.1))
    code = bench_gui.main(["--runs", "1", "--writes", "12", "--cases", "5", "--questions", "12",
                           "--switches", "3"])
    assert code in (0, 1)
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == ["startup", "answer", "switch"]
    assert all(line.endswith(("OK", "MISSED")) for line in lines)
    assert sum("ratio" in line for line in lines) == 2


def test_the_import_and_tables_benchmark_prints_two_ratios(
        capsys: pytest.CaptureFixture[str]) -> None:
    code = bench_import_tables.main(["--cases", "20", "--questions", "4", "--import-rows", "100",
                                     "--repeat", "1"])
    assert code in (0, 1)
    lines = [line for line in capsys.readouterr().out.splitlines() if "ratio" in line]
    assert len(lines) == 2
    assert [line.split()[0] for line in lines] == ["import", "tables"]
