"""Score a typing test from its keystroke log.

The keystroke log is the source of truth: a list of events
``{"t": milliseconds since the first keystroke, "key": one character or "Backspace"}``.
Every figure is computed from the log and the passage, never from what a
widget happens to show. The rules (also in the README):

- The final text T is the log applied in order: a character appends,
  Backspace removes the last character (nothing happens on an empty text).
- gross_wpm = len(T) / 5 / minutes.
- uncorrected_errors: the minimum word-level edit distance (a wrong, missing
  or extra word costs 1) between T's words and the best-matching leading run
  of the passage's words. If T does not end in whitespace, its last word is
  not an error when it is a prefix of the passage word it is matched with.
- net_wpm = max(0, gross_wpm - uncorrected_errors / minutes).
- accuracy = correct character keystrokes / all character keystrokes * 100;
  a keystroke is correct when it equals the passage character at the
  position it was typed at.
- corrected_errors: wrong character keystrokes that were later removed.
- kph = character keystrokes * 3600 / seconds.
- A zero-length log or duration gives zeros.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

BACKSPACE = "Backspace"
CHARS_PER_WORD = 5

Event = Mapping[str, object]


@dataclass(frozen=True)
class WordError:
    """A word the candidate got wrong: ``typed`` is "" for a skipped word,
    ``expected`` is "" for an extra word."""

    typed: str
    expected: str


@dataclass(frozen=True)
class PassBar:
    """What a run must reach to pass: net WPM and accuracy, both inclusive."""

    min_net_wpm: float = 25.0
    min_accuracy: float = 90.0


@dataclass(frozen=True)
class TypingResult:
    """Every figure of one typing test. Rates are per minute of ``duration_s``."""

    duration_s: float
    typed_text: str
    gross_wpm: float
    net_wpm: float
    accuracy: float
    uncorrected_errors: int
    corrected_errors: int
    kph: float
    char_keystrokes: int
    correct_keystrokes: int
    backspaces: int
    word_errors: tuple[WordError, ...] = field(default_factory=tuple)

    def passed(self, bar: PassBar = PassBar()) -> bool:
        """True when the run reaches both thresholds of ``bar``.

        >>> score("ab", [{"t": 0, "key": "a"}, {"t": 100, "key": "b"}], 0.1).passed()
        True
        """
        return self.net_wpm >= bar.min_net_wpm and self.accuracy >= bar.min_accuracy

    def as_json(self, bar: PassBar = PassBar()) -> dict:
        """The figures with the keys of `typing-test score --json`."""
        return {
            "gross_wpm": round(self.gross_wpm, 2),
            "net_wpm": round(self.net_wpm, 2),
            "accuracy": round(self.accuracy, 2),
            "uncorrected_errors": self.uncorrected_errors,
            "corrected_errors": self.corrected_errors,
            "kph": round(self.kph, 1),
            "duration_s": round(self.duration_s, 3),
            "passed": self.passed(bar),
        }


def final_text(events: Iterable[Event]) -> str:
    """Apply the log in order and return the text it leaves.

    >>> final_text([{"t": 0, "key": "a"}, {"t": 5, "key": "x"},
    ...             {"t": 9, "key": "Backspace"}, {"t": 12, "key": "b"}])
    'ab'
    """
    typed: list[str] = []
    for event in events:
        key = event["key"]
        if key == BACKSPACE:
            if typed:
                typed.pop()
        else:
            typed.append(key)
    return "".join(typed)


def log_duration_s(events: Sequence[Event]) -> float:
    """The time of the last keystroke, in seconds (0 for an empty log)."""
    return events[-1]["t"] / 1000 if events else 0.0


def score(passage: str, events: Sequence[Event], duration_s: float) -> TypingResult:
    """Score a keystroke log against a passage over ``duration_s`` seconds.

    >>> log = [{"t": i * 200, "key": ch} for i, ch in enumerate("the cat sat")]
    >>> result = score("the cat sat on the mat", log, 12.0)
    >>> result.gross_wpm, result.uncorrected_errors, result.accuracy
    (11.0, 0, 100.0)
    """
    typed: list[str] = []
    typed_correct: list[bool] = []  # parallel to typed: was that keystroke right?
    char_keystrokes = correct_keystrokes = corrected_errors = backspaces = 0
    for event in events:
        key = event["key"]
        if key == BACKSPACE:
            backspaces += 1
            if typed:
                typed.pop()
                if not typed_correct.pop():
                    corrected_errors += 1
            continue
        position = len(typed)
        is_correct = position < len(passage) and passage[position] == key
        char_keystrokes += 1
        correct_keystrokes += is_correct
        typed.append(key)
        typed_correct.append(is_correct)

    text = "".join(typed)
    word_errors = align_words(text, passage)
    accuracy = 100.0 * correct_keystrokes / char_keystrokes if char_keystrokes else 0.0
    if duration_s <= 0:
        gross = net = kph = 0.0
    else:
        minutes = duration_s / 60
        gross = len(text) / CHARS_PER_WORD / minutes
        net = max(0.0, gross - len(word_errors) / minutes)
        kph = char_keystrokes * 3600 / duration_s
    return TypingResult(
        duration_s=max(0.0, duration_s),
        typed_text=text,
        gross_wpm=gross,
        net_wpm=net,
        accuracy=accuracy,
        uncorrected_errors=len(word_errors),
        corrected_errors=corrected_errors,
        kph=kph,
        char_keystrokes=char_keystrokes,
        correct_keystrokes=correct_keystrokes,
        backspaces=backspaces,
        word_errors=tuple(word_errors),
    )


def align_words(typed: str, passage: str) -> list[WordError]:
    """The word errors of ``typed`` against the best-matching start of ``passage``.

    The count is the minimum word-level edit distance between the typed words
    and the leading run of passage words that matches them best. A last word
    typed without a following space is not an error when it is a prefix of the
    passage word it is matched with (the test ended mid-word).

    >>> align_words("the cat sta", "the cat sat on the mat")
    [WordError(typed='sta', expected='sat')]
    >>> align_words("the sat on", "the cat sat on the mat")
    [WordError(typed='', expected='cat')]
    >>> align_words("the ca", "the cat sat")
    []
    """
    typed_words = typed.split()
    if not typed_words:
        return []
    mid_word = not typed[-1].isspace()
    # Any alignment through cell (i, j) costs at least |i - j|, so a band of
    # half-width w around the diagonal is exact whenever the best cost is <= w.
    # Widen until it is; typical runs have few errors, so this stays O(n * w).
    band = 16
    while True:
        errors = _banded_alignment(typed_words, passage.split(), mid_word, band)
        if errors is not None:
            return errors
        band *= 4


def _banded_alignment(
    typed: list[str], expected: list[str], mid_word: bool, band: int
) -> list[WordError] | None:
    """Edit-distance alignment within ``band`` of the diagonal, or None if the
    best cost found is larger than the band (the band may have cut it off)."""
    n = len(typed)
    m = min(len(expected), n + band)
    infinity = n + m + 1
    # cost[i][j]: distance between typed[:i] and expected[:j]; stored sparsely
    # as one dict per row so that only cells inside the band exist.
    cost: list[dict[int, int]] = [{j: j for j in range(0, min(m, band) + 1)}]
    for i in range(1, n + 1):
        word = typed[i - 1]
        is_last = mid_word and i == n
        previous = cost[i - 1]
        row: dict[int, int] = {}
        for j in range(max(0, i - band), min(m, i + band) + 1):
            best = previous.get(j, infinity) + 1  # extra typed word
            if j > 0:
                target = expected[j - 1]
                same = word == target or (is_last and target.startswith(word))
                best = min(
                    best,
                    previous.get(j - 1, infinity) + (0 if same else 1),
                    row.get(j - 1, infinity) + 1,  # skipped passage word
                )
            row[j] = best
        cost.append(row)

    last_row = cost[n]
    end = min(last_row, key=lambda j: (last_row[j], abs(j - n)))
    if last_row[end] > band and band < n + m:
        return None
    return _trace_back(cost, typed, expected, mid_word, end)


def _trace_back(
    cost: list[dict[int, int]],
    typed: list[str],
    expected: list[str],
    mid_word: bool,
    end: int,
) -> list[WordError]:
    """Walk the cost table back from (len(typed), end) and list the errors."""
    infinity = len(typed) + len(expected) + 1
    errors: list[WordError] = []
    i, j = len(typed), end
    while i > 0 or j > 0:
        here = cost[i][j]
        if i > 0 and j > 0:
            word, target = typed[i - 1], expected[j - 1]
            is_last = mid_word and i == len(typed)
            same = word == target or (is_last and target.startswith(word))
            if cost[i - 1].get(j - 1, infinity) + (0 if same else 1) == here:
                if not same:
                    errors.append(WordError(word, target))
                i, j = i - 1, j - 1
                continue
        if i > 0 and cost[i - 1].get(j, infinity) + 1 == here:
            errors.append(WordError(typed[i - 1], ""))
            i -= 1
        else:
            errors.append(WordError("", expected[j - 1]))
            j -= 1
    errors.reverse()
    return errors
