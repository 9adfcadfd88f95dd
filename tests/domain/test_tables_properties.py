"""Properties of the tables over random cases and answers: partitions and totals always add up."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from audit_app.domain import tables as tables_module
from audit_app.domain.final_answers import CaseAnswers, CaseRecord
from audit_app.domain.tables import build_tables
from tests.domain.test_final_answers import TEMPLATE

CHOICES = {"plan": ["ja", "nej", "ej_dok"], "part": ["ja", "nej"]}
REVIEWERS = ["a", "b", "c"]


@st.composite
def audits(draw: st.DrawFn) -> tuple[list[CaseRecord], dict[str, CaseAnswers]]:
    n = draw(st.integers(min_value=0, max_value=12))
    cases, answers = [], {}
    for i in range(n):
        fields: dict[str, object] = {}
        if draw(st.booleans()):
            fields["unit"] = draw(st.sampled_from(["a", "b"]))
        if draw(st.booleans()):
            fields["age"] = float(draw(st.integers(min_value=0, max_value=12)))
        excluded = draw(st.sampled_from([None, None, None, "Akten saknas"]))
        label = f"c{i}"
        cases.append(CaseRecord(label, fields, excluded))  # type: ignore[arg-type]
        case_answers = CaseAnswers()
        for reviewer in draw(st.lists(st.sampled_from(REVIEWERS), unique=True, max_size=3)):
            for qid, options in CHOICES.items():
                if draw(st.booleans()):
                    case_answers.add(qid, reviewer, draw(st.sampled_from(options)))
            if draw(st.booleans()):
                case_answers.add("why", reviewer, frozenset(draw(st.lists(
                    st.sampled_from(["x", "y"]), unique=True, min_size=1))))
            if draw(st.booleans()):
                case_answers.add("weeks", reviewer, float(draw(st.integers(0, 20))))
        if draw(st.booleans()):
            case_answers.consensus["plan"] = draw(st.sampled_from(CHOICES["plan"]))
        answers[label] = case_answers
    return cases, answers


@settings(max_examples=150, deadline=None)
@given(audits(), st.sampled_from([None, "unit", "grp", "plan"]))
def test_statuses_partition_applicable_and_columns_sum_to_total(audit, by) -> None:  # type: ignore[no-untyped-def]
    cases, answers = audit
    tables = build_tables(TEMPLATE, cases, answers, by=by)
    keys = [c["code"] for c in tables["columns"]]
    assert tables["cases"]["total"] == sum(1 for c in cases if c.included)
    assert tables["excluded"] == sum(1 for c in cases if not c.included)
    if by is not None:
        assert sum(tables["cases"][k] for k in keys) == tables["cases"]["total"]
    for q in tables["questions"]:
        for key in [*keys, "total"]:
            assert q["applicable"][key] == q["answered"][key] + q["unresolved"][key] + q["missing"][key]
            if q["type"] == "choice":
                assert sum(r["counts"][key] for r in q["rows"]) == q["answered"][key]
            if q["type"] == "multi":
                assert all(r["counts"][key] <= q["answered"][key] for r in q["rows"])
            if q["stats"] is not None:
                assert q["stats"][key]["n"] == q["answered"][key]
        if by is not None:
            for measure in ("applicable", "answered", "unresolved", "missing"):
                assert sum(q[measure][k] for k in keys) == q[measure]["total"]


@settings(max_examples=100, deadline=None)
@given(audits())
def test_breakdown_never_changes_the_totals(audit) -> None:  # type: ignore[no-untyped-def]
    cases, answers = audit
    plain = build_tables(TEMPLATE, cases, answers)
    for by in ("unit", "grp", "plan"):
        split = build_tables(TEMPLATE, cases, answers, by=by)
        for q0, q1 in zip(plain["questions"], split["questions"], strict=True):
            assert q0["answered"]["total"] == q1["answered"]["total"]
            assert [r["counts"]["total"] for r in q0["rows"]] == [r["counts"]["total"] for r in q1["rows"]]


#: Raw answers whose equality differs between ``==`` and ``values_equal`` for some kinds.
RAW = {"plan": st.sampled_from(["ja", "nej", "ej_dok"]),
       "why": st.sampled_from([frozenset({"x"}), frozenset({"x", "y"}), frozenset({"y"})]),
       "weeks": st.sampled_from([1.0, 1, 2.0, 2]),
       "free": st.sampled_from(["ok", " ok", "ok ", "inte ok"])}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(
    st.booleans(),
    st.dictionaries(st.sampled_from(sorted(RAW)), st.integers(min_value=0, max_value=3)),
    st.data()), max_size=10))
def test_the_outcomes_of_a_view_are_the_resolvers(drawn) -> None:  # type: ignore[no-untyped-def]
    """Two reviewers' answers are counted as the case's resolver decides them, every case."""
    from audit_app.domain.final_answers import CaseResolver, Status
    from audit_app.domain.tables import _outcomes

    resolvers, labels = [], []
    for i, (excluded, reviewers, data) in enumerate(drawn):
        answers = CaseAnswers()
        for qid, count in reviewers.items():
            for r in range(count):
                answers.add(qid, f"r{r}", data.draw(RAW[qid]))
            if data.draw(st.integers(0, 4)) == 0:
                answers.consensus[qid] = data.draw(RAW[qid])
        case = CaseRecord(f"c{i}", {}, "Akten saknas" if excluded else None)
        resolvers.append(CaseResolver(TEMPLATE, case, answers))
        labels.append(case.label)
    for question in TEMPLATE.questions:
        fast = _outcomes(question, resolvers, labels, {})
        for resolver, outcome in zip(resolvers, fast, strict=True):
            reference = CaseResolver(TEMPLATE, resolver._case, resolver.answers)
            status = reference.status_of(question)
            if status is Status.ANSWERED:
                assert outcome == reference.final_value(question.id)
                assert type(outcome) is type(reference.final_value(question.id))
            else:
                assert outcome is {Status.NOT_APPLICABLE: tables_module._NOT_APPLICABLE,
                                   Status.UNRESOLVED: tables_module._UNRESOLVED,
                                   Status.MISSING: tables_module._MISSING}[status]
