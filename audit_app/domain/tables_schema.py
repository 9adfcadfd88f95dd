"""The tables output of DESIGN section 7 as a typed model, and its generated JSON Schema.

Regenerate with ``python -m audit_app.domain.tables_schema > schemas/tables.schema.json``.
"""

from __future__ import annotations

import json
import sys
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Counts = dict[str, int]


class _Closed(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class AuditRef(_Closed):
    """The audit the tables are for."""

    id: str | None
    name: str


class TemplateRef(_Closed):
    """The frozen template's identity."""

    id: str
    version: int


class ColumnOut(_Closed):
    """A column of the breakdown; ``_none`` holds cases without a value."""

    code: str
    label: str


class RowOut(_Closed):
    """One option of a choice or multi question with its counts per column and total."""

    code: str
    label: str
    kind: Literal["value", "not_documented", "not_applicable"]
    counts: Counts


class StatsOut(_Closed):
    """Statistics of a number question's final answers in one column (null where n is 0)."""

    n: int
    mean: float | None
    median: float | None
    min: float | None
    max: float | None


class QuestionOut(_Closed):
    """One question's counts: applicable = answered + unresolved + missing."""

    id: str
    type: Literal["choice", "multi", "number", "date", "text"]
    text: str
    section: str
    quality_area: str | None
    applicable: Counts
    answered: Counts
    unresolved: Counts
    missing: Counts
    rows: list[RowOut]
    stats: dict[str, StatsOut] | None


class TablesOut(_Closed):
    """The whole output of ``audit-app tables --format json``."""

    audit: AuditRef
    template: TemplateRef
    by: str | None = Field(description="The breakdown's case field or question id, or null")
    columns: list[ColumnOut]
    cases: Counts
    excluded: int
    questions: list[QuestionOut]


def tables_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the tables output."""
    body = TablesOut.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "urn:audit-app:schema:tables:1", "title": "Audit tables", **body}


if __name__ == "__main__":
    sys.stdout.write(json.dumps(tables_json_schema(), ensure_ascii=False, indent=2) + "\n")
