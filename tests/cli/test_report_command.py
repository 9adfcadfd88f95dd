"""`audit-app report` writes the PDF of DESIGN section 9 from the same counts as `tables`."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext not installed")


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout


def test_report_has_name_cases_columns_questions_and_page_footers(cli, example_dir: Path,
                                                                  tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    audit = cli("audit", "create", "--template", str(example_dir / "template.yaml"),
                "--name", "Exempelgranskning 2026").out.strip()
    cli("cases", "import", audit, str(example_dir / "cases.csv"))
    cli("answers", "import", audit, str(example_dir / "answers.csv"))
    out = tmp_path / "rapport.pdf"
    result = cli("report", audit, "--out", str(out), "--by", "unit")
    assert result.code == 0, result.err
    text = _text(out)
    tables = cli("tables", audit, "--by", "unit").json()
    assert "Exempelgranskning 2026" in text
    assert re.search(r"\b4\b", text)  # included cases
    for column in tables["columns"]:
        assert column["label"] in text
    flat = " ".join(text.split())
    for question in tables["questions"]:
        assert " ".join(question["text"].split()) in flat
    pages = text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        assert f"{number} ({total})" in page


def test_report_by_a_text_field_is_rejected_and_writes_nothing(cli, example_dir: Path,
                                                               tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    audit = cli("audit", "create", "--template", str(example_dir / "template.yaml"),
                "--name", "E").out.strip()
    out = tmp_path / "r.pdf"
    result = cli("report", audit, "--out", str(out), "--by", "age")
    assert result.code == 2 and not out.exists()
