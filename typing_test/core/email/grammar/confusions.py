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
    " its this that those these one ours yours theirs mine yesterday earlier not me us him"
    " them"
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
# What shows a word in -er before "then" is a comparison: a verb of being
# or becoming, or a word of degree ("is cheaper then", "much warmer then").
_BEFORE_A_COMPARATIVE = (
    "is|are|was|were|be|been|being|it's|much|far|even|slightly|little|bit|lot|no|any|way"
    "|get|gets|getting|got|become|becomes|became|seem|seems|seemed|look|looks|looked|feel"
    "|feels|felt|sound|sounds|stay|stays|remain|remains|grow|grows|grew|run|runs|ran|work|works"
)
# "it is also louder then", "it was still slower then"
_ADVERBS = "also|still|now|even|much|far|slightly|usually|often|always|generally|really"
# Words in -er that are not comparisons: "is never then", "was over then".
_NOT_COMPARATIVES = word_set(
    "over under after ever never other rather together either neither whether however"
    " proper super clever sober eager bitter tender slender member number order"
)
# What follows the "than" of a comparison when "then" could also mean "at
# that time" ("prices were lower then than now", "it was colder then in
# the office").
_STRONG_AFTER_THAN = _AFTER_THAN - word_set("not")
_THEN = re.compile(r"(?<=[ \t])then(?=[ \t]+[\w$])", re.IGNORECASE)
_COMPARATIVE_BEFORE_THEN = whole_words(
    rf"(?:{_BEFORE_A_COMPARATIVE})[ \t]+(?:(?:{_ADVERBS})[ \t]+)?([a-z]{{2,}}er)[ \t]+(then)$"
)



def _inside_a_condition(text: str, start: int) -> bool:
    """True when an "if" (or "when", "once"...) clause is still open at
    ``start``, so a "then" there may close it: "if the fee is higher then we
    refuse". A comma after the condition has closed it already."""
    before = sentence_before(text, start)
    conditions = list(_CONDITION.finditer(before))
    return bool(conditions) and "," not in before[conditions[-1].end() :]


def _find_then_than(text: str) -> Iterator[Hit]:
    then = whole_words(rf"(?:{_COMPARATIVES})[ \t]+(then)(?=[ \t]+[\w$\"'])")
    for match in then.finditer(text):
        following = next_word(text, match.end(1))
        if following in ("to", "than"):
            continue  # "it is better then to wait", "prices were lower then than now"
        if _inside_a_condition(text, match.start()) and not (
            following in _STRONG_AFTER_THAN - _PRONOUNS - word_set("the a an")
            or re.match(r"[ \t]+[$\d]|[ \t]+(?:the|an?)[ \t]+\w+[ \t]*[,.;]", text[match.end(1) :])
        ):
            continue  # "if the fee is higher then we refuse": "then" closes the "if"
        yield hit_word(match, "than")
    # Any comparison in -er after a verb of being or a word of degree: "it is
    # warmer then the hall", "much louder then usual".
    for then in _THEN.finditer(text):
        # Read back from "then": cheaper than scanning the text for every -er word.
        window = max(0, then.start() - 50)
        match = _COMPARATIVE_BEFORE_THEN.search(text, window, then.end())
        if not match:
            continue
        word = match.group(1).lower()
        if word in _NOT_COMPARATIVES or re.fullmatch(_COMPARATIVES, word):
            continue  # the listed comparatives are handled above
        following = next_word(text, match.end(2))
        if _inside_a_condition(text, match.start()):
            continue
        if following in _STRONG_AFTER_THAN or re.match(r"[ \t]+[$\d]", text[match.end(2) :]):
            yield hit_word(match, "than", group=2)
    # "more important then usual", "a bigger rise then last time": one or two
    # words between the comparison and "then".
    comparatives = _COMPARATIVES.replace("|rather", "")
    gap = whole_words(rf"(?:{comparatives})[ \t]+((?:[a-z]+[ \t]+){{1,2}})(then)(?=[ \t]+[\w$])")
    for match in gap.finditer(text):
        between = match.group(1).lower().split()
        following = next_word(text, match.end(2))
        if previous_word(text, match.start()) in _COUNTING_MORE:
            continue
        if _inside_a_condition(text, match.start()):
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
    # "would rather cancel the contract then wait" (or "sooner"): the comparison of "rather"
    # is still open when "then" comes, unless "and then" starts a new step.
    rather = whole_words(r"(?:rather|sooner)[ \t]+((?:[a-z']+[ \t]+){1,5}?)(then)(?=[ \t]+[a-z])")
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


