"""Per-answer version clocks: who wins, what is a conflict, and that order never matters."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from audit_app.domain.package_sync import (
    REVIEWER,
    TEAM_LEADER,
    Outcome,
    SyncEntry,
    SyncRecord,
    Versioned,
    decide,
    merge,
    refresh,
    unit_digest,
)

K = ("A1", "q")


def v(value: str | None, tl: int, rv: int, comment: str | None = None) -> Versioned:
    return Versioned(value, comment, (tl, rv))


def test_the_same_answer_on_both_sides_joins_the_clocks() -> None:
    d = decide(K, v("ja", 2, 0), v("ja", 0, 3), TEAM_LEADER)
    assert d.outcome is Outcome.SAME and d.clock == (2, 3)


def test_an_older_package_answer_is_kept_out_and_a_newer_one_wins() -> None:
    assert decide(K, v("ja", 1, 2), v("nej", 1, 1), TEAM_LEADER).outcome is Outcome.KEEP
    newer = decide(K, v("ja", 1, 1), v("nej", 1, 2), TEAM_LEADER)
    assert newer.outcome is Outcome.APPLY and newer.result == v("nej", 1, 2)
    cleared = decide(K, v("ja", 0, 1), v(None, 0, 2), TEAM_LEADER)
    assert cleared.outcome is Outcome.APPLY and cleared.result.value is None


def test_changes_on_both_sides_are_a_conflict_settled_only_by_the_team_leader() -> None:
    at_leader = decide(K, v("ja", 1, 1), v("nej", 0, 2), TEAM_LEADER)
    assert at_leader.outcome is Outcome.CONFLICT
    assert at_leader.result == v("ja", 1, 2)  # kept, and now counted as the newer one
    at_reviewer = decide(K, v("nej", 0, 2), v("ja", 1, 1), REVIEWER)
    assert at_reviewer.outcome is Outcome.CONFLICT
    assert at_reviewer.result == v("nej", 0, 2)  # kept, conflict left open for the leader


def test_a_comment_is_part_of_the_answer() -> None:
    d = decide(K, v("ja", 0, 1, "a"), v("ja", 0, 2, "b"), TEAM_LEADER)
    assert d.outcome is Outcome.APPLY and d.result.comment == "b"
    assert unit_digest("ja", "") == unit_digest("ja", None) != unit_digest("ja", "x")


def test_refresh_counts_a_local_change_since_the_last_exchange_once() -> None:
    state = {K: SyncEntry(unit_digest("ja", None), (0, 1))}
    same = refresh({K: ("ja", None)}, state, [K], TEAM_LEADER)
    assert same[K].clock == (0, 1)
    changed = refresh({K: ("nej", None)}, state, [K], TEAM_LEADER)
    assert changed[K] == v("nej", 1, 1)
    cleared = refresh({}, state, [K], REVIEWER)
    assert cleared[K] == v(None, 0, 2)
    new = refresh({("A2", "q"): ("ja", "c")}, {}, [("A2", "q")], REVIEWER)
    assert new[("A2", "q")] == v("ja", 0, 1, "c")


def test_a_record_survives_its_stored_form() -> None:
    record = SyncRecord(TEAM_LEADER, "Anna", "a" * 64, ["A1", "A2"],
                        {K: SyncEntry("abc", (1, 2)), ("A2", "r"): SyncEntry("", (0, 1))},
                        sent=3, received=2, case_sequence={"A1": 2})
    assert SyncRecord.from_json(record.as_json()) == record


# One writer (the reviewer) sends snapshots; the leader imports them in any order, repeatedly.
snapshots = st.lists(st.dictionaries(st.sampled_from(["q1", "q2", "q3"]),
                                     st.sampled_from(["ja", "nej", None]), max_size=3),
                     min_size=1, max_size=6)


@given(snapshots, st.data())
def test_whatever_the_order_the_newest_snapshot_wins(history: list[dict[str, str | None]],
                                                    data: st.DataObject) -> None:
    # The reviewer's side: a refresh before each export bumps what changed.
    state: dict[tuple[str, str], SyncEntry] = {}
    packages = []
    for snapshot in history:
        current = {("A1", q): (value, None) for q, value in snapshot.items() if value is not None}
        keys = set(current) | set(state)
        versions = refresh(current, state, keys, REVIEWER)
        state.update({k: SyncEntry(x.digest, x.clock) for k, x in versions.items()})
        packages.append(versions)
    order = data.draw(st.lists(st.sampled_from(range(len(packages))), min_size=1, max_size=10))
    order.append(len(packages) - 1)
    leader: dict[tuple[str, str], Versioned] = {}
    for index in data.draw(st.permutations(order)):
        theirs = packages[index]
        decisions = merge(leader, theirs, set(leader) | set(theirs), TEAM_LEADER)
        assert all(d.outcome is not Outcome.CONFLICT for d in decisions)
        leader = {d.key: d.result for d in decisions}
    newest = packages[-1]
    assert {k: x.value for k, x in leader.items() if x.value is not None} == {
        k: x.value for k, x in newest.items() if x.value is not None}
