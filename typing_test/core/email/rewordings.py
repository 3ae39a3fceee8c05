"""Rewordings that keep an email's meaning: the changes a proofreader may make for free.

Proofreading grading (``proofreading.py``) asks this module one question about
a change the candidate made: is the new text a *rewording* of the old one that
keeps its meaning? :func:`same_meaning` answers it from small, fixed tables,
never by guessing; anything the tables do not cover is a real change. The
grader then also requires the offline checker to find nothing in the changed
place before it lets the change cost nothing.

Both texts are given as comparison keys (``tokens.comparison_tokens``: words
and marks, a leading space marking whitespace before a token; contractions,
British spellings, number words, times and "thanks" already have equal keys).
Each side, with a few words of context around it, is rewritten into a
canonical form, in this order, and the two forms must be equal:

1. **Optional commas** are dropped: before "because"; between a weekday and a
   date ("Saturday, 12 October"); after a salutation ("Dear Samuel,") or a
   sign-off ("Kind regards,"), which open punctuation leaves out; and after
   a short introductory phrase of the
   :data:`INTRODUCTIONS` list at the start of a sentence ("Otherwise, we" /
   "Otherwise we"). "However" is not in that list: the drills treat
   "However we" as a mistake. A comma before "and" or "but" stays: it may
   join two clauses, where it is needed.
2. **Sentence boundaries**: between two clauses, a full stop and a capital
   ("... the change. It may"), a semicolon, and a comma with "and" or "so"
   before a subject ("... the change, so it may") are the same; so are a
   comma with "which" and a full stop with "This", "That" or "It" (", which
   is the same price" / ". This is the same price"). "but", "or" and
   "because" are never dropped: they carry meaning.
3. **Synonyms**: a phrase of a :data:`SYNONYMS` group matches any other
   phrase of the same group ("notice"/"spot", "In the meantime"/"Until
   then", "are very sorry"/"apologise", "Kind regards"/"Best regards").
   Groups list every word form they accept, so "spot" never passes for
   "noticed", and "am sorry" and "are sorry" are separate groups. A capital
   first letter must stay a capital.
4. **Articles**: "a" and "an" are one word written two ways; the checker
   judges which one the next word needs ("a error" is flagged, so "a
   mistake" -> "an error" passes and "a mistake" -> "a error" does not). At
   a seeded mistake (``at_mistake=True``) "the" joins them: another article
   is a fix for the checker to judge ("a invoice" is flagged, "the invoice"
   is not).

Numbers, amounts, dates, times, names, negation, modal verbs and tenses are
never rewritten by any rule, so a change to any of them is always a real
change, and so is any word the tables do not list.

>>> keys = lambda text: list(comparison_keys(text))
>>> same_meaning(keys("If you notice a mistake"), keys("If you spot a mistake"))
True
>>> same_meaning(keys("If you notice a mistake"), keys("If you see a mistake"))
False
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from typing_test.core.email.tokens import comparison_keys

# Groups of phrases that mean the same in a business email, whatever the
# sentence; each line is one group, phrases separated by "|". Every word form
# is listed on its own, so a group never changes tense, number or person.
_SYNONYM_GROUPS = """
verb: notice | spot
verb: noticed | spotted
noun: point | matter
noun: points | matters
main | chief | principal | primary
kind regards | best regards | warm regards | regards | best wishes
am sorry | am very sorry | am so sorry | am really sorry | am truly sorry | am extremely sorry
    | apologize
are sorry | are very sorry | are so sorry | are really sorry | are truly sorry
    | are extremely sorry | apologize
