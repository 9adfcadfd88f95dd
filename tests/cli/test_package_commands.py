"""'audit-app keys ...' and 'audit-app package ...' between separate data directories."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from audit_app.cli import main
from audit_app.services.context import AppContext
from tests.services.package_sites import TEMPLATE


@dataclass
class Result:
    code: int
    out: str
    err: str


Run = Callable[..., Result]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """Run the command line on one data directory: ``run(folder, *args)``."""

    def invoke(folder: Path, *args: str) -> Result:
        capsys.readouterr()
        code = main(["--data-dir", str(folder), *args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


@dataclass
class Laptops:
    tl: Path
    anna: Path
    audit: str
    tmp: Path


def _state(folder: Path, audit: str) -> tuple[object, ...]:
    ctx = AppContext.from_options(data_dir=folder, actor="x")
    try:
        with ctx.db.unit_of_work() as repo:
            if repo.audit_by_id(audit) is None:
                return ()
            rows = sorted((a.case_id, a.question_id, a.reviewer, a.value, a.comment or "")
                          for a in repo.answer_rows(audit))
            return rows, len(repo.changes(audit))
    finally:
        ctx.close()


@pytest.fixture
def laptops(tmp_path: Path, run: Run) -> Laptops:
    tl, anna = tmp_path / "tl", tmp_path / "anna"
    assert run(tl, "keys", "create", "Tina Teamleader").code == 0
    assert run(anna, "keys", "create", "Anna Andersson").code == 0
    for me, other in ((tl, anna), (anna, tl)):
        assert run(other, "keys", "export-public", "--out", str(tmp_path / "pub.json")).code == 0
        imported = run(me, "keys", "import-public", str(tmp_path / "pub.json"))
        assert imported.code == 0 and "trusted" in imported.err
    template = tmp_path / "mall.yaml"
    template.write_text(TEMPLATE, encoding="utf-8")
    audit = run(tl, "audit", "create", "--template", str(template), "--name", "Kollegial").out.strip()
    cases = tmp_path / "cases.csv"
    cases.write_text("case,unit,age\nA1,a,5\nA2,b,7\nA3,a,9\n", encoding="utf-8")
    assert run(tl, "cases", "import", audit, str(cases)).code == 0
    return Laptops(tl, anna, audit, tmp_path)


def _answers_file(tmp: Path, rows: str) -> str:
    path = tmp / "answers.csv"
    path.write_text("case,question,value\n" + rows, encoding="utf-8")
    return str(path)


def test_a_colleague_review_round_trip_on_the_command_line(laptops: Laptops, run: Run) -> None:
    tl, anna, audit, tmp = laptops.tl, laptops.anna, laptops.audit, laptops.tmp
    contacts = run(tl, "keys", "list")
    assert contacts.code == 0 and contacts.out.startswith("Anna Andersson\t")
    sent = run(tl, "package", "export-assignment", audit, "--reviewer", "anna", "--to",
               "Anna Andersson", "--cases", "A1,A2", "--out", str(tmp / "a.akt"))
    assert sent.code == 0 and "2 cases" in sent.out
    info = json.loads(run(tl, "package", "info", str(tmp / "a.akt")).out)
    assert (info["kind"], info["reviewer"], info["verified"]) == ("assignment", "anna", False)

    opened = run(anna, "package", "open", str(tmp / "a.akt"), "--format", "json")
    assert opened.code == 0 and json.loads(opened.out)["cases_added"] == 2
    assert "Answer as reviewer" not in opened.err
    rows = "A1,gp_finns,ja\nA2,veckor,3\n"
    assert run(anna, "answers", "import", audit, _answers_file(tmp, rows), "--reviewer",
               "anna").code == 0
    reply = run(anna, "package", "export-answers", audit, "--out", str(tmp / "p.akt"))
    assert reply.code == 0 and "to Tina Teamleader" in reply.out  # the sender, by default

    imported = run(tl, "package", "import", str(tmp / "p.akt"))
    assert imported.code == 0 and "2 answers written" in imported.out
    again = run(tl, "package", "import", str(tmp / "p.akt"))
    assert again.code == 0 and "nothing changed" in again.out
    tables = json.loads(run(tl, "tables", audit).out)
    gp = next(q for q in tables["questions"] if q["id"] == "gp_finns")
    assert gp["answered"]["total"] == 1


def test_a_conflict_is_printed(laptops: Laptops, run: Run) -> None:
    tl, anna, audit, tmp = laptops.tl, laptops.anna, laptops.audit, laptops.tmp
    run(tl, "package", "export-assignment", audit, "--reviewer", "anna", "--to", "Anna Andersson",
        "--out", str(tmp / "a.akt"))
    run(anna, "package", "open", str(tmp / "a.akt"))
    run(anna, "answers", "import", audit, _answers_file(tmp, "A1,gp_finns,ja\n"), "--reviewer",
        "anna")
    run(tl, "answers", "import", audit, _answers_file(tmp, "A1,gp_finns,nej\n"), "--reviewer",
        "anna")
    run(anna, "package", "export-answers", audit, "--out", str(tmp / "p.akt"))
    result = run(tl, "package", "import", str(tmp / "p.akt"))
    assert result.code == 0
    assert "conflict: case A1, question gp_finns: kept 'nej', the package has 'ja'" in result.out


def test_rejected_packages_exit_2_and_write_nothing(laptops: Laptops, run: Run) -> None:
    tl, anna, audit, tmp = laptops.tl, laptops.anna, laptops.audit, laptops.tmp
    run(tl, "package", "export-assignment", audit, "--reviewer", "anna", "--to", "Anna Andersson",
        "--out", str(tmp / "a.akt"))
    run(anna, "package", "open", str(tmp / "a.akt"))
    run(anna, "answers", "import", audit, _answers_file(tmp, "A1,gp_finns,ja\n"), "--reviewer",
        "anna")
    run(anna, "package", "export-answers", audit, "--out", str(tmp / "p.akt"))
    good = (tmp / "p.akt").read_bytes()
    before = _state(tl, audit)

    def refused(data: bytes, message: str, folder: Path = tl,
                command: tuple[str, ...] = ("package", "import")) -> None:
        path = tmp / "x.akt"
        path.write_bytes(data)
        result = run(folder, *command, str(path))
        assert result.code == 2 and message in result.err, result.err

    flipped = bytearray(good)
    flipped[-100] ^= 0xFF  # in the encrypted content
    refused(bytes(flipped), "altered or damaged")
    flipped = bytearray(good)
    flipped[40] ^= 0x01  # in the manifest
    refused(bytes(flipped), "damaged")
    refused(good[:-10], "truncated")
    refused(b"case,question,value\n", "not an audit-app package")
    refused(good, "is an answers package", command=("package", "open"))
    assert _state(tl, audit) == before

    big = tmp / "big.akt"
    with big.open("wb") as handle:
        handle.truncate(60 * 1024 * 1024)
    result = run(tl, "package", "import", str(big))
    assert result.code == 2 and "larger than the package limit" in result.err

    stranger = tmp / "stranger"
    run(stranger, "keys", "create", "Sven Stranger")
    refused((tmp / "a.akt").read_bytes(), "this package is for Anna Andersson", stranger,
            ("package", "open"))
    assert _state(stranger, audit) == ()

    for contact in (anna / "keys" / "contacts").glob("*.json"):
        contact.unlink()  # Anna no longer trusts the team leader's key
    refused((tmp / "a.akt").read_bytes(), "not a trusted contact", anna, ("package", "open"))

    missing = run(tl, "package", "import", str(tmp / "nothing.akt"))
    assert missing.code == 2 and "no such file" in missing.err


def test_keys_are_private_and_a_changed_public_file_is_refused(tmp_path: Path, run: Run,
                                                               monkeypatch: pytest.MonkeyPatch
                                                               ) -> None:
    me, other = tmp_path / "me", tmp_path / "other"
    monkeypatch.setenv("AUDIT_APP_KEY_PASSPHRASE", "lösenord")
    created = run(me, "keys", "create", "Maja", "--passphrase")
    assert created.code == 0
    assert (me / "keys" / "signing_key.pem").stat().st_mode & 0o777 == 0o600
    assert run(me, "keys", "create", "Maja igen").code == 2
    assert run(other, "keys", "create", "Olle").code == 0
    run(other, "keys", "export-public", "--out", str(tmp_path / "olle.json"))
    doc = json.loads((tmp_path / "olle.json").read_text(encoding="utf-8"))
    doc["name"] = "Olle"
    doc["signing_key"] = doc["encryption_key"]
    (tmp_path / "forged.json").write_text(json.dumps(doc), encoding="utf-8")
    forged = run(me, "keys", "import-public", str(tmp_path / "forged.json"))
    assert forged.code == 2 and "fingerprint does not match" in forged.err
    shown = run(me, "keys", "import-public", str(tmp_path / "olle.json"))
    assert shown.code == 0 and shown.out.split("\t")[0] == "Olle"
    own = run(me, "keys", "export-public", "--out", str(tmp_path / "maja.json"))
    assert own.code == 0
    assert run(me, "keys", "import-public", str(tmp_path / "maja.json")).code == 2
