"""Paragraph and Table that lay themselves out once per width.

The report measures a question's block before placing it (to keep table and chart together), a
``KeepTogether`` measures its content again, and the frame a third time, always at the frame's
width. ReportLab breaks the lines of a paragraph and sizes a table's rows anew on every ``wrap``;
these subclasses keep the result of the last ``wrap`` and reuse it while the width is the same
(nothing else about them changes between the calls). The output is identical.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Paragraph as _Paragraph
from reportlab.platypus import Table as _Table


class Paragraph(_Paragraph):
    """A ``Paragraph`` whose line breaking is reused for a width it was already wrapped at."""

    _wrapped_at: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        """The size at ``availWidth``, computed once per width."""
        # ``split`` drops the line breaking when it pushes the whole paragraph on: then redo it.
        if availWidth == self._wrapped_at and "blPara" in self.__dict__:
            self.width = availWidth
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth
        return size


class Table(_Table):
    """A ``Table`` whose column widths and row heights are reused for the same available width."""

    _wrapped_at: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        """The size at ``availWidth``, computed once per width."""
        # A long table sizes only the rows that fit ``availHeight`` (ReportLab's longTableOptimize):
        # only a layout of every row holds for any height.
        if availWidth == self._wrapped_at and getattr(self, "_hmax", -1) == len(self._cellvalues):
            self.availWidth = availWidth
            return self._width, self._height
        size: Any = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth
        return tuple(size)  # type: ignore[return-value]

    def setStyle(self, tblstyle: Any) -> None:  # noqa: N802 - ReportLab's name
        """A new style may change the layout: the next ``wrap`` computes it again."""
        self._wrapped_at = None
        super().setStyle(tblstyle)
