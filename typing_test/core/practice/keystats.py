"""Per-key and per-bigram statistics from stored typing attempts.

Each attempt is its passage and its keystroke log (``{"t": ms, "key": ...}``,
the format of ``core/typing/scoring.py``). A keystroke is aligned to the
passage exactly as scoring aligns it: a character keystroke is typed at the
position equal to the length of the text so far, Backspace removes the last
character. The rules:

- A keystroke counts for the key the passage **expected** at its position
  (missing the ``e`` is a mistake on ``e``, whatever was pressed instead).
  Letters are folded to lower case, as they are one key on the keyboard;
  Space and Enter (a line break of the passage) are both the key ``" "``.
  Keystrokes past the end of the passage count for nothing.
- A keystroke is an error when ``keystroke_is_correct`` says it is wrong.
- A bigram is two passage characters side by side, neither a space or line
  break (``"th"``, ``"e,"``); a keystroke at position p is an attempt of the
  bigram ending at p.
- Time to type: the milliseconds since the previous keystroke, kept only
  when this keystroke and the one before it were both correct character
  keystrokes (a pause after a mistake or a Backspace says nothing about the
  key). Its median is over every kept time of the newest
  ``TIMED_ATTEMPTS`` attempts used (200: tens of thousands of keystrokes,
  plenty for any key, and a person's speed is what it is now, not a year
  ago); error rates are over every attempt used.
- Only the last ``last`` attempts given are used (the caller passes them
  oldest first, as they were taken).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from operator import add, itemgetter, sub

from typing_test.core.typing.scoring import BACKSPACE, WORD_BREAKS

# A stored attempt as the statistics need it: (passage text, keystroke log).
Attempt = tuple[str, Sequence[Mapping[str, object]]]
DEFAULT_LAST_ATTEMPTS = 20
SPACE = " "


@dataclass(frozen=True)
class KeyStat:
    """How one key (or bigram) went: ``attempts`` keystrokes where the passage
    expected it, ``errors`` of them wrong, ``median_ms`` the median time to
    type it (None when no time was kept)."""

    attempts: int
    errors: int
    median_ms: float | None
    timed: int  # how many times the median is over

    @property
    def error_rate(self) -> float:
        """Errors per attempt, 0 to 1 (0 when there were no attempts).

        >>> KeyStat(attempts=8, errors=2, median_ms=180.0, timed=5).error_rate
        0.25
        """
        return self.errors / self.attempts if self.attempts else 0.0


@dataclass(frozen=True)
class KeyStats:
    """The statistics of a set of attempts: ``keys`` and ``bigrams`` map the
    (folded) key or pair to its ``KeyStat``."""

    attempts_used: int
    keys: dict[str, KeyStat]
    bigrams: dict[str, KeyStat]

    def weakest_keys(self, count: int = 5, min_attempts: int = 10) -> list[str]:
        """The ``count`` keys with the highest error rate among those typed at
        least ``min_attempts`` times (a key seen twice proves nothing), ties
        broken by the slower median, then by the key; keys with no error left out."""
        return _weakest(self.keys, count, min_attempts)

    def weakest_bigrams(self, count: int = 5, min_attempts: int = 5) -> list[str]:
        """Like ``weakest_keys``, for bigrams."""
        return _weakest(self.bigrams, count, min_attempts)

    def slowest_bigrams(self, count: int = 5, min_timed: int = 5) -> list[str]:
        """The ``count`` bigrams with the slowest median time among those timed
        at least ``min_timed`` times, slowest first."""
        timed = [(stat.median_ms, pair) for pair, stat in self.bigrams.items()
                 if stat.median_ms is not None and stat.timed >= min_timed]
        timed.sort(key=lambda item: (-item[0], item[1]))
        return [pair for _, pair in timed[:count]]


def _weakest(stats: dict[str, KeyStat], count: int, min_attempts: int) -> list[str]:
    ranked = [
        (-stat.error_rate, -(stat.median_ms or 0.0), name)
        for name, stat in stats.items()
        if stat.attempts >= min_attempts and stat.errors
    ]
    ranked.sort()
    return [name for _, _, name in ranked[:count]]


def fold_key(character: str) -> str:
    """The key a passage character is typed with, as the statistics name it.

    A letter whose lower case is longer than one character ("İ") stays as it is.

    >>> [fold_key(c) for c in "Ab\\n ,İ"]
    ['a', 'b', ' ', ' ', ',', 'İ']
    """
    if character in WORD_BREAKS:
        return SPACE
    lower = character.lower()
    return lower if len(lower) == 1 else character


def key_stats(attempts: Iterable[Attempt], last: int = DEFAULT_LAST_ATTEMPTS) -> KeyStats:
    """The per-key and per-bigram statistics of the last ``last`` attempts.

    >>> log = [{"t": 0, "key": "t"}, {"t": 150, "key": "h"}, {"t": 300, "key": "r"},
    ...        {"t": 600, "key": "Backspace"}, {"t": 800, "key": "e"}, {"t": 900, "key": " "}]
    >>> stats = key_stats([("the end", log)])
    >>> stats.keys["t"], stats.keys["e"].errors, stats.keys["e"].attempts
    (KeyStat(attempts=1, errors=0, median_ms=None, timed=0), 1, 2)
    >>> stats.bigrams["th"].median_ms, stats.bigrams["he"].error_rate
    (150.0, 0.5)
    """
    chosen = list(attempts)[-last:] if last > 0 else []
    return key_stats_from_tallies([attempt_tally(passage, events) for passage, events in chosen])


# A tally's shape changes with this number, and stored tallies of another
# version are counted again from their logs (store/practice.py).
TALLY_VERSION = 2
# Median times are over the newest this many attempts (see the module docstring).
TIMED_ATTEMPTS = 200


def attempt_tally(passage: str, events: Sequence[Mapping[str, object]]) -> dict:
    """What one attempt counts, in a small JSON-ready form that
    ``key_stats_from_tallies`` adds up quickly: the store keeps it beside the
    attempt so that statistics over many attempts never re-read their logs.

    Every counted keystroke but one at the passage's first position lands
    on a pair (the passage characters before and at its position, a space
    too), so the pairs carry the keys' figures as well:

    - ``pairs`` and ``pair_errors``: the pair of each keystroke counted, and
      of each wrong one (two characters a pair, in passage order);
    - ``first``, ``first_typed``, ``first_errors``: the same for the first
      passage character ("" when nothing was typed);
    - ``timed`` and ``gaps``: the kept times in milliseconds, each with its
      pair (``timed`` holds two characters a time), in passage order.

    The log is cut at each Backspace into runs of character keystrokes: the
    keystrokes of a run land on consecutive passage positions, so a run is
    compared with its stretch of the passage as two strings and what it
    counts is gathered as slices, counted in C. This is the per-keystroke
    rule of the module docstring (tests/test_keystats.py checks it against a
    plain loop) at a fraction of the cost.

    >>> tally = attempt_tally("abc", [{"t": 0, "key": "a"}, {"t": 150, "key": "b"},
    ...                               {"t": 250, "key": "x"}])
    >>> tally["first"], tally["pairs"], tally["pair_errors"], tally["timed"], tally["gaps"]
    ('a', 'abbc', 'bc', 'ab', [150])
    """
    keys = list(map(_KEY, events))
    times = list(map(_TIME, events))
    # The passage as it is compared (Space and Enter alike) and as it is
    # counted (letters folded too). lower() may change the length of a
    # string (e.g. "İ"), so it is applied per character then.
    # No keystroke lands past position len(keys) - 1: the rest is not needed.
    compared = passage[: len(keys)].translate(_BREAKS_AS_SPACE)
    folded = compared.lower()
    if len(folded) != len(compared):
        folded = "".join(map(fold_key, compared))
    run = _Run(
        keys=keys,
        compared=compared,
        folded=folded,
        pair_at=["", *map(add, folded[:-1], folded[1:])],  # the pair ending at each position
        gap_before=[0, *map(sub, times[1:], times[:-1])],  # ms since the event before
    )
    typed = 0  # the length of the text so far: where the next character lands
    start = 0  # the first event of the current run
    total = len(keys)
    while start < total:
        try:
            end = keys.index(BACKSPACE, start)
        except ValueError:
            end = total
        if end > start:
            run.count(start, end, typed)
            typed += end - start
        # A run of Backspaces: each removes one character, none on an empty text.
        stop = end
        while stop < total and keys[stop] == BACKSPACE:
            stop += 1
        typed = max(0, typed - (stop - end))
        start = stop
    return {
        "first": folded[:1],
        "first_typed": run.first_typed,
        "first_errors": run.first_errors,
        "pairs": "".join(run.pairs_typed),
        "pair_errors": "".join(run.pair_errors),
        "timed": "".join(run.timed_pairs),
        "gaps": run.timed_gaps,
    }


def key_stats_from_tallies(tallies: Sequence[Mapping[str, object]]) -> KeyStats:
    """The statistics of the attempts whose ``attempt_tally`` results these
    are, oldest first (``attempts_used`` is how many there are); times from
    the newest ``TIMED_ATTEMPTS`` only.

    The tallies' strings are joined and counted in one pass in C, so adding
    up 1,000 attempts costs a few calls per attempt, not a step per keystroke.

    >>> log = [{"t": 0, "key": "t"}, {"t": 150, "key": "h"}]
    >>> stats = key_stats_from_tallies([attempt_tally("the", log)] * 2)
    >>> stats.attempts_used, stats.keys["h"].attempts, stats.bigrams["th"].median_ms
    (2, 2, 150.0)
    """
    tally = _Tally()
    timed_from = len(tallies) - TIMED_ATTEMPTS
    for index, one in enumerate(tallies):
        tally.add(one, with_times=index >= timed_from)
    return tally.stats(len(tallies))


class _Tally:
    """Counts over every attempt. Pairs are counted whatever they hold (a
    space too): a key's figures are those of the pairs ending in it, the
    bigrams' those of the pairs without a space."""

    def __init__(self) -> None:
        self.first_typed: Counter[str] = Counter()  # keystrokes at the first position
        self.first_errors: Counter[str] = Counter()
        # The tallies' strings and times, counted all at once in ``stats``.
        self.pairs: list[str] = []
        self.pair_errors: list[str] = []
        self.timed: list[str] = []
        self.gaps: list[float] = []

    def add(self, tally: Mapping, with_times: bool = True) -> None:
        if tally["first_typed"]:
            self.first_typed[tally["first"]] += tally["first_typed"]
            self.first_errors[tally["first"]] += tally["first_errors"]
        self.pairs.append(tally["pairs"])
        self.pair_errors.append(tally["pair_errors"])
        if with_times:
            self.timed.append(tally["timed"])
            self.gaps.extend(tally["gaps"])

    def stats(self, attempts_used: int) -> KeyStats:
        # Every count is one pass in C over all the attempts' keystrokes.
        pair_attempts = Counter(_pairs("".join(self.pairs)))
        pair_errors = Counter(_pairs("".join(self.pair_errors)))
        # Times are whole milliseconds, each value typed many times over: a
        # pair's times are kept as how often each value occurs, and a key's
        # are those of every pair ending in it (a space too).
        grouped: defaultdict[str, list[float]] = defaultdict(list)
        # grouped[pair].append(gap) for each kept time, looped in C.
        _consume(map(list.append, map(grouped.__getitem__, _pairs("".join(self.timed))),
                      self.gaps))
        pair_times = {pair: Counter(gaps) for pair, gaps in grouped.items()}
        key_times: defaultdict[str, Counter] = defaultdict(Counter)
        for pair, counted in pair_times.items():
            key_times[pair[1]].update(counted)
        key_attempts, key_errors = Counter(self.first_typed), Counter(self.first_errors)
        for pair, count in pair_attempts.items():
            key_attempts[pair[1]] += count
        for pair, count in pair_errors.items():
            key_errors[pair[1]] += count
        bigrams = {pair: n for pair, n in pair_attempts.items() if SPACE not in pair}
        return KeyStats(
            attempts_used=attempts_used,
            keys=_collect(key_attempts, key_errors, key_times),
            bigrams=_collect(bigrams, pair_errors, pair_times),
        )


