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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from typing_test.core.email.findings import Finding


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


def _previous_word(text: str, start: int, *, across_lines: bool = False) -> str:
    """The lower-case word just before ``start``, if only spaces separate them
    (or spaces and line breaks, with ``across_lines``: a sentence wrapped
    over two lines)."""
    space = r"\s" if across_lines else r"[ \t]"
    match = re.search(rf"([A-Za-z]+(?:'[A-Za-z]+)*){space}+$", text[max(0, start - 40) : start])
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


def _any_of(words: Iterable[str]) -> str:
    """A regular-expression alternation of ``words``, in a fixed order."""
    return "|".join(sorted(words))


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
    if chunk == ".":
        return True  # "It is done . please check": a full stop after a stray space
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
            bullet = gap.group(1) == "." and not line[: gap.start()].strip()  # ". to wrap"
            if _ends_sentence(gap.group(1)) and not bullet:
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
        if re.match(r"\(\w{1,3}\)", text[word.start() - 1 : word.end() + 1]):
            continue  # a list marker: (a), (b), (iv)
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


def _hit_words(match: re.Match[str], replacements: tuple[str, ...], group: int = 1) -> Hit:
    return Hit(match.start(group), match.end(group),
               tuple(_same_case(word, match.group(group)) for word in replacements))


