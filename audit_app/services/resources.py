"""Paths of the bundled resources: templates, demo data, translations, fonts."""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
TEMPLATES_DIR = RESOURCES / "templates"
DEMO_DIR = RESOURCES / "demo"
