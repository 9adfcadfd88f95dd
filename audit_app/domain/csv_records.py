"""Splitting decoded CSV text into records: their fields and the physical line each starts on.

The quoting rules are those of :mod:`audit_app.domain.csv_reading`. Two readers give the same
records:

- :func:`precise_records` scans the text character by character and also describes quoting
  problems (``unterminated-quote``, ``bad-quote``).
- :func:`fast_records` does the same work through ``str.split`` (a file without double quotes) or
  the C ``csv`` module (``strict``, so that any quoting problem raises). It gives up (``None``) on
  anything where the two could differ: a ``csv.Error`` (an unterminated quote, text after a closing
  quote, a field longer than the module allows) and a quote after leading spaces (a quoted field
  here, an ordinary character to the ``csv`` module).

:func:`split_records` tries the fast reader and falls back to the precise one.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

from audit_app.domain.import_cells import show

#: A record: the physical line where it starts and its raw fields.
Record = tuple[int, list[str]]
#: Quoting problems ``(code, message)`` by the line of their record (its fields are not reliable).
Problems = dict[int, tuple[str, str]]
#: The codes of quoting problems.
QUOTING_CODES = frozenset({"unterminated-quote", "bad-quote"})

_NEWLINES = re.compile(r"\r\n|\r|\n")
#: A double quote after leading spaces at the start of a field: quoted here, not to ``csv``.
_SPACED_QUOTE = {d: re.compile(f'(?:^|{re.escape(d)}) +"', re.MULTILINE) for d in (",", ";", "\t")}


def split_records(text: str, delimiter: str) -> tuple[Iterator[Record], Problems]:
    """The records of the text that are not blank, in file order, and their quoting problems.

    The records of a file the fast reader takes are split as they are iterated.
    """
    fast = fast_records(text, delimiter)
    if fast is not None:
        return fast, {}
    records, problems = precise_records(text, delimiter)
    return iter(records), problems


def fast_records(text: str, delimiter: str) -> Iterator[Record] | None:
    """The non-blank records as :func:`precise_records` gives them, or None to use that instead.

    A file with a quoting problem gives None. The records are split as they are iterated (a file
    with double quotes is read through once beforehand, to know that the ``csv`` module takes it).
    """
    if "\r" in text:  # inside quotes a line break reads as "\n"; elsewhere it only ends a line
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if '"' not in text:
        return _plain_records(text.split("\n"), delimiter)
    if ' "' in text and _SPACED_QUOTE[delimiter].search(text):
        return None
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    try:
        count = sum(1 for _ in reader)
    except csv.Error:
        return None
    # When there are as many records as lines, no record spans lines: record i is on line i.
    return _csv_records(text, delimiter, one_line_each=reader.line_num == count)


def _plain_records(lines: list[str], delimiter: str) -> Iterator[Record]:
    """The non-blank records of lines without double quotes (each line one record)."""
    for number, line in enumerate(lines, 1):
        if line.replace(delimiter, "").strip():  # not blank: some field is not whitespace
            yield number, line.split(delimiter)


def _csv_records(text: str, delimiter: str, *, one_line_each: bool) -> Iterator[Record]:
    """The non-blank records read by the ``csv`` module (which takes this text without error)."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    if one_line_each:
        for number, row in enumerate(reader, 1):
            if row and (row[0].strip() or "".join(row).strip()):
                yield number, row
        return
    before = 0  # the line the previous record ended on
    for row in reader:
        if row and (row[0].strip() or "".join(row).strip()):
            yield before + 1, row
        before = reader.line_num


def precise_records(text: str, delimiter: str) -> tuple[list[Record], Problems]:
    """The non-blank records, scanned character by character, and their quoting problems."""
    records = [rec for rec in _split_records(text, delimiter) if not rec.blank]
    problems = {rec.line: rec.problem for rec in records if rec.problem is not None}
    return [(rec.line, rec.fields) for rec in records], problems


@dataclass
class _RawRecord:
    line: int
    fields: list[str]
    problem: tuple[str, str] | None = None

    @property
    def blank(self) -> bool:
        return self.problem is None and all(not f.strip() for f in self.fields)


def _split_records(text: str, delimiter: str) -> list[_RawRecord]:
    """Split text into records with the physical line each starts on (quotes span lines)."""
    stops = re.compile("[" + re.escape(delimiter) + "\r\n]")
    out: list[_RawRecord] = []
    pos, line, end = 0, 1, len(text)
    while pos < end:
        record = _RawRecord(line, [])
        while True:
            lead = pos
            while lead < end and text[lead] == " ":
                lead += 1
            if lead < end and text[lead] == '"':
                value, pos, line, closed = _quoted(text, lead + 1, line)
                if not closed:
                    record.fields.append(value)
                    record.problem = (
                        "unterminated-quote",
                        "a quoted field is never closed: its opening double quote has no "
                        "closing one before the end of the file",
                    )
                    break
                after = pos
                while after < end and text[after] in " \t" and text[after] != delimiter:
                    after += 1
                if after < end and text[after] not in (delimiter, "\r", "\n"):
                    stop = stops.search(text, after)
                    tail_end = end if stop is None else stop.start()
                    value += text[pos:tail_end]
                    if record.problem is None:
                        record.problem = (
                            "bad-quote",
                            "a quoted field must end right after its closing quote; text "
                            f"follows it in {show(value)}",
                        )
                    after = tail_end
                pos = after
                record.fields.append(value)
            else:
                stop = stops.search(text, pos)
                field_end = end if stop is None else stop.start()
                record.fields.append(text[pos:field_end])
                pos = field_end
            if pos < end and text[pos] == delimiter:
                pos += 1
                continue
            if pos < end:
                pos += 2 if text.startswith("\r\n", pos) else 1
                line += 1
            break
        out.append(record)
    return out


def _quoted(text: str, pos: int, line: int) -> tuple[str, int, int, bool]:
    """Read a quoted field's content from after its opening quote.

    Returns the value, the position after the closing quote, the current line and whether the
    quote was closed.
    """
    parts: list[str] = []
    end = len(text)
    while True:
        close = text.find('"', pos)
        chunk = text[pos:] if close < 0 else text[pos:close]
        chunk = _NEWLINES.sub("\n", chunk)
        line += chunk.count("\n")
        parts.append(chunk)
        if close < 0:
            return "".join(parts), end, line, False
        if close + 1 < end and text[close + 1] == '"':
            parts.append('"')
            pos = close + 2
            continue
        return "".join(parts), close + 1, line, True
