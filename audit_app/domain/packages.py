"""Reviewer packages (offline colleague review): the file layout, the manifest and the payloads.

Pure format checks, no cryptography: the services seal and open packages and hand the bytes here.

A package file is, in this order::

    MAGIC (8 bytes, b"AKTPKG1\\n")
    manifest length (4 bytes, big-endian)   manifest (canonical UTF-8 JSON, at most 64 KiB)
    ciphertext length (8 bytes, big-endian) ciphertext (AES-256-GCM, manifest as associated data)
    signature (64 bytes, Ed25519 over every byte before it)

The manifest is readable without any key (who sent it to whom, for which audit); the payload is
only readable by the recipient. Nothing in a package is trusted before the signature checks out.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Mapping, Sequence
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


def _damaged(what: str) -> PackageRejected:
    return PackageRejected("damaged", f"the package is damaged ({what})")


def _text(obj: Mapping[str, Any], key: str, what: str, limit: int = 200) -> str:
    value = obj.get(key)
    if not isinstance(value, str) or not value or len(value) > limit:
        raise _damaged(f"{what} is missing or invalid")
    return value


def _party(obj: object, what: str) -> Party:
    if not isinstance(obj, dict):
        raise _damaged(f"{what} is missing")
    fp = _text(obj, "fingerprint", f"{what}'s fingerprint")
    if not _HEX64.fullmatch(fp):
        raise _damaged(f"{what}'s fingerprint is invalid")
    return Party(_text(obj, "name", f"{what}'s name"), fp)


def parse_manifest(raw: bytes) -> Manifest:
    """Check a manifest's shape and version; nothing in it is trusted until the signature is."""
    try:
        obj = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise _damaged("the manifest is not readable") from None
    if not isinstance(obj, dict):
        raise _damaged("the manifest is not an object")
    version = obj.get("format")
    if version != FORMAT_VERSION:
        raise PackageRejected("unsupported-format", f"package format {version!r} is not supported "
                                                    f"by this program (it reads format 1)")
    kind = obj.get("kind")
    if kind not in KINDS:
        raise _damaged(f"unknown package kind {kind!r}")
    audit, encryption = obj.get("audit"), obj.get("encryption")
    if not isinstance(audit, dict) or not isinstance(encryption, dict):
        raise _damaged("the audit or encryption block is missing")
    if encryption.get("scheme") != SCHEME:
        raise PackageRejected("unsupported-format", "the package uses an unknown encryption scheme")
    for key in ("template_sha256", "content_sha256"):
        if not isinstance(obj.get(key), str) or not _HEX64.fullmatch(obj[key]):
            raise _damaged(f"{key} is invalid")
    sequence, size = obj.get("sequence"), obj.get("content_size")
    if type(sequence) is not int or sequence < 1 or type(size) is not int or size < 0:
        raise _damaged("the sequence number or content size is invalid")
    manifest = Manifest(
        kind=str(kind), package_id=_text(obj, "package_id", "the package id", 64),
        sequence=sequence, audit_id=_text(audit, "id", "the audit id", 36),
        audit_name=_text(audit, "name", "the audit name"),
        template_sha256=obj["template_sha256"], reviewer=_text(obj, "reviewer", "the reviewer", 100),
        sender=_party(obj.get("sender"), "the sender"),
        recipient=_party(obj.get("recipient"), "the recipient"),
        created=_text(obj, "created", "the creation time", 40),
        content_sha256=obj["content_sha256"], content_size=size,
        ephemeral_key=unb64(encryption.get("ephemeral_key"), 32, "the ephemeral key"),
        nonce=unb64(encryption.get("nonce"), 12, "the nonce"))
    if manifest.encode() != raw:
        raise _damaged("the manifest is not in canonical form")
    return manifest


# -- payloads ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PackageCase:
    """A case as sent in an assignment: label, encoded case fields, exclusion."""

    label: str
    fields: dict[str, str]
    excluded_reason: str | None


@dataclass(frozen=True)
class PackageAnswer:
    """One answer of the package's reviewer, or a cleared one (``value`` None), with its clock."""

    case: str
    question: str
    value: str | None
    comment: str | None
    clock: tuple[int, int]


@dataclass(frozen=True)
class PackageLogEntry:
    """One change-log entry of the reviewer's own copy, carried in an answers package."""

    at: str
    actor: str
    case: str | None
    question: str | None
    action: str
    old_value: str | None
    new_value: str | None
    reason: str | None