_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z]+(?:'[A-Za-z]+)*)")
_PREPOSITIONS = _word_set("about at by for from in into of on through to under with")

# What "you are", "they are" or "it is" goes on with, when "your", "their"
# or "its" was written instead: an -ing verb or an adjective that stands
# after a verb, not before a noun.

# -ing words that are verbs after "your" or "their" ("your sending",
# "their causing"), unless a noun they describe follows ("their sending bank").
# Not the -ing words that are often nouns: "your booking", "their meeting".
_PROGRESSIVE = _word_set(
    "sending looking expecting hoping getting doing making taking telling giving"
    " keeping preparing considering causing using being having experiencing facing raising"
    " cutting adding removing introducing launching replacing upgrading reviewing fixing"
    " sorting handling arranging investigating contacting chasing organising organizing"
)
# -ing words that are as often adjectives or nouns ("your working hours",
# "their coming visit", "their asking price"): verbs only before a particle
# ("your working on it", "their coming back", "your trying to").
_PROGRESSIVE_WITH_PARTICLE = _word_set(
    "going coming trying working waiting running moving leaving paying calling planning asking"
    " staying travelling traveling speaking talking writing living starting arriving"
    " struggling complaining dealing"
)
# A particle or a pronoun object after an -ing word makes it a verb:
# "their going back", "your asking us".
_PARTICLES = _word_set(
    "on with from for to at in into through out back up away off again together today now"
    " tomorrow soon later shortly late early hard by us you them me him it"
)
# How the object of an -ing verb starts: "your sending it", "their doing
# well", "their raising prices" (a plural). A singular noun after the -ing
# word is described by it instead: "their sending bank", "its handling fee";
# "of" makes the -ing word a noun: "their handling of the case".
_OBJECT_STARTS = _PARTICLES | _word_set(
    "a an the this that these those our your their his her its my some any all every each no"
    " more less both another everything something anything nothing trouble difficulty fun"
    " well fine great good badly better worse"
)
# Plural nouns an -ing word describes: "their handling fees".
_AFTER_ING_NOUN = _word_set(
    "times lists rooms costs dates hours days points instructions expenses fees charges"
    " accounts offices teams banks"
)
# Adjectives that say how someone is ("aware of", "happy with", "welcome."):
# after "your" or "their" they need "you're" or "they're" unless a noun
# follows ("your free trial", "their late payment").
_PREDICATIVE = _word_set(
    "able unable aware unaware sure unsure happy unhappy pleased satisfied interested welcome"
    " free busy late ready available unavailable eligible entitled responsible correct wrong"
    " keen lucky"
)
_AFTER_PREDICATIVE = _word_set(
    "to that with about for of in at on by now today again here too enough already"
)
# Adverbs between "are" and what follows it: "you're always welcome".
_ADVERBS_AFTER_BE = _word_set(
    "always already still now also just currently probably definitely really actually never"
    " very quite"
)
# After these an -ing word is a gerund and "your" is right: "thanks for your
# going the extra mile", "we appreciate their being patient".
_BEFORE_GERUND = _PREPOSITIONS | _word_set(
    "after before despite without regarding including like appreciate appreciated"
    " appreciates regret mind excuse forgive imagine"
)


def _reads_as_be_complement(text: str, end: int) -> bool:
    """True when the words after ``end`` go after "are" or "is": an -ing verb
    ("sending it", "waiting for"), or an adjective that does not describe a
    following noun ("aware of", "happy with", "welcome."), after an optional
    adverb ("always welcome", "still waiting").

    >>> [_reads_as_be_complement(t, 4) for t in ("your still waiting for", "your free trial")]
    [True, False]
    """
    match = _NEXT_WORD.match(text, end)
    adverb = bool(match) and match.group(1).lower() in _ADVERBS_AFTER_BE
    if adverb:
        match = _NEXT_WORD.match(text, match.end())
    if not match or text[match.end() : match.end() + 1] == "-":
        return False
    word = match.group(1).lower()
    following = _next_word(text, match.end())
    # "still waiting." ends a clause; "show your working." is a noun.
    ends_clause = text[match.end() : match.end() + 1] in (".", ",", "!", "?", ";", ":")
    if word in _PROGRESSIVE or word in _PROGRESSIVE_WITH_PARTICLE:
        if adverb and ends_clause:
            return True
        if word in _PROGRESSIVE:
            plural = following.endswith("s") and not following.endswith("ss")
            return following in _OBJECT_STARTS or (plural and following not in _AFTER_ING_NOUN)
        return following in _PARTICLES
    if word in _PREDICATIVE:
        if word == "free" and following == "of":
            return False  # "your free of charge upgrade"
        return ends_clause or following in _AFTER_PREDICATIVE
    return False


# "its" where "it's" (it is, it has) is meant: "its a", "its been".
_ITS_BEFORE = (
    "a|an|not|been|going|taking|getting|happening|too|so|already|also|just|still|now|really"
    "|quite|probably|definitely|actually|my|your|our|their|his|the|this|these|those|all|no"
    "|nothing|always|never|about|because|in|on|at|with|from|for|me|us|you|him|them"
    "|(?:up|due)[ \t]+to"
)
_ITS_ADJECTIVE = (
    "important|possible|impossible|necessary|likely|unlikely|clear|easy|hard|difficult"
    "|essential|great|good|nice|fine|ok|okay|true|worth|urgent|done|ready|fixed|resolved"
    "|working|available|late|here|there|correct|wrong|free|broken|open|closed|complete"
    "|finished|normal|strange|odd|unusual|common|obvious|simple|quick|cheap|expensive|busy"
    "|quiet|unclear|certain|fair|unfair|safe|secure|sorted|sent|paid|approved|booked"
    "|confirmed|scheduled|gone|over|out"
)
# What follows such an adjective when "it's" is meant: "its fine with me".
_AFTER_ITS_ADJECTIVE = "to|that|for|with|now|today|again|too|enough"
# "it's" where "its" is meant: "on it's way", "the company and it's staff".
# Only after a preposition, after a verb or "and" with a noun that is
# usually owned, or before such a noun and a verb ("you're account has"):
# "it's team spirit that counts", "check you're logged in" are right.
_OWNED = (
    "account|accounts|address|application|appointment|balance|bank|behalf|bill|booking"
    "|budget|business|call|card|case|claim|clients|colleagues|complaint|concerns|contract"
    "|cooperation|customers|data|deadline|delivery|department|details|documents|efforts"
    "|email|emails|employees|feedback|file|files|flexibility|help|information|invoice"
    "|invoices|items|manager|members|message|money|name|number|office|order|orders|parcel"
    "|password|patience|payment|payments|phone|plan|policy|prices|products|profile|query"
    "|question|questions|receipt|records|refund|reply|report|reports|request|results"
    "|schedule|service|shift|staff|subscription|support|system|team|teams|terms|ticket"
    "|tickets|users|website"
)
_OWNED_WORDS = frozenset(_OWNED.split("|"))
# "from there data flows", "the file in there", "out there customers wait":
# "there" as a place.
_BEFORE_PLACE_THERE = _word_set("from in out up down over back here")
# Verbs whose object is often someone's thing: "update there details",
# "remind you're team". Not verbs that take a clause ("confirm it's done"
# is right) other than "check" and "confirm", whose clause rarely starts
# with a noun.
_BEFORE_OWNED = _word_set(
    "and check checked confirm confirmed contact contacted reset send sent update updated"
    " share shared review reviewed verify verified cancel cancelled canceled change changed"
    " process processed submit submitted provide provided enter entered attach attached"
    " include included approve approved renew renewed improve improved lose lost keep kept"
    " protect protected use used increase increased reduce reduced raise raised close"
    " closed open opened remind reminded ask asked inform informed let lets thank thanked"
    " call called email emailed give gave add added"
)
# Verbs that show the word before them is a subject: "you're account has".
_FINITE = (
    "is|are|was|were|has|have|had|will|would|can|could|should|may|might|must|does|do|did"
    "|isn't|aren't|wasn't|weren't|hasn't|haven't|won't|can't|doesn't|don't|didn't"
)
# A "there" that opens a clause: "I think there going", "if there happy".
_BEFORE_CLAUSE_THERE = _word_set(
    "if because since when unless whether think hope believe guess sure know that while"
    " once until"
)


def _find_possessive_contraction(text: str, contraction: str, possessive: str) -> Iterator[Hit]:
    """"it's own", "for you're patience", "on they're account", "you're order
    has shipped": a contraction standing where the possessive belongs."""
    pattern = _words(rf"({contraction})[ \t]+([a-z]+)(?![\w'-])")
    for match in pattern.finditer(text):
        if match.group(1).startswith("IT"):
            continue  # "IT's new laptops": the IT department
        before = _previous_word(text, match.start())
        noun = match.group(2).lower()
        if contraction == "there" and (
            before in _BEFORE_PLACE_THERE or text[: match.start()].lower().endswith("here and ")
        ):
            continue
        if (
            noun == "own"
            or (before in _PREPOSITIONS and contraction != "there")
            or (before in _PREPOSITIONS | _BEFORE_OWNED and noun in _OWNED_WORDS)
        ):
            yield _hit_word(match, possessive)
    subject = _words(rf"({contraction})[ \t]+(?:{_OWNED})[ \t]+(?:{_FINITE})(?![\w'-])")
    for match in subject.finditer(text):
        if match.group(1).startswith("IT"):
            continue
        before = _previous_word(text, match.start())
        if contraction == "there" and not (
            (before in _CLAUSE_OPENERS and before != "and") or _at_clause_start(text, match.start())
        ):
            continue  # "Is there data that...", "here and there customers have"
        yield _hit_word(match, possessive)


# What may stand between "there" and its verb: "there still is", "there it
# is". Any other word there is a noun: "There factory had a fire."
_NOT_A_NOUN_AFTER_THERE = _word_set(
    "i you we they he she it this that these those who what which one someone anyone everyone"
    " nobody something anything nothing everything also still often always never now then"
    " sometimes already just only even once soon ever yet too again indeed perhaps therefore"
    " thus hence likewise maybe instead however rather nonetheless nevertheless"
)
# Singular verbs that show the words before them are a subject: "it's
# delivery charge is high", "you're new password works".
_SINGULAR_FINITE = (
    "is|was|has|isn't|wasn't|hasn't|does|doesn't|means|needs|costs|works|looks|seems"
    "|includes|shows|makes|takes|gives|offers|runs"
)
# Words that open a clause of their own, as in "it's the one that is": the
# verb after them does not belong to the contraction.
_STARTS_INNER_CLAUSE = _word_set(
    "that which who whom whose what where when how why i we you they he she it there anyone"
    " anybody someone somebody everyone everybody nobody nothing something everything not"
)
_OPENS_MAIN_CLAUSE = _word_set("and but so because since although though while")


def _find_contraction_before_a_verb(
    text: str, contraction: str, possessive: str
) -> Iterator[Hit]:
    """"but it's delivery charge is high": a contraction that opens a clause,
    then a short noun phrase and its verb. "The reason it's late is" and
    "it's data customers have" are right."""
    pattern = _words(
        rf"({contraction})((?:[ \t]+[a-z]+){{1,2}})[ \t]+(?:{_SINGULAR_FINITE})(?![\w'-])"
    )
    for match in pattern.finditer(text):
        words = match.group(2).split()
        if match.group(2) != match.group(2).lower() or match.group(1).startswith("IT"):
            continue  # "it's Sam who has", "IT's"
        if any(word in _STARTS_INNER_CLAUSE or word in _ADVERBS_AFTER_BE for word in words):
            continue  # "it's the one that is", "it's really is"
        if words[-1].endswith("s") and not words[-1].endswith("ss"):
            continue  # a plural noun before a singular verb: not a subject
        before = _previous_word(text, match.start())
        if before in _OPENS_MAIN_CLAUSE or (not before and _at_clause_start(text, match.start())):
            yield _hit_word(match, possessive)


_DO_OR_TRY = _word_set("do does did doing done try tries tried trying")


def _find_its(text: str) -> Iterator[Hit]:
    before = _words(rf"(its)[ \t]+(?:{_ITS_BEFORE})(?![\w'-])")
    adjective = _words(
        rf"(its)[ \t]+(?:{_ITS_ADJECTIVE})"
        rf"(?=[ \t]+(?:{_AFTER_ITS_ADJECTIVE})\b|[.,!?]|$)"
    )
    for match in list(before.finditer(text)) + list(adjective.finditer(text)):
        if text[match.end() : match.end() + 1] == "-":
            continue  # "its so-called partner"
        yield _hit_word(match, "it's")
    for match in _words(r"(its)[ \t]+time[ \t]+to(?![\w'-])").finditer(text):
        if _previous_word(text, match.start()) in _BEFORE_SUBJECT_IT or _at_clause_start(
            text, match.start()
        ):
            yield _hit_word(match, "it's")  # not "cut its time to market"
    best = _words(r"(its)[ \t]+(?:(?:best|better)[ \t]+to|worth[ \t]+[a-z]+ing)(?![\w'-])")
    for match in best.finditer(text):
        if _previous_word(text, match.start()) not in _DO_OR_TRY:  # "do its best to help"
            yield _hit_word(match, "it's")
    for match in _words("(its)").finditer(text):
        if _previous_word(text, match.start()) not in _BEFORE_GERUND and (
            _reads_as_be_complement(text, match.end())
        ):
            yield _hit_word(match, "it's")
    yield from _find_possessive_contraction(text, "it's", "its")
    yield from _find_contraction_before_a_verb(text, "it's", "its")
    for match in _words(r"(?:on|under)[ \t]+(it's)[ \t]+way").finditer(text):
        yield _hit_word(match, "its")


# "your" where "you're" (you are) is meant, and the reverse.
_YOUR_BEFORE = (
    "a|an|the|not|so|too|sure|this|these|those|my|our|his|her|their|its|in|on|at|with|into"
    "|from|about[ \t]+to"
)
# "your able to": with "to" after them these words need "you are".
_YOUR_BEFORE_TO = (
    "able|unable|likely|unlikely|welcome|going|supposed|meant|required|entitled|eligible"
)
# "Give it your all" and "they gave their all" are right.
_BEFORE_ALL = _word_set("it give gives gave given giving")
# "I think your right" needs "you're"; "it is your right" is right.
_BEFORE_YOU_ARE_RIGHT = _word_set(
    "think hope believe guess sure agree feel so and but yes if because maybe perhaps"
)


def _find_your(text: str) -> Iterator[Hit]:
    before = _words(rf"(your)[ \t]+(?:{_YOUR_BEFORE}|(?:{_YOUR_BEFORE_TO})[ \t]+to)(?![\w'-])")
    for match in before.finditer(text):
        if _previous_word(text, match.start()) not in _BEFORE_GERUND:
            yield _hit_word(match, "you're")  # not "thanks for your going to the trouble"
    for match in _words(r"(your)[ \t]+(?:welcome|well)(?=[ \t]*(?:[.,!]|$))").finditer(text):
        if _previous_word(text, match.start()) not in _BEFORE_GERUND:
            yield _hit_word(match, "you're")  # not "thank you for your welcome."
    for match in _words("(your)").finditer(text):
        before = _previous_word(text, match.start())
        if before not in _BEFORE_GERUND and _reads_as_be_complement(text, match.end()):
            yield _hit_word(match, "you're")
    for match in _words(r"(your)[ \t]+all(?=[ \t]+[a-z])").finditer(text):
        if _previous_word(text, match.start()) not in _BEFORE_ALL:
            yield _hit_word(match, "you're")
    for match in _words(r"(your)[ \t]+right(?=[ \t]*[.,!?;]|[ \t]+(?:about|that)\b)").finditer(
        text
    ):
        before = _previous_word(text, match.start())
        if before in _BEFORE_YOU_ARE_RIGHT or _at_clause_start(text, match.start()):
            yield _hit_word(match, "you're")
    for match in _words("(your's)").finditer(text):
        yield _hit_word(match, "yours")
    yield from _find_possessive_contraction(text, "you're", "your")
    yield from _find_contraction_before_a_verb(text, "you're", "your")


# "their", "there" and "they're".
_BE_FORMS = "is|are|was|were|isn't|aren't|wasn't|weren't|will[ \t]+be|has[ \t]+been|have[ \t]+been"
# "their might be", "their seems to be": what only follows "there".
_AFTER_THERE = (
    rf"{_BE_FORMS}|had[ \t]+been|seems?|appears?|exists?|used[ \t]+to[ \t]+be"
    r"|(?:would|can|could|should|may|might|must|won't|wouldn't|can't|couldn't|shouldn't)"
    r"(?:[ \t]+not)?[ \t]+(?:be|have[ \t]+been)"
)
# "Is their a problem?": a question about what exists.
_EXISTING = "a|an|any|anything|anyone|anybody|no|nothing|nobody|enough|another|someone|something"
# "their's a fee": what follows "there's".
_AFTER_THERE_IS = _word_set(
    "a an no nothing been going not some still also only always just never any one plenty"
    " lots too more someone something another"
)
_THEY_ARE_BEFORE = "a|an|the|so|too|sure|both|in|on|at|with|into|from|about[ \t]+to"
# "Is there anyone's name missing?": "there is" with a pronoun.
_SOMEONE = _word_set("anyone anybody someone somebody everyone everybody nobody one")
# "be there at ten", "get there by noon": "there" as a place.
_BEFORE_PLACE = _word_set("be been being is are was were get got go went stay stayed arrive here")
# "Is there going to be", "there being no objection": "there" is right.
_BE_BEFORE_THERE = _word_set("is are was were isn't aren't wasn't weren't be been being will")


def _find_there(text: str) -> Iterator[Hit]:
    yield from _find_their_misused(text)
    yield from _find_there_misused(text)
    yield from _find_possessive_contraction(text, "they're", "their")
    yield from _find_contraction_before_a_verb(text, "they're", "their")
    after_they_are = _words(
        r"(they're)[ \t]+(?:is|are|was|were|isn't|aren't|wasn't|weren't|will|won't|would|can"
        r"|could|should|may|might|must|has|have|had|seems?|appears?)(?![\w'-])"
    )
    for match in after_they_are.finditer(text):
        yield _hit_word(match, "there")  # "they're will be a delay"


def _find_their_misused(text: str) -> Iterator[Hit]:
    """"Their is", "are their any", "their still waiting": "their" for
    "there" or "they're"."""
    for match in _words(rf"(their)[ \t]+(?:{_AFTER_THERE})(?![\w'-])").finditer(text):
        yield _hit_word(match, "there")
    existing = _words(
        rf"(?:is|are|was|were|isn't|aren't|wasn't|weren't)[ \t]+(their)[ \t]+(?:{_EXISTING})"
        r"(?![\w'-])"
    )
    modal = _words(r"(?:will|would|could|should|might|may|can|must)[ \t]+(their)[ \t]+be\b")
    greeting = _words(r"(?:hi|hello|hey)[ \t]+(their)(?![\w'-])")
    for pattern in (existing, modal, greeting):
        for match in pattern.finditer(text):
            yield _hit_word(match, "there")
    for match in _words(r"(their)(?=[.!?])").finditer(text):
        yield _hit_word(match, "there")  # "I will be their."
    for match in _words("(their's)").finditer(text):
        following = _next_word(text, match.end())
        yield _hit_word(match, "there's" if following in _AFTER_THERE_IS else "theirs")
    for match in _words(r"(their)[ \t]+(?:going[ \t]+to|not)(?![\w'-])").finditer(text):
        yield _hit_word(match, "they're")
    for match in _words(rf"(their)[ \t]+(?:{_THEY_ARE_BEFORE})(?![\w'-])").finditer(text):
        if _previous_word(text, match.start()) in _BEFORE_PLACE:
            yield _hit_words(match, ("there", "they're"))  # "I will be their at ten"
        else:
            yield _hit_words(match, ("they're", "there"))
    for match in _words("(their)").finditer(text):
        before = _previous_word(text, match.start())
        if before not in _BEFORE_GERUND and _reads_as_be_complement(text, match.end()):
            yield _hit_word(match, "they're")


def _find_there_misused(text: str) -> Iterator[Hit]:
    """"Update there details", "There factory had", "if there happy":
    "there" for "their" or "they're"."""
    yield from _find_possessive_contraction(text, "there", "their")
    for match in _words(rf"(there)[ \t]+([a-z]+)[ \t]+(?:{_FINITE})(?![\w'-])").finditer(text):
        word = match.group(2)
        if word != word.lower() or word.endswith("ly"):
            continue
        if word in _NOT_A_NOUN_AFTER_THERE or word in _NOT_A_MODIFIER:
            continue
        before = _previous_word(text, match.start(), across_lines=True)
        if (before in _CLAUSE_OPENERS and before != "and") or (
            not before and _at_clause_start(text, match.start())
        ):
            yield _hit_word(match, "their")  # "There factory had a fire"
    for match in _words(r"(there)[ \t]+([a-z]+)'s(?![\w'-])").finditer(text):
        before = _previous_word(text, match.start())
        if match.group(2).lower() not in _SOMEONE and before not in _BE_BEFORE_THERE | (
            _BEFORE_PLACE_THERE
        ):
            yield _hit_word(match, "their")  # "add there team's shifts"
    for match in _words(r"(there)[ \t]+(?:going[ \t]+to|not)(?![\w'-])").finditer(text):
        before = _previous_word(text, match.start())
        if _next_word(text, match.end()) in ("being", "having"):
            continue  # "with there not being a fee"
        if before not in _BE_BEFORE_THERE and (
            before in _BEFORE_CLAUSE_THERE or _at_clause_start(text, match.start())
        ):
            yield _hit_word(match, "they're")
    for match in _words("(there)").finditer(text):
        before = _previous_word(text, match.start())
        if _next_word(text, match.end()) in ("being", "having"):
            continue  # "there being no objection"
        if (before in _BEFORE_CLAUSE_THERE or _at_clause_start(text, match.start())) and (
            _reads_as_be_complement(text, match.end())
        ):
            yield _hit_word(match, "they're")


# "then" after a comparison; "than" for a time.
_COMPARATIVES = (
    "more|less|fewer|better|worse|rather|other|greater|higher|lower|larger|smaller|bigger"
    "|faster|slower|longer|shorter|cheaper|easier|harder|older|newer|quicker|further|later"
    "|earlier|sooner|safer|simpler|clearer|stronger|weaker|busier|happier|heavier|wider"
    "|quieter|nicer|riskier|costlier|pricier|trickier|healthier"
)
# "a few more days then call us": "more" counts things, and "then" may start
# the next step.
_COUNTING_MORE = _word_set(
    "few couple several some any one once two three four five six seven eight nine ten"
)
# Words that end a comparison or start a new step: not between "more" and
# "then" in "more important then usual".
_NOT_IN_COMPARISON = _word_set(
    "and or but so then than to if when please as that this is are was were be will we i you"
    " they he she it"
)
# What follows the "than" of a comparison: "more important then usual",
# "fewer calls then last week", "more time then we expected".
_AFTER_THAN = _word_set(
    "usual ever before expected planned anticipated normal needed necessary required agreed"
    " promised quoted advertised estimated stated originally previously initially last the a"
    " an any anyone anything anybody others other most average standard our your their his"
    " its this that those these one ours yours theirs mine yesterday earlier not"
)
_PRONOUNS = _word_set("we i you they he she it")
# "more calls then we expected": what follows the pronoun of a comparison.
_AFTER_THAN_PRONOUN = _word_set(
    "thought expected planned hoped imagined anticipated predicted estimated realised"
    " realized assumed feared did had were was are is do does usually normally originally"
    " first needed wanted asked used get got receive received"
)
# "less time then customers expect": a verb of expecting after the noun.
_EXPECTING = _word_set(
    "expect expects expected think thinks thought hope hopes hoped plan plans planned imagine"
    " imagined anticipate anticipated predict predicted estimate estimated assume assumed"
    " need needs needed want wants wanted"
)


_CONDITION = _words("if|when|whenever|once|unless|should")


def _sentence_before(text: str, start: int) -> str:
    """The part of the sentence (at most 120 characters) before ``start``."""
    return re.split(r"[.!?\n]", text[max(0, start - 120) : start])[-1]


def _find_then_than(text: str) -> Iterator[Hit]:
    then = _words(rf"(?:{_COMPARATIVES})[ \t]+(then)(?=[ \t]+[\w$\"'])")
    for match in then.finditer(text):
        if _next_word(text, match.end(1)) == "to":
            continue  # "it is better then to wait": "then" meaning "in that case"
        yield _hit_word(match, "than")
    # "more important then usual", "a bigger rise then last time": one or two
    # words between the comparison and "then".
    comparatives = _COMPARATIVES.replace("|rather", "")
    gap = _words(rf"(?:{comparatives})[ \t]+((?:[a-z]+[ \t]+){{1,2}})(then)(?=[ \t]+[\w$])")
    for match in gap.finditer(text):
        between = match.group(1).lower().split()
        following = _next_word(text, match.end(2))
        if _previous_word(text, match.start()) in _COUNTING_MORE:
            continue
        if _CONDITION.search(_sentence_before(text, match.start())):
            continue  # "if you need more help then our FAQ...": "then" closes the "if"
        if any(word in _NOT_IN_COMPARISON for word in between):
            continue
        digits = re.match(r"[ \t]+[$\d]", text[match.end(2) :])
        two = re.match(r"[ \t]+([A-Za-z]+)[ \t]+([a-z']+)", text[match.end(2) :])
        second = two.group(2) if two else ""
        if (
            digits
            or following in _AFTER_THAN
            or (following in _PRONOUNS and second in _AFTER_THAN_PRONOUN)
            or (two and second in _EXPECTING)
        ):
            yield _hit_word(match, "than", group=2)
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
    "weren't": "wasn't", "don't": "doesn't",
}
_PLURAL_FIXES = {
    "was": "were", "wasn't": "weren't", "is": "are", "isn't": "aren't", "has": "have",
    "hasn't": "haven't", "does": "do", "doesn't": "don't",
}
# Common verbs whose base form needs an -s after "he", "she" or "it": "he
# say", "it need". Not verbs whose past tense is the base form ("it cost $5
# last year", "she put it"), nor "last" ("when it last worked").
_BASE_VERBS = _word_set(
    "need look want say seem know take make come go work feel mean send give think tell ask"
    " call use show get keep run pay try help include require cover apply expect plan hope"
    " agree sound contain happen belong depend matter remain arrive appear leave stay start"
    " stop load crash fail allow explain provide offer charge deliver receive reply sell buy"
    " cause affect change check save print respond understand prefer believe remember forget"
    " sign support handle manage process serve like"
)
# "Does he have", "Should it have", "Let it know": the base form is right there.
_BEFORE_BASE_FORM = _word_set(
    "do does did don't doesn't didn't will would can could should shall may might must won't"
    " wouldn't can't couldn't shouldn't mustn't needn't shan't need dare let lets make makes"
    " made help helps see saw watch had has have to why"
)
# "it" is a subject only at the start of a clause: "the items in it have
# been sent", "customers who use it have asked" are right.
_CLAUSE_OPENERS = _word_set(
    "and but so because when that since although though while until unless or then now once"
)
# "I think it need", "how it work": "it" opens a clause after these too.
_BEFORE_SUBJECT_IT = _CLAUSE_OPENERS | _word_set(
    "if where how what whether whenever wherever think thinks thought hope hopes"
    " hoped guess sure seems means afraid glad worried maybe perhaps hopefully probably"
)
# "if it were", "as it were", "I wish he were": the subjunctive.
_BEFORE_SUBJUNCTIVE = _word_set(
    "if as though wish wished even only suppose supposing imagine rather whether"
)
# "We recommend that she call us", "it is vital that it work": the
# subjunctive after a demand, with the base form.
_DEMANDS = _word_set(
    "suggest suggests suggested suggestion recommend recommends recommended recommendation"
    " insist insists insisted request requests requested require requires required"
    " requirement demand demands demanded propose proposes proposed proposal urge urges urged"
    " advise advises advised essential vital important necessary crucial imperative"
    " mandatory rather"
)
# "he always say", "it still need": an adverb between subject and verb.
_ADVERBS_BEFORE_VERB = _word_set(
    "also always never often usually still only just really sometimes rarely already now"
    " actually certainly probably clearly simply normally generally regularly"
)
# "He need not call", "she need only ask": "need" as a modal verb.
_AFTER_MODAL_NEED = _word_set("not only hardly never")
# "Sam and he need", "you or she want": two subjects take the plural.
_OBJECT_PRONOUNS = _word_set("i you me him her he she we they them us it")


