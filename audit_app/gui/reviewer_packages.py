"""The reviewer's side of offline packages on the audits page: keys, open an assignment, send answers."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from audit_app.gui.asks import Asks
from audit_app.gui.errors import describe, dispatcher
from audit_app.gui.text import fmt
from audit_app.gui.workers import run_in_background

if TYPE_CHECKING:
    from audit_app.gui.audits_page import AuditsPage
    from audit_app.gui.keys_panel import KeysPanel
    from audit_app.gui.session import Session

translate = QCoreApplication.translate


def refusal_text(reason: str) -> str:
    """What a refused package's reason code means, in the interface language."""
    def tr(text: str) -> str:
        return translate("PackageRefusal", text)

    texts = {
        "oversized": tr("The file is larger than a package may be (50 MB). Ask the sender to "
                        "split the cases over several packages."),
        "not-a-package": tr("The file is not a review package (.akt)."),
        "truncated": tr("The package is incomplete: the file was cut short, perhaps while "
                        "copying. Ask the sender for a new copy."),
        "damaged": tr("The package is damaged. Ask the sender for a new copy."),
        "bad-signature": tr("The package has been altered or damaged since it was made: its "
                            "signature does not match the sender's key. Ask for a new copy."),
        "undecryptable": tr("The package cannot be decrypted with your key (altered, or "
                            "encrypted for another key)."),
        "unknown-sender": tr("The sender is not a trusted colleague. Import the sender's public "
                             "key under “My keys…”, after comparing the fingerprint with them."),
        "wrong-recipient": tr("The package is encrypted for someone else. Ask the sender to make "
                              "it for your public key."),
        "wrong-kind": tr("This is not a review package for a reviewer: the team leader imports "
                         "answers packages under Colleague review."),
        "unsupported-format": tr("The package was made by a newer version of the program. "
                                 "Update the program."),
        "invalid-content": tr("The package holds data that does not fit its template."),
        "wrong-audit": tr("Another audit with the same name already exists here. Rename it "
                          "before opening the package."),
        "wrong-template": tr("The audit here has another template than the package."),
        "not-assigned": tr("This copy is the team leader's for that reviewer; it cannot open the "
                           "reviewer's package."),
    }
    return texts.get(reason, tr("The package was refused.")) + " " + tr("Nothing was saved.")


def package_reviewer(session: Session, audit_id: str | None) -> str | None:
    """The reviewer name an audit was opened under from an assignment package, else None."""
    from audit_app.domain.diagnostics import AuditAppError
    from audit_app.services.package_review import reviewer_record

    if audit_id is None:
        return None
    try:
        return reviewer_record(session.ctx, audit_id)[0]
    except AuditAppError:
        return None


