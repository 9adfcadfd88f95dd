"""Build the demo report and a 60-question, 2,000-case report; each within 2x of a bare ReportLab document.

The baseline, measured in the same run for the same audit, is a bare platypus
``SimpleDocTemplate`` holding the same tables (the same rows and cell texts as every table our
report prints: the sample, each question, the overview per quality area, the gender analysis),
each a plain ``Table`` with a minimal style in the same embedded font (DejaVu Sans), built to a
file. Ours is the full service path: ``services.report.write_report`` (read the audit, count the
tables, mask them, write every chapter, render with the table of contents and the "N (M)" footer).

Run: .venv/bin/python -m benchmarks.bench_report [--cases N --questions N --repeat N]

Measured 2026-12-04 on two shared CPUs (best of 5, wall clock; CPU time in brackets):
at 7532930 the demo took 0.69 s against 0.063 s (11.0x [11.8x]) and 60 x 2,000 1.41 s against
0.095 s (14.8x [14.3x]); after one rendering pass, plain-text table labels, shared case
resolution, direct chart drawing and per-width layout reuse the demo takes 0.26 s (4.0x [4.1x])
and 60 x 2,000 about 0.7-1.1 s (7.0x [6.5x]). The 2x target is still missed: reading and
counting 120,000 answers alone (about 0.33 s CPU) is three times the bare document.
With ReportLab's C accelerator (rl_accel) both sides got faster and the ratios larger (demo
0.21 s against 0.045 s, 4.7x; 60 x 2,000 0.62 s against 0.074 s, 8.4x): the bare document
holds only the tables, while the report also sets every chapter's text, the charts, the contents
and the template appendix, and counts the answers. The baseline is kept as the issue states it.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from html import unescape
from pathlib import Path
from typing import Any

from reportlab.platypus import Flowable, KeepTogether, SimpleDocTemplate, Spacer, Table

from audit_app.report import fonts
from audit_app.report.builder import write_story
from audit_app.services.context import AppContext
from audit_app.services.demo import create_demo
from audit_app.services.imports import import_answers
from audit_app.services.report import report_data, write_report
from benchmarks.synthetic import audit_with_cases, write_answers, write_cases, write_template

TARGET = 2.0
_TAG = re.compile(r"<[^>]+>")


def _tables(flowables: list[Flowable]) -> Iterator[Table]:
    for flowable in flowables:
        if isinstance(flowable, Table):
            yield flowable
        elif isinstance(flowable, KeepTogether):
            yield from _tables(list(flowable._content))


def _cell_text(cell: Any) -> str:
    if isinstance(cell, str):
        return cell
    text = getattr(cell, "text", None)  # a Paragraph keeps its markup
    return unescape(_TAG.sub("", text)) if isinstance(text, str) else ""


def report_tables(ctx: AppContext, audit_id: str) -> list[list[list[str]]]:
    """The cell texts of every table the report prints, in order (for the baseline)."""
    story = write_story(report_data(ctx, audit_id))
    return [[[_cell_text(c) for c in row] for row in table._cellvalues]
            for table in _tables(story.flowables)]


def baseline(tables: list[list[list[str]]], out: Path) -> float:
    """Seconds to build a bare document of the same tables to ``out``."""
    start = time.perf_counter()
    font = fonts.register_fonts()
    style = [("FONT", (0, 0), (-1, -1), font, 8), ("GRID", (0, 0), (-1, -1), 0.25, "grey")]
    story: list[Flowable] = []
    for rows in tables:
        story += [Table(rows, repeatRows=1, style=style, hAlign="LEFT"), Spacer(1, 6)]
    SimpleDocTemplate(str(out)).build(story)
    return time.perf_counter() - start


def ours(ctx: AppContext, audit_id: str, out: Path) -> float:
    """Seconds to write the report through the service."""
    start = time.perf_counter()
    write_report(ctx, audit_id, out)
    return time.perf_counter() - start


def _best(fn: Callable[[], float], repeat: int) -> float:
    return min(fn() for _ in range(repeat))


def measure(name: str, ctx: AppContext, audit_id: str, root: Path, repeat: int) -> tuple[str, float, float]:
    """(name, ours, baseline) in seconds, each the best of ``repeat`` runs."""
    tables = report_tables(ctx, audit_id)
    base = _best(lambda: baseline(tables, root / f"{name}-base.pdf"), repeat)
    mine = _best(lambda: ours(ctx, audit_id, root / f"{name}.pdf"), repeat)
    return name, mine, base


def synthetic_audit(root: Path, cases: int, questions: int) -> tuple[AppContext, str]:
    """The synthetic audit with one reviewer's answer to every question of every case."""
    template = write_template(root / "t.yaml", questions)
    ctx, audit_id = audit_with_cases(root / "synthetic", template, write_cases(root / "c.csv", cases))
    answers = root / "a.csv"
    write_answers(answers, cases, questions, 1)
    import_answers(ctx, audit_id, answers)
    return ctx, audit_id


def main(argv: list[str] | None = None) -> int:
    """Run both reports against their baselines and print the ratios; exit 1 on a miss."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--questions", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        demo_ctx = AppContext.from_options(data_dir=root / "demo", actor="bench")
        results.append(measure("demo", demo_ctx, create_demo(demo_ctx), root, args.repeat))
        demo_ctx.close()
        ctx, audit_id = synthetic_audit(root, args.cases, args.questions)
        results.append(measure(f"{args.questions}q-{args.cases}c", ctx, audit_id, root, args.repeat))
        ctx.close()
    failed = False
    for name, mine, base in results:
        ratio = mine / base
        failed |= ratio > TARGET
        print(f"report {name:12} ours {mine:8.3f} s  baseline {base:8.3f} s  ratio {ratio:5.2f}x "
              f"(target <= {TARGET:.0f}x) {'OK' if ratio <= TARGET else 'MISSED'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
