"""Typing slips: a repeated word, "alot"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from typing_test.core.email.grammar._rule import Hit, Rule, hit_word
from typing_test.core.email.grammar._text import whole_words, word_set

# Doubled on purpose: "I had had enough", "He said that that was fine".
_MAY_REPEAT = word_set("had that is do")


def _find_repeated_word(text: str) -> Iterator[Hit]:
    pattern = re.compile(r"(?<![\w'-])([A-Za-z]+)(?:[ \t]+|[ \t]*\n[ \t]*)(\1)(?![\w'-])",
                         re.IGNORECASE)
    for match in pattern.finditer(text):
        if match.group(1).lower() in _MAY_REPEAT or match.group(2)[0].isupper():
            continue  # "Bora Bora" is a name
        yield Hit(match.start(1), match.end(2), (match.group(1),))

def _find_alot(text: str) -> Iterator[Hit]:
    for match in whole_words("(alot)").finditer(text):
        yield hit_word(match, "a lot")


REPEATED_WORD = Rule(
    "repeated-word",
    "A word is repeated.",
    _find_repeated_word,
    catches=("Please send the the invoice.", "We will will call you.", "We will\nwill call."),
    passes=("I had had enough.", "He said that that was fine.", "We flew to Bora Bora.",
            "Thanks. Thanks again."),
)


ALOT = Rule(
    "alot",
    '"A lot" is two words.',
    _find_alot,
    catches=("Thanks alot.", "Alot of customers called."),
    passes=("Thanks a lot.", "We allot two hours."),
)
