"""Fixtures for the report tests: the five-case example audit and a larger synthetic one."""

from __future__ import annotations

import datetime
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from audit_app.report.data import (
    QuestionInfo,
    ReportData,
    SampleFacts,
    SectionInfo,
    TemplateInfo,
    Vignette,
)
from tests.report import synthetic

#: ``../shared/examples`` from the project root (DESIGN.md).
EXAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "examples"


def example_template() -> TemplateInfo:
    """The example template.yaml as the report sees it."""
    if not EXAMPLES.is_dir():
        pytest.skip(f"the shared examples are not at {EXAMPLES}")
    raw = YAML(typ="safe").load((EXAMPLES / "template.yaml").read_text(encoding="utf-8"))
    return TemplateInfo(
        id=raw["id"],
        version=raw["version"],
        title=raw["title"],
        quality_areas=[(a["id"], a["label"], a.get("description")) for a in raw["quality_areas"]],
        sections=[
            SectionInfo(
                id=s["id"],
                title=s["title"],
                quality_area=s.get("quality_area"),
                questions=[
                    QuestionInfo(
                        id=q["id"],
                        text=q["text"],
                        type=q["type"],
                        options=[
                            (o["code"], o["label"], o.get("kind", "value")) for o in q.get("options", [])
                        ],
                        reference=q.get("reference"),
                        help=q.get("help"),
                        applies_when=q.get("applies_when"),
                        quality_area=q.get("quality_area"),
                    )
                    for q in s["questions"]
                ],
            )
            for s in raw["sections"]
        ],
    )


def load_example_tables(name: str = "tables_by_unit.json") -> dict[str, Any]:
    """One of the hand-checked table files."""
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


@pytest.fixture
def example_data() -> ReportData:
    """The example audit (4 included cases, by unit), without any inspector text."""
    tables = load_example_tables()
    return ReportData(
        title="Exempelgranskning av öppenvård",
        organisation="Exempelstads socialförvaltning",
        author="Inspektör Ingrid Åkesson",
        created=datetime.date(2024, 11, 5),
        template=example_template(),
        sample=SampleFacts(
            included=tables["cases"]["total"],
            excluded=tables["excluded"],
            excluded_reasons={"Journaler saknas": 1},
            by_field={"Enhet": [("Norrby", 2), ("Söderby", 2)], "Kön": [("Flicka", 2), ("Pojke", 2)]},
            units=["Norrby", "Söderby"],
            strata=["Enhet", "Kön"],
        ),
        tables=tables,
    )


def synthetic_data(small_cell_limit: int | None = None) -> ReportData:
    """The synthetic audit: 36 cases in 3 units, 40 questions, with text and case examples."""
    template = synthetic.synthetic_template()
    cases = synthetic.synthetic_cases(template)
    tables = synthetic.tabulate(template, cases, "unit")
    by_unit = [(lbl, tables["cases"][code]) for code, lbl in synthetic.UNITS]
    narrative = {
        "sammanfattning": "Granskningen visar att barnets röst behöver framträda tydligare.\n\n"
        "- Genomförandeplaner fanns i de flesta ärenden.\n- Uppföljning skedde i 80 procent.",
        "inledning": "Socialtjänstinspektörerna granskar kvalitet & rättssäkerhet <för> barn.",
        "analys_sjalvbestammande": "Barnet var sällan delaktigt i att formulera uppdraget.",
        "dialogmoten": "Vid varje enhet hölls ett dialogmöte med arbetsgrupp och chefer.",
    }
    return ReportData(
        title="Öppenvård barn 0–12 år – Socialtjänstinspektörernas kvalitetsgranskning",
        organisation="Socialförvaltningen, Stockholms stad",
        author="Åsa Öberg och Émile Ängström",
        created=datetime.date(2024, 12, 2),
        template=template,
        sample=SampleFacts(
            included=tables["cases"]["total"],
            excluded=2,
            excluded_reasons={"Journaler saknades": 1, "Insatsen hade nyss påbörjats": 1},
            by_field={
                "Enhet": by_unit,
                "Kön": [("Flicka", 18), ("Pojke", 18)],
                "Status": [("Pågående", 9), ("Avslutad", 27)],
                "Åldersgrupp": [("0-3 år", 7), ("4-6 år", 9), ("7-9 år", 12), ("10-12 år", 8)],
            },
            units=[lbl for _, lbl in synthetic.UNITS],
            strata=["Kön"],
        ),
        tables=tables,
        gender_tables=synthetic.tabulate(template, cases, "gender"),
        narrative=narrative,
        findings={"q01": "I de flesta ärenden fanns ett tydligt uppdrag till öppenvården."},
        vignettes=[
            Vignette(
                "Barnsamtal/familjesamtal",
                "Närvarande: barnet, mamma, pappa.\n\nSyfte: att berätta om insatsen för barnet.",
                "sjalvbestammande",
            ),
            Vignette("Avslutningsanteckning", "Behandlaren sammanfattar hur långt insatsen nådde."),
        ],
        small_cell_limit=small_cell_limit,
    )


def pdftotext(pdf: bytes, tmp_path: Path, *, layout: bool = False) -> str:
    """The PDF's text through poppler's pdftotext (pages separated by form feeds)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed; apt-get install poppler-utils")
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(args, check=True, capture_output=True).stdout.decode("utf-8")
