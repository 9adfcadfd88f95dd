"""Reading the import CSV files: encoding, delimiter, header and records with their line numbers.

The rules (DESIGN.md section 4) shared by the case and the answer import:

- Encoding: UTF-8 with or without a byte-order mark, else Windows-1252 (cp1252). A file that
  is neither, a UTF-16/UTF-32 file, and a file holding NUL bytes or other control characters
  (anything below U+0020 except tab, line feed and carriage return, DEL and U+0080-U+009F) is
  ``encoding``: it is not a text file.
- Delimiter: ``,``, ``;`` or tab, whichever occurs most often (outside quotes) in the header line;
  on a tie the first of ``,`` ``;`` tab; ``,`` when the header holds none of them.
- Quoting as written by spreadsheet programs: a field that starts with ``"`` (after optional
  spaces) is quoted, ``""`` inside it is one quote, and it may span lines (line breaks inside are
  kept as ``\\n``). A quote inside an unquoted field is an ordinary character.
- Lines: LF, CRLF or CR. A record's line is the physical line where it starts (1-based).
- Blank records are skipped: empty lines, whitespace-only lines and lines whose every field is
  empty or whitespace (such as ``,,,`` left behind by a spreadsheet).
- Header: the first record that is not blank. Names are trimmed and NFC-normalised (a stray
  byte-order mark is dropped). A column whose header cell is empty is ignored as long as its cells
  are empty too. Two columns with the same name are ``duplicate-column``.
- Records: a record with fewer fields than the header gets empty strings for the missing cells
  (an omitted trailing cell reads as an empty one). A record with more fields than the header
  (even empty ones: ``2,5`` unquoted in a comma-separated file would otherwise shift the cells
  after it), or with a non-empty cell under an empty header cell, is ``extra-field`` (once per
  record).

Error codes and their lines (``encoding``, ``empty-file`` and ``no-rows`` always at line 1):

- ``encoding``: line 1.
- ``empty-file``: no header (no bytes, only whitespace or only blank records); line 1.
- ``no-rows``: a header and no record after it; line 1.
- ``duplicate-column``: the header's line.
- ``unterminated-quote``: a quoted field is never closed (it runs to the end of the file); the line
  where its record starts.
- ``bad-quote``: text after the closing quote of a field (``"ab"c``); the record's line.
- ``extra-field``: the record's line.

A broken header (``duplicate-column`` or a quote error in it) is reported alone.

:func:`scan_csv` gives every record at once; :func:`open_csv` reads the header and then gives the
records one at a time, so that a large file is checked without holding all its records. The text is
split into records by :mod:`audit_app.domain.csv_records`: a fast reader for ordinary files, the
precise scanner for any file the fast one could read differently (both give the same records).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from audit_app.domain.csv_records import QUOTING_CODES, Problems, Record, split_records
from audit_app.domain.diagnostics import Diagnostic, InvalidInput
from audit_app.domain.import_cells import show

DELIMITERS: tuple[str, ...] = (",", ";", "\t")

_UTF8_BOM = b"\xef\xbb\xbf"
_WIDE_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\xfe\xff", "UTF-16"),
    (b"\xff\xfe", "UTF-16"),
)
#: Characters that never occur in a text CSV file (tab, LF and CR excepted).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_NEWLINES = re.compile(r"\r\n|\r|\n")
_NOT_BLANK = re.compile(r'[^\s,;"]')


@dataclass(frozen=True)
class CsvRecord:
    """One data record: the physical line where it starts and its cells by column name.

    ``values`` holds every named column of the header; the cells are raw (not trimmed), and a cell
    missing from a short record is ``""``.
    """

    line: int
    values: dict[str, str]


@dataclass(frozen=True)
class CsvTable:
    """A CSV file read as far as its structure goes; the records' own problems are listed."""

    path: str
    #: Column names in file order (trimmed, NFC), without the columns whose header cell is empty.
    columns: list[str]
    #: The physical line of the header (1 unless blank lines precede it).
    header_line: int
    delimiter: str
    #: The records after the header, blank ones left out.
    records: list[CsvRecord]
    #: Structural problems of records (``extra-field``, ``bad-quote``, ``unterminated-quote``).
    problems: list[Diagnostic]
    #: Lines of records whose cells could not be read reliably (quote errors): check nothing more.
    broken_lines: frozenset[int]