def _third_person(verb: str) -> str:
    """The -s form of a verb: "needs", "goes", "tries", "fixes".

    >>> [_third_person(v) for v in ("need", "go", "try", "pay", "fix", "have")]
    ['needs', 'goes', 'tries', 'pays', 'fixes', 'has']
    """
    if verb == "have":
        return "has"
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return verb[:-1] + "ies"
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    return verb + "s"


_S_FORMS = {_third_person(verb): verb for verb in _BASE_VERBS}


def _after_a_demand(text: str, start: int) -> bool:
    """True when a word of demand comes earlier in the sentence, close
    enough to govern the clause at ``start``: "we ask that he call"."""
    words = re.findall(r"[a-z']+", _sentence_before(text, start).lower())[-8:]
    if words[-2:] in (["ask", "that"], ["asks", "that"], ["asked", "that"]):
        return True
    return any(word in _DEMANDS for word in words)


def _has_plural_subject(text: str, start: int) -> bool:
    """True for "Sam and he", "you or she", "the manager and she": the pronoun
    at ``start`` is the second of two subjects joined by "and" or "or"."""
    match = re.search(r"([A-Za-z]+)[ \t]+(?:and|or|nor)[ \t]+$", text[max(0, start - 40) : start])
    if not match:
        return False
    word = match.group(1)
    return word.lower() in _OBJECT_PRONOUNS | _SINGULAR_NOUNS or word[0].isupper()