# "could of", "shouldn't of", "might not of", "I'd of", "ought to of".
_MODAL = (
    r"could|should|would|must|might|may|couldn't|shouldn't|wouldn't|mustn't|mightn't"
    r"|(?:i|we|you|they|he|she|it|who|that|there)'d|ought[ \t]+to"
)
# "will of" only before a past participle: "the will of the board" is right.
_PARTICIPLES = word_set(
    "been had done gone got gotten seen known made sent taken given told paid left found"
    " thought brought bought kept lost met heard said written spoken forgotten begun"
)
# "the might of", "a must of", "in may of": a noun or a month, not a modal.
_BEFORE_A_NOUN_MODAL = word_set("the a an this its their our in of since until by from")


_OF = re.compile(r"(?<=[ \t])(of)(?![\w'-])(?![ \t]+course\b)", re.IGNORECASE)
_MODAL_BEFORE = whole_words(rf"({_MODAL})(?:[ \t]+not)?[ \t]+$")


def _find_modal_of(text: str) -> Iterator[Hit]:
    for match in _OF.finditer(text):
        # Read back from "of": cheaper than scanning the text for every modal.
        modal = _MODAL_BEFORE.search(text, max(0, match.start() - 25), match.start())
        if not modal or modal.group(1) == "May":
            continue  # "in May of last year"
        if previous_word(text, modal.start()) not in _BEFORE_A_NOUN_MODAL:
            yield hit_word(match, "have")  # not "the might of the storm"
    for match in whole_words(r"will[ \t]+(of)[ \t]+([a-z]+)").finditer(text):
        participle = match.group(2).lower()
        if participle in _PARTICIPLES or participle.endswith("ed"):
            yield hit_word(match, "have")


THEN_THAN = Rule(
    "then-than",
    'Use "than" to compare and "then" for time or order.',
    _find_then_than,
    catches=("It costs more then $50.", "I would rather then wait.", "It is faster then ever.",
             "It came two weeks later then planned.", "I'd rather call them then write.",
             "Check it and than call me.",
             "Since than we have called twice.", "It is more important then usual.",
             "We had fewer calls then last week.", "It is warmer then the hall.",
             "It was louder then usual.", "It is also quieter then the old one.",
             "She is taller then me.", "I'd sooner walk then wait."),
    passes=("It costs more than $50.", "We will talk later then.", "Call us, then wait.",
            "See you later then!", "I'd rather you call and then write.",
            "I'd rather call than write, then wait.", "More than 5 and less than 9.",
            "Better then to wait a day.", "Since then we have called twice.",
            "First check, then send.", "We had more staff then.",
            "Wait a few more days then call us.", "Add more details then send it.",
            "If you need more help then our FAQ can help.",
            "Prices were lower then than now.", "It was colder then in the office.",
            "If the fee is higher then we refuse."),
)


MODAL_OF = Rule(
    "modal-of",
    'Use "have" after could, should, would, must, might or may ("could have").',
    _find_modal_of,
    catches=("You should of received it.", "It could of been lost.", "We must of missed it.",
             "We would of had time.", "They might of missed it.", "You shouldn't of paid.",
             "She might not of known.", "I'd of called you.", "It will of been sent by then.",
             "We ought to of asked."),
    passes=("You should have received it.", "You could of course ask Sam.",
            "One of the most useful.", "It shipped in May of last year.",
            "The will of the board is clear.", "The might of the storm.",
            "In may of last year.", "It would of course help."),
)
