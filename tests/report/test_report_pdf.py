"""The PDF as a reader gets it: text found through pdftotext, pages numbered "N (M)", metadata."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from audit_app.report.builder import build_report
from audit_app.report.chapters import CHAPTER_TITLES
from audit_app.report.data import ReportData
from audit_app.report.tables import breakdown_columns
from tests.report.conftest import pdftotext, synthetic_data
from tests.report.test_report_tables import expected_rows


def _flat(text: str) -> str:
    """Text with every run of whitespace (line breaks, no-break spaces) as one space."""
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def synthetic() -> ReportData:
    return synthetic_data()


@pytest.fixture(scope="module")
def synthetic_pdf(synthetic: ReportData) -> bytes:
    return build_report(synthetic)


def _check_reader_finds_everything(data: ReportData, pdf: bytes, tmp_path: Path) -> None:
    text = pdftotext(pdf, tmp_path)
    flat = _flat(text)
    assert _flat(data.tables["audit"]["name"]) in flat
    assert _flat(data.title) in flat
    assert f"Totalt granskades {data.tables['cases']['total']} ärenden" in flat
    for column in data.tables["columns"]:
        assert column["label"] in flat
    for question in data.tables["questions"]:
        assert _flat(question["text"]) in flat, question["id"]
    for title in CHAPTER_TITLES:
        assert title in flat
    pages = text.split("\f")[:-1]
    assert len(pages) == _page_count(pdf, tmp_path)
    for number, page in enumerate(pages, 1):
        assert f"{number} ({len(pages)})" in page, f"page {number} lacks its footer"


def _page_count(pdf: bytes, tmp_path: Path) -> int:
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo (poppler-utils) is not installed")
    path = tmp_path / "count.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))


def test_the_example_report_has_name_cases_columns_questions_chapters_and_page_numbers(
    example_data: ReportData, tmp_path: Path
) -> None:
    _check_reader_finds_everything(example_data, build_report(example_data), tmp_path)


def test_the_synthetic_report_has_name_cases_columns_questions_chapters_and_page_numbers(
    synthetic: ReportData, synthetic_pdf: bytes, tmp_path: Path
) -> None:
    _check_reader_finds_everything(synthetic, synthetic_pdf, tmp_path)


def _segments(text: str, data: ReportData) -> dict[str, str]:
    """Each question's stretch of the results chapter, from its heading to the next one."""
    start = text.index("Granskningsresultaten redovisas")
    end = text.index("Dialogmöten med enheterna", start)
    results = text[start:end]
    heads = []
    for s, section in enumerate(data.template.sections, 1):
        for i, q in enumerate(section.questions, 1):
            first = re.escape(q.text.split()[0])
            heads.append((q.id, re.search(rf"^\s*{s}\.{i}\s+{first}", results, re.M).start()))
    heads.append(("end", len(results)))
    return {qid: results[a:b] for (qid, a), (_, b) in zip(heads, heads[1:], strict=False)}


@pytest.mark.parametrize("which", ["example", "synthetic"])
def test_every_table_number_in_the_pdf_equals_the_json(
    which: str,
    example_data: ReportData,
    synthetic: ReportData,
    synthetic_pdf: bytes,
    tmp_path: Path,
) -> None:
    data = example_data if which == "example" else synthetic
    pdf = build_report(data) if which == "example" else synthetic_pdf
    text = pdftotext(pdf, tmp_path, layout=True)
    segments = _segments(text, data)
    codes = [c for c, _ in breakdown_columns(data.tables)]
    for question in data.tables["questions"]:
        segment = segments[question["id"]]
        for label, cells in expected_rows(question, codes).items():
            numbers = r"\s+".join(re.escape(c) for c in cells if c)
            first = re.escape(label.split()[0])
            pattern = rf"^\s*{first}.*?\s{numbers}\s*$"
            assert re.search(pattern, segment, re.M), f"{question['id']}: {label} {cells}"


def test_the_table_of_contents_gives_the_pages_the_chapters_start_on(
    synthetic_pdf: bytes, tmp_path: Path
) -> None:
    pages = pdftotext(synthetic_pdf, tmp_path, layout=True).split("\f")
    toc = pages[1]
    for title in CHAPTER_TITLES:
        match = re.search(rf"^\s*{re.escape(title)}[\s.]*?(\d+)\s*$", toc, re.M)
        assert match, title
        page = pages[int(match.group(1)) - 1]
        assert re.search(rf"^\s*{re.escape(title)}\s*$", page, re.M), title


