"""Flag keystroke logs that look typed by a program, for a person to review.

A flag never fails anyone: it says where in the log something is beyond
what people do, so HR can look at the replay and, if in doubt, test again in
person. Ordinary human typing gets no flag. The log is the scoring log
(``scoring.py``): ``{"t": ms since the first keystroke, "key": ...}``.

What people do, from published keystroke timing:

- **Speed.** 168,000 volunteers typed 52 WPM on average; the fastest typed
  about 120 WPM (Dhakal, Feit, Kristensson and Oulasvirta, "Observations on
  Typing from 136 Million Keystrokes", CHI 2018). The one-minute record is
  216 WPM, 18 keystrokes a second (Stella Pajunas, 1946, as quoted by Long,
  Nimmo-Smith and Whitefield, "Skilled typing: a characterization based on
  the distribution of times between responses", in Cooper (ed.), Cognitive
  Aspects of Skilled Typewriting, 1983); the fastest burst on record is 305
  WPM over 15 seconds of short common words (Wikipedia, "Typing", on online
  typing-test records). A log faster than the minute record over a minute,
  or than the burst record over 100 keystrokes (about 4 seconds at that
  speed, so shorter than the record's 15: a stricter window would let a
  short program run through), is flagged: ``too-fast``.
- **Rhythm.** The time between two keystrokes depends on the letters: a pair
  typed by the two hands is quicker than one typed by one hand, one finger
  twice slowest (Dhakal et al. 2018); the first letter of a word, capitals,
  digits and punctuation take longer; and the times are right-skewed with a
  long tail, close to log-normal (González, Calot, Ierache and Hasperué, "On
  the shape of timings distributions in free-text keystroke dynamics
  profiles", Heliyon 7, 2021). Two kinds of pair alone, one twice as slow as
  the other, give a coefficient of variation (standard deviation / mean) of
  1/3; the log-normal spread adds to it. A key-sending program's constant
  delay has a CV near 0, with a little noise 0.02 to 0.1: a CV under 0.15
  over 50 keystrokes is flagged, ``regular-intervals``. A program drawing
  delays evenly between two bounds has a CV near a person's, but no tail:
  its longest gap is under 2 times its median, under 1.6 times when the
  upper bound is at most 4 times the lower. Over 200 keystrokes (about 40
  words) people hesitate somewhere, at word starts, capitals, punctuation
  and to read on: 200 gaps of which none reaches 1.65 times their median
  are flagged, ``bounded-intervals``.
- **Timestamps.** A person presses one key at a time. An input method can
  commit a composed word at once (the paste guard lets through up to 12
  characters), and a rolled key can land within a few milliseconds of the
  last, but not a quarter of the keys of a stretch: 25 of 100 gaps under
  5 ms is flagged, ``keys-at-once`` (this is the log of 1 ms gaps, or of
  every key at t=0). A clock that goes back means the log was edited:
  ``time-goes-backwards``.

The thresholds were set from these sources before measuring; measuring
moved two (the hesitation ratio from 2 to 1.65, and the minute's slack
below). The false-flag and miss rates on simulated people and programs, and
how they were measured, are in the README and tests/test_automation.py.

>>> steady = [{"t": i * 100, "key": "a"} for i in range(80)]
>>> [flag.code for flag in automation_flags(steady)]
['regular-intervals']
>>> automation_flags([{"t": 0, "key": "h"}, {"t": 180, "key": "i"}])
[]
"""

from __future__ import annotations

import math
from bisect import bisect_left, insort
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from typing_test.core.typing.scoring import CHARS_PER_WORD, Event

# regular-intervals: a CV under this over this many consecutive gaps.
REGULAR_WINDOW = 50
MAX_MACHINE_CV = 0.15
# bounded-intervals: over this many gaps, none reaches this multiple of their median.
BOUNDED_WINDOW = 200
HESITATION_RATIO = 1.65
# too-fast: the records.
SPRINT_RECORD_WPM = 305.0  # over 15 seconds
SPRINT_WINDOW = 100  # gaps: 100 keystrokes take about 20 s at 60 WPM, 4 s at 305
MINUTE_RECORD_WPM = 216.0  # over one minute
MINUTE_MS = 60_000
# A one-minute test's log runs from its first keystroke to its last, just
# under a minute: a stretch this much short of a minute still counts as one
# (its keystrokes are still divided by a whole minute, so never overstated).
MINUTE_SLACK_MS = 1_000
# keys-at-once: this many gaps under AT_ONCE_MS in a window of AT_ONCE_WINDOW.
AT_ONCE_MS = 5
AT_ONCE_WINDOW = 100
AT_ONCE_COUNT = 25


