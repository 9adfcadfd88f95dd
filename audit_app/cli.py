"""The command line: every use case that is not a form to fill in (DESIGN section 5)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from audit_app.commands.common import backup_after_change
from audit_app.commands.common import ctx_from as _ctx

if TYPE_CHECKING:
    import argparse

    Handler = Callable[[argparse.Namespace], int]

# The command modules, argparse and the error classes load only when a command is given: the
# desktop window (no arguments) starts without them (issue 4, start-up time).


def cmd_gui(args: argparse.Namespace) -> int:
    """Open the desktop window."""
    from audit_app.gui.app import run_gui

    # A factory, so the window shows before the database layer is imported and opened.
    return run_gui(lambda: _ctx(args))


def cmd_demo(args: argparse.Namespace) -> int:
    """Create the demo audit and print its tables by unit."""
    from audit_app.services.demo import create_demo
    from audit_app.services.table_layout import render_text
    from audit_app.services.tables import audit_tables

    ctx = _ctx(args)
    audit_id = create_demo(ctx)
    sys.stdout.write(render_text(audit_tables(ctx, audit_id, by="unit")))
    print(f"\nDemo audit id: {audit_id}", file=sys.stderr)
    return 0


def cmd_template_validate(args: argparse.Namespace) -> int:
    """Report every problem of a template file."""
    from audit_app.domain.diagnostics import InvalidInput
    from audit_app.services.templates import validate_template

    problems = validate_template(args.path)
    if problems:
        raise InvalidInput(problems)
    print(f"{args.path}: ok")
    return 0


def cmd_template_list(args: argparse.Namespace) -> int:
    """List the bundled templates."""
    from audit_app.services.templates import bundled_templates

    for t in bundled_templates():
        print(f"{t.id}\tversion {t.version}\t{t.questions} frågor\t{t.title}")
    return 0


def cmd_audit_create(args: argparse.Namespace) -> int:
    """Create an audit and print its id, nothing else."""
    from audit_app.services.audits import create_audit

    print(create_audit(_ctx(args), args.template, args.name))
    return 0


def cmd_audit_list(args: argparse.Namespace) -> int:
    """List audits as text or JSON."""
    import json

    from audit_app.services.audits import list_audits

    audits = list_audits(_ctx(args))
    if args.format == "json":
        print(json.dumps([a.as_json() for a in audits], ensure_ascii=False))
    else:
        for a in audits:
            print(f"{a.id}\t{a.name}\t{a.template} v{a.version}\t{a.cases} ärenden")
    return 0


def cmd_cases_import(args: argparse.Namespace) -> int:
    """Import cases from CSV."""
    from audit_app.services.imports import import_cases

    ctx = _ctx(args)
    result = import_cases(ctx, args.audit, args.file, allow_identifiers=args.allow_identifiers)
    backup_after_change(ctx)
    print(f"{args.file}: cases {result.summary()}", file=sys.stderr)
    return 0


def cmd_answers_import(args: argparse.Namespace) -> int:
    """Import answers (or consensus answers) from CSV."""
    from audit_app.services.imports import import_answers

    ctx = _ctx(args)
    result = import_answers(ctx, args.audit, args.file, reviewer=args.reviewer,
                            consensus=args.consensus, allow_identifiers=args.allow_identifiers)
    backup_after_change(ctx)
    kind = "consensus answers" if args.consensus else "answers"
    print(f"{args.file}: {kind} {result.summary()}", file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Export the raw data."""
    from audit_app.services.export import export_raw

    export_raw(_ctx(args), args.audit, Path(args.out))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """Write the PDF inspection report."""
    from audit_app.services.report import write_report

    write_report(_ctx(args), args.audit, Path(args.out), by=args.by)
    return 0


