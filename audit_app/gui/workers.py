"""Long work (imports, the demo) off the GUI thread, with a busy progress bar meanwhile."""

from __future__ import annotations

import atexit
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget
from shiboken6 import isValid

from audit_app.gui.errors import dispatcher


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self._work = work
        self._signals = signals

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as exc:  # handed to the GUI thread, shown there
            self._signals.failed.emit(exc)
        else:
            self._signals.done.emit(result)


# Python keeps each task and its signals until the GUI thread has its result: a task deleted
# by the pool thread while the interpreter shuts down can corrupt reference counts.
_running: dict[_Signals, _Task] = {}
atexit.register(lambda: QThreadPool.globalInstance().waitForDone(10000))


def run_in_background(parent: QWidget, label: str | None, work: Callable[[], Any],
                      on_done: Callable[[Any], None],
                      on_error: Callable[[BaseException], bool] | None = None) -> None:
    """Run ``work`` on a pool thread while a busy bar shows ``label``; then call ``on_done``.

    Without a label nothing is shown meanwhile. An exception goes to ``on_error`` first
    (return True when handled), else to the dispatcher. When ``parent`` has been deleted by
    then (its window closed), the result is dropped: nothing is left to show it.
    """
    dialog: QProgressDialog | None = None
    if label is not None:
        from PySide6.QtCore import Qt  # not at import: the first window paints without it

        dialog = QProgressDialog(label, "", 0, 0, parent)
        dialog.setCancelButton(None)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setObjectName("busy")
    signals = _Signals()
    task = _Task(work, signals)
    task.setAutoDelete(False)
    _running[signals] = task

    def finish() -> None:
        _running.pop(signals, None)
        if dialog is not None:
            dialog.reset()
            dialog.close()
            dialog.deleteLater()

    def done(result: object) -> None:
        finish()
        if isValid(parent):  # the page that asked may have been closed and deleted meanwhile
            on_done(result)

    def failed(error: BaseException) -> None:
        finish()
        if not isValid(parent):
            return
        if on_error is None or not on_error(error):
            dispatcher.show(error, parent)

    signals.done.connect(done)
    signals.failed.connect(failed)
    QThreadPool.globalInstance().start(task)


def busy() -> bool:
    """Whether background work is still running (for tests and for closing the window)."""
    return bool(_running)
