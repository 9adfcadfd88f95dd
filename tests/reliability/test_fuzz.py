"""Fuzz (hypothesis): the template loader and both CSV importers answer any input with a template,
a successful import, or a coded error; never another exception, never a partial write.

A rejected import must leave every table exactly as it was; an accepted one must leave the change
log matching the data (``verify_content``). ``AUDIT_APP_FUZZ_EXAMPLES`` sets the examples per test
(150 here; more in the reliability report).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit_app.domain.diagnostics import AuditAppError, InvalidInput
from audit_app.domain.template import Template
from audit_app.domain.template_loader import load_template_text
from audit_app.services.audits import create_audit
from audit_app.services.context import AppContext
from audit_app.services.imports import import_answers, import_cases
from audit_app.services.integrity import verify_content
from tests.reliability.crash_plan import CASES_CSV, TEMPLATE
from tests.reliability.figures import record

EXAMPLES = int(os.environ.get("AUDIT_APP_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
EXAMPLE_TEXT = TEMPLATE.read_text(encoding="utf-8")
COUNTS: dict[str, dict[str, int]] = {}


def _count(test: str, outcome: str) -> None:
    per_test = COUNTS.setdefault(test, {})
    per_test[outcome] = per_test.get(outcome, 0) + 1


@pytest.fixture(scope="module", autouse=True)
def _report_counts() -> Iterator[None]:
    yield
    for test, outcomes in sorted(COUNTS.items()):
        record("fuzz", test=test, inputs=sum(outcomes.values()), **outcomes)


# -- template loader -----------------------------------------------------------------------------
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                 max_size=4),
    max_leaves=20)


@st.composite
def mutated_template(draw: st.DrawFn) -> str:
    """The example template with lines deleted, repeated, swapped or changed, characters inserted."""
    lines = EXAMPLE_TEXT.splitlines()
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "repeat", "swap", "text", "indent", "value"]))
        if action == "delete" and len(lines) > 1:
            del lines[at]
        elif action == "repeat":
            lines.insert(at, lines[at])
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif action == "text":
            column = draw(st.integers(0, len(lines[at])))
            lines[at] = lines[at][:column] + draw(st.text(max_size=8)) + lines[at][column:]
        elif action == "indent":
            lines[at] = " " * draw(st.integers(0, 6)) + lines[at].lstrip()
        elif ":" in lines[at]:
            key = lines[at].split(":", 1)[0]
            lines[at] = f"{key}: {json.dumps(draw(json_values))}"
    return "\n".join(lines)


@st.composite
def structured_template(draw: st.DrawFn) -> tuple[str, str]:
    """The example template as data with one part replaced by random JSON, written as JSON."""
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(EXAMPLE_TEXT)
    node = data
    path = draw(st.lists(st.integers(0, 8), min_size=1, max_size=4))
    for step in path[:-1]:
        children = list(node) if isinstance(node, dict) else node
        if not isinstance(children, list) or not children:
            break
        key = children[step % len(children)]
        nxt = node[key] if isinstance(node, dict) else key
        if not isinstance(nxt, dict | list):
            break
        node = nxt
    if isinstance(node, dict) and node:
        node[list(node)[path[-1] % len(node)]] = draw(json_values)
    elif isinstance(node, list) and node:
        node[path[-1] % len(node)] = draw(json_values)
    return json.dumps(data, ensure_ascii=draw(st.booleans())), "t.json"


@st.composite
def relabelled_template(draw: st.DrawFn) -> str:
    """The example template with free texts (titles, labels, question texts) replaced: mostly valid."""
    lines = EXAMPLE_TEXT.splitlines()
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(lines) - 1))
        for key in ("title: ", "text: ", "label: "):
            if key in lines[at]:
                head = lines[at].split(key, 1)[0]
                tail = "}" if lines[at].rstrip().endswith("}") else ""
                lines[at] = head + key + json.dumps(draw(st.text(min_size=1, max_size=20))) + tail
                break
    return "\n".join(lines)


template_inputs = st.one_of(
    st.tuples(st.text(), st.sampled_from(["t.yaml", "t.json"])),
    st.tuples(relabelled_template(), st.just("t.yaml")),
    st.tuples(mutated_template(), st.just("t.yaml")),
    structured_template(),
    st.tuples(json_values.map(json.dumps), st.just("t.json")),
)


@FUZZ
@given(template_inputs)
def test_template_loader_answers_with_a_template_or_coded_errors(given_input: tuple[str, str]) -> None:
    text, source = given_input
    try:
        template = load_template_text(text, source)
    except InvalidInput as exc:
        assert exc.diagnostics, "a rejection lists its problems"
        assert all(d.code and d.line >= 1 for d in exc.diagnostics)
        _count("template loader", "rejected")
        return
    except AuditAppError:
        _count("template loader", "rejected")
        return
    assert isinstance(template, Template)
    _count("template loader", "accepted")


# -- CSV importers through the services ----------------------------------------------------------
@pytest.fixture(scope="module")
def audit(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[AppContext, str, Path]]:
    """One database with the example audit and its cases, kept across the examples."""
    folder = tmp_path_factory.mktemp("fuzz")
    ctx = AppContext.from_options(data_dir=folder / "data", actor="fuzz")
    audit_id = create_audit(ctx, str(TEMPLATE), "Fuzz")
    import_cases(ctx, audit_id, CASES_CSV)
    yield ctx, audit_id, folder
    ctx.close()


def _snapshot(db_file: Path) -> dict[str, list[tuple[object, ...]]]:
    with closing(sqlite3.connect(db_file)) as conn:
        tables = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"'), key=repr) for t in tables}


LABELS = ["A1", "A2", "A3", "A4", "A5", "B7", " a1 ", "19121212-1212", "Ärende 9", ""]
COLUMNS_CASES = ["case", "unit", "gender", "age", "age_group", "excluded_reason", "Case", "other",
                 ""]
COLUMNS_ANSWERS = ["case", "question", "value", "reviewer", "comment", "Question", "extra", ""]
VALUES = ["ja", "nej", "ej_dok", "Ja", "norr", "Söderby", "flicka", "pojke", "3", "12", "13",
          "-1", "2,5", "1e3", "vald|npf", "vald|", "2024-02-30", "2024-01-31", "gp_finns",
          "barn_gp", "skal", "veckor", "nosuch", "anna", "bo", "a|b", "121212-1212",
          "Tel 070-123 45 67", '"', '""', "\n", "\r\n", ";", ",", "\t", "\x00", "\u00a0", ""]
cells = st.one_of(st.sampled_from(VALUES), st.sampled_from(LABELS), st.text(max_size=12))


@st.composite
def csv_files(draw: st.DrawFn, columns: list[str]) -> bytes:
    """A CSV file: plausible columns and cells mixed with noise, in some delimiter and encoding."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=200))
    header = draw(st.lists(st.sampled_from(columns) | st.text(max_size=6), min_size=1, max_size=6))
    width = len(header)
    rows = draw(st.lists(st.lists(cells, min_size=max(0, width - 1), max_size=width + 1),
                         max_size=8))
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    quote = draw(st.booleans())

    def line(fields: list[str]) -> str:
        if quote:
            return delimiter.join('"' + f.replace('"', '""') + '"' for f in fields)
        return delimiter.join(fields)

    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = newline.join(line(r) for r in [header, *rows])
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    return text.encode(encoding, errors="replace")


