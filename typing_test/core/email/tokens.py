"""Tokens: the words and marks that proofreading answers are compared by.

:func:`tokenize` splits a text into words and single marks. Grading compares
:func:`comparison_tokens`, the same tokens with forms that mean the same given
equal keys: contractions become their expansion ("There's" is "There" + "is")
and British spellings their American form (see ``equivalents``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from typing_test.core.email.equivalents import (
    AMERICAN_SPELLING,
    NUMBER_WORDS,
    TIME_OF_DAY,
    expand_contraction,
    number_key,
    resolve_ambiguous,
    spelling_key,
    time_key,
)

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


def comparison_tokens(text: str) -> list[Token]:
    """The tokens of ``text`` that grading compares: equal forms have equal keys.

    A contraction becomes two tokens, its first word (over the letters before
    the apostrophe, or before "n't") and the word it stands for (over the rest,
    and following whitespace in its key); "cannot" becomes "can" + "not"; a
    British spelling takes its American form. An ``'s`` or ``'d`` that the
    next word does not decide keeps its suffix as its key
    (see ``equivalents.keys_match``).

    >>> [t.key for t in comparison_tokens("There\u2019s no need, we can't.")]
    ['There', ' is', ' no', ' need', ',', ' we', ' can', ' not', '.']
    >>> [t.key for t in comparison_tokens("the customer's colour")]
    ['the', ' customer', "'", 's', ' color']
    """
    raw = tokenize(text)
    units: list[Token] = []
    ambiguous = False
    index, count = 0, len(raw)
    while index < count:
        token = raw[index]
        key = token.key
        word = key.lstrip(" ")
        if index + 2 < count and raw[index + 1].key == "'" and raw[index + 1].start == token.end:
            suffix = raw[index + 2].key  # a leading space would mean the parts do not touch
            after = raw[index + 3].key.lstrip(" ") if index + 3 < count else ""
            expansion = expand_contraction(word, suffix, after)
            if expansion is not None:
                first, second = expansion
                spacing = key[: len(key) - len(word)]
                # "don't": "do" over "do", "not" over "n't"; "can't": "can" over "can".
                starts_alike = word.lower().startswith(first.lower())
                split = token.start + len(first) if starts_alike else token.end
                units.append(Token(spacing + first, token.start, split))
                units.append(Token(" " + second, split, raw[index + 2].end))
                ambiguous = ambiguous or second.startswith("'")
                index += 3
                continue
        lower = word.lower()
        if lower == "cannot":
            spacing = key[: len(key) - len(word)]
            units.append(Token(spacing + word[:3], token.start, token.start + 3))
            units.append(Token(" " + word[3:], token.start + 3, token.end))
        elif lower in AMERICAN_SPELLING:
            spacing = key[: len(key) - len(word)]
            units.append(Token(spacing + spelling_key(word), token.start, token.end))
        else:
            units.append(token)
        index += 1
    if ambiguous:
        keys = resolve_ambiguous([unit.key for unit in units])
        units = [Token(key, unit.start, unit.end) for key, unit in zip(keys, units, strict=True)]
    return _same_value_units(text, units)


# After a time such as "8 p.m." a full stop that ends the sentence is also
# the sentence's own full stop: whitespace and a capital letter, or the end.
_SENTENCE_GOES_ON = re.compile(r"\s*(?:$|\n|\s[A-Z\"'])")


def _same_value_units(text: str, units: list[Token]) -> list[Token]:
    """``units`` with times of day, number words and "thanks" given keys by value.

    A time of day ("8 a.m.", "08:00", "8am") becomes one unit keyed ``HH:MM``;
    a day next to a month loses its ordinal ending ("12th October");
    a lower-case number word takes the digits' key ("five" is "5"); "thanks"
    becomes "thank" + "you" (over the "s"), as a contraction does.

    >>> [t.key for t in comparison_tokens("Thanks: open 8 a.m. to 8 p.m. for five days")]
    ['Thank', ' you', ':', ' open', ' 08:00', ' to', ' 20:00', ' for', ' 5', ' days']
    >>> [t.key for t in comparison_tokens("We open at 8 a.m. Please call.")][-5:]
    [' 08:00', '.', ' Please', ' call', '.']
    """
    times = []
    for match in TIME_OF_DAY.finditer(text):
        end = match.end()
        if text[end - 1] == "." and _SENTENCE_GOES_ON.match(text, end):
            end -= 1  # "until 8 p.m." ends the sentence: keep its full stop
        times.append((match.start(), end, time_key(match)))
    result: list[Token] = []
    index = 0
    for start, end, key in times:
        inside = []
        while index < len(units) and units[index].start < end:
            if units[index].start < start:
                result.append(units[index])
            else:
                inside.append(units[index])
            index += 1
        if inside and inside[-1].end == end:
            spacing = inside[0].key[: len(inside[0].key) - len(inside[0].key.lstrip(" "))]
            result.append(Token(spacing + key, start, end))
        else:
            result.extend(inside)  # the time does not end on a token boundary
    result.extend(units[index:])
    result = _dates_without_ordinals(result)
    return [piece for unit in result for piece in _word_by_value(unit)]


_MONTHS = frozenset(
    """january february march april may june july august september october november
    december""".split()
)
_ORDINAL_DAY = re.compile(r"([1-9]|[12]\d|3[01])(?:st|nd|rd|th)")


def _dates_without_ordinals(units: list[Token]) -> list[Token]:
    """A day written with an ordinal next to a month ("12th October", "October
    12th") keyed as the plain number: the same date as "12 October"."""
    result = list(units)
    for index, unit in enumerate(units):
        word = unit.key.lstrip(" ")
        match = _ORDINAL_DAY.fullmatch(word)
        if match is None:
            continue
        neighbours = units[max(0, index - 1) : index] + units[index + 1 : index + 2]
        if any(n.key.strip().lower() in _MONTHS for n in neighbours):
            spacing = unit.key[: len(unit.key) - len(word)]
            result[index] = Token(spacing + match.group(1), unit.start, unit.end)
    return result


def _word_by_value(unit: Token) -> tuple[Token, ...]:
    word = unit.key.lstrip(" ")
    spacing = unit.key[: len(unit.key) - len(word)]
    if word in NUMBER_WORDS:
        return (Token(spacing + number_key(word), unit.start, unit.end),)
    if word in ("thanks", "Thanks") and unit.end - unit.start == 6:
        split = unit.start + 5
        return (Token(spacing + word[:5], unit.start, split), Token(" you", split, unit.end))
    return (unit,)


def comparison_keys(text: str) -> tuple[str, ...]:
    """The keys of :func:`comparison_tokens`: two texts grade the same when these are equal.

    >>> comparison_keys("a  lot") == comparison_keys("a lot")
    True
    >>> comparison_keys("It's fine") == comparison_keys("It is fine")
    True
    >>> comparison_keys("its") == comparison_keys("it's")
    False
    """
    return tuple(token.key for token in comparison_tokens(text))


# Four words of context after a place: enough for the next words to decide an
# ambiguous "'s" or "'d" (see ``equivalents.resolve_ambiguous``).
_WORDS_AFTER = re.compile(r"(?:\s*\S+){0,4}")


def keys_in_place(
    text: str, start: int, end: int, part: str
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]] | None:
    """The comparison keys around ``text[start:end]`` once ``part`` is put in its place.

    Returns (keys before, keys of ``part``, keys after), over a window of the
    text around the place: back to the whitespace before it, and a few words
    after it. The first key of ``part`` has no leading space. Returns None
    when ``part`` would not be whole tokens there: when its first or last
    letters join a neighbouring word, or it splits a contraction.

    >>> keys_in_place("We can sned it.", 7, 11, "send")[1]
    ('send',)
    >>> keys_in_place("Theirs no need.", 0, 5, "There") is None  # "There" + "s" is one word
    True
    >>> keys_in_place("Their's no need.", 0, 5, "There")  # "There's": the "'s" changes too
    ((), ('There',), (' is', ' no', ' need', '.'))
    """
    # A contraction never holds whitespace, so the window may start at any
    # whitespace before the place; keep that space so the place's own spacing shows.
    low = max(0, *(text.rfind(space, 0, start) for space in " \n\t"))
    high = _WORDS_AFTER.match(text, end).end()
    first, stop = start - low, start - low + len(part)
    tokens = comparison_tokens(text[low:start] + part + text[end:high])
    before = tuple(t.key for t in tokens if t.end <= first)
    middle = tuple(t.key for t in tokens if first <= t.start and t.end <= stop)
    after = tuple(t.key for t in tokens if t.start >= stop)
    if len(before) + len(middle) + len(after) != len(tokens):
        return None  # a token runs across an edge of the part
    if middle:
        middle = (middle[0].lstrip(" "), *middle[1:])
    return before, middle, after
