"""Command-line handlers for tables, gender analysis, genomlysning, charts and audit settings."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from audit_app.commands.common import ctx_from as _ctx


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
