"""a / an: "an" before a vowel sound, "a" before a consonant sound."""

from __future__ import annotations

import re
from collections.abc import Iterator

from typing_test.core.email.grammar._rule import Hit, Rule
from typing_test.core.email.grammar._text import (
    at_sentence_start,
    previous_word,
    same_case,
    word_set,
)

# Letters whose names start with a vowel sound: "an F", "an SLA", "an MBA".
_VOWEL_LETTERS = frozenset("AEFHILMNORSX")
# Acronyms said as words, whose first sound differs from the letter's name.
_WORD_ACRONYMS = word_set("LAN RAM ROM SIM SIP")
# Said both ways: "an F-A-Q" or "a fak"; "an S-Q-L" or "a sequel".
_EITHER_ACRONYMS = word_set("FAQ FAQS SQL SKU SKUS SAP SOX HVAC")
# Words starting with a silent h, or with a sound other than their letter's.
_SILENT_H = ("hour", "honest", "honor", "honour", "heir")
_EITHER_H = ("herb", "historic", "hotel", "homage")
_YOU_SOUND = (
    "eu", "ewe", "uni", "unanim", "use", "usa", "usu", "uti", "uto", "ura", "ure", "uri", "uro",
    "ubiq", "ufo", "ugand", "ukr", "uku",
)
# un- words whose "un" is the negative prefix: "an unidentified caller".
_NEGATIVE_UN = ("unid", "unim", "unin")
# "option a or b", "plan A": a letter, not an article.
_LETTER_LABELS = word_set(
    "option plan part section type grade class category step point column row appendix"
    " annex schedule figure table item version level tier vitamin"
)
# Words that never follow an article; after one, "a" is a letter ("a and b").
_NOT_AFTER_ARTICLE = word_set(
    "and or nor to of in on at is are was were be the a an if as by for from with"
)


def starts_with_vowel_sound(word: str) -> bool | None:
    """Whether ``word`` is said starting with a vowel sound; None when unsure.

    Acronyms read letter by letter take the sound of the first letter's name.

    >>> [starts_with_vowel_sound(w) for w in ("hour", "user", "one-time", "SLA", "KPI", "FAQ")]
    [True, False, False, True, False, None]
    """
    core = re.match(r"[A-Za-z0-9]+", word)
    if not core:
        return None
    core = core.group()
    if core[0].isdigit():
        # eight, eighty, eleven, eighteen: the only numbers said with a vowel.
        if core[0] == "8" or re.fullmatch(r"1[18]", core) or re.match(r"1[18],\d", word):
            return True
        return None if len(core) == 4 and core[0] == "1" else False
    upper_count = sum(char.isupper() for char in core)
    has_digit = any(char.isdigit() for char in core)
    spoken_as_letters = len(core) == 1 or has_digit or (
        upper_count >= 2
        and core.upper() not in _WORD_ACRONYMS
        and (len(core) <= 3 or not re.search(r"[AEIOUaeiou]", core[1:]))
    )
    if core.upper() in _EITHER_ACRONYMS:
        return None
    if spoken_as_letters:
        return core[0].upper() in _VOWEL_LETTERS
    lower = core.lower()
    if lower[0] == "x":
        return None  # "an xterm" (ex-), "a xylophone" (z-)
    if lower.startswith(_SILENT_H):
        return True
    if lower.startswith(_EITHER_H):
        return None
    if lower in ("one", "once"):
        return False  # "a one-time fee": a w sound
    if lower.startswith(_YOU_SOUND) and not lower.startswith(_NEGATIVE_UN):
        return False  # "a user", "a European": a y sound
    return lower[0] in "aeiou"


def _find_a_an(text: str) -> Iterator[Hit]:
    for match in re.finditer(r"(?<![\w'.-])(a|an|A|An|AN)[ \t]+[\"'(]?([A-Za-z0-9][\w,'-]*)", text):
        article, following = match.group(1), match.group(2).rstrip(",'-")
        if article == "A" and not at_sentence_start(text, match.start()):
            continue  # "Plan A and B"
        if previous_word(text, match.start()) in _LETTER_LABELS:
            continue
        if re.match(r"[A-Za-z0-9]+", following).group().lower() in _NOT_AFTER_ARTICLE:
            continue
        vowel = starts_with_vowel_sound(following)
        if vowel is None:
            continue
        if vowel and article.lower() == "a":
            yield Hit(match.start(1), match.end(1), (same_case("an", article),),
                      f'Use "an" before a vowel sound: "an {following}".')
        elif not vowel and article.lower() == "an":
            yield Hit(match.start(1), match.end(1), (same_case("a", article),),
                      f'Use "a" before a consonant sound: "a {following}".')


A_AN = Rule(
    "a-an",
    'Use "an" before a vowel sound and "a" before a consonant sound.',
    _find_a_an,
    catches=("We will reply within a hour.", "This is an user error.", "She is a honest agent.",
             "It was a one-time charge? No, an one-time charge.", "We signed a SLA.",
             "We track an KPI.", "He has a MBA.", "Send me an URL.", "It is a 8-hour shift."),
    passes=("We will reply within an hour.", "This is a user error.", "It is a one-time fee.",
            "We signed an SLA and a KPI sheet.", "Send a URL or an FAQ link.",
            "She is a European client.", "Choose option a or b.", "Plan A is fine.",
            "It is an 8-hour shift.", "He has an MBA.", "A unit price and an uninstall step.",
            "a historic day or an historic day", "We use a LAN and a UI."),
)
