"""Write the tables as CSV or XLSX, laid out as blocks per question with percentages of answered.

Both print through a small-cell mask (:class:`audit_app.domain.table_masks.TablesMask`): a hidden
count is "<N" or "..", and its share is left empty. :func:`write_workbook` writes the whole
workbook: "Totalt", a sheet per breakdown, the gender analysis, the genomlysning when there is
one, and the codebook ("Kodbok"), reporting progress sheet by sheet.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from audit_app.domain.table_masks import NO_MASK, TablesMask
from audit_app.services.table_layout import blocks, case_cells, column_keys

#: One sheet to write: (sheet title, breakdown label, view name, tables JSON).
SheetSpec = tuple[str, str, str, dict[str, Any]]


def tables_csv(tables: dict[str, Any], mask: TablesMask = NO_MASK, view: str = "") -> str:
    """The tables as CSV text (comma-separated; a block per question, blank line between)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    keys = column_keys(tables)
    writer.writerow(["Granskning", tables["audit"]["name"]])
    writer.writerow(["Mall", tables["template"]["id"], tables["template"]["version"]])
    by = tables["by"] or ""
    writer.writerow(["Uppdelning", f"{by} x {tables['by2']}" if tables.get("by2") else by])
    writer.writerow(["Ärenden", *case_cells(tables, mask, view)])
    writer.writerow(["Exkluderade", tables["excluded"]])
    if mask.limit is not None:
        writer.writerow(["Små tal", f"1–{mask.limit - 1} visas som <{mask.limit}; .. = dolt"])
    for block in blocks(tables, mask, view):
        writer.writerow([])
        writer.writerow([block.question_id, block.title])
        writer.writerow(["Svar", *[part for _, label in keys for part in (label, f"{label} %")]])
        for label, counts, pcts in block.row_cells():
            cells: list[object] = []
            for count, pct in zip(counts, pcts, strict=True):
                cells += [count, "" if pct is None else f"{pct:.1f}"]
            writer.writerow([label, *cells])
        for label, values in block.stat_rows:
            cells = []
            for v in values:
                cells += ["" if v is None else v, ""]
            writer.writerow([label, *cells])
        for label, printed in block.status_cells():
            cells = []
            for count in printed:
                cells += [count, ""]
            writer.writerow([label, *cells])
    return buffer.getvalue()


def new_book() -> Any:
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    if first is not None:
        book.remove(first)
    return book


def write_tables_xlsx(tables: dict[str, Any], path: Path, mask: TablesMask = NO_MASK,
                      view: str = "", breakdown: str = "") -> None:
    """One breakdown's tables as a formatted workbook: a sheet "Tabeller" and the codebook."""
    from audit_app.services.table_sheets import codebook_sheet, tables_sheet

    book = new_book()
    tables_sheet(book, "Tabeller", tables, mask, view, breakdown)
    codebook_sheet(book, tables)
    save_book(book, path)


def write_workbook(
    path: Path,
    sheets: list[SheetSpec],
    mask: TablesMask = NO_MASK,
    *,
    gender: tuple[dict[str, Any], list[Any]] | None = None,
    genomlysning: tuple[dict[str, Any], list[list[Any]], int | None] | None = None,
    progress: Callable[[int, int], None] | None = None,
    done_before: int = 0,
    total: int | None = None,
) -> None:
    """The whole workbook; ``progress(done, total)`` after each sheet (steps before: ``done_before``)."""
    from audit_app.services.table_sheets import (
        codebook_sheet,
        gender_sheet,
        genomlysning_sheet,
        tables_sheet,
    )

    steps = len(sheets) + 2 + (gender is not None) + (genomlysning is not None)
    total = total or done_before + steps
    done = done_before

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    book = new_book()
    for title, breakdown, view, tables in sheets:
        tables_sheet(book, title, tables, mask, view, breakdown)
        step()
    if gender is not None:
        gender_sheet(book, gender[0], gender[1], mask)
        step()
    if genomlysning is not None:
        genomlysning_sheet(book, *genomlysning)
        step()
    codebook_sheet(book, sheets[0][3])
    step()
    save_book(book, path)
    step()


def save_book(book: Any, path: Path) -> None:
    """Save next to the target and move into place, so a failed save leaves no half file."""
    tmp = path.with_name(path.name + ".part")
    book.save(tmp)
    tmp.replace(path)
