"""Reviewer packages (offline colleague review): the file layout and the manifest.

Pure format checks, no cryptography: the services seal and open packages and hand the bytes here.

A package file is, in this order::

    MAGIC (8 bytes, b"AKTPKG1\\n")
    manifest length (4 bytes, big-endian)   manifest (canonical UTF-8 JSON, at most 64 KiB)
    ciphertext length (8 bytes, big-endian) ciphertext (AES-256-GCM, manifest as associated data)
    signature (64 bytes, Ed25519 over every byte before it)

The manifest is readable without any key (who sent it to whom, for which audit); the payload is
only readable by the recipient (its content: ``domain.package_payload``). Nothing in a package is
trusted before the signature checks out.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from audit_app.domain.diagnostics import InputRejected

MAGIC = b"AKTPKG1\n"
FORMAT_VERSION = 1
MAX_PACKAGE_BYTES = 50 * 1024 * 1024
MAX_MANIFEST_BYTES = 64 * 1024
SIGNATURE_BYTES = 64
SCHEME = "X25519-HKDF-SHA256-AES-256-GCM"
KINDS = ("assignment", "answers")
SUFFIX = ".akt"

_HEX64 = re.compile(r"[0-9a-f]{64}")
_HEADER = len(MAGIC) + 4


class PackageRejected(InputRejected):
    """A package file was refused before anything was written; ``reason`` is a stable code."""

    code = "package-rejected"

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


# -- small helpers -------------------------------------------------------------------------------
def canonical_json(data: object) -> bytes:
    """The one byte form of a JSON document that is hashed, signed or encrypted."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def sha256_hex(data: bytes) -> str:
    """Hex SHA-256 of some bytes."""
    return hashlib.sha256(data).hexdigest()


def b64(data: bytes) -> str:
    """Standard base64 text of some bytes."""
    return base64.b64encode(data).decode("ascii")


def unb64(text: object, size: int, what: str) -> bytes:
    """Bytes of a base64 text that must decode to exactly ``size`` bytes."""
    try:
        raw = base64.b64decode(str(text), validate=True)
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != size:
        raise PackageRejected("damaged", f"the package is damaged ({what} is not valid)")
    return raw


def fingerprint(signing_public: bytes, encryption_public: bytes) -> str:
    """A person's key fingerprint: SHA-256 over both raw public keys (64 hex digits)."""
    return sha256_hex(b"audit-app-key-v1\x00" + signing_public + encryption_public)


def short_fingerprint(full: str) -> str:
    """The first 80 bits of a fingerprint in groups of four, to read aloud and compare."""
    head = full[:20].upper()
    return " ".join(head[i:i + 4] for i in range(0, len(head), 4))


