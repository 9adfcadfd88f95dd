"""Own key pair and trusted colleagues' keys: shared by the packages tab and the reviewer's dialog."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from audit_app.gui.colleague_models import RowsModel
from audit_app.gui.colleague_page import table_view
from audit_app.gui.errors import dispatcher
from audit_app.gui.retranslate import Texts
from audit_app.gui.text import fmt

if TYPE_CHECKING:
    from audit_app.gui.asks import Asks
    from audit_app.gui.session import Session
    from audit_app.services.keys import PublicKey

translate = QCoreApplication.translate

#: ``ask_passphrase`` returns this when the user cancelled.
NO_PASSPHRASE = object()


class KeysPanel(QObject):
    """Two boxes, 'Your key' and 'Trusted colleagues'; questions go through ``host`` (Asks)."""

    def __init__(self, session: Session, host: Asks, message: Callable[[str], None],
                 changed: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.session, self.host, self.message = session, host, message
        self.changed = changed or self.reload
        self._texts = Texts("KeysPanel")  # texts that follow a language switch
        self._keys: tuple[PublicKey | None, list[PublicKey]] | None = None  # as last shown
        self.own = QLabel()
        self.own.setObjectName("ownKey")
        self.own.setWordWrap(True)
        self.create_key = self._texts.keep(QPushButton(), "setText", "Create key pair…")
        self.create_key.setObjectName("createKey")
        self.create_key.clicked.connect(self.create_identity)
        self.save_key = self._texts.keep(QPushButton(), "setText", "Save public key…")
        self.save_key.setObjectName("savePublicKey")
        self.save_key.clicked.connect(self.save_public)
        self.contacts = RowsModel()
        self.contacts_view = table_view(self.contacts, "contactsTable")
        self.import_key = self._texts.keep(QPushButton(), "setText",
                                           "Import a colleague's public key…")
        self.import_key.setObjectName("importPublicKey")
        self.import_key.clicked.connect(self.import_public)
        self.key_box = self._texts.keep(QGroupBox(), "setTitle", "Your key")
        self.key_box.installEventFilter(self)  # a QObject gets no LanguageChange of its own
        key_layout = QVBoxLayout(self.key_box)
        key_layout.addWidget(self.own)
        key_buttons = QHBoxLayout()
        key_buttons.addWidget(self.create_key)
        key_buttons.addWidget(self.save_key)
        key_buttons.addStretch(1)
        key_layout.addLayout(key_buttons)
        self.contacts_box = self._texts.keep(QGroupBox(), "setTitle", "Trusted colleagues")
        contacts_layout = QVBoxLayout(self.contacts_box)
        contacts_layout.addWidget(self.contacts_view)
        contacts_layout.addWidget(self.import_key)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """After a language switch: the texts, and the keys shown before (not read again)."""
        if watched is self.key_box:
            self._texts.changed(event, self._retranslated)
        return super().eventFilter(watched, event)

    def _retranslated(self) -> None:
        if self._keys is not None:
            self._show(*self._keys)

    def reload(self) -> tuple[PublicKey | None, list[PublicKey]]:
        """Show the own key and the trusted colleagues; returns them."""
        from audit_app.services import keys

        ctx = self.session.ctx
        try:
            public = keys.load_public_identity(ctx) if keys.has_identity(ctx) else None
            contacts = keys.trusted_contacts(ctx)
        except Exception as exc:  # noqa: BLE001
            dispatcher.show(exc, self.key_box)
            public, contacts = None, []
        self._show(public, contacts)
        return public, contacts

    def _show(self, public: PublicKey | None, contacts: list[PublicKey]) -> None:
        self._keys = (public, contacts)
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

    def create_identity(self) -> bool:
        """Create this data directory's key pair under a name (a passphrase is optional)."""
        from audit_app.services.keys import create_identity

        name = self.host.ask_text(self.tr("Create key pair"),
                                  self.tr("Your name as colleagues know it"), self.session.reviewer)
        if not name:
            return False
        secret = self.host.ask_text(self.tr("Create key pair"),
                                    self.tr("Passphrase (optional, protects the private key)"),
                                    secret=True)
        if secret is None:
            return False
        with dispatcher.reporting(self.key_box):
            public = create_identity(self.session.ctx, name, secret or None)
            self.message(fmt(self.tr("Key pair created: %1 (%2)"), public.name, public.short))
            self.changed()
            return True
        return False

    def save_public(self) -> bool:
        """Write one's own public key file to give to colleagues."""
        from audit_app.services.keys import export_public

        path = self.host.ask_save_path(self.tr("Save public key"), "min_nyckel.pub.json",
                                       self.tr("Public key (*.json)"))
        if path is None:
            return False
        with dispatcher.reporting(self.key_box):
            public = export_public(self.session.ctx, path)
            self.message(fmt(self.tr("Public key saved: %1 (%2)"), path, public.short))
            return True
        return False

    def import_public(self) -> bool:
        """Trust a colleague's public key file, showing the fingerprint to compare aloud."""
        from audit_app.services.keys import import_public

        path = self.host.ask_open_path(self.tr("Import a colleague's public key"),
                                       self.tr("Public key (*.json);;All files (*)"))
        if path is None:
            return False
        with dispatcher.reporting(self.contacts_box):
            public, new = import_public(self.session.ctx, path)
            self.changed()
            self.host.inform(self.tr("Public key"), fmt(
                self.tr("%1 is trusted: %2\nCompare the fingerprint with %3 before sending "
                        "packages.") if new else self.tr("%1 was already trusted: %2"),
                public.name, public.short, public.name))
            return True
        return False

    def ask_passphrase(self) -> object:
        """The passphrase of a protected key (asked), None when unprotected, or NO_PASSPHRASE."""
        return ask_passphrase(self.session, self.host)


def ask_passphrase(session: Session, host: Asks) -> object:
    """The passphrase of a protected key (asked), None when unprotected, or NO_PASSPHRASE."""
    from audit_app.services.keys import identity_is_protected

    if not identity_is_protected(session.ctx):
        return None
    text = host.ask_text(translate("KeysPanel", "Passphrase"),
                         translate("KeysPanel", "Passphrase of your key"), secret=True)
    return NO_PASSPHRASE if text is None else text