def _subject_may_take_the_verb(text: str, match: re.Match[str]) -> bool:
    """True when the pronoun of ``match`` does not need the agreeing form:
    after a modal or "let", "it" as the object of the verb before it, or
    "IT" (the department)."""
    before = _previous_word(text, match.start(), across_lines=True)
    if before in _BEFORE_BASE_FORM:
        return True
    pronoun = match.group().split()[0]
    if pronoun == "IT":
        return True  # "IT need the form": the IT department
    if pronoun.lower() != "it":
        return False
    if before:
        return before not in _BEFORE_SUBJECT_IT
    return not _at_clause_start(text, match.start())


_ADVERB_BEFORE_VERB = rf"(?:(?:{_any_of(_ADVERBS_BEFORE_VERB)})[ \t]+)?"
# "he say", "it always need"; "they says"
_PRONOUN_AND_BASE_VERB = _words(
    rf"(?:he|she|it)[ \t]+{_ADVERB_BEFORE_VERB}({_any_of(_BASE_VERBS)})"
)
_PLURAL_PRONOUN_AND_S_FORM = _words(
    rf"(?:we|they)[ \t]+{_ADVERB_BEFORE_VERB}({_any_of(_S_FORMS)})"
)


def _find_subject_verb(text: str) -> Iterator[Hit]:
    for pronouns, fixes in (("he|she|it", _SINGULAR_FIXES), ("we|they", _PLURAL_FIXES)):
        for match in _words(rf"(?:{pronouns})[ \t]+({_any_of(fixes)})").finditer(text):
            verb = match.group(1).lower()
            if _subject_may_take_the_verb(text, match):
                continue
            if verb == "were" and _previous_word(text, match.start()) in _BEFORE_SUBJUNCTIVE:
                continue
            if verb == "have" and _after_a_demand(text, match.start()):
                continue
            yield _hit_word(match, fixes[verb])
    for match in _PRONOUN_AND_BASE_VERB.finditer(text):
        verb = match.group(1).lower()
        if _subject_may_take_the_verb(text, match):
            continue
        if verb == "like" and match.group().lower().startswith("it"):
            continue  # "treat it like a loan": "like" as a preposition
        if verb == "need" and _next_word(text, match.end()) in _AFTER_MODAL_NEED:
            continue
        if _after_a_demand(text, match.start()) or _has_plural_subject(text, match.start()):
            continue
        yield _hit_word(match, _third_person(verb))
    for match in _PLURAL_PRONOUN_AND_S_FORM.finditer(text):
        if _previous_word(text, match.start()) not in _BEFORE_BASE_FORM:
            yield _hit_word(match, _S_FORMS[match.group(1).lower()])
    yield from _find_noun_subject_verb(text)


