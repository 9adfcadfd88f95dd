"""Sealing and opening reviewer package files: Ed25519 signatures and encryption to the recipient.

Encryption: a fresh (ephemeral) X25519 key per package agrees a secret with the recipient's X25519
key; HKDF-SHA256 (salt: ephemeral key + recipient key; info names the format) turns it into an
AES-256-GCM key; the manifest is the associated data, so it cannot be changed without the
recipient noticing. The sender's Ed25519 key signs every byte before the signature.

Opening checks, in order, before anything is decrypted or written: size, layout, manifest, that
the sender is a trusted contact, the signature, that the recipient is this data directory's key,
then decrypts and checks the content hash and the payload's shape.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from audit_app.domain.diagnostics import FileUnreadable, InputRejected
from audit_app.domain.package_payload import (
    Payload,
    parse_payload,
)
from audit_app.domain.packages import (
    MAX_PACKAGE_BYTES,
    Manifest,
    PackageRejected,
    Party,
    canonical_json,
    pack_container,
    parse_manifest,
    sha256_hex,
    short_fingerprint,
    unpack_container,
    utc_stamp,
)
from audit_app.services.context import AppContext
from audit_app.services.keys import Identity, PublicKey, contact_by_fingerprint
from audit_app.storage.models import utcnow

_INFO = b"audit-app package v1"


@dataclass(frozen=True)
class Opened:
    """A verified, decrypted package: its manifest, its content and its (trusted) sender."""

    manifest: Manifest
    payload: Payload
    sender: PublicKey


def _key(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    if shared == bytes(32):
        raise PackageRejected("damaged", "the package is damaged (invalid ephemeral key)")
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral + recipient,
                info=_INFO).derive(shared)


def _raw(key: X25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def seal(identity: Identity, recipient: PublicKey, *, kind: str, audit_id: str, audit_name: str,
         template_sha256: str, reviewer: str, sequence: int, payload: Payload) -> tuple[bytes, Manifest]:
    """A signed package of ``payload`` encrypted to ``recipient``; returns the bytes and manifest."""
    content = canonical_json(payload.as_json(kind))
    ephemeral = X25519PrivateKey.generate()
    ephemeral_raw = _raw(ephemeral.public_key())
    key = _key(ephemeral.exchange(recipient.encryptor()), ephemeral_raw, recipient.encryption)
    manifest = Manifest(
        kind=kind, package_id=str(uuid.uuid4()), sequence=sequence, audit_id=audit_id,
        audit_name=audit_name, template_sha256=template_sha256, reviewer=reviewer,
        sender=Party(identity.public.name, identity.public.fingerprint),
        recipient=Party(recipient.name, recipient.fingerprint), created=utc_stamp(utcnow()),
        content_sha256=sha256_hex(content), content_size=len(content),
        ephemeral_key=ephemeral_raw, nonce=os.urandom(12))
    manifest_bytes = manifest.encode()
    ciphertext = AESGCM(key).encrypt(manifest.nonce, content, manifest_bytes)
    return pack_container(manifest_bytes, ciphertext, identity.signing.sign), manifest


def read_package(path: Path, max_bytes: int = MAX_PACKAGE_BYTES) -> bytes:
    """A package file's bytes; its size is checked before it is read."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise PackageRejected("oversized", f"{path}: the file is {size / 1e6:.1f} MB, larger "
                                               f"than the package limit ({max_bytes / 1e6:.0f} MB)")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise FileUnreadable(path, "missing", f"{path}: no such file") from None
    except IsADirectoryError:
        raise FileUnreadable(path, "unreadable",
                             f"{path}: is a directory, not a package file") from None
    except OSError as exc:
        raise FileUnreadable(path, "unreadable",
                             f"{path}: cannot read the file ({exc.strerror})") from None
    return data


def open_package(ctx: AppContext, data: bytes, identity: Identity,
                 max_bytes: int = MAX_PACKAGE_BYTES) -> Opened:
    """Verify and decrypt a package for this data directory's key; raises PackageRejected."""
    container = unpack_container(data, max_bytes)
    manifest = parse_manifest(container.manifest_bytes)
    me = identity.public
    for_me = manifest.recipient.fingerprint == me.fingerprint
    wrong_recipient = PackageRejected(
        "wrong-recipient", f"this package is for {manifest.recipient.name} "
                           f"({short_fingerprint(manifest.recipient.fingerprint)}), not for you "
                           f"({me.name}, {me.short})")
    sender = contact_by_fingerprint(ctx, manifest.sender.fingerprint)
    if sender is None:
        if not for_me:
            raise wrong_recipient
        raise PackageRejected(
            "unknown-sender", f"the package's sender '{manifest.sender.name}' "
                              f"({short_fingerprint(manifest.sender.fingerprint)}) is not a trusted "
                              "contact; import their public key with 'audit-app keys import-public' "
                              "after checking the fingerprint with them")
    try:
        sender.verifier().verify(container.signature, container.signed)
    except InvalidSignature:
        raise PackageRejected(
            "bad-signature", f"the package has been altered or damaged: its signature does not "
                             f"match {sender.name}'s key; ask for a new copy") from None
    if not for_me:
        raise wrong_recipient
    ephemeral = X25519PublicKey.from_public_bytes(manifest.ephemeral_key)
    try:
        key = _key(identity.encryption.exchange(ephemeral), manifest.ephemeral_key, me.encryption)
        content = AESGCM(key).decrypt(manifest.nonce, container.ciphertext,
                                      container.manifest_bytes)
    except (InvalidTag, ValueError):
        raise PackageRejected("undecryptable", "the package cannot be decrypted with your key "
                                               "(altered or sealed for another key)") from None
    if len(content) != manifest.content_size or sha256_hex(content) != manifest.content_sha256:
        raise PackageRejected("damaged", "the package is damaged (its content hash does not match)")
    return Opened(manifest, parse_payload(manifest.kind, content), sender)


def write_atomically(path: Path, data: bytes) -> None:
    """Write a file in one step (a temporary file renamed over the target)."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputRejected(f"{path}: cannot write the package ({exc.strerror})") from None


def describe_package(path: Path, max_bytes: int = MAX_PACKAGE_BYTES) -> dict[str, object]:
    """A package's manifest as it claims (not verified, nothing decrypted), for a quick look."""
    manifest = parse_manifest(unpack_container(read_package(path, max_bytes), max_bytes)
                              .manifest_bytes)
    shown = manifest.as_json()
    shown.pop("encryption", None)
    return shown | {"verified": False}
