"""The offline spelling and grammar checker for email drills.

Load a checker once, then check as many texts as needed:

>>> checker = load_checker()
>>> for finding in checker.check("Hi Sam,\\n\\nWe will recieve an refund tomorrow.\\n"):
...     print(finding.start, finding.text, finding.rule, finding.suggestions)
17 recieve spelling ('receive', 'relieve')
25 an a-an ('a',)

Require one spelling variant with ``load_checker("us")`` or ``load_checker("uk")``:

>>> [(f.text, f.rule, f.suggestions) for f in load_checker("us").check("Our colour is grey.")]
[('colour', 'us-spelling', ('color',)), ('grey', 'us-spelling', ('gray',))]

Loading reads a 160,000-word dictionary (about 0.2 s); run it off the UI
thread. Each variant is loaded once per process, so a second call is instant.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import threading
import time

from typing_test.core.email.findings import Finding
from typing_test.core.email.grammar import check_grammar
from typing_test.core.email.spelling import VARIANTS, Clock, Speller, load_speller

__all__ = ["MAX_WORDS_SUGGESTED", "Checker", "load_checker"]

# The unknown words of one text that get suggestions: far more than any email
# has. The one-edit search that every such word gets costs about 0.2 ms, so
# 500 words cost 0.1 s, while a megabyte of garbage (100,000 unknown words)
# would cost 20 s.
MAX_WORDS_SUGGESTED = 500


class Checker:
    """Spelling and grammar for one spelling variant. Build with ``load_checker``."""

    def __init__(self, speller: Speller) -> None:
        self.speller = speller
        self.variant = speller.variant

    def check(
        self,
        text: str,
        *,
        suggestions: bool = True,
        budget_s: float = 0.05,
        clock: Clock = time.perf_counter,
    ) -> list[Finding]:
        """All findings in ``text``, sorted by start offset.

        Spelling findings have kind "spelling" and rule "spelling" (or
        "us-spelling" / "uk-spelling" for the other variant's spelling);
        grammar findings have kind "grammar" and the rule id of
        ``grammar.RULES``. Where a grammar rule replaces a whole word ("dont",
        "alot"), that word gets no separate spelling finding; a misspelled word
        that also starts a sentence in lower case or ends a paragraph without a
        full stop gets both findings.

        Suggestions for unknown words share ``budget_s`` seconds of ``clock``
        for the whole call: every word (up to ``MAX_WORDS_SUGGESTED``) gets the
        cheap one-edit search, and the slow two-edit search runs only while its
        share of the budget lasts. Pass a fake ``clock`` to make the cut-off
        deterministic. ``suggestions=False`` skips the search (variant findings
        still carry their one suggestion).

        >>> load_checker().check("Their is a problem.", suggestions=False)[0].suggestions
        ('There',)
        """
        grammar = check_grammar(text)
        covered = _Coverage([g for g in grammar if g.rule not in _RULES_KEEPING_THE_WORD])
        spelling = [
            finding for finding in self.speller.find(text) if not covered.covers(finding)
        ]
        if suggestions:
            spelling = self._with_suggestions(spelling, budget_s, clock)
        return sorted(spelling + grammar, key=lambda f: (f.start, f.end))

    def _with_suggestions(
        self, findings: list[Finding], budget_s: float, clock: Clock
    ) -> list[Finding]:
        """Add suggestions to the unknown-word findings. Each word may use an
        equal share of the budget still left, so one hard word cannot starve
        the rest; what an easy word leaves over goes to the words after it.
        Only the first ``MAX_WORDS_SUGGESTED`` unknown words get suggestions,
        so that a huge text of garbage cannot hold the checker for seconds."""
        deadline = clock() + budget_s
        unknown = [f for f in findings if f.rule == "spelling"][:MAX_WORDS_SUGGESTED]
        suggested = {}
        for done, finding in enumerate(unknown):
            share = max(0.0, deadline - clock()) / (len(unknown) - done)
            found = self.speller.suggest(finding.text, budget_s=share, clock=clock)
            suggested[finding.start] = dataclasses.replace(finding, suggestions=tuple(found))
        return [suggested.get(f.start, f) if f.rule == "spelling" else f for f in findings]

    def suggest(
        self, word: str, *, budget_s: float = 0.05, clock: Clock = time.perf_counter
    ) -> list[str]:
        """Up to five corrections for ``word``, most frequent first.

        Words one edit away are always tried; words two edits away only when
        there are none, and only while ``budget_s`` seconds of ``clock`` last.

        >>> load_checker().suggest("seperate", budget_s=0.0)
        ['separate']
        """
        return self.speller.suggest(word, budget_s=budget_s, clock=clock)


class _Coverage:
    """The spans of some findings, to ask whether one of them holds another
    span, in logarithmic time (a text with thousands of findings of each
    kind would otherwise compare every pair)."""

    def __init__(self, findings: list[Finding]) -> None:
        ordered = sorted(findings, key=lambda f: f.start)
        self.starts = [f.start for f in ordered]
        # furthest_end[i]: the furthest end among the first i + 1 spans.
        self.furthest_end = list(itertools.accumulate((f.end for f in ordered), max))

    def covers(self, finding: Finding) -> bool:
        """True when one of the spans starts at or before ``finding`` and ends at or after it."""
        count = bisect.bisect_right(self.starts, finding.start)
        return count > 0 and self.furthest_end[count - 1] >= finding.end


# Grammar rules that flag a word without replacing it: a spelling finding on
# the same word is kept.
_RULES_KEEPING_THE_WORD = frozenset({"sentence-start-case", "missing-full-stop"})

_checkers: dict[str, Checker] = {}
_loading = threading.Lock()


def load_checker(variant: str = "both") -> Checker:
    """The checker for ``variant``: "both" (US and British spellings accepted),
    "us" or "uk" (the other variant's spellings are flagged).

    Thread-safe; the dictionary is read once per process and shared by the
    three variants. Raises ``ValueError`` for an unknown variant.
    """
    if variant not in VARIANTS:
        raise ValueError(f"variant must be one of {VARIANTS}, not {variant!r}")
    with _loading:
        if variant not in _checkers:
            _checkers[variant] = Checker(load_speller(variant))
        return _checkers[variant]
