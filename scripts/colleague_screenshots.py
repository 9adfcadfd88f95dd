"""Screenshots of the colleague review page on a synthetic kollegial_familj review, under Xvfb.

    .venv/bin/python scripts/colleague_screenshots.py [--out /tmp/colleague-shots]

Like ``scripts/screenshots.py``: without a display it starts itself again under ``xvfb-run``; the
data and settings live in a temporary directory. Two reviewers answer every case of two audits
(2021 and 2020) with a few seeded disagreements; the team leader has a key and one colleague.
"""

from __future__ import annotations

import contextlib
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from scripts.screenshots import run  # noqa: E402

SIZE = (1280, 800)
CASES = [("B", "barnutredning", "flicka"), ("B", "barnutredning", "pojke"),
         ("V", "vuxenutredning", "kvinna"), ("V", "vuxenutredning", "man")]


def _audit(ctx: object, name: str, year: str, seed: int) -> str:
    """An audit with eight cases, both reviewers' answers, and the review phase ended."""
    from audit_app.services.audits import create_audit, open_audit
    from audit_app.services.blinding import change_phase
    from audit_app.services.cases import add_case
    from audit_app.services.review import set_answer
    from audit_app.services.review_plan import assign_reviewers

    audit_id = create_audit(ctx, "kollegial_familj", name)  # type: ignore[arg-type]
    for i in range(8):
        prefix, document, gender = CASES[i % 4]
        add_case(ctx, audit_id, f"{prefix}-{i + 1:02d}",  # type: ignore[arg-type]
                 {"unit": "familjeenheten", "ar": year, "dokument": document, "gender": gender,
                  "familj": f"F{i // 2 + 1}"}, reviewer="inspektor")
    assign_reviewers(ctx, audit_id, ["anna", "bo"], double_all=True)  # type: ignore[arg-type]
    with ctx.db.unit_of_work() as repo:  # type: ignore[attr-defined]
        template = open_audit(repo, audit_id).template
        labels = [c.label for c in repo.cases(audit_id)]
    rng = random.Random(seed)
    for label in labels:
        for question in template.questions:
            if question.type != "choice" or question.applies_when is None:
                continue
            codes = [o.code for o in question.options or []]
            agreed = codes[0] if rng.random() < 0.6 else rng.choice(codes)
            for reviewer in ("anna", "bo"):
                value = agreed if rng.random() < 0.8 else rng.choice(codes)
                ctx.actor = reviewer  # type: ignore[attr-defined]
                comment = "Framgår av journalanteckning" if rng.random() < 0.1 else None
                # A question that does not apply to the case is refused: skip it.
                with contextlib.suppress(Exception):
                    set_answer(ctx, audit_id, label, question.id, value,  # type: ignore[arg-type]
                               reviewer=reviewer, comment=comment)
    ctx.actor = "inspektor"  # type: ignore[attr-defined]
    change_phase(ctx, audit_id, "reconcile")  # type: ignore[arg-type]
    return audit_id


def shoot(out: Path, lang: str = "sv") -> list[Path]:
    """Build the data, show each tab and save it."""
    from PySide6.QtWidgets import QApplication

    from audit_app.gui import workers
    from audit_app.gui.app import application, build_window, prepare
    from audit_app.gui.colleague_page import ColleaguePage
    from audit_app.gui.settings import Settings
    from audit_app.services.context import AppContext
    from audit_app.services.keys import create_identity, export_public, import_public

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="colleague-shots-") as tmp:
        ctx = AppContext.from_options(data_dir=Path(tmp) / "data", actor="inspektor")
        this = _audit(ctx, "Kollegial granskning 2021", "ar2021", 1)
        _audit(ctx, "Kollegial granskning 2020", "ar2020", 2)
        create_identity(ctx, "Tina Teamledare")
        anna = AppContext.from_options(data_dir=Path(tmp) / "anna", actor="anna")
        create_identity(anna, "Anna Andersson")
        export_public(anna, Path(tmp) / "anna.json")
        import_public(ctx, Path(tmp) / "anna.json")
        anna.close()
        app = application(["audit-app"])
        settings = Settings.at(str(Path(tmp) / "settings.ini"))
        settings.reviewer = "inspektor"
        settings.language = lang
        prepare(app, settings)
        window = build_window(ctx, settings)
        window.resize(*SIZE)
        window.show()
        window.start()

        def settle() -> None:
            for _ in range(10):
                app.processEvents()
            while workers.busy():
                app.processEvents()
            for _ in range(10):
                app.processEvents()

        settle()
        while not window.audits.loaded:
            app.processEvents()
        window.open_audit(this)
        window.show_colleague()
        page = window.findChild(ColleaguePage)
        assert page is not None
        written = []
        for index, name in enumerate(("plan", "agreement", "reconcile", "compare", "packages")):
            page.tabs.setCurrentIndex(index)
            settle()
            if name == "compare":
                page.compare_tab.compare()
                settle()
            path = out / f"colleague_{name}.png"
            window.grab().save(str(path))
            written.append(path)
        page.reconcile_tab.view.selectRow(0)
        from audit_app.gui.reconcile_dialog import ReconcileDialog

        item = page.reconcile_tab.selected()
        if item is not None:
            from audit_app.gui.colleague_tabs import audit_template

            dialog = ReconcileDialog(item, audit_template(ctx, this).question(item["question"]),
                                     page)
            dialog.show()
            settle()
            path = out / "colleague_decide_dialog.png"
            dialog.grab().save(str(path))
            written.append(path)
            dialog.close()
        from audit_app.gui.plan_dialog import PlanDialog

        plan_dialog = PlanDialog(page.plan, page)
        plan_dialog.show()
        settle()
        path = out / "colleague_plan_dialog.png"
        plan_dialog.grab().save(str(path))
        written.append(path)
        plan_dialog.close()
        window.close()
        ctx.close()
        QApplication.processEvents()
    return written


def main() -> int:
    """Take the screenshots (under Xvfb when needed)."""
    return run(__doc__ or "", shoot, "/tmp/colleague-shots")


if __name__ == "__main__":
    sys.exit(main())
