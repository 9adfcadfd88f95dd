"""Find, detect and mask Swedish personal identity and coordination numbers in free text."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

PERSONNUMMER = "personnummer"
SAMORDNINGSNUMMER = "samordningsnummer"

#: Offset added to the day of birth in a coordination number (samordningsnummer).
_COORDINATION_DAY_OFFSET = 60

#: Centuries accepted for a 12-digit form; anything else is not a birth year of a living record.
_EXPLICIT_CENTURIES = frozenset({18, 19, 20})

#: Centuries a 10-digit form may stand for, by separator. ``-`` is written for people under 100,
#: ``+`` for people 100 or older, and a bare run of ten digits says nothing about age.
_CENTURIES_BY_SEPARATOR: dict[str, tuple[int, ...]] = {
    "-": (19, 20),
    "+": (18, 19),
    "": (18, 19, 20),
}

#: A run of exactly 10 or 12 ASCII digits, optionally with ``-`` or ``+`` before the last four.
#: The look-arounds keep a candidate from being a slice of a longer run of digits.
_CANDIDATE = re.compile(
    r"(?<![0-9])"
    r"(?P<century>[0-9]{2})?"
    r"(?P<date>[0-9]{6})"
    r"(?P<sep>[-+]?)"
    r"(?P<serial>[0-9]{4})"
    r"(?![0-9])"
)

#: What a match is replaced with, character by character: digits hidden, separator kept as ``-``.
_MASK_DIGIT = "*"
_MASK_SEPARATOR = "-"


@dataclass(frozen=True)
class IdentityNumberMatch:
    """One identity number found in a text: the substring as written, its span and its kind."""

    text: str
    start: int
    end: int
    kind: str  # PERSONNUMMER or SAMORDNINGSNUMMER


def _luhn_valid(digits: str) -> bool:
    """True if ``digits`` (check digit last) satisfies the Luhn mod-10 check."""
    total = 0
    for index, char in enumerate(digits):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _is_calendar_date(year: int, month: int, day: int) -> bool:
    """True if year-month-day exists in the proleptic Gregorian calendar."""
    if year < 1 or not 1 <= month <= 12:
        return False
    return 1 <= day <= calendar.monthrange(year, month)[1]


def _classify(century: str | None, date: str, separator: str, serial: str) -> str | None:
    """The kind of a well-shaped candidate, or None if its date or check digit is invalid."""
    if not _luhn_valid(date + serial):
        return None
    yy, month, day_field = int(date[0:2]), int(date[2:4]), int(date[4:6])
    if 1 <= day_field <= 31:
        kind, day = PERSONNUMMER, day_field
    elif _COORDINATION_DAY_OFFSET + 1 <= day_field <= _COORDINATION_DAY_OFFSET + 31:
        kind, day = SAMORDNINGSNUMMER, day_field - _COORDINATION_DAY_OFFSET
    else:
        return None
    if century is None:
        centuries = _CENTURIES_BY_SEPARATOR[separator]
    elif int(century) in _EXPLICIT_CENTURIES:
        centuries = (int(century),)
    else:
        return None
    if any(_is_calendar_date(c * 100 + yy, month, day) for c in centuries):
        return kind
    return None


def _iter_matches(text: str) -> Iterator[IdentityNumberMatch]:
    """Yield valid identity numbers in ``text`` from left to right, never overlapping."""
    position = 0
    while True:
        candidate = _CANDIDATE.search(text, position)
        if candidate is None:
            return
        kind = _classify(
            candidate.group("century"),
            candidate.group("date"),
            candidate.group("sep"),
            candidate.group("serial"),
        )
        if kind is None:
            position = candidate.start() + 1
            continue
        yield IdentityNumberMatch(
            text=candidate.group(0), start=candidate.start(), end=candidate.end(), kind=kind
        )
        position = candidate.end()


def find_identity_numbers(text: str) -> list[IdentityNumberMatch]:
    """Every personnummer and samordningsnummer in ``text``, in order of appearance.

    Accepted forms: ``ÅÅÅÅMMDDNNNK``, ``ÅÅÅÅMMDD-NNNK``, ``ÅÅMMDDNNNK``, ``ÅÅMMDD-NNNK`` and
    ``ÅÅMMDD+NNNK`` (``+`` is also accepted in the 12-digit form). A candidate must not be part of
    a longer run of digits, its date must exist (day + 60 for a samordningsnummer) in a century
    consistent with the form, and its last digit must pass the Luhn check over ``ÅÅMMDDNNNK``.
    """
    return list(_iter_matches(text))


def contains_identity_number(text: str) -> bool:
    """True if ``text`` contains at least one personnummer or samordningsnummer."""
    return next(_iter_matches(text), None) is not None


def _mask(written: str) -> str:
    """The mask for one match: each digit becomes ``*`` and a separator becomes ``-``."""
    return "".join(_MASK_DIGIT if char.isdigit() else _MASK_SEPARATOR for char in written)


def mask_identity_numbers(text: str) -> str:
    """``text`` with every identity number replaced by a same-length mask like ``******-****``."""
    parts: list[str] = []
    position = 0
    for match in _iter_matches(text):
        parts.append(text[position : match.start])
        parts.append(_mask(match.text))
        position = match.end
    parts.append(text[position:])
    return "".join(parts)


def false_positive_rate(samples: Iterable[str]) -> float:
    """Share of ``samples`` (texts known to hold no identity number) that would be flagged."""
    total = 0
    flagged = 0
    for sample in samples:
        total += 1
        if contains_identity_number(sample):
            flagged += 1
    return flagged / total if total else 0.0
