"""Evaluating a compiled ``applies_when`` condition: every comparison with a missing value is false."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from audit_app.domain.values import Value, normalize_text

#: Returns a case field's value or a question's final answer, or None when it has none.
Lookup = Callable[[str], Value | None]


@dataclass(frozen=True)
class ListLiteral:
    """The right side of ``in`` written as a list; members already in canonical form."""

    texts: frozenset[str]
    numbers: frozenset[float]


# A value during evaluation, in canonical form: text NFC-normalised and trimmed, numbers float.
Item = str | float | frozenset[str] | ListLiteral | None
Getter = Callable[[Lookup], Item]
Test = Callable[[Item, Item], bool]
Eval = Callable[[Lookup], bool]



def canonical(value: Value | None) -> Item:
    """A looked-up value in the form comparisons use."""
    if value is None or isinstance(value, frozenset):
        return value
    if isinstance(value, str):
        return normalize_text(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    raise TypeError(f"a condition cannot use a value of type {type(value).__name__}")


def normalised_set(codes: frozenset[str]) -> frozenset[str]:
    return frozenset(normalize_text(c) for c in codes)


def comparison(symbol: str, func: Callable[[Any, Any], bool]) -> Test:
    def test(left: Item, right: Item) -> bool:
        if left is None or right is None:
            return False
        if (isinstance(left, str) and isinstance(right, str)) or (
            isinstance(left, float) and isinstance(right, float)
        ):
            return func(left, right)
        if isinstance(left, frozenset) and isinstance(right, frozenset) and symbol in {"==", "!="}:
            return func(normalised_set(left), normalised_set(right))
        # Values of different kinds are never equal and have no order.
        return symbol == "!=" and type(left) is not type(right)

    return test


def contains(needle: Item, haystack: Item) -> bool:
    if needle is None or haystack is None:
        return False
    if isinstance(haystack, ListLiteral):
        if isinstance(needle, str):
            return needle in haystack.texts
        return isinstance(needle, float) and needle in haystack.numbers
    if isinstance(haystack, frozenset):
        return isinstance(needle, str) and (
            needle in haystack or any(normalize_text(c) == needle for c in haystack)
        )
    # A single value on the right is a collection of one.
    return type(needle) is type(haystack) and needle == haystack


def not_contains(needle: Item, haystack: Item) -> bool:
    if needle is None or haystack is None:
        return False
    return not contains(needle, haystack)


def chain(getters: tuple[Getter, ...], tests: tuple[Test, ...]) -> Eval:
    """``a < b < c`` as ``a < b and b < c``, each operand looked up at most once."""

    def evaluate(lookup: Lookup) -> bool:
        left = getters[0](lookup)
        for test, get_right in zip(tests, getters[1:], strict=True):
            right = get_right(lookup)
            if not test(left, right):
                return False
            left = right
        return True

    return evaluate


def all_of(parts: tuple[Eval, ...]) -> Eval:
    def evaluate(lookup: Lookup) -> bool:
        return all(part(lookup) for part in parts)

    return evaluate


def any_of(parts: tuple[Eval, ...]) -> Eval:
    def evaluate(lookup: Lookup) -> bool:
        return any(part(lookup) for part in parts)

    return evaluate
