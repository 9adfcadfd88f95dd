"""Identity keys for reviewer packages: one's own key pair and the trusted contacts' public keys.

Layout in the data directory::

    keys/identity.json            own name, both public keys, fingerprint (readable)
    keys/signing_key.pem          Ed25519 private key, PKCS#8 (0600; optionally passphrase-protected)
    keys/encryption_key.pem       X25519 private key, PKCS#8 (0600; same passphrase)
    keys/contacts/<fp>.json       trusted public keys, one file per person

A public key file (``keys export-public``) is a small JSON document with the name, both raw public
keys in base64 and the fingerprint; the fingerprint is checked against the keys on import.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from audit_app.domain.diagnostics import FileUnreadable, InputRejected, NotFound
from audit_app.domain.packages import b64, fingerprint, short_fingerprint, unb64, utc_stamp
from audit_app.domain.values import normalize_text
from audit_app.services.context import AppContext
from audit_app.storage.models import utcnow

PUBLIC_KIND = "audit-app-public-key"
MAX_PUBLIC_FILE = 64 * 1024


class KeyRejected(InputRejected):
    """A key could not be created, read or trusted (exit 2, nothing changed)."""

    code = "key"

    def __init__(self, message: str, reason: str = "key") -> None:
        super().__init__(message)
        self.reason = reason  # "wrong-passphrase" for a wrong passphrase, else "key"


@dataclass(frozen=True)
class PublicKey:
    """A person's public keys as shared with others."""

    name: str
    signing: bytes
    encryption: bytes

    @property
    def fingerprint(self) -> str:
        """SHA-256 over both keys (64 hex digits)."""
        return fingerprint(self.signing, self.encryption)

    @property
    def short(self) -> str:
        """The fingerprint to read aloud: five groups of four."""
        return short_fingerprint(self.fingerprint)

    def as_json(self) -> dict[str, object]:
        """The public key file's content."""
        return {"format": 1, "kind": PUBLIC_KIND, "name": self.name,
                "signing_key": b64(self.signing), "encryption_key": b64(self.encryption),
                "fingerprint": self.fingerprint}

    def verifier(self) -> Ed25519PublicKey:
        """The Ed25519 key that checks this person's signatures."""
        return Ed25519PublicKey.from_public_bytes(self.signing)

    def encryptor(self) -> X25519PublicKey:
        """The X25519 key packages for this person are encrypted to."""
        return X25519PublicKey.from_public_bytes(self.encryption)


@dataclass(frozen=True)
class Identity:
    """One's own key pair, unlocked."""

    public: PublicKey
    signing: Ed25519PrivateKey
    encryption: X25519PrivateKey


def keys_dir(ctx: AppContext) -> Path:
    """Where the keys live."""
    return Path(ctx.data_dir) / "keys"


def _raw_public(key: Ed25519PublicKey | X25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _clean_name(name: str) -> str:
    clean = normalize_text(name)
    if not clean or len(clean) > 100 or any(ch in clean for ch in "\n\r\t/\\"):
        raise KeyRejected(f"'{name}' is not a usable key name (1-100 characters)")
    return clean


def _write_private(path: Path, pem: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    os.chmod(path, 0o600)


def create_identity(ctx: AppContext, name: str, passphrase: str | None = None) -> PublicKey:
    """Create one's own key pair (refused if one exists); returns the public key."""
    clean = _clean_name(name)
    folder = keys_dir(ctx)
    if (folder / "identity.json").exists():
        existing = load_public_identity(ctx)
        raise KeyRejected(f"this data directory already has a key pair for '{existing.name}' "
                        f"({existing.short})")
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    signing, encryption = Ed25519PrivateKey.generate(), X25519PrivateKey.generate()
    protection: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(passphrase.encode()) if passphrase
        else serialization.NoEncryption())
    for filename, key in (("signing_key.pem", signing), ("encryption_key.pem", encryption)):
        (folder / filename).unlink(missing_ok=True)
        _write_private(folder / filename, key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, protection))
    public = PublicKey(clean, _raw_public(signing.public_key()), _raw_public(encryption.public_key()))
    document = public.as_json() | {"created": utc_stamp(utcnow()), "protected": bool(passphrase)}
    (folder / "identity.json").write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n",
                                          encoding="utf-8")
    return public


def has_identity(ctx: AppContext) -> bool:
    """Whether this data directory has its own key pair."""
    return (keys_dir(ctx) / "identity.json").exists()


