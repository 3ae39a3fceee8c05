"""Run one slow call off the UI thread and hear about it on the UI thread."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QThreadPool, Signal


class BackgroundCall(QObject):
    """Calls ``function(*args)`` on Qt's thread pool.

    ``finished`` carries the return value, ``failed`` the error's message; both
    arrive on the thread this object lives on (the UI thread), so slots may
    touch widgets. Keep a reference until one of them has arrived.
    """

    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, function: Callable[..., object], *args: object,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._function = function
        self._args = args

    def start(self) -> None:
        QThreadPool.globalInstance().start(self._run)

    def _run(self) -> None:
        try:
            result = self._function(*self._args)
        except Exception as error:  # noqa: BLE001 (reported to the person, never lost)
            self.failed.emit(f"{type(error).__name__}: {error}")
            return
        self.finished.emit(result)
