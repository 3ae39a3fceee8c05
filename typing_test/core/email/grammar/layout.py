"""How an email is laid out: capital letters, full stops and spaces."""

from __future__ import annotations

import re
from collections.abc import Iterator

from typing_test.core.email.grammar._rule import Hit, Rule
from typing_test.core.email.grammar._text import (
    CLOSERS,
    WORD,
    previous_word,
    sentence_around,
    word_set,
)

# --- Capital letters -------------------------------------------------------------

# Abbreviations after which a full stop does not end the sentence.
_ABBREVIATIONS = word_set(
    "approx apt ave cf co corp dept dr eg est etc ext fig hr hrs ie inc incl jr ltd max min mins"
    " misc mr mrs ms no nos p pp qty ref sr st tel vs jan feb mar apr jun jul aug sep sept oct"
    " nov dec mon tue tues wed thu thur thurs fri sat sun"
)
# "- ", "1. ", "a) ", "iv. ", "(b) ": the marker of a list item.
_LIST_ITEM = re.compile(r"\s*(?:[-*+\u2022]|\(?(?:\d+|[a-z]|[ivx]+)[.)])\s")
# i to xxxix, the numbers of a list: "ii. Mix the flour". Not "ill" or "mix".
_ROMAN_NUMERAL = re.compile(r"x{0,3}(?:ix|iv|v?i{0,3})", re.IGNORECASE)
_SPACED_ELLIPSIS = re.compile(r"\.(?:[ \t]\.)+")
# A chunk of text and the spaces after it. The look-behind makes each chunk
# start where it really starts, so a long run without spaces is read once,
# not once per character.
_WORD_AND_SPACE = re.compile(r"(?<!\S)(\S+)[ \t]+[\"'(]*")
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


def _is_roman_numeral(word: str) -> bool:
    return word[0] in "ivxIVX" and len(word) <= 6 and bool(_ROMAN_NUMERAL.fullmatch(word))


def _ends_sentence(chunk: str) -> bool:
    """True when the text chunk before a space ends a sentence ("done." yes,
    "e.g." "Mr." "approx." "1." "..." no)."""
    if chunk.startswith("#"):
        return False  # "#REF! means": an Excel error value
    if chunk.endswith(("!)", "?)")):
        return False  # "(boring!) you can": an aside inside a sentence
    if chunk == ".":
        return True  # "It is done . please check": a full stop after a stray space
    if chunk[-1:] in "\"'\u2019\u201d" and chunk[-2:-1] in ("?", "!"):
        return False  # '"Is it ready?" she asked': the quotation goes on
    chunk = chunk.rstrip(CLOSERS)
    if chunk.endswith(("?", "!")):
        return True
    if not chunk.endswith(".") or chunk.endswith(".."):
        return False
    word = chunk[:-1].lstrip("\"'([")
    if "." in word or len(word) <= 1 or word.isdigit() or _is_roman_numeral(word):
        return False  # "e.g.", "1.", "ii.": not the end of a sentence
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
        # A spaced ellipsis (". . .") does not end a sentence: count it as "...".
        dotted = _SPACED_ELLIPSIS.sub(lambda dots: "." * len(dots.group()), line)
        for gap in _WORD_AND_SPACE.finditer(dotted):
            bullet = gap.group(1) == "." and not line[: gap.start()].strip()  # ". to wrap"
            if _ends_sentence(gap.group(1)) and not bullet:
                yield offset + gap.end()
        previous = line
        offset += len(line) + 1


def _find_sentence_case(text: str) -> Iterator[Hit]:
    for start in _sentence_starts(text):
        word = WORD.match(text, start)
        if not word or not word.group()[0].islower():
            continue
        if re.match(r"[@/]|[.:]\w", text[word.end() : word.end() + 2]):
            continue  # an address or URL: www.example.com, sam@example.com
        if any(char.isupper() for char in word.group()[1:]):
            continue  # a brand written that way: eBay, iPhone
        if re.match(r"\(\w{1,3}\)", text[word.start() - 1 : word.end() + 1]):
            continue  # a list marker: (a), (b), (iv)
        if _is_roman_numeral(word.group()) and text[word.end() : word.end() + 1] in ".)":
            continue  # "ii. Mix the flour": a numbered step
        yield Hit(word.start(), word.end(), (word.group()[0].upper() + word.group()[1:],))


# Not "may" and "march", which are also everyday words.
_DAYS_AND_MONTHS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|april|june"
    "|july|august|september|october|november|december"
)


# "an august occasion", "the most august body": the adjective.
_BEFORE_AUGUST_ADJECTIVE = word_set("a an the most more very this such its his her their our")


def _find_day_month_case(text: str) -> Iterator[Hit]:
    for match in re.finditer(rf"(?<![\w'@./-])(?:{_DAYS_AND_MONTHS})(?![\w'@-]|[./]\w)", text):
        word = match.group()
        if word == "august" and previous_word(text, match.start()) in _BEFORE_AUGUST_ADJECTIVE:
            continue
        yield Hit(match.start(), match.end(), (word[0].upper() + word[1:],))


