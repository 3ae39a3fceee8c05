"""Typing slips: a repeated word, "alot"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from typing_test.core.email.grammar._rule import Hit, Rule, hit_word
from typing_test.core.email.grammar._text import (
    at_sentence_start,
    previous_word,
    sentence_around,
    whole_words,
    word_set,
)

# Doubled on purpose: "I had had enough", "He said that that was fine",
# intensifiers ("very very", "really really") and words said twice ("bye
# bye", "so so", "hear hear").
_MAY_REPEAT = word_set(
    "had that is do very really so bye no yes ha haha well now there far much many long hear"
    " blah chop night tut knock wait please fifty boo yum tsk hip din quick go come there"
)
_WH_WORD = re.compile(r"\b(?:what|where|how|why|who|whatever|thing|problem|point|question)\b",
                      re.IGNORECASE)
# A particle after a phrasal verb, then a preposition: "log in in the
# morning", "he came in in a hurry", "sign up up to Friday".
_PARTICLES = word_set("in on up out off over down by through")
_PHRASAL_VERBS = word_set(
    "log logs logged logging sign signs signed signing come comes came coming go goes went"
    " going check checks checked checking fill filled hand handed plug plugged move moved"
    " turn turned switch switched get gets got getting put puts drop dropped call called"
    " break broke keep kept carry carried log-in set"
)
_ON_THE_WAY = re.compile(r"[ \t]+(?:my|your|his|her|our|their|the)[ \t]+way\b", re.IGNORECASE)
# After a determiner the first copy is a noun and the second a verb ("the
# police police the streets", "the can can leak"), unless the word is one
# that never names a thing ("send the the invoice").
_DETERMINERS = word_set("the a an this that these those my your our their his her its")
_FUNCTION_WORDS = _DETERMINERS | word_set(
    "to of in on at by for from with and or but if as is are was were be been will would can"
    " could should shall may might must i you we they he she it me us them not"
)


def _find_repeated_word(text: str) -> Iterator[Hit]:
    pattern = re.compile(r"(?<![\w'-])([A-Za-z]+)(?:[ \t]+|[ \t]*\n[ \t]*)(\1)(?![\w'-])",
                         re.IGNORECASE)
    for match in pattern.finditer(text):
        word = match.group(1).lower()
        before = previous_word(text, match.start())
        if word == "is" and not _WH_WORD.search(sentence_around(text, match.start())):
            yield Hit(match.start(1), match.end(2), (match.group(1),))
            continue  # "what it is is a mess" is English, "she is is nice" is not
        if word in _MAY_REPEAT or (match.group(2)[0].isupper() and word not in _FUNCTION_WORDS):
            continue  # "Bora Bora" is a name
        if match.group(1)[0].isupper() and not at_sentence_start(text, match.start()):
            continue  # "in Buffalo buffalo roam": a name, then a word
        if word in _PARTICLES and before in _PHRASAL_VERBS:
            continue
        if word == "on" and _ON_THE_WAY.match(text, match.end()):
            continue  # "turn the lights on on your way out"
        if before in _DETERMINERS and word not in _FUNCTION_WORDS:
            continue
        if word in _FUNCTION_WORDS:
            yield Hit(match.start(1), match.end(2), (match.group(1),))
            continue
        if len(re.findall(rf"\b{word}\b", sentence_around(text, match.start()).lower())) > 2:
            continue  # "Buffalo buffalo Buffalo buffalo": wordplay
        yield Hit(match.start(1), match.end(2), (match.group(1),))


def _find_alot(text: str) -> Iterator[Hit]:
    for match in whole_words("(alot)").finditer(text):
        yield hit_word(match, "a lot")


REPEATED_WORD = Rule(
    "repeated-word",
    "A word is repeated.",
    _find_repeated_word,
    catches=("She is is very nice.", "Please send the the invoice.", "We will will call you.",
             "We will\nwill call.",
             "Thank you for your work on on this.", "We can fix it in in advance.",
             "The The invoice is attached."),
    passes=("I had had enough.", "He said that that was fine.", "We flew to Bora Bora.",
            "Thanks. Thanks again.", "It was a very very long day.", "Bye bye for now.",
            "The film was so so.", "The police police the streets.",
            "Please log in in the morning.", "Buffalo buffalo Buffalo buffalo.",
            "What it is is a mess.", "Turn the lights on on your way out."),
)


ALOT = Rule(
    "alot",
    '"A lot" is two words.',
    _find_alot,
    catches=("Thanks alot.", "Alot of customers called."),
    passes=("Thanks a lot.", "We allot two hours."),
)