def identity_is_protected(ctx: AppContext) -> bool:
    """Whether the private keys need a passphrase."""
    try:
        data = json.loads((keys_dir(ctx) / "identity.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return bool(data.get("protected"))


def load_public_identity(ctx: AppContext) -> PublicKey:
    """One's own public key (no passphrase needed)."""
    path = keys_dir(ctx) / "identity.json"
    if not path.exists():
        raise NotFound("no key pair in this data directory; create one with "
                       "'audit-app keys create NAME'")
    return parse_public(path.read_bytes(), str(path))


def load_identity(ctx: AppContext, passphrase: str | None = None) -> Identity:
    """One's own key pair, unlocked with the passphrase if it is protected."""
    public = load_public_identity(ctx)
    folder = keys_dir(ctx)
    secret = passphrase.encode() if passphrase else None
    try:
        signing = serialization.load_pem_private_key((folder / "signing_key.pem").read_bytes(),
                                                     secret)
        encryption = serialization.load_pem_private_key(
            (folder / "encryption_key.pem").read_bytes(), secret)
    except FileNotFoundError as exc:
        raise KeyRejected(f"the private key file {exc.filename} is missing") from None
    except TypeError:
        raise KeyRejected("the private key is protected by a passphrase: give it (or set "
                        "AUDIT_APP_KEY_PASSPHRASE)" if secret is None
                        else "the private key is not protected; give no passphrase") from None
    except ValueError:
        raise KeyRejected("the passphrase is wrong (or the private key file is damaged)",
                          "wrong-passphrase") from None
    if not isinstance(signing, Ed25519PrivateKey) or not isinstance(encryption, X25519PrivateKey):
        raise KeyRejected("the private key files hold the wrong kind of key")
    if (_raw_public(signing.public_key()) != public.signing
            or _raw_public(encryption.public_key()) != public.encryption):
        raise KeyRejected("the private keys do not match keys/identity.json")
    return Identity(public, signing, encryption)


def export_public(ctx: AppContext, out: Path) -> PublicKey:
    """Write one's own public key file to give to others."""
    public = load_public_identity(ctx)
    out.write_text(json.dumps(public.as_json(), indent=1, ensure_ascii=False) + "\n",
                   encoding="utf-8")
    return public


def parse_public(data: bytes, origin: str) -> PublicKey:
    """A public key file, with its fingerprint checked against its keys."""
    if len(data) > MAX_PUBLIC_FILE:
        raise KeyRejected(f"{origin}: too large for a public key file")
    try:
        obj = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise KeyRejected(f"{origin}: not a public key file (not JSON)") from None
    if not isinstance(obj, dict) or obj.get("kind") != PUBLIC_KIND or obj.get("format") != 1:
        raise KeyRejected(f"{origin}: not an audit-app public key file")
    try:
        public = PublicKey(_clean_name(str(obj.get("name", ""))),
                           unb64(obj.get("signing_key"), 32, "signing key"),
                           unb64(obj.get("encryption_key"), 32, "encryption key"))
    except InputRejected as exc:
        raise KeyRejected(f"{origin}: {exc.message}") from None
    if obj.get("fingerprint") != public.fingerprint:
        raise KeyRejected(f"{origin}: the fingerprint does not match the keys (altered file?)")
    return public


def import_public(ctx: AppContext, path: Path) -> tuple[PublicKey, bool]:
    """Trust a person's public key file; returns the key and whether it was new.

    A different key under a name already trusted is refused: remove the old contact first.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FileUnreadable(path, "missing" if isinstance(exc, FileNotFoundError)
                             else "unreadable",
                             f"{path}: cannot read the file ({exc.strerror})") from None
    public = parse_public(data, str(path))
    if has_identity(ctx) and load_public_identity(ctx).fingerprint == public.fingerprint:
        raise KeyRejected(f"{path}: this is your own key")
    folder = keys_dir(ctx) / "contacts"
    for contact in trusted_contacts(ctx):
        if contact.fingerprint == public.fingerprint:
            return contact, False
        if contact.name.casefold() == public.name.casefold():
            raise KeyRejected(f"another key is already trusted under the name '{contact.name}' "
                            f"({contact.short}); remove keys/contacts/{contact.fingerprint}.json "
                            "first if the person has a new key")
    folder.mkdir(parents=True, exist_ok=True)
    document = public.as_json() | {"imported": utc_stamp(utcnow())}
    (folder / f"{public.fingerprint}.json").write_text(
        json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return public, True


def trusted_contacts(ctx: AppContext) -> list[PublicKey]:
    """Every trusted contact, by name."""
    folder = keys_dir(ctx) / "contacts"
    contacts = [parse_public(p.read_bytes(), str(p)) for p in sorted(folder.glob("*.json"))]
    return sorted(contacts, key=lambda c: c.name.casefold())


def find_contact(ctx: AppContext, ref: str) -> PublicKey:
    """A trusted contact by name (case-insensitive) or fingerprint (or its first 8+ digits)."""
    wanted = normalize_text(ref).casefold()
    compact = wanted.replace(" ", "")
    for contact in trusted_contacts(ctx):
        if contact.name.casefold() == wanted or (
                len(compact) >= 8 and contact.fingerprint.startswith(compact)):
            return contact
    raise NotFound(f"no trusted contact '{ref}'; import their public key with "
                   "'audit-app keys import-public FILE'")


def contact_by_fingerprint(ctx: AppContext, full: str) -> PublicKey | None:
    """The trusted contact with exactly this fingerprint."""
    path = keys_dir(ctx) / "contacts" / f"{full}.json"
    if len(full) != 64 or not path.exists():
        return None
    contact = parse_public(path.read_bytes(), str(path))
    return contact if contact.fingerprint == full else None
