"""The package file layout, manifest and payload checks (pure, no keys involved)."""

from __future__ import annotations

import json

import pytest

from audit_app.domain.package_payload import (
    PackageAnswer,
    PackageCase,
    Payload,
    parse_payload,
)
from audit_app.domain.packages import (
    MAGIC,
    Manifest,
    PackageRejected,
    Party,
    canonical_json,
    fingerprint,
    pack_container,
    parse_manifest,
    short_fingerprint,
    unpack_container,
)

FP_A, FP_B = "a" * 64, "b" * 64


def _manifest(**changes: object) -> Manifest:
    fields: dict[str, object] = dict(
        kind="answers", package_id="p-1", sequence=1, audit_id="audit-1", audit_name="Granskning",
        template_sha256="c" * 64, reviewer="anna", sender=Party("Anna", FP_A),
        recipient=Party("Tina", FP_B), created="2024-05-01T10:00:00.000000+00:00",
        content_sha256="d" * 64, content_size=10, ephemeral_key=bytes(range(32)),
        nonce=bytes(12))
    fields.update(changes)
    return Manifest(**fields)  # type: ignore[arg-type]


def _signed(body: bytes) -> bytes:
    return bytes(64)


def test_a_container_comes_apart_into_what_went_in() -> None:
    data = pack_container(b"{}", b"secret", _signed)
    parts = unpack_container(data)
    assert (parts.manifest_bytes, parts.ciphertext, parts.signature) == (b"{}", b"secret",
                                                                         bytes(64))
    assert parts.signed == data[:-64] and data.startswith(MAGIC)


def test_every_shorter_file_is_truncated_and_a_longer_one_damaged() -> None:
    data = pack_container(_manifest().encode(), b"x" * 40, _signed)
    for end in range(1, len(data)):
        with pytest.raises(PackageRejected) as info:
            unpack_container(data[:end])
        assert info.value.reason == "truncated", end
    with pytest.raises(PackageRejected) as info:
        unpack_container(data + b"\0")
    assert info.value.reason == "damaged"


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "not-a-package"), (b"PK\x03\x04zipfile", "not-a-package"),
    (b"case;question\n", "not-a-package"),
    (MAGIC + (10**6).to_bytes(4, "big"), "damaged"),
])
def test_foreign_or_impossible_files_are_refused(data: bytes, reason: str) -> None:
    with pytest.raises(PackageRejected) as info:
        unpack_container(data)
    assert info.value.reason == reason


def test_the_size_limit_is_checked_first() -> None:
    with pytest.raises(PackageRejected) as info:
        unpack_container(b"x" * 101, max_bytes=100)
    assert info.value.reason == "oversized"


def test_a_manifest_reads_back_and_must_be_canonical() -> None:
    manifest = _manifest()
    assert parse_manifest(manifest.encode()) == manifest
    loose = json.dumps(manifest.as_json(), indent=1).encode()
    with pytest.raises(PackageRejected, match="canonical"):
        parse_manifest(loose)


@pytest.mark.parametrize(("change", "reason"), [
    ({"format": 2}, "unsupported-format"), ({"kind": "backup"}, "damaged"),
    ({"sender": {"name": "Anna", "fingerprint": "xyz"}}, "damaged"),
    ({"sequence": 0}, "damaged"), ({"template_sha256": "C" * 64}, "damaged"),
    ({"encryption": {"scheme": "ROT13"}}, "unsupported-format"),
])
def test_a_bad_manifest_is_refused(change: dict[str, object], reason: str) -> None:
    obj = _manifest().as_json() | change
    with pytest.raises(PackageRejected) as info:
        parse_manifest(canonical_json(obj))
    assert info.value.reason == reason


def test_payloads_read_back() -> None:
    answers = (PackageAnswer("A1", "q", "ja", "ok", (1, 2)), PackageAnswer("A1", "r", None, None,
                                                                           (0, 3)))
    assignment = Payload("format: 1\n", "yaml", (PackageCase("A1", {"age": "5"}, None),), answers,
                         (), ())
    assert parse_payload("assignment", canonical_json(assignment.as_json("assignment"))) == \
        assignment
    reply = Payload("", "", (PackageCase("A1", {}, None),), answers, ("A1",), ())
    assert parse_payload("answers", canonical_json(reply.as_json("answers"))) == reply


@pytest.mark.parametrize("content", [
    {"cases": ["A1"], "completed": [], "log": [], "answers": [
        {"case": "A1", "question": "q", "value": "ja", "comment": None, "clock": [0, 1]},
        {"case": "A1", "question": "q", "value": "nej", "comment": None, "clock": [0, 2]}]},
    {"cases": ["A1"], "completed": [], "log": [], "answers": [
        {"case": "B9", "question": "q", "value": "ja", "comment": None, "clock": [0, 1]}]},
    {"cases": ["A1"], "completed": [], "log": [], "answers": [
        {"case": "A1", "question": "q", "value": "ja", "comment": None, "clock": [-1, 1]}]},
    {"cases": ["A1", "A1"], "completed": [], "log": [], "answers": []},
    {"cases": ["A1"], "completed": [], "answers": []},
])
def test_inconsistent_payloads_are_refused(content: dict[str, object]) -> None:
    with pytest.raises(PackageRejected) as info:
        parse_payload("answers", canonical_json(content))
    assert info.value.reason == "damaged"


def test_fingerprints_cover_both_keys_and_read_in_groups() -> None:
    a = fingerprint(b"\1" * 32, b"\2" * 32)
    assert a != fingerprint(b"\1" * 32, b"\3" * 32) and len(a) == 64
    assert short_fingerprint(a) == " ".join(a[i:i + 4].upper() for i in range(0, 20, 4))
