"""Change-log checksums in a batch equal the format written out with json.dumps, for any value."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random

from audit_app.domain.change_checksum import canonical_time, change_checksum, change_checksums

TEXTS = [None, "", "ja", 'Åsa "citat" \\ \n\t', "\ud800", "€ 😀", "\x00\x1f", "1", "True", "null"]
TIMES = ["2026-12-04 21:19:18.639000", dt.datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=dt.UTC),
         dt.datetime(2026, 1, 2, 3, 4, 5), "2026-06-01T10:00:00+02:00"]


def _by_the_format(at: object, *values: object) -> str:
    """Version 1 of the format, one entry at a time: sha256 of ["v1", time, texts...] as JSON."""
    texts = [None if v is None else str(v) for v in values]
    payload = json.dumps(["v1", canonical_time(at), *texts], ensure_ascii=False,
                         separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()


def test_each_batch_checksum_is_the_entrys_own() -> None:
    rng = random.Random(7)
    values: list[object] = [*TEXTS, 1, True, 1.0]
    rows = [(rng.choice(TIMES), *(rng.choice(values) for _ in range(9))) for _ in range(2000)]
    assert change_checksums(rows) == [_by_the_format(*row) for row in rows]
    assert [change_checksum(*row) for row in rows[:50]] == change_checksums(rows[:50])


def test_no_entries_give_no_checksums() -> None:
    assert change_checksums([]) == []
