"""Sampling use case: draw a stratified sample from a population CSV and write cases files."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from audit_app.domain.csv_reading import read_csv_records
from audit_app.domain.diagnostics import Diagnostic, InvalidInput
from audit_app.domain.sampling import SampleResult, SamplingPlan, draw_stratified
from audit_app.services.imports import read_input_file


@dataclass(frozen=True)
class SampleFiles:
    """What was drawn and where it was written."""

    result: SampleResult
    sample_path: Path
    reserve_path: Path | None


def draw_sample(population: Path, plan: SamplingPlan, out: Path) -> SampleFiles:
    """Draw from ``population`` (a CSV with a ``case`` column and the strata columns).

    The sample is written to ``out`` and the reserves beside it (``<name>_reserver.csv``), both
    with the population file's columns, ready for ``cases import``.
    """
    columns, records = read_csv_records(read_input_file(population), str(population))
    missing = [c for c in ("case", *plan.strata) if c not in columns]
    if missing:
        raise InvalidInput([Diagnostic(str(population), 1, "missing-column",
                                       f"column '{c}' is needed for the draw") for c in missing])
    rows = [{k: v.strip() for k, v in r.values.items()} for r in records]
    result = draw_stratified(rows, plan)
    _write(out, columns, result.selected)
    reserve_path = None
    if plan.reserves:
        reserve_path = out.with_name(f"{out.stem}_reserver{out.suffix or '.csv'}")
        _write(reserve_path, columns, result.reserves)
    return SampleFiles(result, out, reserve_path)


def _write(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:  # type: ignore[type-arg]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
