"""Synthetic audits for benchmarks: a template of N choice questions and cases with answers."""

from __future__ import annotations

import csv
import random
from pathlib import Path

UNITS = [("u1", "Enhet 1"), ("u2", "Enhet 2"), ("u3", "Enhet 3")]
OPTIONS = [("ja", "Ja"), ("nej", "Nej"), ("ej_dok", "Framgår inte av akten")]


def write_template(path: Path, questions: int) -> Path:
    """A valid template with ``questions`` choice questions in sections of ten."""
    lines = ["format: 1", "id: bench", "version: 1", "title: Benchmark", "case_fields:",
             "  - {id: unit, label: Enhet, type: choice, stratify: true, options: ["
             + ", ".join(f"{{code: {c}, label: {lbl}}}" for c, lbl in UNITS) + "]}",
             "  - {id: gender, label: Kön, type: choice, options: [{code: flicka, label: Flicka},"
             " {code: pojke, label: Pojke}]}",
             "sections:"]
    for q in range(questions):
        if q % 10 == 0:
            lines += [f"  - id: s{q // 10}", f"    title: Avsnitt {q // 10 + 1}", "    questions:"]
        lines += [f"      - id: q{q}", f"        text: Fråga {q + 1}", "        type: choice",
                  "        options:"]
        lines += [f"          - {{code: {c}, label: {lbl}}}" for c, lbl in OPTIONS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_cases(path: Path, cases: int) -> Path:
    """A cases CSV with ``cases`` cases spread over units and genders."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["case", "unit", "gender"])
        for i in range(cases):
            writer.writerow([f"C{i:05d}", UNITS[i % 3][0], ("flicka", "pojke")[i % 2]])
    return path


def write_answers(path: Path, cases: int, questions: int, reviewers: int, rows: int | None = None,
                  seed: int = 1) -> int:
    """An answers CSV (case, question, value, reviewer); returns the number of rows written."""
    rng = random.Random(seed)
    written = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["case", "question", "value", "reviewer"])
        for i in range(cases):
            for q in range(questions):
                for r in range(reviewers):
                    if rows is not None and written >= rows:
                        return written
                    writer.writerow([f"C{i:05d}", f"q{q}", rng.choice(OPTIONS)[0], f"granskare_{r}"])
                    written += 1
    return written


def audit_with_cases(data_dir: Path, template: Path, cases_csv: Path):  # type: ignore[no-untyped-def]
    """A fresh context in ``data_dir`` with an audit of ``template`` and its cases imported."""
    from audit_app.services.audits import create_audit
    from audit_app.services.context import AppContext
    from audit_app.services.imports import import_cases

    ctx = AppContext.from_options(data_dir=data_dir, actor="bench")
    audit_id = create_audit(ctx, str(template), "Bench")
    import_cases(ctx, audit_id, cases_csv)
    return ctx, audit_id
