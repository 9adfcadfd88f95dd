"""The phases on the command line: answers refused once the review ends, blinded outputs before."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_colleague_review import _setup
from tests.cli.test_package_commands import (  # noqa: F401 - fixtures
    Laptops,
    Run,
    _answers_file,
    _state,
    laptops,
    run,
)


def test_answers_and_answers_packages_are_refused_once_the_review_phase_has_ended(
        laptops: Laptops, run: Run) -> None:  # noqa: F811 - the imported fixtures
    tl, anna, audit, tmp = laptops.tl, laptops.anna, laptops.audit, laptops.tmp
    run(tl, "package", "export-assignment", audit, "--reviewer", "anna", "--to", "Anna Andersson",
        "--out", str(tmp / "a.akt"))
    run(anna, "package", "open", str(tmp / "a.akt"))
    run(anna, "answers", "import", audit, _answers_file(tmp, "A1,gp_finns,ja\n"), "--reviewer",
        "anna")
    run(anna, "package", "export-answers", audit, "--out", str(tmp / "p.akt"))
    assert run(tl, "audit", "phase", audit, "reconcile").code == 0
    before = _state(tl, audit)
    imported = run(tl, "package", "import", str(tmp / "p.akt"))
    assert imported.code == 2 and "review phase of the audit 'Kollegial' has ended" in imported.err
    typed = run(tl, "answers", "import", audit, _answers_file(tmp, "A2,gp_finns,nej\n"),
                "--reviewer", "anna")
    assert typed.code == 2 and "audit-app audit phase 'Kollegial' review" in typed.err
    assert _state(tl, audit) == before
    # The team leader's consensus is still recorded.
    agreed = run(tl, "answers", "import", audit, _answers_file(tmp, "A1,gp_finns,ja\n"),
                 "--consensus")
    assert agreed.code == 0, agreed.err
    assert run(tl, "audit", "phase", audit, "review").code == 0
    again = run(tl, "package", "import", str(tmp / "p.akt"))
    assert again.code == 0 and "1 answers written" in again.out


def test_agreement_export_and_report_are_refused_while_the_review_lasts(
        cli, example_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _setup(cli, example_dir)
    assert cli("plan", "Exempel", "assign", "--reviewers", "anna,bo", "--double-all").code == 0
    for args, out in ((("agreement", "Exempel"), None),
                      (("export", "Exempel", "--out", str(tmp_path / "svar.json")), "svar.json"),
                      (("export", "Exempel", "--out", str(tmp_path / "svar.xlsx")), "svar.xlsx"),
                      (("report", "Exempel", "--out", str(tmp_path / "r.pdf")), "r.pdf"),
                      (("tables", "Exempel"), None),
                      (("tables", "Exempel", "--format", "xlsx", "--out", str(tmp_path / "t.xlsx")),
                       "t.xlsx"),
                      (("chart", "Exempel", "gp_finns", "--out", str(tmp_path / "c.png")),
                       "c.png")):
        result = cli(*args)
        assert result.code == 2, (args, result.err)
        assert "is in its review phase" in result.err
        assert "audit-app audit phase 'Exempel' reconcile" in result.err
        assert out is None or not (tmp_path / out).exists()
    assert cli("audit", "phase", "Exempel", "reconcile").code == 0
    agreement = cli("agreement", "Exempel")
    assert agreement.code == 0 and json.loads(agreement.out)["reviewers"] == ["anna", "bo"]
    assert cli("export", "Exempel", "--out", str(tmp_path / "svar.json")).code == 0
    assert cli("tables", "Exempel").code == 0
    assert json.loads((tmp_path / "svar.json").read_text("utf-8"))["answers"]
