"""Small-cell protection in the exports, over random templates and answers (hypothesis).

A reader of an exported CSV table sees counts, "<N" (1..N-1: zeros always show) and ".." (hidden,
so N or more as far as the reader can tell) and knows the sums the table holds: each row's
columns add up to its total, applicable = answered + unresolved + missing in every column, the
options of a choice question add up to answered, the cases per column add up to all cases, and a
question without a condition applies to every case of its column. This reader narrows every
hidden cell with all those equations together. No hidden cell may come out as a single value
unless the marks alone give it away (then hiding every other count would not help either).
Shares never show next to a hidden count or base, the marks are true, no count 1..N-1 of answers
is printed (the number of cases per column is public), and every printed count is the JSON's.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit_app.domain.final_answers import CaseAnswers, CaseRecord
from audit_app.domain.template import Template
from audit_app.services.table_files import tables_csv
from audit_app.services.table_views import count_views, view_name

BIG = 10**9
STATUS = {"Tillämpliga ärenden": "applicable", "Besvarade": "answered",
          "Oenigt (ej avgjort)": "unresolved", "Ej besvarade": "missing"}


@st.composite
def templates(draw: st.DrawFn) -> Template:
    units = [{"code": f"u{i}", "label": f"Enhet {i}"} for i in range(draw(st.integers(2, 3)))]
    questions: list[dict[str, Any]] = []
    for i in range(draw(st.integers(1, 3))):
        options = [{"code": f"o{j}", "label": f"Svar {i}.{j}"} for j in range(draw(st.integers(2, 4)))]
        question: dict[str, Any] = {"id": f"q{i}", "text": f"Fråga {i}?", "type": "choice",
                                    "options": options}
        if i and draw(st.booleans()):
            question["applies_when"] = 'q0 == "o0"'
        questions.append(question)
    questions.append({"id": "m", "text": "Flera?", "type": "multi",
                      "options": [{"code": "x", "label": "X"}, {"code": "y", "label": "Y"}]})
    return Template.model_validate({
        "format": 1, "id": "t", "version": 1, "title": "T",
        "case_fields": [
            {"id": "unit", "label": "Enhet", "type": "choice", "stratify": True, "options": units},
            {"id": "gender", "label": "Kön", "type": "choice", "stratify": True,
             "options": [{"code": "flicka", "label": "Flicka"}, {"code": "pojke", "label": "Pojke"}]},
        ],
        "sections": [{"id": "s", "title": "S", "questions": questions}],
    })


@st.composite
def audits(draw: st.DrawFn, template: Template,
           limit: int) -> tuple[list[CaseRecord], dict[str, CaseAnswers]]:
    """Cases in every unit and gender (at least 4N each, so that the public counts can always be
    protected), a few without a gender, answered at random by zero to two reviewers."""
    units = [o.code for o in template.field("unit").choices]  # type: ignore[union-attr]
    cells = [(u, g) for u in units for g in ("flicka", "pojke", None)]
    cases, answers = [], {}
    for unit, gender in cells:
        size = draw(st.integers(0, 2)) if gender is None else draw(st.integers(4 * limit, 4 * limit + 1))
        for _ in range(size):
            label = f"c{len(cases)}"
            fields: dict[str, Any] = {"unit": unit} | ({"gender": gender} if gender else {})
            cases.append(CaseRecord(label, fields))
            case_answers = CaseAnswers()
            for question in template.questions:
                codes = [o.code for o in question.options or []]
                for reviewer in ("a", "b")[: draw(st.integers(0, 2))]:
                    if question.type == "multi":
                        value: Any = frozenset(draw(st.lists(st.sampled_from(codes), min_size=1,
                                                             unique=True)))
                    else:
                        value = draw(st.sampled_from(codes[:2] if draw(st.booleans()) else codes))
                    case_answers.add(question.id, reviewer, value)
            answers[label] = case_answers
    return cases, answers


def _cells(row: list[str]) -> Iterator[str]:
    """The count cells of a CSV row (every other cell after the label)."""
    yield from row[1::2]


def printed_cells(text: str, tables: dict[str, Any]) -> tuple[dict[Any, str], dict[Any, str]]:
    """(count cells, share cells) of an exported CSV by (question or None, row, column)."""
    rows = list(csv.reader(text.splitlines()))
    keys = [c["code"] for c in tables["columns"]] + ["total"]
    counts: dict[Any, str] = {}
    shares: dict[Any, str] = {}
    cases_row = next(r for r in rows if r[:1] == ["Ärenden"])
    for key, cell in zip(keys, cases_row[1:], strict=True):
        counts[(None, "cases", key)] = cell
    questions = {q["id"]: q for q in tables["questions"]}
    i = 0
    while i < len(rows):
        row = rows[i]
        if row[:1] and row[0] in questions and i + 1 < len(rows) and rows[i + 1][:1] == ["Svar"]:
            q = questions[row[0]]
            i += 2
            for option in q["rows"]:
                cells = rows[i][1:]
                for j, key in enumerate(keys):
                    counts[(q["id"], f"option:{option['code']}", key)] = cells[2 * j]
                    shares[(q["id"], f"option:{option['code']}", key)] = cells[2 * j + 1]
                i += 1
            i += 5 if q["stats"] else 0
            for _ in range(4):
                status = STATUS[rows[i][0]]
                for j, key in enumerate(keys):
                    counts[(q["id"], status, key)] = rows[i][1 + 2 * j]
                i += 1
            continue
        i += 1
    return counts, shares


def reader_groups(template: Template, tables: dict[str, Any]) -> list[tuple[Any, list[Any]]]:
    """Every equation a reader of one table knows."""
    cols = [c["code"] for c in tables["columns"]]
    groups: list[tuple[Any, list[Any]]] = []
    if cols:
        groups.append(((None, "cases", "total"), [(None, "cases", c) for c in cols]))
    for q in tables["questions"]:
        qid = q["id"]
        rows = [f"option:{r['code']}" for r in q["rows"]] + list(STATUS.values())
        if cols:
            groups += [((qid, r, "total"), [(qid, r, c) for c in cols]) for r in rows]
        for col in [*cols, "total"]:
            groups.append(((qid, "applicable", col),
                           [(qid, s, col) for s in ("answered", "unresolved", "missing")]))
            if q["type"] == "choice":
                groups.append(((qid, "answered", col),
                               [(qid, f"option:{r['code']}", col) for r in q["rows"]]))
            if template.question(qid).condition is None:  # type: ignore[union-attr]
                groups.append(((None, "cases", col), [(qid, "applicable", col)]))
    return groups


def given_away(printed: dict[Any, str], groups: list[tuple[Any, list[Any]]], limit: int) -> list[Any]:
    """Hidden cells the reader can work out exactly (bounds narrowed over all groups together)."""
    def start(text: str) -> tuple[int, int]:
        if text.startswith("<"):
            return (1, limit - 1)  # zeros always show
        if text == "..":
            return (limit, BIG)
        return (int(text), int(text))

    bounds = {k: start(v) for k, v in printed.items()}
    for _ in range(500):
        changed = False
        for total, parts in groups:
            lo = [bounds[p] for p in parts]
            t_lo, t_hi = bounds[total]
            s_lo, s_hi = sum(b[0] for b in lo), sum(b[1] for b in lo)
            new_t = (max(t_lo, s_lo), min(t_hi, s_hi))
            if new_t != (t_lo, t_hi):
                bounds[total], changed = new_t, True
            for part, (p_lo, p_hi) in zip(parts, lo, strict=True):
                new = (max(p_lo, new_t[0] - (s_hi - p_hi)), min(p_hi, new_t[1] - (s_lo - p_lo)))
                if new != (p_lo, p_hi):
                    bounds[part], changed = new, True
        if not changed:
            break
    return [k for k, v in printed.items() if not v.lstrip("-").isdigit() and bounds[k][0] >= bounds[k][1]]


def true_value(tables: dict[str, Any], key: Any) -> int:
    qid, row, col = key
    if qid is None:
        return int(tables["cases"][col])
    q = next(q for q in tables["questions"] if q["id"] == qid)
    if row.startswith("option:"):
        return int(next(r for r in q["rows"] if r["code"] == row[7:])["counts"][col])
    return int(q[row][col])


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[Template, Any, int, str | None, str | None]:
    template = draw(templates())
    limit = draw(st.integers(3, 4))
    audit = draw(audits(template, limit))
    by, by2 = draw(st.sampled_from([(None, None), ("unit", None), ("gender", None), ("q0", None),
                                    ("unit", "gender")]))
    return template, audit, limit, by, by2


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_a_suppressed_export_never_gives_a_hidden_cell_back(scenario) -> None:  # type: ignore[no-untyped-def]
    template, (cases, answers), limit, by, by2 = scenario
    views = count_views(template, cases, answers, [(by, by2)], limit)
    name = view_name(by, by2)
    tables = views.views[name]
    counts, shares = printed_cells(tables_csv(tables, views.mask, name), tables)
    for key, text in counts.items():
        value = true_value(tables, key)
        if text.lstrip("-").isdigit():
            assert int(text) == value, key  # a printed count is the JSON's
            # (the sample's composition is public, and so is the applicable count of a question
            # that applies to every case)
            assert not 1 <= value < limit or key[0] is None or (
                key[1] == "applicable" and template.question(key[0]).condition is None), key  # type: ignore[union-attr]
        else:
            assert text in (f"<{limit}", ".."), key
            assert 1 <= value < limit if text == f"<{limit}" else value >= limit, key  # true marks
    for (qid, row, col), share in shares.items():
        if share:
            assert counts[(qid, row, col)].isdigit() and counts[(qid, "answered", col)].isdigit()
    groups = reader_groups(template, tables)
    # Marks alone can give a cell away (with N = 3, two "<3" that add up to a "<3" are 1 and 1):
    # nothing printed could prevent that. So what is required is that no more is given away
    # than with every other count hidden (the number of cases per column printed as it is).
    most_hidden = {k: counts[k] if k[0] is None else _most_hidden(true_value(tables, k), limit)
                   for k in counts}
    assert set(given_away(counts, groups, limit)) <= set(given_away(most_hidden, groups, limit))


def _most_hidden(value: int, limit: int) -> str:
    return "0" if value == 0 else (f"<{limit}" if value < limit else "..")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_the_same_cell_is_hidden_alike_in_every_export_and_the_json_stays_raw(scenario) -> None:  # type: ignore[no-untyped-def]
    template, (cases, answers), limit, _by, _by2 = scenario
    plain = count_views(template, cases, answers, [("unit", None)], None)
    masked = count_views(template, cases, answers, [("unit", None)], limit)
    assert plain.get("unit") == masked.get("unit")  # the tables JSON is never changed
    other = count_views(template, cases, answers, [("gender", None)], limit)
    assert set(other.views) == set(masked.views)  # one protected set, whatever was asked for
    for q in masked.get("unit")["questions"]:
        for row in q["rows"]:
            assert masked.mask.option_mark("unit", q["id"], row["code"], "total") == \
                other.mask.option_mark("gender", q["id"], row["code"], "total")
