"""Cycles among conditions are found once per group of questions that depend on each other."""

from __future__ import annotations

from audit_app.domain.dependency_cycles import cycle_through, strong_components


def _cyclic(order: list[str], edges: dict[str, set[str]]) -> list[list[str]]:
    return [
        c for c in strong_components(order, edges) if len(c) > 1 or c[0] in edges.get(c[0], set())
    ]


def test_chain_of_dependencies_has_no_cycle() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": set()}
    assert _cyclic(["a", "b", "c"], edges) == []


def test_self_reference_is_a_cycle_of_one() -> None:
    edges = {"a": {"a"}, "b": {"a"}}
    assert _cyclic(["a", "b"], edges) == [["a"]]
    assert cycle_through("a", edges, {"a"}) == ["a", "a"]


def test_two_separate_cycles_are_two_groups_in_template_order() -> None:
    edges = {"a": {"b"}, "b": {"a"}, "c": {"d"}, "d": {"e"}, "e": {"c"}, "f": {"a"}}
    groups = _cyclic(["a", "b", "c", "d", "e", "f"], edges)
    assert groups == [["c", "d", "e"], ["a", "b"]] or groups == [["a", "b"], ["c", "d", "e"]]
    assert cycle_through("c", edges, {"c", "d", "e"}) == ["c", "d", "e", "c"]


def test_targets_without_edges_of_their_own_end_a_path() -> None:
    edges = {"a": {"age", "b"}, "b": {"a"}}
    assert _cyclic(["a", "b"], edges) == [["a", "b"]]


def test_very_long_chain_needs_no_recursion() -> None:
    order = [f"q{i}" for i in range(20_000)]
    edges = {name: {order[(i + 1) % len(order)]} for i, name in enumerate(order)}
    [group] = _cyclic(order, edges)
    assert len(group) == len(order)
    assert group[0] == "q0"