def utc_stamp(moment: dt.datetime) -> str:
    """A timestamp as ISO 8601 UTC with microseconds (naive datetimes are taken as UTC)."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
    return aware.astimezone(dt.UTC).isoformat(timespec="microseconds")


# -- container -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Container:
    """The parts of a package file; ``signed`` is every byte the signature covers."""

    manifest_bytes: bytes
    ciphertext: bytes
    signature: bytes
    signed: bytes


def pack_container(manifest_bytes: bytes, ciphertext: bytes,
                   signature_of: Callable[[bytes], bytes]) -> bytes:
    """Lay out a package; ``signature_of(bytes) -> 64 bytes`` signs everything before it."""
    if len(manifest_bytes) > MAX_MANIFEST_BYTES:
        raise ValueError("manifest too large")
    body = (MAGIC + len(manifest_bytes).to_bytes(4, "big") + manifest_bytes
            + len(ciphertext).to_bytes(8, "big") + ciphertext)
    signature = signature_of(body)
    assert len(signature) == SIGNATURE_BYTES
    return body + signature


def unpack_container(data: bytes, max_bytes: int = MAX_PACKAGE_BYTES) -> Container:
    """Split a package file into its parts, refusing anything that is not laid out exactly."""
    if len(data) > max_bytes:
        raise PackageRejected("oversized", f"the file is larger than the package limit "
                                           f"({max_bytes // (1024 * 1024)} MB)")
    if not data:
        raise PackageRejected("not-a-package", "the file is empty, not an audit-app package")
    if not data.startswith(MAGIC):
        if MAGIC.startswith(data):
            raise PackageRejected("truncated", "the package is truncated (incomplete file)")
        raise PackageRejected("not-a-package", "this is not an audit-app package (.akt) file")
    if len(data) < _HEADER:
        raise PackageRejected("truncated", "the package is truncated (incomplete file)")
    manifest_size = int.from_bytes(data[len(MAGIC):_HEADER], "big")
    if manifest_size > MAX_MANIFEST_BYTES:
        raise PackageRejected("damaged", "the package is damaged (impossible manifest size)")
    cipher_at = _HEADER + manifest_size + 8
    if len(data) < cipher_at:
        raise PackageRejected("truncated", "the package is truncated (incomplete file)")
    cipher_size = int.from_bytes(data[cipher_at - 8:cipher_at], "big")
    end = cipher_at + cipher_size + SIGNATURE_BYTES
    if len(data) < end:
        raise PackageRejected("truncated", "the package is truncated (incomplete file)")
    if len(data) > end:
        raise PackageRejected("damaged", "the package is damaged (extra bytes after the end)")
    return Container(data[_HEADER:_HEADER + manifest_size], data[cipher_at:end - SIGNATURE_BYTES],
                     data[end - SIGNATURE_BYTES:], data[:end - SIGNATURE_BYTES])


# -- manifest ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Party:
    """Sender or recipient: a display name and a key fingerprint."""

    name: str
    fingerprint: str

    def as_json(self) -> dict[str, str]:
        """The manifest form."""
        return {"name": self.name, "fingerprint": self.fingerprint}


@dataclass(frozen=True)
class Manifest:
    """What a package is: kind, audit, template, who sent it to whom, and how it is sealed."""

    kind: str
    package_id: str
    sequence: int
    audit_id: str
    audit_name: str
    template_sha256: str
    reviewer: str
    sender: Party
    recipient: Party
    created: str
    content_sha256: str
    content_size: int
    ephemeral_key: bytes
    nonce: bytes

    def as_json(self) -> dict[str, object]:
        """The manifest as stored in the file."""
        return {"format": FORMAT_VERSION, "kind": self.kind, "package_id": self.package_id,
                "sequence": self.sequence,
                "audit": {"id": self.audit_id, "name": self.audit_name},
                "template_sha256": self.template_sha256, "reviewer": self.reviewer,
                "sender": self.sender.as_json(), "recipient": self.recipient.as_json(),
                "created": self.created, "content_sha256": self.content_sha256,
                "content_size": self.content_size,
                "encryption": {"scheme": SCHEME, "ephemeral_key": b64(self.ephemeral_key),
                               "nonce": b64(self.nonce)}}

    def encode(self) -> bytes:
        """The exact bytes that go into the file (and into the cipher as associated data)."""
        return canonical_json(self.as_json())


def damaged(what: str) -> PackageRejected:
    """The rejection of a package whose content does not read as a package."""
    return PackageRejected("damaged", f"the package is damaged ({what})")


def text_field(obj: Mapping[str, Any], key: str, what: str, limit: int = 200) -> str:
    """A required, non-empty text of at most ``limit`` characters."""
    value = obj.get(key)
    if not isinstance(value, str) or not value or len(value) > limit:
        raise damaged(f"{what} is missing or invalid")
    return value


def _party(obj: object, what: str) -> Party:
    if not isinstance(obj, dict):
        raise damaged(f"{what} is missing")
    fp = text_field(obj, "fingerprint", f"{what}'s fingerprint")
    if not _HEX64.fullmatch(fp):
        raise damaged(f"{what}'s fingerprint is invalid")
    return Party(text_field(obj, "name", f"{what}'s name"), fp)


def parse_manifest(raw: bytes) -> Manifest:
    """Check a manifest's shape and version; nothing in it is trusted until the signature is."""
    try:
        obj = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise damaged("the manifest is not readable") from None
    if not isinstance(obj, dict):
        raise damaged("the manifest is not an object")
    version = obj.get("format")
    if version != FORMAT_VERSION:
        raise PackageRejected("unsupported-format", f"package format {version!r} is not supported "
                                                    f"by this program (it reads format 1)")
    kind = obj.get("kind")
    if kind not in KINDS:
        raise damaged(f"unknown package kind {kind!r}")
    audit, encryption = obj.get("audit"), obj.get("encryption")
    if not isinstance(audit, dict) or not isinstance(encryption, dict):
        raise damaged("the audit or encryption block is missing")
    if encryption.get("scheme") != SCHEME:
        raise PackageRejected("unsupported-format", "the package uses an unknown encryption scheme")
    for key in ("template_sha256", "content_sha256"):
        if not isinstance(obj.get(key), str) or not _HEX64.fullmatch(obj[key]):
            raise damaged(f"{key} is invalid")
    sequence, size = obj.get("sequence"), obj.get("content_size")
    if type(sequence) is not int or sequence < 1 or type(size) is not int or size < 0:
        raise damaged("the sequence number or content size is invalid")
    manifest = Manifest(
        kind=str(kind), package_id=text_field(obj, "package_id", "the package id", 64),
        sequence=sequence, audit_id=text_field(audit, "id", "the audit id", 36),
        audit_name=text_field(audit, "name", "the audit name"),
        template_sha256=obj["template_sha256"], reviewer=text_field(obj, "reviewer", "the reviewer", 100),
        sender=_party(obj.get("sender"), "the sender"),
        recipient=_party(obj.get("recipient"), "the recipient"),
        created=text_field(obj, "created", "the creation time", 40),
        content_sha256=obj["content_sha256"], content_size=size,
        ephemeral_key=unb64(encryption.get("ephemeral_key"), 32, "the ephemeral key"),
        nonce=unb64(encryption.get("nonce"), 12, "the nonce"))
    if manifest.encode() != raw:
        raise damaged("the manifest is not in canonical form")
    return manifest
