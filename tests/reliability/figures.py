"""Figures the reliability tests measured, collected for ``scripts/reliability_report.py``.

When ``AUDIT_APP_RELIABILITY_FIGURES`` names a file, each test appends one JSON line to it.
"""

from __future__ import annotations

import json
import os


def record(name: str, **values: object) -> None:
    """Append ``{"name": name, **values}`` to the figures file, if one is asked for."""
    target = os.environ.get("AUDIT_APP_RELIABILITY_FIGURES")
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(json.dumps({"name": name, **values}, ensure_ascii=False) + "\n")
