"""Switching the language while the program runs: texts set again when Qt says the language changed.

A widget keeps its static texts through ``Texts.keep`` (the English source, translated at once)
and calls ``Texts.changed`` from ``changeEvent``; the texts are set again, and the widget's own
refresh runs, once per switch (installing and removing catalogs sends several LanguageChange
events).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

T = TypeVar("T", bound=QObject)


class Texts:
    """The translatable static texts of one class (``context``: its name in the .ts file)."""

    def __init__(self, context: str) -> None:
        self.context = context
        self._items: list[tuple[QObject, str, str]] = []
        self._pending = False

    def tr(self, source: str) -> str:
        """The source text in the current language."""
        return QCoreApplication.translate(self.context, source)

    def keep(self, target: T, setter: str, source: str) -> T:
        """Set ``target``'s text with ``setter`` (e.g. ``setText``) now and after each switch."""
        self._items.append((target, setter, source))
        getattr(target, setter)(self.tr(source))
        return target

    def apply(self) -> None:
        """Set every kept text again in the current language."""
        for target, setter, source in self._items:
            with contextlib.suppress(RuntimeError):  # the widget is gone
                getattr(target, setter)(self.tr(source))

    def changed(self, event: QEvent, refresh: Callable[[], None] | None = None) -> None:
        """On a language change: the texts and ``refresh`` once the switch is complete."""
        if event.type() != QEvent.Type.LanguageChange or self._pending:
            return
        self._pending = True

        def run() -> None:
            self._pending = False
            self.apply()
            if refresh is not None:
                refresh()

        owner = getattr(refresh, "__self__", None)
        if isinstance(owner, QObject):
            QTimer.singleShot(0, owner, run)  # dropped with its widget if that is deleted first
        else:
            QTimer.singleShot(0, run)
