"""Filling translated texts: Qt's ``%1``, ``%2`` ... placeholders (PySide's tr returns a str)."""

from __future__ import annotations

import re

_PLACEHOLDER = re.compile(r"%(\d)")


def fmt(text: str, *args: object) -> str:
    """Replace ``%1`` ... ``%9`` with the arguments in one pass (an argument's own % stays)."""
    def sub(match: re.Match[str]) -> str:
        n = int(match.group(1))
        return str(args[n - 1]) if 1 <= n <= len(args) else match.group(0)

    return _PLACEHOLDER.sub(sub, text)
