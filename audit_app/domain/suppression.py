"""Small-cell protection: hide counts that could point out an individual child or family.

With a limit N, a count 1..N-1 prints as "<N" (primary suppression; zero stays visible). A sum
printed next to its parts could give a hidden part back (a row total minus the visible cells), so
such a total is hidden too and printed as ".." (secondary suppression). When the total may not be
hidden (the number of included cases, printed everywhere), or is hidden but every part shows, the
smallest visible non-zero part is hidden instead. This is repeated until no group of a total and
its parts gives a hidden cell back (or nothing more can be hidden: zeros and public cells stay).

A hidden part "gives itself back" when the known sum of the hidden parts pins it down given what
the reader knows of each: "<N" means 1..N-1, ".." means at least N.
Each group is checked on its own, and then all groups together: the bounds of every hidden cell
are narrowed group after group until nothing changes (:func:`bounds`), as a reader who combines
a table's rows and columns would. It is interval reasoning, not a full linear-programming audit.

This module is pure (the report, the exports and the GUI share it); ``audit_app.report.suppression``
re-exports it with :mod:`audit_app.domain.question_masks` (a question's table as the report
prints it). :mod:`audit_app.domain.table_masks` applies it to every exported table of an audit.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

K = TypeVar("K", bound=Hashable)

#: Printed for a value hidden because it would give a small count back.
SECONDARY_MARK = ".."

_UNBOUNDED = 10**12


def is_small(count: int | None, limit: int | None) -> bool:
    """Whether a count is hidden on its own: 1..limit-1 when a limit is set."""
    return limit is not None and count is not None and 1 <= count < limit


def small_mark(limit: int) -> str:
    """The text printed for a small count, "<N"."""
    return f"<{limit}"


def _bounds(key: Hashable, primary: set[Any] | frozenset[Any], limit: int) -> tuple[int, int]:
    """What "<N" (1..N-1) or ".." (N or more) tells a reader."""
    return (1, limit - 1) if key in primary else (limit, _UNBOUNDED)


def pinned(
    values: Mapping[K, int],
    total: K,
    parts: Sequence[K],
    hidden: set[K] | frozenset[K],
    primary: set[K] | frozenset[K],
    limit: int,
) -> bool:
    """Whether a reader can work out a hidden cell of ``total = sum(parts)`` exactly.

    The reader sees the visible cells and knows each hidden one is 1..limit-1 ("<N") or at
    least ``limit`` (".."). With one equation and interval bounds, each hidden cell's possible
    values form an interval; the cell is given away when that interval is a single value.
    """
    hidden_parts = [p for p in parts if p in hidden]
    if total not in hidden and not hidden_parts:
        return False
    visible = sum(values[p] for p in parts if p not in hidden)
    t_lo, t_hi = (_bounds(total, primary, limit) if total in hidden
                  else (values[total], values[total]))
    bounds = [_bounds(p, primary, limit) for p in hidden_parts]
    lo_sum = sum(lo for lo, _ in bounds)
    hi_sum = sum(hi for _, hi in bounds)
    if total in hidden and max(t_lo, visible + lo_sum) >= min(t_hi, visible + hi_sum):
        return True
    for lo, hi in bounds:
        own_lo = max(lo, t_lo - visible - (hi_sum - hi))
        own_hi = min(hi, t_hi - visible - (lo_sum - lo))
        if own_lo >= own_hi:
            return True
    return False


def bounds(
    values: Mapping[K, int],
    groups: Sequence[tuple[K, Sequence[K]]],
    hidden: set[K] | frozenset[K],
    primary: set[K] | frozenset[K],
    limit: int,
    max_rounds: int = 100,
) -> dict[K, tuple[int, int]]:
    """What a reader can work out of each hidden cell, as (low, high), from all groups together.

    Each hidden cell starts at 1..limit-1 ("<N") or limit..∞ (".."); every group
    ``total = sum(parts)`` then narrows each of its hidden cells given the others' bounds, round
    after round until nothing changes (or ``max_rounds``, which only leaves bounds wider).
    """
    known: dict[K, tuple[int, int]] = {k: _bounds(k, primary, limit) for k in hidden}

    def get(k: K) -> tuple[int, int]:
        return known.get(k) or (values[k], values[k])

    for _ in range(max_rounds):
        changed = False
        for total, parts in groups:
            cells = [total, *parts]
            if not any(c in known for c in cells):
                continue
            lo = [get(c) for c in parts]
            t_lo, t_hi = get(total)
            sum_lo, sum_hi = sum(b[0] for b in lo), sum(b[1] for b in lo)
            if total in known:
                new = (max(t_lo, sum_lo), min(t_hi, sum_hi))
                if new != (t_lo, t_hi):
                    known[total], changed = new, True
                    t_lo, t_hi = new
            for part, (p_lo, p_hi) in zip(parts, lo, strict=True):
                if part not in known:
                    continue
                new = (max(p_lo, t_lo - (sum_hi - p_hi)), min(p_hi, t_hi - (sum_lo - p_lo)))
                if new != (p_lo, p_hi):
                    known[part], changed = new, True
        if not changed:
            break
    return known


def revealed(
    values: Mapping[K, int],
    groups: Sequence[tuple[K, Sequence[K]]],
    hidden: set[K] | frozenset[K],
    primary: set[K] | frozenset[K],
    limit: int,
) -> set[K]:
    """The hidden cells a reader can work out exactly from all groups together."""
    return {k for k, (lo, hi) in bounds(values, groups, hidden, primary, limit).items() if lo >= hi}


def _public_closure(
    values: Mapping[K, int], groups: list[tuple[K, list[K]]], fixed: set[K], limit: int
) -> set[K]:
    """The fixed cells plus every cell a reader can work out from them and visible zeros."""
    known = set(fixed)
    changed = True
    while changed:
        changed = False
        for total, parts in groups:
            if total in known and values[total] == 0 and not known.issuperset(parts):
                known.update(parts)  # an empty total: every part is a known zero
                changed = True
                continue
            unknown = [p for p in parts if p not in known and values[p] != 0]
            if total in known and len(unknown) == 1 and not is_small(values[unknown[0]], limit):
                known.add(unknown[0])
                changed = True
            elif total not in known and not unknown and not is_small(values[total], limit):
                known.add(total)
                changed = True
    return known


def suppress(
    values: Mapping[K, int],
    groups: Iterable[tuple[K, Sequence[K]]],
    limit: int | None,
    fixed: Iterable[K] = (),
    forced: Iterable[K] = (),
    prefer: Iterable[K] = (),
) -> tuple[frozenset[K], frozenset[K]]:
    """Decide which cells to hide.

    ``values`` maps every cell to its count; ``groups`` lists ``(total, parts)`` where the total
    is the sum of the parts; ``fixed`` cells are public (printed elsewhere, such as the number of
    cases per unit) and never hidden, nor is any cell that follows from them. ``forced`` cells
    are hidden whatever their value (they equal a cell hidden elsewhere); ``prefer`` cells (the
    main tables) are hidden to protect others only when no other cell will do. Returns
    ``(primary, secondary)``: the small cells and the cells hidden to protect them.
    """
    if limit is None:
        return frozenset(), frozenset()
    group_list = [(total, list(parts)) for total, parts in groups]
    forced_set = {k for k in forced if values.get(k, 0) > 0}
    keep = _public_closure(values, group_list, set(fixed) - forced_set, limit) - forced_set
    primary = {k for k, v in values.items() if is_small(v, limit) and k not in keep}
    hidden = primary | forced_set

    preferred = set(prefer)

    def hide_a_part(parts: list[K]) -> bool:
        visible = [p for p in parts if p not in hidden and p not in keep and values[p] > 0]
        if not visible:
            return False
        cheap = [p for p in visible if p not in preferred] or visible
        hidden.add(min(cheap, key=lambda p: values[p]))
        return True

    def act(total: K, parts: list[K]) -> bool:
        if total in preferred and total not in hidden and any(
                p not in preferred and p not in hidden and p not in keep and values[p] > 0 for p in parts):
            return hide_a_part(parts)
        if total not in hidden and total not in keep:
            hidden.add(total)  # the rule: a total that gives a hidden cell back is hidden
            return True
        # A public total, or a hidden one the visible parts give back: hide a part. (When every
        # part is already hidden or zero nothing more can be done; zeros are never hidden.)
        return hide_a_part(parts)

    changed = True
    while changed:
        changed = False
        for total, parts in group_list:
            if pinned(values, total, parts, hidden, primary, limit):
                changed |= act(total, parts)
        if changed:
            continue
        # Several equations together: a cell no single group gives back may follow from its
        # bounds worked out over all of them; hide more around such a cell.
        for cell in sorted(revealed(values, group_list, hidden, primary, limit), key=repr):
            for total, parts in group_list:
                if (cell == total or cell in parts) and act(total, parts):
                    changed = True
                    break
            if changed:
                break
    return frozenset(primary), frozenset(hidden - primary)


@dataclass(frozen=True)
class Masked:
    """The outcome of suppression over a set of cells, with their printed text."""

    values: Mapping[Any, int]
    primary: frozenset[Any]
    secondary: frozenset[Any]
    limit: int | None

    def hidden(self, key: Hashable) -> bool:
        """Whether the cell is hidden, for either reason."""
        return key in self.primary or key in self.secondary

    def text(self, key: Hashable) -> str:
        """The cell as printed: the count, "<N" or ".."."""
        if key in self.primary and self.limit is not None:
            return small_mark(self.limit)
        if key in self.secondary:
            return SECONDARY_MARK
        return str(self.values[key])

    @property
    def any_hidden(self) -> bool:
        """Whether anything was hidden."""
        return bool(self.primary or self.secondary)


def mask(
    values: Mapping[K, int],
    groups: Iterable[tuple[K, Sequence[K]]],
    limit: int | None,
    fixed: Iterable[K] = (),
    forced: Iterable[K] = (),
    prefer: Iterable[K] = (),
) -> Masked:
    """Run ``suppress`` and wrap the result for printing."""
    primary, secondary = suppress(values, groups, limit, fixed, forced, prefer)
    return Masked(dict(values), primary, secondary, limit)


def mask_counts(counts: Sequence[int], total: int, limit: int | None, *, fixed_total: bool = True) -> Masked:
    """Suppression for a one-way distribution that sums to ``total``.

    Cell keys are the positions 0..len-1 and ``"total"``; with ``fixed_total`` (the number of
    included cases, printed elsewhere anyway) the total stays and another part is hidden instead.
    """
    values: dict[int | str, int] = dict(enumerate(counts))
    values["total"] = total
    fixed: list[int | str] = ["total"] if fixed_total else []
    return mask(values, [("total", list(range(len(counts))))], limit, fixed)
