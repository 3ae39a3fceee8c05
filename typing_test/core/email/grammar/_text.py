"""Word and sentence utilities shared by the grammar rules, and the word lists
more than one rule family uses."""

from __future__ import annotations

import re
from collections.abc import Iterable

WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*")
OPENERS = " \t\"'([{\u2018\u201c"
CLOSERS = "\"')]\u2019\u201d"


def previous_word(text: str, start: int, *, across_lines: bool = False) -> str:
    """The lower-case word just before ``start``, if only spaces separate them
    (or spaces and line breaks, with ``across_lines``: a sentence wrapped
    over two lines)."""
    space = r"\s" if across_lines else r"[ \t]"
    match = re.search(rf"([A-Za-z]+(?:'[A-Za-z]+)*){space}+$", text[max(0, start - 40) : start])
    return match.group(1).lower() if match else ""


def next_word(text: str, end: int) -> str:
    """The lower-case word just after ``end``, if only spaces separate them."""
    match = re.match(r"[ \t]+([A-Za-z]+(?:'[A-Za-z]+)*)", text[end : end + 40])
    return match.group(1).lower() if match else ""


def at_sentence_start(text: str, start: int) -> bool:
    """True when only spaces, quotes or brackets stand between ``start`` and
    the start of the text, of a line, or of a sentence (after . ! ?)."""
    i = start - 1
    while i >= 0 and text[i] in OPENERS:
        i -= 1
    return i < 0 or text[i] in "\n.!?"


def at_clause_start(text: str, start: int) -> bool:
    """True at the start of a sentence or after a comma, semicolon or colon."""
    i = start - 1
    while i >= 0 and text[i] in OPENERS:
        i -= 1
    return i < 0 or text[i] in "\n.!?,;:"


def same_case(replacement: str, original: str) -> str:
    """``replacement`` capitalised like ``original`` (lower, Title or UPPER)."""
    if len(original) > 1 and original.isupper():
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def whole_words(pattern: str) -> re.Pattern[str]:
    """A case-insensitive pattern matching whole words only ($ ends a line)."""
    return re.compile(rf"(?<![\w'-])(?:{pattern})(?![\w'-])", re.IGNORECASE | re.MULTILINE)


def word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


def any_of(words: Iterable[str]) -> str:
    """A regular-expression alternation of ``words``, in a fixed order."""
    return "|".join(sorted(words))


def sentence_around(text: str, start: int) -> str:
    """The sentence (at most 120 characters either side) that holds ``start``."""
    before = re.split(r"[.!?\n]", text[max(0, start - 120) : start])[-1]
    return before + re.split(r"[.!?\n]", text[start : start + 120])[0]


def sentence_before(text: str, start: int) -> str:
    """The part of the sentence (at most 120 characters) before ``start``."""
    return re.split(r"[.!?\n]", text[max(0, start - 120) : start])[-1]


# --- Word lists shared by several rule families -----------------------------------

# The next word after spaces, as a group: "[ \t]+(word)".
NEXT_WORD = re.compile(r"[ \t]+([A-Za-z]+(?:'[A-Za-z]+)*)")
PREPOSITIONS = word_set("about at by for from in into of on through to under with")
# "it" is a subject only at the start of a clause: "the items in it have
# been sent", "customers who use it have asked" are right.
CLAUSE_OPENERS = word_set(
    "and but so because when that since although though while until unless or then now once"
)
# "I think it need", "how it work": "it" opens a clause after these too.
BEFORE_SUBJECT_IT = CLAUSE_OPENERS | word_set(
    "if where how what whether whenever wherever think thinks thought hope hopes"
    " hoped guess sure seems means afraid glad worried maybe perhaps hopefully probably"
)
# Words that end a noun phrase rather than describe the noun after them.
NOT_A_MODIFIER = PREPOSITIONS | word_set("and or nor but that which who is are was were not")