# Singular nouns that often start a clause in a business email. Collective
# nouns ("team", "staff", "company", "bank") are left out: British English
# gives them a plural verb.
_SINGULAR_NOUNS = _word_set(
    "customer client caller engineer technician manager supervisor director driver courier"
    " agent supplier colleague user person applicant tenant owner buyer seller system app"
    " website site page form link printer laptop computer server portal tool invoice order"
    " parcel package payment refund account report file email message letter policy contract"
    " machine device card shift booking delivery visit meeting ticket case request complaint"
    " query claim password code fault error problem issue item product price fee bill balance"
    " statement plan document screen button schedule deadline session course"
)
# Base verbs that are rarely nouns, so "the engineer say" is a subject and
# its verb, not a compound like "the printer make" or "the customer call".
_VERBS_NOT_NOUNS = _word_set(
    "say seem know take come go mean give think tell get include require apply expect agree"
    " contain happen belong depend remain arrive appear allow explain provide deliver receive"
    " sell buy affect respond understand prefer believe remember forget"
)
_SINGULAR_DETERMINERS = "the|a|an|this|each|every|my|your|our|his|her|their|its"
_PLURAL_DETERMINERS = "the|these|those|my|your|our|his|her|their|its|all|some|many|both|such"
# Words in -s that take a singular verb: "the news is", "the series is"
# (and fields in -ics: "the logistics is").
_SINGULAR_IN_S = _word_set(
    "news series species means maths headquarters crossroads whereabouts thanks savings"
    " diabetes measles innings billiards lens chaos ethos cosmos kudos bias alias canvas atlas"
    " gas yes plus minus perhaps always"
)
# An amount counted out is one sum: "the two weeks is enough", "the fifty
# dollars was refunded".
_NUMBER_WORDS = _word_set(
    "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty"
    " forty fifty sixty hundred thousand"
)
# Words that end a noun phrase rather than describe the noun after them.
_NOT_A_MODIFIER = _PREPOSITIONS | _word_set("and or nor but that which who is are was were not")
# A noun phrase opens a clause after these (not after "what": "what the
# customer needs is"; not after "and": "Sam and the engineer agree").
_BEFORE_NOUN_SUBJECT = (_BEFORE_SUBJECT_IT - {"what", "and", "or"}) | _word_set("think know")
_NUMBERS = "two|three|four|five|six|seven|eight|nine|ten|several|many|few"
# "There is ten minutes left": an amount, which may take "is".
_UNITS = _word_set("minutes hours days weeks months years dollars pounds euros percent")

