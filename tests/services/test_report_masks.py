"""Small-cell protection: the PDF report hides exactly the cells the CSV exports hide.

The demo audit with N = 5: every count of a question table in the report (by district, and the
gender analysis by gender) prints as the CSV export of the same breakdown prints it, so a cell
hidden in one file ("<5", "..") is hidden in the report too, and no printed total gives one back.
"""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from audit_app.services.audit_settings import set_small_cell_limit
from audit_app.services.context import AppContext
from audit_app.services.demo import create_demo
from audit_app.services.export import export_tables
from audit_app.services.report import report_data, write_report

TOKEN = re.compile(r"^(?:<\d+|\.\.|\d+|\u2013)$")
HIDDEN = ("<5", "..")
STATUS = ("Tillämpliga ärenden", "Besvarade", "Oenigt (ej avgjort)", "Ej besvarade")
#: A number question's statistics: the CSV's "Antal" is the report's "n"; the rest are no counts.
STATS = {"Antal": "n", "Medelvärde": None, "Median": None, "Min": None, "Max": None}


@pytest.fixture
def demo(ctx: AppContext) -> str:
    """The demo audit's id, with small-cell protection N = 5."""
    audit = create_demo(ctx)
    set_small_cell_limit(ctx, audit, 5)
    return audit


def _csv_blocks(path: Path) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    """(question id, [(row label, count cells by column, total last)]) in file order."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle))
    blocks: list[tuple[str, list[tuple[str, list[str]]]]] = []
    for i, line in enumerate(lines):
        if line and line[0] == "Svar" and i > 0:
            rows = []
            for row in lines[i + 1:]:
                if not row or not row[0]:
                    break
                rows.append((row[0], row[1::2]))
            blocks.append((lines[i - 1][0], rows))
    return blocks


def _pdf_lines(ctx: AppContext, audit: str, tmp_path: Path) -> list[str]:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    pdf = write_report(ctx, audit, tmp_path / "r.pdf")
    out = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], check=True,
                         capture_output=True).stdout.decode("utf-8")
    return out.splitlines()


def _find_row(lines: list[str], start: int, label: str, tokens: int,
              end: int | None = None) -> tuple[int, list[str]]:
    """The next line from ``start`` that begins with the label and ends in ``tokens`` cells."""
    for i in range(start, len(lines) if end is None else end):
        words = lines[i].split()
        if not lines[i].strip().startswith(label[:14]) or len(words) < tokens:
            continue
        tail = words[-tokens:]
        if all(TOKEN.match(w) for w in tail):
            return i, tail
    raise AssertionError(f"row {label!r} with {tokens} cells not found after line {start}")


def test_the_report_prints_each_table_cell_as_the_csv_export_does(
        ctx: AppContext, demo: str, tmp_path: Path) -> None:
    lines = _pdf_lines(ctx, demo, tmp_path)
    by_unit = _csv_blocks(export_tables(ctx, demo, tmp_path / "unit.csv", by="unit"))
    by_gender = _csv_blocks(export_tables(ctx, demo, tmp_path / "gender.csv", by="gender"))
    data = report_data(ctx, demo)
    numbers = data.template.question_numbers()
    results = next(i for i, line in enumerate(lines) if line.strip() == "Ärendeurvalet")
    starts = []
    for qid, _rows in by_unit:  # each question's heading in the results chapter, in order
        start = starts[-1] if starts else results
        starts.append(next(i for i in range(start + 1, len(lines))
                           if lines[i].startswith(f"{numbers[qid]} ")))
    hidden_seen = 0
    for index, (_qid, rows) in enumerate(by_unit):
        cursor = starts[index]
        end = starts[index + 1] if index + 1 < len(starts) else None
        for label, cells in rows:
            if label in STATS and STATS[label] is None:
                continue
            status = label in STATUS or label in STATS
            label = STATS.get(label) or label
            width = len(cells) * (1 if status else 2)
            try:
                cursor, printed = _find_row(lines, cursor, label, width, end)
            except AssertionError:
                if status:  # the report leaves out zero and redundant status rows
                    continue
                raise
            counts = printed if status else printed[0::2]
            assert counts == cells, (label, printed, cells)
            hidden_seen += sum(c in HIDDEN for c in counts)
            if not status:  # a hidden count never has its share printed
                assert all(p in HIDDEN for c, p in zip(counts, printed[1::2], strict=True) if c in HIDDEN)
    assert hidden_seen > 20
    chapter = max(i for i, line in enumerate(lines) if line.strip() == "Jämställdhetsanalys")
    compared = {q["id"] for q in data.gender_tables["questions"] if q["type"] in ("choice", "multi")}
    heading = re.compile(r"^\d+\.\d+\s")
    for qid, rows in by_gender:  # the gender table lists the questions by largest difference
        if qid not in compared:
            continue
        cursor = next(i for i in range(chapter, len(lines)) if lines[i].startswith(f"{numbers[qid]} "))
        end = next((i for i in range(cursor + 1, len(lines)) if heading.match(lines[i])), None)
        for label, cells in rows:
            if label in STATUS:
                continue
            # girls n, %, boys n, %, difference
            cursor, printed = _find_row(lines, cursor, label, 5, end)
            assert [printed[0], printed[2]] == cells[:2], (qid, label, printed, cells)


def test_no_printed_total_gives_back_a_hidden_count(ctx: AppContext, demo: str, tmp_path: Path) -> None:
    data = report_data(ctx, demo)
    columns = [c["code"] for c in data.tables["columns"]]
    assert data.masks is not None
    for question in data.tables["questions"]:
        mask = data.masks[question["id"]]["main"]
        rows = list(mask.rows)
        for row in rows:  # a row's columns add up to its total
            hidden = [c for c in columns if mask.hidden(row, c)]
            assert len(hidden) != 1 or mask.hidden(row, "total"), (question["id"], row)
        for col in [*columns, "total"]:
            parts = [r for r in rows if r.startswith("option:")] if question["type"] == "choice" else []
            for total, cells in (("applicable", ["answered", "unresolved", "missing"]), ("answered", parts)):
                hidden = [r for r in cells if mask.hidden(r, col)]
                assert len(hidden) != 1 or mask.hidden(total, col), (question["id"], col, total)