class CsvStream:
    """A CSV file whose header has been read; its records are split as they are iterated.

    Reading a large file this way keeps only the record at hand in memory (:func:`scan_csv` gives
    them all at once).
    """

    def __init__(
        self,
        path: str,
        names: list[str],
        header_line: int,
        delimiter: str,
        body: Iterator[Record],
        quoting: Problems,
    ) -> None:
        self.path = path
        #: The header cells in file order (trimmed, NFC); ``""`` for a column whose header is empty.
        self.names = names
        #: The physical line of the header (1 unless blank lines precede it).
        self.header_line = header_line
        self.delimiter = delimiter
        self._body = body
        self._quoting = quoting

    @property
    def columns(self) -> list[str]:
        """Column names in file order, without the columns whose header cell is empty."""
        return [n for n in self.names if n]

    def index(self, column: str) -> int:
        """The position of a named column in each record's fields (a short record lacks it)."""
        return self.names.index(column)

    def records(self) -> Iterator[tuple[int, list[str], Diagnostic | None]]:
        """The records after the header (once), blank ones left out, with their structural problem.

        Each is its line, its raw fields in file order and its ``extra-field``, ``bad-quote`` or
        ``unterminated-quote`` (see :func:`is_broken`), if any.
        """
        path, names, delimiter, quoting = self.path, self.names, self.delimiter, self._quoting
        width = len(names)
        unnamed = [i for i, name in enumerate(names) if not name]
        for line, fields in self._body:
            if line in quoting:
                code, message = quoting[line]
                yield line, fields, Diagnostic(path, line, code, message)
            elif len(fields) > width or (unnamed and _filled(fields, unnamed)):
                message = _extra_message(fields, names, delimiter)
                yield line, fields, Diagnostic(path, line, "extra-field", message)
            else:
                yield line, fields, None


def _filled(fields: list[str], indexes: list[int]) -> bool:
    """Whether a record has a non-blank cell at any of these positions."""
    return any(fields[i].strip() for i in indexes if i < len(fields))


def is_broken(problem: Diagnostic) -> bool:
    """Whether a record's problem leaves its cells unreliable (a quote error): check nothing more."""
    return problem.code in QUOTING_CODES


def read_csv_records(data: bytes, path: str) -> tuple[list[str], list[CsvRecord]]:
    """The column names and the records of a CSV file; InvalidInput lists every problem.

    Raises for ``encoding``, ``empty-file``, a broken header, the records' structural problems,
    and ``no-rows``.
    """
    table = scan_csv(data, path)
    if table.problems:
        raise InvalidInput(table.problems)
    if not table.records:
        raise InvalidInput([no_rows(path)])
    return table.columns, table.records


def scan_csv(data: bytes, path: str) -> CsvTable:
    """Decode and split a CSV file; raises InvalidInput only for file and header problems.

    ``encoding``, ``empty-file`` and a broken header raise; a file with a header and no records is
    returned with no records (the caller checks its own header first, then reports ``no-rows``).
    """
    stream = open_csv(data, path)
    names = stream.names
    named = stream.columns
    simple = len(named) == len(names)
    records: list[CsvRecord] = []
    problems: list[Diagnostic] = []
    broken: set[int] = set()
    for line, fields, problem in stream.records():
        if problem is not None:
            problems.append(problem)
            if is_broken(problem):
                broken.add(line)
        if simple and len(fields) == len(names):
            values = dict(zip(names, fields, strict=True))
        else:
            values = dict.fromkeys(named, "")
            for name, cell in zip(names, fields, strict=False):
                if name:
                    values[name] = cell
        records.append(CsvRecord(line, values))
    return CsvTable(
        path=path,
        columns=named,
        header_line=stream.header_line,
        delimiter=stream.delimiter,
        records=records,
        problems=problems,
        broken_lines=frozenset(broken),
    )


