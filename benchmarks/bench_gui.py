"""The desktop program's figures (issue 4), each against a baseline measured in the same run.

- startup: wall-clock time from starting ``audit-app`` (no arguments) in a new process to its
  main window painted with the event loop turning, as a ratio to a bare PySide6 ``QMainWindow``
  shown the same way in the same run. Both run offscreen and print the time of the first
  event-loop turn after their first paint (the app through ``AUDIT_APP_STARTUP_PROBE``);
  the median over alternating runs counts. Target: at most 1.5x. The package's bytecode is
  compiled first, as installing it does (with PYTHONDONTWRITEBYTECODE set, every run would
  otherwise compile the program's modules from source, and the bare window has none).
- answer: one answer set, changed or cleared through ``audit_app.services.review.set_answer``
  (the call the case form makes) until it is durably committed, with its change-log entry, as
  a ratio to a raw ``sqlite3`` commit of one row with the same pragmas (WAL,
  synchronous=FULL), the two alternating write for write. Medians. Target: at most 2x.
  The wait for the disk (fsync) is in both: on a busy disk it dominates and the ratio nears
  1, so compare figures taken on an idle machine.
- switch: the case form moving to the next case (Ctrl+Shift+PgDown) in a 1,000-case audit with
  a 60-question template, every case answered, including the repaint. Median. Target: < 100 ms.

Run: .venv/bin/python -m benchmarks.bench_gui [--runs N --writes N --cases N --questions N]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.synthetic import write_template

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

#: A bare PySide6 main window, timed exactly like the program's (see audit_app.gui.app).
BARE_WINDOW = """\
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


class FirstPaint(QObject):
    def __init__(self):
        super().__init__(window)
        self._seen = False

    def eventFilter(self, watched, event):
        if not self._seen and event.type() == QEvent.Type.Paint:
            self._seen = True
            QTimer.singleShot(0, self._report)
        return False

    def _report(self):
        print(f"startup-probe {time.time():.6f}", flush=True)
        window.removeEventFilter(self)
        app.quit()


app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("Bare")
window.resize(1280, 820)
window.installEventFilter(FirstPaint())
window.show()
sys.exit(app.exec())
"""

# -- (a) start-up ----------------------------------------------------------------------------


def _program_command() -> list[str]:
    """``audit-app`` with no arguments: the installed console script, else ``-m audit_app``."""
    script = Path(sys.executable).with_name("audit-app")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "audit_app"]


def _time_to_window(command: list[str], env: dict[str, str]) -> float:
    """Seconds from starting ``command`` to the time its window printed as painted."""
    start = time.time()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120,
                          check=False)
    stamps = [line.split()[1] for line in done.stdout.splitlines()
              if line.startswith("startup-probe ")]
    if done.returncode != 0 or not stamps:
        raise RuntimeError(f"{command[0]} exited {done.returncode} without a startup time:\n"
                           f"{done.stdout}\n{done.stderr}")
    return float(stamps[0]) - start


def startup(runs: int = 9) -> tuple[float, float]:
    """Median seconds to a shown main window: (the program, a bare QMainWindow)."""
    import compileall

    import audit_app

    compileall.compile_dir(Path(audit_app.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", AUDIT_APP_STARTUP_PROBE="1",
                   AUDIT_APP_DATA_DIR=str(Path(tmp) / "data"),
                   XDG_CONFIG_HOME=str(Path(tmp) / "config"))
        env.pop("AUDIT_APP_DB", None)
        bare = [sys.executable, "-c", BARE_WINDOW]
        ours = _program_command()
        # Warm-up, not counted: fills the file cache and creates the database, as a user has it.
        _time_to_window(bare, env)
        _time_to_window(ours, env)
        bare_times: list[float] = []
        ours_times: list[float] = []
        for _ in range(runs):
            bare_times.append(_time_to_window(bare, env))
            ours_times.append(_time_to_window(ours, env))
    return statistics.median(ours_times), statistics.median(bare_times)


# -- (b) answer to durable commit -------------------------------------------------------------


def write_conditional_template(path: Path, questions: int) -> Path:
    """``synthetic.write_template`` with conditions: the first question of each section of ten
    decides whether its fourth, seventh and tenth apply (``applies_when: qN == "ja"``)."""
    write_template(path, questions)
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        lines.append(line)
        if line.startswith("        text: Fråga "):
            number = int(line.rsplit(" ", 1)[1]) - 1
            if number % 10 in (3, 6, 9):
                lines.append(f'        applies_when: q{number - number % 10} == "ja"')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _raw_connection(db_path: Path) -> sqlite3.Connection:
    """A raw sqlite3 connection with the program's pragmas and a table for one-row commits."""
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=10000")
    conn.execute("CREATE TABLE answer (id INTEGER PRIMARY KEY, case_label TEXT, question_id TEXT,"
                 " reviewer TEXT, value TEXT)")
    conn.commit()
    return conn


def _raw_commit(conn: sqlite3.Connection, label: str, question: str, value: str) -> None:
    """The baseline: one row inserted and committed."""
    conn.execute("INSERT INTO answer (case_label, question_id, reviewer, value) "
                 "VALUES (?, ?, 'granskare', ?)", (label, question, value))
    conn.commit()


