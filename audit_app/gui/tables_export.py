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
