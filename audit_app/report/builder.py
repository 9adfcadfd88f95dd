"""Build the inspection report PDF from a ``ReportData``: the one public entry of the package.

The chapters follow the seed report 002: Sammanfattning, Inledning, Granskningsmetod, Målgrupp,
urval och avgränsning, Utgångspunkter, Bakgrund, Granskningsresultat, Dialogmöten, Analys per
kvalitetsområde, Jämställdhetsanalys and the template as an appendix. The PDF is laid out and
drawn once: the contents' page numbers and the footer's page count are filled in at the end.
"""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO

from audit_app.report.analysis import analysis_chapter
from audit_app.report.appendix import appendix_chapter
from audit_app.report.chapters import (
    DIALOGMOTEN,
    contents,
    front_chapters,
    plain_chapter,
    title_page,
)
from audit_app.report.contents import OnePassContents, toc_entries
from audit_app.report.data import ReportData
from audit_app.report.gender import gender_chapter
from audit_app.report.results import results_chapter
from audit_app.report.story import Story
from audit_app.report.suppression import GENDER, MAIN, mask_tables
from audit_app.report.templates import ReportDocument, numbered_canvas

CREATOR = "Aktgranskning"
#: Rendering passes: one (the contents' page numbers are filled in at the end, see ``contents``).
EXPECTED_PASSES = 1

Progress = Callable[[int, int], None]


def write_story(data: ReportData) -> Story:
    """Every flowable of the report, in order."""
    # The exports' masks when given (the same cells hidden in every file); else one suppression
    # per question across both breakdowns, so no table gives back what another hides.
    masks = data.masks if data.masks is not None else \
        mask_tables({MAIN: data.tables, GENDER: data.gender_tables}, data.small_cell_limit)
    story = Story()
    title_page(story, data)
    contents(story)
    front_chapters(story, data)
    results_chapter(story, data, masks)
    plain_chapter(story, data, DIALOGMOTEN, "dialogmoten")
    analysis_chapter(story, data, masks)
    gender_chapter(story, data, masks)
    appendix_chapter(story, data)
    return story


class _Progress:
    """Turns ReportLab's per-pass flowable counts into one rising (done, total) series."""

    def __init__(self, callback: Progress | None, flowables: int) -> None:
        self.callback = callback
        self.per_pass = max(flowables, 1)
        self.total = self.per_pass * EXPECTED_PASSES + 1
        self.passes = 1  # a single ``build`` announces no pass
        self.done = 0

    def __call__(self, kind: str, value: int) -> None:
        if kind == "PASS":
            self.passes = value
        elif kind == "PROGRESS":
            self.report((self.passes - 1) * self.per_pass + value)

    def report(self, done: int) -> None:
        done = min(max(done, self.done), self.total - 1)
        if self.callback is not None and done > self.done:
            self.callback(done, self.total)
        self.done = done

    def finish(self) -> None:
        if self.callback is not None:
            self.callback(self.total, self.total)


def build_report(data: ReportData, progress: Progress | None = None) -> bytes:
    """Render the report and return the PDF's bytes.

    ``progress(done, total)`` is called while rendering, with a fixed ``total``, and finally with
    ``done == total``.
    """
    story = write_story(data)
    out = BytesIO()
    doc = ReportDocument(
        out,
        header_left=data.title,
        header_right=data.organisation or "",
        title=data.title,
        author=data.author,
        subject=f"Kvalitetsgranskning: {data.template.title} (version {data.template.version})",
        creator=CREATOR,
        producer=CREATOR,
        keywords=["kvalitetsgranskning", "ärendegranskning", data.template.id],
        lang="sv",
    )
    tracker = _Progress(progress, len(story.flowables))
    tracker.report(0)
    doc.setProgressCallBack(tracker)
    entries = toc_entries(story.flowables)
    for flowable in story.flowables:
        if isinstance(flowable, OnePassContents):
            flowable.prefill(entries)
    doc.build(story.flowables, canvasmaker=numbered_canvas(data.title))
    tracker.finish()
    return out.getvalue()
