"""The tables-view benchmark still runs: at a tiny size, without judging the time it reports."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from benchmarks import bench_tables_view  # noqa: E402


def test_the_tables_view_benchmark_prints_its_ratio(capsys: pytest.CaptureFixture[str]) -> None:
    code = bench_tables_view.main(["--cases", "12", "--questions", "4", "--repeat", "1"])
    assert code in (0, 1)
    lines = [line for line in capsys.readouterr().out.splitlines() if "ratio" in line]
    assert len(lines) == 1
    assert lines[0].split()[0] == "view"
    assert lines[0].endswith(("OK", "MISSED"))