# "Part i", "section i", "step i": the Roman numeral one.
_BEFORE_NUMERAL = word_set(
    "part parts section sections chapter chapters appendix volume vol book act scene phase stage"
    " step steps item items clause clauses article paragraph schedule annex table figure fig"
    " type class grade level tier note option point question exercise unit lesson page"
)
# Another Roman numeral in the same sentence: "items i, ii and iii".
_OTHER_NUMERAL = re.compile(r"(?<![\w'])(?:ii|iii|iv|vi|vii|viii|ix|xi|xii)(?![\w'])")


def _find_lowercase_i(text: str) -> Iterator[Hit]:
    pattern = re.compile(r"(?<![\w'.\-/@(])i(?=[ \t\n,;:!?)]|$|\.(?!\w)|'(?:m|ve|ll|d)\b)")
    for match in pattern.finditer(text):
        before = previous_word(text, match.start())
        if before in ("the", "a", "an", "letter"):
            continue  # "press the i key": the letter
        if before in _BEFORE_NUMERAL or _OTHER_NUMERAL.search(sentence_around(text, match.start())):
            continue  # "see Part i", "items i, ii and iii"
        if text[match.end() : match.end() + 1] in ".)" and not text[
            text.rfind("\n", 0, match.start()) + 1 : match.start()
        ].strip():
            continue  # "i. Preheat the oven": a numbered step
        yield Hit(match.start(), match.end(), ("I",))

# --- Full stops and spaces -----------------------------------------------------

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


# ":)", ":-(", ";D", "<3": a face that ends a sentence as a full stop would.
_EMOTICON = re.compile(r"[:;=8xX][-^']?[()DPpO3/\\|\[\]*]+|<3|\^_?\^")


def _is_sign_off(line: str) -> bool:
    return line.strip().rstrip(",.!").strip().lower() in _SIGN_OFFS


# Small words a heading leaves in lower case: "Handling and Escalation".
_SMALL_WORDS = word_set("a an the and or of in on at to for with by from as")


def _is_title_line(line: str) -> bool:
    """A short line of capitalised words: a name, a job title, a heading
    ("Policy 9.1: Complaint Handling and Escalation")."""
    words = re.findall(r"[^\W\d_][\w'.&-]*", line)
    significant = [word for word in words[1:] if word not in _SMALL_WORDS]
    return (
        0 < len(words)
        and len(significant) <= 6
        and words[0][0].isupper()
        and all(word[0].isupper() for word in significant)
    )


def _needs_full_stop(line: str) -> bool:
    """True for the last line of a paragraph that should end with . ! or ?"""
    stripped = line.strip()
    if not re.search(r"[A-Za-z]", stripped):
        return False  # a phone number, a row of dashes
    if stripped.rstrip(CLOSERS).endswith((".", "!", "?", ":", ";", ",", "\u2026")):
        return False
    last = stripped.split()[-1]
    if _EMOTICON.fullmatch(last) or not last[-1].isascii() and not last[-1].isalnum():
        return False  # "Great news :)" or an emoji
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


def _find_double_space(text: str) -> Iterator[Hit]:
    # Two spaces after a full stop are an old typewriter habit that modern
    # email style counts as a double space. Not after a colon ("Phone:   0800"
    # lined up in a signature) or a list number ("1.  Call the client").
    for match in re.finditer(r"(?<=\S) {2,}(?=\S)", text):
        line_before = text[text.rfind("\n", 0, match.start()) + 1 : match.start()]
        if line_before.endswith(":") or _LIST_ITEM.fullmatch(line_before + " "):
            continue
        yield Hit(match.start(), match.end(), (" ",))


LOWERCASE_I = Rule(
    "lowercase-i",
    'Write the pronoun "I" as a capital letter.',
    _find_lowercase_i,
    catches=("Yesterday i sent the form.", "Sam and i will call.", "i'm on it.",
             "Then i. went home.", "Tell me if i can help, as i said."),
    passes=("I sent the form.", "See clause 4(i) of the contract.", "Many items, i.e. three.",
            "Press the i key.", "See Part i of the guide.", "Items i, ii and iii are done.",
            "i. Preheat the oven.\nii. Mix the flour.", "i) the first point"),
)


DAY_MONTH_CASE = Rule(
    "day-month-case",
    "Days of the week and months start with a capital letter.",
    _find_day_month_case,
    catches=("See you on monday.", "It was paid in june, not july.", "Every friday at 9am."),
    passes=("See you on Monday.", "It was paid in June.", "We may march on.",
            "Email june.lee@example.com today.", "Open monday.example.com now.",
            "It was an august occasion."),
)


MISSING_FULL_STOP = Rule(
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
            "Visit https://help.example.com", "Great news!", "Great news :)",
            "Oh no :-(", "See you soon \U0001F600",
            "Policy 9.1: Complaint Handling and Escalation\n\nThis policy applies to all."),
)


DOUBLE_SPACE = Rule(
    "double-space",
    "Use a single space between words.",
    _find_double_space,
    catches=("Please  call me.", "The invoice  is attached.", "Done.  Next step."),
    passes=("Please call me.", "Done. Next step.", "Phone:    0800 123 456",
            "    Indented line.", "1.  Call the client."),
)


SENTENCE_START_CASE = Rule(
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
            "Limits apply. (a) Agents refund up to $50. (b) Leads up to $200.",
            '"Is it ready?" she asked.', '"Stop!" he said.', "Wait . . . what did you say?",
            "i. Preheat the oven.\nii. mix the flour.", "(a) the first option",
            "#REF! means a reference is broken."),
)
