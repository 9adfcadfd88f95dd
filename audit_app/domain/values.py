"""Typed answer and case-field values: parsing from user text, storage encoding, and equality."""

from __future__ import annotations

import datetime as _dt
import math
import re
import unicodedata
from collections.abc import Sequence

from audit_app.domain.template import Option

#: A value in memory: option code (choice), set of codes (multi), number, ISO date or text.
Value = str | float | frozenset[str]

# ASCII digits only: ``\d`` would also accept other scripts' digits, which float() reads.
_NUMBER = re.compile(r"[+-]?([0-9]+)([.,]([0-9]+))?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class ValueError_(Exception):
    """A raw value does not fit its item; ``code`` is the import error code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def normalize_text(text: str) -> str:
    """Trim and NFC-normalise text; the form in which text is compared and stored."""
    if text.isascii():  # ASCII text is always in NFC
        return text.strip()
    return unicodedata.normalize("NFC", text.strip())


def parse_number(
    raw: str, *, integer: bool = False, minimum: float | None = None, maximum: float | None = None
) -> float:
    """Parse a number written with an optional sign, digits and one decimal mark (. or ,)."""
    text = raw.strip()
    match = _NUMBER.fullmatch(text)
    if not match:
        raise ValueError_("invalid-number", f"'{text}' is not a number")
    if integer and match.group(2) is not None:
        raise ValueError_("invalid-number", f"'{text}' is not a whole number")
    value = float(text.replace(",", "."))
    if not math.isfinite(value):
        raise ValueError_("invalid-number", f"'{text[:20]}...' is too large a number")
    if minimum is not None and value < minimum:
        raise ValueError_("out-of-range", f"{text} is below the minimum {format_number(minimum)}")
    if maximum is not None and value > maximum:
        raise ValueError_("out-of-range", f"{text} is above the maximum {format_number(maximum)}")
    return value


def parse_date(raw: str) -> str:
    """Parse an ISO date ``YYYY-MM-DD`` that exists in the calendar."""
    text = raw.strip()
    if not _DATE.fullmatch(text):
        raise ValueError_("invalid-date", f"'{text}' is not a date of the form YYYY-MM-DD")
    try:
        _dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError_("invalid-date", f"'{text}' is not a date in the calendar") from None
    return text


class OptionIndex:
    """The options of one item, looked up by code or label (case-insensitive) in one step.

    Build it once per item when many values are parsed against the same options; it gives the same
    code and the same errors as scanning the options in order.
    """

    def __init__(self, options: Sequence[Option]) -> None:
        self.options: tuple[Option, ...] = tuple(options)
        self._codes: dict[str, str] = {}
        for opt in self.options:  # the first option that matches wins, as in a scan
            self._codes.setdefault(opt.code.casefold(), opt.code)
            self._codes.setdefault(normalize_text(opt.label).casefold(), opt.code)

    def match(self, raw: str) -> str:
        """The code of the option named by ``raw``; ``invalid-option`` when there is none."""
        code = self._codes.get(normalize_text(raw).casefold())
        if code is None:
            codes = ", ".join(o.code for o in self.options)
            raise ValueError_("invalid-option", f"'{raw.strip()}' is not one of the options ({codes})")
        return code


def _index(options: Sequence[Option] | OptionIndex) -> OptionIndex:
    return options if isinstance(options, OptionIndex) else OptionIndex(options)


def match_option(raw: str, options: Sequence[Option] | OptionIndex) -> str:
    """The code of the option named by its code or label (case-insensitive)."""
    return _index(options).match(raw)


def parse_choice(raw: str, options: Sequence[Option] | OptionIndex) -> str:
    """Parse a single option; two codes joined by ``|`` are ``multiple-options``."""
    if "|" in raw and sum(1 for part in raw.split("|") if part.strip()) > 1:
        raise ValueError_("multiple-options", f"'{raw.strip()}' gives several options for a single choice")
    return _index(options).match(raw)


def parse_multi(raw: str, options: Sequence[Option] | OptionIndex) -> frozenset[str]:
    """Parse any number of options joined by ``|``."""
    parts = raw.split("|")
    if any(not p.strip() for p in parts):
        raise ValueError_("invalid-option", f"'{raw.strip()}' has an empty option between '|'")
    index = _index(options)
    return frozenset(index.match(p) for p in parts)


def format_number(value: float) -> str:
    """Show a number without a needless trailing ``.0``."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def encode_value(kind: str, value: Value, options: Sequence[Option] = ()) -> str:
    """Encode a value as the text stored in the database (multi codes in option order)."""
    if kind == "multi":
        assert isinstance(value, frozenset)
        order = {o.code: i for i, o in enumerate(options)}
        return "|".join(sorted(value, key=lambda c: (order.get(c, len(order)), c)))
    if kind == "number":
        assert isinstance(value, float | int)
        return repr(float(value))
    assert isinstance(value, str)
    return value


def decode_value(kind: str, text: str) -> Value:
    """Decode stored text back into a value of the item's kind."""
    if kind == "multi":
        return frozenset(c for c in text.split("|") if c)
    if kind == "number":
        return float(text)
    return text


#: The kinds whose values are compared normalised; for every other kind ``values_equal`` is ``==``.
NORMALISED_KINDS = frozenset({"text"})


def values_equal(kind: str, a: Value, b: Value) -> bool:
    """Equality as the counting rules define: same set, numerically equal, equal when trimmed."""
    if kind in NORMALISED_KINDS and isinstance(a, str) and isinstance(b, str):
        return normalize_text(a) == normalize_text(b)
    return a == b


def display_value(kind: str, value: Value, options: Sequence[Option] = ()) -> str:
    """A value as a reader sees it: option labels, numbers without a trailing .0."""
    labels = {o.code: o.label for o in options}
    if kind == "multi" and isinstance(value, frozenset):
        order = {o.code: i for i, o in enumerate(options)}
        codes = sorted(value, key=lambda c: (order.get(c, len(order)), c))
        return ", ".join(labels.get(c, c) for c in codes)
    if kind == "number" and isinstance(value, float | int):
        return format_number(value)
    if isinstance(value, str):
        return labels.get(value, value)
    return str(value)
