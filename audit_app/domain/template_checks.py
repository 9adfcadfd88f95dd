"""Checks of a template's meaning that the typed model cannot express: ids, references, cycles."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from audit_app.domain.conditions import ConditionError, parse_condition
from audit_app.domain.dependency_cycles import cycle_through, strong_components
from audit_app.domain.template_source import DataPath, Finding, SourceDocument

#: Template, case field, question, section, option, quality-area and bin ids.
IDENTIFIER = re.compile(r"[a-z][a-z0-9_]*")

_NOUNS = {
    "quality_areas": "quality area",
    "case_fields": "case field",
    "sections": "section",
    "questions": "question",
    "options": "option",
    "bins": "bin",
}
_OPTION_TYPES = ("choice", "multi")
_NUMBER_ONLY_KEYS = ("min", "max", "integer")


def describe(data: Any, path: Sequence[str | int]) -> str:
    """A reader's name for the item at ``path``: "question 'barn_gp'", "option 'ja' of ..."."""
    names: list[str] = []
    node = data
    for index, step in enumerate(path):
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        parent = path[index - 1] if index else None
        if isinstance(step, int) and isinstance(parent, str):
            noun = _NOUNS.get(parent, parent)
            ident = node.get("id", node.get("code")) if isinstance(node, dict) else None
            names.append(f"{noun} '{ident}'" if isinstance(ident, str) else f"{noun} no. {step + 1}")
    if not names:
        return "the template"
    if len(names) >= 2 and path and any(k in path for k in ("options", "bins")):
        return f"{names[-1]} of {names[-2]}"
    return names[-1]


