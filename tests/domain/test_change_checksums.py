"""The batch checksums of change-log entries equal the one-by-one ones, for every kind of value."""

from __future__ import annotations

import datetime as dt
import random

from audit_app.domain.change_checksum import change_checksum, change_checksums

TEXTS = [None, "", "ja", 'Åsa "citat" \\ \n\t', "\ud800", "€ 😀", "\x00\x1f", "1", "True", "null"]
TIMES = ["2026-12-04 21:19:18.639000", dt.datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=dt.UTC),
         dt.datetime(2026, 1, 2, 3, 4, 5), "2026-06-01T10:00:00+02:00"]


def test_each_batch_checksum_is_the_entrys_own() -> None:
    rng = random.Random(7)
    values: list[object] = [*TEXTS, 1, True, 1.0]
    rows = [(rng.choice(TIMES), *(rng.choice(values) for _ in range(9))) for _ in range(2000)]
    assert change_checksums(rows) == [change_checksum(*row) for row in rows]


def test_no_entries_give_no_checksums() -> None:
    assert change_checksums([]) == []
