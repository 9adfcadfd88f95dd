"""Command-line handlers for identity keys and signed, encrypted reviewer packages."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from audit_app.commands.common import ctx_from as _ctx


def _passphrase(ctx) -> str | None:  # type: ignore[no-untyped-def]
    """The private key's passphrase: AUDIT_APP_KEY_PASSPHRASE, else asked for in a terminal."""
    import os

    from audit_app.services.keys import identity_is_protected

    if not identity_is_protected(ctx):
        return None
    if os.environ.get("AUDIT_APP_KEY_PASSPHRASE"):
        return os.environ["AUDIT_APP_KEY_PASSPHRASE"]
    if sys.stdin.isatty():
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


def add_package_commands(sub) -> None:  # type: ignore[no-untyped-def]
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