in the meantime | meanwhile | until then | in the meanwhile
every time | each time | whenever
alongside | along with | together with | as well as | plus
immediately | straight away | straightaway | right away | at once
a lot of | lots of | many of
really | very | so | extremely
happy | glad | pleased
verb: help | assist
verb: helps | assists
verb: start | begin
verb: starts | begins
verb: finish | end
verb: finishes | ends
tell | inform
tells | informs
told | informed
verb: reply | respond
verb: replies | responds
replied | responded
whole | entire
later | afterwards | after that
learn more | find out more
noun: mistake | error
noun: mistakes | errors
noun: problem | issue
noun: problems | issues
verb: choose | select | pick
make sure | ensure
simply | just
customer | client
customers | clients
throw it away | dispose of it
throw them away | dispose of them
regardless of | irrespective of
as soon as possible | as soon as you can
attached | enclosed
soon | shortly
unable to | not able to
"""
# A group marked "verb:" holds words that are also nouns ("a notice", "the
# end"), and one marked "noun:" words that are also verbs ("it matters"): its
# phrases match only after a word that shows the part of speech, a subject,
# modal or "to" before a verb (:data:`_BEFORE_A_VERB`), anything else before
# a noun. So "the privacy notice" never becomes "the privacy spot".
_BEFORE_A_VERB = frozenset(
    """i you we they he she it to please will would can could may might shall should
    must not also and then just simply still now already usually often always never
    did do does have has had""".split()
)


def _synonym_groups() -> tuple[dict[tuple[str, ...], frozenset[int]], dict[int, str]]:
    """Each phrase, as lower-case comparison words, with the numbers of its groups;
    and the part of speech ("verb", "noun" or "") of each group."""
    table: dict[tuple[str, ...], set[int]] = {}
    parts: dict[int, str] = {}
    # A line that starts with "|" goes on the group above.
    lines = _SYNONYM_GROUPS.replace("\n    |", " |").strip().splitlines()
    for number, line in enumerate(lines):
        part, _, phrases = line.rpartition(":")
        parts[number] = part
        for phrase in phrases.split("|"):
            words = tuple(key.strip().lower() for key in comparison_keys(phrase.strip()))
            table.setdefault(words, set()).add(number)
    return {words: frozenset(groups) for words, groups in table.items()}, parts


SYNONYMS, _PARTS = _synonym_groups()
_LONGEST_SYNONYM = max(len(words) for words in SYNONYMS)

# Introductory phrases that may or may not take a comma at the start of a
# sentence ("Otherwise, we may" / "Otherwise we may"), as lower-case words.
INTRODUCTIONS = frozenset(
    tuple(phrase.split())
    for phrase in """otherwise|meanwhile|then|instead|afterwards|today|tomorrow|yesterday
    |currently|unfortunately|fortunately|finally|first|next|now|later|since then
    |until then|in the meantime|for example|of course|in addition|as a result
    |as requested|if so|if not|in the morning|in the afternoon|in the evening
    """.replace("\n", "").split("|")
    if phrase.strip()
)
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
# Words that start a clause after ", and" or ", so" (a subject, or "please").
_SUBJECTS = frozenset("i we you it they he she this that there these those please".split())
# Words written with a capital only because they start a sentence, compared in
# lower case after a boundary ("The" after a full stop, "the" after ", and").
_SENTENCE_STARTERS = _SUBJECTS - {"i"} | frozenset(
    "the a an our your their my his her all any each some if when".split()
)
_REFERENCES = frozenset({"this", "that", "it"})
_ARTICLES = frozenset({"a", "an", "the"})
_INDEFINITE = frozenset({"a", "an"})
_SENTENCE_ENDS = frozenset({".", "!", "?", "<start>"})

# The rules rewrite a few words at a time: a change longer than this is never
# a rewording (and a rewritten email is not read rule by rule).
MAX_KEYS = 24

# Keys a side may be given as context: the start of the text.
START = "<start>"


@dataclass(frozen=True)
class _Which:
    """", which" after a clause: matches "This", "That" or "It" starting the next sentence."""

    def matches(self, other: object) -> bool:
        return other is self or (isinstance(other, str) and other.strip() in _REFERENCES)


_WHICH = _Which()


@dataclass(frozen=True)
class _Phrase:
    """A phrase of the synonym table, as written (``words``, lower case) with
    the groups it may stand for here: it matches the same words, or any
    phrase sharing one of ``groups``."""

    words: tuple[str, ...]
    groups: frozenset[int]
    spaced: bool
    capital: bool

    def matches(self, other: object) -> bool:
        return (
            isinstance(other, _Phrase)
            and (self.spaced, self.capital) == (other.spaced, other.capital)
            and (self.words == other.words or bool(self.groups & other.groups))
        )


def same_meaning(
    before: Sequence[str],
    after: Sequence[str],
    left: Sequence[str] = (START,),
    right: Sequence[str] = (),
    *,
    at_mistake: bool = False,
) -> bool:
    """Whether ``after`` rewords ``before`` without changing its meaning, by the rules above.

    ``before`` and ``after`` are comparison keys; ``left`` and ``right`` are the
    keys around the place, the same on both sides (a few words are enough;
    ``START`` marks the start of the text). ``at_mistake`` allows another
    article at a seeded mistake.

    >>> keys = lambda text: list(comparison_keys(text))
    >>> same_meaning(keys(", so it may"), keys(". It may"), keys("the change"))
    True
    >>> same_meaning(keys(", which is"), keys(". This is"), keys("$119.00"))
    True
    >>> same_meaning(keys(", but it may"), keys(". It may"), keys("the change"))
    False
    >>> same_meaning(keys("Saturday, 12"), keys("Saturday 12"))
    True
    >>> same_meaning(keys("In the meantime,"), keys("Until then"), [START], [" please"])
    True
    >>> same_meaning(keys("will not"), keys("will"))
    False
    """
    if list(before) == list(after):
        return True
    if max(len(before), len(after)) > MAX_KEYS or abs(len(before) - len(after)) > _LONGEST_SYNONYM:
        return False  # no rule rewrites this much
    return _equal(
        _canonical([*left, *before, *right], at_mistake),
        _canonical([*left, *after, *right], at_mistake),
    )


def _equal(first: list[object], second: list[object]) -> bool:
    if len(first) != len(second):
        return False
    for a, b in zip(first, second, strict=True):
        if a != b and not any(
            isinstance(x, _Phrase | _Which) and x.matches(y) for x, y in ((a, b), (b, a))
        ):
            return False
    return True


def _canonical(keys: list[str], at_mistake: bool) -> list[object]:
    """``keys`` rewritten into the canonical form that :func:`same_meaning` compares."""
    units = _with_boundaries(_without_optional_commas(keys))
    units = _with_synonyms(units)
    articles = _ARTICLES if at_mistake else _INDEFINITE
    return [_article(unit, articles) for unit in units]


def _word(key: object) -> str:
    return key.strip().lower() if isinstance(key, str) else ""


def _without_optional_commas(keys: list[str]) -> list[str]:
    kept: list[str] = []
    for index, key in enumerate(keys):
        if key == "," and _comma_is_optional(keys, index):
            continue
        kept.append(key)
    return kept


def _comma_is_optional(keys: list[str], index: int) -> bool:
    after = _word(keys[index + 1]) if index + 1 < len(keys) else ""
    before = _word(keys[index - 1]) if index else ""
    if after == "because":
        return True
    if before in _WEEKDAYS and after.isdigit():
        return True
    if _ends_salutation_or_sign_off(keys[:index]):
        return True
    # An introductory phrase: the words since the start of the sentence.
    start = index
    while start > 0 and _word(keys[start - 1]) not in _SENTENCE_ENDS:
        start -= 1
    if start == 0 and keys and keys[0] != START:
        return False  # the sentence starts before the context: unknown
    return tuple(_word(key) for key in keys[start:index]) in INTRODUCTIONS


def _ends_salutation_or_sign_off(keys: list[str]) -> bool:
    """Whether ``keys`` end with "Dear" and one to three capitalised words
    ("Dear Ms Silva"), or with a sign-off ("Kind regards"): open punctuation
    leaves out the comma after either."""
    for size in range(2, 5):
        words = [key.strip() for key in keys[-size:]]
        if len(words) == size and words[0] in ("Dear", "Hello", "Hi"):
            if all(word[:1].isupper() for word in words[1:]):
                return True
    for size in range(1, 3):
        words = [key.strip() for key in keys[-size:]]
        phrase = " ".join(words)
        if len(words) == size and phrase[:1].isupper() and phrase.lower() in _SIGN_OFFS:
            return True
    return False


_SIGN_OFFS = frozenset(
    "kind regards|best regards|warm regards|regards|best wishes|yours sincerely"
    "|yours faithfully|many thanks|with thanks".split("|")
)


def _with_synonyms(keys: list[object]) -> list[object]:
    units: list[object] = []
    all_words = [_word(key) for key in keys]
    index = 0
    while index < len(keys):
        after_verb_word = index > 0 and all_words[index - 1] in _BEFORE_A_VERB
        for size in range(min(_LONGEST_SYNONYM, len(keys) - index), 0, -1):
            words = tuple(all_words[index : index + size])
            groups = frozenset(
                group
                for group in SYNONYMS.get(words, ())
                if _PARTS[group] != ("noun" if after_verb_word else "verb")
            )
            if words in SYNONYMS:
                # Kept as a phrase even where the part of speech rules its
                # groups out, so that it still matches the same words.
                first = str(keys[index])
                spaced = first.startswith(" ")
                capital = first.strip()[:1].isupper()
                units.append(_Phrase(words, groups, spaced, capital))
                index += size
                break
        else:
            units.append(keys[index])
            index += 1
    return units


def _with_boundaries(units: list[str]) -> list[object]:
    """Clause boundaries ("." + capital, ";", ", and" / ", so" + subject) as one mark."""
    result: list[object] = []
    index = 0
    while index < len(units):
        unit = units[index]
        nxt = units[index + 1] if index + 1 < len(units) else None
        third = units[index + 2] if index + 2 < len(units) else None
        if unit == "." and isinstance(nxt, str) and nxt.strip()[:1].isupper():
            result += ["<boundary>", _starter(nxt)]
            index += 2
        elif unit == ";" and isinstance(nxt, str) and nxt.strip()[:1].islower():
            result += ["<boundary>", _starter(nxt)]
            index += 2
        elif unit == "," and _word(nxt) in ("and", "so") and _word(third) in _SUBJECTS:
            result += ["<boundary>", _starter(third)]
            index += 3
        elif unit == "," and _word(nxt) == "which":
            result += ["<boundary>", _WHICH]
            index += 2
        else:
            result.append(unit)
            index += 1
    return result


def _starter(key: str) -> str:
    """The first word of a clause, in lower case when only its place gave it a capital."""
    word = key.strip()
    return " " + (word.lower() if word.lower() in _SENTENCE_STARTERS else word)


def _article(unit: object, articles: frozenset[str]) -> object:
    if isinstance(unit, str) and _word(unit) in articles:
        capital = unit.strip()[:1].isupper()
        return ("<article>", unit.startswith(" "), capital)
    return unit
