"""The tables view's files: the chart as PNG or SVG, and the exports run in a worker with progress.

The services write every file (:mod:`audit_app.services.export`, :mod:`audit_app.services.charts`);
this module only asks where, runs the work off the GUI thread and moves the view's progress bar.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QProgressBar, QWidget

from audit_app.gui.errors import dispatcher
from audit_app.gui.text import fmt
from audit_app.gui.workers import run_in_background

if TYPE_CHECKING:
    from audit_app.services.context import AppContext


class ProgressRelay(QObject):
    """Carries ``progress(done, total)`` from a worker thread to a progress bar (queued)."""

    moved = Signal(int, int)

    def __init__(self, bar: QProgressBar) -> None:
        super().__init__(bar)
        self.bar = bar
        self.moved.connect(self._show)

    def _show(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)

    def __call__(self, done: int, total: int) -> None:
        self.moved.emit(done, total)


def ask_path(parent: QWidget, title: str, suggested: str, filters: str) -> Path | None:
    """A file to write, or None when the user cancels."""
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
    return Path(path) if path else None


def run_export(parent: QWidget, bar: QProgressBar, work: Callable[[Callable[[int, int], None]], Any],
               on_done: Callable[[Any], None]) -> None:
    """Run ``work(progress)`` in the background while ``bar`` shows how far it has come."""
    relay = ProgressRelay(bar)
    bar.setRange(0, 0)
    bar.setValue(0)
    bar.show()

    def done(result: object) -> None:
        bar.hide()
        relay.deleteLater()
        on_done(result)

    def failed(_error: BaseException) -> bool:
        bar.hide()
        relay.deleteLater()
        return False

    run_in_background(parent, None, lambda: work(relay), done, failed)


def tables_work(ctx: AppContext, audit_id: str, out: Path, by: str | None,
                by2: str | None) -> Callable[[Callable[[int, int], None]], Path]:
    """Write one breakdown's tables (.xlsx or .csv) through the audit's small-cell limit."""
    from audit_app.services.export import export_tables

    return lambda progress: export_tables(ctx, audit_id, out, by=by, by2=by2, progress=progress)


def workbook_work(ctx: AppContext, audit_id: str,
                  out: Path) -> Callable[[Callable[[int, int], None]], Path]:
    """Write the whole workbook: every standard breakdown, gender analysis, genomlysning, codebook."""
    from audit_app.services.export import export_workbook

    return lambda progress: export_workbook(ctx, audit_id, out, progress=progress)


def raw_work(ctx: AppContext, audit_id: str, out: Path) -> Callable[[Callable[[int, int], None]], Path]:
    """Write the raw data (one row per case; XLSX also every reviewer answer and the change log)."""
    from audit_app.services.export import export_raw

    def work(progress: Callable[[int, int], None]) -> Path:
        progress(0, 1)
        result = export_raw(ctx, audit_id, out)
        progress(1, 1)
        return result

    return work


def save_chart_bytes(data: Any, out: Path) -> Path:
    """Write a chart (:class:`audit_app.services.charts.ChartData`) as PNG or SVG by the suffix."""
    from audit_app.domain.diagnostics import InputRejected
    from audit_app.services.charts import FORMATS, render_chart

    kind = FORMATS.get(out.suffix.lower())
    if kind is None:
        raise InputRejected(fmt("%1: the chart file must end in .png or .svg", out))
    out.write_bytes(render_chart(data, kind))
    return out


class TablesFiles:
    """The tables view's file actions (mixed into :class:`audit_app.gui.tables_page.TablesPage`).

    Texts are translated in the view's context (``TablesPage``).
    """

    audit_id: str | None
    session: Any
    model: Any
    progress: QProgressBar
    limit: Any
    exporting: bool
    blinded: bool
    message: Any
    tr: Any
    chart_data: Any
    load: Any
    breakdown: Any

    def save_chart(self, path: Path | None = None) -> Path | None:
        """Save the chart shown as PNG or SVG (asks where unless given a path)."""
        data = None if self.blinded else self.chart_data()
        if data is None or self.model.question is None:
            return None
        if path is None:
            path = ask_path(self, self.tr("Save chart"), f"{self.model.question['id']}.png",
                                  self.tr("PNG image (*.png);;SVG image (*.svg)"))
            if path is None:
                return None
        with dispatcher.reporting(self):
            written = save_chart_bytes(data, path)
            self.message.emit(fmt(self.tr("Chart saved: %1"), written))
            return written
        return None

    def store_limit(self) -> None:
        """Store the small-cell limit of the audit (0: off) and show the tables through it."""
        from audit_app.services.audit_settings import set_small_cell_limit

        if self.audit_id is None:
            return
        with dispatcher.reporting(self):
            set_small_cell_limit(self.session.ctx, self.audit_id, self.limit.value() or None)
            self.load()

    def _export(self, title: str, suggested: str, filters: str, path: Path | None,
                make: Any) -> None:
        if self.audit_id is None or self.blinded:
            return
        if path is None:
            path = ask_path(self, title, suggested, filters)
            if path is None:
                return
        self.exporting = True

        def done(written: object) -> None:
            self.exporting = False
            self.message.emit(fmt(self.tr("Exported: %1"), written))

        run_export(self,  # type: ignore[arg-type]
                    self.progress, make(path), done)

    def export_tables(self, path: Path | None = None, suffix: str = ".xlsx") -> None:
        """The tables of the chosen breakdown as XLSX (with the codebook) or CSV."""
        by, by2 = self.breakdown()
        ctx, audit_id = self.session.ctx, self.audit_id
        filters = self.tr("Excel workbook (*.xlsx)") if suffix == ".xlsx" \
            else self.tr("CSV file (*.csv)")
        self._export(self.tr("Export tables"), f"tabeller{suffix}", filters, path,
                     lambda out: tables_work(ctx, str(audit_id), out, by, by2))

    def export_workbook(self, path: Path | None = None) -> None:
        """Every standard breakdown, the gender analysis, genomlysning and the codebook."""
        ctx, audit_id = self.session.ctx, self.audit_id
        self._export(self.tr("Export the whole workbook"), "tabeller.xlsx",
                     self.tr("Excel workbook (*.xlsx)"), path,
                     lambda out: workbook_work(ctx, str(audit_id), out))

    def export_raw(self, path: Path | None = None) -> None:
        """The raw data: cases with final answers; XLSX adds every reviewer answer and the log."""
        ctx, audit_id = self.session.ctx, self.audit_id
        self._export(self.tr("Export raw data"), "radata.xlsx",
                     self.tr("Excel workbook (*.xlsx);;CSV file (*.csv)"), path,
                     lambda out: raw_work(ctx, str(audit_id), out))
