"""A second copy of the program writing at the same time: answers through ``review.set_answer``.

Run as ``python -m tests.reliability.concurrent_writer DATA_DIR AUDIT_ID REVIEWER COUNT SEED``
from the project root. Waits for a line on stdin (so several start together), performs the
crash plan's first COUNT one-answer transactions as REVIEWER, and prints ``done N`` (or
``failed N TYPE: MESSAGE`` at the first error).
"""

from __future__ import annotations

import sys

from audit_app.services.context import AppContext
from audit_app.services.review import set_answer
from tests.reliability.crash_plan import operations


def main() -> None:
    """Write, then report how far it came."""
    data_dir, audit_id, reviewer = sys.argv[1], sys.argv[2], sys.argv[3]
    count, seed = int(sys.argv[4]), int(sys.argv[5])
    ctx = AppContext.from_options(data_dir=data_dir, actor=reviewer)
    _ = ctx.db
    print("ready", flush=True)
    sys.stdin.readline()
    done = 0
    try:
        for op in operations(seed, count, 1):
            (case, question, _reviewer, raw), = op
            set_answer(ctx, audit_id, case, question, raw, reviewer=reviewer)
            done += 1
    except Exception as exc:  # noqa: BLE001 - reported to the test
        print(f"failed {done} {type(exc).__name__}: {exc}", flush=True)
    else:
        print(f"done {done}", flush=True)
    finally:
        ctx.close()


if __name__ == "__main__":
    main()
