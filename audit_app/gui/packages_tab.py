"""Packages and keys on the colleague review page: own key, colleagues' keys, send and receive packages."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from audit_app.gui.colleague_models import RowsModel
from audit_app.gui.colleague_page import table_view
from audit_app.gui.errors import dispatcher
from audit_app.gui.text import fmt
from audit_app.gui.workers import run_in_background

if TYPE_CHECKING:
    from audit_app.gui.colleague_page import ColleaguePage

_NO_PASSPHRASE = object()


class PackagesTab(QWidget):
    """Offline exchange with reviewers through signed, encrypted files (``docs/packages.md``)."""

    def __init__(self, page: ColleaguePage) -> None:
        super().__init__()
        self.page = page
        self.busy = False
        self.last_received: Any = None
        self.own = QLabel()
        self.own.setObjectName("ownKey")
        self.own.setWordWrap(True)
        self.create_key = QPushButton(self.tr("Create key pair…"))
        self.create_key.setObjectName("createKey")
        self.create_key.clicked.connect(self.create_identity)
        self.save_key = QPushButton(self.tr("Save public key…"))
        self.save_key.setObjectName("savePublicKey")
        self.save_key.clicked.connect(self.save_public)
        self.contacts = RowsModel()
        self.contacts_view = table_view(self.contacts, "contactsTable")
        self.import_key = QPushButton(self.tr("Import a colleague's public key…"))
        self.import_key.setObjectName("importPublicKey")
        self.import_key.clicked.connect(self.import_public)
        self.reviewer = QComboBox()
        self.reviewer.setObjectName("packageReviewer")
        self.reviewer.setEditable(True)
        self.recipient = QComboBox()
        self.recipient.setObjectName("packageRecipient")
        self.export_button = QPushButton(self.tr("Export assignment…"))
        self.export_button.setObjectName("exportAssignment")
        self.export_button.clicked.connect(self.export_assignment)
        self.import_button = QPushButton(self.tr("Import answers package…"))
        self.import_button.setObjectName("importAnswers")
        self.import_button.clicked.connect(self.import_answers)
        self.result = QLabel()
        self.result.setObjectName("importResult")
        self.result.setWordWrap(True)
        self.conflicts = RowsModel()
        self.conflicts_view = table_view(self.conflicts, "conflictsTable")
        self.conflicts_view.hide()
        self.result.setText(self.tr("Import a package a reviewer sent back. Answers both sides "
                                    "changed are listed here as conflicts; your own are kept."))
        self._layout()

    def _layout(self) -> None:
        key_box = QGroupBox(self.tr("Your key"))
        key_layout = QVBoxLayout(key_box)
        key_layout.addWidget(self.own)
        key_buttons = QHBoxLayout()
        key_buttons.addWidget(self.create_key)
        key_buttons.addWidget(self.save_key)
        key_buttons.addStretch(1)
        key_layout.addLayout(key_buttons)
        contacts_box = QGroupBox(self.tr("Trusted colleagues"))
        contacts_layout = QVBoxLayout(contacts_box)
        contacts_layout.addWidget(self.contacts_view)
        contacts_layout.addWidget(self.import_key)
        send_box = QGroupBox(self.tr("Send an assignment"))
        send = QFormLayout(send_box)
        send.addRow(self.tr("Reviewer"), self.reviewer)
        send.addRow(self.tr("Encrypt for"), self.recipient)
        send.addRow("", self.export_button)
        receive_box = QGroupBox(self.tr("Receive answers"))
        receive = QVBoxLayout(receive_box)
        receive.addWidget(self.import_button)
        receive.addWidget(self.result)
        receive.addWidget(self.conflicts_view, 1)
        receive.addStretch(0)
        grid = QGridLayout(self)
        grid.addWidget(key_box, 0, 0)
        grid.addWidget(contacts_box, 1, 0)
        grid.addWidget(send_box, 0, 1)
        grid.addWidget(receive_box, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(1, 1)

    def reload(self) -> None:
        """Show the own key, the trusted colleagues and the plan's reviewers."""
        from audit_app.services import keys

        ctx = self.page.session.ctx
        try:
            public = keys.load_public_identity(ctx) if keys.has_identity(ctx) else None
            contacts = keys.trusted_contacts(ctx)
        except Exception as exc:  # noqa: BLE001
            dispatcher.show(exc, self)
            public, contacts = None, []
        self.own.setText(self.tr("No key pair yet. Create one to send and receive packages.")
                         if public is None else
                         fmt(self.tr("<b>%1</b><br>Fingerprint: <tt>%2</tt><br>Read it aloud to "
                                     "colleagues so they can compare it with the file you give "
                                     "them."), public.name, public.short))
        self.create_key.setVisible(public is None)
        self.save_key.setEnabled(public is not None)
        self.contacts.set_rows([self.tr("Name"), self.tr("Fingerprint")],
                               [[c.name, c.short] for c in contacts],
                               [c.fingerprint for c in contacts])
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
        self.export_button.setEnabled(idle and have_key and self.recipient.count() > 0)
        self.import_button.setEnabled(idle and have_key)
        self.import_key.setEnabled(idle)

    def passphrase(self) -> object:
        """The passphrase of a protected key (asked), None when unprotected, or a cancel marker."""
        from audit_app.services.keys import identity_is_protected

        if not identity_is_protected(self.page.session.ctx):
            return None
        text = self.page.ask_text(self.tr("Passphrase"), self.tr("Passphrase of your key"),
                                  secret=True)
        return _NO_PASSPHRASE if text is None else text

    def create_identity(self) -> bool:
        """Create this data directory's key pair under a name (a passphrase is optional)."""
        from audit_app.services.keys import create_identity

        name = self.page.ask_text(self.tr("Create key pair"), self.tr("Your name as colleagues "
                                                                      "know it"),
                                  self.page.session.reviewer)
        if not name:
            return False
        secret = self.page.ask_text(self.tr("Create key pair"),
                                    self.tr("Passphrase (optional, protects the private key)"),
                                    secret=True)
        if secret is None:
            return False
        with dispatcher.reporting(self):
            public = create_identity(self.page.session.ctx, name, secret or None)
            self.page.message.emit(fmt(self.tr("Key pair created: %1 (%2)"), public.name,
                                       public.short))
            self.reload()
            return True
        return False

    def save_public(self) -> bool:
        """Write one's own public key file to give to colleagues."""
        from audit_app.services.keys import export_public

        path = self.page.ask_save_path(self.tr("Save public key"), "min_nyckel.pub.json",
                                       self.tr("Public key (*.json)"))
        if path is None:
            return False
        with dispatcher.reporting(self):
            public = export_public(self.page.session.ctx, path)
            self.page.message.emit(fmt(self.tr("Public key saved: %1 (%2)"), path, public.short))
            return True
        return False

    def import_public(self) -> bool:
        """Trust a colleague's public key file, showing the fingerprint to compare aloud."""
        from audit_app.services.keys import import_public

        path = self.page.ask_open_path(self.tr("Import a colleague's public key"),
                                       self.tr("Public key (*.json);;All files (*)"))
        if path is None:
            return False
        with dispatcher.reporting(self):
            public, new = import_public(self.page.session.ctx, path)
            self.reload()
            self.page.inform(self.tr("Public key"), fmt(
                self.tr("%1 is trusted: %2\nCompare the fingerprint with %3 before sending "
                        "packages.") if new else self.tr("%1 was already trusted: %2"),
                public.name, public.short, public.name))
            return True
        return False

    def export_assignment(self) -> None:
        """Write the chosen reviewer's assignment, encrypted for the chosen colleague."""
        from audit_app.services.packages import export_assignment

        reviewer, to = self.reviewer.currentText().strip(), self.recipient.currentData()
        audit_id = self.page.audit_id
        if not reviewer or to is None or audit_id is None:
            return
        path = self.page.ask_save_path(self.tr("Export assignment"), f"{reviewer}.akt",
                                       self.tr("Package (*.akt)"))
        secret = self.passphrase() if path is not None else _NO_PASSPHRASE
        if path is None or secret is _NO_PASSPHRASE:
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
        secret = self.passphrase() if path is not None else _NO_PASSPHRASE
        if path is None or secret is _NO_PASSPHRASE:
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
        self.result.setText(text)
        self.conflicts.set_rows(
            [self.tr("Case"), self.tr("Question"), self.tr("Reviewer"), self.tr("Kept here"),
             self.tr("In the package")],
            [[c.case, c.question, c.reviewer, self._shown(m.audit_id, c.question, c.kept),
              self._shown(m.audit_id, c.question, c.package)] for c in received.conflicts])
        self.conflicts_view.setVisible(bool(received.conflicts))
        self.page.message.emit(text.splitlines()[0])
        self.page.reload()

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
