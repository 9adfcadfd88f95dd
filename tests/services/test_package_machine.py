"""A hypothesis state machine over package export, open, import and edits on both sides.

One team leader and three reviewers, each with their own data directory and key pair. Packages
pile up in a mailbox and are opened or imported in any order, any number of times, while the
reviewers (and sometimes the team leader) change answers. Whatever the order:

- no answer is duplicated: one row per (case, question, reviewer), only assigned reviewers on
  their assigned cases, and a reviewer's copy holds only that reviewer's answers;
- no answer is lost: where the team leader never touched an answer, the team leader's copy holds
  exactly the value of the newest package imported from that reviewer, and the reviewer's copy
  holds what the reviewer last entered; every value any imported package carried is the team
  leader's current value or is in the team leader's change log;
- no conflict is overwritten silently: the team leader's own change of an answer gives way only
  to a change the reviewer made after taking that change over through an assignment.

The team leader's "own change" is what the version clocks count (``domain.package_sync``): the
net change of an answer between two exchanges with its reviewer, taken when a package is sent or
received. Edits that end where the last exchange left the answer are no change (a reviewer's
answer arriving afterwards is simply new), and an edit not yet exchanged is not yet one.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from audit_app.services.package_review import export_answers, open_assignment
from audit_app.services.packages import export_assignment, import_answers_package
from audit_app.services.review import set_answer
from tests.services.package_sites import (
    CASES,
    QUESTIONS,
    answers,
    change_log,
    introduce,
    make_audit,
    make_site,
)

REVIEWERS = ("anna", "bertil", "cecilia")
MACHINE_CASES = CASES[:3]  # few cases and questions: both sides often change the same answer
VALUES: dict[str, list[object]] = {
    "gp_finns": ["ja", "nej", "ej_dok"],
    "skal": [frozenset({"vald"}), frozenset({"annat"}), frozenset({"vald", "annat"})],
    "veckor": ["1", "2", "3"],
    "noter": ["kort", "lång text"],
}
#: Log entries that hold an answer's value: the team leader's own writes, conflicts, and the
#: reviewers' own history carried in their packages.
LOGGED = {"answer-set", "answer-changed", "package-conflict", "offline-answer-set",
          "offline-answer-changed"}

Key = tuple[str, str, str]  # case, question, reviewer
State = dict[Key, tuple[str, str | None]]


class PackageExchange(RuleBasedStateMachine):
    """The team leader and three reviewers exchanging packages through a mailbox."""

    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="akt-machine-"))
        self.tl = make_site(self.root / "tl", "Tina Teamleader", "tina")
        self.sites = {r: make_site(self.root / r, f"Granskare {r}", r) for r in REVIEWERS}
        introduce(self.tl, *self.sites.values())
        self.audit = make_audit(self.tl, MACHINE_CASES)
        # (reviewer, file, cases, the team leader's own changes it carries: key -> (id, value))
        self.assignments: list[tuple[str, Path, tuple[str, ...],
                                     dict[Key, tuple[int, str | None]]]] = []
        self.replies: list[tuple[str, Path, State]] = []
        self.reply_cases: dict[Path, set[str]] = {}  # the cases each reply covers
        self.assigned: dict[str, set[str]] = {r: set() for r in REVIEWERS}
        self.local_cases: dict[str, set[str]] = {r: set() for r in REVIEWERS}
        self.entered: dict[str, State] = {r: {} for r in REVIEWERS}  # what each reviewer typed
        self.newest: dict[str, int] = {}  # reviewer -> index of the newest reply imported
        self.touched: set[Key] = set()  # answers the team leader changed itself
        # The team leader's latest own change of each answer, (id, value), counted at the
        # exchange after it: its value then differed from the value at the exchange before.
        self.tl_edits: dict[Key, tuple[int, str | None]] = {}
        self.exchanged: dict[Key, str | None] = {}  # the team leader's value at the last exchange
        self.pending: set[Key] = set()  # edited by the team leader since the last exchange
        self.seen: dict[Key, int] = {}  # the latest team leader's edit the reviewer took over
        self.imported: list[State] = []
        self.count = 0

    def teardown(self) -> None:
        for site in (self.tl, *self.sites.values()):
            site.ctx.close()
        shutil.rmtree(self.root, ignore_errors=True)

    def _exchanged(self, reviewer: str, cases: set[str], before: State) -> None:
        """The team leader sent or received a package for ``cases``: count its own changes."""
        after = answers(self.tl, self.audit, reviewer)
        for key in sorted(k for k in {*before, *after, *self.exchanged}
                          if k[2] == reviewer and k[0] in cases):
            value = (before.get(key) or (None,))[0]
            if value != self.exchanged.get(key):
                self.count += 1
                self.tl_edits[key] = (self.count, value)
            self.exchanged[key] = (after.get(key) or (None,))[0]
            self.pending.discard(key)

    def _path(self, kind: str) -> Path:
        self.count += 1
        return self.root / f"{kind}-{self.count}.akt"

    def _reviewer(self, data: st.DataObject, among: dict[str, set[str]]) -> str:
        return data.draw(st.sampled_from(sorted(r for r in REVIEWERS if among[r])), "reviewer")

    def _edit(self, data: st.DataObject, cases: set[str], questions: tuple[str, ...] = QUESTIONS
              ) -> tuple[str, str, object, str | None]:
        case = data.draw(st.sampled_from(sorted(cases)), "case")
        question = data.draw(st.sampled_from(questions), "question")
        options = VALUES[question]
        value = data.draw(st.sampled_from([*options, None]), "value")
        comment = data.draw(st.sampled_from([None, "notering", "annan"]), "comment")
        return case, question, value, comment

    # -- the team leader ------------------------------------------------------------------
    @initialize(cases=st.lists(st.sets(st.sampled_from(MACHINE_CASES), min_size=1, max_size=3),
                               min_size=len(REVIEWERS), max_size=len(REVIEWERS)))
    def first_assignments(self, cases: list[set[str]]) -> None:
        for reviewer, chosen in zip(REVIEWERS, cases, strict=True):
            self.assign(reviewer, chosen)

    @rule(reviewer=st.sampled_from(REVIEWERS),
          cases=st.sets(st.sampled_from(MACHINE_CASES), min_size=1, max_size=3))
    def assign(self, reviewer: str, cases: set[str]) -> None:
        path = self._path("assignment")
        chosen = tuple(sorted(cases))
        before = answers(self.tl, self.audit, reviewer)
        export_assignment(self.tl.ctx, self.audit, reviewer, f"Granskare {reviewer}", path,
                          cases=chosen)
        self._exchanged(reviewer, cases, before)
        self.assigned[reviewer] |= cases
        home = answers(self.tl, self.audit, reviewer)
        carried = {k: (edit, value) for k, (edit, value) in self.tl_edits.items()
                   if k[2] == reviewer and k[0] in cases and (home.get(k) or (None,))[0] == value}
        self.assignments.append((reviewer, path, chosen, carried))

    @precondition(lambda self: bool(self.replies))
    @rule(pick=st.integers(0, 10_000))
    def import_reply(self, pick: int) -> None:
        index = pick % len(self.replies)
        reviewer, path, carried = self.replies[index]
        before = answers(self.tl, self.audit, reviewer)
        if not import_answers_package(self.tl.ctx, path).already:
            self._exchanged(reviewer, self.reply_cases[path], before)
        self.imported.append(carried)
        self.newest[reviewer] = max(self.newest.get(reviewer, -1), index)

    @precondition(lambda self: bool(self.replies))
    @rule(pick=st.integers(0, 10_000))
    def import_reply_more(self, pick: int) -> None:
        self.import_reply(pick)

    @precondition(lambda self: any(self.assigned.values()))
    @rule(data=st.data())
    def team_leader_edits(self, data: st.DataObject) -> None:
        reviewer = self._reviewer(data, self.assigned)
        case, question, value, comment = self._edit(data, self.assigned[reviewer], QUESTIONS[:2])
        set_answer(self.tl.ctx, self.audit, case, question,
                   value, reviewer=reviewer, comment=comment)  # type: ignore[arg-type]
        self.touched.add((case, question, reviewer))
        self.pending.add((case, question, reviewer))

    # -- the reviewers ---------------------------------------------------------------------
    @precondition(lambda self: bool(self.assignments))
    @rule(pick=st.integers(0, 10_000))
    def open_package(self, pick: int) -> None:
        reviewer, path, cases, carried = self.assignments[pick % len(self.assignments)]
        open_assignment(self.sites[reviewer].ctx, path)
        self.local_cases[reviewer] |= set(cases)
        away = answers(self.sites[reviewer], self.audit, reviewer)
        for key, (edit, value) in carried.items():
            if (away.get(key) or (None,))[0] == value:
                self.seen[key] = max(self.seen.get(key, 0), edit)

    @precondition(lambda self: any(self.local_cases.values()))
    @rule(data=st.data())
    def reviewer_edits(self, data: st.DataObject) -> None:
        reviewer = self._reviewer(data, self.local_cases)
        case, question, value, comment = self._edit(data, self.local_cases[reviewer],
                                                    QUESTIONS[:3])
        change = set_answer(self.sites[reviewer].ctx, self.audit, case, question,
                            value, reviewer=reviewer, comment=comment)  # type: ignore[arg-type]
        key = (case, question, reviewer)
        if change.new_value is None:
            self.entered[reviewer].pop(key, None)
        else:
            self.entered[reviewer][key] = (change.new_value, change.new_comment)

    @precondition(lambda self: any(self.local_cases.values()))
    @rule(data=st.data())
    def reviewer_edits_more(self, data: st.DataObject) -> None:
        self.reviewer_edits(data)

    @precondition(lambda self: any(self.local_cases.values()))
    @rule(data=st.data())
    def reviewer_exports(self, data: st.DataObject) -> None:
        reviewer = self._reviewer(data, self.local_cases)
        site = self.sites[reviewer]
        path = self._path(f"answers-{reviewer}")
        export_answers(site.ctx, self.audit, path)
        self.reply_cases[path] = set(self.local_cases[reviewer])
        self.replies.append((reviewer, path, answers(site, self.audit, reviewer)))

    @precondition(lambda self: any(self.local_cases.values()))
    @rule(data=st.data())
    def reviewer_exports_more(self, data: st.DataObject) -> None:
        self.reviewer_exports(data)

    @precondition(lambda self: any(self.local_cases.values()))
    @rule(data=st.data())
    def reviewer_sends_and_team_leader_imports(self, data: st.DataObject) -> None:
        self.reviewer_exports(data)
        self.import_reply(len(self.replies) - 1)

    # -- what must hold whatever the order ---------------------------------------------------
    @invariant()
    def nothing_is_duplicated_or_out_of_place(self) -> None:
        with self.tl.ctx.db.unit_of_work() as repo:
            rows = repo.answer_rows(self.audit)
            labels = {c.id: c.label for c in repo.cases(self.audit)}
        keys = [(labels[a.case_id], a.question_id, a.reviewer) for a in rows]
        assert len(keys) == len(set(keys))
        for case, _question, reviewer in keys:
            assert case in self.assigned[reviewer]
        for reviewer, site in self.sites.items():
            if self.local_cases[reviewer]:
                mine = answers(site, self.audit)
                assert {k[2] for k in mine} <= {reviewer}
                assert {k[0] for k in mine} <= self.local_cases[reviewer]

    @invariant()
    def no_answer_is_lost(self) -> None:
        home = answers(self.tl, self.audit)
        for reviewer, index in self.newest.items():
            newest = self.replies[index][2]
            scope = {k for k in home if k[2] == reviewer} | set(newest)
            for key in scope - self.touched:
                assert home.get(key) == newest.get(key), key
        for reviewer, site in self.sites.items():
            if not self.local_cases[reviewer]:
                continue
            away = answers(site, self.audit, reviewer)
            for key in (set(away) | set(self.entered[reviewer])) - self.touched:
                assert away.get(key) == self.entered[reviewer].get(key), key

    @invariant()
    def the_team_leaders_edits_are_not_overwritten_silently(self) -> None:
        """An own change gives way only to a reviewer's change made after taking it over."""
        home = answers(self.tl, self.audit)
        for key, (edit, value) in self.tl_edits.items():
            if key not in self.pending and (home.get(key) or (None,))[0] != value:
                assert self.seen.get(key, 0) >= edit, (key, value, home.get(key))

    @invariant()
    def every_imported_value_is_kept_or_logged(self) -> None:
        if not self.imported:
            return
        home = answers(self.tl, self.audit)
        logged = {(e.case_label, e.question_id, e.reviewer, e.new_value)
                  for e in change_log(self.tl, self.audit) if e.action in LOGGED}
        for carried in self.imported:
            for key, (value, _comment) in carried.items():
                current = home.get(key)
                kept = current is not None and current[0] == value
                assert kept or (*key, value) in logged, (key, value, current)


PackageExchange.TestCase.settings = settings(
    max_examples=30, stateful_step_count=50, deadline=None,
    # No shrinking: a found failure is reported at once (shrinking it took minutes).
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
TestPackageExchange = PackageExchange.TestCase

