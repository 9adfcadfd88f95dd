"""A small colleague-review template and helpers shared by the review plan, blinding,
reconciliation and year-on-year tests (synthetic cases, no personal data)."""

from __future__ import annotations

from pathlib import Path

from audit_app.services.audits import create_audit
from audit_app.services.cases import add_case
from audit_app.services.context import AppContext

TEMPLATE = """\
format: 1
id: kollegial_test
version: {version}
title: Kollegial testgranskning
case_fields:
  - {{id: unit, label: Enhet, type: choice, stratify: true,
     options: [{{code: hv, label: Hässelby}}, {{code: kh, label: Kungsholmen}}]}}
  - {{id: age, label: Ålder, type: number, min: 0, max: 17, integer: true}}
sections:
  - id: utredning
    title: Utredning
    questions:
      - id: barn_traffat
        text: {text}
        type: choice
        options:
          - {{code: ja, label: Ja}}
          - {{code: nej, label: Nej}}
          - {{code: ej_dok, label: Framgår inte, kind: not_documented}}
      - id: barn_asikt
        text: Har barnets åsikt dokumenterats?
        type: choice
        applies_when: barn_traffat == "ja"
        options: [{{code: ja, label: Ja}}, {{code: nej, label: Nej}}]
  - id: insats
    title: Insats
    questions:
      - id: skal
        text: Skäl
        type: multi
        options: [{{code: vald, label: Våld}}, {{code: annat, label: Annat}}]
      - id: veckor
        text: Veckor till beslut
        type: number
        min: 0
        max: 52
      - id: noter
        text: Noteringar
        type: text
        required: false
"""

PIN = "19121212-1212"  # Skatteverket's published test number


def make_audit(ctx: AppContext, tmp_path: Path, name: str, cases: int = 6, *, version: int = 1,
               text: str = "Har handläggaren träffat barnet?") -> str:
    """An audit on the test template with ``cases`` cases, K1.., alternating units."""
    path = tmp_path / f"kollegial_v{version}_{abs(hash(text)) % 1000}.yaml"
    path.write_text(TEMPLATE.format(version=version, text=text), encoding="utf-8")
    audit_id = create_audit(ctx, str(path), name)
    for i in range(1, cases + 1):
        add_case(ctx, audit_id, f"K{i}", {"unit": ("hv", "kh")[i % 2], "age": str(5 + i)},
                 reviewer=ctx.actor)
    return audit_id
