"""Offline grammar and punctuation rules for business email.

``RULES`` is the rule table: each ``Rule`` has an id, a message, a function
that finds its problems in a text, and examples of what it must catch and what
it must leave alone (the tests run them). ``check_grammar`` runs every rule.

The rules favour precision: each pattern comes with context guards, and a rule
stays silent when correct professional English could match it ("could of
course", "if it were", "his wont"). A missed error costs less than a correct
sentence marked wrong.

>>> findings = check_grammar("Its a user error, not an hardware fault.")
>>> [(f.text, f.rule, f.suggestions) for f in findings]
[('Its', 'its-confusion', ("It's",)), ('an', 'a-an', ('a',))]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from typing_test.core.findings import Finding


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


# --- Shared helpers ------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*")
_OPENERS = " \t\"'([{\u2018\u201c"
_CLOSERS = "\"')]\u2019\u201d"


def _previous_word(text: str, start: int) -> str:
    """The lower-case word just before ``start``, if only spaces separate them."""
    match = re.search(r"([A-Za-z]+(?:'[A-Za-z]+)*)[ \t]+$", text[max(0, start - 40) : start])
    return match.group(1).lower() if match else ""


def _next_word(text: str, end: int) -> str:
    """The lower-case word just after ``end``, if only spaces separate them."""
    match = re.match(r"[ \t]+([A-Za-z]+(?:'[A-Za-z]+)*)", text[end : end + 40])
    return match.group(1).lower() if match else ""


def _at_sentence_start(text: str, start: int) -> bool:
    """True when only spaces, quotes or brackets stand between ``start`` and
    the start of the text, of a line, or of a sentence (after . ! ?)."""
    i = start - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    return i < 0 or text[i] in "\n.!?"


def _at_clause_start(text: str, start: int) -> bool:
    """True at the start of a sentence or after a comma, semicolon or colon."""
    i = start - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    return i < 0 or text[i] in "\n.!?,;:"


def _same_case(replacement: str, original: str) -> str:
    """``replacement`` capitalised like ``original`` (lower, Title or UPPER)."""
    if len(original) > 1 and original.isupper():
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def _words(pattern: str) -> re.Pattern[str]:
    """A case-insensitive pattern matching whole words only ($ ends a line)."""
    return re.compile(rf"(?<![\w'-])(?:{pattern})(?![\w'-])", re.IGNORECASE | re.MULTILINE)


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# --- a / an ----------------------------------------------------------------------

# Letters whose names start with a vowel sound: "an F", "an SLA", "an MBA".
_VOWEL_LETTERS = frozenset("AEFHILMNORSX")
# Acronyms said as words, whose first sound differs from the letter's name.
_WORD_ACRONYMS = _word_set("LAN RAM ROM SIM SIP")
# Said both ways: "an F-A-Q" or "a fak"; "an S-Q-L" or "a sequel".
_EITHER_ACRONYMS = _word_set("FAQ FAQS SQL SKU SKUS SAP SOX HVAC")
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
_LETTER_LABELS = _word_set(
    "option plan part section type grade class category step point column row appendix"
    " annex schedule figure table item version level tier vitamin"
)
# Words that never follow an article; after one, "a" is a letter ("a and b").
_NOT_AFTER_ARTICLE = _word_set(
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
        if article == "A" and not _at_sentence_start(text, match.start()):
            continue  # "Plan A and B"
        if _previous_word(text, match.start()) in _LETTER_LABELS:
            continue
        if re.match(r"[A-Za-z0-9]+", following).group().lower() in _NOT_AFTER_ARTICLE:
            continue
        vowel = starts_with_vowel_sound(following)
        if vowel is None:
            continue
        if vowel and article.lower() == "a":
            yield Hit(match.start(1), match.end(1), (_same_case("an", article),),
                      f'Use "an" before a vowel sound: "an {following}".')
        elif not vowel and article.lower() == "an":
            yield Hit(match.start(1), match.end(1), (_same_case("a", article),),
                      f'Use "a" before a consonant sound: "a {following}".')


# --- Repeated words ----------------------------------------------------------

# Doubled on purpose: "I had had enough", "He said that that was fine".
_MAY_REPEAT = _word_set("had that is do")


def _find_repeated_word(text: str) -> Iterator[Hit]:
    pattern = re.compile(r"(?<![\w'-])([A-Za-z]+)(?:[ \t]+|[ \t]*\n[ \t]*)(\1)(?![\w'-])",
                         re.IGNORECASE)
    for match in pattern.finditer(text):
        if match.group(1).lower() in _MAY_REPEAT or match.group(2)[0].isupper():
            continue  # "Bora Bora" is a name
        yield Hit(match.start(1), match.end(2), (match.group(1),))


# --- Capital letters -------------------------------------------------------------

# Abbreviations after which a full stop does not end the sentence.
_ABBREVIATIONS = _word_set(
    "approx apt ave cf co corp dept dr eg est etc ext fig hr hrs ie inc incl jr ltd max min mins"
    " misc mr mrs ms no nos p pp qty ref sr st tel vs jan feb mar apr jun jul aug sep sept oct"
    " nov dec mon tue tues wed thu thur thurs fri sat sun"
)
_LIST_ITEM = re.compile(r"\s*(?:[-*+\u2022]|\d+[.)]|[a-z][.)])\s")
_GREETING = re.compile(
    r"\s*(?:dear|hi|hello|hey|hiya|greetings|good (?:morning|afternoon|evening)|morning"
    r"|afternoon|to whom it may concern)\b",
    re.IGNORECASE,
)


def _is_greeting(line: str) -> bool:
    """"Dear Ms Patel," "Hi Sam" "Good morning all,"."""
    return bool(_GREETING.match(line)) and (
        line.rstrip().endswith(",") or len(line.split()) <= 6
    )


def _ends_sentence(chunk: str) -> bool:
    """True when the text chunk before a space ends a sentence ("done." yes,
    "e.g." "Mr." "approx." "1." "..." no)."""
    if chunk.endswith(("!)", "?)")):
        return False  # "(boring!) you can": an aside inside a sentence
    chunk = chunk.rstrip(_CLOSERS)
    if chunk.endswith(("?", "!")):
        return True
    if not chunk.endswith(".") or chunk.endswith(".."):
        return False
    word = chunk[:-1].lstrip("\"'([")
    if "." in word or len(word) <= 1 or word.isdigit():
        return False
    return word.lower() not in _ABBREVIATIONS


def _sentence_starts(text: str) -> Iterator[int]:
    """Offsets where a sentence starts: after . ! ? and at the start of a line
    that opens a paragraph or follows a finished sentence or a greeting.
    A line that carries on the sentence of the line before does not count."""
    offset = 0
    previous = ""
    for line in text.split("\n"):
        words = previous.split()
        opens = not words or _ends_sentence(words[-1]) or _is_greeting(previous)
        if opens and not _LIST_ITEM.match(line):
            yield offset + re.match(r"[ \t\"'(]*", line).end()
        for gap in re.finditer(r"(\S+)[ \t]+[\"'(]*", line):
            if _ends_sentence(gap.group(1)):
                yield offset + gap.end()
        previous = line
        offset += len(line) + 1


def _find_sentence_case(text: str) -> Iterator[Hit]:
    for start in _sentence_starts(text):
        word = _WORD.match(text, start)
        if not word or not word.group()[0].islower():
            continue
        if re.match(r"[@/]|[.:]\w", text[word.end() : word.end() + 2]):
            continue  # an address or URL: www.example.com, sam@example.com
        if any(char.isupper() for char in word.group()[1:]):
            continue  # a brand written that way: eBay, iPhone
        yield Hit(word.start(), word.end(), (word.group()[0].upper() + word.group()[1:],))


# Not "may" and "march", which are also everyday words.
_DAYS_AND_MONTHS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|april|june"
    "|july|august|september|october|november|december"
)


def _find_day_month_case(text: str) -> Iterator[Hit]:
    for match in re.finditer(rf"(?<![\w'@./-])(?:{_DAYS_AND_MONTHS})(?![\w'@-]|[./]\w)", text):
        word = match.group()
        yield Hit(match.start(), match.end(), (word[0].upper() + word[1:],))


def _find_lowercase_i(text: str) -> Iterator[Hit]:
    pattern = re.compile(r"(?<![\w'.\-/@(])i(?=[ \t\n,;:!?)]|$|\.(?!\w)|'(?:m|ve|ll|d)\b)")
    for match in pattern.finditer(text):
        if _previous_word(text, match.start()) in ("the", "a", "an", "letter"):
            continue  # "press the i key": the letter
        yield Hit(match.start(), match.end(), ("I",))


# --- Confused words ------------------------------------------------------------

def _hit_word(match: re.Match[str], replacement: str, group: int = 1) -> Hit:
    return Hit(match.start(group), match.end(group),
               (_same_case(replacement, match.group(group)),))


# "its" where "it's" (it is, it has) is meant: "its a", "its been".
_ITS_BEFORE = (
    "a|an|not|been|going|taking|getting|happening|too|so|already|also|just|still|now|really"
    "|quite|probably|definitely|actually|my|your|our|their|his"
)
_ITS_ADJECTIVE = (
    "important|possible|impossible|necessary|likely|unlikely|clear|easy|hard|difficult"
    "|essential|great|good|nice|fine|ok|okay|true|worth|urgent|done|ready|fixed|resolved"
    "|working|available|late|here|there"
)
# "it's" where "its" is meant: "on it's way", "the company and it's staff".
# Only after a preposition, or after a verb or "and" with a noun that is
# usually owned: "it's team spirit that counts", "check you're logged in" are
# right.
_OWNED = (
    "account|accounts|bank|behalf|booking|business|call|complaint|concerns|contract|customers"
    "|data|deadline|delivery|details|email|emails|employees|feedback|help|information|invoice"
    "|manager|members|message|money|name|office|order|orders|password|patience|payment"
    "|policy|prices|products|query|question|questions|records|refund|reply|request|service"
    "|staff|support|system|team|terms|website"
)
_OWNED_WORDS = frozenset(_OWNED.split("|"))
_PREPOSITIONS = _word_set("about at by for from in into of on through to under with")
# "from there data flows", "the file in there": "there" as a place.
_BEFORE_PLACE_THERE = _word_set("from in")
_BEFORE_OWNED = _word_set(
    "and check checked confirm confirmed contact contacted reset send sent update updated"
)


def _find_possessive_contraction(text: str, contraction: str, possessive: str) -> Iterator[Hit]:
    """"it's own", "for you're patience", "on they're account": a contraction
    standing where the possessive belongs."""
    pattern = _words(rf"({contraction})[ \t]+([a-z]+)(?![\w'-])")
    for match in pattern.finditer(text):
        before = _previous_word(text, match.start())
        noun = match.group(2).lower()
        if contraction == "there" and before in _BEFORE_PLACE_THERE:
            continue
        if (
            noun == "own"
            or (before in _PREPOSITIONS and contraction != "there")
            or (before in _PREPOSITIONS | _BEFORE_OWNED and noun in _OWNED_WORDS)
        ):
            yield _hit_word(match, possessive)


_DO_OR_TRY = _word_set("do does did doing done try tries tried trying")


def _find_its(text: str) -> Iterator[Hit]:
    before = _words(rf"(its)[ \t]+(?:{_ITS_BEFORE})(?![\w'-])")
    adjective = _words(rf"(its)[ \t]+(?:{_ITS_ADJECTIVE})(?=[ \t]+(?:to|that)\b|[.,!?]|$)")
    for match in list(before.finditer(text)) + list(adjective.finditer(text)):
        if text[match.end() : match.end() + 1] == "-":
            continue  # "its so-called partner"
        yield _hit_word(match, "it's")
    best = _words(r"(its)[ \t]+(?:(?:best|better)[ \t]+to|worth[ \t]+[a-z]+ing)(?![\w'-])")
    for match in best.finditer(text):
        if _previous_word(text, match.start()) not in _DO_OR_TRY:  # "do its best to help"
            yield _hit_word(match, "it's")
    yield from _find_possessive_contraction(text, "it's", "its")
    for match in _words(r"(?:on|under)[ \t]+(it's)[ \t]+way").finditer(text):
        yield _hit_word(match, "its")


# "your" where "you're" (you are) is meant, and the reverse.
_YOUR_BEFORE = "a|an|the|not|so|too|sure"
# "your able to": with "to" after them these words need "you are".
_YOUR_BEFORE_TO = (
    "able|unable|likely|unlikely|welcome|going|supposed|meant|required|entitled|eligible"
)


def _find_your(text: str) -> Iterator[Hit]:
    patterns = (
        _words(rf"(your)[ \t]+(?:{_YOUR_BEFORE}|(?:{_YOUR_BEFORE_TO})[ \t]+to)(?![\w'-])"),
        _words(r"(your)[ \t]+(?:welcome|well)(?=[ \t]*(?:[.,!]|$))"),
    )
    for pattern in patterns:
        for match in pattern.finditer(text):
            yield _hit_word(match, "you're")
    yield from _find_possessive_contraction(text, "you're", "your")


# "their", "there" and "they're".
_BE_FORMS = "is|are|was|were|isn't|aren't|wasn't|weren't|will[ \t]+be|has[ \t]+been|have[ \t]+been"


def _find_there(text: str) -> Iterator[Hit]:
    for match in _words(rf"(their)[ \t]+(?:{_BE_FORMS})(?![\w'-])").finditer(text):
        yield _hit_word(match, "there")
    for match in _words(r"(their)[ \t]+(?:going[ \t]+to|not)(?![\w'-])").finditer(text):
        yield _hit_word(match, "they're")
    yield from _find_possessive_contraction(text, "there", "their")
    yield from _find_possessive_contraction(text, "they're", "their")
    for match in _words(r"(they're)[ \t]+(?:is|was|isn't|wasn't)(?![\w'-])").finditer(text):
        yield _hit_word(match, "there")


# "then" after a comparison; "than" for a time.
_COMPARATIVES = (
    "more|less|fewer|better|worse|rather|other|greater|higher|lower|larger|smaller|bigger"
    "|faster|slower|longer|shorter|cheaper|easier|harder|older|newer|quicker|further|later"
    "|earlier|sooner"
)


def _find_then_than(text: str) -> Iterator[Hit]:
    then = _words(rf"(?:{_COMPARATIVES})[ \t]+(then)(?=[ \t]+[\w$\"'])")
    for match in then.finditer(text):
        if _next_word(text, match.end(1)) == "to":
            continue  # "it is better then to wait": "then" meaning "in that case"
        yield _hit_word(match, "than")
    # "would rather cancel the contract then wait": the comparison of "rather"
    # is still open when "then" comes, unless "and then" starts a new step.
    rather = _words(r"rather[ \t]+((?:[a-z']+[ \t]+){1,5}?)(then)(?=[ \t]+[a-z])")
    for match in rather.finditer(text):
        between = match.group(1).split()
        if "than" not in between and between[-1] not in ("and", "or", "but"):
            yield _hit_word(match, "than", group=2)
    than = _words(r"(?:since|until|till|back|by|and)[ \t]+(than)(?=[ \t]+[a-z])")
    for match in than.finditer(text):
        yield _hit_word(match, "then")
    for match in _words(r"(Than)(?=[ \t]+(?:we|I|you|they|he|she|it|please)\b)").finditer(text):
        if _at_sentence_start(text, match.start(1)):
            yield _hit_word(match, "then")


def _find_modal_of(text: str) -> Iterator[Hit]:
    pattern = _words(r"(could|should|would|must|might|may)[ \t]+(of)(?![ \t]+course\b)")
    for match in pattern.finditer(text):
        if match.group(1) == "May":
            continue  # "in May of last year"
        yield _hit_word(match, "have", group=2)


# --- Subject and verb --------------------------------------------------------------

_SINGULAR_FIXES = {
    "have": "has", "haven't": "hasn't", "are": "is", "aren't": "isn't", "were": "was",
    "weren't": "wasn't", "don't": "doesn't", "want": "wants", "know": "knows",
}
_PLURAL_FIXES = {
    "was": "were", "wasn't": "weren't", "is": "are", "isn't": "aren't", "has": "have",
    "hasn't": "haven't", "does": "do", "doesn't": "don't",
}
# "Does he have", "Should it have", "Let it know": the base form is right there.
_BEFORE_BASE_FORM = _word_set(
    "do does did don't doesn't didn't will would can could should shall may might must won't"
    " wouldn't can't couldn't shouldn't mustn't let lets make makes made help helps see saw"
    " watch had has have to why"
)
# "it" is a subject only at the start of a clause: "the items in it have
# been sent", "customers who use it have asked" are right.
_CLAUSE_OPENERS = _word_set(
    "and but so because when that since although though while until unless or then now once"
)
# "if it were", "as it were", "I wish he were": the subjunctive.
_BEFORE_SUBJUNCTIVE = _word_set(
    "if as though wish wished even only suppose supposing imagine rather whether"
)


def _find_subject_verb(text: str) -> Iterator[Hit]:
    for pronouns, fixes in (("he|she|it", _SINGULAR_FIXES), ("we|they", _PLURAL_FIXES)):
        verbs = "|".join(re.escape(verb) for verb in fixes)
        for match in _words(rf"(?:{pronouns})[ \t]+({verbs})").finditer(text):
            verb = match.group(1).lower()
            before = _previous_word(text, match.start())
            if before in _BEFORE_BASE_FORM:
                continue
            if verb == "were" and before in _BEFORE_SUBJUNCTIVE:
                continue
            pronoun = match.group().split()[0].lower()
            if pronoun == "it" and before not in _CLAUSE_OPENERS and not _at_clause_start(
                text, match.start()
            ):
                continue
            yield _hit_word(match, fixes[verb])


# --- Punctuation and spacing ---------------------------------------------------

# Whole lines (before a final comma, full stop or !) that close an email.
_SIGN_OFFS = frozenset((
    "regards", "kind regards", "kindest regards", "best regards", "warm regards",
    "warmest regards", "with kind regards", "with best regards", "many thanks", "thanks",
    "thank you", "thanks again", "thank you again", "thanks so much", "thanks in advance",
    "thank you in advance", "with thanks", "thanks and regards", "best", "best wishes",
    "with best wishes", "all the best", "sincerely", "yours sincerely", "yours faithfully",
    "yours truly", "cheers", "speak soon", "talk soon", "take care", "respectfully",
))
_HEADER = re.compile(
    r"\s*(?:subject|re|fwd|fw|to|from|cc|bcc|date|sent|attachments?)\s*:", re.IGNORECASE
)


def _is_sign_off(line: str) -> bool:
    return line.strip().rstrip(",.!").strip().lower() in _SIGN_OFFS


def _is_title_line(line: str) -> bool:
    """A short line of capitalised words: a name, a job title, a heading."""
    words = re.findall(r"[^\W\d_][\w'.&-]*", line)
    return 0 < len(words) <= 6 and all(word[0].isupper() for word in words)


def _needs_full_stop(line: str) -> bool:
    """True for the last line of a paragraph that should end with . ! or ?"""
    stripped = line.strip()
    if not re.search(r"[A-Za-z]", stripped):
        return False  # a phone number, a row of dashes
    if stripped.rstrip(_CLOSERS).endswith((".", "!", "?", ":", ";", ",", "\u2026")):
        return False
    last = stripped.split()[-1]
    if re.search(r"@|://|^www\.|\w\.\w", last):
        return False  # ends with an address; a full stop would look like part of it
    return not (
        _is_greeting(stripped)
        or _is_sign_off(stripped)
        or _HEADER.match(stripped)
        or _LIST_ITEM.match(line)
        or _is_title_line(stripped)
    )


def _find_missing_full_stop(text: str) -> Iterator[Hit]:
    offset = 0
    lines = text.split("\n")
    in_signature = False
    for number, line in enumerate(lines):
        start = offset
        offset += len(line) + 1
        if _is_sign_off(line):
            in_signature = True  # the rest is the name and contact details
        if in_signature or not line.strip():
            continue
        paragraph_ends = number + 1 == len(lines) or not lines[number + 1].strip()
        if paragraph_ends and _needs_full_stop(line):
            last = re.search(r"\S+(?=\s*$)", line)
            yield Hit(start + last.start(), start + last.end(), (last.group() + ".",))


def _find_space_before_punctuation(text: str) -> Iterator[Hit]:
    pattern = re.compile(r"(?<=[\w)\]\"'])([ \t]+)([,.;:!?])(?=\s|$)")
    for match in pattern.finditer(text):
        yield Hit(match.start(1), match.end(2), (match.group(2),))


def _find_double_space(text: str) -> Iterator[Hit]:
    # Not after a full stop or colon: two spaces there is an old typing habit,
    # not an error, and lining up "Phone:   0800" in a signature is deliberate.
    for match in re.finditer(r"(?<=[^\s.!?:]) {2,}(?=\S)", text):
        yield Hit(match.start(), match.end(), (" ",))


def _find_alot(text: str) -> Iterator[Hit]:
    for match in _words("(alot)").finditer(text):
        yield _hit_word(match, "a lot")


# --- Missing apostrophes -----------------------------------------------------------

_CONTRACTIONS = {
    "dont": "don't", "doesnt": "doesn't", "didnt": "didn't", "isnt": "isn't",
    "arent": "aren't", "wasnt": "wasn't", "werent": "weren't", "havent": "haven't",
    "hasnt": "hasn't", "hadnt": "hadn't", "couldnt": "couldn't", "shouldnt": "shouldn't",
    "wouldnt": "wouldn't", "mustnt": "mustn't", "neednt": "needn't", "im": "I'm", "ive": "I've",
    "youre": "you're", "youve": "you've", "youll": "you'll", "theyre": "they're",
    "theyve": "they've", "theyll": "they'll", "weve": "we've", "itll": "it'll",
    "thats": "that's", "whats": "what's", "theres": "there's", "heres": "here's",
    "hes": "he's", "shes": "she's",
}
# "cant" and "wont" are also words ("political cant", "as is his wont"): flag
# them only after a subject or before a verb.
_SUBJECTS = _word_set("i you we they he she it this that which who there what system")
_VERBS_AFTER_NEGATION = _word_set(
    "be have do get go make see take find help work start open load let accept allow receive"
    " send print connect log update arrive happen need know give show respond pay charge"
    " process cancel change affect stop run save sync sign attend come call reach confirm"
    " access use wait approve refund reply"
)


def _find_missing_apostrophe(text: str) -> Iterator[Hit]:
    words = "|".join(_CONTRACTIONS)
    pattern = re.compile(rf"(?<![\w'-])({words})(?![\w'-])", re.IGNORECASE)
    for match in pattern.finditer(text):
        word = match.group(1)
        if word.isupper() and len(word) > 1:
            continue  # "IM", "THATS" in a heading is an acronym or shouting
        fixed = _CONTRACTIONS[word.lower()]
        if fixed == "don't" and _previous_word(text, match.start()) in ("he", "she", "it"):
            fixed = "doesn't"  # "he dont" needs the verb fixed too
        suggestion = fixed if fixed.startswith("I'") else _same_case(fixed, word)
        yield Hit(match.start(), match.end(), (suggestion,))
    for match in re.finditer(r"(?<![\w'-])(cant|wont|Cant|Wont)(?![\w'-])", text):
        before = _previous_word(text, match.start())
        after = _next_word(text, match.end())
        if before in _SUBJECTS or after in _VERBS_AFTER_NEGATION:
            fixed = {"cant": "can't", "wont": "won't"}[match.group(1).lower()]
            yield _hit_word(match, fixed)


# --- The rule table ----------------------------------------------------------

RULES: tuple[Rule, ...] = (
    Rule(
        "missing-apostrophe",
        "A contraction needs its apostrophe.",
        _find_missing_apostrophe,
        catches=("I dont have the file.", "im sorry for the delay.", "The page wont load.",
                 "We cant refund it.", "It isnt ready.", "youre right.", "Thats fine."),
        passes=("I don't have the file.", "I'm sorry.", "As is his wont, he replied early.",
                "That is just political cant.", "He lets us know.", "I will call you."),
    ),
    Rule(
        "lowercase-i",
        'Write the pronoun "I" as a capital letter.',
        _find_lowercase_i,
        catches=("Yesterday i sent the form.", "Sam and i will call.", "i'm on it."),
        passes=("I sent the form.", "See clause 4(i) of the contract.", "Many items, i.e. three.",
                "Press the i key."),
    ),
    Rule(
        "day-month-case",
        "Days of the week and months start with a capital letter.",
        _find_day_month_case,
        catches=("See you on monday.", "It was paid in june, not july.", "Every friday at 9am."),
        passes=("See you on Monday.", "It was paid in June.", "We may march on.",
                "Email june.lee@example.com today.", "Open monday.example.com now."),
    ),
    Rule(
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
    ),
    Rule(
        "repeated-word",
        "A word is repeated.",
        _find_repeated_word,
        catches=("Please send the the invoice.", "We will will call you.", "We will\nwill call."),
        passes=("I had had enough.", "He said that that was fine.", "We flew to Bora Bora.",
                "Thanks. Thanks again."),
    ),
    Rule(
        "its-confusion",
        'Use "it\'s" for "it is" or "it has", and "its" for "belonging to it".',
        _find_its,
        catches=("Its a pleasure.", "I think its not ready.", "Its been a week.",
                 "The firm and it's staff.", "The parcel is on it's way.", "Its fine.",
                 "The app has it's own login.", "So its best to wait.", "Its worth checking."),
        passes=("It's a pleasure.", "The company and its staff.", "Its own policy applies.",
                "Check it's done.", "Thanks, it's great.",
                "The team will do its best to help.", "Its worth is clear.",
                "The app and its so-called fix.", "It's way too late.", "Its terms are clear.",
                "It's team spirit that counts.", "I think it's data we need."),
    ),
    Rule(
        "your-confusion",
        'Use "you\'re" for "you are" and "your" for "belonging to you".',
        _find_your,
        catches=("Your welcome.", "I hope your not upset.", "Your going to love it.",
                 "I hope your well.",
                 "Your able to log in now.", "Your welcome to join us.",
                 "Thank you for you're patience.", "Please check you're account.",
                 "Thanks for you're flexibility."),
        passes=("You're welcome.", "Your welcome pack is attached.", "Your order shipped.",
                "Your well-being matters.", "Your well is dry.",
                "Thanks for your going the extra mile.", "You're right.", "Is your team free?",
                "You're team leader now.", "Your already paid invoice.",
                "Please check you're logged in.", "If you're free, call me."),
    ),
    Rule(
        "there-confusion",
        'Use "there" for a place or "there is", "their" for "belonging to them", '
        '"they\'re" for "they are".',
        _find_there,
        catches=("Their is a problem.", "Their going to call.", "We updated there account.",
                 "We spoke to they're manager.", "They have there own team."),
        passes=("There is a problem.", "Their account is open.", "They're going to call.",
                "Is there any update?", "Put it in there, please.", "They're team players.",
                "Is there information about it?", "From there data goes to the CRM."),
    ),
    Rule(
        "then-than",
        'Use "than" to compare and "then" for time or order.',
        _find_then_than,
        catches=("It costs more then $50.", "I would rather then wait.", "It is faster then ever.",
                 "It came two weeks later then planned.", "I'd rather call them then write.",
                 "Check it and than call me.",
                 "Since than we have called twice."),
        passes=("It costs more than $50.", "We will talk later then.", "Call us, then wait.",
                "See you later then!", "I'd rather you call and then write.",
                "I'd rather call than write, then wait.", "More than 5 and less than 9.",
                "Better then to wait a day.", "Since then we have called twice.",
                "First check, then send."),
    ),
    Rule(
        "modal-of",
        'Use "have" after could, should, would, must, might or may ("could have").',
        _find_modal_of,
        catches=("You should of received it.", "It could of been lost.", "We must of missed it."),
        passes=("You should have received it.", "You could of course ask Sam.",
                "One of the most useful.", "It shipped in May of last year."),
    ),
    Rule(
        "subject-verb",
        "The verb does not agree with its subject.",
        _find_subject_verb,
        catches=("He have the file.", "She don't agree.", "It were late.", "They was told.",
                 "We checked, and it have been sent.", "Sorry, it are not ready.",
                 "He have not called.",
                 "We was waiting.", "They is here.", "He are away.", "It have been sent."),
        passes=("He has the file.", "Does he have the file?", "If it were late, call us.",
                "As it were, the deal closed.", "They were told.", "I wish he were here.",
                "Should she have questions, call.", "Let it have a rest.",
                "The items in it have been sent.", "Customers who use it have asked.",
                "The email we sent you was late."),
    ),
    Rule(
        "missing-full-stop",
        "End the paragraph with a full stop.",
        _find_missing_full_stop,
        catches=("Thanks for your order\n\nKind regards,\nSam",
                 "Hi Sam,\n\nYour refund has been issued\n\nBest,\nPriya",
                 "Your ticket is TCK-55812"),
        passes=("Dear Ms Patel,\n\nYour refund has been issued.\n\nKind regards,\nPriya Sharma\n"
                "Billing Team",
                "Subject: Refund for order 2041\n\nHi Sam,\n\nCan you call me?\n\nThanks\nPriya",
                "Next Steps\n\n- check the invoice\n- call the courier\n\nCheers,\nSam",
                "Visit https://help.example.com", "Great news!"),
    ),
    Rule(
        "space-before-punctuation",
        "Remove the space before the punctuation mark.",
        _find_space_before_punctuation,
        catches=("Thanks , Sam.", "Is it ready ?", "Note : the office is closed.",
                 "It is done ."),
        passes=("Thanks, Sam.", "Well ... maybe.", "Use the .NET app.", "Smile :)",
                "Pages 3 - 5."),
    ),
    Rule(
        "double-space",
        "Use a single space between words.",
        _find_double_space,
        catches=("Please  call me.", "The invoice  is attached."),
        passes=("Please call me.", "Done.  Next step.", "Phone:    0800 123 456",
                "    Indented line."),
    ),
    Rule(
        "alot",
        '"A lot" is two words.',
        _find_alot,
        catches=("Thanks alot.", "Alot of customers called."),
        passes=("Thanks a lot.", "We allot two hours."),
    ),
    Rule(
        "sentence-start-case",
        "Start a sentence with a capital letter.",
        _find_sentence_case,
        catches=("thanks for your email.", "It is done. please check.", "Is it ready? we wait.",
                 "Hi Sam,\nthanks for the update.", "Hello.\n\nthe file is attached."),
        passes=("Thanks for your email.", "See e.g. the invoice.", "Meet at 10 a.m. tomorrow.",
                "It costs approx. ten pounds.", "It is done. Please check.",
                "- check the invoice\n- call the courier", "www.example.com is down.",
                "Read the guide (boring!) and call us.",
                "Our line\ncontinues here.", "eBay is a marketplace."),
    ),
)


def check_grammar(text: str) -> list[Finding]:
    """The grammar findings of ``text``, sorted by position.

    When two rules flag overlapping text, the rule listed first in ``RULES``
    wins: "im sorry" at the start of a sentence is one finding ("I'm"), not two.

    >>> [f.text for f in check_grammar("i think their is alot to do")]
    ['i', 'their', 'alot', 'do']
    """
    straight = text.replace("\u2019", "'")
    kept: list[Finding] = []
    for rule in RULES:
        for hit in rule.find(straight):
            if any(hit.start < f.end and f.start < hit.end for f in kept):
                continue
            kept.append(
                Finding(hit.start, hit.end, text[hit.start : hit.end], "grammar", rule.id,
                        hit.message or rule.message, hit.suggestions)
            )
    return sorted(kept, key=lambda f: (f.start, f.end))