@dataclass(frozen=True)
class AutomationFlag:
    """One stretch of a log that is beyond what people do.

    ``first_key`` and ``last_key`` are 0-based indexes into the log (both
    included); ``start_ms`` and ``end_ms`` their times.
    """

    code: str
    message: str
    first_key: int
    last_key: int
    start_ms: float
    end_ms: float

    def as_json(self) -> dict:
        """The flag as in ``typing-test score --json``'s ``flags`` list."""
        return {
            "code": self.code,
            "message": self.message,
            "first_key": self.first_key,
            "last_key": self.last_key,
            "start_ms": self.start_ms,
            "end_ms": self.end_ms,
        }


def automation_flags(events: Sequence[Event]) -> list[AutomationFlag]:
    """Every flag of the log, ordered by where it starts (empty for a person).

    >>> at_once = [{"t": 0, "key": "x"}] * 40
    >>> [flag.code for flag in automation_flags(at_once)]
    ['keys-at-once']
    """
    times = [float(event["t"]) for event in events]
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    flags = [
        *_backwards(times),
        *_keys_at_once(times, gaps),
        *_too_fast(times),
    ]
    regular = _regular(times, gaps)
    flags += regular
    flags += [
        flag for flag in _bounded(times, gaps)
        if not any(_overlap(flag, other) for other in regular)
    ]
    return sorted(flags, key=lambda flag: (flag.first_key, flag.code))


# The rules ------------------------------------------------------------------------


def _backwards(times: list[float]) -> list[AutomationFlag]:
    flags = []
    for index in range(1, len(times)):
        if times[index] < times[index - 1]:
            flags.append(AutomationFlag(
                "time-goes-backwards",
                f"Keystroke {index + 1} is timed {_ms(times[index])}, before keystroke "
                f"{index} ({_ms(times[index - 1])}): a recording clock never goes back, "
                "so this log was edited or made up.",
                index - 1, index, times[index - 1], times[index],
            ))
    return flags


def _keys_at_once(times: list[float], gaps: list[float]) -> list[AutomationFlag]:
    """Stretches where a quarter of the keys came within AT_ONCE_MS of the last."""
    window = min(AT_ONCE_WINDOW, len(gaps))
    if window < AT_ONCE_COUNT:
        return []
    needed = math.ceil(AT_ONCE_COUNT * window / AT_ONCE_WINDOW)
    quick = [0 <= gap < AT_ONCE_MS for gap in gaps]
    count = sum(quick[:window])
    hits: list[tuple[int, int, float]] = []  # (first key, last key, how many quick)
    for start in range(len(gaps) - window + 1):
        if start:
            count += quick[start + window - 1] - quick[start - 1]
        if count >= needed:
            hits.append((start, start + window, count))
    return [
        AutomationFlag(
            "keys-at-once",
            f"In {_where(times, first, last)}, up to {int(worst)} of every {window} came "
            f"within {AT_ONCE_MS} ms of the one before: a person presses one key at a "
            "time; keys that arrive together are pasted or sent by a program.",
            first, last, times[first], times[last],
        )
        for first, last, worst in _stretches(hits, best=max)
    ]


def _too_fast(times: list[float]) -> list[AutomationFlag]:
    flags = []
    # Any SPRINT_WINDOW keystrokes faster than the 15-second record.
    sprint_ms = SPRINT_WINDOW * _ms_per_key(SPRINT_RECORD_WPM)
    hits = [
        (start, start + SPRINT_WINDOW,
         _wpm(SPRINT_WINDOW, times[start + SPRINT_WINDOW] - times[start]))
        for start in range(len(times) - SPRINT_WINDOW)
        if times[start + SPRINT_WINDOW] - times[start] < sprint_ms
    ]
    for first, last, worst in _stretches(hits, best=max):
        flags.append(AutomationFlag(
            "too-fast",
            f"{_where(times, first, last).capitalize()} were typed "
            f"{_speed(worst, f'over {SPRINT_WINDOW} keystrokes')}, faster than the fastest "
            "burst on record "
            f"({SPRINT_RECORD_WPM:g} WPM for 15 seconds).",
            first, last, times[first], times[last],
        ))
    # Any minute with more keystrokes than the one-minute record.
    most = round(MINUTE_RECORD_WPM * CHARS_PER_WORD)
    hits = []
    end = 0
    for start in range(len(times)):
        if times[-1] - times[start] < MINUTE_MS - MINUTE_SLACK_MS:
            break  # no minute left
        while end < len(times) and times[end] - times[start] < MINUTE_MS:
            end += 1
        keys = end - start - 1  # keystrokes after the first within the minute
        if keys > most:
            hits.append((start, end - 1, keys / CHARS_PER_WORD))
    for first, last, worst in _stretches(hits, best=max):
        flags.append(AutomationFlag(
            "too-fast",
            f"{_where(times, first, last).capitalize()} were typed "
            f"{_speed(worst, 'over a whole minute')}, faster than the one-minute record "
            f"({MINUTE_RECORD_WPM:g} WPM).",
            first, last, times[first], times[last],
        ))
    return flags


