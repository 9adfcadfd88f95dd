"""Genomlysning CSV files: all or nothing, every problem located and coded (DESIGN section 4)."""

from __future__ import annotations

import pytest

from audit_app.domain.diagnostics import InvalidInput
from audit_app.domain.genomlysning import Entry, genomlysning_table, mask_genomlysning, parse_genomlysning_csv
from audit_app.domain.template import Option

UNITS = [Option(code="hv", label="Hässelby-Vällingby"), Option(code="kh", label="Kungsholmen"),
         Option(code="sk", label="Skarpnäck")]


def _errors(text: str, encoding: str = "utf-8") -> list[tuple[int, str]]:
    with pytest.raises(InvalidInput) as info:
        parse_genomlysning_csv(text.encode(encoding), "g.csv", UNITS)
    return [(d.line, d.code) for d in info.value.diagnostics]


def test_codes_or_labels_in_any_column_order_and_case() -> None:
    rows = parse_genomlysning_csv("\ufeffWith_Plan;Unit;ACTIVE_CASES\r\n32;hässelby-vällingby;167\r\n\r\n"
                                  "23;KH;46\r\n".encode(), "g.csv", UNITS)
    assert rows == [(2, Entry("hv", 167, 32)), (4, Entry("kh", 46, 23))]


def test_header_problems_are_reported_alone() -> None:
    assert _errors("unit,active_cases,plans\nxx,1,2\n") == [(1, "unknown-column"), (1, "missing-column")]
    assert _errors("unit,active_cases,with_plan,UNIT\nhv,1,1,hv\n") == [(1, "duplicate-column")]
    assert _errors("unit,active_cases,with_plan\n") == [(1, "no-rows")]
    assert _errors("") == [(1, "empty-file")]


def test_every_record_problem_at_its_line() -> None:
    text = ("unit,active_cases,with_plan\nhv,167,32\nVällingby,1,1\nkh,5,6\nhv,1,1\nsk,1e3,x\n"
            "kh,-2,0\n,1,1\nsk,\"7\",\n")
    assert _errors(text) == [(3, "unknown-unit"), (4, "out-of-range"), (5, "duplicate-row"),
                             (6, "invalid-number"), (6, "invalid-number"), (7, "out-of-range"),
                             (7, "duplicate-row"), (8, "empty-value"), (9, "empty-value"),
                             (9, "duplicate-row")]


def test_windows_1252_and_extra_fields() -> None:
    assert parse_genomlysning_csv("unit,active_cases,with_plan\nSkarpnäck,69,20\n".encode("cp1252"),
                                  "g.csv", UNITS) == [(2, Entry("sk", 69, 20))]
    assert _errors("unit,active_cases,with_plan\nhv,1,1,9\n") == [(2, "extra-field")]


def test_table_and_its_small_cell_mask() -> None:
    entries = {"sk": Entry("sk", 69, 20), "hv": Entry("hv", 167, 1)}
    table = genomlysning_table(entries, UNITS, unit_field={"id": "unit", "label": "Enhet"},
                               audit={"id": "a", "name": "A"})
    assert [r["code"] for r in table["rows"]] == ["hv", "sk"]  # option order, entered units only
    assert table["total"] == {"active_cases": 236, "with_plan": 21, "without_plan": 215,
                              "percent": pytest.approx(100 * 21 / 236)}
    masked = mask_genomlysning(table, 5)
    assert masked.text(("with_plan", "hv")) == "<5"
    assert not masked.hidden(("active_cases", "hv"))  # the unit's count stays; another cell goes
    assert masked.hidden(("without_plan", "hv"))
    assert mask_genomlysning(table, None).any_hidden is False
