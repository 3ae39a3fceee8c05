"""The spelling and grammar checker, loaded and run off the UI thread.

Loading the checker reads a large dictionary, and finding suggestions for an
unknown word can take tens of milliseconds; neither may freeze typing. A
``CheckerLoader`` owns one worker thread: it loads the checker there once and
runs every check there, one at a time, then hands the findings back on the UI
thread.

    loader = CheckerLoader()
    loader.start_loading()                      # at app start
    loader.check_async(text, show_findings)     # show_findings(findings) runs on the UI thread

A check asked for before the checker is ready waits for it (and starts the
loading if nobody has). ``check_now`` is the blocking form, for tests and
scripts.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal

from typing_test.core.email.checker import Checker, load_checker
from typing_test.core.email.findings import Finding

# Receives the findings, or None when the check itself failed (see ``failed``).
FindingsCallback = Callable[[list[Finding] | None], None]


class CheckerLoader(QObject):
    """Loads one checker in a worker thread and runs checks there.

    ``ready`` is emitted once the checker is loaded; ``failed(message)`` when
    loading it or running a check raised an error. Callbacks given to
    :meth:`check_async` always run on the thread that owns the loader (the UI
    thread), in the order the checks were asked for.
    """

    ready = Signal()
    failed = Signal(str)

    # Emitted from the worker thread; queued connections bring them to this
    # object's thread.
    _loaded = Signal(object, str)  # the Checker or None, and the error when it is None
    _checked = Signal(int, object, str)  # request number, list[Finding] or None, error

    def __init__(
        self,
        variant: str = "both",
        parent: QObject | None = None,
        load: Callable[[str], Checker] = load_checker,
    ):
        super().__init__(parent)
        self.variant = variant
        self._load = load
        self._checker: Checker | None = None
        self._loading = False
        self._last_error = ""
        # One worker thread: checks never run side by side on one Checker.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._numbers = itertools.count(1)
        self._callbacks: dict[int, FindingsCallback] = {}
        self._waiting: list[tuple[int, str, bool]] = []  # asked for before the checker was ready
        queued = Qt.ConnectionType.QueuedConnection
        self._loaded.connect(self._on_loaded, queued)
        self._checked.connect(self._on_checked, queued)

    @property
    def is_ready(self) -> bool:
        """Whether the checker is loaded."""
        return self._checker is not None

    @property
    def last_error(self) -> str:
        """Why the last failed load or check failed, or "" when none has failed."""
        return self._last_error

    def start_loading(self) -> None:
        """Begin loading the checker in the worker thread; does nothing if it has begun."""
        if self._checker is not None or self._loading:
            return
        self._loading = True
        self._pool.start(self._load_in_worker)

    def check_async(
        self, text: str, callback: FindingsCallback, *, suggestions: bool = True
    ) -> None:
        """Check ``text`` in the worker thread; ``callback(findings)`` gets the result later.

        The callback runs on the UI thread and receives the findings sorted by
        position, or None if the check could not run (``failed`` says why).
        """
        number = next(self._numbers)
        self._callbacks[number] = callback
        if self._checker is None:
            self._waiting.append((number, text, suggestions))
            self.start_loading()
            return
        self._submit(number, text, suggestions)

    def check_now(self, text: str, *, suggestions: bool = True) -> list[Finding]:
        """Check ``text`` on the calling thread, loading the checker first if need be.

        This blocks; the UI uses :meth:`check_async`.
        """
        if self._checker is None:
            # load_checker is thread-safe: if the worker is loading it too,
            # this waits for that load and gets the same checker.
            self._checker = self._load(self.variant)
            self.ready.emit()
        return self._checker.check(text, suggestions=suggestions)

    # Worker thread -------------------------------------------------------------

    def _load_in_worker(self) -> None:
        try:
            checker = self._load(self.variant)
        except Exception as error:  # any failure is reported through ``failed``
            self._loaded.emit(
                None, f"The spelling and grammar checker could not be loaded: {error}"
            )
            return
        self._loaded.emit(checker, "")

    def _check_in_worker(
        self, number: int, checker: Checker, text: str, suggestions: bool
    ) -> None:
        try:
            findings = checker.check(text, suggestions=suggestions)
        except Exception as error:  # any failure is reported through ``failed``
            self._checked.emit(number, None, f"The spelling and grammar check failed: {error}")
            return
        self._checked.emit(number, findings, "")

    # UI thread -----------------------------------------------------------------

    def _submit(self, number: int, text: str, suggestions: bool) -> None:
        checker = self._checker
        self._pool.start(lambda: self._check_in_worker(number, checker, text, suggestions))

    def _on_loaded(self, checker: Checker | None, error: str) -> None:
        self._loading = False
        waiting, self._waiting = self._waiting, []
        if checker is None:
            self._last_error = error
            self.failed.emit(error)
            for number, _text, _suggestions in waiting:
                self._deliver(number, None)
            return
        first_time = self._checker is None
        self._checker = checker
        if first_time:
            self.ready.emit()
        for number, text, suggestions in waiting:
            self._submit(number, text, suggestions)

    def _on_checked(self, number: int, findings: list[Finding] | None, error: str) -> None:
        if findings is None:
            self._last_error = error
            self.failed.emit(error)
        self._deliver(number, findings)

    def _deliver(self, number: int, findings: list[Finding] | None) -> None:
        callback = self._callbacks.pop(number, None)
        if callback is not None:
            callback(findings)
