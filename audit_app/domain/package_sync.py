"""Merging one reviewer's answers between the team leader's copy and the reviewer's own copy.

Every answer of a reviewer (one case, one question; the value with its comment) carries a version
clock ``(tl, rv)``: how many rounds of change the team leader's copy and the reviewer's copy have
made to it. Each copy remembers, per answer, a digest and the clock as of its last exchange; when
it next sends or receives a package it bumps its own counter for every answer that differs from
that digest (any number of edits between two exchanges count as one round).

A package carries the sender's answers with their clocks, including cleared ones. The receiver
decides per answer:

- the same value and comment on both sides: nothing to do (the clocks are joined);
- the package's clock is older or equal: the receiver's copy already has it, keep it;
- the package's clock is newer (it has seen every change the receiver made): the package wins;
- neither is newer (both sides changed it since they last exchanged it): a *conflict*. The
  receiver keeps its own value and the package's value goes into the change log. On the team
  leader's side the conflict is then settled (the clocks are joined: the team leader's value counts
  as the newer one and travels back in the next assignment); on the reviewer's side it stays open,
  so the team leader sees it too when the reviewer's answers arrive.

Because clocks only grow, importing an old package after a newer one, or the same one twice,
changes nothing, whatever the order.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

TEAM_LEADER = "team_leader"
REVIEWER = "reviewer"

#: (case label, question id)
Key = tuple[str, str]
#: (team leader's rounds, reviewer's rounds)
Clock = tuple[int, int]

ZERO: Clock = (0, 0)


def unit_digest(value: str | None, comment: str | None) -> str:
    """A short digest of an answer with its comment; '' for no answer."""
    if value is None:
        return ""
    raw = json.dumps([value, comment or None], ensure_ascii=False).encode()
    return hashlib.sha256(raw).hexdigest()[:16]


def bump(clock: Clock, side: str) -> Clock:
    """One more round of change on ``side``."""
    return (clock[0] + 1, clock[1]) if side == TEAM_LEADER else (clock[0], clock[1] + 1)


def join(a: Clock, b: Clock) -> Clock:
    """The clock that has seen both."""
    return (max(a[0], b[0]), max(a[1], b[1]))


def covers(a: Clock, b: Clock) -> bool:
    """Whether ``a`` has seen every round ``b`` has."""
    return a[0] >= b[0] and a[1] >= b[1]


@dataclass(frozen=True)
class Versioned:
    """An answer (or no answer, ``value`` None) with its clock."""

    value: str | None
    comment: str | None
    clock: Clock

    @property
    def digest(self) -> str:
        """The digest of value and comment."""
        return unit_digest(self.value, self.comment)


@dataclass(frozen=True)
class SyncEntry:
    """What a copy remembers about one answer from its last exchange."""

    digest: str
    clock: Clock


def refresh(current: Mapping[Key, tuple[str, str | None]], state: Mapping[Key, SyncEntry],
            keys: Iterable[Key], side: str) -> dict[Key, Versioned]:
    """The answers of ``keys`` now, with ``side``'s counter bumped where they changed since."""
    out: dict[Key, Versioned] = {}
    for key in keys:
        now = current.get(key)
        value, comment = (None, None) if now is None else (now[0], now[1] or None)
        known = state.get(key) or SyncEntry("", ZERO)
        clock = known.clock if unit_digest(value, comment) == known.digest else bump(known.clock,
                                                                                   side)
        out[key] = Versioned(value, comment, clock)
    return out


class Outcome(StrEnum):
    """What the receiver does with one answer of a package."""

    SAME = "same"
    KEEP = "keep"
    APPLY = "apply"
    CONFLICT = "conflict"


@dataclass(frozen=True)
class Decision:
    """The receiver's decision for one answer, and the clock it remembers afterwards."""

    key: Key
    outcome: Outcome
    mine: Versioned
    theirs: Versioned
    clock: Clock

    @property
    def result(self) -> Versioned:
        """The receiver's answer after the merge."""
        chosen = self.theirs if self.outcome is Outcome.APPLY else self.mine
        return Versioned(chosen.value, chosen.comment, self.clock)