# "the engineer say", "a shift need to", "the invoice are"
_SINGULAR_NOUN_AND_VERB = _words(
    rf"(?:{_SINGULAR_DETERMINERS})[ \t]+((?:[a-z]+[ \t]+)?)(?:{_any_of(_SINGULAR_NOUNS)})"
    rf"[ \t]+{_ADVERB_BEFORE_VERB}"
    rf"({_any_of(_VERBS_NOT_NOUNS | _SINGULAR_FIXES.keys() | {'need', 'want'})})"
)
# "the main points is", "your saved reports has"
_PLURAL_NOUN_AND_VERB = _words(
    rf"(?:{_PLURAL_DETERMINERS})[ \t]+((?:[a-z]+[ \t]+){{0,2}})([a-z]+s)"
    r"[ \t]+(is|was|has|isn't|wasn't|hasn't|doesn't)(?![\w'-])"
)
# "one of them seem", "each of the agents take"
_ONE_OF_AND_VERB = _words(
    r"(?:one|each)[ \t]+of[ \t]+(?:them|us|you|these|those"
    r"|(?:the|our|your|their|my|his|her)[ \t]+[a-z]+s)"
    rf"[ \t]+{_ADVERB_BEFORE_VERB}({_any_of(_BASE_VERBS)})(?![\w'-])"
)


