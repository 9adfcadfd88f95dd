"""The results chapter's bar charts: one per option question, none when it would draw no bar."""

from __future__ import annotations

from pathlib import Path

from audit_app.report import build_report
from audit_app.report.charts import GroupedBarChart
from audit_app.report.results import _chart
from audit_app.report.suppression import mask_question
from tests.report.conftest import pdftotext, synthetic_data


def _question(ja: dict[str, int], nej: dict[str, int]) -> dict[str, object]:
    answered = {k: ja[k] + nej[k] for k in ja}
    zero = dict.fromkeys(ja, 0)
    return {"id": "q", "type": "choice", "applicable": answered, "answered": answered,
            "unresolved": zero, "missing": zero,
            "rows": [{"code": "ja", "label": "Ja", "kind": "value", "counts": ja},
                     {"code": "nej", "label": "Nej", "kind": "value", "counts": nej}]}


COLUMNS = [("a", "Enhet A"), ("b", "Enhet B")]


def test_a_question_with_shares_to_show_gets_a_chart() -> None:
    question = _question({"a": 6, "b": 7, "total": 13}, {"a": 8, "b": 9, "total": 17})
    chart = _chart(question, COLUMNS, mask_question(question, ["a", "b"], 5))
    assert isinstance(chart, GroupedBarChart)


def test_no_chart_when_every_share_is_hidden_or_zero() -> None:
    question = _question({"a": 2, "b": 0, "total": 2}, {"a": 0, "b": 3, "total": 3})
    assert _chart(question, COLUMNS, mask_question(question, ["a", "b"], 5)) is None


def test_each_chart_caption_names_its_question(tmp_path: Path) -> None:
    text = pdftotext(build_report(synthetic_data()), tmp_path)
    assert "Fråga 1.1: andel av besvarade ärenden, procent." in text
