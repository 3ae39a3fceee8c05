"""The net WPM shown while a test runs, at a bounded cost per update.

Re-scoring the whole log on every tick of the display costs more as the test
goes on, and far more for a typist who leaves many words wrong: the word
alignment grows with the square of the errors. The live figure instead
settles what is behind the typist. Once a run of ``SETTLE_RUN`` typed words
matches the passage one for one, nothing before that run can align any other
way worth having, so its error count is kept and only the words typed since
are aligned again. A long stretch with no such run (garbage, or a typist
lost in the passage) is settled anyway after ``MAX_OPEN_WORDS`` words, so
every update aligns a bounded number of words.

The figure at the end of the test is never this one: the result is scored
from the whole log by ``scoring.score``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from typing_test.core.typing.scoring import (
    BACKSPACE,
    CHARS_PER_WORD,
    AlignmentStep,
    word_alignment,
)

# Words matching one for one after which what came before is settled.
SETTLE_RUN = 3
# Words aligned afresh at most; beyond this the oldest are settled as they are.
MAX_OPEN_WORDS = 60

_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class _Settled:
    """Everything before typed character ``typed_chars`` is settled: it matched
    passage words up to ``passage_words`` with ``errors`` word errors."""

    typed_chars: int
    passage_words: int
    errors: int


class LiveNetWpm:
    """Net WPM of a test in progress, fed one keystroke at a time.

    >>> live = LiveNetWpm("the cat sat on the mat")
    >>> for key in "the cat sta on ":
    ...     live.press(key)
    >>> live.word_errors()
    1
    >>> round(live.net_wpm(seconds=6.0), 1)
    20.0
    """

    def __init__(self, passage: str) -> None:
        self._passage_words = passage.split()
        self._typed: list[str] = []
        # A stack: Backspace past a settled point takes it off again.
        self._settled: list[_Settled] = [_Settled(0, 0, 0)]

    def press(self, key: str) -> None:
        """Apply one keystroke: a character, or "Backspace"."""
        if key != BACKSPACE:
            self._typed.append(key)
            return
        if self._typed:
            self._typed.pop()
        # A settled point stands just before the space after a word; once that
        # space is gone the word may change, so the point goes.
        while len(self._settled) > 1 and self._settled[-1].typed_chars >= len(self._typed):
            self._settled.pop()

    def word_errors(self) -> int:
        """The word errors so far: settled ones plus those since the last
        settled point, found by aligning only the open words."""
        settled = self._settled[-1]
        open_text = "".join(self._typed[settled.typed_chars :])
        spans = [match.span() for match in _WORD.finditer(open_text)]
        if not spans:
            return settled.errors
        words = [open_text[start:end] for start, end in spans]
        first = settled.passage_words
        expected = self._passage_words[first : first + 2 * len(words) + SETTLE_RUN]
        mid_word = not open_text[-1].isspace()
        steps = word_alignment(words, expected, mid_word)
        finished_words = len(words) - mid_word
        self._settle(settled, steps, spans, finished_words)
        return settled.errors + len(steps)

    def net_wpm(self, seconds: float) -> float:
        """Net words per minute over ``seconds``, by the scoring rules."""
        if seconds <= 0:
            return 0.0
        minutes = seconds / 60
        gross = len(self._typed) / CHARS_PER_WORD / minutes
        return max(0.0, gross - self.word_errors() / minutes)

    def _settle(
        self,
        settled: _Settled,
        steps: list[AlignmentStep],
        spans: list[tuple[int, int]],
        finished_words: int,
    ) -> None:
        """Push a new settled point after the open words' alignment, if any."""
        point = _settle_point(steps, finished_words)
        if point is None or point[0] == 0:
            return
        words, passage_words, errors = point
        self._settled.append(
            _Settled(
                typed_chars=settled.typed_chars + spans[words - 1][1],
                passage_words=settled.passage_words + passage_words,
                errors=settled.errors + errors,
            )
        )


def _settle_point(
    steps: list[AlignmentStep], finished_words: int
) -> tuple[int, int, int] | None:
    """Where to settle the open words: (typed words, passage words, errors)
    before that point, or None to settle nothing yet.

    The point is the end of the last run of ``SETTLE_RUN`` finished words that
    match one for one; without one, when more than ``MAX_OPEN_WORDS`` words are
    open, all but the newest ``SETTLE_RUN`` are settled as they align now.

    >>> from typing_test.core.typing.scoring import AlignmentStep
    >>> _settle_point([AlignmentStep("wrong", 1, 1)], finished_words=6)
    (6, 6, 1)
    >>> _settle_point([AlignmentStep("wrong", 1, 1)], finished_words=4) is None
    True
    """
    point = None
    i = j = errors = 0
    for step in [*steps, None]:
        run_end = min(step.i if step is not None else finished_words, finished_words)
        if run_end - i >= SETTLE_RUN:
            point = (run_end, j + run_end - i, errors)
        if step is None:
            break
        errors += 1
        i, j = step.after()
    if point is not None or finished_words <= MAX_OPEN_WORDS:
        return point
    cut = finished_words - SETTLE_RUN
    i = j = errors = 0
    for step in steps:
        if step.i >= cut:
            break
        errors += 1
        i, j = step.after()
    cut = max(cut, i)
    return (cut, j + cut - i, errors)
