"""Keep ``None`` alive under PySide6 6.12 on CPython 3.11, which drops references to it.

Every Qt call that returns a null pointer or an invalid QVariant to Python (``parentWidget()``
at the top of a widget tree, ``QModelIndex().data()``, ``focusWidget()`` with nothing focused)
takes one reference from ``None`` without having given it one. CPython 3.12 made ``None``
immortal, so there it is harmless; on 3.11 the count reaches zero after a few thousand such
calls and the interpreter aborts ("deallocating None"), in the middle of a review. Adding a
reference count that can never be used up makes ``None`` as good as immortal here too.
"""

from __future__ import annotations

import ctypes
import sys

_MARGIN = 1 << 48


def keep_none_alive() -> bool:
    """Give ``None`` enough references for any session; True when this was needed."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    refcount = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt is PyObject's first field
    if refcount.value < _MARGIN:
        refcount.value += _MARGIN
    return True
