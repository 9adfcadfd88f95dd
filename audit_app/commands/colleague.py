"""Command-line handlers for colleague review: phase, review plan, reconciliation, comparison."""

from __future__ import annotations

import argparse
import json
import sys

from audit_app.commands.common import ctx_from as _ctx


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


def add_colleague_commands(sub, asub) -> None:  # type: ignore[no-untyped-def]
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
