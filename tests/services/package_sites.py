"""Helpers for the reviewer-package tests: "sites" (one laptop each: data directory, key pair).

The team leader and every reviewer have their own data directory, database and key pair; they
exchange public key files and then packages, never a database.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from audit_app.services.audits import create_audit
from audit_app.services.cases import add_case
from audit_app.services.context import AppContext
from audit_app.services.keys import PublicKey, create_identity, export_public, import_public
from audit_app.storage.models import ChangeRow

TEMPLATE = """\
format: 1
id: kollegial
version: 1
title: Kollegial granskning
case_fields:
  - {id: unit, label: Enhet, type: choice, options: [{code: a, label: Enhet A}, {code: b, label: Enhet B}]}
  - {id: age, label: Ålder, type: number, min: 0, max: 12, integer: true}
sections:
  - id: plan
    title: Plan
    questions:
      - id: gp_finns
        text: Finns en plan?
        type: choice
        options:
          - {code: ja, label: Ja}
          - {code: nej, label: Nej}
          - {code: ej_dok, label: Framgår inte av akten, kind: not_documented}
      - id: skal
        text: Skäl
        type: multi
        options: [{code: vald, label: Våld}, {code: annat, label: Annat}]
      - id: veckor
        text: Veckor till start
        type: number
        min: 0
        max: 52
        integer: true
      - id: noter
        text: Noteringar
        type: text
        required: false
"""

QUESTIONS = ("gp_finns", "skal", "veckor", "noter")
CASES = ("A1", "A2", "A3", "A4")


@dataclass
class Site:
    """One laptop: an application context on its own data directory, and its public key."""

    ctx: AppContext
    name: str
    public: PublicKey
    folder: Path


def make_site(folder: Path, name: str, actor: str, db: str | None = None,
              passphrase: str | None = None) -> Site:
    """A data directory with a fresh key pair (SQLite in the directory unless ``db``)."""
    ctx = AppContext.from_options(data_dir=folder, db=db, actor=actor)
    return Site(ctx, name, create_identity(ctx, name, passphrase), folder)


def trust(site: Site, other: Site) -> None:
    """``site`` imports ``other``'s public key file."""
    path = site.folder / f"{other.public.fingerprint[:8]}.pub.json"
    export_public(other.ctx, path)
    import_public(site.ctx, path)


def introduce(*sites: Site) -> None:
    """Every site trusts every other."""
    for a in sites:
        for b in sites:
            if a is not b:
                trust(a, b)


def make_audit(site: Site, cases: tuple[str, ...] = CASES) -> str:
    """The team leader's audit with a few cases; returns its id."""
    path = site.folder / "kollegial.yaml"
    path.write_text(TEMPLATE, encoding="utf-8")
    audit_id = create_audit(site.ctx, str(path), "Kollegial granskning 2024")
    for i, label in enumerate(cases):
        add_case(site.ctx, audit_id, label, {"unit": "a" if i % 2 else "b", "age": str(3 + i)},
                 reviewer=site.ctx.actor)
    return audit_id


def answers(site: Site, audit_id: str, reviewer: str | None = None
            ) -> dict[tuple[str, str, str], tuple[str, str | None]]:
    """(case, question, reviewer) -> (value, comment) of every answer (or one reviewer's)."""
    with site.ctx.db.unit_of_work() as repo:
        labels = {c.id: c.label for c in repo.cases(audit_id)}
        return {(labels[a.case_id], a.question_id, a.reviewer): (a.value, a.comment)
                for a in repo.answer_rows(audit_id) if reviewer in (None, a.reviewer)}


def change_log(site: Site, audit_id: str) -> list[ChangeRow]:
    """The whole change log of an audit."""
    with site.ctx.db.unit_of_work() as repo:
        return repo.changes(audit_id)


def settings_json(site: Site, audit_id: str) -> str:
    """The audit's raw settings."""
    with site.ctx.db.unit_of_work() as repo:
        row = repo.audit_by_id(audit_id)
        assert row is not None
        return row.settings_json
