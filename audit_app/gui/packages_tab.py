"""Packages and keys on the colleague review page: own key, colleagues' keys, send and receive packages."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from audit_app.gui.colleague_models import RowsModel
from audit_app.gui.colleague_page import REVIEW, table_view
from audit_app.gui.keys_panel import NO_PASSPHRASE, KeysPanel
from audit_app.gui.retranslate import Texts
from audit_app.gui.text import fmt
from audit_app.gui.workers import run_in_background

if TYPE_CHECKING:
    from audit_app.gui.colleague_page import ColleaguePage


class PackagesTab(QWidget):
    """Offline exchange with reviewers through signed, encrypted files (``docs/packages.md``)."""

    def __init__(self, page: ColleaguePage) -> None:
        super().__init__()
        self.page = page
        self.busy = False
        self.last_received: Any = None
        self._texts = Texts("PackagesTab")  # texts that follow a language switch
        self.keys = KeysPanel(page.session, page, page.message.emit, self.reload)
        self.own, self.create_key, self.save_key = (self.keys.own, self.keys.create_key,
                                                    self.keys.save_key)
        self.contacts, self.import_key = self.keys.contacts, self.keys.import_key
        self.reviewer = QComboBox()
        self.reviewer.setObjectName("packageReviewer")
        self.reviewer.setEditable(True)
        self.recipient = QComboBox()
        self.recipient.setObjectName("packageRecipient")
        self.export_button = self._texts.keep(QPushButton(), "setText", "Export assignment…")
        self.export_button.setObjectName("exportAssignment")
        self.export_button.clicked.connect(self.export_assignment)
        self.import_button = self._texts.keep(QPushButton(), "setText",
                                              "Import answers package…")
        self.import_button.setObjectName("importAnswers")
        self.import_button.clicked.connect(self.import_answers)
        self.result = QLabel()
        self.result.setObjectName("importResult")
        self.result.setWordWrap(True)
        self.conflicts = RowsModel()
        self.conflicts_view = table_view(self.conflicts, "conflictsTable")
        self.conflicts_view.hide()
        self._show_result()
        self._layout()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        """Set the texts, the import's result and the conflicts' headings again after a switch."""
        self._texts.changed(event, self._retranslated)
        super().changeEvent(event)

    def _retranslated(self) -> None:
        self._show_result()
        self._enable(self.keys.save_key.isEnabled())  # its tooltip (enabled: have a key)
        if self.conflicts.headers:
            self.conflicts.headers = self._conflict_headers()
            self.conflicts.headerDataChanged.emit(Qt.Orientation.Horizontal, 0,
                                                  len(self.conflicts.headers) - 1)

    def _show_result(self) -> None:
        if self.last_received is None:
            self.result.setText(self.tr("Import a package a reviewer sent back. Answers both "
                                        "sides changed are listed here as conflicts; your own "
                                        "are kept."))
        else:
            self.result.setText(self._describe(self.last_received))

    def _conflict_headers(self) -> list[str]:
        return [self.tr("Case"), self.tr("Question"), self.tr("Reviewer"), self.tr("Kept here"),
                self.tr("In the package")]

    def _layout(self) -> None:
        keep = self._texts.keep
        send_box = keep(QGroupBox(), "setTitle", "Send an assignment")
        send = QFormLayout(send_box)
        send.addRow(keep(QLabel(), "setText", "Reviewer"), self.reviewer)
        send.addRow(keep(QLabel(), "setText", "Encrypt for"), self.recipient)
        send.addRow("", self.export_button)
        receive_box = keep(QGroupBox(), "setTitle", "Receive answers")
        receive = QVBoxLayout(receive_box)
        receive.addWidget(self.import_button)
        receive.addWidget(self.result)
        receive.addWidget(self.conflicts_view, 1)
        receive.addStretch(0)
        grid = QGridLayout(self)
        grid.addWidget(self.keys.key_box, 0, 0)
        grid.addWidget(self.keys.contacts_box, 1, 0)
        grid.addWidget(send_box, 0, 1)
        grid.addWidget(receive_box, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(1, 1)

    def reload(self) -> None:
        """Show the own key, the trusted colleagues and the plan's reviewers."""
        public, contacts = self.keys.reload()
        self.recipient.clear()
        for contact in contacts:
            self.recipient.addItem(f"{contact.name} ({contact.short})", contact.fingerprint)
        current = self.reviewer.currentText()
        self.reviewer.clear()
        settings = (self.page.plan or {}).get("plan") or {}
        self.reviewer.addItems(settings.get("reviewers", []))
        if current:
            self.reviewer.setCurrentText(current)
        self._enable(public is not None)

    def _enable(self, have_key: bool) -> None:
        idle = not self.busy
        ended = self.page.phase != REVIEW  # assignments are sent during the review phase only
        self.export_button.setEnabled(idle and have_key and self.recipient.count() > 0
                                      and not ended)
        self.export_button.setToolTip(self.tr(
            "The review phase has ended: assignments can no longer be sent. Reopen the review "
            "phase to send one.") if ended else "")
        self.import_button.setEnabled(idle and have_key)
        self.import_key.setEnabled(idle)

    def passphrase(self) -> object:
        """The passphrase of a protected key (asked), None when unprotected, or a cancel marker."""
        return self.keys.ask_passphrase()

    def export_assignment(self) -> None:
        """Write the chosen reviewer's assignment, encrypted for the chosen colleague."""
        from audit_app.services.packages import export_assignment

        reviewer, to = self.reviewer.currentText().strip(), self.recipient.currentData()
        audit_id = self.page.audit_id
        if not reviewer or to is None or audit_id is None:
            return
        path = self.page.ask_save_path(self.tr("Export assignment"), f"{reviewer}.akt",
                                       self.tr("Package (*.akt)"))
        secret = self.passphrase() if path is not None else NO_PASSPHRASE
        if path is None or secret is NO_PASSPHRASE:
            return
        ctx = self.page.session.ctx

        def done(sent: Any) -> None:
            self._idle()
            self.page.message.emit(fmt(self.tr("%1: assignment for %2 (%3 cases, %4 answers) "
                                               "encrypted for %5"), sent.path,
                                       sent.manifest.reviewer, sent.cases, sent.answers,
                                       sent.recipient.name))

        self._start()
        run_in_background(self, self.tr("Writing the package…"), lambda: export_assignment(
            ctx, audit_id, reviewer, str(to), Path(path), passphrase=secret),  # type: ignore[arg-type]
            done, lambda _error: self._idle())

    def import_answers(self) -> None:
        """Import a reviewer's returned answers; conflicts (both sides changed) are listed."""
        from audit_app.services.packages import import_answers_package

        path = self.page.ask_open_path(self.tr("Import answers package"),
                                       self.tr("Package (*.akt);;All files (*)"))
        secret = self.passphrase() if path is not None else NO_PASSPHRASE
        if path is None or secret is NO_PASSPHRASE:
            return
        ctx = self.page.session.ctx
        self._start()
        run_in_background(self, self.tr("Checking and importing the package…"),
                          lambda: import_answers_package(ctx, path, passphrase=secret),  # type: ignore[arg-type]
                          self._imported, lambda _error: self._idle())

    def _imported(self, received: Any) -> None:
        self._idle()
        self.last_received = received
        m = received.manifest
        text = self._describe(received)
        self.result.setText(text)
        self.conflicts.set_rows(
            self._conflict_headers(),
            [[c.case, c.question, c.reviewer, self._shown(m.audit_id, c.question, c.kept),
              self._shown(m.audit_id, c.question, c.package)] for c in received.conflicts])
        self.conflicts_view.setVisible(bool(received.conflicts))
        self.page.message.emit(text.splitlines()[0])
        self.page.reload()

    def _describe(self, received: Any) -> str:
        """What an import did, in the current language."""
        m = received.manifest
        if received.already:
            text = fmt(self.tr("%1 from %2: already imported before; nothing changed."),
                       m.reviewer, received.sender.name)
        else:
            text = fmt(self.tr("%1 from %2: %3 answers written, %4 cleared, %5 kept (newer "
                               "here), %6 conflicts."), m.reviewer, received.sender.name,
                       received.written, received.cleared, received.kept,
                       len(received.conflicts))
            if received.skipped:
                text += "\n" + "\n".join(received.skipped)
        return text

    def _shown(self, audit_id: str, question_id: str, text: str | None) -> str:
        """A stored answer as the reviewer saw it (option labels), or the text itself."""
        from audit_app.domain.values import decode_value, display_value
        from audit_app.gui.colleague_tabs import audit_template

        if not text:
            return ""
        question = audit_template(self.page.session.ctx, audit_id).question(question_id)
        if question is None:
            return text
        try:
            return display_value(question.type, decode_value(question.type, text),
                                 question.options or [])
        except (ValueError, TypeError):
            return text

    def _start(self) -> None:
        self.busy = True
        self._enable(True)

    def _idle(self) -> bool:
        self.busy = False
        self.reload()
        return False
