"""The process the crash test kills: writes answers through the services, acknowledging each commit.

Run as ``python -m tests.reliability.crash_writer DATA_DIR AUDIT_ID MODE SEED`` from the project
root. It loads the program once, then serves commands read from stdin, one per line:

- ``run N``: fork a writer that opens the database afresh and performs the plan's transactions
  from number N on, writing ``ack I`` to stdout after transaction I's commit returned; it also
  writes ``pid P`` first and ``ready`` once the database is open. The test kills that writer
  with SIGKILL.
- ``fresh DIR``: fork a process that creates (migrates) a new database in DIR, then ``ready``.
- ``reap``: wait for the writer to end and write ``reaped STATUS``.

MODE ``service`` writes one answer per transaction with ``review.set_answer`` (the form's path);
MODE ``unit`` writes three answers per transaction with ``repo.put_answer`` in one
``ctx.db.unit_of_work()`` (all three or none). Forking a loaded program keeps a kill cheap; the
killed writer is an ordinary process that opened the database itself.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import sys
import tempfile
import traceback

from audit_app.services.context import AppContext
from audit_app.services.review import set_answer
from tests.reliability.crash_plan import Write, operations, stored_text, template

PER_TRANSACTION = {"service": 1, "unit": 3}
PLAN_LENGTH = 20_000


def _say(text: str) -> None:
    os.write(1, (text + "\n").encode())


def _write_forever(data_dir: str, audit_id: str, mode: str, ops: list[tuple[Write, ...]],
                   start: int) -> None:
    tpl = template()
    ctx = AppContext.from_options(data_dir=data_dir, actor="kraschtest")
    _ = ctx.db
    _say("ready")
    for index in itertools.count(start):
        op = ops[index]
        if mode == "service":
            (case, question, reviewer, raw), = op
            set_answer(ctx, audit_id, case, question, raw, reviewer=reviewer)
        else:
            with ctx.db.unit_of_work() as repo:
                for case, question, reviewer, raw in op:
                    row = repo.case_by_label(audit_id, case)
                    assert row is not None
                    repo.put_answer(audit_id, row, question, reviewer,
                                    stored_text(tpl, question, raw), None, ctx.actor)
        _say(f"ack {index}")


def _warm_up() -> None:
    """Load what a first write loads (mappers, migration scripts) on a scratch database."""
    with tempfile.TemporaryDirectory() as scratch:
        ctx = AppContext.from_options(data_dir=scratch, actor="kraschtest")
        with ctx.db.unit_of_work() as repo:
            repo.audits()
        ctx.close()
    template()


def main() -> None:
    """Serve ``run``/``reap`` commands until stdin closes."""
    data_dir, audit_id, mode, seed = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    ops = operations(seed, PLAN_LENGTH, PER_TRANSACTION[mode])  # made once, before forking
    _warm_up()
    child = 0
    for line in sys.stdin:
        command, _, arg = line.strip().partition(" ")
        if command == "run":
            child = os.fork()
            if child == 0:
                try:
                    _write_forever(data_dir, audit_id, mode, ops, int(arg))
                except BaseException:
                    with contextlib.suppress(OSError):
                        _say("error " + traceback.format_exc().replace("\n", " | "))
                os._exit(3)
            _say(f"pid {child}")
        elif command == "fresh":
            child = os.fork()
            if child == 0:
                ctx = AppContext.from_options(data_dir=arg, actor="kraschtest")
                _ = ctx.db
                _say("ready")
                os._exit(0)
            _say(f"pid {child}")
        elif command == "reap":
            _, status = os.waitpid(child, 0)
            _say(f"reaped {status}")


if __name__ == "__main__":
    main()