def _number(value: Any) -> float | None:
    """A finite number as float, else None (text, booleans, .inf, ints beyond float)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def _show(value: float) -> str:
    return str(int(value)) if value.is_integer() else str(value)


def _items(container: Any, key: str, base: DataPath = ()) -> Iterator[tuple[DataPath, dict[str, Any]]]:
    """The mapping items of the list under ``key`` with their paths (other items are skipped)."""
    value = container.get(key) if isinstance(container, dict) else None
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield (*base, key, index), item


@dataclass
class _QuestionInfo:
    ident: str | None
    type: Any
    applies_when: Any
    path: DataPath
    name: str


class _Checker:
    """Collects findings over one source document."""

    def __init__(self, doc: SourceDocument) -> None:
        self.doc = doc
        self.findings: list[Finding] = []
        # Case fields and questions share one namespace: (id, path of the id, what it is).
        self.namespace: list[tuple[str, DataPath, str]] = []

    def add(self, line: int, code: str, message: str) -> None:
        self.findings.append(Finding(line, code, message))

    def at(self, path: DataPath, code: str, message: str) -> None:
        self.add(self.doc.line_of(path), code, message)

    # -- identifiers -------------------------------------------------------------------------

    def identifier(self, path: DataPath, value: Any, what: str) -> str | None:
        """Report a malformed id; return the id when it is text (even if malformed)."""
        if not isinstance(value, str):
            return None
        if not IDENTIFIER.fullmatch(value):
            self.at(
                path,
                "bad-identifier",
                f"{what} '{value}' is not an identifier: use a lower-case letter a-z, then "
                "lower-case letters, digits or _",
            )
        return value

    def unique(self, entries: list[tuple[str, DataPath]], what: str, where: str = "") -> None:
        """Report every repeated id at its second (third, ...) occurrence."""
        first: dict[str, int] = {}
        for ident, path in sorted(entries, key=lambda e: self.doc.line_of(e[1])):
            line = self.doc.line_of(path)
            if ident in first:
                self.add(
                    line,
                    "duplicate-id",
                    f"{what} '{ident}' is already used{where} on line {first[ident]}",
                )
            else:
                first[ident] = line

    # -- shared parts ------------------------------------------------------------------------

    def options(self, base: DataPath, item: dict[str, Any], name: str, kind: str) -> None:
        """Choice items need options; other kinds may not have them; codes are ids, unique."""
        opts = item.get("options")
        if kind in _OPTION_TYPES:
            if opts is None or (isinstance(opts, list) and not opts):
                line = self.doc.line_of((*base, "options")) if "options" in item else self.doc.start_of(base)
                self.add(line, "no-options", f"{name} is a {kind} item and needs at least one option")
        elif opts is not None:
            self.at(
                (*base, "options"),
                "options-not-allowed",
                f"{name} is a {kind} item; only choice and multi items have options",
            )
        codes: list[tuple[str, DataPath]] = []
        for path, option in _items(item, "options", base):
            code = self.identifier((*path, "code"), option.get("code"), "option code")
            if code is not None:
                codes.append((code, (*path, "code")))
        self.unique(codes, "option code", f" in {name}")

    def number_only_keys(
        self,
        base: DataPath,
        item: dict[str, Any],
        name: str,
        kind: str,
        keys: Sequence[str] = _NUMBER_ONLY_KEYS,
    ) -> None:
        for key in keys:
            if item.get(key) not in (None, False):
                self.at(
                    (*base, key),
                    "key-not-allowed",
                    f"'{key}' only applies to number items, and {name} is {kind}",
                )

    def number_range(self, base: DataPath, item: dict[str, Any], name: str) -> None:
        low, high = _number(item.get("min")), _number(item.get("max"))
        if low is not None and high is not None and low > high:
            self.at(
                (*base, "max"),
                "bad-range",
                f"{name} has min {_show(low)} greater than max {_show(high)}",
            )

    def quality_area_ref(
        self, base: DataPath, item: dict[str, Any], name: str, areas: set[str] | None
    ) -> None:
        value = item.get("quality_area")
        if areas is not None and isinstance(value, str) and value not in areas:
            self.at(
                (*base, "quality_area"),
                "unknown-reference",
                f"{name} refers to quality area '{value}', which quality_areas does not declare",
            )

    # -- the template's parts ----------------------------------------------------------------

    def format_value(self) -> None:
        # The model's Literal[1] lets `true` and `1.0` through (they equal 1); they are not 1.
        value = self.doc.data.get("format")
        if isinstance(value, bool | float) and value == 1:
            self.at(("format",), "wrong-type", f"format must be the integer 1, not {value!r}")

    def quality_areas(self) -> set[str] | None:
        """Declared quality-area ids, or None when the list itself is malformed."""
        raw = self.doc.data.get("quality_areas")
        if raw is not None and not isinstance(raw, list):
            return None
        entries: list[tuple[str, DataPath]] = []
        for path, area in _items(self.doc.data, "quality_areas"):
            ident = self.identifier((*path, "id"), area.get("id"), "quality area id")
            if ident is not None:
                entries.append((ident, (*path, "id")))
        self.unique(entries, "quality area id")
        return {ident for ident, _ in entries}

    def case_fields(self) -> None:
        kinds: dict[str, str] = {}
        derived: list[tuple[DataPath, dict[str, Any], str]] = []
        for base, cf in _items(self.doc.data, "case_fields"):
            ident = self.identifier((*base, "id"), cf.get("id"), "case field id")
            name = describe(self.doc.data, base)
            if ident is not None:
                self.namespace.append((ident, (*base, "id"), "case field"))
            if cf.get("derived_from") is not None:
                if ident is not None:
                    kinds.setdefault(ident, "derived")
                derived.append((base, cf, name))
                self.derived_field(base, cf, name)
                continue
            kind = cf.get("type")
            if kind is None:
                self.add(
                    self.doc.start_of(base),
                    "missing-key",
                    f"{name} lacks the required key 'type' (or 'derived_from' and 'bins')",
                )
            elif isinstance(kind, str) and ident is not None:
                kinds.setdefault(ident, kind)
            if cf.get("bins") is not None:
                self.at((*base, "bins"), "key-not-allowed", f"{name} has 'bins' but no 'derived_from'")
            if kind in ("choice", "number", "text", "date"):
                self.options(base, cf, name, kind)
                if kind == "number":
                    self.number_range(base, cf, name)
                else:
                    self.number_only_keys(base, cf, name, kind)
        for base, cf, name in derived:
            source = cf.get("derived_from")
            if not isinstance(source, str):
                continue
            target = kinds.get(source)
            if target is None:
                problem = "which is not a case field"
            elif target != "number":
                problem = f"which is a {target} field, not a number field"
            else:
                continue
            self.at(
                (*base, "derived_from"),
                "unknown-reference",
                f"{name} is derived from '{source}', {problem}",
            )

    def derived_field(self, base: DataPath, cf: dict[str, Any], name: str) -> None:
        if cf.get("type") is not None:
            self.at(
                (*base, "type"),
                "key-not-allowed",
                f"{name} is derived: it has no 'type' (it is a choice over its bins)",
            )
        if cf.get("options") is not None:
            self.at(
                (*base, "options"),
                "options-not-allowed",
                f"{name} is derived: its bins are its options",
            )
        self.number_only_keys(base, cf, name, "derived")
        bins = cf.get("bins")
        if "bins" not in cf:
            self.add(
                self.doc.start_of(base),
                "missing-key",
                f"{name} is derived and lacks the required key 'bins'",
            )
            return
        if bins is None or (isinstance(bins, list) and not bins):
            self.at((*base, "bins"), "bad-bins", f"{name} is derived and has no bins")
            return
        codes: list[tuple[str, DataPath]] = []
        accepted: list[tuple[str, float, float]] = []
        for path, bin_ in _items(cf, "bins", base):
            code = self.identifier((*path, "code"), bin_.get("code"), "bin code")
            label = describe(self.doc.data, path)
            if code is not None:
                codes.append((code, (*path, "code")))
            low, high = _number(bin_.get("min")), _number(bin_.get("max"))
            if low is None or high is None:
                continue
            if low > high:
                self.at(path, "bad-bins", f"{label} has min {_show(low)} greater than max {_show(high)}")
                continue
            overlaps = [c for c, lo, hi in accepted if low <= hi and lo <= high]
            if overlaps:
                self.at(
                    path,
                    "bad-bins",
                    f"{label} ({_show(low)}-{_show(high)}) overlaps "
                    + ", ".join(f"bin '{c}'" for c in overlaps),
                )
            accepted.append((code or "?", low, high))
        self.unique(codes, "bin code", f" in {name}")

    def sections(self, areas: set[str] | None) -> list[_QuestionInfo]:
        questions: list[_QuestionInfo] = []
        section_ids: list[tuple[str, DataPath]] = []
        for base, section in _items(self.doc.data, "sections"):
            ident = self.identifier((*base, "id"), section.get("id"), "section id")
            if ident is not None:
                section_ids.append((ident, (*base, "id")))
            self.quality_area_ref(base, section, describe(self.doc.data, base), areas)
            for qbase, question in _items(section, "questions", base):
                questions.append(self.question(qbase, question, areas))
        self.unique(section_ids, "section id")
        return questions

    def question(self, base: DataPath, q: dict[str, Any], areas: set[str] | None) -> _QuestionInfo:
        ident = self.identifier((*base, "id"), q.get("id"), "question id")
        name = describe(self.doc.data, base)
        if ident is not None:
            self.namespace.append((ident, (*base, "id"), "question"))
        kind = q.get("type")
        if kind in ("choice", "multi", "number", "date", "text"):
            self.options(base, q, name, kind)
            if kind == "number":
                self.number_range(base, q, name)
            else:
                self.number_only_keys(base, q, name, kind, (*_NUMBER_ONLY_KEYS, "unit"))
        self.quality_area_ref(base, q, name, areas)
        return _QuestionInfo(ident, kind, q.get("applies_when"), base, name)

    def shared_namespace(self) -> None:
        first: dict[str, tuple[int, str]] = {}
        for ident, path, what in sorted(self.namespace, key=lambda e: self.doc.line_of(e[1])):
            line = self.doc.line_of(path)
            if ident in first:
                other_line, other = first[ident]
                self.add(
                    line,
                    "duplicate-id",
                    f"id '{ident}' of this {what} is already used by the {other} on line "
                    f"{other_line} (case fields and questions share one set of ids)",
                )
            else:
                first[ident] = (line, what)

    def non_finite(self, node: Any, path: DataPath) -> None:
        """The model's numbers (min, max) accept .inf and .nan; no range or bin can use them."""
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("min", "max") and isinstance(value, float) and not math.isfinite(value):
                    self.at((*path, key), "wrong-type", f"'{key}' must be a finite number")
                else:
                    self.non_finite(value, (*path, key))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                self.non_finite(value, (*path, index))


