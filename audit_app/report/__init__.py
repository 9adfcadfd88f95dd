"""The PDF inspection report (ReportLab): ``build_report(ReportData) -> bytes``.

The package takes plain data (``data``) and never reads the database; see ``builder``.
"""

from audit_app.report.builder import build_report
from audit_app.report.data import (
    OptionInfo,
    QualityAreaInfo,
    QuestionInfo,
    ReportData,
    SampleFacts,
    SectionInfo,
    TemplateInfo,
    Vignette,
)

__all__ = [
    "OptionInfo",
    "QualityAreaInfo",
    "QuestionInfo",
    "ReportData",
    "SampleFacts",
    "SectionInfo",
    "TemplateInfo",
    "Vignette",
    "build_report",
]