OPTIONS = {"unit": ["norr", "soder", "Norrby", "Söderby"], "gender": ["flicka", "pojke", "Flicka"],
           "age": [str(n) for n in range(13)], "excluded_reason": ["", "Akten saknas", "flyttat"]}
ANSWERS = {"gp_finns": ["ja", "nej", "ej_dok", "Ja"], "barn_gp": ["ja", "nej"],
           "skal": ["vald", "npf|forald", "vald|npf|forald", "NPF"],
           "veckor": ["0", "3", "52", "2,5", "7.5"]}
safe_text = st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäöABC 0123456789-.", max_size=15)


def _noisy(draw: st.DrawFn, rows: list[list[str]]) -> list[list[str]]:
    """Now and then one cell replaced with noise, so the near-valid files are rejected too."""
    if rows and draw(st.integers(0, 3)) == 0:
        row = draw(st.integers(0, len(rows) - 1))
        col = draw(st.integers(0, len(rows[row]) - 1))
        rows[row][col] = draw(cells)
    return rows


def _csv(header: list[str], rows: list[list[str]], delimiter: str) -> bytes:
    quoted = ['"' + f.replace('"', '""') + '"' if any(c in f for c in '",;\t\r\n') else f
              for f in header]
    lines = [delimiter.join(quoted)]
    for row in rows:
        lines.append(delimiter.join('"' + f.replace('"', '""') + '"' for f in row))
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


