"""The report editor: narrative chapters, per-question findings and vignettes, with a live preview.

Every text is stored with the audit as it is typed (after a short pause, as in the case form) and
passes the personal identity number guard: a refusal is shown through the central dispatcher and
the inspector may store the text anyway, which is logged. "Export PDF…" writes the same report as
``audit-app report`` in a worker with a progress bar.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QEvent, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from audit_app.gui.blind_notice import REPORT, BlindNotice, is_blinded, is_blinded_error
from audit_app.gui.errors import dispatcher
from audit_app.gui.report_chapters import (
    chapter_names,
    load_editor,
    panel_names,
    placeholder,
    report_headings,
)
from audit_app.gui.report_export import ReportExport
from audit_app.gui.report_parts import AUTOSAVE_MS, FindingsPanel, VignettesPanel, plain
from audit_app.gui.report_preview import ReportPreview
from audit_app.gui.retranslate import Texts
from audit_app.gui.text import fmt

if TYPE_CHECKING:
    from audit_app.gui.session import Session
    from audit_app.report import ReportData

class ReportEditorPage(ReportExport, QWidget):
    """Chapters on the left, the chosen chapter's editor in the middle, the report on the right."""

    back_requested = Signal()
    message = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportEditor")
        self.session = session
        self.audit_id: str | None = None
        self.loaded = False
        self.editors: dict[str, QPlainTextEdit] = {}
        self._stored: dict[str, str] = {}
        self._headings: dict[str, str] = {}
        self._data: ReportData | None = None  # as loaded (the chapters' names)
        self._name = ""
        self._texts = Texts("ReportEditorPage")  # texts that follow a language switch
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.flush)
        back = self._texts.keep(QPushButton(), "setText", "← Case list")
        back.setObjectName("reportBack")
        back.clicked.connect(self._back)
        self.title = QLabel()
        self.title.setObjectName("reportTitle")
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.export_button = self._texts.keep(QPushButton(), "setText", "Export PDF…")
        self.export_button.setObjectName("exportReport")
        self.export_button.clicked.connect(self.export)
        self.progress = QProgressBar()
        self.progress.setObjectName("exportProgress")
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        top = QHBoxLayout()
        for widget in (back, self.title):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.progress)
        top.addWidget(self.export_button)
        self.chapters = QListWidget()
        self.chapters.setObjectName("chapters")
        self.chapters.setWordWrap(True)
        self.chapters.currentItemChanged.connect(self._chapter)
        self.stack = QStackedWidget()
        self.chapter_title = QLabel()
        self.chapter_title.setObjectName("chapterTitle")
        self.chapter_title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.findings = FindingsPanel(self.store)
        self.vignettes = VignettesPanel(self.store)
        self.preview = ReportPreview(session)
        self.preview.refreshed.connect(lambda _pdf: self._chapter(self.chapters.currentItem()))
        middle = QWidget()
        column = QVBoxLayout(middle)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.chapter_title)
        column.addWidget(self.stack, 1)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.chapters)
        self.splitter.addWidget(middle)
        self.splitter.addWidget(self.preview)
        self.splitter.setSizes([230, 500, 640])
        self.splitter.setStretchFactor(1, 1)
        self.blind_notice = BlindNotice(REPORT)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.blind_notice, 1)

    # -- chapters ------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        """Set the buttons, title and chapter names again after a language switch."""
        self._texts.changed(event, self._retranslated)
        super().changeEvent(event)

    def _retranslated(self) -> None:
        self._show_title()
        if self._data is None:
            return
        names = dict(chapter_names(self._data) + panel_names())
        for row in range(self.chapters.count()):
            item = self.chapters.item(row)
            item.setText(names.get(item.data(Qt.ItemDataRole.UserRole), item.text()))
        for editor in self.editors.values():
            editor.setPlaceholderText(placeholder())
        current = self.chapters.currentItem()
        if current is not None:
            self.chapter_title.setText(current.text())

    def _show_title(self) -> None:
        name = self._data.title if self._data is not None else self._name
        self.title.setText(fmt(self.tr("Report: %1"), name) if name else self.tr("Report"))

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        """Store what the editors still hold when the page is left or the window closed."""
        self.flush()
        super().hideEvent(event)

    def show_audit(self, audit_id: str, name: str = "") -> None:
        """Load an audit's texts (in the background) and build its preview."""
        from audit_app.gui.workers import run_in_background

        self.flush()
        self.audit_id = audit_id
        self.loaded = False
        self._data, self._name = None, name
        self._show_title()
        ctx = self.session.ctx
        blind: bool | None = None
        with dispatcher.reporting(self):
            blind = is_blinded(ctx, audit_id)
        self.set_blinded(blind is not False)
        if blind is not False:
            return

        def failed(error: BaseException) -> bool:
            if not is_blinded_error(error):
                return False
            self.set_blinded(True)  # the phase changed meanwhile
            return True

        run_in_background(self, self.tr("Opening the report…"),
                          lambda: load_editor(ctx, audit_id), self._loaded, failed)

    def set_blinded(self, on: bool) -> None:
        """Show the notice instead of the report (nothing to edit or export) while blinded."""
        self.blind_notice.setVisible(on)
        self.splitter.setVisible(not on)
        self.export_button.setEnabled(not on)
        if on:  # nothing of another audit stays to be stored or previewed
            self.editors = {}
            self.preview.audit_id = None

    def _loaded(self, result: object) -> None:
        data, texts = cast("tuple[ReportData, dict[str, Any]]", result)
        assert self.audit_id is not None
        self._data = data
        self._show_title()
        narrative = dict(texts.get("narrative") or {})
        self._stored = dict(narrative)
        self.chapters.blockSignals(True)
        self.chapters.clear()
        while self.stack.count():
            widget = self.stack.widget(0)
            assert widget is not None
            self.stack.removeWidget(widget)
            if widget not in (self.findings, self.vignettes):
                widget.deleteLater()
        self.editors = {}
        self._headings = report_headings(data)
        for key, title in chapter_names(data):
            editor = QPlainTextEdit()
            editor.setObjectName(f"chapter_{key}")
            editor.setPlainText(narrative.get(key, ""))
            editor.setPlaceholderText(placeholder())
            editor.textChanged.connect(self._edited)
            self.editors[key] = editor
            self._add_chapter(key, title, editor)
        for (key, title), panel in zip(panel_names(), (self.findings, self.vignettes),
                                       strict=True):
            self._add_chapter(key, title, panel)
        self.chapters.blockSignals(False)
        self.findings.load(data, dict(texts.get("findings") or {}))
        self.vignettes.load([(a.id, a.label) for a in data.template.quality_areas],
                            dict(texts.get("vignettes") or {}))
        self.chapters.setCurrentRow(0)
        self.loaded = True
        self.preview.show_audit(self.audit_id)

    def _add_chapter(self, key: str, title: str, widget: QWidget) -> None:
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.UserRole, key)
        self.chapters.addItem(item)
        self.stack.addWidget(widget)

    def _chapter(self, item: QListWidgetItem | None) -> None:
        self.flush()
        if item is None:
            return
        self.stack.setCurrentIndex(self.chapters.row(item))
        self.chapter_title.setText(item.text())
        self.preview.show_heading(self._headings.get(item.data(Qt.ItemDataRole.UserRole), ""))

    def select(self, key: str) -> None:
        """Show a chapter by key (``analys_<area>``, a narrative key, or the panels)."""
        for row in range(self.chapters.count()):
            if self.chapters.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.chapters.setCurrentRow(row)

    # -- storing -------------------------------------------------------------------------------
    def _edited(self) -> None:
        self._autosave.start()

    def flush(self) -> None:
        """Store every text that changed since it was last stored."""
        self._autosave.stop()
        for key, editor in self.editors.items():
            text = plain(editor)
            if text != self._stored.get(key, "") and self.store("narrative", key, text):
                self._stored[key] = text
        self.findings.flush()
        self.vignettes.flush()

    def store(self, kind: str, key: str, text: str) -> bool:
        """Store one text through the guard; False when refused (shown by the dispatcher)."""
        from audit_app.domain.diagnostics import AuditAppError
        from audit_app.domain.identity_numbers import contains_identity_number
        from audit_app.services.report import save_report_text

        if self.audit_id is None:
            return False
        try:
            save_report_text(self.session.ctx, self.audit_id, kind, key, text)
        except AuditAppError as exc:
            dispatcher.show(exc, self)
            if not contains_identity_number(text) or not self.confirm_identifiers():
                return False
            try:
                save_report_text(self.session.ctx, self.audit_id, kind, key, text,
                                 allow_identifiers=True)
            except AuditAppError as again:
                dispatcher.show(again, self)
                return False
        self.session.saved.emit(dt.datetime.now().astimezone())
        self.preview.schedule()
        return True

    def confirm_identifiers(self) -> bool:
        """Ask whether to store text that holds a personal identity number (logged)."""
        answer = QMessageBox.question(
            self, self.tr("Personal identity number"),
            self.tr("The text seems to contain a personal identity number. A report must not "
                    "identify anyone.\n\nStore it anyway? This is logged."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _back(self) -> None:
        self.flush()
        self.back_requested.emit()

    def wait(self) -> None:
        """Wait for background work (tests)."""
        QThreadPool.globalInstance().waitForDone(30000)