def test_metadata_title_author_subject_creator_and_swedish_language(
    synthetic: ReportData, synthetic_pdf: bytes, tmp_path: Path
) -> None:
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo (poppler-utils) is not installed")
    path = tmp_path / "r.pdf"
    path.write_bytes(synthetic_pdf)
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True).stdout
    info_text = info.decode("utf-8")
    assert f"Title:           {synthetic.title}" in info_text
    assert f"Author:          {synthetic.author}" in info_text
    assert "Subject:         Kvalitetsgranskning: Syntetisk granskningsmall (version 3)" in info_text
    assert "Creator:         Aktgranskning" in info_text
    assert b"/Lang (sv)" in synthetic_pdf


def test_every_swedish_character_an_inspector_may_type_comes_through(
    example_data: ReportData, tmp_path: Path
) -> None:
    typed = "Åsa Öberg, Émile: ”citat” ‘så’ – § 3 kap. 6 a § ½ € ≥ 4 & < 5 … Ärendet är ömtåligt."
    data = ReportData(**{**example_data.__dict__, "narrative": {"inledning": typed}})
    assert typed in _flat(pdftotext(build_report(data), tmp_path))


def test_unwritten_chapters_show_the_placeholder_and_written_ones_do_not(
    synthetic_pdf: bytes, tmp_path: Path
) -> None:
    flat = _flat(pdftotext(synthetic_pdf, tmp_path))
    assert "[Text skrivs av inspektören]" in flat  # e.g. Utgångspunkter
    intro = flat[flat.index("Inledning Socialtjänstinspektörerna") :][:200]
    assert "kvalitet & rättssäkerhet <för> barn" in intro
    assert "[Text skrivs av inspektören]" not in intro


def test_an_accepted_finding_replaces_the_suggestion(
    synthetic: ReportData, synthetic_pdf: bytes, tmp_path: Path
) -> None:
    flat = _flat(pdftotext(synthetic_pdf, tmp_path))
    assert synthetic.findings["q01"] in flat


def test_the_gender_analysis_lists_the_largest_difference_first(
    synthetic: ReportData, synthetic_pdf: bytes, tmp_path: Path
) -> None:
    from audit_app.report.gender import compare

    compared = compare(synthetic.gender_tables, None)
    largest = [g.largest for g in compared if g.largest is not None]
    assert largest == sorted(largest, reverse=True)
    flat = _flat(pdftotext(synthetic_pdf, tmp_path))
    chapter = flat[flat.rindex("Jämställdhetsanalys") :]
    positions = [chapter.index(_flat(g.text)) for g in compared[:3]]
    assert positions == sorted(positions)


def test_with_a_small_cell_limit_the_pdf_shows_the_marks_and_explains_them(
    tmp_path: Path,
) -> None:
    flat = _flat(pdftotext(build_report(synthetic_data(small_cell_limit=5)), tmp_path))
    assert "<5" in flat and ".." in flat
    assert "<5 = färre än 5 ärenden" in flat


def test_progress_rises_to_its_total(example_data: ReportData) -> None:
    calls: list[tuple[int, int]] = []
    build_report(example_data, progress=lambda done, total: calls.append((done, total)))
    assert calls[-1][0] == calls[-1][1]
    assert len({total for _, total in calls}) == 1
    done = [d for d, _ in calls]
    assert done == sorted(done)


def test_the_report_package_loads_no_database_qt_services_or_storage() -> None:
    code = (
        "import sys, audit_app.report.builder\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('sqlmodel', 'sqlalchemy', "
        "'PySide6', 'alembic') or m.startswith(('audit_app.services', 'audit_app.storage', "
        "'audit_app.gui'))]\n"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == ""


def test_the_bundled_fonts_and_their_licence_are_there() -> None:
    from audit_app.report import fonts

    for name in (fonts.REGULAR, fonts.BOLD, fonts.ITALIC):
        path = fonts.font_path(name, search=(Path("/nonexistent"), fonts.BUNDLED_DIR))
        assert path.parent == fonts.BUNDLED_DIR
    assert "Bitstream Vera" in (fonts.BUNDLED_DIR / "LICENSE").read_text(encoding="utf-8")


def test_a_report_without_a_breakdown_has_only_the_total_column(
    example_data: ReportData, tmp_path: Path
) -> None:
    from tests.report.conftest import load_example_tables

    data = ReportData(
        **{**example_data.__dict__, "tables": load_example_tables("tables_after_consensus.json")}
    )
    _check_reader_finds_everything(data, build_report(data), tmp_path)


def test_the_template_info_copies_a_domain_template() -> None:
    from audit_app.domain.template_loader import load_template_file
    from audit_app.report.data import TemplateInfo

    path = Path(__file__).resolve().parents[2] / "resources" / "templates" / "oppenvard_barn.yaml"
    template = load_template_file(path)
    info = TemplateInfo.from_template(template)
    assert [q.id for q in info.questions] == [q.id for q in template.questions]
    assert len(info.quality_areas) == 6
    first = info.questions[0]
    assert first.options[0].label == template.questions[0].options[0].label
