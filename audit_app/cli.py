"""The command line: every use case that is not a form to fill in (DESIGN section 5)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from audit_app.domain.diagnostics import AuditAppError, InvalidInput

Handler = Callable[[argparse.Namespace], int]


def _ctx(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from audit_app.services.context import AppContext

    return AppContext.from_options(args.data_dir, args.db)


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

    result = import_cases(_ctx(args), args.audit, args.file,
                          allow_identifiers=args.allow_identifiers)
    print(f"{args.file}: cases {result.summary()}", file=sys.stderr)
    return 0


def cmd_answers_import(args: argparse.Namespace) -> int:
    """Import answers (or consensus answers) from CSV."""
    from audit_app.services.imports import import_answers

    result = import_answers(_ctx(args), args.audit, args.file, reviewer=args.reviewer,
                            consensus=args.consensus, allow_identifiers=args.allow_identifiers)
    kind = "consensus answers" if args.consensus else "answers"
    print(f"{args.file}: {kind} {result.summary()}", file=sys.stderr)
    return 0


def cmd_tables(args: argparse.Namespace) -> int:
    """Print or write the tables (CSV, XLSX and text through the audit's small-cell limit)."""
    from audit_app.domain.diagnostics import InputRejected
    from audit_app.services.export import export_tables, render_tables

    by2 = getattr(args, "by2", None)
    if args.format == "xlsx":
        if not args.out:
            raise InputRejected("--format xlsx needs --out FILE.xlsx")
        export_tables(_ctx(args), args.audit, Path(args.out), by=args.by, by2=by2, fmt="xlsx")
        return 0
    text = render_tables(_ctx(args), args.audit, args.by, by2, args.format)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8-sig" if args.format == "csv" else "utf-8")
    else:
        sys.stdout.write(text)
    return 0


def cmd_audit_set(args: argparse.Namespace) -> int:
    """Change one audit setting (small_cell_limit, organisation)."""
    from audit_app.services.audit_settings import set_setting

    value = set_setting(_ctx(args), args.audit, args.key, args.value)
    print(f"{args.key} = {'none' if value is None else value}", file=sys.stderr)
    return 0


def cmd_audit_get(args: argparse.Namespace) -> int:
    """Print the audit's settings as JSON (or one of them)."""
    from audit_app.domain.diagnostics import InputRejected
    from audit_app.services.audit_settings import audit_settings

    settings = audit_settings(_ctx(args), args.audit)
    if args.key:
        if args.key not in settings:
            raise InputRejected(f"unknown setting '{args.key}'; the settings are {', '.join(settings)}")
        print(json.dumps(settings[args.key], ensure_ascii=False))
    else:
        print(json.dumps(settings, ensure_ascii=False, indent=1))
    return 0


def cmd_gender(args: argparse.Namespace) -> int:
    """Print or write the gender analysis (girls and boys side by side)."""
    from audit_app.domain.diagnostics import InputRejected
    from audit_app.services.gender import (
        audit_gender_analysis,
        gender_csv,
        gender_text,
        load_gender,
        write_gender_xlsx,
    )

    ctx = _ctx(args)
    if args.format == "xlsx":
        if not args.out:
            raise InputRejected("--format xlsx needs --out FILE.xlsx")
        write_gender_xlsx(ctx, args.audit, Path(args.out), args.within)
        return 0
    if args.format == "json":
        text = json.dumps(audit_gender_analysis(ctx, args.audit, args.within), ensure_ascii=False,
                          indent=1) + "\n"
    else:
        analysis, views = load_gender(ctx, args.audit, args.within)
        render = gender_csv if args.format == "csv" else gender_text
        text = render(analysis, views.mask)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8-sig" if args.format == "csv" else "utf-8")
    else:
        sys.stdout.write(text)
    return 0


def cmd_genomlysning(args: argparse.Namespace) -> int:
    """Enter, import, clear or show the genomlysning (active cases and plans per unit)."""
    from audit_app.services import genomlysning as g

    ctx = _ctx(args)
    if args.action == "set":
        entry = g.set_genomlysning(ctx, args.audit, args.unit, args.active_cases, args.with_plan)
        print(f"{entry.unit}: {entry.active_cases} aktiva, {entry.with_plan} med plan", file=sys.stderr)
    elif args.action == "clear":
        if not g.clear_genomlysning(ctx, args.audit, args.unit):
            print(f"{args.unit}: nothing to clear", file=sys.stderr)
    elif args.action == "import":
        result = g.import_genomlysning(ctx, args.audit, args.file)
        print(f"{args.file}: genomlysning {result.summary()}", file=sys.stderr)
    else:
        table, limit = g.genomlysning_data(ctx, args.audit)
        text = {"json": lambda: json.dumps(table, ensure_ascii=False, indent=1) + "\n",
                "csv": lambda: g.genomlysning_csv(table, limit),
                "text": lambda: g.genomlysning_text(table, limit)}[args.format]()
        if args.out:
            Path(args.out).write_text(text, encoding="utf-8-sig" if args.format == "csv" else "utf-8")
        else:
            sys.stdout.write(text)
    return 0


def cmd_chart(args: argparse.Namespace) -> int:
    """Draw one question's bars by a breakdown as PNG or SVG."""
    from audit_app.services.charts import save_chart

    save_chart(_ctx(args), args.audit, args.question, Path(args.out), by=args.by, by2=args.by2)
    return 0


def cmd_agreement(args: argparse.Namespace) -> int:
    """Print the reviewers' agreement per choice question and overall (colleague review)."""
    from audit_app.services.agreement import agreement_csv, audit_agreement

    agreement = audit_agreement(_ctx(args), args.audit)
    if args.format == "csv":
        sys.stdout.write(agreement_csv(agreement))
    else:
        sys.stdout.write(json.dumps(agreement, ensure_ascii=False, indent=1) + "\n")
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


# -- reviewer packages and keys (offline colleague review) ------------------------------------
def _passphrase(ctx) -> str | None:  # type: ignore[no-untyped-def]
    """The private key's passphrase: AUDIT_APP_KEY_PASSPHRASE, else asked for in a terminal."""
    import os

    from audit_app.services.keys import identity_is_protected

    if os.environ.get("AUDIT_APP_KEY_PASSPHRASE"):
        return os.environ["AUDIT_APP_KEY_PASSPHRASE"]
    if identity_is_protected(ctx) and sys.stdin.isatty():
        import getpass

        return getpass.getpass("Passphrase for your private key: ")
    return None


def cmd_keys_create(args: argparse.Namespace) -> int:
    """Create this data directory's key pair and print the name and fingerprint."""
    import os

    from audit_app.domain.diagnostics import InputRejected
    from audit_app.services.keys import create_identity

    passphrase = None
    if args.passphrase:
        passphrase = os.environ.get("AUDIT_APP_KEY_PASSPHRASE")
        if not passphrase:
            import getpass

            passphrase = getpass.getpass("New passphrase: ")
            if passphrase != getpass.getpass("The same passphrase again: "):
                raise InputRejected("the two passphrases differ; nothing was created")
        if not passphrase:
            raise InputRejected("an empty passphrase protects nothing; leave out --passphrase")
    public = create_identity(_ctx(args), args.name, passphrase)
    print(f"{public.name}\t{public.short}\t{public.fingerprint}")
    return 0


def cmd_keys_show(args: argparse.Namespace) -> int:
    """Print one's own name and fingerprint."""
    from audit_app.services.keys import load_public_identity

    public = load_public_identity(_ctx(args))
    print(f"{public.name}\t{public.short}\t{public.fingerprint}")
    return 0


def cmd_keys_export_public(args: argparse.Namespace) -> int:
    """Write one's own public key file."""
    from audit_app.services.keys import export_public

    public = export_public(_ctx(args), Path(args.out))
    print(f"{args.out}: public key of {public.name} ({public.short})", file=sys.stderr)
    return 0


def cmd_keys_import_public(args: argparse.Namespace) -> int:
    """Trust a colleague's public key file and show its fingerprint to compare."""
    from audit_app.services.keys import import_public

    public, new = import_public(_ctx(args), Path(args.file))
    print(f"{public.name}\t{public.short}\t{public.fingerprint}")
    print(f"{'trusted' if new else 'already trusted'}: {public.name}; compare the fingerprint "
          f"{public.short} with them (in person or by phone)", file=sys.stderr)
    return 0


def cmd_keys_list(args: argparse.Namespace) -> int:
    """List the trusted contacts with their fingerprints."""
    from audit_app.services.keys import trusted_contacts

    for contact in trusted_contacts(_ctx(args)):
        print(f"{contact.name}\t{contact.short}\t{contact.fingerprint}")
    return 0


def _print_received(received, fmt: str) -> None:  # type: ignore[no-untyped-def]
    m = received.manifest
    if fmt == "json":
        from dataclasses import asdict

        data = {"package_id": m.package_id, "kind": m.kind, "sequence": m.sequence,
                "audit": {"id": m.audit_id, "name": m.audit_name}, "reviewer": m.reviewer,
                "sender": {"name": received.sender.name,
                           "fingerprint": received.sender.fingerprint},
                **{k: v for k, v in asdict(received).items() if k not in {"manifest", "sender"}}}
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return
    print(f"{m.audit_name} ({m.audit_id}), reviewer {m.reviewer}, from {received.sender.name}: "
          f"{received.summary()}")
    for c in received.conflicts:
        kept = c.kept if c.kept is not None else "(no answer)"
        theirs = c.package if c.package is not None else "(no answer)"
        print(f"conflict: case {c.case}, question {c.question}: kept {kept!r}, the package has "
              f"{theirs!r} (both in the change log)")
    for line in received.skipped:
        print(f"skipped: {line}")


def cmd_package_export_assignment(args: argparse.Namespace) -> int:
    """Team leader: write a reviewer's assignment package."""
    from audit_app.services.packages import export_assignment

    ctx = _ctx(args)
    cases = [x.strip() for item in args.cases or [] for x in item.split(",") if x.strip()]
    sent = export_assignment(ctx, args.audit, args.reviewer, args.to, Path(args.out),
                             cases=cases or None, passphrase=_passphrase(ctx))
    print(f"{args.out}: assignment for {sent.manifest.reviewer} ({sent.cases} cases, "
          f"{sent.answers} own answers) to {sent.recipient.name} ({sent.recipient.short})")
    return 0


def cmd_package_open(args: argparse.Namespace) -> int:
    """Reviewer: verify and open an assignment package in this copy."""
    from audit_app.services.package_review import open_assignment

    ctx = _ctx(args)
    received = open_assignment(ctx, Path(args.file), passphrase=_passphrase(ctx))
    _print_received(received, args.format)
    if args.format == "text":
        print(f"Answer as reviewer '{received.manifest.reviewer}'.", file=sys.stderr)
    return 0


def cmd_package_export_answers(args: argparse.Namespace) -> int:
    """Reviewer: write the answers package for the team leader."""
    from audit_app.services.package_review import export_answers

    ctx = _ctx(args)
    sent = export_answers(ctx, args.audit, Path(args.out), to=args.to,
                          passphrase=_passphrase(ctx))
    print(f"{args.out}: {sent.answers} answers of {sent.manifest.reviewer} on {sent.cases} cases "
          f"to {sent.recipient.name} ({sent.recipient.short})")
    for name, n in sorted(sent.other_reviewers.items()):
        print(f"audit-app: warning: {n} answers under the name '{name}' are not in the package "
              f"(only '{sent.manifest.reviewer}' is)", file=sys.stderr)
    return 0


def cmd_package_import(args: argparse.Namespace) -> int:
    """Team leader: verify and import a reviewer's answers package."""
    from audit_app.services.packages import import_answers_package

    ctx = _ctx(args)
    received = import_answers_package(ctx, Path(args.file), passphrase=_passphrase(ctx))
    _print_received(received, args.format)
    return 0


def cmd_package_info(args: argparse.Namespace) -> int:
    """Show a package's manifest (not verified, nothing decrypted)."""
    from audit_app.services.package_crypto import describe_package

    print(json.dumps(describe_package(Path(args.file)), ensure_ascii=False, indent=1))
    return 0


def _add_package_commands(sub) -> None:  # type: ignore[no-untyped-def]
    """The ``keys`` and ``package`` commands."""
    keys = sub.add_parser("keys", help="your key pair and your colleagues' public keys")
    ksub = keys.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    kcreate = ksub.add_parser("create", help="create your key pair")
    kcreate.add_argument("name", help="your name as colleagues will see it")
    kcreate.add_argument("--passphrase", action="store_true",
                         help="protect the private key (AUDIT_APP_KEY_PASSPHRASE, else asked for)")
    kcreate.set_defaults(handler=cmd_keys_create)
    ksub.add_parser("show", help="your name and fingerprint").set_defaults(handler=cmd_keys_show)
    kexp = ksub.add_parser("export-public", help="write your public key file")
    kexp.add_argument("--out", required=True)
    kexp.set_defaults(handler=cmd_keys_export_public)
    kimp = ksub.add_parser("import-public", help="trust a colleague's public key file")
    kimp.add_argument("file")
    kimp.set_defaults(handler=cmd_keys_import_public)
    ksub.add_parser("list", help="trusted colleagues").set_defaults(handler=cmd_keys_list)

    package = sub.add_parser("package", help="reviewer packages for offline colleague review")
    psub = package.add_subparsers(dest="package_command", metavar="ACTION", required=True)
    pexa = psub.add_parser("export-assignment", help="team leader: a reviewer's cases, to them")
    pexa.add_argument("audit")
    pexa.add_argument("--reviewer", required=True, help="the reviewer name the answers go under")
    pexa.add_argument("--to", required=True, help="the reviewer's trusted public key (name)")
    pexa.add_argument("--cases", nargs="+", help="case labels (default: the review plan, "
                                                 "else every case)")
    pexa.add_argument("--out", required=True)
    pexa.set_defaults(handler=cmd_package_export_assignment)
    popen = psub.add_parser("open", help="reviewer: open an assignment package")
    popen.add_argument("file")
    popen.add_argument("--format", choices=["text", "json"], default="text")
    popen.set_defaults(handler=cmd_package_open)
    pexr = psub.add_parser("export-answers", help="reviewer: your answers, to the team leader")
    pexr.add_argument("audit")
    pexr.add_argument("--to", help="the team leader's public key (default: the assignment's sender)")
    pexr.add_argument("--out", required=True)
    pexr.set_defaults(handler=cmd_package_export_answers)
    pimp = psub.add_parser("import", help="team leader: import a reviewer's answers package")
    pimp.add_argument("file")
    pimp.add_argument("--format", choices=["text", "json"], default="text")
    pimp.set_defaults(handler=cmd_package_import)
    pinfo = psub.add_parser("info", help="show a package's manifest (unverified)")
    pinfo.add_argument("file")
    pinfo.set_defaults(handler=cmd_package_info)


# -- colleague review: phase, review plan, reconciliation, year on year ------------------------
def cmd_audit_phase(args: argparse.Namespace) -> int:
    """Show the audit's phase, or move it (review, reconcile, closed)."""
    from audit_app.services.blinding import audit_phase, change_phase

    ctx = _ctx(args)
    if args.phase is None:
        print(audit_phase(ctx, args.audit))
        return 0
    old, new = change_phase(ctx, args.audit, args.phase, reason=args.reason)
    print(f"{old} -> {new}")
    return 0


def _share(text: str) -> float:
    """A double-review share: 0.2, 0,2 or 20%."""
    clean = text.strip().replace(",", ".")
    try:
        return float(clean[:-1]) / 100 if clean.endswith("%") else float(clean)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a share (0.2 or 20%)") from None


def _names(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def cmd_plan(args: argparse.Namespace) -> int:
    """Assign the cases to reviewers, or show the review plan."""
    from audit_app.services.review_plan import assign_reviewers, plan_csv, plan_text, show_plan

    ctx = _ctx(args)
    if args.action == "assign":
        result = assign_reviewers(ctx, args.audit, _names(args.reviewers),
                                  double_share=args.double_share or 0.0,
                                  double_all=args.double_all, raters=args.raters, seed=args.seed,
                                  strata=_names(args.strata))
        print(result.summary(), file=sys.stderr)
        for case, reviewer in result.kept_answers:
            print(f"audit-app: warning: {reviewer} is no longer assigned {case} but has answered "
                  "it; the answers are kept", file=sys.stderr)
        return 0
    plan = show_plan(ctx, args.audit)
    render = {"json": lambda: json.dumps(plan, ensure_ascii=False, indent=1) + "\n",
              "csv": lambda: plan_csv(plan), "text": lambda: plan_text(plan)}[args.format]
    sys.stdout.write(render())
    return 0


def cmd_reconcile(args: argparse.Namespace) -> int:
    """List the reviewers' disagreements, or record a consensus answer."""
    from audit_app.services.reconciliation import (
        decide,
        disagreements,
        disagreements_csv,
        disagreements_text,
    )

    ctx = _ctx(args)
    if args.action == "decide":
        decision = decide(ctx, args.audit, args.case, args.question, args.value,
                          rationale=args.rationale, allow_identifiers=args.allow_identifiers)
        state = "recorded" if decision.changed else "unchanged"
        print(f"{decision.case} {decision.question} = {decision.display} (consensus {state})")
        if decision.unresolved_left:
            print(f"{decision.case}: still unresolved: {', '.join(decision.unresolved_left)}",
                  file=sys.stderr)
        return 0
    listing = disagreements(ctx, args.audit, unblind=args.unblind, include_decided=args.all)
    render = {"json": lambda: json.dumps(listing, ensure_ascii=False, indent=1) + "\n",
              "csv": lambda: disagreements_csv(listing),
              "text": lambda: disagreements_text(listing)}[args.format]
    sys.stdout.write(render())
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    """Two audits on the same template side by side (this year against last year)."""
    from audit_app.services.comparison import compare_audits, comparison_csv

    comparison = compare_audits(_ctx(args), args.this, args.last, by=args.by)
    for warning in comparison["warnings"]:
        print(f"audit-app: warning: {warning['message']}", file=sys.stderr)
    if args.format == "csv":
        sys.stdout.write(comparison_csv(comparison))
    else:
        sys.stdout.write(json.dumps(comparison, ensure_ascii=False, indent=1) + "\n")
    return 0


def _add_colleague_commands(sub, asub) -> None:  # type: ignore[no-untyped-def]
    """``audit phase``, ``plan``, ``reconcile`` and ``compare``."""
    phase = asub.add_parser("phase", help="show or change the phase (review, reconcile, closed)")
    phase.add_argument("audit")
    phase.add_argument("phase", nargs="?", choices=["review", "reconcile", "closed"])
    phase.add_argument("--reason", help="why (logged)")
    phase.set_defaults(handler=cmd_audit_phase)

    plan = sub.add_parser("plan", help="review plan: assign cases to reviewers (colleague review)")
    plan.add_argument("audit")
    psub = plan.add_subparsers(dest="action", metavar="ACTION", required=True)
    assign = psub.add_parser("assign", help="assign every included case to reviewers")
    assign.add_argument("--reviewers", required=True, help="comma-separated, e.g. anna,bo,cilla")
    double = assign.add_mutually_exclusive_group()
    double.add_argument("--double-share", type=_share,
                        help="share of each stratum read by several reviewers, e.g. 0.2 or 20%%")
    double.add_argument("--double-all", action="store_true", help="every case by several reviewers")
    assign.add_argument("--raters", type=int, default=2,
                        help="reviewers per double-reviewed case (default 2)")
    assign.add_argument("--strata", help="comma-separated case fields, e.g. unit")
    assign.add_argument("--seed", type=int, help="needed with --double-share; record it")
    show = psub.add_parser("show", help="the plan, each reviewer's load and progress")
    show.add_argument("--format", choices=["text", "json", "csv"], default="text")
    plan.set_defaults(handler=cmd_plan)

    reconcile = sub.add_parser("reconcile", help="disagreements and consensus answers")
    reconcile.add_argument("audit")
    rsub = reconcile.add_subparsers(dest="action", metavar="ACTION", required=True)
    rlist = rsub.add_parser("list", help="the unresolved questions, answers side by side")
    rlist.add_argument("--format", choices=["text", "json", "csv"], default="text")
    rlist.add_argument("--unblind", action="store_true",
                       help="show reviewers' names instead of Granskare 1, 2, ... (logged)")
    rlist.add_argument("--all", action="store_true", help="also the questions already decided")
    decide = rsub.add_parser("decide", help="record the consensus answer with its rationale")
    decide.add_argument("case")
    decide.add_argument("question")
    decide.add_argument("value", help="as in an answers CSV: code or label, multi codes with |")
    decide.add_argument("--rationale", required=True)
    decide.add_argument("--allow-identifiers", action="store_true")
    reconcile.set_defaults(handler=cmd_reconcile)

    compare = sub.add_parser("compare", help="this year's audit next to last year's")
    compare.add_argument("this", metavar="AUDIT_THIS")
    compare.add_argument("last", metavar="AUDIT_LAST")
    compare.add_argument("--by")
    compare.add_argument("--format", choices=["json", "csv"], default="json")
    compare.set_defaults(handler=cmd_compare)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (global options before the command)."""
    parser = argparse.ArgumentParser(
        prog="audit-app", description="Aktgranskning: granskning av akter inom socialtjänsten.")
    parser.add_argument("--data-dir", help="data directory (default: AUDIT_APP_DATA_DIR or the "
                                           "user data directory)")
    parser.add_argument("--db", help="SQLAlchemy URL (default: AUDIT_APP_DB or SQLite in the data "
                                     "directory)")
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
    _add_package_commands(sub)
    _add_colleague_commands(sub, asub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; exit 0 on success, 2 on rejected input, 1 on an unexpected failure."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse already printed the usage message
        return 0 if exc.code == 0 else 2
    try:
        return int(args.handler(args))
    except InvalidInput as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic.format(), file=sys.stderr)
        return exc.exit_code
    except AuditAppError as exc:
        print(f"audit-app: error: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("audit-app: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if args.debug:
            raise
        print(f"audit-app: unexpected error: {type(exc).__name__}: {exc} "
              "(run with --debug for details)", file=sys.stderr)
        return 1
