"""Import 100,000 answer rows and build the tables for 2,000 cases x 40 questions x 2 reviewers.

Each is printed as a ratio to a baseline measured in the same run:
- import: the same CSV read with the csv module and the same rows the import stores (each
  answer and its change-log entry, with the program's columns, unique key and change-log index)
  written with raw sqlite3 executemany, with the same pragmas (WAL, synchronous=FULL), in one
  transaction. The program's validation, identity-number guard and change-log checksums are
  not in the baseline. Target: at most 2x.
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

_AUDIT_ID = "00000000-0000-4000-8000-000000000000"
_SEAL = "0" * 64  # the width of a change-log checksum; computing it stays on the program's side


def _baseline_import(csv_path: Path, db_path: Path) -> float:
    """The same rows as the program stores them: the same columns, keys and indexes, raw driver."""
    start = time.perf_counter()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE answer (id INTEGER PRIMARY KEY, audit_id VARCHAR(36), case_id INTEGER,"
                 " question_id VARCHAR(100), reviewer VARCHAR(100), value TEXT, comment TEXT,"
                 " updated_at DATETIME, UNIQUE(case_id, question_id, reviewer))")
    conn.execute("CREATE TABLE change_log (id INTEGER PRIMARY KEY, at DATETIME, actor VARCHAR(100),"
                 " audit_id VARCHAR(36), case_label VARCHAR(100), question_id VARCHAR(100),"
                 " reviewer VARCHAR(100), action VARCHAR(40), old_value TEXT, new_value TEXT,"
                 " reason TEXT, checksum VARCHAR(64))")
    conn.execute("CREATE INDEX ix_change_audit_case_q ON change_log (audit_id, case_label, question_id)")
    now = "2026-01-01 00:00:00.000000"
    with csv_path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader)
        rows = list(reader)
        case_ids: dict[str, int] = {}
        with conn:
            conn.executemany(
                "INSERT INTO answer (audit_id, case_id, question_id, value, reviewer, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                ((_AUDIT_ID, case_ids.setdefault(case, len(case_ids) + 1), q, v, r, now)
                 for case, q, v, r in rows))
            conn.executemany(
                "INSERT INTO change_log (at, actor, audit_id, case_label, question_id, reviewer,"
                " action, new_value, reason, checksum) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ((now, "bench", _AUDIT_ID, case, q, r, "answer-set", v, "import", _SEAL)
                 for case, q, v, r in rows))
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
