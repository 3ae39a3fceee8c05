"""Tokens: the words and marks that proofreading answers are compared by."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# A word is letters, digits and combining accents; every other visible
# character is a token of its own.
_TOKEN = re.compile(r"(?P<space>\s*)(?P<text>[\w\u0300-\u036f]+|\S)")
_STRAIGHT_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


@dataclass(frozen=True)
class Token:
    """One word or mark: ``text[start:end]``, compared by ``key``.

    The key is the NFC text with straight quotes, after a single space when
    whitespace comes before the token (never for the first token).
    """

    key: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into the tokens grading compares.

    >>> [t.key for t in tokenize("  It\u2019s  ok,\\r\\nthanks ")]
    ['It', "'", 's', ' ok', ',', ' thanks']
    """
    tokens = []
    for match in _TOKEN.finditer(text):
        key = unicodedata.normalize("NFC", match.group("text")).translate(_STRAIGHT_QUOTES)
        if match.group("space") and tokens:
            key = " " + key
        tokens.append(Token(key, match.start("text"), match.end("text")))
    return tokens


def comparison_keys(text: str) -> tuple[str, ...]:
    """The token keys of ``text``: two texts grade the same when these are equal.

    >>> comparison_keys("a  lot") == comparison_keys("a lot")
    True
    """
    return tuple(token.key for token in tokenize(text))
