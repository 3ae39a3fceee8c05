"""One typing test in progress: the keystroke log, the clock and the end rules.

The session knows nothing of widgets. A UI feeds it keystrokes and asks it
what to show; at the end ``result()`` scores the log with ``scoring.score``.
Time comes from an injected clock (milliseconds, monotonic) so tests can
drive it without sleeping.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from typing_test.core.typing.live import LiveNetWpm
from typing_test.core.typing.scoring import BACKSPACE, TypingResult, keystroke_is_correct, score

Clock = Callable[[], float]


def monotonic_ms() -> float:
    """The real clock: milliseconds from an arbitrary, never-decreasing origin."""
    return time.monotonic_ns() / 1_000_000


@dataclass(frozen=True)
class KeyOutcome:
    """What one keystroke did, for the display.

    ``position`` is the passage index the keystroke typed at (for a character)
    or removed (for Backspace); ``correct`` is None for Backspace.
    """

    position: int
    correct: bool | None


class TypingSession:
    """A timed typing test over ``passage`` lasting at most ``duration_s``.

    The timer starts on the first keystroke. The test ends when time runs out
    or when the typed text is as long as the passage.

    >>> now = [0.0]
    >>> session = TypingSession("hi there", 60, clock=lambda: now[0])
    >>> session.press("h").correct, session.press("x").correct
    (True, False)
    >>> now[0] = 1500; session.press("Backspace").position
    1
    >>> session.events[-1]
    {'t': 1500, 'key': 'Backspace'}
    """

    def __init__(self, passage: str, duration_s: float, clock: Clock = monotonic_ms):
        self.passage = passage
        self.duration_s = duration_s
        self._clock = clock
        self._start_ms: float | None = None
        self.events: list[dict] = []
        self.incidents: list[dict] = []  # refused pastes, focus losses
        self._typed: list[str] = []
        self._completed_at_ms: float | None = None
        self._live = LiveNetWpm(passage)
        self.abandoned = False

    # State ---------------------------------------------------------------

    @property
    def started(self) -> bool:
        return self._start_ms is not None

    @property
    def position(self) -> int:
        """How many characters are typed: the index of the next passage character."""
        return len(self._typed)

    def elapsed_ms(self) -> float:
        """Milliseconds since the first keystroke (0 before it)."""
        if self._start_ms is None:
            return 0.0
        return self._clock() - self._start_ms

    def time_left_s(self) -> float:
        """Seconds left on the timer, never below 0."""
        return max(0.0, self.duration_s - self.elapsed_ms() / 1000)

    @property
    def timed_out(self) -> bool:
        return self.started and self.elapsed_ms() >= self.duration_s * 1000

    @property
    def completed(self) -> bool:
        """True once the whole passage has been typed."""
        return self._completed_at_ms is not None

    @property
    def finished(self) -> bool:
        return self.completed or self.timed_out or self.abandoned

    # Input ---------------------------------------------------------------

    def press(self, key: str) -> KeyOutcome | None:
        """Record one keystroke: a single character or "Backspace".

        Returns what changed, or None when the keystroke was ignored (the test
        is over, or Backspace on an empty text).
        """
        if key != BACKSPACE and len(key) != 1:
            raise ValueError(f"a keystroke is one character or Backspace, not {key!r}")
        if self._start_ms is None:
            self._start_ms = self._clock()
        if self.finished:
            return None
        if key == BACKSPACE and not self._typed:
            return None
        t = round(self.elapsed_ms())
        self.events.append({"t": t, "key": key})
        self._live.press(key)
        if key == BACKSPACE:
            self._typed.pop()
            return KeyOutcome(len(self._typed), None)
        position = len(self._typed)
        self._typed.append(key)
        if len(self._typed) >= len(self.passage):
            self._completed_at_ms = t
        correct = keystroke_is_correct(self.passage, position, key)
        return KeyOutcome(position, correct)

    def record_incident(self, kind: str, **details: object) -> None:
        """Note something that happened during the test, e.g. a refused paste."""
        self.incidents.append({"t": round(self.elapsed_ms()), "type": kind, **details})

    def abandon(self) -> None:
        """End the test without a result; it is stored as abandoned."""
        self.abandoned = True

    # Figures ---------------------------------------------------------------

    def duration_s_so_far(self) -> float:
        """The duration that scoring uses: the test length on time-out, the
        time of the last keystroke when the passage was completed, the time
        elapsed otherwise."""
        if self._completed_at_ms is not None:
            return self._completed_at_ms / 1000
        return min(self.duration_s, self.elapsed_ms() / 1000)

    def live_net_wpm(self) -> float:
        """Net WPM of what is typed so far, over the time elapsed so far.

        Cheap enough for every tick of the display however long the test
        runs (see ``live.LiveNetWpm``); the result itself comes from
        ``result()``.
        """
        return self._live.net_wpm(self.duration_s_so_far())

    def result(self) -> TypingResult:
        """Score the log as it stands."""
        return score(self.passage, self.events, self.duration_s_so_far())
