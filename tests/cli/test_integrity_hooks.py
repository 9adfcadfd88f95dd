"""The command line checks the database before use and backs it up after imports."""

from __future__ import annotations

from pathlib import Path


def test_an_import_leaves_a_checked_backup(cli, example_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    audit = cli("audit", "create", "--template", str(example_dir / "template.yaml"),
                "--name", "E").out.strip()
    assert cli("cases", "import", audit, str(example_dir / "cases.csv")).code == 0
    backups = sorted((tmp_path / "data" / "backups").glob("audit-*.db"))
    assert len(backups) == 1
    assert cli("answers", "import", audit, str(example_dir / "answers.csv")).code == 0
    assert len(sorted((tmp_path / "data" / "backups").glob("audit-*.db"))) == 1  # at most one per half hour


def test_a_damaged_database_is_reported_not_read(cli, example_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    audit = cli("audit", "create", "--template", str(example_dir / "template.yaml"),
                "--name", "E").out.strip()
    assert cli("cases", "import", audit, str(example_dir / "cases.csv")).code == 0
    db = tmp_path / "data" / "audit.db"
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    data = bytearray(db.read_bytes())
    page = 4096
    for offset in range(page * 2, min(len(data), page * 6), 7):
        data[offset] ^= 0xFF
    db.write_bytes(bytes(data))
    result = cli("tables", audit)
    assert result.code != 0
    assert "Traceback" not in result.err and result.out == ""
    assert "backup" in result.err.lower()
