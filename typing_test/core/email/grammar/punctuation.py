"""Punctuation: missing apostrophes, a space before a punctuation mark."""

from __future__ import annotations

import re
from collections.abc import Iterator

from typing_test.core.email.grammar._rule import Hit, Rule, hit_word
from typing_test.core.email.grammar._text import (
    at_clause_start,
    next_word,
    previous_word,
    same_case,
    word_set,
)

# --- Missing apostrophes -----------------------------------------------------------

_CONTRACTIONS = {
    "dont": "don't", "doesnt": "doesn't", "didnt": "didn't", "isnt": "isn't",
    "arent": "aren't", "wasnt": "wasn't", "werent": "weren't", "havent": "haven't",
    "hasnt": "hasn't", "hadnt": "hadn't", "couldnt": "couldn't", "shouldnt": "shouldn't",
    "wouldnt": "wouldn't", "mustnt": "mustn't", "neednt": "needn't", "im": "I'm", "ive": "I've",
    "youre": "you're", "youve": "you've", "youll": "you'll", "theyre": "they're",
    "theyve": "they've", "theyll": "they'll", "weve": "we've", "itll": "it'll",
    "thats": "that's", "whats": "what's", "theres": "there's", "heres": "here's",
    "hes": "he's", "shes": "she's", "youd": "you'd", "theyd": "they'd", "whos": "who's",
    "wheres": "where's", "shouldve": "should've", "couldve": "could've", "wouldve": "would've",
    "mightve": "might've", "mustve": "must've",
}
# "cant" and "wont" are also words ("political cant", "as is his wont"): flag
# them only after a subject or before a verb.
_SUBJECTS = word_set("i you we they he she it this that which who there what system")
_VERBS_AFTER_NEGATION = word_set(
    "be have do get go make see take find help work start open load let accept allow receive"
    " send print connect log update arrive happen need know give show respond pay charge"
    " process cancel change affect stop run save sync sign attend come call reach confirm"
    " access use wait approve refund reply try eat meet talk ask tell"
)


def _find_missing_apostrophe(text: str) -> Iterator[Hit]:
    words = "|".join(_CONTRACTIONS)
    pattern = re.compile(rf"(?<![\w'-])({words})(?![\w'-])", re.IGNORECASE)
    for match in pattern.finditer(text):
        word = match.group(1)
        if word.isupper() and len(word) > 1:
            continue  # "IM", "THATS" in a heading is an acronym or shouting
        fixed = _CONTRACTIONS[word.lower()]
        if fixed == "don't" and previous_word(text, match.start()) in ("he", "she", "it"):
            fixed = "doesn't"  # "he dont" needs the verb fixed too
        suggestion = fixed if fixed.startswith("I'") else same_case(fixed, word)
        yield Hit(match.start(), match.end(), (suggestion,))
    # "Lets go" and "Ill call you": "lets" and "ill" are words too, so only
    # at the start of a sentence and before a verb.
    for match in re.finditer(r"(?<![\w'-])(Lets|lets|Ill|ill)(?=[ \t]+(\w+))", text):
        verb = match.group(2).lower()
        if at_clause_start(text, match.start()) and verb in _VERBS_AFTER_NEGATION:
            word = match.group(1)
            fixed = same_case("let's", word) if word.lower() == "lets" else "I'll"
            yield Hit(match.start(), match.end(), (fixed,))
    for match in re.finditer(r"(?<![\w'-])(cant|wont|Cant|Wont)(?![\w'-])", text):
        before = previous_word(text, match.start())
        after = next_word(text, match.end())
        if before in _SUBJECTS or after in _VERBS_AFTER_NEGATION:
            fixed = {"cant": "can't", "wont": "won't"}[match.group(1).lower()]
            yield hit_word(match, fixed)


_SPACED_DOTS = re.compile(r"[ \t]\.[ \t]*\.")
_RATIO = re.compile(r"\d[ \t]+:[ \t]+\d")


def _find_space_before_punctuation(text: str) -> Iterator[Hit]:
    pattern = re.compile(r"(?<=[\w)\]\"'])([ \t]+)([,.;:!?])(?=\s|$)")
    for match in pattern.finditer(text):
        if match.group(2) == "." and _SPACED_DOTS.match(text, match.end()):
            continue  # "Wait . . . what?": a spaced ellipsis
        if match.group(2) == ":" and _RATIO.match(text, match.start() - 1):
            continue  # "a ratio of 3 : 2"
        yield Hit(match.start(1), match.end(2), (match.group(2),))


MISSING_APOSTROPHE = Rule(
    "missing-apostrophe",
    "A contraction needs its apostrophe.",
    _find_missing_apostrophe,
    catches=("I dont have the file.", "im sorry for the delay.", "The page wont load.",
             "We cant refund it.", "It isnt ready.", "youre right.", "Thats fine.",
             "Lets go.", "Ill call you tomorrow.", "You shouldve asked."),
    passes=("I don't have the file.", "I'm sorry.", "As is his wont, he replied early.",
            "That is just political cant.", "He lets us know.", "I will call you.",
            "The app lets you sign in.", "Ill health kept him away.", "She felt ill, so we left."),
)


SPACE_BEFORE_PUNCTUATION = Rule(
    "space-before-punctuation",
    "Remove the space before the punctuation mark.",
    _find_space_before_punctuation,
    catches=("Thanks , Sam.", "Is it ready ?", "Note : the office is closed.",
             "It is done ."),
    passes=("Thanks, Sam.", "Well ... maybe.", "Use the .NET app.", "Smile :)",
            "Pages 3 - 5.", "Wait . . . what?", "The ratio is 3 : 2.", "It is 20 % off.",
            "Great :-)"),
)
