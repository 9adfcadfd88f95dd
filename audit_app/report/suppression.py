"""Small-cell protection for the report: the rules live in :mod:`audit_app.domain.suppression`
and :mod:`audit_app.domain.question_masks`.

The report, the table exports and the GUI share one implementation of the rules; this module
re-exports it under its old name.
"""

from __future__ import annotations

from audit_app.domain.question_masks import (
    GENDER,
    MAIN,
    STATUS_ROWS,
    TOTAL,
    Masks,
    TableMask,
    View,
    _view_cells,
    mask_question,
    mask_tables,
    mask_views,
    option_row,
)
from audit_app.domain.suppression import (
    SECONDARY_MARK,
    K,
    Masked,
    is_small,
    mask,
    mask_counts,
    pinned,
    small_mark,
    suppress,
)

__all__ = [
    "GENDER", "MAIN", "SECONDARY_MARK", "STATUS_ROWS", "TOTAL", "K", "Masked", "Masks", "TableMask",
    "View", "_view_cells", "is_small", "mask", "mask_counts", "mask_question", "mask_tables",
    "mask_views", "option_row", "pinned", "small_mark", "suppress",
]
