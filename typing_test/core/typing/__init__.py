"""Typing tests: passages, the keystroke-log session and its scoring.

The public names live here, so callers need not know which module holds them:

>>> from typing_test.core.typing import score
>>> score("ab", [{"t": 0, "key": "a"}, {"t": 600, "key": "b"}], 60).gross_wpm
0.4
"""

from typing_test.core.typing.automation import AutomationFlag, automation_flags
from typing_test.core.typing.passages import (
    CATEGORIES,
    Passage,
    choose_passage,
    load_passage,
    load_passages,
    normalise_text,
)
from typing_test.core.typing.scoring import (
    BACKSPACE,
    PassBar,
    TypingResult,
    WordError,
    log_duration_s,
    score,
)
from typing_test.core.typing.session import TypingSession, monotonic_ms

__all__ = [
    "AutomationFlag",
    "BACKSPACE",
    "CATEGORIES",
    "Passage",
    "PassBar",
    "TypingResult",
    "TypingSession",
    "WordError",
    "automation_flags",
    "choose_passage",
    "load_passage",
    "load_passages",
    "log_duration_s",
    "monotonic_ms",
    "normalise_text",
    "score",
]
