"""Feedback on an email the candidate wrote for a writing scenario.

:func:`assess_reply` takes the scenario, the reply and the spelling and grammar
findings for that reply (from the checker, which this module does not import)
and returns a score out of 100 with its breakdown:

- Language, 40 points: spelling 20 and grammar 20, each losing 4 points per
  finding, floored at 0. A reply shorter than the scenario's minimum length
  earns these points in proportion to its length, so a near-empty reply cannot
  score well on language.
- Structure, 30 points: a greeting with a name, a closing with a name under it,
  and a length within the scenario's word range -- 10 points each; when the
  scenario requires a subject line, the subject is worth 6 and the other three
  8 each. A greeting without a name, a closing without a name, or a length
  within 20% of the range earns half.
- Content, 30 points, shared equally by the scenario's required points.

The score is the sum, rounded to a whole number. Words are counted over the
whole reply except the subject line; a word is a run of letters and digits,
with inner apostrophes ("don't" is one word).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from typing_test.core.email.drills import RequiredPoint, WritingScenario
from typing_test.core.email.findings import Finding

Category = Literal["language", "structure", "content"]

POINTS_PER_FINDING = 4
SPELLING_POINTS = GRAMMAR_POINTS = 20
STRUCTURE_POINTS = 30
SUBJECT_POINTS = 6.0
CONTENT_POINTS = 30
# A name after a greeting, or under a closing, is at most this many words.
MAX_NAME_WORDS = 6
# Within this fraction outside the word range, the length earns half its points.
LENGTH_TOLERANCE = 0.2

_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
_SUBJECT = re.compile(r"subject\s*:(.*)", re.IGNORECASE)
_GREETING = re.compile(
    r"(dear|hello|hi|good morning|good afternoon|good evening)\b[\s,]*(.*?)[\s,.:;!]*",
    re.IGNORECASE,
)
_CLOSINGS = (
    r"kind regards|best regards|warm regards|warmest regards|with best regards|regards"
    r"|yours sincerely|sincerely|yours faithfully|yours truly|best wishes|all the best"
    r"|many thanks|with thanks|thanks a lot|thanks again|thanks|thank you again|thank you"
    r"|respectfully"
)
_CLOSING = re.compile(rf"(?:{_CLOSINGS})[\s,.!]*", re.IGNORECASE)
# "Kind regards, Anna Cruz" on one line: the name must look like a name.
_CLOSING_AND_NAME = re.compile(rf"(?i:{_CLOSINGS}),\s*[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){{0,3}}")


@dataclass(frozen=True)
class FeedbackItem:
    """One line of the score breakdown: ``earned`` of ``possible`` points."""

    category: Category
    label: str
    earned: float
    possible: float
    message: str

    def as_json(self) -> dict:
        """The item as a JSON object."""
        return {
            "category": self.category,
            "label": self.label,
            "earned": self.earned,
            "possible": self.possible,
            "message": self.message,
        }


@dataclass(frozen=True)
class WritingFeedback:
    """The assessment of one reply.

    ``items`` hold the breakdown (language, then structure, then content);
    their ``earned`` points add up to ``score`` before rounding. ``findings``
    are every checker finding passed in, sorted by position, for highlighting.
    """

    scenario_id: str
    score: int
    word_count: int
    items: tuple[FeedbackItem, ...]
    findings: tuple[Finding, ...]

    def subtotal(self, category: Category) -> float:
        """Points earned in one category."""
        return round(sum(i.earned for i in self.items if i.category == category), 1)

    def as_json(self) -> dict:
        """The feedback as a JSON object (for ``--json`` output)."""
        return {
            "scenario": self.scenario_id,
            "score": self.score,
            "word_count": self.word_count,
            "subtotals": {c: self.subtotal(c) for c in ("language", "structure", "content")},
            "items": [item.as_json() for item in self.items],
            "findings": [finding.as_json() for finding in self.findings],
        }


def assess_reply(
    scenario: WritingScenario, text: str, findings: Sequence[Finding] = ()
) -> WritingFeedback:
    """Score ``text``, the candidate's reply to ``scenario``.

    ``findings`` are the checker's findings for exactly this ``text``; they are
    counted and passed through unchanged.
    """
    subject, body = _split_subject([line.strip() for line in text.splitlines()])
    words = count_words("\n".join(body))
    findings = tuple(sorted(findings, key=lambda f: (f.start, f.end)))

    items = [
        *_language_items(scenario, findings, words),
        *_structure_items(scenario, subject, body, words),
        *_content_items(scenario.points, text),
    ]
    # Score from the exact points; the items show them to one decimal.
    score = round(sum(item.earned for item in items))
    shown = tuple(
        replace(i, earned=round(i.earned, 1), possible=round(i.possible, 1)) for i in items
    )
    return WritingFeedback(
        scenario_id=scenario.id, score=score, word_count=words, items=shown, findings=findings
    )


def reply_word_count(text: str) -> int:
    """The words of a reply as the feedback counts them: all but a subject line.

    >>> reply_word_count("Subject: Your refund\\n\\nDear Ms Lee,\\nIt is on its way.")
    8
    """
    _, body = _split_subject([line.strip() for line in text.splitlines()])
    return count_words("\n".join(body))


def count_words(text: str) -> int:
    """The number of words in ``text``.

    >>> count_words("Don't worry, the 2 invoices are fine.")
    7
    """
    return len(_WORD.findall(text))


def point_is_covered(point: RequiredPoint, text: str) -> str | None:
    """The first keyword that shows ``point`` is covered in ``text``, or None if it is not.

    Every keyword group needs a match; the keyword returned is from the last group.

    >>> point_is_covered(RequiredPoint("Refund", (("refund", "money back"),)), "We refunded it.")
    'refund'
    """
    words = _WORD.findall(text.lower().replace("\u2019", "'"))
    words = [w for word in words for w in word.split("'")]
    found = None
    for group in point.keywords:
        found = next((k for k in group if _phrase_in(k, words)), None)
        if found is None:
            return None
    return found


def _phrase_in(keyword: str, words: Sequence[str]) -> bool:
    """Whether the words of ``keyword`` appear in a row in ``words``."""
    patterns = re.findall(r"[^\W_]+\*?", keyword)
    n = len(patterns)
    return any(
        all(
            _word_matches(pattern, word)
            for pattern, word in zip(patterns, words[i : i + n], strict=True)
        )
        for i in range(len(words) - n + 1)
    )


def _word_matches(pattern: str, word: str) -> bool:
    """Whether ``word`` is ``pattern`` or a simple inflection of it (``*``: any ending)."""
    if pattern.endswith("*"):
        return word.startswith(pattern[:-1])
    if word == pattern:
        return True
    forms = {pattern + ending for ending in ("s", "es", "d", "ed", "ing")}
    if pattern.endswith("e"):
        forms.add(pattern[:-1] + "ing")
    if len(pattern) > 1 and pattern.endswith("y") and pattern[-2] not in "aeiou":
        forms |= {pattern[:-1] + "ies", pattern[:-1] + "ied"}
    if (
        len(pattern) >= 3
        and pattern[-1] not in "aeiouwxy"
        and pattern[-2] in "aeiou"
        and pattern[-3] not in "aeiou"
    ):
        # ship -> shipped, shipping
        forms |= {pattern + pattern[-1] + "ed", pattern + pattern[-1] + "ing"}
    return word in forms


def _split_subject(lines: list[str]) -> tuple[str | None, list[str]]:
    """(subject text or None, the remaining lines). The subject is the first non-empty line."""
    for index, line in enumerate(lines):
        if line:
            match = _SUBJECT.fullmatch(line)
            if match:
                return match.group(1).strip(), lines[index + 1 :]
            break
    return None, lines


def _language_items(
    scenario: WritingScenario, findings: Sequence[Finding], words: int
) -> list[FeedbackItem]:
    share = min(1.0, words / scenario.min_words)
    items = []
    for kind, label, possible in (
        ("spelling", "Spelling", SPELLING_POINTS),
        ("grammar", "Grammar", GRAMMAR_POINTS),
    ):
        flagged = [f for f in findings if (f.kind == "spelling") == (kind == "spelling")]
        earned = max(0, possible - POINTS_PER_FINDING * len(flagged)) * share
        if not flagged:
            message = f"No {kind} problems found."
        else:
            examples = ", ".join(repr(f.text) for f in flagged[:5])
            more = ", ..." if len(flagged) > 5 else ""
            problems = "problem" if len(flagged) == 1 else "problems"
            message = f"{len(flagged)} {kind} {problems}: {examples}{more}."
        if share < 1:
            message += " Scaled down because the reply is shorter than the minimum length."
        items.append(FeedbackItem("language", label, earned, possible, message))
    return items


def _structure_items(
    scenario: WritingScenario, subject: str | None, body: list[str], words: int
) -> list[FeedbackItem]:
    each = STRUCTURE_POINTS / 3
    items = []
    if scenario.subject_required:
        each = (STRUCTURE_POINTS - SUBJECT_POINTS) / 3
        if subject:
            message = "Subject line present."
            items.append(
                FeedbackItem("structure", "Subject line", SUBJECT_POINTS, SUBJECT_POINTS, message)
            )
        else:
            message = (
                "The subject line is empty."
                if subject is not None
                else "Start with a subject line, for example 'Subject: Your refund'."
            )
            items.append(FeedbackItem("structure", "Subject line", 0.0, SUBJECT_POINTS, message))

    filled = [line for line in body if line]
    greeting_share, greeting_message = _greeting(filled)
    closing_share, closing_message = _closing(filled)
    length_share, length_message = _length(scenario, words)
    for label, share, message in (
        ("Greeting", greeting_share, greeting_message),
        ("Closing and sign-off", closing_share, closing_message),
        ("Length", length_share, length_message),
    ):
        items.append(FeedbackItem("structure", label, each * share, each, message))
    return items


def _greeting(lines: list[str]) -> tuple[float, str]:
    """(share of the greeting points, message) for the first line of the body."""
    match = _GREETING.fullmatch(lines[0]) if lines else None
    if match is None:
        return 0.0, "Open with a greeting such as 'Dear Anna,' or 'Hello Mr Cruz,'."
    name_words = len(match.group(2).split())
    if name_words == 0:
        return 0.5, "Add the person's name to the greeting, for example 'Dear Anna,'."
    if name_words > MAX_NAME_WORDS:
        return 0.5, "Put the greeting on a line of its own, for example 'Dear Anna,'."
    return 1.0, "Greeting present."


def _closing(lines: list[str]) -> tuple[float, str]:
    """(share of the closing points, message), looking at the last few lines."""
    for index in range(len(lines) - 1, max(0, len(lines) - 4), -1):
        line = lines[index]
        if _CLOSING_AND_NAME.fullmatch(line):
            return 1.0, "Closing and name present."
        if _CLOSING.fullmatch(line):
            after = lines[index + 1 : index + 2]
            if after and _is_name(after[0]):
                return 1.0, "Closing and name present."
            return 0.5, "Sign with your name on the line under the closing."
    return 0.0, "End with a closing such as 'Kind regards,' and your name under it."


def _is_name(line: str) -> bool:
    return 1 <= len(line.split()) <= MAX_NAME_WORDS and re.search(r"[^\W\d_]", line) is not None


def _length(scenario: WritingScenario, words: int) -> tuple[float, str]:
    low, high = scenario.min_words, scenario.max_words
    message = f"{words} words (aim for {low} to {high})."
    if low <= words <= high:
        return 1.0, message
    if low * (1 - LENGTH_TOLERANCE) <= words <= high * (1 + LENGTH_TOLERANCE):
        return 0.5, message + (" A little short." if words < low else " A little long.")
    return 0.0, message + (" Too short." if words < low else " Too long.")


def _content_items(points: Sequence[RequiredPoint], text: str) -> list[FeedbackItem]:
    each = CONTENT_POINTS / len(points)
    items = []
    for point in points:
        found = point_is_covered(point, text)
        if found is not None:
            message = f"Covered (found {found.rstrip('*')!r})."
            item = FeedbackItem("content", point.label, each, each, message)
        else:
            item = FeedbackItem("content", point.label, 0.0, each, "Not covered.")
        items.append(item)
    return items


@dataclass(frozen=True)
class WritingAttempt:
    """One writing drill as it ended, as the UI reports it when it ends.

    ``text`` is the reply as the candidate left it (edits made after the time
    ran out are not in it) and ``feedback`` its assessment. ``duration_s`` runs
    from the start to the submission, at most the time limit. ``status`` is
    "completed" or "abandoned"; ``timed_out`` says the time ran out and the reply
    was submitted automatically. ``incidents`` are as in ``ProofreadingAttempt``.
    ``check_error`` is empty unless the spelling and grammar check failed, in
    which case the feedback counts no spelling or grammar problems.
    """

    scenario: WritingScenario
    text: str
    feedback: WritingFeedback
    duration_s: float
    status: str
    timed_out: bool
    incidents: list[dict] = field(default_factory=list)
    check_error: str = ""
