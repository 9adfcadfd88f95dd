"""Template use cases: list the bundled templates, validate a file, resolve an id or a path."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from audit_app.domain.diagnostics import Diagnostic, NotFound
from audit_app.domain.template import Template
from audit_app.domain.template_loader import (
    load_template_text,
    read_template_file_text,
    template_diagnostics,
)
from audit_app.services.resources import TEMPLATES_DIR


@dataclass(frozen=True)
class TemplateSource:
    """A template's text as it will be frozen into an audit."""

    text: str
    fmt: str
    origin: str

    @property
    def sha256(self) -> str:
        """Fingerprint of the exact text."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class TemplateInfo:
    """A bundled template, as listed to the user."""

    id: str
    version: int
    title: str
    path: Path
    questions: int


def _fmt_of(path: Path) -> str:
    return "json" if path.suffix.lower() == ".json" else "yaml"


def read_template_file(path: Path) -> TemplateSource:
    """Read a template file; a missing, unreadable or non-UTF-8 file is a located error."""
    return TemplateSource(text=read_template_file_text(path), fmt=_fmt_of(path), origin=str(path))


def bundled_templates() -> list[TemplateInfo]:
    """Every template shipped with the program, by id."""
    infos = []
    for path in sorted(TEMPLATES_DIR.glob("*.y*ml")) + sorted(TEMPLATES_DIR.glob("*.json")):
        template = parse_template(read_template_file(path))
        infos.append(TemplateInfo(template.id, template.version, template.title, path,
                                  len(template.questions)))
    return sorted(infos, key=lambda t: t.id)


def resolve_template(ref: str) -> TemplateSource:
    """A template by bundled id, or by path to a YAML or JSON file."""
    path = Path(ref)
    if path.suffix.lower() in {".yaml", ".yml", ".json"} or path.exists():
        return read_template_file(path)
    for candidate in (TEMPLATES_DIR / f"{ref}.yaml", TEMPLATES_DIR / f"{ref}.yml",
                      TEMPLATES_DIR / f"{ref}.json"):
        if candidate.exists():
            return read_template_file(candidate)
    ids = ", ".join(t.id for t in bundled_templates())
    raise NotFound(f"no bundled template '{ref}' and no such file (bundled: {ids})")


def validate_template(path: str | Path) -> list[Diagnostic]:
    """Every problem of a template file (empty when it is valid)."""
    source = read_template_file(Path(path))
    return template_diagnostics(source.text, str(path))


def parse_template(source: TemplateSource) -> Template:
    """Load and validate a template text (cached by content)."""
    return _parse_cached(source.text, source.fmt, source.origin)


@lru_cache(maxsize=32)
def _parse_cached(text: str, fmt: str, origin: str) -> Template:
    return load_template_text(text, origin, fmt=fmt)