def cmd_sample(args: argparse.Namespace) -> int:
    """Draw a stratified sample of cases from a population file."""
    from audit_app.domain.sampling import SamplingPlan
    from audit_app.services.sampling import draw_sample

    strata = tuple(s.strip() for s in args.strata.split(",") if s.strip())
    plan = SamplingPlan(strata, args.per_stratum, args.seed, args.reserves)
    files = draw_sample(Path(args.population), plan, Path(args.out))
    result = files.result
    for key in sorted(result.stratum_sizes):
        drawn = min(result.stratum_sizes[key], args.per_stratum)
        print(f"{' / '.join(key)}: {drawn} av {result.stratum_sizes[key]}")
    print(f"Urval: {len(result.selected)} ärenden -> {files.sample_path}")
    if files.reserve_path:
        print(f"Reserver: {len(result.reserves)} ärenden -> {files.reserve_path}")
    for key, short in sorted(result.shortfalls.items()):
        print(f"audit-app: warning: stratum {' / '.join(key)} lacks {short} case(s)", file=sys.stderr)
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    """Copy the database to a backup file."""
    from audit_app.services.backup import backup

    print(backup(_ctx(args), Path(args.out) if args.out else None))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Replace the database with a backup."""
    from audit_app.services.backup import restore

    restore(_ctx(args), Path(args.file))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (global options before the command)."""
    import argparse

    from audit_app.commands.check import add_check_command
    from audit_app.commands.colleague import add_colleague_commands
    from audit_app.commands.packages import add_package_commands
    from audit_app.commands.tables import (
        cmd_agreement,
        cmd_audit_get,
        cmd_audit_set,
        cmd_chart,
        cmd_gender,
        cmd_genomlysning,
        cmd_tables,
    )

    parser = argparse.ArgumentParser(
        prog="audit-app", description="Aktgranskning: granskning av akter inom socialtjänsten.")
    parser.add_argument("--data-dir", help="data directory (default: AUDIT_APP_DATA_DIR or the "
                                           "user data directory)")
    parser.add_argument("--db", help="SQLAlchemy URL (default: AUDIT_APP_DB or SQLite in the data "
                                     "directory)")
    parser.add_argument("--encrypt", action="store_true",
                        help="create the database encrypted (SQLCipher) when it does not exist yet")
    parser.add_argument("--passphrase-file", metavar="FILE",
                        help="read an encrypted database's passphrase from the first line of FILE "
                             "(else AUDIT_APP_PASSPHRASE, else asked for in a terminal; never stored)")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    parser.set_defaults(handler=cmd_gui)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    sub.add_parser("demo", help="create the demo audit and print its tables").set_defaults(
        handler=cmd_demo)

    template = sub.add_parser("template", help="validate or list templates")
    tsub = template.add_subparsers(dest="template_command", metavar="ACTION", required=True)
    validate = tsub.add_parser("validate", help="check a template file")
    validate.add_argument("path")
    validate.set_defaults(handler=cmd_template_validate)
    tsub.add_parser("list", help="bundled templates").set_defaults(handler=cmd_template_list)

    audit = sub.add_parser("audit", help="create or list audits")
    asub = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    create = asub.add_parser("create", help="create an audit")
    create.add_argument("--template", required=True, help="bundled template id or a file")
    create.add_argument("--name", required=True)
    create.set_defaults(handler=cmd_audit_create)
    lst = asub.add_parser("list", help="list audits")
    lst.add_argument("--format", choices=["text", "json"], default="text")
    lst.set_defaults(handler=cmd_audit_list)
    aset = asub.add_parser("set", help="change an audit setting (small_cell_limit N, 0/none = off; "
                                       "organisation TEXT)")
    aset.add_argument("audit")
    aset.add_argument("key")
    aset.add_argument("value")
    aset.set_defaults(handler=cmd_audit_set)
    aget = asub.add_parser("get", help="show an audit's settings as JSON")
    aget.add_argument("audit")
    aget.add_argument("key", nargs="?")
    aget.set_defaults(handler=cmd_audit_get)

    cases = sub.add_parser("cases", help="import cases")
    csub = cases.add_subparsers(dest="cases_command", metavar="ACTION", required=True)
    cimp = csub.add_parser("import", help="import cases from CSV")
    cimp.add_argument("audit")
    cimp.add_argument("file")
    cimp.add_argument("--allow-identifiers", action="store_true")
    cimp.set_defaults(handler=cmd_cases_import)

    answers = sub.add_parser("answers", help="import answers")
    ansub = answers.add_subparsers(dest="answers_command", metavar="ACTION", required=True)
    aimp = ansub.add_parser("import", help="import answers from CSV")
    aimp.add_argument("audit")
    aimp.add_argument("file")
    aimp.add_argument("--reviewer")
    aimp.add_argument("--consensus", action="store_true")
    aimp.add_argument("--allow-identifiers", action="store_true")
    aimp.set_defaults(handler=cmd_answers_import)

    tables = sub.add_parser("tables", help="summary tables")
    tables.add_argument("audit")
    tables.add_argument("--by")
    tables.add_argument("--by2", help="a second breakdown within each column of --by (e.g. gender)")
    tables.add_argument("--format", choices=["json", "csv", "xlsx", "text"], default="json")
    tables.add_argument("--out")
    tables.set_defaults(handler=cmd_tables)

    gender = sub.add_parser("gender", help="gender analysis: girls and boys side by side")
    gender.add_argument("audit")
    gender.add_argument("--within", help="also per column of this breakdown (e.g. unit)")
    gender.add_argument("--format", choices=["json", "csv", "xlsx", "text"], default="json")
    gender.add_argument("--out")
    gender.set_defaults(handler=cmd_gender)

    lysning = sub.add_parser("genomlysning", help="active cases and genomförandeplaner per unit")
    lysning.add_argument("audit")
    lsub = lysning.add_subparsers(dest="action", metavar="ACTION", required=True)
    lset = lsub.add_parser("set", help="enter one unit's figures")
    lset.add_argument("unit")
    lset.add_argument("active_cases")
    lset.add_argument("with_plan")
    lclear = lsub.add_parser("clear", help="remove one unit's figures")
    lclear.add_argument("unit")
    limp = lsub.add_parser("import", help="import unit,active_cases,with_plan from CSV")
    limp.add_argument("file")
    lshow = lsub.add_parser("show", help="the table with shares")
    lshow.add_argument("--format", choices=["json", "csv", "text"], default="text")
    lshow.add_argument("--out")
    lysning.set_defaults(handler=cmd_genomlysning)

    chart = sub.add_parser("chart", help="one question's bars by a breakdown, as PNG or SVG")
    chart.add_argument("audit")
    chart.add_argument("question")
    chart.add_argument("--by")
    chart.add_argument("--by2")
    chart.add_argument("--out", required=True, help="FILE.png or FILE.svg")
    chart.set_defaults(handler=cmd_chart)

    agreement = sub.add_parser("agreement", help="agreement between reviewers (colleague review)")
    agreement.add_argument("audit")
    agreement.add_argument("--format", choices=["json", "csv"], default="json")
    agreement.set_defaults(handler=cmd_agreement)

    report = sub.add_parser("report", help="PDF inspection report")
    report.add_argument("audit")
    report.add_argument("--out", required=True)
    report.add_argument("--by")
    report.set_defaults(handler=cmd_report)

    export = sub.add_parser("export", help="raw data as CSV, XLSX or JSON")
    export.add_argument("audit")
    export.add_argument("--out", required=True)
    export.set_defaults(handler=cmd_export)

    sample = sub.add_parser("sample", help="draw a stratified sample from a population CSV")
    sample.add_argument("population", help="CSV with a 'case' column and the strata columns")
    sample.add_argument("--strata", required=True, help="comma-separated columns, e.g. unit,gender")
    sample.add_argument("--per-stratum", type=int, required=True)
    sample.add_argument("--seed", type=int, required=True, help="record it: the same seed redraws")
    sample.add_argument("--reserves", type=int, default=0, help="reserve cases per stratum")
    sample.add_argument("--out", required=True)
    sample.set_defaults(handler=cmd_sample)

    backup = sub.add_parser("backup", help="back up the database")
    backup.add_argument("--out")
    backup.set_defaults(handler=cmd_backup)
    restore = sub.add_parser("restore", help="restore the database from a backup")
    restore.add_argument("file")
    restore.set_defaults(handler=cmd_restore)
    add_package_commands(sub)
    add_colleague_commands(sub, asub)
    add_check_command(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; exit 0 on success, 2 on rejected input, 1 on an unexpected failure.

    Without arguments the desktop window opens at once, without building the parser.
    """
    words = list(sys.argv[1:] if argv is None else argv)
    if not words:
        from types import SimpleNamespace

        gui_args = SimpleNamespace(data_dir=None, db=None, encrypt=False, passphrase_file=None,
                                   debug=False)
        return _run(cmd_gui, gui_args)  # type: ignore[arg-type]
    parser = build_parser()
    try:
        args = parser.parse_args(words)
    except SystemExit as exc:  # argparse already printed the usage message
        return 0 if exc.code == 0 else 2
    return _run(args.handler, args)


def _run(handler: Handler, args: argparse.Namespace) -> int:
    """Call a handler, turning its errors into messages and exit codes."""
    try:
        return int(handler(args))
    except KeyboardInterrupt:
        print("audit-app: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        # Imported only now: the window starts without the error classes (and dataclasses).
        from audit_app.domain.diagnostics import AuditAppError, InvalidInput

        if isinstance(exc, InvalidInput):
            for diagnostic in exc.diagnostics:
                print(diagnostic.format(), file=sys.stderr)
            return exc.exit_code
        if isinstance(exc, AuditAppError):
            print(f"audit-app: error: {exc.message}", file=sys.stderr)
            return exc.exit_code
        if args.debug:
            raise
        print(f"audit-app: unexpected error: {type(exc).__name__}: {exc} "
              "(run with --debug for details)", file=sys.stderr)
        return 1
