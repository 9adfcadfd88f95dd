"""Import 100,000 answer rows and build the tables for 2,000 cases x 40 questions x 2 reviewers.

Each is printed as a ratio to a baseline measured in the same run:
- import: the same CSV read with the csv module and the same rows the import stores (each
  answer and its change-log entry) written with raw sqlite3 executemany, with the same pragmas
  (WAL, synchronous=FULL), in one transaction. Target: at most 2x.
- tables: the same counts from one plain SQL GROUP BY over the stored answers. Target: at most 3x.

Run: .venv/bin/python -m benchmarks.bench_import_tables [--cases N --questions N]
"""

from __future__ import annotations

import argparse
import csv
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from audit_app.services.imports import import_answers
from audit_app.services.tables import audit_tables
from benchmarks.synthetic import audit_with_cases, write_answers, write_cases, write_template


def _baseline_import(csv_path: Path, db_path: Path) -> float:
    start = time.perf_counter()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE answer (id INTEGER PRIMARY KEY, case_label TEXT, question_id TEXT,"
                 " reviewer TEXT, value TEXT, UNIQUE(case_label, question_id, reviewer))")
    conn.execute("CREATE TABLE change_log (id INTEGER PRIMARY KEY, case_label TEXT,"
                 " question_id TEXT, reviewer TEXT, new_value TEXT)")
    with csv_path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader)
        rows = list(reader)
        with conn:
            conn.executemany("INSERT INTO answer (case_label, question_id, value, reviewer)"
                             " VALUES (?, ?, ?, ?)", rows)
            conn.executemany("INSERT INTO change_log (case_label, question_id, new_value, reviewer)"
                             " VALUES (?, ?, ?, ?)", rows)
    conn.close()
    return time.perf_counter() - start


def _baseline_tables(db_path: Path) -> float:
    start = time.perf_counter()
    conn = sqlite3.connect(db_path)
    rows = conn.execute(
        "SELECT c.fields_json, a.question_id, a.value, count(*) FROM answer a "
        "JOIN audit_case c ON c.id = a.case_id GROUP BY c.fields_json, a.question_id, a.value"
    ).fetchall()
    conn.close()
    assert rows
    return time.perf_counter() - start


def _best(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    return min(fn() for _ in range(repeat))


def main(argv: list[str] | None = None) -> int:
    """Run both benchmarks and print the ratios; exit 1 when a target is missed."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--questions", type=int, default=40)
    parser.add_argument("--import-rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        template = write_template(root / "t.yaml", args.questions)
        cases_csv = write_cases(root / "cases.csv", args.cases)
        import_csv = root / "import.csv"
        write_answers(import_csv, args.cases, args.questions, 2, rows=args.import_rows)

        def ours_import() -> float:
            ctx, audit_id = audit_with_cases(root / f"d{time.perf_counter_ns()}", template,
                                             cases_csv)
            start = time.perf_counter()
            import_answers(ctx, audit_id, import_csv)
            elapsed = time.perf_counter() - start
            ctx.close()
            return elapsed

        base_i = _best(lambda: _baseline_import(import_csv, root / f"b{time.perf_counter_ns()}.db"),
                       args.repeat)
        ours_i = _best(ours_import, args.repeat)

        full_csv = root / "full.csv"
        write_answers(full_csv, args.cases, args.questions, 2)
        ctx, audit_id = audit_with_cases(root / "tables", template, cases_csv)
        import_answers(ctx, audit_id, full_csv)
        base_t = _best(lambda: _baseline_tables(root / "tables" / "audit.db"), args.repeat)

        def ours_tables() -> float:
            start = time.perf_counter()
            audit_tables(ctx, audit_id, by="unit")
            return time.perf_counter() - start

        ours_t = _best(ours_tables, args.repeat)
        ctx.close()
    results = [("import", ours_i, base_i, 2.0), ("tables", ours_t, base_t, 3.0)]
    failed = False
    for name, ours, base, target in results:
        ratio = ours / base
        failed |= ratio > target
        print(f"{name:8} ours {ours:8.3f} s  baseline {base:8.3f} s  ratio {ratio:5.2f}x "
              f"(target <= {target:.0f}x) {'OK' if ratio <= target else 'MISSED'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
