"""'audit-app agreement' on the shared five-case example: the exact JSON of DESIGN section 8.

Only A3's gp_finns has two answers (anna ja, bo nej); A3's barn_gp and skal do not count: barn_gp
does not apply while gp_finns is unresolved (and bo did not answer it), skal is a multi question.
By hand, for that one unit: pa = 0; kappa: po = 0, pe = 0 (anna only ja, bo only nej), so 0;
alpha: n = 2 values, D = 2, n^2 - sum n_c^2 = 2, so 1 - 1 * 2 / 2 = 0; AC1 with Q = 3 options:
pi_ja = pi_nej = 1/2, pe = (1/4 + 1/4) / 2 = 1/4, AC1 = (0 - 1/4) / (3/4) = -1/3.
One unit gives no interval.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

NULLS = {"cohen_kappa": None, "krippendorff_alpha": None, "gwet_ac1": None}

EXPECTED = {
    "audit": {"id": None, "name": "Exempel"},
    "reviewers": ["anna", "bo"],
    "questions": [
        {"id": "gp_finns", "units": 1, "percent_agreement": 0.0, "cohen_kappa": 0.0,
         "krippendorff_alpha": 0.0, "gwet_ac1": -1 / 3, "ci95": NULLS},
        {"id": "barn_gp", "units": 0, "percent_agreement": None, **NULLS, "ci95": NULLS},
    ],
    "overall": {"units": 1, "percent_agreement": 0.0, "krippendorff_alpha": 0.0,
                "gwet_ac1": -1 / 3},
}


def _setup(cli, example_dir: Path) -> str:  # type: ignore[no-untyped-def]
    audit_id = cli("audit", "create", "--template", str(example_dir / "template.yaml"),
                   "--name", "Exempel").out.strip()
    assert cli("cases", "import", audit_id, str(example_dir / "cases.csv")).code == 0
    assert cli("answers", "import", audit_id, str(example_dir / "answers.csv")).code == 0
    return str(audit_id)


def test_agreement_json_on_the_example(cli, example_dir: Path) -> None:  # type: ignore[no-untyped-def]
    audit_id = _setup(cli, example_dir)
    result = cli("agreement", audit_id)
    assert result.code == 0, result.err
    data = result.json()
    assert data["audit"]["id"] == audit_id
    data["audit"]["id"] = None
    assert data == EXPECTED
    assert list(data) == ["audit", "reviewers", "questions", "overall"]
    assert list(data["questions"][0]) == ["id", "units", "percent_agreement", "cohen_kappa",
                                          "krippendorff_alpha", "gwet_ac1", "ci95"]
    assert cli("agreement", "Exempel", "--format", "json").json() == result.json()


def test_consensus_is_not_a_reviewer(cli, example_dir: Path) -> None:  # type: ignore[no-untyped-def]
    # After consensus gp_finns = ja on A3, barn_gp applies there, but only anna answered it.
    _setup(cli, example_dir)
    assert cli("answers", "import", "Exempel", str(example_dir / "consensus.csv"),
               "--consensus").code == 0
    data = cli("agreement", "Exempel").json()
    data["audit"]["id"] = None
    assert data == EXPECTED


def test_agreement_csv_has_a_row_per_question_and_overall(cli, example_dir: Path) -> None:  # type: ignore[no-untyped-def]
    _setup(cli, example_dir)
    result = cli("agreement", "Exempel", "--format", "csv")
    assert result.code == 0, result.err
    rows = list(csv.DictReader(io.StringIO(result.out)))
    assert [r["question"] for r in rows] == ["gp_finns", "barn_gp", "_overall"]
    first = rows[0]
    assert first["units"] == "1" and float(first["gwet_ac1"]) == -1 / 3
    assert first["cohen_kappa"] == "0.0" and first["cohen_kappa_ci95_lo"] == ""
    assert rows[1]["units"] == "0" and rows[1]["percent_agreement"] == ""
    assert rows[2]["units"] == "1" and rows[2]["cohen_kappa"] == ""


def test_unknown_audit_and_bad_format_are_rejected(cli, example_dir: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("agreement", "finns-inte").code != 0
    assert cli("agreement", "Exempel", "--format", "xlsx").code == 2
