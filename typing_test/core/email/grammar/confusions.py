"""Confused words: "then" and "than", "of" for "have" after a modal."""

from __future__ import annotations

import re
from collections.abc import Iterator

from typing_test.core.email.grammar._rule import Hit, Rule, hit_word
from typing_test.core.email.grammar._text import (
    at_sentence_start,
    next_word,
    previous_word,
    sentence_before,
    whole_words,
    word_set,
)

# "then" after a comparison; "than" for a time.
_COMPARATIVES = (
    "more|less|fewer|better|worse|rather|other|greater|higher|lower|larger|smaller|bigger"
    "|faster|slower|longer|shorter|cheaper|easier|harder|older|newer|quicker|further|later"
    "|earlier|sooner|safer|simpler|clearer|stronger|weaker|busier|happier|heavier|wider"
    "|quieter|nicer|riskier|costlier|pricier|trickier|healthier"
)
# "a few more days then call us": "more" counts things, and "then" may start
# the next step.
_COUNTING_MORE = word_set(
    "few couple several some any one once two three four five six seven eight nine ten"
)
# Words that end a comparison or start a new step: not between "more" and
# "then" in "more important then usual".
_NOT_IN_COMPARISON = word_set(
    "and or but so then than to if when please as that this is are was were be will we i you"
    " they he she it"
)
# What follows the "than" of a comparison: "more important then usual",
# "fewer calls then last week", "more time then we expected".
_AFTER_THAN = word_set(
    "usual ever before expected planned anticipated normal needed necessary required agreed"
    " promised quoted advertised estimated stated originally previously initially last the a"
    " an any anyone anything anybody others other most average standard our your their his"
    " its this that those these one ours yours theirs mine yesterday earlier not"
)
_PRONOUNS = word_set("we i you they he she it")
# "more calls then we expected": what follows the pronoun of a comparison.
_AFTER_THAN_PRONOUN = word_set(
    "thought expected planned hoped imagined anticipated predicted estimated realised"
    " realized assumed feared did had were was are is do does usually normally originally"
    " first needed wanted asked used get got receive received"
)
# "less time then customers expect": a verb of expecting after the noun.
_EXPECTING = word_set(
    "expect expects expected think thinks thought hope hopes hoped plan plans planned imagine"
    " imagined anticipate anticipated predict predicted estimate estimated assume assumed"
    " need needs needed want wants wanted"
)


_CONDITION = whole_words("if|when|whenever|once|unless|should")



def _find_then_than(text: str) -> Iterator[Hit]:
    then = whole_words(rf"(?:{_COMPARATIVES})[ \t]+(then)(?=[ \t]+[\w$\"'])")
    for match in then.finditer(text):
        if next_word(text, match.end(1)) == "to":
            continue  # "it is better then to wait": "then" meaning "in that case"
        yield hit_word(match, "than")
    # "more important then usual", "a bigger rise then last time": one or two
    # words between the comparison and "then".
    comparatives = _COMPARATIVES.replace("|rather", "")
    gap = whole_words(rf"(?:{comparatives})[ \t]+((?:[a-z]+[ \t]+){{1,2}})(then)(?=[ \t]+[\w$])")
    for match in gap.finditer(text):
        between = match.group(1).lower().split()
        following = next_word(text, match.end(2))
        if previous_word(text, match.start()) in _COUNTING_MORE:
            continue
        if _CONDITION.search(sentence_before(text, match.start())):
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
            yield hit_word(match, "than", group=2)
    # "would rather cancel the contract then wait": the comparison of "rather"
    # is still open when "then" comes, unless "and then" starts a new step.
    rather = whole_words(r"rather[ \t]+((?:[a-z']+[ \t]+){1,5}?)(then)(?=[ \t]+[a-z])")
    for match in rather.finditer(text):
        between = match.group(1).split()
        if "than" not in between and between[-1] not in ("and", "or", "but"):
            yield hit_word(match, "than", group=2)
    than = whole_words(r"(?:since|until|till|back|by|and)[ \t]+(than)(?=[ \t]+[a-z])")
    for match in than.finditer(text):
        yield hit_word(match, "then")
    than_at_start = whole_words(r"(Than)(?=[ \t]+(?:we|I|you|they|he|she|it|please)\b)")
    for match in than_at_start.finditer(text):
        if at_sentence_start(text, match.start(1)):
            yield hit_word(match, "then")


def _find_modal_of(text: str) -> Iterator[Hit]:
    pattern = whole_words(r"(could|should|would|must|might|may)[ \t]+(of)(?![ \t]+course\b)")
    for match in pattern.finditer(text):
        if match.group(1) == "May":
            continue  # "in May of last year"
        yield hit_word(match, "have", group=2)


THEN_THAN = Rule(
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
)


MODAL_OF = Rule(
    "modal-of",
    'Use "have" after could, should, would, must, might or may ("could have").',
    _find_modal_of,
    catches=("You should of received it.", "It could of been lost.", "We must of missed it."),
    passes=("You should have received it.", "You could of course ask Sam.",
            "One of the most useful.", "It shipped in May of last year."),
)
