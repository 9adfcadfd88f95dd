"""What makes a usable reviewer name: short, without the '|' separator, never an identity number."""

from __future__ import annotations

from audit_app.domain.identity_numbers import contains_identity_number
from audit_app.domain.values import normalize_text

#: Separates reviewer names where several are stored together (a case's completion marks).
REVIEWER_SEPARATOR = "|"
MAX_LENGTH = 100


def reviewer_problem(name: str) -> tuple[str, str] | None:
    """(code, message) when ``name`` cannot be a reviewer's name, else None."""
    clean = normalize_text(name)
    if not clean or len(clean) > MAX_LENGTH or REVIEWER_SEPARATOR in clean:
        return ("invalid-reviewer",
                f"'{clean[:40]}' is not a usable reviewer name (1-{MAX_LENGTH} characters, no '|')")
    if contains_identity_number(clean):
        return ("personal-identity-number",
                "the reviewer name contains a personal identity number; use a name or initials")
    return None