def _regular(times: list[float], gaps: list[float]) -> list[AutomationFlag]:
    """Stretches of REGULAR_WINDOW gaps whose CV is under MAX_MACHINE_CV."""
    window = REGULAR_WINDOW
    if len(gaps) < window:
        return []
    total = sum(gaps[:window])
    squares = sum(gap * gap for gap in gaps[:window])
    hits: list[tuple[int, int, float]] = []
    for start in range(len(gaps) - window + 1):
        if start:
            leaving, arriving = gaps[start - 1], gaps[start + window - 1]
            total += arriving - leaving
            squares += arriving * arriving - leaving * leaving
        mean = total / window
        if mean < AT_ONCE_MS:
            continue  # keys at once: a rule of its own
        cv = math.sqrt(max(0.0, squares / window - mean * mean)) / mean
        if cv < MAX_MACHINE_CV:
            hits.append((start, start + window, cv))
    flags = []
    for first, last, worst in _stretches(hits, best=min):
        span_gaps = gaps[first:last]
        mean = sum(span_gaps) / len(span_gaps)
        flags.append(AutomationFlag(
            "regular-intervals",
            f"{_where(times, first, last).capitalize()} came at almost the same interval "
            f"every time (about {mean:.0f} ms apart, varying by {worst:.0%}): a person's "
            "intervals vary with the letters being typed; a program's constant delay "
            "does not.",
            first, last, times[first], times[last],
        ))
    return flags


def _bounded(times: list[float], gaps: list[float]) -> list[AutomationFlag]:
    """Stretches of BOUNDED_WINDOW gaps where none reaches HESITATION_RATIO x the median."""
    window = BOUNDED_WINDOW
    if len(gaps) < window:
        return []
    ordered = sorted(gaps[:window])
    hits: list[tuple[int, int, float]] = []
    for start in range(len(gaps) - window + 1):
        if start:
            del ordered[bisect_left(ordered, gaps[start - 1])]
            insort(ordered, gaps[start + window - 1])
        median = (ordered[window // 2 - 1] + ordered[window // 2]) / 2
        if median >= AT_ONCE_MS and ordered[-1] < HESITATION_RATIO * median:
            hits.append((start, start + window, ordered[-1] / median))
    flags = []
    for first, last, worst in _stretches(hits, best=max):
        flags.append(AutomationFlag(
            "bounded-intervals",
            f"In {_where(times, first, last)}, no gap was even {HESITATION_RATIO:g} times "
            f"the typical one (the longest was {worst:.1f} times it): people hesitate at "
            "word starts, capitals and punctuation; a program drawing delays between two "
            "bounds does not.",
            first, last, times[first], times[last],
        ))
    return flags


# Helpers --------------------------------------------------------------------------


def _stretches(
    hits: list[tuple[int, int, float]], best: Callable[[float, float], float]
) -> list[tuple[int, int, float]]:
    """Merge windows (first key, last key, value), in order of their first key,
    into stretches where they overlap: (first key, last key, the worst value).

    >>> _stretches([(0, 3, 0.1), (1, 4, 0.05), (9, 12, 0.12)], best=min)
    [(0, 4, 0.05), (9, 12, 0.12)]
    """
    merged: list[tuple[int, int, float]] = []
    for start, end, value in hits:
        if merged and start <= merged[-1][1]:
            first, last, worst = merged[-1]
            merged[-1] = (first, max(last, end), best(worst, value))
        else:
            merged.append((start, end, value))
    return merged


def _overlap(a: AutomationFlag, b: AutomationFlag) -> bool:
    return a.first_key <= b.last_key and b.first_key <= a.last_key


def _ms_per_key(wpm: float) -> float:
    return 60_000 / (wpm * CHARS_PER_WORD)


def _wpm(keys: int, span_ms: float) -> float:
    return math.inf if span_ms <= 0 else keys / CHARS_PER_WORD / (span_ms / 60_000)


def _speed(wpm: float, over: str) -> str:
    """'at up to 480 WPM over ...', or 'all at one instant' when no time passed."""
    return "all at one instant" if math.isinf(wpm) else f"at up to {wpm:,.0f} WPM {over}"


def _ms(t: float) -> str:
    return f"{t:,.0f} ms"


def _where(times: list[float], first: int, last: int) -> str:
    """keystrokes 12 to 80 (1.2 s to 9.0 s), counted from 1 as a person would."""
    return (f"keystrokes {first + 1:,} to {last + 1:,} "
            f"({times[first] / 1000:.1f} s to {times[last] / 1000:.1f} s)")