def decide(key: Key, mine: Versioned, theirs: Versioned, receiver: str) -> Decision:
    """Merge one answer of a package into the receiver's copy (see the module docstring)."""
    if mine.digest == theirs.digest:
        return Decision(key, Outcome.SAME, mine, theirs, join(mine.clock, theirs.clock))
    if covers(mine.clock, theirs.clock):
        return Decision(key, Outcome.KEEP, mine, theirs, mine.clock)
    if covers(theirs.clock, mine.clock):
        return Decision(key, Outcome.APPLY, mine, theirs, theirs.clock)
    settled = join(mine.clock, theirs.clock) if receiver == TEAM_LEADER else mine.clock
    return Decision(key, Outcome.CONFLICT, mine, theirs, settled)


def merge(mine: Mapping[Key, Versioned], theirs: Mapping[Key, Versioned], keys: Iterable[Key],
          receiver: str) -> list[Decision]:
    """Decisions for every key, in sorted order; a key missing on one side is no answer there."""
    none = Versioned(None, None, ZERO)
    return [decide(k, mine.get(k, none), theirs.get(k, none), receiver) for k in sorted(set(keys))]


# -- the remembered state, as stored with the audit --------------------------------------------
@dataclass
class SyncRecord:
    """One copy's memory of its exchanges with one peer about one reviewer's answers.

    ``role`` is this copy's role: ``team_leader`` (it sends assignments to ``reviewer``) or
    ``reviewer`` (it received the audit for ``reviewer``). ``sent`` counts the packages this copy
    has sent; ``received`` is the highest package sequence applied from the peer, and
    ``case_sequence`` the assignment sequence that last set each case's fields.
    """

    role: str
    peer_name: str
    peer_fingerprint: str
    cases: list[str]
    state: dict[Key, SyncEntry]
    sent: int = 0
    received: int = 0
    case_sequence: dict[str, int] | None = None

    def as_json(self) -> dict[str, object]:
        """The stored form (nested by case and question; empty answers left out)."""
        nested: dict[str, dict[str, list[object]]] = {}
        for (case, question), entry in sorted(self.state.items()):
            if entry.digest or entry.clock != ZERO:
                nested.setdefault(case, {})[question] = [entry.digest, *entry.clock]
        return {"role": self.role, "peer": {"name": self.peer_name,
                                            "fingerprint": self.peer_fingerprint},
                "cases": self.cases, "sent": self.sent, "received": self.received,
                "case_sequence": self.case_sequence or {}, "state": nested}

    @classmethod
    def from_json(cls, obj: Mapping[str, object]) -> SyncRecord:
        """Read the stored form back."""
        peer = obj.get("peer")
        peer_map: Mapping[str, object] = peer if isinstance(peer, dict) else {}
        state: dict[Key, SyncEntry] = {}
        nested = obj.get("state")
        for case, questions in (nested.items() if isinstance(nested, dict) else ()):
            for question, (digest, tl, rv) in questions.items():
                state[(str(case), str(question))] = SyncEntry(str(digest), (int(tl), int(rv)))
        cases = obj.get("cases")
        case_sequence = obj.get("case_sequence")
        return cls(str(obj.get("role")), str(peer_map.get("name", "")),
                   str(peer_map.get("fingerprint", "")),
                   [str(c) for c in cases] if isinstance(cases, list) else [], state,
                   _int(obj.get("sent")), _int(obj.get("received")),
                   {str(k): _int(v) for k, v in case_sequence.items()}
                   if isinstance(case_sequence, dict) else {})

    def remember(self, answers: Mapping[Key, Versioned]) -> None:
        """Store the answers' digests and clocks as of this exchange."""
        for key, answer in answers.items():
            self.state[key] = SyncEntry(answer.digest, answer.clock)

    def add_cases(self, labels: Iterable[str]) -> None:
        """Widen the set of cases exchanged with the peer (kept in first-seen order)."""
        for label in labels:
            if label not in self.cases:
                self.cases.append(label)


def _int(value: object) -> int:
    return value if isinstance(value, int) else 0
