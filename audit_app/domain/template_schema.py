"""JSON Schema of the template format, generated from the model (``schemas/template.schema.json``).

Regenerate with ``python -m audit_app.domain.template_schema > schemas/template.schema.json``.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from audit_app.domain.template import Template
from audit_app.domain.template_checks import IDENTIFIER

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = "urn:audit-app:schema:template:format-1"
TITLE = "Audit template (format 1)"

# Properties that hold identifiers, by model name. The model keeps them plain strings (the
# loader reports a bad one as `bad-identifier` with its line); the schema states the rule so
# that an editor can show it while the template is written.
_IDENTIFIER_PROPERTIES: dict[str, tuple[str, ...]] = {
    "Template": ("id",),
    "QualityArea": ("id",),
    "CaseField": ("id",),
    "Option": ("code",),
    "Bin": ("code",),
    "Section": ("id",),
    "Question": ("id",),
}


def template_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) a template file must satisfy, as a dict."""
    body = Template.model_json_schema()
    pattern = f"^{IDENTIFIER.pattern}$"
    definitions: dict[str, Any] = body.get("$defs", {})
    for model, properties in _IDENTIFIER_PROPERTIES.items():
        target = body if model == "Template" else definitions.get(model, {})
        for prop in properties:
            target["properties"][prop]["pattern"] = pattern
    header = {"$schema": SCHEMA_DIALECT, "$id": SCHEMA_ID, "title": TITLE}
    body.pop("title", None)
    return {**header, **body}


def template_json_schema_text() -> str:
    """The schema as the committed file holds it: indented JSON with a final newline."""
    return json.dumps(template_json_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    sys.stdout.write(template_json_schema_text())
