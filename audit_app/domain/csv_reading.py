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
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from audit_app.domain.diagnostics import Diagnostic, InvalidInput
from audit_app.domain.identity_numbers import contains_identity_number, mask_identity_numbers
from audit_app.domain.values import ValueError_

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


@dataclass
class _RawRecord:
    line: int
    fields: list[str]
    problem: tuple[str, str] | None = None

    @property
    def blank(self) -> bool:
        return self.problem is None and all(not f.strip() for f in self.fields)


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
    text = decode_csv(data, path)
    delimiter = detect_delimiter(text)
    raw = [r for r in _split_records(text, delimiter) if not r.blank]
    if not raw:
        raise InvalidInput([Diagnostic(path, 1, "empty-file", "the file is empty: a header row is required")])
    head, body = raw[0], raw[1:]
    if head.problem is not None:
        code, message = head.problem
        raise InvalidInput([Diagnostic(path, head.line, code, f"header: {message}")])
    names = [_header_name(cell) for cell in head.fields]
    seen: set[str] = set()
    header_errors: list[Diagnostic] = []
    for name in names:
        if name and name in seen:
            header_errors.append(
                Diagnostic(path, head.line, "duplicate-column", f"column '{name}' appears twice")
            )
        seen.add(name)
    if header_errors:
        raise InvalidInput(header_errors)

    records: list[CsvRecord] = []
    problems: list[Diagnostic] = []
    broken: set[int] = set()
    for rec in body:
        values = {name: "" for name in names if name}
        unnamed: list[str] = []
        for name, cell in zip(names, rec.fields, strict=False):
            if name:
                values[name] = cell
            elif cell.strip():
                unnamed.append(cell)
        if rec.problem is not None:
            code, message = rec.problem
            problems.append(Diagnostic(path, rec.line, code, message))
            broken.add(rec.line)
        elif len(rec.fields) > len(names) or unnamed:
            problems.append(Diagnostic(path, rec.line, "extra-field", _extra_message(rec, names, delimiter)))
        records.append(CsvRecord(rec.line, values))
    return CsvTable(
        path=path,
        columns=[n for n in names if n],
        header_line=head.line,
        delimiter=delimiter,
        records=records,
        problems=problems,
        broken_lines=frozenset(broken),
    )


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
    for line in _NEWLINES.split(text):
        if re.search(r'[^\s,;"]', line):
            counts = dict.fromkeys(DELIMITERS, 0)
            quoted = False
            for ch in line:
                if ch == '"':
                    quoted = not quoted
                elif not quoted and ch in counts:
                    counts[ch] += 1
            best = max(DELIMITERS, key=lambda d: counts[d])
            return best if counts[best] else ","
    return ","


def show(value: str, limit: int = 60) -> str:
    """A cell value quoted for a message: trimmed, shortened when long, identity numbers masked."""
    text = mask_identity_numbers(value.strip())
    text = text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"'{text}'"


def identity_message(column: str, what: str) -> str:
    """The message of ``personal-identity-number``; the number itself is never shown."""
    return (
        f"column '{column}': the {what} contains a Swedish personal identity number or "
        "coordination number (not shown); remove it, or import with --allow-identifiers"
    )


def value_message(column: str, raw: str, exc: ValueError_) -> str:
    """A message naming the column and the value (shortened, identity numbers masked)."""
    if exc.code == "personal-identity-number":
        return identity_message(column, "value")
    text = raw.strip()
    message = exc.message.replace(text, show(text)[1:-1]) if text else exc.message
    if contains_identity_number(message) or "\n" in message or "\r" in message:
        message = f"{show(text)} is not valid here ({exc.code})"
    return f"column '{column}': {message}"


def _extra_message(rec: _RawRecord, names: list[str], delimiter: str) -> str:
    """Describe the cells of a record that have no column in the header."""
    if len(rec.fields) > len(names):
        extra = rec.fields[len(names) :]
        filled = [cell for cell in extra if cell.strip()]
        what = f"{show(filled[0])} has no column" if filled else "empty cells beyond the header"
        message = f"{what}: the record has {len(rec.fields)} fields but the header has {len(names)} columns"
        if delimiter == ",":
            message += " (a value containing ',', such as a decimal comma, must be in double quotes)"
        return message
    index, cell = next(
        (i, c) for i, (n, c) in enumerate(zip(names, rec.fields, strict=False)) if not n and c.strip()
    )
    return f"{show(cell)} is in field {index + 1}, whose header cell is empty"


def _header_name(cell: str) -> str:
    return unicodedata.normalize("NFC", cell.replace("\ufeff", "").strip())


def _line_at(data: bytes, offset: int) -> int:
    head = data[:offset]
    return head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1


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
