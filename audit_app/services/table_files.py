"""Write the tables as CSV or XLSX, laid out as blocks per question with percentages of answered."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from audit_app.services.table_layout import blocks, column_keys


def tables_csv(tables: dict[str, Any]) -> str:
    """The tables as CSV text (comma-separated; a block per question, blank line between)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    keys = column_keys(tables)
    writer.writerow(["Granskning", tables["audit"]["name"]])
    writer.writerow(["Mall", tables["template"]["id"], tables["template"]["version"]])
    writer.writerow(["Uppdelning", tables["by"] or ""])
    writer.writerow(["Ärenden", *[tables["cases"][k] for k, _ in keys]])
    writer.writerow(["Exkluderade", tables["excluded"]])
    for block in blocks(tables):
        writer.writerow([])
        writer.writerow([block.question_id, block.title])
        writer.writerow(["Svar", *[part for _, label in keys for part in (label, f"{label} %")]])
        for (label, counts), pcts in zip(block.rows, block.percents, strict=True):
            cells = []
            for count, pct in zip(counts, pcts, strict=True):
                cells += [count, "" if pct is None else f"{pct:.1f}"]
            writer.writerow([label, *cells])
        for label, values in block.stat_rows:
            cells = []
            for v in values:
                cells += ["" if v is None else v, ""]
            writer.writerow([label, *cells])
        for label, counts in block.status_rows:
            cells = []
            for count in counts:
                cells += [count, ""]
            writer.writerow([label, *cells])
    return buffer.getvalue()


def write_tables_xlsx(tables: dict[str, Any], path: Path) -> None:
    """The tables as a formatted workbook: a sheet of tables and a codebook sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    shade = PatternFill("solid", fgColor="E8EEF4")
    keys = column_keys(tables)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Tabeller"
    sheet.append(["Granskning", tables["audit"]["name"]])
    sheet.append(["Mall", f"{tables['template']['id']} version {tables['template']['version']}"])
    sheet.append(["Uppdelning", tables["by"] or "ingen"])
    sheet.append(["Ärenden", *[tables["cases"][k] for k, _ in keys]])
    sheet.append(["Exkluderade", tables["excluded"]])
    for block in blocks(tables):
        sheet.append([])
        sheet.append([f"{block.question_id}: {block.title}"])
        sheet.cell(sheet.max_row, 1).font = bold
        sheet.append(["Svar", *[part for _, label in keys for part in (label, "%")]])
        for cell in sheet[sheet.max_row]:
            cell.font, cell.fill = bold, shade
        for (label, counts), pcts in zip(block.rows, block.percents, strict=True):
            cells: list[object] = []
            for count, pct in zip(counts, pcts, strict=True):
                cells += [count, None if pct is None else pct / 100]
            sheet.append([label, *cells])
            for i in range(len(counts)):
                sheet.cell(sheet.max_row, 3 + 2 * i).number_format = "0%"
        for label, values in block.stat_rows:
            row: list[object] = [label]
            for v in values:
                row += [v, None]
            sheet.append(row)
            for i in range(len(values)):
                sheet.cell(sheet.max_row, 2 + 2 * i).number_format = "0.0"
        for label, counts in block.status_rows:
            row = [label]
            for count in counts:
                row += [count, None]
            sheet.append(row)
            sheet.cell(sheet.max_row, 1).font = Font(italic=True)
    sheet.column_dimensions["A"].width = 48
    for i in range(2, 2 + 2 * len(keys)):
        sheet.column_dimensions[get_column_letter(i)].width = 14
    for cells in sheet.iter_rows(min_row=1, max_col=1):
        cells[0].alignment = Alignment(wrap_text=True, vertical="top")
    codebook = book.create_sheet("Kodbok")
    codebook.append(["Fråga", "Text", "Typ", "Avsnitt", "Kvalitetsområde", "Kod", "Etikett", "Slag"])
    for cell in codebook[1]:
        cell.font, cell.fill = bold, shade
    for q in tables["questions"]:
        if not q["rows"]:
            codebook.append([q["id"], q["text"], q["type"], q["section"], q["quality_area"]])
        for r in q["rows"]:
            codebook.append([q["id"], q["text"], q["type"], q["section"], q["quality_area"],
                             r["code"], r["label"], r["kind"]])
    for letter, width in zip("ABCDEFGH", (18, 60, 10, 18, 18, 16, 36, 16), strict=True):
        codebook.column_dimensions[letter].width = width
    book.save(path)