def answer_commit(writes: int = 600, cases: int = 50,
                  questions: int = 60) -> tuple[float, float]:
    """Median seconds per answer write: (set_answer through the service, raw sqlite3).

    The template has conditions, and most writes change an answer a condition reads, so the
    questions that apply are worked out again as in the form.
    """
    from audit_app.services.audits import create_audit
    from audit_app.services.context import AppContext
    from audit_app.services.imports import import_cases
    from audit_app.services.review import set_answer
    from benchmarks.synthetic import write_cases

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        template = write_conditional_template(root / "t.yaml", questions)
        ctx = AppContext.from_options(data_dir=root / "data", actor="bench")
        raw = _raw_connection(root / "raw.db")
        try:
            audit_id = create_audit(ctx, str(template), "Bench")
            import_cases(ctx, audit_id, write_cases(root / "cases.csv", cases))
            # Each write sets, changes or clears one answer of a few cases and questions in
            # turn, so every one of them stores something and logs it.
            values = ("ja", "nej", None)
            pairs = [(f"C{p % cases:05d}", f"q{(p // 2 * 10 + p % 2) % questions}")
                     for p in range(7)]  # q0 q1 q10 q11 q20 q21 q30: q0, q10... decide others
            ours_times: list[float] = []
            raw_times: list[float] = []
            for i in range(writes + 20):
                label, question = pairs[i % len(pairs)]
                value = values[(i // len(pairs)) % len(values)]
                started = time.perf_counter()
                change = set_answer(ctx, audit_id, label, question, value, reviewer="granskare")
                ours = time.perf_counter() - started
                if not change.changed:
                    raise RuntimeError(f"write {i} stored nothing")
                started = time.perf_counter()
                _raw_commit(raw, label, question, value or "")
                base = time.perf_counter() - started
                if i >= 20:  # the first writes warm caches up; not counted
                    ours_times.append(ours)
                    raw_times.append(base)
        finally:
            raw.close()
            ctx.close()
    return statistics.median(ours_times), statistics.median(raw_times)


# -- (c) switching cases ----------------------------------------------------------------------


def case_switch(cases: int = 1000, questions: int = 60, switches: int = 60) -> float:
    """Median seconds for the case form to show the next case, repainted."""
    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

    from audit_app.gui.app import application, build_window, prepare
    from audit_app.gui.settings import Settings
    from audit_app.services.audits import create_audit
    from audit_app.services.context import AppContext
    from audit_app.services.imports import import_answers, import_cases
    from benchmarks.synthetic import write_answers, write_cases

    def quiet(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
        # The offscreen platform says so whenever a window is shown; anything else is printed.
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    app = application()
    previous = qInstallMessageHandler(quiet)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        ctx = AppContext.from_options(data_dir=root / "data", actor="bench")
        window = None
        try:
            template = write_conditional_template(root / "t.yaml", questions)
            audit_id = create_audit(ctx, str(template), "Bench")
            import_cases(ctx, audit_id, write_cases(root / "cases.csv", cases))
            answers = root / "answers.csv"
            write_answers(answers, cases, questions, 1)
            import_answers(ctx, audit_id, answers)
            settings = Settings.at(str(root / "settings.ini"))
            settings.reviewer = "granskare_0"
            prepare(app, settings)
            window = build_window(ctx, settings)
            window.show()
            app.processEvents()
            window.open_audit(audit_id)
            window.open_case("C00000")
            app.processEvents()
            form = window.form
            times: list[float] = []
            for step in range(1, min(switches, cases - 1) + 1):
                started = time.perf_counter()
                form.next_case(1)
                app.processEvents()
                times.append(time.perf_counter() - started)
                if form.form is None or form.form.label != f"C{step:05d}":
                    raise RuntimeError(f"switch {step} did not open the next case")
        finally:
            if window is not None:
                window.close()
                window.deleteLater()
                app.processEvents()
            ctx.close()
            qInstallMessageHandler(previous)
    return statistics.median(times)


# -- report -----------------------------------------------------------------------------------


def _ratio_line(name: str, ours: float, base: float, target: float, unit: str = "ms") -> bool:
    scale = 1000.0 if unit == "ms" else 1.0
    ratio = ours / base
    ok = ratio <= target
    print(f"{name:8} ours {ours * scale:8.3f} {unit}  baseline {base * scale:8.3f} {unit}  "
          f"ratio {ratio:5.2f}x (target <= {target:g}x) {'OK' if ok else 'MISSED'}")
    return ok


def main(argv: list[str] | None = None) -> int:
    """Run the three benchmarks and print the figures; exit 1 when a target is missed."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9, help="start-ups of each program")
    parser.add_argument("--writes", type=int, default=600, help="answer writes")
    parser.add_argument("--cases", type=int, default=1000, help="cases when switching")
    parser.add_argument("--questions", type=int, default=60, help="questions in the template")
    parser.add_argument("--switches", type=int, default=60, help="case switches timed")
    args = parser.parse_args(argv)
    ok = _ratio_line("startup", *startup(args.runs), 1.5)
    ok &= _ratio_line("answer", *answer_commit(args.writes, questions=args.questions), 2.0)
    switch = case_switch(args.cases, args.questions, args.switches)
    fast = switch < 0.1
    print(f"{'switch':8} ours {switch * 1000:8.3f} ms  median of {args.switches} next-case moves,"
          f" {args.cases} cases x {args.questions} questions (target < 100 ms) "
          f"{'OK' if fast else 'MISSED'}")
    return 0 if ok and fast else 1


if __name__ == "__main__":
    sys.exit(main())