def _opens_a_clause(text: str, start: int) -> bool:
    """True when the noun phrase at ``start`` can be the subject of a clause."""
    before = _previous_word(text, start, across_lines=True)
    if before:
        return before in _BEFORE_NOUN_SUBJECT
    return _at_clause_start(text, start)


def _modifiers_are_plain(words: str) -> bool:
    return all(word not in _NOT_A_MODIFIER for word in words.lower().split())


def _find_noun_subject_verb(text: str) -> Iterator[Hit]:
    """"The engineer say", "the main points is", "one of them seem",
    "there is two options": a noun subject and a verb that disagree."""
    for match in _SINGULAR_NOUN_AND_VERB.finditer(text):
        verb = match.group(2).lower()
        if not _modifiers_are_plain(match.group(1)) or not _opens_a_clause(text, match.start()):
            continue
        if verb in ("need", "want") and _next_word(text, match.end()) != "to":
            continue  # "meet the customer need": a noun
        if verb == "were" and _previous_word(text, match.start()) in _BEFORE_SUBJUNCTIVE:
            continue
        if text[match.end() : match.end() + 1] == "-" or _after_a_demand(text, match.start()):
            continue
        fixed = _SINGULAR_FIXES.get(verb) or _third_person(verb)
        yield _hit_word(match, fixed, group=2)
    for match in _PLURAL_NOUN_AND_VERB.finditer(text):
        noun = match.group(2)
        if noun != noun.lower() or len(noun) < 4 or noun in _SINGULAR_IN_S:
            continue
        if noun.endswith(("ss", "us", "is", "ics")) or not _modifiers_are_plain(match.group(1)):
            continue
        if _NUMBER_WORDS & set(match.group(1).lower().split()):
            continue
        if _opens_a_clause(text, match.start()):
            yield _hit_word(match, _PLURAL_FIXES[match.group(3).lower()], group=3)
    there_is = _words(rf"there[ \t]+(is|was)[ \t]+(?:{_NUMBERS})(?![\w'-])")
    for match in there_is.finditer(text):
        if _next_word(text, match.end()) not in _UNITS:
            yield _hit_word(match, _PLURAL_FIXES[match.group(1).lower()])
    for match in _ONE_OF_AND_VERB.finditer(text):
        if _previous_word(text, match.start()) in _BEFORE_BASE_FORM:
            continue  # "let one of them go"
        if not _after_a_demand(text, match.start()):
            yield _hit_word(match, _third_person(match.group(1).lower()))


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
    # Two spaces after a full stop are an old typewriter habit that modern
    # email style counts as a double space. Not after a colon ("Phone:   0800"
    # lined up in a signature) or a list number ("1.  Call the client").
    for match in re.finditer(r"(?<=\S) {2,}(?=\S)", text):
        line_before = text[text.rfind("\n", 0, match.start()) + 1 : match.start()]
        if line_before.endswith(":") or _LIST_ITEM.fullmatch(line_before + " "):
            continue
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
                 "The app has it's own login.", "So its best to wait.", "Its worth checking.",
                 "Its no trouble.", "Its in the post.", "It's service is poor.",
                 "I hope its ready for Friday."),
        passes=("It's a pleasure.", "The company and its staff.", "Its own policy applies.",
                "Check it's done.", "Thanks, it's great.",
                "The team will do its best to help.", "Its worth is clear.",
                "The app and its so-called fix.", "It's way too late.", "Its terms are clear.",
                "It's team spirit that counts.", "I think it's data we need.",
                "The plan has its good points.", "Its late delivery caused complaints.",
                "The company cut its time to market.", "IT's new laptops arrived."),
    ),
    Rule(
        "your-confusion",
        'Use "you\'re" for "you are" and "your" for "belonging to you".',
        _find_your,
        catches=("Your welcome.", "I hope your not upset.", "Your going to love it.",
                 "I hope your well.",
                 "Your able to log in now.", "Your welcome to join us.",
                 "Thank you for you're patience.", "Please check you're account.",
                 "Thanks for you're flexibility.", "If your still waiting, call us.",
                 "Your always welcome.", "Let us know if your interested in it.",
                 "You're account has been closed.", "Please remind you're team."),
        passes=("You're welcome.", "Your welcome pack is attached.", "Your order shipped.",
                "Your well-being matters.", "Your well is dry.",
                "Thanks for your going the extra mile.", "You're right.", "Is your team free?",
                "You're team leader now.", "Your already paid invoice.",
                "Please check you're logged in.", "If you're free, call me.",
                "Your free trial ends soon.", "We appreciate your being patient.",
                "It is your right to cancel.", "Give it your all.", "Your working hours are long.",
                "Thank you for your welcome."),
    ),
    Rule(
        "there-confusion",
        'Use "there" for a place or "there is", "their" for "belonging to them", '
        '"they\'re" for "they are".',
        _find_there,
        catches=("Their is a problem.", "Their going to call.", "We updated there account.",
                 "We spoke to they're manager.", "They have there own team.",
                 "Their might be a delay.", "Are their any updates?", "Their still waiting.",
                 "I hope there happy with it.", "Please share there results.",
                 "They're will be a delay.", "I will be their at ten.",
                 "There factory had a fire."),
        passes=("There is a problem.", "Their account is open.", "They're going to call.",
                "Is there any update?", "Put it in there, please.", "They're team players.",
                "Is there information about it?", "From there data goes to the CRM.",
                "Is there going to be a fee?", "We were there late.", "Their asking price is high.",
                "They gave their all to it.", "There being no objection, we agreed.",
                "There still is time."),
    ),
    Rule(
        "then-than",
        'Use "than" to compare and "then" for time or order.',
        _find_then_than,
        catches=("It costs more then $50.", "I would rather then wait.", "It is faster then ever.",
                 "It came two weeks later then planned.", "I'd rather call them then write.",
                 "Check it and than call me.",
                 "Since than we have called twice.", "It is more important then usual.",
                 "We had fewer calls then last week."),
        passes=("It costs more than $50.", "We will talk later then.", "Call us, then wait.",
                "See you later then!", "I'd rather you call and then write.",
                "I'd rather call than write, then wait.", "More than 5 and less than 9.",
                "Better then to wait a day.", "Since then we have called twice.",
                "First check, then send.", "We had more staff then.",
                "Wait a few more days then call us.", "Add more details then send it.",
                "If you need more help then our FAQ can help."),
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
                 "We was waiting.", "They is here.", "He are away.", "It have been sent.",
                 "He say it is late.", "It look fine now.", "I think it need a restart.",
                 "She always want more.", "They says it is late.",
                 "The engineer say it is fixed.", "The main points is:", "There is two options.",
                 "One of them seem cheaper."),
        passes=("He has the file.", "Does he have the file?", "If it were late, call us.",
                "As it were, the deal closed.", "They were told.", "I wish he were here.",
                "Should she have questions, call.", "Let it have a rest.",
                "The items in it have been sent.", "Customers who use it have asked.",
                "The email we sent you was late.", "Does he need help?", "Make it work.",
                "He need not attend.", "We suggest he call us.", "Sam and he work together.",
                "It cost $50 last year.", "Customers who use it say it works.",
                "IT need the form.", "What the customer needs is a refund.",
                "Sam and the engineer agree.", "The news is good.", "Let one of them go."),
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
        catches=("Please  call me.", "The invoice  is attached.", "Done.  Next step."),
        passes=("Please call me.", "Done. Next step.", "Phone:    0800 123 456",
                "    Indented line.", "1.  Call the client."),
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
                 "Hi Sam,\nthanks for the update.", "Hello.\n\nthe file is attached.",
                 "It is done . please check."),
        passes=("Thanks for your email.", "See e.g. the invoice.", "Meet at 10 a.m. tomorrow.",
                "It costs approx. ten pounds.", "It is done. Please check.",
                "- check the invoice\n- call the courier", "www.example.com is down.",
                "Read the guide (boring!) and call us.",
                "Our line\ncontinues here.", "eBay is a marketplace.",
                "Limits apply. (a) Agents refund up to $50. (b) Leads up to $200."),
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