def _conditions(checker: _Checker, questions: list[_QuestionInfo]) -> None:
    """Parse every applies_when, check its names and multi use, then look for cycles."""
    doc = checker.doc
    known = {ident for ident, _, _ in checker.namespace}
    question_ids = {q.ident for q in questions if q.ident is not None}
    multi = frozenset(q.ident for q in questions if q.ident is not None and q.type == "multi")
    depends: dict[str, set[str]] = {}
    lines: dict[str, int] = {}
    for q in questions:
        if not isinstance(q.applies_when, str):
            continue
        line = doc.line_of((*q.path, "applies_when"))
        try:
            condition = parse_condition(q.applies_when)
        except ConditionError as error:
            checker.add(line, error.code, f"applies_when of {q.name}: {error.message}")
            continue
        for unknown in sorted(condition.names - known):
            checker.add(
                line,
                "unknown-reference",
                f"applies_when of {q.name} refers to '{unknown}', which is neither a case "
                "field nor a question",
            )
        for message in condition.multi_misuse(multi):
            checker.add(line, "expression-unsupported", f"applies_when of {q.name}: {message}")
        if q.ident is not None and q.ident not in depends:
            depends[q.ident] = set(condition.names & question_ids)
            lines[q.ident] = line
    order = list(dict.fromkeys(q.ident for q in questions if q.ident is not None and q.ident in depends))
    for component in strong_components(order, depends):
        members = set(component)
        if len(members) == 1 and component[0] not in depends[component[0]]:
            continue
        start = min(component, key=lines.__getitem__)  # components list members in template order
        cycle = cycle_through(start, depends, members)
        if len(cycle) > 12:
            cycle = [*cycle[:10], "...", cycle[-1]]
        checker.add(
            lines[start],
            "reference-cycle",
            "applies_when conditions depend on each other in a cycle: " + " -> ".join(cycle),
        )


def semantic_findings(doc: SourceDocument) -> list[Finding]:
    """Every meaning problem the data allows to check, even where its structure is also wrong."""
    checker = _Checker(doc)
    checker.format_value()
    checker.identifier(("id",), doc.data.get("id"), "template id")
    areas = checker.quality_areas()
    checker.case_fields()
    questions = checker.sections(areas)
    checker.shared_namespace()
    _conditions(checker, questions)
    checker.non_finite(doc.data, ())
    return checker.findings
