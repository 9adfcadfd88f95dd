"""Views counted in two steps from one read (the tables view's order) equal views counted at once."""

from __future__ import annotations

import pytest

from audit_app.services.audit_settings import set_small_cell_limit
from audit_app.services.context import AppContext
from audit_app.services.demo import create_demo
from audit_app.services.gender import gender_views
from audit_app.services.table_views import load_views, read_audit


@pytest.mark.parametrize("limit", [None, 5])
@pytest.mark.parametrize("first", [(None, None), ("unit", None), ("unit", "gender"),
                                   ("age_group", "gender")])
def test_the_chosen_view_first_then_the_gender_views(ctx: AppContext, limit: int | None,
                                                     first: tuple[str | None, str | None]) -> None:
    audit = create_demo(ctx)
    set_small_cell_limit(ctx, audit, limit)
    within = first[0] if first[1] == "gender" else "unit"
    wanted = [first, *gender_views("gender", within)]
    read = read_audit(ctx, audit)
    shown = read.count([first])
    later = read.count(wanted, counted=shown)
    at_once = load_views(ctx, audit, wanted)
    assert list(later.views) == list(at_once.views)
    assert later.views == at_once.views
    assert later.mask._masks == at_once.mask._masks and later.limit == at_once.limit == limit
    # What the view shows first is what it shows afterwards, through the same mask.
    name = "*" if first[0] is None else "*".join(b for b in first if b)
    assert shown.views[name] == at_once.views[name]
    assert shown.mask._masks == at_once.mask._masks
