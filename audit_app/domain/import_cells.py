"""Helpers shared by the case and the answer import for checking cells and describing them.

- :func:`show` quotes a cell value for a message: trimmed, shortened, identity numbers masked.
- :func:`identity_message` and :func:`value_message` word the per-cell diagnostics.
- :func:`has_identity_number` is :func:`~audit_app.domain.identity_numbers.contains_identity_number`
  with a cheap pre-check: an identity number holds at least ten ASCII digits, so a cell with fewer
  cannot hold one and the pattern search is skipped (same answer, far less work for the usual cell).
"""

from __future__ import annotations

from audit_app.domain.identity_numbers import contains_identity_number, mask_identity_numbers
from audit_app.domain.values import ValueError_

#: The fewest ASCII digits an identity number is written with (``ÅÅMMDDNNNK``).
_MIN_DIGITS = 10
_DIGITS = "0123456789"


def has_identity_number(text: str) -> bool:
    """True if ``text`` contains a Swedish personal identity or coordination number."""
    if len(text) < _MIN_DIGITS or sum(map(text.count, _DIGITS)) < _MIN_DIGITS:
        return False
    return contains_identity_number(text)


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
