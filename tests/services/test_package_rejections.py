"""Packages that must be refused before anything is written: tampered, foreign, wrong, too big."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from audit_app.domain.packages import PackageRejected
from audit_app.services.keys import KeyRejected, load_identity
from audit_app.services.package_review import export_answers, open_assignment
from audit_app.services.packages import export_assignment, import_answers_package
from audit_app.services.review import set_answer
from tests.services.package_sites import (
    Site,
    answers,
    change_log,
    introduce,
    make_audit,
    make_site,
    settings_json,
    trust,
)


@dataclass
class Exchange:
    """A team leader and a reviewer after one assignment went out and one answers package came back
    (not yet imported)."""

    tl: Site
    anna: Site
    audit: str
    tmp: Path
    assignment: Path
    reply: Path

    def state(self, site: Site | None = None) -> tuple[object, ...]:
        """Everything an import could change on a site."""
        site = site or self.tl
        return answers(site, self.audit), len(change_log(site, self.audit)), settings_json(
            site, self.audit)


@pytest.fixture
def exchange(tmp_path: Path, engine_url: str) -> Iterator[Exchange]:
    tl = make_site(tmp_path / "data", "Tina Teamleader", "tina", db=engine_url)
    anna = make_site(tmp_path / "anna", "Anna Andersson", "anna.a")
    introduce(tl, anna)
    audit = make_audit(tl, ("A1", "A2"))
    export_assignment(tl.ctx, audit, "anna", "Anna Andersson", tmp_path / "a.akt")
    open_assignment(anna.ctx, tmp_path / "a.akt")
    set_answer(anna.ctx, audit, "A1", "gp_finns", "ja", reviewer="anna", comment="ok")
    export_answers(anna.ctx, audit, tmp_path / "p.akt")
    yield Exchange(tl, anna, audit, tmp_path, tmp_path / "a.akt", tmp_path / "p.akt")
    tl.ctx.close()
    anna.ctx.close()


def _reject(call: object, *args: object, **kwargs: object) -> PackageRejected:
    with pytest.raises(PackageRejected) as info:
        call(*args, **kwargs)  # type: ignore[operator]
    return info.value


def test_every_flipped_byte_is_refused_and_nothing_is_written(exchange: Exchange) -> None:
    data = exchange.reply.read_bytes()
    before = exchange.state()
    bad = exchange.tmp / "bad.akt"
    reasons: set[str] = set()
    for i in range(len(data)):
        bad.write_bytes(data[:i] + bytes([data[i] ^ 0xFF]) + data[i + 1:])
        reasons.add(_reject(import_answers_package, exchange.tl.ctx, bad).reason)
    assert "bad-signature" in reasons
    assert reasons <= {"bad-signature", "not-a-package", "truncated", "damaged", "unknown-sender",
                       "wrong-recipient"}
    assert exchange.state() == before
    import_answers_package(exchange.tl.ctx, exchange.reply)  # the intact file still imports
    assert answers(exchange.tl, exchange.audit, "anna") == {
        ("A1", "gp_finns", "anna"): ("ja", "ok")}


def test_a_tampered_signature_says_so(exchange: Exchange) -> None:
    data = bytearray(exchange.reply.read_bytes())
    data[-1] ^= 0x01
    bad = exchange.tmp / "bad.akt"
    bad.write_bytes(bytes(data))
    error = _reject(import_answers_package, exchange.tl.ctx, bad)
    assert error.reason == "bad-signature" and "altered or damaged" in error.message


@pytest.mark.parametrize("keep", [1, 7, 8, 11, 60, -200, -65, -64, -1])
def test_a_truncated_package_is_refused(exchange: Exchange, keep: int) -> None:
    data = exchange.reply.read_bytes()
    short = exchange.tmp / "short.akt"
    short.write_bytes(data[:keep])
    before = exchange.state()
    assert _reject(import_answers_package, exchange.tl.ctx, short).reason == "truncated"
    assert exchange.state() == before


@pytest.mark.parametrize("content", [b"", b"case,question,value\nA1,gp_finns,ja\n",
                                     b'{"format": 1}', bytes(range(256)) * 4])
def test_a_file_that_is_not_a_package_is_refused(exchange: Exchange, content: bytes) -> None:
    other = exchange.tmp / "other.akt"
    other.write_bytes(content)
    before = exchange.state()
    assert _reject(import_answers_package, exchange.tl.ctx, other).reason == "not-a-package"
    assert exchange.state() == before


def test_an_oversized_file_is_refused_before_it_is_read(exchange: Exchange) -> None:
    big = exchange.tmp / "big.akt"
    with big.open("wb") as handle:  # sparse: 51 MB on paper, nothing on disk
        handle.truncate(51 * 1024 * 1024)
    error = _reject(import_answers_package, exchange.tl.ctx, big)
    assert error.reason == "oversized" and "limit" in error.message
    small_limit = _reject(import_answers_package, exchange.tl.ctx, exchange.reply, max_bytes=512)
    assert small_limit.reason == "oversized"


def test_a_package_for_someone_else_is_refused(exchange: Exchange, tmp_path: Path) -> None:
    bertil = make_site(tmp_path / "bertil", "Bertil Berg", "bertil.b")
    trust(bertil, exchange.tl)
    error = _reject(open_assignment, bertil.ctx, exchange.assignment)
    assert error.reason == "wrong-recipient"
    assert "this package is for Anna Andersson" in error.message
    with bertil.ctx.db.unit_of_work() as repo:
        assert repo.audits() == []
    # The team leader cannot open the reviewer's assignment either.
    assert _reject(open_assignment, exchange.tl.ctx, exchange.assignment).reason == \
        "wrong-recipient"
    bertil.ctx.close()


def test_an_untrusted_sender_is_refused_even_under_a_trusted_name(exchange: Exchange,
                                                                 tmp_path: Path) -> None:
    mallory = make_site(tmp_path / "mallory", "Tina Teamleader", "mallory")
    trust(mallory, exchange.anna)
    forged = tmp_path / "forged.akt"
    export_assignment(mallory.ctx, make_audit(mallory, ("X1",)), "anna", "Anna Andersson", forged)
    before = exchange.state(exchange.anna)
    error = _reject(open_assignment, exchange.anna.ctx, forged)
    assert error.reason == "unknown-sender" and "not a trusted contact" in error.message
    assert exchange.state(exchange.anna) == before
    mallory.ctx.close()


def test_answers_for_an_audit_not_here_or_with_another_template_are_refused(
        exchange: Exchange, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(exchange.tl.folder / "keys", elsewhere / "keys")
    copy = Site(type(exchange.tl.ctx).from_options(data_dir=elsewhere, actor="tina"),
                exchange.tl.name, exchange.tl.public, elsewhere)
    error = _reject(import_answers_package, copy.ctx, exchange.reply)
    assert error.reason == "wrong-audit" and "not in this database" in error.message
    copy.ctx.close()

    with exchange.tl.ctx.db.unit_of_work() as repo:
        row = repo.audit_by_id(exchange.audit)
        assert row is not None
        row.template_sha256 = "0" * 64
        repo.session.add(row)
    before = exchange.state()
    assert _reject(import_answers_package, exchange.tl.ctx, exchange.reply).reason == \
        "wrong-template"
    assert exchange.state() == before


def test_a_package_of_the_wrong_kind_is_refused(exchange: Exchange) -> None:
    error = _reject(open_assignment, exchange.tl.ctx, exchange.reply)
    assert error.reason == "wrong-kind" and "package import" in error.message
    error = _reject(import_answers_package, exchange.anna.ctx, exchange.assignment)
    assert error.reason == "wrong-kind"


def test_answers_from_someone_no_longer_assigned_are_refused(exchange: Exchange,
                                                             tmp_path: Path) -> None:
    bertil = make_site(tmp_path / "bertil", "Bertil Berg", "bertil.b")
    introduce(exchange.tl, bertil)
    export_assignment(exchange.tl.ctx, exchange.audit, "anna", "Bertil Berg",
                      tmp_path / "to-bertil.akt")
    before = exchange.state()
    error = _reject(import_answers_package, exchange.tl.ctx, exchange.reply)
    assert error.reason == "not-assigned" and "Bertil Berg" in error.message
    assert exchange.state() == before
    bertil.ctx.close()


def test_a_passphrase_protected_key_needs_its_passphrase(tmp_path: Path) -> None:
    site = make_site(tmp_path / "p", "Petra", "petra", passphrase="hemligt lösen")
    assert (site.folder / "keys" / "signing_key.pem").stat().st_mode & 0o777 == 0o600
    assert (site.folder / "keys" / "encryption_key.pem").stat().st_mode & 0o777 == 0o600
    assert b"ENCRYPTED" in (site.folder / "keys" / "signing_key.pem").read_bytes()
    with pytest.raises(KeyRejected, match="passphrase"):
        load_identity(site.ctx)
    with pytest.raises(KeyRejected, match="wrong"):
        load_identity(site.ctx, "fel")
    assert load_identity(site.ctx, "hemligt lösen").public.name == "Petra"