@dataclass(frozen=True)
class Payload:
    """The decrypted content. Assignment: template + cases + the reviewer's own answers.

    Answers: the reviewer's answers, the cases they cover, completion marks and change log.
    """

    template_text: str
    template_format: str
    cases: tuple[PackageCase, ...]
    answers: tuple[PackageAnswer, ...]
    completed: tuple[str, ...]
    log: tuple[PackageLogEntry, ...]

    def as_json(self, kind: str) -> dict[str, object]:
        """The payload document for a package of this kind."""
        answers = [{"case": a.case, "question": a.question, "value": a.value,
                    "comment": a.comment, "clock": list(a.clock)} for a in self.answers]
        if kind == "assignment":
            return {"template": {"text": self.template_text, "format": self.template_format},
                    "cases": [{"label": c.label, "fields": c.fields,
                               "excluded_reason": c.excluded_reason} for c in self.cases],
                    "answers": answers}
        return {"cases": [c.label for c in self.cases], "answers": answers,
                "completed": list(self.completed),
                "log": [{"at": e.at, "actor": e.actor, "case": e.case, "question": e.question,
                         "action": e.action, "old_value": e.old_value, "new_value": e.new_value,
                         "reason": e.reason} for e in self.log]}


def _opt_text(obj: Mapping[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if value is not None and not isinstance(value, str):
        raise _damaged(f"'{key}' in the content is not text")
    return value


def _list(obj: Mapping[str, Any], key: str) -> list[Any]:
    value = obj.get(key)
    if not isinstance(value, list):
        raise _damaged(f"the content lacks its '{key}' list")
    return value


def _answer(item: object) -> PackageAnswer:
    if not isinstance(item, dict):
        raise _damaged("an answer is not an object")
    clock = item.get("clock")
    if (not isinstance(clock, list) or len(clock) != 2
            or any(type(c) is not int or c < 0 for c in clock)):
        raise _damaged("an answer's version clock is invalid")
    return PackageAnswer(_text(item, "case", "an answer's case", 100),
                         _text(item, "question", "an answer's question", 100),
                         _opt_text(item, "value"), _opt_text(item, "comment"),
                         (clock[0], clock[1]))


def _case(item: object) -> PackageCase:
    if not isinstance(item, dict):
        raise _damaged("a case is not an object")
    fields = item.get("fields")
    if not isinstance(fields, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in fields.items()):
        raise _damaged("a case's fields are invalid")
    return PackageCase(_text(item, "label", "a case label", 100), dict(fields),
                       _opt_text(item, "excluded_reason"))


def _log_entry(item: object) -> PackageLogEntry:
    if not isinstance(item, dict):
        raise _damaged("a change-log entry is not an object")
    return PackageLogEntry(_text(item, "at", "a log time", 40), _text(item, "actor", "a log actor", 100),
                           _opt_text(item, "case"), _opt_text(item, "question"),
                           _text(item, "action", "a log action", 30), _opt_text(item, "old_value"),
                           _opt_text(item, "new_value"), _opt_text(item, "reason"))


def parse_payload(kind: str, raw: bytes) -> Payload:
    """Check a decrypted payload's shape; one key per (case, question) and one entry per case."""
    try:
        obj = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise _damaged("the content is not readable") from None
    if not isinstance(obj, dict):
        raise _damaged("the content is not an object")
    answers = tuple(_answer(a) for a in _list(obj, "answers"))
    if kind == "assignment":
        template = obj.get("template")
        if not isinstance(template, dict) or not isinstance(template.get("text"), str) \
                or template.get("format") not in ("yaml", "json"):
            raise _damaged("the frozen template is missing")
        cases = tuple(_case(c) for c in _list(obj, "cases"))
        payload = Payload(template["text"], template["format"], cases, answers, (), ())
    else:
        labels = _list(obj, "cases")
        completed = _list(obj, "completed")
        if not all(isinstance(x, str) and x for x in labels + completed):
            raise _damaged("a case label is invalid")
        payload = Payload("", "", tuple(PackageCase(x, {}, None) for x in labels), answers,
                          tuple(completed), tuple(_log_entry(e) for e in _list(obj, "log")))
    _check_unique(payload.cases, payload.answers)
    return payload


def _check_unique(cases: Sequence[PackageCase], answers: Sequence[PackageAnswer]) -> None:
    labels = [c.label for c in cases]
    if len(set(labels)) != len(labels):
        raise _damaged("a case appears twice")
    keys = {(a.case, a.question) for a in answers}
    if len(keys) != len(answers):
        raise _damaged("an answer appears twice")
    if not {a.case for a in answers} <= set(labels):
        raise _damaged("an answer belongs to a case the package does not list")
