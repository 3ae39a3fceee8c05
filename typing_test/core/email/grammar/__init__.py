"""Offline grammar and punctuation rules for business email.

``RULES`` is the rule table: each ``Rule`` has an id, a message, a function
that finds its problems in a text, and examples of what it must catch and what
it must leave alone (the tests run them). ``check_grammar`` runs every rule.

Each rule family has its own module, with its rules' examples next to the code:

* ``articles``: a / an;
* ``agreement``: subject and verb;
* ``possessives``: its / it's, your / you're / you, their / there / they're,
  whose / who's;
* ``confusions``: then / than, "could of" for "could have";
* ``punctuation``: missing apostrophes, a space before a punctuation mark;
* ``layout``: capital letters, full stops and spaces;
* ``slips``: a repeated word, "alot".

``_text`` holds the word and sentence utilities they share, ``_rule`` what a
rule and a hit are.

The rules favour precision: each pattern comes with context guards, and a rule
stays silent when correct professional English could match it ("could of
course", "if it were", "his wont"). A missed error costs less than a correct
sentence marked wrong.

>>> findings = check_grammar("Its a user error, not an hardware fault.")
>>> [(f.text, f.rule, f.suggestions) for f in findings]
[('Its', 'its-confusion', ("It's",)), ('an', 'a-an', ('a',))]
"""

from __future__ import annotations

from typing_test.core.email.findings import Finding
from typing_test.core.email.grammar._rule import Hit, Rule
from typing_test.core.email.grammar.agreement import SUBJECT_VERB
from typing_test.core.email.grammar.articles import A_AN, starts_with_vowel_sound
from typing_test.core.email.grammar.confusions import MODAL_OF, THEN_THAN
from typing_test.core.email.grammar.layout import (
    DAY_MONTH_CASE,
    DOUBLE_SPACE,
    LOWERCASE_I,
    MISSING_FULL_STOP,
    SENTENCE_START_CASE,
)
from typing_test.core.email.grammar.possessives import ITS, THERE, WHOSE, YOUR
from typing_test.core.email.grammar.punctuation import (
    MISSING_APOSTROPHE,
    SPACE_BEFORE_PUNCTUATION,
)
from typing_test.core.email.grammar.slips import ALOT, REPEATED_WORD

__all__ = ["RULES", "Hit", "Rule", "check_grammar", "starts_with_vowel_sound"]

# The order matters: when two rules flag overlapping text, the one listed
# first wins ("im" lacks an apostrophe before it lacks a capital).
RULES: tuple[Rule, ...] = (
    MISSING_APOSTROPHE,
    LOWERCASE_I,
    DAY_MONTH_CASE,
    A_AN,
    REPEATED_WORD,
    ITS,
    YOUR,
    THERE,
    WHOSE,
    THEN_THAN,
    MODAL_OF,
    SUBJECT_VERB,
    MISSING_FULL_STOP,
    SPACE_BEFORE_PUNCTUATION,
    DOUBLE_SPACE,
    ALOT,
    SENTENCE_START_CASE,
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
