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
  position it was typed at; Space and Enter are alike there, since a
  displayed line can end at either (see ``keystroke_is_correct``).
- corrected_errors: wrong character keystrokes that were later removed.
- kph = character keystrokes * 3600 / seconds.
- A zero-length log or duration (under 1 ms) gives zeros.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

BACKSPACE = "Backspace"
# The keys that end a word: Space, and Enter (typed as "\n") at a line break.
WORD_BREAKS = frozenset(" \n")
CHARS_PER_WORD = 5
# Below the log's 1 ms resolution a duration means nothing (and a rate over it
# would overflow), so it scores as zero.
MIN_DURATION_S = 0.001
# The word alignment takes about (typed words) x min(typed words, passage
# words) steps when nearly every word is wrong: a second for 1,500 words of
# garbage. The longest test (5 minutes) at 200 WPM is 1,000 words, and the app
# ends a test when the text is as long as the passage, so a real log stays far
# below this; the command line refuses a log that leaves more.
MAX_TYPED_WORDS = 1500

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


def keystroke_is_correct(passage: str, position: int, key: str) -> bool:
    """True when ``key``, typed at ``position``, is the passage character there.

    Space and Enter count as the same key: a line on screen ends at a line
    break of the passage or where a long line wraps at a space, and the two
    look alike, so either key is right at either place.

    >>> [keystroke_is_correct("ab\\ncd", i, k) for i, k in [(0, "a"), (1, "x"), (2, " ")]]
    [True, False, True]
    >>> keystroke_is_correct("ab", 2, "c")  # past the end of the passage
    False
    """
    if position >= len(passage):
        return False
    expected = passage[position]
    return key == expected or (key in WORD_BREAKS and expected in WORD_BREAKS)


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
        is_correct = keystroke_is_correct(passage, position, key)
        char_keystrokes += 1
        correct_keystrokes += is_correct
        typed.append(key)
        typed_correct.append(is_correct)

    text = "".join(typed)
    word_errors = align_words(text, passage)
    accuracy = 100.0 * correct_keystrokes / char_keystrokes if char_keystrokes else 0.0
    if not MIN_DURATION_S <= duration_s < math.inf:
        gross = net = kph = 0.0
    else:
        minutes = duration_s / 60
        gross = len(text) / CHARS_PER_WORD / minutes
        net = max(0.0, gross - len(word_errors) / minutes)
        kph = char_keystrokes * 3600 / duration_s
    return TypingResult(
        duration_s=duration_s if MIN_DURATION_S <= duration_s < math.inf else 0.0,
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

    A slip of the space bar is one error, not a wrong word plus a missing or
    extra one: a space typed as another key or left out ("reportedzto" for
    "reported to"), or a space typed inside a word ("acc ount").

    >>> align_words("it was reportedzto us", "it was reported to us")
    [WordError(typed='reportedzto', expected='reported to')]
    >>> align_words("an acc ount", "an account")
    [WordError(typed='acc ount', expected='account')]
    """
    typed_words = typed.split()
    expected_words = passage.split()
    mid_word = bool(typed) and not typed[-1].isspace()
    steps = word_alignment(typed_words, expected_words, mid_word)
    return [step.error(typed_words, expected_words) for step in steps]


def _slip_positions(
    typed: list[str], expected: list[str]
) -> tuple[list[set[int]], list[set[int]]]:
    """For each typed word i: the passage words j where typed[i] is expected[j]
    and expected[j + 1] run together, and the j where typed[i] and
    typed[i + 1] are expected[j] split in two; "run together" and "split"
    allow nothing, or one character, where the space belongs.

    >>> _slip_positions(["ab", "c", "d"], ["a", "b", "cd"])
    ([{0}, set(), set()], [set(), {2}, set()])
    """
    pairs: dict[tuple[str, str], set[int]] = {}  # (left, right) -> j of a passage word
    for j, word in enumerate(expected):
        for cut in range(1, len(word)):
            pairs.setdefault((word[:cut], word[cut:]), set()).add(j)
            if cut + 1 < len(word):
                pairs.setdefault((word[:cut], word[cut + 1 :]), set()).add(j)
    neighbours: dict[tuple[str, str], set[int]] = {}  # (expected[j], expected[j+1]) -> j
    for j in range(len(expected) - 1):
        neighbours.setdefault((expected[j], expected[j + 1]), set()).add(j)
    merge_at: list[set[int]] = []
    split_at: list[set[int]] = []
    for i, word in enumerate(typed):
        merged: set[int] = set()
        for cut in range(1, len(word)):
            merged |= neighbours.get((word[:cut], word[cut:]), set())
            if cut + 1 < len(word):
                merged |= neighbours.get((word[:cut], word[cut + 1 :]), set())
        merge_at.append(merged)
        following = typed[i + 1] if i + 1 < len(typed) else None
        split_at.append(set(pairs.get((word, following), ())) if following else set())
    return merge_at, split_at


@dataclass(frozen=True)
class AlignmentStep:
    """One word error on the cheapest alignment, at typed word ``i`` and passage
    word ``j``. Between two steps the words match one for one.

    ``kind`` is ``"wrong"`` (typed[i] for expected[j]), ``"extra"`` (typed[i]
    has no passage word), ``"skipped"`` (expected[j] was left out),
    ``"merged"`` (typed[i] is expected[j] and expected[j + 1] with the space
    left out or typed as another key) or ``"split"`` (typed[i] and
    typed[i + 1] are expected[j] with a space typed inside it).
    """

    kind: str
    i: int
    j: int

    def after(self) -> tuple[int, int]:
        """The typed and passage word indexes just after this step."""
        typed_words, passage_words = _STEP_SIZES[self.kind]
        return (self.i + typed_words, self.j + passage_words)

    def error(self, typed: list[str], expected: list[str]) -> WordError:
        """The step as the (typed, expected) pair shown to the candidate."""
        i_end, j_end = self.after()
        return WordError(" ".join(typed[self.i : i_end]), " ".join(expected[self.j : j_end]))


# How many typed and passage words each kind of step covers.
_STEP_SIZES = {
    "wrong": (1, 1),
    "extra": (1, 0),
    "skipped": (0, 1),
    "merged": (1, 2),
    "split": (2, 1),
}


def word_alignment(typed: list[str], expected: list[str], mid_word: bool) -> list[AlignmentStep]:
    """The errors on a cheapest alignment of ``typed`` with a leading run of
    ``expected``, in order. ``mid_word``: the last typed word may be an
    unfinished prefix of its passage word.

    Unit-cost edit distance by diagonals (Ukkonen / Landau-Vishkin). For each
    cost d it keeps, per diagonal k = j - i, the furthest typed word i
    reachable at that cost, and slides along runs of matching words for
    free. The first d at which some diagonal reaches the end of the typed
    words is the distance to the best-matching leading run of the passage.
    Work grows with the number of errors, not with the passage length, so a
    clean 5-minute run costs almost nothing.

    A slip of the space bar costs one error, like any other: two passage
    words typed as one ("merged") or one typed as two ("split"). Trying these
    only from the furthest point of each diagonal is enough: from an earlier
    point a merge or split reaches no further than a skip or an extra word
    from the furthest one.

    Only diagonals that can still end within a known bound are kept. The
    bound is the cost of the plain alignment (word i against passage word i,
    then every typed word past the passage's end as extra); a diagonal k at
    cost d needs at least k - (m - n) more extra (or split) words to reach the end, so
    it is dropped when d + that exceeds the bound. A dropped diagonal only
    feeds dropped ones, so the result is exactly that of the full search; but
    a long run of garbage typed past the passage costs n * m steps instead of
    n * n.

    >>> word_alignment(["a", "c", "x", "d"], ["a", "b", "c", "e", "d"], mid_word=False)
    [AlignmentStep(kind='skipped', i=1, j=1), AlignmentStep(kind='wrong', i=2, j=3)]
    """
    n, m = len(typed), len(expected)
    if not n:
        return []
    last = n - 1

    def same(i: int, j: int) -> bool:
        if typed[i] == expected[j]:
            return True
        return mid_word and i == last and expected[j].startswith(typed[i])

    def slide(i: int, k: int) -> int:
        while i < n and i + k < m and same(i, i + k):
            i += 1
        return i

    # Where a slip of the space bar could stand, found once: typed word i may
    # be passage words j and j + 1 run together (merge_at[i]), typed words i
    # and i + 1 may be passage word j split (split_at[i]). Most sets are
    # empty, so the search below pays for slips only where they can be.
    # No path of cost within the bound reaches past passage word n + bound.
    bound = sum(not same(i, i) for i in range(min(n, m))) + max(0, n - m)
    merge_at, split_at = _slip_positions(typed, expected[: n + bound + 2])
    # levels[d] = (lowest diagonal kept, furthest i per diagonal from there,
    # the step that got there, a code of _STEP_CODES) for the trace-back.
    levels: list[tuple[int, list[int], bytearray]] = [(0, [slide(0, 0)], bytearray(1))]
    d = 0
    while True:
        low, reach, _moves = levels[d]
        if n in reach:
            ends = [low + index for index, i in enumerate(reach) if i == n]
            return _trace_diagonals(levels, min(ends, key=abs))
        d += 1
        # The kept diagonals move by at most one at each end from one cost to
        # the next, so two -1 (not reached) on each side make every neighbour
        # lookup below a plain index.
        previous = [-1, -1, *reach, -1, -1]
        shift = 2 - low
        low, high = max(-d, -n), min(d, m, bound - d + m - n)
        reach, moves = [-1] * (high - low + 1), bytearray(high - low + 1)
        for k in range(low, high + 1):
            on_left, on_k, on_right = previous[k + shift - 1], previous[k + shift], \
                previous[k + shift + 1]
            best, move = -1, 0
            if 0 <= on_k < n and on_k + k < m:
                best, move = on_k + 1, WRONG
            if 0 <= on_right < n and on_right + 1 > best:
                best, move = on_right + 1, EXTRA
            if on_left >= 0 and on_left + k <= m and on_left > best:
                best, move = on_left, SKIPPED
            # On a tie a slip of the space bar is the likelier reading.
            if 0 <= on_left < n and on_left + 1 >= best and merge_at[on_left]:
                if on_left + k - 1 in merge_at[on_left]:
                    best, move = on_left + 1, MERGED
            if 0 <= on_right < n and on_right + 2 >= best and split_at[on_right]:
                if on_right + k + 1 in split_at[on_right]:
                    best, move = on_right + 2, SPLIT
            if move and best + k >= 0:
                # Slide only when the next words can match (most often they do
                # not, and the call is most of the cost).
                if best < n and best + k < m and (
                    best == last or typed[best] == expected[best + k]
                ):
                    best = slide(best, k)
                reach[k - low] = best
                moves[k - low] = move
        levels.append((low, reach, moves))


# The steps of the diagonal search as stored per diagonal (0: not reached).
WRONG, EXTRA, SKIPPED, MERGED, SPLIT = 1, 2, 3, 4, 5
_STEP_CODES = {WRONG: "wrong", EXTRA: "extra", SKIPPED: "skipped", MERGED: "merged", SPLIT: "split"}


def _trace_diagonals(
    levels: list[tuple[int, list[int], bytearray]], k: int
) -> list[AlignmentStep]:
    """List the steps on the path that ends on diagonal ``k`` at the last cost."""

    def reach(d: int, k: int) -> int:
        return levels[d][1][k - levels[d][0]]

    steps: list[AlignmentStep] = []
    for d in range(len(levels) - 1, 0, -1):
        kind = _STEP_CODES[levels[d][2][k - levels[d][0]]]
        typed_words, passage_words = _STEP_SIZES[kind]
        k -= passage_words - typed_words  # the diagonal the step started on
        i = reach(d - 1, k)
        steps.append(AlignmentStep(kind, i, i + k))
    steps.reverse()
    return steps
