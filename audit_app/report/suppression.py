"""Small-cell protection for the report: the rules live in :mod:`audit_app.domain.suppression`.

The report, the table exports and the GUI share one implementation, so a cell hidden in the PDF
is hidden the same way in a CSV or XLSX file. This module re-exports it under its old name.
"""

from __future__ import annotations

from audit_app.domain.suppression import (
    GENDER,
    MAIN,
    SECONDARY_MARK,
    STATUS_ROWS,
    TOTAL,
    K,
    Masked,
    Masks,
    TableMask,
    View,
    _view_cells,
    is_small,
    mask,
    mask_counts,
    mask_question,
    mask_tables,
    mask_views,
    option_row,
    pinned,
    small_mark,
    suppress,
)

__all__ = [
    "GENDER", "MAIN", "SECONDARY_MARK", "STATUS_ROWS", "TOTAL", "K", "Masked", "Masks", "TableMask",
    "View", "_view_cells", "is_small", "mask", "mask_counts", "mask_question", "mask_tables",
    "mask_views", "option_row", "pinned", "small_mark", "suppress",
]
