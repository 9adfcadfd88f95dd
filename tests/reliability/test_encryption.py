"""Encryption at rest (SQLCipher): nothing readable in the database, its WAL or its backups; the
passphrase opens everything, a missing or wrong one is a clear error; plain databases unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from audit_app.services import backup
from audit_app.services.context import AppContext
from audit_app.services.demo import DEMO_NAME, create_demo
from audit_app.services.integrity import check_database, verify_content
from audit_app.services.review import set_answer
from audit_app.services.tables import audit_tables
from audit_app.storage import cipher
from tests.conftest import CliResult

pytest.importorskip("sqlcipher3")

PASSPHRASE = "korrekt häst batteri ' häftklammer"
COMMENT = "Hemlig kommentar om barnets situation"


def _demo(data_dir: Path, **options: object) -> tuple[AppContext, str, list[bytes]]:
    """The demo audit with a comment; the texts to look for in the raw files."""
    ctx = AppContext.from_options(data_dir=data_dir, actor="granskare", **options)  # type: ignore[arg-type]
    audit_id = create_demo(ctx)
    with ctx.db.unit_of_work() as repo:
        labels = [c.label for c in repo.cases(audit_id)]
        template = repo.audits()[0].template_text
    set_answer(ctx, audit_id, labels[0], "gp_finns", "ja", reviewer="granskare", comment=COMMENT)
    title = next(line.split(":", 1)[1].strip() for line in template.splitlines()
                 if line.startswith("title:"))
    needles = [DEMO_NAME, title, COMMENT, "oppenvard_barn", *labels[:10], "granskare"]
    return ctx, audit_id, [n.encode("utf-8") for n in needles]


def _found(files: list[Path], needles: list[bytes]) -> set[bytes]:
    return {n for f in files if f.exists() for n in needles if n in f.read_bytes()}


def test_nothing_readable_in_the_database_its_wal_or_its_backups(tmp_path: Path) -> None:
    plain, _plain_id, needles = _demo(tmp_path / "plain")
    plain_files = [plain.data_dir / "audit.db", plain.data_dir / "audit.db-wal"]
    assert _found(plain_files, needles) == set(needles)  # the texts are there in a plain database
    plain_tables = audit_tables(plain, DEMO_NAME, by="unit")
    plain.close()

    ctx, audit_id, needles = _demo(tmp_path / "enc", encrypt=True, passphrase=PASSPHRASE)
    db = ctx.data_dir / "audit.db"
    wal = ctx.data_dir / "audit.db-wal"
    assert wal.stat().st_size > 0  # written while open: the WAL holds pages too
    with ctx.db.engine.connect() as conn:  # the key first, then the same durability pragmas
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA cipher_version").scalar()
    made = [backup.backup(ctx), backup.backup(ctx, tmp_path / "kopia.db")]
    assert cipher.is_encrypted(db) and all(cipher.is_encrypted(b) for b in made)
    assert _found([db, wal, *made], needles) == set()
    assert check_database(ctx, full=True).ok and verify_content(ctx).ok
    assert audit_tables(ctx, audit_id, by="unit") == {**plain_tables, "audit": {
        "id": audit_id, "name": DEMO_NAME}}
    assert all(backup.integrity_ok(b, PASSPHRASE) for b in made)
    assert not backup.integrity_ok(made[0]) and not backup.integrity_ok(made[0], "fel")
    ctx.close()
    assert _found([db, wal, *made], needles) == set()

    # A restored backup is still encrypted with the same passphrase, with every answer there.
    again = AppContext.from_options(data_dir=tmp_path / "enc", passphrase=PASSPHRASE)
    backup.restore(again, made[1])
    assert cipher.is_encrypted(db) and verify_content(again).ok
    with again.db.unit_of_work() as repo:
        comments = [a.comment for a in repo.answers(audit_id) if a.comment]
    assert comments == [COMMENT]
    again.close()


def test_a_missing_or_wrong_passphrase_is_a_clear_error(tmp_path: Path) -> None:
    ctx, _audit_id, _needles = _demo(tmp_path / "data", encrypt=True, passphrase=PASSPHRASE)
    ctx.close()
    with pytest.raises(cipher.PassphraseRequired, match="is encrypted"):
        _ = AppContext.from_options(data_dir=tmp_path / "data").db
    with pytest.raises(cipher.WrongPassphrase, match="Fel lösenfras eller skadad databas"):
        _ = AppContext.from_options(data_dir=tmp_path / "data", passphrase="fel").db
    asked: list[tuple[bool, bool]] = []
    answers = iter(["fel", "också fel", PASSPHRASE])

    def ask(creating: bool, wrong: bool) -> str | None:
        asked.append((creating, wrong))
        return next(answers)

    opened = AppContext.from_options(data_dir=tmp_path / "data", ask_passphrase=ask)
    _ = opened.db  # three tries
    assert asked == [(False, False), (False, True), (False, True)]
    opened.close()


def test_the_command_line(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    secret = tmp_path / "lösenfras.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    monkeypatch.delenv(cipher.PASSPHRASE_ENV, raising=False)
    result: CliResult = cli("--encrypt", "--passphrase-file", str(secret), "demo")
    assert result.code == 0, result.err
    assert cipher.is_encrypted(tmp_path / "data" / "audit.db")
    for args, needle in ((("audit", "list"), "is encrypted"),
                         (("--passphrase-file", str(secret) + ".saknas", "audit", "list"),
                          "cannot read the passphrase file")):
        result = cli(*args)
        assert result.code == 2 and needle in result.err and "Traceback" not in result.err
    monkeypatch.setenv(cipher.PASSPHRASE_ENV, "fel")
    result = cli("audit", "list")
    assert result.code == 2 and "Fel lösenfras eller skadad databas" in result.err
    assert "Traceback" not in result.err and PASSPHRASE not in result.err + result.out
    monkeypatch.setenv(cipher.PASSPHRASE_ENV, PASSPHRASE)
    result = cli("audit", "list", "--format", "json")
    assert result.code == 0 and [a["name"] for a in json.loads(result.out)] == [DEMO_NAME]
    assert cli("backup").code == 0
    stored = b"".join(p.read_bytes() for p in (tmp_path / "data").rglob("*") if p.is_file())
    assert PASSPHRASE.encode() not in stored  # never written anywhere


def test_encrypt_refuses_an_existing_plain_database_and_plain_ones_work_as_before(
        cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv(cipher.PASSPHRASE_ENV, PASSPHRASE)  # ignored for a plain database
    assert cli("demo").code == 0
    db = tmp_path / "data" / "audit.db"
    assert db.read_bytes().startswith(cipher.PLAIN_HEADER)
    result = cli("--encrypt", "audit", "list")
    assert result.code == 2 and "already exists unencrypted" in result.err
    assert cli("audit", "list").code == 0 and cli("backup").code == 0
    assert all(b.read_bytes().startswith(cipher.PLAIN_HEADER)
               for b in (tmp_path / "data" / "backups").glob("*.db"))
