"""GUI test fixtures: an offscreen Qt, a fresh data directory and settings, and a shown window."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from audit_app.gui import workers  # noqa: E402
from audit_app.gui.app import build_window, prepare  # noqa: E402
from audit_app.gui.errors import dispatcher  # noqa: E402
from audit_app.gui.main_window import MainWindow  # noqa: E402
from audit_app.gui.settings import Settings  # noqa: E402
from audit_app.services.context import AppContext  # noqa: E402

TEMPLATE = """\
format: 1
id: gui_test
version: 1
title: Provmall
case_fields:
  - {id: unit, label: Enhet, type: choice,
     options: [{code: hv, label: Hässelby-Vällingby}, {code: kh, label: Kungsholmen}]}
  - {id: age, label: Ålder, type: number, min: 0, max: 12, integer: true}
sections:
  - id: plan
    title: Plan
    questions:
      - id: gp_finns
        text: Finns en genomförandeplan?
        type: choice
        help: Ja när planen finns i journalen.
        reference: SoL 11 kap. 10 §
        options:
          - {code: ja, label: Ja}
          - {code: nej, label: Nej}
          - {code: ej_dok, label: Framgår inte av akten, kind: not_documented}
      - id: gp_barn
        text: Var barnet delaktigt i planen?
        type: choice
        applies_when: gp_finns == "ja"
        options:
          - {code: ja, label: Ja}
          - {code: nej, label: Nej}
          - {code: ej_akt, label: Ej aktuellt, kind: not_applicable}
  - id: ovrigt
    title: Övrigt
    questions:
      - id: skal
        text: Skäl till insatsen
        type: multi
        options: [{code: vald, label: Våld}, {code: annat, label: Annat}]
      - id: veckor
        text: Veckor till start
        type: number
        min: 0
        max: 52
        integer: true
        unit: veckor
      - id: beslut
        text: Datum för beslut
        type: date
      - id: noter
        text: Noteringar
        type: text
        required: false
"""


@pytest.fixture(scope="session", autouse=True)
def _compiled_translations() -> None:
    """The Swedish catalog, compiled once (setup does the same)."""
    from audit_app.gui.translations import compile_all, find_lrelease

    if find_lrelease() is not None:
        compile_all()


@pytest.fixture
def gui_ctx(tmp_path: Path) -> Iterator[AppContext]:
    """A context on a fresh data directory."""
    context = AppContext.from_options(data_dir=tmp_path / "gui-data", actor="inspektor")
    yield context
    context.close()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings in a file of their own: reviewer ``inspektor``, Swedish."""
    result = Settings.at(str(tmp_path / "settings.ini"))
    result.reviewer = "inspektor"
    result.language = "sv"
    return result


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """What the error dispatcher would have shown, instead of modal dialogs."""
    seen: list[tuple[str, str]] = []
    monkeypatch.setattr(dispatcher, "present",
                        lambda title, message, parent: seen.append((title, message)))
    monkeypatch.setattr(dispatcher, "present_diagnostics",
                        lambda diagnostics, parent: seen.extend(
                            ("diagnostic", d.format()) for d in diagnostics))
    return seen


@pytest.fixture
def template_file(tmp_path: Path) -> Path:
    """The small test template on disk."""
    path = tmp_path / "provmall.yaml"
    path.write_text(TEMPLATE, encoding="utf-8")
    return path


@pytest.fixture
def make_window(qtbot, gui_ctx: AppContext, settings: Settings,  # type: ignore[no-untyped-def]
                shown: list[tuple[str, str]]):
    """Build, show and activate a main window (call again to 'restart' the program)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)

    def make(ctx: AppContext | None = None) -> MainWindow:
        prepare(app, settings)
        window = build_window(ctx or gui_ctx, settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        window.start()  # lists the audits in the background
        qtbot.waitUntil(lambda: window.audits.loaded, timeout=10000)
        return window

    yield make
    qtbot.waitUntil(lambda: not workers.busy(), timeout=10000)