def _pairs(joined: str) -> Iterator[str]:
    """The pairs written two characters each in ``joined``.

    >>> list(_pairs("thhe"))
    ['th', 'he']
    """
    return map(add, joined[::2], joined[1::2])


@dataclass
class _Run:
    """One attempt's log and passage, and what its runs of keystrokes count."""

    keys: list
    compared: str
    folded: str
    pair_at: list[str]
    gap_before: list
    first_typed: int = 0  # keystrokes at the passage's first position
    first_errors: int = 0
    pairs_typed: list[str] = field(default_factory=list)
    pair_errors: list[str] = field(default_factory=list)
    timed_pairs: list[str] = field(default_factory=list)
    timed_gaps: list = field(default_factory=list)

    def count(self, start: int, end: int, position: int) -> None:
        """Count the character keystrokes ``keys[start:end]``, typed from
        passage ``position`` on (those past its end count for nothing)."""
        folded = self.folded
        size = min(end - start, len(folded) - position)
        if size <= 0:
            return
        last = position + size  # one past the last passage position of the run
        if position == 0:
            self.first_typed += 1
        self.pairs_typed.extend(self.pair_at[max(position, 1) : last])
        typed = "".join(self.keys[start : start + size]).translate(_BREAKS_AS_SPACE)
        wrong = mismatches(typed, self.compared[position:last])
        for offset in wrong:
            at = position + offset
            if at:
                self.pair_errors.append(folded[at - 1 : at + 1])
            else:
                self.first_errors += 1
        # Times: within each stretch between wrong keystrokes, every
        # keystroke but the first follows a correct one.
        clean_from = 0
        for clean_to in [*wrong, size]:
            if clean_to - clean_from > 1:
                self.timed_pairs.extend(self.pair_at[position + clean_from + 1 :
                                                     position + clean_to])
                self.timed_gaps.extend(self.gap_before[start + clean_from + 1 :
                                                       start + clean_to])
            clean_from = clean_to + 1


