"""How far a person practising is from a typing bar, and from the next role's.

The rules (the Progress page shows them, the README states them):

- **Recent level**: the median net WPM of the person's last
  ``RECENT_TESTS`` (5) completed practice typing tests, and the median of
  their accuracies, each median taken apart. A median, not the last test or
  the best: one lucky or bad test moves it little, as one test moves a
  screening little. With fewer tests, the median of those there are.
- **Distance to a bar** (net WPM and accuracy): how much the level is under
  each, rounded **up** to 0.1 so that a level a hair under the bar never
  reads "0.0 to go"; a level at the bar or above has reached it (a figure
  exactly at a bar passes, as in scoring). A bar without an accuracy part
  (0) is reached on speed alone.
- **Roles' bars**: each battery's typing bar (its typing steps' highest net
  WPM and accuracy bars: every step must pass), batteries with the same bar
  named together. The **next role's bar** is the lowest bar (by net WPM,
  then accuracy) the level has not reached.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from typing_test.core.screening.batteries import Battery, TypingStep

RECENT_TESTS = 5
# (started_at, net WPM, accuracy or None): a row of Store.score_series.
SeriesRow = tuple[str, float, float | None]


@dataclass(frozen=True)
class Level:
    """A person's recent level: median ``net_wpm`` and ``accuracy`` (None when
    no accuracy could be read) over ``tests`` tests."""

    net_wpm: float
    accuracy: float | None
    tests: int


def recent_level(series: Sequence[SeriesRow], count: int = RECENT_TESTS) -> Level | None:
    """The median level of the last ``count`` tests of ``series`` (oldest
    first), or None when there is none.

    >>> rows = [("", 30.0, 97.0), ("", 18.0, 91.0), ("", 22.0, 88.0), ("", 21.0, None)]
    >>> recent_level(rows, count=3)
    Level(net_wpm=21.0, accuracy=89.5, tests=3)
    """
    last = list(series)[-count:] if count > 0 else []
    if not last:
        return None
    accuracies = [accuracy for _, _, accuracy in last if accuracy is not None]
    return Level(
        net_wpm=float(statistics.median(score for _, score, _ in last)),
        accuracy=float(statistics.median(accuracies)) if accuracies else None,
        tests=len(last),
    )


def to_go(level: float | None, bar: float) -> float | None:
    """How far ``level`` is under ``bar``, rounded up to 0.1; 0 when reached;
    None when the level is unknown.

    >>> to_go(20.8, 25), to_go(24.96, 25), to_go(25.0, 25), to_go(None, 90)
    (4.2, 0.1, 0.0, None)
    """
    if level is None:
        return None
    gap = bar - level
    if gap <= 0:
        return 0.0
    return math.ceil(round(gap * 10, 6)) / 10  # round first: 4.2 is 4.2000000001 in floats


@dataclass(frozen=True)
class Distance:
    """How far a level is from a bar: ``wpm_to_go`` and ``accuracy_to_go``
    (0 when reached; accuracy None when the level's accuracy is unknown)."""

    wpm_to_go: float
    accuracy_to_go: float | None

    @property
    def reached(self) -> bool:
        return self.wpm_to_go == 0 and self.accuracy_to_go == 0

    def words(self) -> str:
        """The distance as the page says it.

        >>> Distance(4.2, 0.0).words()
        'speed: 4.2 WPM to go; accuracy: reached'
        >>> Distance(0.0, 0.0).words()
        'Reached (speed and accuracy)'
        >>> Distance(0.0, None).words()
        'speed: reached; accuracy: unknown'
        """
        if self.reached:
            return "Reached (speed and accuracy)"
        speed = "reached" if self.wpm_to_go == 0 else f"{self.wpm_to_go:g} WPM to go"
        if self.accuracy_to_go is None:
            accuracy = "unknown"
        else:
            accuracy = ("reached" if self.accuracy_to_go == 0
                        else f"{self.accuracy_to_go:g} % to go")
        return f"speed: {speed}; accuracy: {accuracy}"


def distance(level: Level, min_net_wpm: float, min_accuracy: float) -> Distance:
    """How far ``level`` is from a bar of ``min_net_wpm`` at ``min_accuracy``
    (an accuracy bar of 0 is always reached).

    >>> distance(Level(20.8, 93.0, 5), 25, 90)
    Distance(wpm_to_go=4.2, accuracy_to_go=0.0)
    >>> distance(Level(31.0, 86.5, 5), 30, 0)
    Distance(wpm_to_go=0.0, accuracy_to_go=0.0)
    """
    accuracy = 0.0 if min_accuracy <= 0 else to_go(level.accuracy, min_accuracy)
    return Distance(to_go(level.net_wpm, min_net_wpm) or 0.0, accuracy)


@dataclass(frozen=True)
class RoleBar:
    """The typing bar of one or more roles (the batteries' names)."""

    roles: tuple[str, ...]
    min_net_wpm: float
    min_accuracy: float

    @property
    def names(self) -> str:
        """The roles, joined: 'Back office and Team leader'.

        >>> RoleBar(("A", "B", "C"), 25, 90).names
        'A, B and C'
        """
        if len(self.roles) == 1:
            return self.roles[0]
        return ", ".join(self.roles[:-1]) + " and " + self.roles[-1]

    @property
    def rule(self) -> str:
        """The bar in words.

        >>> RoleBar(("Voice",), 20, 0).rule, RoleBar(("Back office",), 25, 90).rule
        ('20 net WPM', '25 net WPM at 90 % accuracy')
        """
        text = f"{self.min_net_wpm:g} net WPM"
        if self.min_accuracy > 0:
            text += f" at {self.min_accuracy:g} % accuracy"
        return text


def role_bars(batteries: Iterable[Battery]) -> list[RoleBar]:
    """The typing bar of every battery with a typing step, lowest first,
    batteries with the same bar together (names in alphabetical order).

    >>> from typing_test.core.screening.batteries import load_presets
    >>> for bar in role_bars(load_presets())[:2]:
    ...     print(f"{bar.names}: {bar.rule}")
    Voice (calls): 20 net WPM
    Back office / non-voice, Data entry (non-voice back office) and Team leader: 25 net WPM at 90 % accuracy
    """  # noqa: E501 (a doctest line)
    grouped: dict[tuple[float, float], set[str]] = {}
    for battery in batteries:
        steps = [step for step in battery.steps if isinstance(step, TypingStep)]
        if steps:
            bar = (max(step.min_net_wpm for step in steps),
                   max(step.min_accuracy for step in steps))
            grouped.setdefault(bar, set()).add(battery.name)
    return [RoleBar(tuple(sorted(names)), wpm, accuracy)
            for (wpm, accuracy), names in sorted(grouped.items())]


def reached(level: Level, bar: RoleBar) -> bool:
    """Whether ``level`` reaches ``bar``."""
    return distance(level, bar.min_net_wpm, bar.min_accuracy).reached


def next_role_bar(level: Level, bars: Sequence[RoleBar]) -> RoleBar | None:
    """The lowest of ``bars`` (sorted lowest first) that ``level`` has not
    reached, or None when it reaches them all.

    >>> bars = [RoleBar(("Voice",), 20, 0), RoleBar(("Back office",), 25, 90),
    ...         RoleBar(("Semi-voice",), 30, 0)]
    >>> next_role_bar(Level(22.0, 95.0, 5), bars).names
    'Back office'
    >>> next_role_bar(Level(32.0, 86.0, 5), bars).names  # 30 WPM reached, not 90 %
    'Back office'
    >>> next_role_bar(Level(32.0, 95.0, 5), bars) is None
    True
    """
    for bar in bars:
        if not reached(level, bar):
            return bar
    return None
