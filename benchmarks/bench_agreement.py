"""Time 'audit-app agreement' on 2,000 cases x 40 choice questions x 3 reviewers (every case triple-read).

Prints the time of the whole use case (load the audit from SQLite, resolve applicability, compute
the statistics and 1,000 bootstrap resamples per question), and the domain computation alone.

Run: .venv/bin/python -m benchmarks.bench_agreement [--cases N --questions N --reviewers N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from audit_app.domain.agreement import build_agreement
from audit_app.services.agreement import audit_agreement
from audit_app.services.audits import load_records, open_audit
from audit_app.services.imports import import_answers
from benchmarks.synthetic import audit_with_cases, write_answers, write_cases, write_template


def main(argv: list[str] | None = None) -> int:
    """Build the synthetic audit once, then time the agreement use case (best of --repeat)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--questions", type=int, default=40)
    parser.add_argument("--reviewers", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        template = write_template(root / "t.yaml", args.questions)
        cases_csv = write_cases(root / "cases.csv", args.cases)
        answers_csv = root / "answers.csv"
        rows = write_answers(answers_csv, args.cases, args.questions, args.reviewers)
        ctx, audit_id = audit_with_cases(root / "data", template, cases_csv)
        start = time.perf_counter()
        import_answers(ctx, audit_id, answers_csv)
        print(f"setup: {rows} answers imported in {time.perf_counter() - start:.1f} s")

        def whole() -> float:
            start = time.perf_counter()
            audit_agreement(ctx, audit_id)
            return time.perf_counter() - start

        with ctx.db.unit_of_work() as repo:
            audit = open_audit(repo, audit_id)
            cases, answers = load_records(repo, audit)

        def domain() -> float:
            start = time.perf_counter()
            build_agreement(audit.template, cases, answers)
            return time.perf_counter() - start

        best_whole = min(whole() for _ in range(args.repeat))
        best_domain = min(domain() for _ in range(args.repeat))
        ctx.close()
    print(f"agreement ({args.cases} cases x {args.questions} questions x {args.reviewers} reviewers, "
          f"1000 resamples per question): {best_whole:.2f} s in all, {best_domain:.2f} s computing")
    return 0


if __name__ == "__main__":
    sys.exit(main())