@st.composite
def plausible_cases(draw: st.DrawFn) -> bytes:
    """A cases file that is mostly right: known columns, labels and values."""
    columns = ["case", *draw(st.lists(st.sampled_from(list(OPTIONS)), unique=True))]
    labels = draw(st.lists(st.sampled_from(["A1", "A2", "A3", "A4", "A5"]) | safe_text.filter(
        lambda t: t.strip()), min_size=1, max_size=8, unique_by=lambda t: t.strip().lower()))
    rows = [[label] + [draw(st.sampled_from(OPTIONS[c])) for c in columns[1:]] for label in labels]
    return _csv(columns, _noisy(draw, rows), draw(st.sampled_from([",", ";"])))


@st.composite
def plausible_answers(draw: st.DrawFn) -> bytes:
    """An answers file that is mostly right: known cases, questions, values and reviewers."""
    columns = ["case", "question", "value", *draw(st.lists(st.sampled_from(["reviewer", "comment"]),
                                                          unique=True))]
    keys = draw(st.lists(st.tuples(st.sampled_from(["A1", "A2", "A3", "A4", "A5"]),
                                   st.sampled_from(list(ANSWERS)),
                                   st.sampled_from(["anna", "bo", "cia"])),
                         min_size=1, max_size=10, unique=True))
    rows = []
    for case, question, reviewer in keys:
        extra = {"reviewer": reviewer, "comment": draw(safe_text)}
        rows.append([case, question, draw(st.sampled_from(ANSWERS[question]))]
                    + [extra[c] for c in columns[3:]])
    return _csv(columns, _noisy(draw, rows), draw(st.sampled_from([",", ";", "\t"])))


def _import(audit: tuple[AppContext, str, Path], test: str, data: bytes, run) -> None:  # type: ignore[no-untyped-def]
    ctx, audit_id, folder = audit
    path = folder / "input.csv"
    path.write_bytes(data)
    db_file = ctx.data_dir / "audit.db"
    before = _snapshot(db_file)
    try:
        run(ctx, audit_id, path)
    except AuditAppError as exc:
        assert exc.message
        assert _snapshot(db_file) == before, "a rejected import changed the database"
        _count(test, "rejected")
        return
    report = verify_content(ctx)
    assert report.ok, report.problems
    _count(test, "accepted")


@FUZZ
@given(data=csv_files(COLUMNS_CASES) | plausible_cases(), allow=st.booleans())
def test_cases_import_answers_with_coded_errors_and_writes_all_or_nothing(
        audit: tuple[AppContext, str, Path], data: bytes, allow: bool) -> None:
    _import(audit, "cases import", data,
            lambda ctx, ref, path: import_cases(ctx, ref, path, allow_identifiers=allow))


@FUZZ
@given(data=csv_files(COLUMNS_ANSWERS) | plausible_answers(), consensus=st.booleans(),
       reviewer=st.sampled_from([None, "anna", "x|y", " ", "19121212-1212"]), allow=st.booleans())
def test_answers_import_answers_with_coded_errors_and_writes_all_or_nothing(
        audit: tuple[AppContext, str, Path], data: bytes, consensus: bool, reviewer: str | None,
        allow: bool) -> None:
    _import(audit, "answers import", data,
            lambda ctx, ref, path: import_answers(ctx, ref, path, reviewer=reviewer,
                                                  consensus=consensus, allow_identifiers=allow))
