"""What a grammar rule is: its id, message, finder and examples, and the hits it yields."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from typing_test.core.email.grammar._text import same_case


@dataclass(frozen=True)
class Hit:
    """Where a rule matched. ``message`` replaces the rule's message when set."""

    start: int
    end: int
    suggestions: tuple[str, ...] = ()
    message: str = ""


@dataclass(frozen=True)
class Rule:
    """One grammar rule.

    ``find(text)`` yields ``Hit``s in a text whose curly apostrophes have been
    made straight (offsets are unchanged). ``catches`` are sentences the rule
    must flag, ``passes`` sentences it must leave alone.
    """

    id: str
    message: str
    find: Callable[[str], Iterator[Hit]]
    catches: tuple[str, ...]
    passes: tuple[str, ...]


def hit_word(match: re.Match[str], replacement: str, group: int = 1) -> Hit:
    """A hit on ``match``'s group, suggesting ``replacement`` in the same case."""
    return Hit(match.start(group), match.end(group),
               (same_case(replacement, match.group(group)),))


def hit_words(match: re.Match[str], replacements: tuple[str, ...], group: int = 1) -> Hit:
    """A hit on ``match``'s group, suggesting each of ``replacements``."""
    return Hit(match.start(group), match.end(group),
               tuple(same_case(word, match.group(group)) for word in replacements))