def mismatches(typed: str, expected: str) -> list[int]:
    """The offsets where two strings of the same length differ.

    Found by halving with slice comparisons (done in C), so a run with one
    slip costs a few comparisons, not one step per character.

    >>> mismatches("the cat", "the cat"), mismatches("thw cst", "the cat")
    ([], [2, 5])
    """
    found: list[int] = []
    start, end = 0, len(typed)
    while typed[start:end] != expected[start:end]:
        low, high = start, end  # the first difference is in [low, high)
        while high - low > 1:
            middle = (low + high) // 2
            if typed[low:middle] == expected[low:middle]:
                low = middle
            else:
                high = middle
        found.append(low)
        start = low + 1
    return found


_KEY = itemgetter("key")
_consume = deque(maxlen=0).extend  # runs an iterator to its end, keeping nothing
_TIME = itemgetter("t")
_BREAKS_AS_SPACE = str.maketrans("\n", " ")


def _collect(
    attempts: Mapping[str, int], errors: Mapping[str, int], times: Mapping[str, Counter]
) -> dict[str, KeyStat]:
    """A KeyStat per name; ``times`` counts each name's times by value."""
    collected = {}
    for name in sorted(attempts):
        kept = times.get(name)
        collected[name] = KeyStat(
            attempts=attempts[name],
            errors=errors.get(name, 0),
            median_ms=_median(kept) if kept else None,
            timed=kept.total() if kept else 0,
        )
    return collected


def _median(counted: Mapping[float, int]) -> float:
    """The median of values given as how many times each occurs (as
    ``statistics.median`` gives it for the values written out).

    Times are whole milliseconds, so a long list holds a few hundred values
    many times over: walking the sorted values' running totals costs far
    less than sorting every time.

    >>> _median({10: 1, 1: 1, 2: 1}), _median({3: 1, 1: 1, 2: 1, 10: 1}), _median({7: 100, 9: 101})
    (2.0, 2.5, 9.0)
    """
    ordered = sorted(counted)
    running = list(accumulate(map(counted.__getitem__, ordered)))
    size = running[-1]
    # The value at sorted position p is the first whose running total passes p.
    low = ordered[bisect_right(running, (size - 1) // 2)]
    high = ordered[bisect_right(running, size // 2)]
    return (low + high) / 2
