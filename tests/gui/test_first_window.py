"""The first window paints without what it does not need (issue 4's start-up time)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

#: Runs the program as ``audit-app`` does and reports, at the first paint's probe, whether
#: PySide's ``Qt`` enum namespace (about 12 ms to build) was made.
PROBE = """\
import builtins, enum, sys
made = set()
original = enum.EnumType._create_
def create(cls, name, *args, **kwargs):
    made.add(name)
    return original(cls, name, *args, **kwargs)
enum.EnumType._create_ = create
printed = builtins.print
def report(*args, **kwargs):
    if args and str(args[0]).startswith("startup-probe"):
        printed("qt-namespace", "AlignmentFlag" in made, flush=True)
    printed(*args, **kwargs)
builtins.print = report
sys.argv = ["audit-app"]
from audit_app.cli import main
sys.exit(main())
"""


def test_the_first_paint_needs_no_qt_enum_namespace(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", AUDIT_APP_STARTUP_PROBE="1",
               AUDIT_APP_DATA_DIR=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    env.pop("AUDIT_APP_DB", None)
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    lines = dict(line.split()[:2] for line in done.stdout.splitlines() if line.strip())
    assert done.returncode == 0, done.stderr
    assert lines.get("qt-namespace") == "False", "something touched a Qt.* enum before the paint"
