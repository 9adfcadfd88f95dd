"""The report benchmark still runs: both reports at a tiny size, without judging any time."""

from __future__ import annotations

import pytest

from benchmarks import bench_report


def test_the_report_benchmark_prints_a_ratio_for_each_report(
        capsys: pytest.CaptureFixture[str]) -> None:
    code = bench_report.main(["--cases", "12", "--questions", "3", "--repeat", "1"])
    assert code in (0, 1)
    lines = [line for line in capsys.readouterr().out.splitlines() if "ratio" in line]
    assert [line.split()[1] for line in lines] == ["demo", "3q-12c"]
    assert all("target <= 2x" in line and line.endswith(("OK", "MISSED")) for line in lines)