def open_csv(data: bytes, path: str) -> CsvStream:
    """Decode a CSV file and read its header; raises InvalidInput as :func:`scan_csv` does."""
    text = decode_csv(data, path)
    delimiter = detect_delimiter(text)
    body, quoting = split_records(text, delimiter)
    head = next(body, None)
    if head is None:
        raise InvalidInput([Diagnostic(path, 1, "empty-file", "the file is empty: a header row is required")])
    head_line, head_fields = head
    if head_line in quoting:
        code, message = quoting[head_line]
        raise InvalidInput([Diagnostic(path, head_line, code, f"header: {message}")])
    names = [_header_name(cell) for cell in head_fields]
    seen: set[str] = set()
    header_errors: list[Diagnostic] = []
    for name in names:
        if name and name in seen:
            header_errors.append(
                Diagnostic(path, head_line, "duplicate-column", f"column '{name}' appears twice")
            )
        seen.add(name)
    if header_errors:
        raise InvalidInput(header_errors)
    return CsvStream(path, names, head_line, delimiter, body, quoting)


def no_rows(path: str) -> Diagnostic:
    """The diagnostic for a file with a header and nothing after it."""
    return Diagnostic(path, 1, "no-rows", "the file has a header but no rows")


def decode_csv(data: bytes, path: str) -> str:
    """The file's text: UTF-8 (byte-order mark dropped), else cp1252; else ``encoding``."""

    def fail(message: str) -> InvalidInput:
        return InvalidInput([Diagnostic(path, 1, "encoding", message)])

    for bom, name in _WIDE_BOMS:
        if data.startswith(bom):
            raise fail(f"the file is {name} text; save it as UTF-8 (or Windows-1252) CSV")
    if data.startswith(_UTF8_BOM):
        try:
            text = data[len(_UTF8_BOM) :].decode("utf-8")
        except UnicodeDecodeError as exc:
            offset = exc.start + len(_UTF8_BOM)
            raise fail(
                f"the file starts with a UTF-8 byte-order mark but byte 0x{data[offset]:02X} on "
                f"line {_line_at(data, offset)} is not UTF-8"
            ) from None
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError as exc:
                raise fail(
                    "the file is neither UTF-8 nor Windows-1252 text: "
                    f"byte 0x{data[exc.start]:02X} on line {_line_at(data, exc.start)} "
                    "is not a character in either"
                ) from None
    bad = _CONTROL.search(text)
    if bad is not None:
        line = len(_NEWLINES.findall(text, 0, bad.start())) + 1
        char = bad.group()
        what = "a NUL byte" if char == "\x00" else f"control character U+{ord(char):04X}"
        raise fail(f"the file is not a text file: it contains {what} on line {line}")
    return text


def detect_delimiter(text: str) -> str:
    """The delimiter used in the header line: the most frequent of , ; and tab outside quotes."""
    pos, end = 0, len(text)
    while pos <= end:
        stop = _NEWLINES.search(text, pos)
        line = text[pos : end if stop is None else stop.start()]
        if _NOT_BLANK.search(line):
            counts = dict.fromkeys(DELIMITERS, 0)
            quoted = False
            for ch in line:
                if ch == '"':
                    quoted = not quoted
                elif not quoted and ch in counts:
                    counts[ch] += 1
            best = max(DELIMITERS, key=lambda d: counts[d])
            return best if counts[best] else ","
        if stop is None:
            break
        pos = stop.end()
    return ","


def _extra_message(fields: list[str], names: list[str], delimiter: str) -> str:
    """Describe the cells of a record that have no column in the header."""
    if len(fields) > len(names):
        extra = fields[len(names) :]
        filled = [cell for cell in extra if cell.strip()]
        what = f"{show(filled[0])} has no column" if filled else "empty cells beyond the header"
        message = f"{what}: the record has {len(fields)} fields but the header has {len(names)} columns"
        if delimiter == ",":
            message += " (a value containing ',', such as a decimal comma, must be in double quotes)"
        return message
    index, cell = next(
        (i, c) for i, (n, c) in enumerate(zip(names, fields, strict=False)) if not n and c.strip()
    )
    return f"{show(cell)} is in field {index + 1}, whose header cell is empty"


def _header_name(cell: str) -> str:
    return unicodedata.normalize("NFC", cell.replace("\ufeff", "").strip())


def _line_at(data: bytes, offset: int) -> int:
    head = data[:offset]
    return head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1
