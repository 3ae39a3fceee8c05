"""Rounds of targeted practice: what a round aims at, and what it changed.

A round is a short timed text from ``practice_text.practice_text`` aimed at
the weak spots ``practice_text.weak_spots`` finds in the statistics of the
person's last attempts (``keystats.key_stats``). After the round:

- the round alone is measured (its passage and keystroke log, with the same
  rules as every other attempt), and each spot it aimed at is compared with
  the figures it had before the round: "e: 40 % before, 5 % this round";
- the statistics are built again with the round among the attempts, and the
  next round aims at the weak spots as they are then.

With no weak spot yet (no typing history, or too few keystrokes on any key)
a round is a general one: common words, which give the first measurement.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from typing_test.core.practice.keystats import KeyStat, KeyStats
from typing_test.core.practice.practice_text import (
    MAX_WORDS,
    MIN_WORDS,
    WeakSpots,
    practice_text,
)

ROUND_LENGTHS_S = (30, 60, 120)
DEFAULT_ROUND_S = 60
# A round's text is longer than a fast typist (this many WPM) types in its
# time, so the round ends when the time runs out, not when the text does.
FAST_WPM = 110
SPACE_NAME = "Space"
SAME_SPEED = 0.05  # medians this close (as a share) count as the same speed
# A round says whether a spot got better only from this many keystrokes on
# it (and a time from this many timed ones): one or two prove nothing.
MIN_TO_JUDGE = 5
MIN_TIMED_TO_JUDGE = 3
# A round aims at the three weakest keys and the three weakest pairs: with
# five of each, a person typing 200 characters in a minute met most pairs
# twice or three times (too few to measure again); with three, about five.
SPOTS_PER_ROUND = 3


@dataclass(frozen=True)
class SpotFigures:
    """How one weak spot went over some attempts: ``spot`` is the key or pair
    as ``keystats`` names it, ``stat`` its figures (None when never typed)."""

    spot: str
    is_pair: bool
    stat: KeyStat | None

    @property
    def name(self) -> str:
        """The spot as a person reads it ("Space" for the space bar)."""
        return spot_name(self.spot)


@dataclass(frozen=True)
class Remeasured:
    """One targeted spot before the round and in it."""

    spot: str
    is_pair: bool
    before: KeyStat | None
    this_round: KeyStat | None

    @property
    def name(self) -> str:
        return spot_name(self.spot)

    @property
    def typed_this_round(self) -> bool:
        return self.this_round is not None and self.this_round.attempts > 0

    def change(self) -> str:
        """The change in words: fewer or more mistakes (or as many), and
        faster or slower when both medians are known (a pair picked for
        being slow is judged by its time as much as by its mistakes).

        >>> Remeasured("e", False, KeyStat(20, 8, 200.0, 10), KeyStat(25, 1, 180.0, 20)).change()
        'fewer mistakes, faster'
        >>> Remeasured("th", True, KeyStat(9, 0, 300.0, 8), KeyStat(6, 0, None, 0)).change()
        'as many mistakes as before'
        >>> Remeasured("bo", True, KeyStat(10, 2, 530.0, 8), KeyStat(1, 0, 170.0, 1)).change()
        'too few this round to tell'
        """
        if not self.typed_this_round:
            return "not typed this round"
        if self.before is None or not self.before.attempts:
            return "first measurement"
        if self.this_round.attempts < MIN_TO_JUDGE:
            return "too few this round to tell"
        before, now = percent(self.before.error_rate), percent(self.this_round.error_rate)
        words = ("fewer mistakes" if now < before else "more mistakes" if now > before
                 else "as many mistakes as before")
        before_ms, now_ms = self.before.median_ms, self.this_round.median_ms
        if (before_ms is not None and now_ms is not None
                and self.this_round.timed >= MIN_TIMED_TO_JUDGE):
            # Within 5 % is the same speed: a median moves that much by chance.
            if now_ms < before_ms * (1 - SAME_SPEED):
                words += ", faster"
            elif now_ms > before_ms * (1 + SAME_SPEED):
                words += ", slower"
            else:
                words += ", as fast"
        return words

    def sentence(self) -> str:
        """The spot's error rate (and time) before the round and in it, in
        words and figures.

        >>> Remeasured("f", False, KeyStat(50, 6, None, 0), KeyStat(25, 1, 190.0, 20)).sentence()
        'f: 12 % before, 4 % this round (typed 25 times): fewer mistakes.'
        >>> line = Remeasured("th", True, KeyStat(9, 0, 300.0, 8), KeyStat(6, 0, 210.0, 5))
        >>> print(line.sentence())  # doctest: +NORMALIZE_WHITESPACE
        th: 0 % before, 0 % this round (typed 6 times); 300 ms before, 210 ms this round:
        as many mistakes as before, faster.
        >>> Remeasured("th", True, KeyStat(9, 1, 300.0, 8), None).sentence()
        'th: 11 % before; not typed this round.'
        """
        before = f"{percent_text(self.before)} before"
        if not self.typed_this_round:
            return f"{self.name}: {before}; not typed this round."
        times = ""
        if (self.before is not None and self.before.median_ms is not None
                and self.this_round.median_ms is not None):
            times = f"; {time_text(self.before)} before, {time_text(self.this_round)} this round"
        return (f"{self.name}: {before}, {percent_text(self.this_round)} this round "
                f"(typed {times_text(self.this_round.attempts)}){times}: {self.change()}.")


def spot_name(spot: str) -> str:
    """A key or pair as a person reads it.

    >>> spot_name(" "), spot_name("e"), spot_name("th")
    ('Space', 'e', 'th')
    """
    return SPACE_NAME if spot == " " else spot


def times_text(count: int) -> str:
    """How many times a spot was typed.

    >>> times_text(1), times_text(25)
    ('1 time', '25 times')
    """
    return f"{count} time{'s' if count != 1 else ''}"


def percent(rate: float) -> int:
    """An error rate (0 to 1) as a whole percentage, halves rounded up.

    >>> percent(0.125), percent(0.04), percent(0.0)
    (13, 4, 0)
    """
    return math.floor(rate * 100 + 0.5)


def percent_text(stat: KeyStat | None) -> str:
    """A spot's error rate as shown: "12 %", or "not measured".

    >>> percent_text(KeyStat(10, 1, None, 0)), percent_text(None)
    ('10 %', 'not measured')
    """
    if stat is None or not stat.attempts:
        return "not measured"
    return f"{percent(stat.error_rate)} %"


def time_text(stat: KeyStat | None) -> str:
    """A spot's median time to type, as shown: "210 ms", or "-" when not timed.

    >>> time_text(KeyStat(10, 1, 212.5, 8)), time_text(KeyStat(3, 3, None, 0))
    ('212 ms', '-')
    """
    if stat is None or stat.median_ms is None:
        return "-"
    return f"{stat.median_ms:.0f} ms"


def spot_figures(stats: KeyStats, spots: WeakSpots) -> list[SpotFigures]:
    """The figures of each weak spot in ``stats``: the keys, then the pairs."""
    return ([SpotFigures(key, False, stats.keys.get(key)) for key in spots.keys]
            + [SpotFigures(pair, True, stats.bigrams.get(pair)) for pair in spots.pairs])


def remeasure(before: KeyStats, this_round: KeyStats, spots: WeakSpots) -> list[Remeasured]:
    """Each spot of ``spots`` in the statistics ``before`` the round and in the
    round's own statistics.

    >>> from typing_test.core.practice.keystats import key_stats
    >>> log = [{"t": i * 100, "key": c} for i, c in enumerate("see here")]
    >>> [line.sentence() for line in remeasure(
    ...     key_stats([("see here", [{"t": 0, "key": "x"}] * 8)]),
    ...     key_stats([("see here", log)]), WeakSpots(keys=("e",)))]
    ['e: 100 % before, 0 % this round (typed 4 times): too few this round to tell.']
    """
    return [Remeasured(spot, pair, _stat(before, spot, pair), _stat(this_round, spot, pair))
            for spot, pair in [*((key, False) for key in spots.keys),
                               *((pair, True) for pair in spots.pairs)]]


def _stat(stats: KeyStats, spot: str, is_pair: bool) -> KeyStat | None:
    return (stats.bigrams if is_pair else stats.keys).get(spot)


def round_words(seconds: float) -> int:
    """How many words a round of ``seconds`` holds: more than a fast typist
    types in that time, within what ``practice_text`` makes.

    >>> round_words(30), round_words(60), round_words(120)
    (55, 110, 200)
    """
    return max(MIN_WORDS, min(MAX_WORDS, math.ceil(seconds / 60 * FAST_WPM)))


def spots_summary(spots: WeakSpots) -> str:
    """The spots of a round in a few words (a round's title in the history).

    >>> spots_summary(WeakSpots(keys=("e", " "), pairs=("th",)))
    'Aimed at e, Space, th'
    >>> spots_summary(WeakSpots())
    'General round: common words'
    """
    names = [spot_name(spot) for spot in (*spots.keys, *spots.pairs)]
    return "Aimed at " + ", ".join(names) if names else "General round: common words"


def spots_json(spots: WeakSpots) -> dict:
    """The spots as stored in a round's settings.

    >>> spots_json(WeakSpots(keys=("e",), pairs=("th",)))
    {'keys': ['e'], 'pairs': ['th']}
    """
    return {"keys": list(spots.keys), "pairs": list(spots.pairs)}


@dataclass(frozen=True)
class PracticeRound:
    """One round: its ``number`` in this sitting, the ``spots`` it aims at,
    the statistics ``before`` it (what the spots were chosen from), the
    ``seed`` and length of its text, and the ``text``."""

    number: int
    spots: WeakSpots
    before: KeyStats
    seed: int
    seconds: int
    text: str

    @property
    def summary(self) -> str:
        return spots_summary(self.spots)

    @property
    def title(self) -> str:
        return f"Round {self.number} · {self.summary}"


def new_round(number: int, spots: WeakSpots, before: KeyStats, seed: int,
              seconds: int = DEFAULT_ROUND_S) -> PracticeRound:
    """A round of ``seconds`` aimed at ``spots``, its text drawn with ``seed``.

    >>> from typing_test.core.practice.keystats import key_stats
    >>> one = new_round(1, WeakSpots(keys=("e",)), key_stats([]), seed=4, seconds=30)
    >>> one.title, len(one.text.split()), one == new_round(1, one.spots, one.before, 4, 30)
    ('Round 1 · Aimed at e', 55, True)
    """
    return PracticeRound(number, spots, before, seed, seconds,
                         practice_text(spots, seed, round_words(seconds)))
