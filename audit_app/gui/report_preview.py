"""Live preview of the report: the real PDF, rebuilt in a worker a moment after the last edit.

Qt's PDF module (QtPdf) is not in the PySide6 6.12.0 wheels for this platform, so the
pages are rendered with poppler's ``pdftoppm`` into PNG images and shown one under the other.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from audit_app.gui.text import fmt

Status = Callable[[], str]

if TYPE_CHECKING:
    from audit_app.gui.session import Session
    from audit_app.services.context import AppContext

#: Milliseconds of quiet after an edit before the preview is rebuilt.
DEBOUNCE_MS = 1500
#: Resolution of the preview pages.
PREVIEW_DPI = 60


def render_preview(ctx: AppContext, audit_id: str, folder: Path,
                   serial: int) -> tuple[Path, list[Path], list[str]]:
    """Write the report to ``folder``, render its pages as PNG images and read each page's text
    (a pool thread)."""
    from audit_app.services.report import write_report

    pdf = write_report(ctx, audit_id, folder / f"preview-{serial}.pdf")
    prefix = folder / f"page-{serial}"
    subprocess.run(["pdftoppm", "-png", "-r", str(PREVIEW_DPI), str(pdf), str(prefix)],
                   check=True, capture_output=True, timeout=120)
    pages = sorted(folder.glob(f"page-{serial}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True, timeout=120).stdout
    return pdf, pages, text.split("\f")[:len(pages)]


class ProgressRelay(QObject):
    """Carries a build's (done, total) progress from a pool thread to the GUI thread."""

    moved = Signal(int, int)


class ReportPreview(QWidget):
    """The report's pages; ``schedule()`` after an edit, ``refresh()`` to rebuild at once."""

    refreshed = Signal(object)  # the PDF just built

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.audit_id: str | None = None
        self.pdf_path: Path | None = None
        self._folder = tempfile.TemporaryDirectory(prefix="akt-preview-")
        self._serial = 0
        self._pixmaps: list[QPixmap] = []
        self.page_texts: list[str] = []
        self._running = False
        self._again = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh)
        self.status = QLabel()
        self.status.setObjectName("previewStatus")
        self._status: Status = lambda: self.tr("The preview is built from the stored texts.")
        self.status.setText(self._status())
        self.status.setWordWrap(True)
        self._pages = QWidget()
        self._pages_layout = QVBoxLayout(self._pages)
        self._pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self._pages_layout.setSpacing(12)
        scroll = QScrollArea()
        scroll.setObjectName("previewPages")
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self._pages)
        scroll.setStyleSheet("QScrollArea#previewPages { background: #8a8f96; }"
                             " QScrollArea#previewPages > QWidget > QWidget { background: #8a8f96; }")
        self.pages_view = scroll
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(scroll, 1)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        """The status again after a language switch (the report itself is Swedish)."""
        if event.type() == QEvent.Type.LanguageChange:
            self.status.setText(self._status())
        super().changeEvent(event)

    def _show_status(self, status: Status) -> None:
        self._status = status
        self.status.setText(status())

    @property
    def busy(self) -> bool:
        """Whether a rebuild is waiting or running."""
        return self._running or self._timer.isActive()

    def show_audit(self, audit_id: str) -> None:
        """Preview another audit's report (built at once)."""
        self.audit_id = audit_id
        self.refresh()

    def schedule(self) -> None:
        """Rebuild once the user has stopped typing for a moment."""
        self._timer.start()

    def refresh(self) -> None:
        """Rebuild now (or right after the rebuild under way)."""
        from audit_app.gui.workers import run_in_background

        self._timer.stop()
        if self.audit_id is None:
            return
        if self._running:
            self._again = True
            return
        self._running = True
        self._serial += 1
        self._show_status(lambda: self.tr("Updating the preview…"))
        audit_id, folder, serial, ctx = self.audit_id, Path(self._folder.name), self._serial, \
            self.session.ctx
        run_in_background(self, None, lambda: render_preview(ctx, audit_id, folder, serial),
                          self._show, self._failed)

    def _finished(self) -> None:
        self._running = False
        if self._again:
            self._again = False
            self.refresh()

    def _show(self, result: object) -> None:
        pdf, pages, texts = cast("tuple[Path, list[Path], list[str]]", result)
        self.pdf_path = pdf
        self.page_texts = texts
        self._pixmaps = [QPixmap(str(page)) for page in pages]
        for old in self._labels():
            self._pages_layout.removeWidget(old)
            old.setParent(None)
            old.deleteLater()
        for _pixmap in self._pixmaps:
            label = QLabel()
            label.setObjectName("previewPage")
            label.setStyleSheet("background: white; border: 1px solid #555;")
            self._pages_layout.addWidget(label)
        self._fit()
        self._show_status(lambda: fmt(self.tr("Preview of the report: %1 page(s)"), len(pages)))
        self._finished()
        self.refreshed.emit(pdf)

    def _labels(self) -> list[QLabel]:
        return self._pages.findChildren(QLabel, "previewPage")

    def _fit(self) -> None:
        """Scale the pages to the width of the pane."""
        width = max(self.pages_view.viewport().width() - 40, 120)
        for label, pixmap in zip(self._labels(), self._pixmaps, strict=False):
            label.setPixmap(pixmap.scaledToWidth(min(width, pixmap.width() * 2),
                                                 Qt.TransformationMode.SmoothTransformation))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        """Keep the pages as wide as the pane."""
        super().resizeEvent(event)
        self._fit()

    def show_heading(self, heading: str) -> None:
        """Scroll to the first page after the contents whose text starts a line with ``heading``."""
        for number, text in enumerate(self.page_texts):
            lines = [line.strip() for line in text.splitlines()]
            if number > 1 and heading in lines:
                QTimer.singleShot(50, lambda n=number: self._scroll_to(n))  # once laid out
                return

    def _scroll_to(self, number: int) -> None:
        self._pages_layout.activate()
        labels = self._labels()
        if number < len(labels):
            self.pages_view.verticalScrollBar().setValue(labels[number].y() - 6)

    def _failed(self, error: BaseException) -> bool:
        from audit_app.gui.blind_notice import is_blinded_error

        blind = is_blinded_error(error)  # the review phase was reopened meanwhile
        self._show_status(lambda: self.tr("The report is shown when the review phase has ended.")
                          if blind else fmt(self.tr("The preview could not be built: %1"),
                                            str(error)))
        self._finished()
        return blind  # otherwise the dispatcher shows it too