class KeysDialog(Asks, QDialog):
    """The reviewer's own key and trusted colleagues (the packages tab's boxes)."""

    def __init__(self, session: Session, message: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from audit_app.gui.keys_panel import KeysPanel

        self.setWindowTitle(self.tr("My keys"))
        self.resize(640, 460)
        intro = QLabel(self.tr("Give your public key file to the team leader, and import the "
                               "team leader's public key before opening their package. Compare "
                               "the fingerprints in person or by phone."))
        intro.setWordWrap(True)
        self.keys: KeysPanel = KeysPanel(session, self, message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.keys.key_box)
        layout.addWidget(self.keys.contacts_box, 1)
        layout.addWidget(buttons)
        self.keys.reload()


class ReviewerPackages(Asks, QWidget):
    """Buttons beside the audit list: 'My keys…', 'Open review package…', 'Send answers back…'."""

    opened = Signal(str)  # audit id of the opened assignment
    message = Signal(str)
    reviewer_changed = Signal()

    def __init__(self, page: AuditsPage) -> None:
        super().__init__()
        self.page, self.session = page, page.session
        self.busy = False
        self.last_received: Any = None
        self.last_sent: Any = None
        self.keys_button = QPushButton()
        self.keys_button.setObjectName("reviewerKeys")
        self.keys_button.clicked.connect(self.show_keys)
        self.open_button = QPushButton()
        self.open_button.setObjectName("openPackage")
        self.open_button.clicked.connect(self.open_package)
        self.send_button = QPushButton()
        self.send_button.setObjectName("sendAnswers")
        self.send_button.clicked.connect(self.send_answers)
        self._set_texts()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for button in (self.keys_button, self.open_button, self.send_button):
            row.addWidget(button)
        page.button_row.insertWidget(2, self)
        page.view.selectionModel().currentRowChanged.connect(lambda *_: self.update_buttons())
        self.update_buttons()

    def _set_texts(self) -> None:
        self.keys_button.setText(self.tr("My keys…"))
        self.keys_button.setToolTip(self.tr("Create your key pair, save your public key for the "
                                            "team leader, import the team leader's key"))
        self.open_button.setText(self.tr("Open review package…"))
        self.open_button.setToolTip(self.tr("Open a package of cases the team leader sent you"))
        self.send_button.setText(self.tr("Send answers back…"))
        self.send_button.setToolTip(self.tr("Write your answers in the selected audit to a "
                                            "package for the team leader"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        """Set the buttons' texts again after a language switch."""
        if event.type() == QEvent.Type.LanguageChange:
            self._set_texts()
        super().changeEvent(event)

    def update_buttons(self) -> None:
        """'Send answers back' only for an audit opened from a package, and not while busy."""
        mine = self.page.loaded and package_reviewer(self.session, self.page.selected())
        self.send_button.setEnabled(not self.busy and bool(mine))
        self.open_button.setEnabled(not self.busy)

    def show_keys(self) -> None:
        """The key dialog: create the key pair, save the public key, trust the team leader."""
        self.exec_dialog(KeysDialog(self.session, self.message.emit, self))

    def _passphrase(self) -> object:
        from audit_app.gui.keys_panel import ask_passphrase

        return ask_passphrase(self.session, self)

    def _have_key(self) -> bool:
        from audit_app.services.keys import has_identity

        if has_identity(self.session.ctx):
            return True
        self.inform(self.tr("No key pair"), self.tr("Create your key pair under “My keys…” "
                                                    "first and give your public key to the "
                                                    "team leader."))
        return False

    def open_package(self) -> None:
        """Verify and decrypt an assignment off the GUI thread; its audit is created here."""
        from audit_app.gui.keys_panel import NO_PASSPHRASE
        from audit_app.services.package_review import open_assignment

        if not self._have_key():
            return
        path = self.ask_open_path(self.tr("Open review package"),
                                  self.tr("Package (*.akt);;All files (*)"))
        secret = self._passphrase() if path is not None else NO_PASSPHRASE
        if path is None or secret is NO_PASSPHRASE:
            return
        ctx = self.session.ctx
        self._busy(True)
        run_in_background(self, self.tr("Checking and opening the package…"),
                          lambda: open_assignment(ctx, path, passphrase=secret),  # type: ignore[arg-type]
                          self._opened, self._refused)

    def _opened(self, received: Any) -> None:
        self._busy(False)
        self.last_received = received
        m = received.manifest
        if received.already:
            text = fmt(self.tr("%1 from %2: opened before; nothing changed."), m.audit_name,
                       received.sender.name)
        else:
            text = fmt(self.tr("%1 from %2: %3 cases added, %4 updated, %5 answers written."),
                       m.audit_name, received.sender.name, received.cases_added,
                       received.cases_updated, received.written)
            if received.conflicts:
                text += " " + fmt(self.tr("%1 answers you changed were changed by the team "
                                          "leader too; yours were kept."), len(received.conflicts))
        self.message.emit(text)
        self.session.audits_changed.emit()
        self.page.reload(select=m.audit_id)
        if self.session.reviewer != m.reviewer and self.confirm(
                self.tr("Answer as the assigned reviewer"),
                fmt(self.tr("The package assigns the cases to reviewer “%1”, but you answer as "
                            "“%2”. Answer as “%1” from now on? Only answers under “%1” are sent "
                            "back."), m.reviewer, self.session.reviewer)):
            self.session.settings.reviewer = m.reviewer
            self.session.ctx.actor = m.reviewer
            self.reviewer_changed.emit()
        self.update_buttons()
        self.opened.emit(m.audit_id)

    def send_answers(self) -> None:
        """Write the selected audit's answers as a package for the team leader (off the thread)."""
        from audit_app.gui.keys_panel import NO_PASSPHRASE
        from audit_app.services.package_review import export_answers

        audit_id = self.page.selected()
        reviewer = package_reviewer(self.session, audit_id)
        if audit_id is None or reviewer is None or not self._have_key():
            return
        path = self.ask_save_path(self.tr("Send answers back"), f"svar_{reviewer}.akt",
                                  self.tr("Package (*.akt)"))
        secret = self._passphrase() if path is not None else NO_PASSPHRASE
        if path is None or secret is NO_PASSPHRASE:
            return
        ctx = self.session.ctx
        self._busy(True)
        run_in_background(self, self.tr("Writing the answers package…"),
                          lambda: export_answers(ctx, audit_id, Path(path),  # type: ignore[arg-type]
                                                 passphrase=secret),  # type: ignore[arg-type]
                          self._sent, self._refused)

    def _sent(self, sent: Any) -> None:
        self._busy(False)
        self.last_sent = sent
        text = fmt(self.tr("%1: %2 answers for %3 cases, encrypted for %4"), sent.path,
                   sent.answers, sent.cases, sent.recipient.name)
        self.message.emit(text)
        if sent.other_reviewers:
            names = ", ".join(f"{name} ({count})" for name, count in sorted(sent.other_reviewers.items()))
            self.inform(self.tr("Answers not sent"), fmt(
                self.tr("The package holds only the answers of reviewer “%1”. Answers stored "
                        "under other names were not sent: %2"), sent.manifest.reviewer, names))

    def _refused(self, error: BaseException) -> bool:
        """A refused package gets a plain explanation; other errors go to the dispatcher."""
        from audit_app.domain.packages import PackageRejected

        self._busy(False)
        if isinstance(error, PackageRejected):
            dispatcher.present(describe(error.code), refusal_text(error.reason), self)
            return True
        return False

    def _busy(self, busy: bool) -> None:
        self.busy = busy
        self.update_buttons()
