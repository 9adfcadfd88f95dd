"""Formatted XLSX sheets (openpyxl): tables per breakdown, gender analysis, genomlysning, codebook.

Every sheet has bold, shaded header rows frozen above the data and the label column frozen to
the left, percentages as numbers formatted ``0%`` (so a spreadsheet can compute with them),
column widths that fit, and wrapped question texts. Hidden counts are the text "<N" or "..",
right-aligned, and their shares are left empty.
"""

from __future__ import annotations

import re
from typing import Any

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from audit_app.domain.table_masks import NO_MASK, TablesMask
from audit_app.services.gender import DIFF_LABEL, PrintedQuestion
from audit_app.services.table_layout import blocks, case_cells, column_keys

BOLD = Font(bold=True)
ITALIC = Font(italic=True)
TITLE = Font(bold=True, size=13)
SHADE = PatternFill("solid", fgColor="E8EEF4")
RIGHT = Alignment(horizontal="right")
WRAP = Alignment(wrap_text=True, vertical="top")
PERCENT = "0%"
DIFF = "+0.0;-0.0;0.0"
_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")


def sheet_title(book: Workbook, wanted: str) -> str:
    """A valid, unused sheet name (at most 31 characters, no ``[]:*?/\\``)."""
    base = _BAD_TITLE.sub("-", wanted).strip("'") or "Blad"
    title, n = base[:31], 2
    while title in book.sheetnames:
        suffix = f" ({n})"
        title, n = base[:31 - len(suffix)] + suffix, n + 1
    return title


def _header(sheet: Worksheet, values: list[Any]) -> None:
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        cell.font, cell.fill = BOLD, SHADE
        if cell.column > 1:
            cell.alignment = Alignment(horizontal="center", wrap_text=True)


def _put(sheet: Worksheet, row: int, col: int, value: Any, number_format: str | None = None) -> None:
    cell = sheet.cell(row, col, value)
    if isinstance(value, str) and col > 1:
        cell.alignment = RIGHT
    elif number_format and value is not None:
        cell.number_format = number_format


def _widths(sheet: Worksheet, first: float, others: float, count: int) -> None:
    sheet.column_dimensions["A"].width = first
    for i in range(2, count + 2):
        sheet.column_dimensions[get_column_letter(i)].width = others


def _note(sheet: Worksheet, mask: TablesMask) -> None:
    if mask.limit is not None:
        sheet.append([f"Små tal: antal från 1 till {mask.limit - 1} visas som <{mask.limit}; summor och "
                      "andelar som skulle avslöja dem visas som .. eller lämnas tomma."])
        sheet.cell(sheet.max_row, 1).font = ITALIC


def tables_sheet(book: Workbook, title: str, tables: dict[str, Any], mask: TablesMask = NO_MASK,
                 view: str = "", breakdown: str = "") -> Worksheet:
    """One breakdown's tables: a block per question with counts and shares of answered."""
    sheet = book.create_sheet(sheet_title(book, title))
    keys = column_keys(tables)
    sheet.append([f"{tables['audit']['name']} – {breakdown or 'hela urvalet'}"])
    sheet.cell(1, 1).font = TITLE
    sheet.append([f"Mall {tables['template']['id']} version {tables['template']['version']}; "
                  f"exkluderade ärenden: {tables['excluded']}. Andelar är av besvarade."])
    _note(sheet, mask)
    _header(sheet, ["Fråga och svar", *[part for _, label in keys for part in (label, "%")]])
    header_row = sheet.max_row
    sheet.append(["Ärenden"])
    sheet.cell(sheet.max_row, 1).font = BOLD
    for i, count in enumerate(case_cells(tables, mask, view)):
        _put(sheet, sheet.max_row, 2 + 2 * i, count)
    sheet.freeze_panes = f"B{header_row + 1}"
    for block in blocks(tables, mask, view):
        sheet.append([])
        sheet.append([f"{block.question_id}: {block.title}"])
        sheet.cell(sheet.max_row, 1).font = BOLD
        sheet.cell(sheet.max_row, 1).alignment = WRAP
        _header(sheet, ["Svar", *[part for _, label in keys for part in (label, "%")]])
        for label, counts, pcts in block.row_cells():
            sheet.append([label])
            r = sheet.max_row
            for i, (count, pct) in enumerate(zip(counts, pcts, strict=True)):
                _put(sheet, r, 2 + 2 * i, count)
                _put(sheet, r, 3 + 2 * i, None if pct is None else pct / 100, PERCENT)
        for label, values in block.stat_rows:
            sheet.append([label])
            for i, v in enumerate(values):
                _put(sheet, sheet.max_row, 2 + 2 * i, v, "0.0")
        for label, counts in block.status_cells():
            sheet.append([label])
            sheet.cell(sheet.max_row, 1).font = ITALIC
            for i, count in enumerate(counts):
                _put(sheet, sheet.max_row, 2 + 2 * i, count)
    _widths(sheet, 52, 12, 2 * len(keys))
    for i in range(len(keys)):
        sheet.column_dimensions[get_column_letter(3 + 2 * i)].width = 7
    return sheet


