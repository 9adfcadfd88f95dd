"""The crash test's plan: a seeded sequence of answer writes, what the database must hold after any
prefix of it, and how the database is read back (plain sqlite3, no program code in between).

Shared by the writer that is killed (``crash_writer``), the test and the reliability report.
"""

from __future__ import annotations

import random
import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from audit_app.domain.template import Template
from audit_app.domain.template_loader import load_template_file
from audit_app.domain.values import encode_value
from audit_app.services.review import parse_answer

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
TEMPLATE = SHARED / "examples" / "template.yaml"
CASES_CSV = SHARED / "examples" / "cases.csv"

CASES = ("A1", "A2", "A3", "A4")
QUESTIONS = ("veckor", "gp_finns", "skal")
REVIEWERS = ("anna", "bo")
KEYS = [(c, q, r) for c in CASES for q in QUESTIONS for r in REVIEWERS]

#: One answer write: (case label, question id, reviewer, raw input or None to clear).
Write = tuple[str, str, str, str | None]
#: One answer as stored: (case label, question id, reviewer) -> stored text.
State = dict[tuple[str, str, str], str]
#: One change-log entry about an answer: (case, question, reviewer, action, old, new).
LogEntry = tuple[str, str, str, str, str | None, str | None]


def template() -> Template:
    """The shared example template the crash audit uses."""
    return load_template_file(TEMPLATE)


def _raw(rng: random.Random, question: str) -> str | None:
    if rng.random() < 0.1:
        return None
    if question == "veckor":
        return str(rng.randint(0, 52))
    if question == "gp_finns":
        return rng.choice(["ja", "nej", "ej_dok"])
    return "|".join(rng.sample(["vald", "npf", "forald"], rng.randint(1, 3)))


def operations(seed: int, count: int, per_transaction: int) -> list[tuple[Write, ...]]:
    """``count`` transactions of ``per_transaction`` writes to distinct answers, from ``seed``."""
    rng = random.Random(seed)
    ops: list[tuple[Write, ...]] = []
    for _ in range(count):
        keys = rng.sample(KEYS, per_transaction)
        ops.append(tuple((c, q, r, _raw(rng, q)) for c, q, r in keys))
    return ops


def stored_text(tpl: Template, question_id: str, raw: str | None) -> str | None:
    """The text the program stores for a raw input (None clears)."""
    question = tpl.question(question_id)
    assert question is not None
    value = parse_answer(question, raw)
    return None if value is None else encode_value(question.type, value, question.options or [])


@dataclass
class Expected:
    """What the database must hold after the first ``done`` transactions of a plan."""

    tpl: Template
    done: int = 0
    state: State = field(default_factory=dict)
    log: list[LogEntry] = field(default_factory=list)

    def apply(self, op: tuple[Write, ...]) -> None:
        """One more transaction."""
        for case, question, reviewer, raw in op:
            key = (case, question, reviewer)
            new = stored_text(self.tpl, question, raw)
            old = self.state.get(key)
            if new == old:
                continue
            if new is None:
                del self.state[key]
                self.log.append((case, question, reviewer, "answer-cleared", old, None))
            else:
                self.state[key] = new
                action = "answer-set" if old is None else "answer-changed"
                self.log.append((case, question, reviewer, action, old, new))
        self.done += 1

    def copy(self) -> Expected:
        """An independent copy."""
        return Expected(self.tpl, self.done, dict(self.state), list(self.log))


@dataclass(frozen=True)
class Stored:
    """The database as read back: answers, answer change-log entries, integrity_check."""

    state: State
    log: list[LogEntry]
    integrity: str


def read_back(db_file: Path) -> Stored:
    """Read the answers and their change log straight from the file with sqlite3."""
    with closing(sqlite3.connect(db_file)) as conn:
        integrity = "; ".join(row[0] for row in conn.execute("PRAGMA integrity_check"))
        state = {(label, q, r): value for label, q, r, value in conn.execute(
            "SELECT c.label, a.question_id, a.reviewer, a.value FROM answer a "
            "JOIN audit_case c ON c.id = a.case_id")}
        log = [tuple(row) for row in conn.execute(
            "SELECT case_label, question_id, reviewer, action, old_value, new_value "
            "FROM change_log WHERE action LIKE 'answer-%' ORDER BY id")]
    return Stored(state, log, integrity)  # type: ignore[arg-type]


def log_matches_answers(stored: Stored) -> bool:
    """Each stored answer's newest log entry holds its value; each cleared one has none."""
    newest: dict[tuple[str, str, str], LogEntry] = {}
    for entry in stored.log:
        newest[entry[:3]] = entry
    for key, value in stored.state.items():
        entry = newest.get(key)
        if entry is None or entry[3] == "answer-cleared" or entry[5] != value:
            return False
    return all(e[3] == "answer-cleared" or k in stored.state for k, e in newest.items())
