"""Bulk work without the cyclic garbage collector: it would rescan every row object built so far."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a block that builds many objects and frees few.

    A large import makes a few hundred thousand tuples that all live until it ends; the collector
    would walk them again and again for nothing. Reference counting still frees everything, and
    the collector runs as usual after the block (nested blocks leave it to the outermost).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