def codebook_sheet(book: Workbook, tables: dict[str, Any]) -> Worksheet:
    """Every question with its options: code, label and kind."""
    sheet = book.create_sheet(sheet_title(book, "Kodbok"))
    _header(sheet, ["Fråga", "Text", "Typ", "Avsnitt", "Kvalitetsområde", "Kod", "Etikett", "Slag"])
    for q in tables["questions"]:
        if not q["rows"]:
            sheet.append([q["id"], q["text"], q["type"], q["section"], q["quality_area"]])
        for r in q["rows"]:
            sheet.append([q["id"], q["text"], q["type"], q["section"], q["quality_area"],
                          r["code"], r["label"], r["kind"]])
    for letter, width in zip("ABCDEFGH", (18, 60, 10, 18, 18, 16, 36, 16), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "B2"
    return sheet


def gender_sheet(book: Workbook, analysis: dict[str, Any], printed: list[PrintedQuestion],
                 mask: TablesMask = NO_MASK) -> Worksheet:
    """The gender analysis: per part, count and share for each group and the difference."""
    sheet = book.create_sheet(sheet_title(book, "Jämställdhet"))
    (ga, gb) = (g["label"] for g in analysis["groups"])
    parts = analysis["parts"]
    sheet.append([f"{analysis['audit'].get('name', '')} – jämställdhetsanalys"])
    sheet.cell(1, 1).font = TITLE
    sheet.append([f"Andel av besvarade för {ga.lower()} och {gb.lower()}; skillnad = {ga} − {gb} i "
                  "procentenheter. Frågorna står i ordning efter största skillnad (Totalt)."])
    _note(sheet, mask)
    _header(sheet, ["", *[x for p in parts for x in (p["label"], None, None, None, None)]])
    top = sheet.max_row
    for i in range(len(parts)):
        sheet.merge_cells(start_row=top, start_column=2 + 5 * i, end_row=top, end_column=6 + 5 * i)
    _header(sheet, ["Fråga och svar", *[x for _ in parts for x in (ga, "%", gb, "%", DIFF_LABEL)]])
    sheet.freeze_panes = f"B{sheet.max_row + 1}"
    for q in printed:
        sheet.append([])
        sheet.append([f"{q.id}: {q.text}"])
        sheet.cell(sheet.max_row, 1).font = BOLD
        sheet.cell(sheet.max_row, 1).alignment = WRAP
        for row in q.rows:
            sheet.append([row.label])
            r = sheet.max_row
            for i, part in enumerate(parts):
                na, pa, nb, pb, diff = row.cells[part["code"]]
                _put(sheet, r, 2 + 5 * i, na)
                _put(sheet, r, 3 + 5 * i, None if pa is None else pa / 100, PERCENT)
                _put(sheet, r, 4 + 5 * i, nb)
                _put(sheet, r, 5 + 5 * i, None if pb is None else pb / 100, PERCENT)
                _put(sheet, r, 6 + 5 * i, diff, DIFF)
        sheet.append(["Besvarade"])
        sheet.cell(sheet.max_row, 1).font = ITALIC
        for i, part in enumerate(parts):
            na, nb = q.answered[part["code"]]
            _put(sheet, sheet.max_row, 2 + 5 * i, na)
            _put(sheet, sheet.max_row, 4 + 5 * i, nb)
    _widths(sheet, 52, 9, 5 * len(parts))
    for i in range(len(parts)):
        sheet.column_dimensions[get_column_letter(6 + 5 * i)].width = 13
    return sheet


def genomlysning_sheet(book: Workbook, table: dict[str, Any], cells: list[list[Any]],
                       limit: int | None) -> Worksheet:
    """The genomlysning: active cases, with and without a plan, and the share, per unit."""
    sheet = book.create_sheet(sheet_title(book, "Genomlysning"))
    sheet.append([f"{table['audit']['name']} – genomlysning av genomförandeplaner"])
    sheet.cell(1, 1).font = TITLE
    sheet.append(["Samtliga aktiva ärenden per enhet och hur många som hade en färdigställd "
                  "genomförandeplan."])
    if limit is not None:
        sheet.append([f"Små tal: antal från 1 till {limit - 1} visas som <{limit}."])
        sheet.cell(sheet.max_row, 1).font = ITALIC
    _header(sheet, [table["unit_field"]["label"], "Aktiva ärenden", "Med genomförandeplan",
                    "Utan genomförandeplan", "Andel med plan"])
    sheet.freeze_panes = f"B{sheet.max_row + 1}"
    for i, values in enumerate(cells):
        sheet.append([values[0]])
        r = sheet.max_row
        for c in range(1, 4):
            _put(sheet, r, 1 + c, values[c])
        _put(sheet, r, 5, None if values[4] is None else values[4] / 100, PERCENT)
        if i == len(cells) - 1:
            for cell in sheet[r]:
                cell.font = BOLD
    _widths(sheet, 30, 16, 4)
    return sheet
