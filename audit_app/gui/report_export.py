"""Exporting the report editor's report as a PDF: a file name asked, written in a worker with a
progress bar (the same report as ``audit-app report``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QProgressBar, QPushButton, QWidget

from audit_app.gui.text import fmt

if TYPE_CHECKING:
    from audit_app.gui.session import Session


def _tr(source: str) -> str:
    return QCoreApplication.translate("ReportEditorPage", source)


class ReportExport:
    """The export part of the report editor page (a QWidget with these attributes)."""

    audit_id: str | None
    session: Session
    progress: QProgressBar
    export_button: QPushButton
    message: Any  # the page's Signal(str)

    def flush(self) -> None:
        """Store what the editors hold (the page's own)."""
        raise NotImplementedError

    def export(self, path: str | None = None) -> None:
        """Ask for a file name and write the report there, with a progress bar."""
        if self.audit_id is None:
            return
        self.flush()
        if path is None:
            path, _filter = QFileDialog.getSaveFileName(
                cast("QWidget", self), _tr("Export the report"),
                str(Path.home() / "granskningsrapport.pdf"), _tr("PDF files (*.pdf)"))
            if not path:
                return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        self.write(Path(path))

    def write(self, out: Path) -> None:
        """Write the report to ``out`` in a worker; the progress bar follows the build."""
        from audit_app.gui.report_preview import ProgressRelay
        from audit_app.gui.workers import run_in_background
        from audit_app.services.report import write_report

        relay = ProgressRelay(cast("QWidget", self))
        relay.moved.connect(self._progress)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.export_button.setEnabled(False)
        ctx, audit_id = self.session.ctx, self.audit_id
        assert audit_id is not None

        def done(result: object) -> None:
            self._export_finished()
            self.message.emit(fmt(_tr("The report was written to %1"), str(result)))

        def failed(_error: BaseException) -> bool:
            self._export_finished()
            return False

        run_in_background(cast("QWidget", self), None,
                          lambda: write_report(ctx, audit_id, out, progress=relay.moved.emit),
                          done, failed)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _export_finished(self) -> None:
        self.progress.hide()
        self.export_button.setEnabled(True)

