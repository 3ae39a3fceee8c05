"""Notice when the person leaves the application, and for how long.

A desktop app cannot stop Alt+Tab, the Windows key or Ctrl+Alt+Del; it can
see that it stopped being the active application and when it became active
again. ``FocusWatch`` turns Qt's application-state changes into two signals:

- ``focusLost(at_s)`` when the application stops being active;
- ``focusReturned(at_s, away_s)`` when it is active again, with how long it
  was away.

Times come from an injected clock in seconds (``time.monotonic`` by default),
so tests move a fake clock instead of sleeping. The watch reports only while
started: a screening step starts it and stops it at its end. It listens to
the application made before it; without one (as below) its slot is called
directly.

>>> now = [10.0]
>>> watch = FocusWatch(clock=lambda: now[0])
>>> returns = []
>>> _ = watch.focusReturned.connect(lambda at, away: returns.append((at, away)))
>>> watch.start()
>>> watch.application_state_changed(Qt.ApplicationState.ApplicationInactive)
>>> now[0] = 14.5
>>> watch.application_state_changed(Qt.ApplicationState.ApplicationActive)
>>> returns, watch.times_away, watch.total_away_s
([(14.5, 4.5)], 1, 4.5)
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication


class FocusWatch(QObject):
    """Reports each time the application loses and regains activation."""

    focusLost = Signal(float)  # when, on the clock
    focusReturned = Signal(float, float)  # when, and how many seconds it was away

    def __init__(
        self, clock: Callable[[], float] = time.monotonic, parent: QObject | None = None
    ):
        super().__init__(parent)
        self._clock = clock
        self._started = False
        self._left_at: float | None = None  # when the application was left, while away
        self.times_away = 0
        self.total_away_s = 0.0
        application = QGuiApplication.instance()
        if application is not None:
            application.applicationStateChanged.connect(self.application_state_changed)

    @property
    def away(self) -> bool:
        """True while the application is not active (and the watch started)."""
        return self._left_at is not None

    def start(self) -> None:
        """Begin reporting; the counts start from zero."""
        self._started = True
        self._left_at = None
        self.times_away = 0
        self.total_away_s = 0.0

    def stop(self) -> None:
        """Stop reporting. Away at this moment: the time away so far is counted,
        and ``focusReturned`` is emitted now, so no absence is left open."""
        if self._left_at is not None:
            self._came_back()
        self._started = False

    def application_state_changed(self, state: Qt.ApplicationState) -> None:
        """The slot for ``QGuiApplication.applicationStateChanged``."""
        if not self._started:
            return
        active = state == Qt.ApplicationState.ApplicationActive
        if not active and self._left_at is None:
            self._left_at = self._clock()
            self.times_away += 1
            self.focusLost.emit(self._left_at)
        elif active and self._left_at is not None:
            self._came_back()

    def _came_back(self) -> None:
        now = self._clock()
        away_s = max(0.0, now - self._left_at)
        self._left_at = None
        self.total_away_s += away_s
        self.focusReturned.emit(now, away_s)
