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
- Content, 30 points, shared equally by the scenario's required points. A
  point is met only when its words are said, not negated, refused or
  contradicted ("we cannot refund you" does not offer the refund; the rules
  are in ``meaning.py``), and when the reply gives no wrong value for a fact
  the point states (a different amount, date, time...; see ``facts.py``).
- Red flags: each thing the reply must not say (asking for a password,
  refusing what was agreed, blaming the customer...) costs
  :data:`RED_FLAG_PENALTY` points and caps the score at :data:`RED_FLAG_CAP`.

The score is the sum, rounded to a whole number, floored at 0 and capped when
a red flag was raised. Words are counted over the whole reply except the
subject line; a word is a run of letters and digits, with inner apostrophes
("don't" is one word). Content and red flags are read in the whole reply
except the subject line, which is a title, not a statement.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from typing_test.core.email.directives import (
    ASKS_FOR_SECRET,
    LECTURES_THE_READER,
    lectures,
    secret_requests,
)
from typing_test.core.email.drills import (
    RED_FLAG_WINDOW,
    Fact,
    RedFlag,
    RequiredPoint,
    WritingScenario,
)
from typing_test.core.email.facts import Mention, fact_value, mentions
from typing_test.core.email.findings import Finding
from typing_test.core.email.meaning import Match, Reading, keyword_words

Category = Literal["language", "structure", "content", "red flag"]
CATEGORIES: tuple[Category, ...] = ("language", "structure", "content")

POINTS_PER_FINDING = 4
SPELLING_POINTS = GRAMMAR_POINTS = 20
STRUCTURE_POINTS = 30
SUBJECT_POINTS = 6.0
CONTENT_POINTS = 30
RED_FLAG_PENALTY = 20
RED_FLAG_CAP = 50
# A keyword written "not ..." must be this close to its negation: in "we have
# not sent a letter about this change", the change is not what is denied.
NOT_SCOPE = 6
# Two values this close (in characters) are a range: "09:00 to 17:00", "9-1".
RANGE_GAP = 12
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
    r"|many thanks|with thanks|thanks a lot|thanks again|thanks so much|thanks very much"
    r"|thanks|thank you again|thank you so much|thank you very much|thank you"
    r"|respectfully"
)
_CLOSING = re.compile(rf"(?:{_CLOSINGS})[\s,.!]*", re.IGNORECASE)
# "Kind regards, Anna Cruz" on one line: the name must look like a name.
_CLOSING_AND_NAME = re.compile(rf"(?i:{_CLOSINGS}),\s*[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){{0,3}}")


@dataclass(frozen=True)
class FeedbackItem:
    """One line of the score breakdown: ``earned`` of ``possible`` points.

    A red flag's item has ``possible`` 0 and a negative ``earned``.
    """

    category: Category
    label: str
    earned: float
    possible: float
    message: str

    def as_json(self) -> dict:
        """The item as a JSON object, its points to one decimal."""
        return {
            "category": self.category,
            "label": self.label,
            "earned": round(self.earned, 1),
            "possible": round(self.possible, 1),
            "message": self.message,
        }


@dataclass(frozen=True)
class Quote:
    """The sentence of the reply that raised a red flag or gave a wrong fact.

    ``start``/``end`` are offsets in the reply as given; ``sentence`` is the
    sentence on one line.
    """

    sentence: str
    start: int
    end: int


@dataclass(frozen=True)
class RedFlagHit:
    """A red flag the reply raised: the scenario's label and where."""

    label: str
    quote: Quote

    @property
    def message(self) -> str:
        return f'{self.label}: "{self.quote.sentence}"'

    def as_json(self) -> dict:
        return {
            "label": self.label,
            "sentence": self.quote.sentence,
            "start": self.quote.start,
            "end": self.quote.end,
        }


@dataclass(frozen=True)
class WrongFact:
    """A value in the reply that differs from the situation.

    ``fact`` is the label of the scenario's fact it was taken for, or empty
    when no fact could be told (then it costs nothing and only asks for a check).
    """

    fact: str
    kind: str
    found: str
    expected: str
    quote: Quote

    @property
    def message(self) -> str:
        if not self.fact:
            return f"{self.found!r} is not in the situation: check it."
        return (
            f"Wrong {self.kind}: the reply gives {self.found!r} for {self.fact}; "
            f"the situation says {self.expected}."
        )

    def as_json(self) -> dict:
        return {
            "fact": self.fact,
            "kind": self.kind,
            "found": self.found,
            "expected": self.expected,
            "sentence": self.quote.sentence,
            "start": self.quote.start,
            "end": self.quote.end,
        }


@dataclass(frozen=True)
class WritingFeedback:
    """The assessment of one reply.

    ``items`` hold the breakdown (language, then structure, then content, then
    any red flags); their ``earned`` points add up to ``score`` before rounding,
    the floor at 0 and the red-flag cap. ``findings`` are every checker finding
    passed in, sorted by position, for highlighting. ``red_flags`` and
    ``wrong_facts`` say which sentences raised them.
    """

    scenario_id: str
    score: int
    word_count: int
    items: tuple[FeedbackItem, ...]
    findings: tuple[Finding, ...]
    red_flags: tuple[RedFlagHit, ...] = ()
    wrong_facts: tuple[WrongFact, ...] = ()

    def subtotal(self, category: Category) -> float:
        """Points earned in one category, to one decimal, never above what it can earn."""
        chosen = [i for i in self.items if i.category == category]
        earned = sum(i.earned for i in chosen)
        return round(min(earned, sum(i.possible for i in chosen)), 1)

    def possible(self, category: Category) -> float:
        """Points one category can earn, to one decimal."""
        return round(sum(i.possible for i in self.items if i.category == category), 1)

    def as_json(self) -> dict:
        """The feedback as a JSON object (for ``--json`` output)."""
        return {
            "scenario": self.scenario_id,
            "score": self.score,
            "word_count": self.word_count,
            "subtotals": {c: self.subtotal(c) for c in CATEGORIES},
            "items": [item.as_json() for item in self.items],
            "red_flags": [hit.as_json() for hit in self.red_flags],
            "wrong_facts": [wrong.as_json() for wrong in self.wrong_facts],
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
    # The subject line is a title, not a statement: "Subject: Your refund" above
    # a refusal offers no refund. Nor is the sign-off: "Help Desk" under the name
    # tells nobody whom to call. Blanking them keeps the offsets of the rest.
    reading = Reading(_without_sign_off(_without_subject(text)))
    wrong_facts, stated = _check_facts(scenario.facts, reading)
    # A wrong value is wrong in the subject line too ("Refund for order 51787").
    subject_end = _subject_end(text)
    if subject_end:
        with_subject, _ = _check_facts(scenario.facts, Reading(_without_sign_off(text)))
        wrong_facts = [w for w in with_subject if w.quote.start < subject_end] + wrong_facts
    red_flags = _red_flag_hits(scenario.red_flags, reading)

    items = [
        *_language_items(scenario, findings, words),
        *_structure_items(scenario, subject, body, words),
        *_content_items(scenario.points, reading, wrong_facts, stated),
        *(
            FeedbackItem("red flag", hit.label, -RED_FLAG_PENALTY, 0.0, f'"{hit.quote.sentence}"')
            for hit in red_flags
        ),
    ]
    # Score from the exact points; the review shows them to one decimal.
    score = max(0, round(sum(item.earned for item in items)))
    if red_flags:
        score = min(score, RED_FLAG_CAP)
    return WritingFeedback(
        scenario_id=scenario.id,
        score=score,
        word_count=words,
        items=tuple(items),
        findings=findings,
        red_flags=tuple(red_flags),
        wrong_facts=tuple(wrong_facts),
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


def point_is_covered(point: RequiredPoint, text: str | Reading) -> str | None:
    """The keyword that shows ``point`` is covered in ``text``, or None if it is not.

    Every keyword group needs a match whose words are not negated, refused or
    contradicted (a keyword written "not ..." needs a negated match); the keyword
    returned is from the last group. Facts are not looked at here.

    >>> point_is_covered(RequiredPoint("Refund", (("refund", "money back"),)), "We refunded it.")
    'refund'
    >>> point_is_covered(RequiredPoint("Refund", (("refund",),)), "We cannot refund it.") is None
    True
    """
    reading = text if isinstance(text, Reading) else Reading(text)
    found = None
    for matches in _point_matches(point.keywords, reading):
        if not matches:
            return None
        found = matches[0].keyword
    return found


def _point_matches(
    groups: Sequence[Sequence[str]], reading: Reading, *, red_flag: bool = False
) -> list[list[Match]]:
    """For each keyword group, the matches that count (``meaning.py`` says what is negated).

    A keyword written "not ..." counts where its words are negated within
    :data:`NOT_SCOPE` words of the cue ("never share", "you will not be
    charged", "sharing it is not allowed"); for a point, a negation on a
    condition counts too ("no new orders until it is paid"), for a red flag
    it does not ("we can't refund you until it arrives" refuses nothing). The other
    words of such a clause count even though the negation covers them too: in
    "never share your password", "password" is what must not be shared. A
    keyword written "~..." only names something and counts negated or not:
    "I can't make our *Tuesday* meeting" still says which meeting.
    """
    wanted_negated = [
        replace(m, keyword=keyword)
        for group in groups
        for keyword in group
        if _wants_negation(keyword)
        for m in reading.find(keyword.removeprefix("not "))
        if reading.negated(m, scope=NOT_SCOPE, on_condition=not red_flag)
    ]
    negated_clauses = {reading.clause_of(m) for m in wanted_negated}
    result = []
    for group in groups:
        matches = [m for m in wanted_negated if m.keyword in group]
        refused = [] if red_flag else _only_refused(group, reading)
        for keyword in group:
            if keyword.startswith("~"):
                matches += [replace(m, keyword=keyword) for m in reading.find(keyword[1:])]
            elif not _wants_negation(keyword) and not any(
                _contains(phrase, keyword) for phrase in refused
            ):
                matches += [
                    m
                    for m in reading.find(keyword)
                    if not reading.negated(m) or reading.clause_of(m) in negated_clauses
                ]
        result.append(sorted(matches, key=lambda m: (m.first, group.index(m.keyword))))
    return result


def _only_refused(group: Sequence[str], reading: Reading) -> list[str]:
    """The phrases of a point's group that the reply names only to refuse them.

    "We can't offer a full refund, ... any refund would reach your card": the
    words the phrase holds ("refund") then do not cover the point either; the
    reply refused what the point asks for.
    """
    return [
        keyword
        for keyword in group
        if len(keyword_words(keyword)) > 1
        and not keyword.startswith(("~", "not "))
        and reading.find(keyword)
        and all(reading.negated(m) for m in reading.find(keyword))
    ]


def _contains(phrase: str, keyword: str) -> bool:
    """Whether the words of ``keyword`` are a shorter run of the words of ``phrase``."""
    inner, outer = keyword_words(keyword), keyword_words(phrase)
    return len(inner) < len(outer) and any(
        outer[i : i + len(inner)] == inner for i in range(len(outer) - len(inner) + 1)
    )


def _wants_negation(keyword: str) -> bool:
    """Whether a keyword is written "not ...": it counts only where negated."""
    return keyword.startswith("not ") and len(keyword_words(keyword)) > 1


def _red_flag_hits(flags: Sequence[RedFlag], reading: Reading) -> list[RedFlagHit]:
    """The red flags ``reading`` raises, each once, at its first place."""
    hits = []
    for flag in flags:
        if flag.kind:
            # The shared rules of directives.py, for every scenario that opts in.
            rule = {ASKS_FOR_SECRET: secret_requests, LECTURES_THE_READER: lectures}[flag.kind]
            places = rule(reading)
            if places:
                hits.append(RedFlagHit(flag.label, _quote(reading, reading.sentence_of(places[0]))))
            continue
        ignored = {
            index
            for phrase in flag.ignore
            for match in reading.find(phrase)
            for index in range(match.first, match.last + 1)
        }
        groups = []
        for matches in _point_matches(flag.keywords, reading, red_flag=True):
            groups.append([
                m
                for m in matches
                if not reading.is_conditional(m)
                and not ignored.intersection(range(m.first, m.last + 1))
            ])
        place = _together(groups, reading)
        if place is not None:
            hits.append(RedFlagHit(flag.label, _quote(reading, reading.sentence_of(place))))
    return hits


def _together(groups: list[list[Match]], reading: Reading) -> Match | None:
    """The first match of the first group that has a match of every other group in
    its clause, each within :data:`RED_FLAG_WINDOW` words and with no "you" between
    ("we will send you a new password" gives, it does not ask). A "that" clause
    right after the anchor's clause counts as its own: "I have told her | that
    an engineer will come"."""
    if not groups or not all(groups):
        return None
    others = [sorted(group, key=lambda m: m.first) for group in groups[1:]]
    firsts = [[m.first for m in group] for group in others]
    for anchor in groups[0]:
        clauses = _reported_clauses(reading, anchor)
        # Only matches that start near the anchor can be within the window.
        low, high = anchor.first - RED_FLAG_WINDOW - 8, anchor.last + RED_FLAG_WINDOW + 1
        if all(
            any(
                reading.clause_of(m) in clauses and _near(anchor, m, reading)
                for m in group[bisect.bisect_left(starts, low) : bisect.bisect_right(starts, high)]
            )
            for group, starts in zip(others, firsts, strict=True)
        ):
            return anchor
    return None


def _reported_clauses(reading: Reading, anchor: Match) -> set[int]:
    """The clause of ``anchor`` and the "that" clause right after it, if any."""
    clause = reading.clause_of(anchor)
    following = clause + 1
    for word in reading.words[anchor.last + 1 :]:
        token = reading.tokens[word.token]
        if token.clause == clause:
            continue
        if token.clause == following and token.sentence == reading.sentence_of(anchor):
            if word.text.lower() == "that":
                return {clause, following}
        break
    return {clause}


def _near(one: Match, other: Match, reading: Reading) -> bool:
    left, right = (one, other) if one.first <= other.first else (other, one)
    between = [w.text.lower() for w in reading.words[left.last + 1 : right.first]]
    return len(between) <= RED_FLAG_WINDOW and "you" not in between


def _quote(reading: Reading, sentence: int) -> Quote:
    span = reading.sentence_span(sentence)
    return Quote(reading.sentence_text(sentence), span.start, span.end)


def _check_facts(
    facts: Sequence[Fact], reading: Reading
) -> tuple[list[WrongFact], set[str]]:
    """(the values that differ from the situation, the labels of the facts stated rightly).

    A value the reply gives that agrees with a fact of its kind is right: it
    states that fact (the one whose ``near`` words are closest, if several
    agree). A value that agrees with none is wrong, and put down to the fact
    whose ``near`` words are closest to it in its sentence; with no near word
    in the sentence it is reported with no fact (a check, without cost). A
    date that can be read two ways ("05/03") is never wrong when either
    reading is right, and never states a fact.
    """
    wrong: list[WrongFact] = []
    stated: set[str] = set()
    for kind in dict.fromkeys(fact.kind for fact in facts):
        of_kind = [fact for fact in facts if fact.kind == kind]
        values = {fact.label: fact_value(kind, fact.value) for fact in of_kind}
        if kind == "reference":
            for fact in of_kind:
                for mention in mentions(kind, reading.text, fact.value):
                    if mention.agrees_with(values[fact.label]):
                        stated.add(fact.label)
                    else:
                        wrong.append(_wrong(fact, mention, reading))
            continue
        places = {}
        for fact in of_kind:
            found = sorted((m for w in fact.near for m in reading.find(w)), key=lambda m: m.first)
            places[fact.label] = (found, [m.first for m in found])
        found = mentions(kind, reading.text)
        for index, mention in enumerate(found):
            agreeing = [f for f in of_kind if mention.agrees_with(values[f.label])]
            # In "09:00 to 17:00" the "to" belongs to the value after it.
            ranged = index + 1 < len(found) and found[index + 1].start - mention.end <= RANGE_GAP
            nearest = _nearest_facts(of_kind, mention, reading, places, before_only=ranged)
            if agreeing:
                if not (mention.ambiguous and kind == "date"):
                    chosen = [f for f in nearest if f in agreeing] or agreeing
                    stated.update(f.label for f in chosen)
            elif nearest:
                wrong += [_wrong(fact, mention, reading) for fact in nearest]
            else:
                wrong.append(_wrong(None, mention, reading))
    return wrong, stated


def _nearest_facts(
    facts: Sequence[Fact],
    mention: Mention,
    reading: Reading,
    places: dict[str, tuple[list[Match], list[int]]],
    *,
    before_only: bool = False,
) -> list[Fact]:
    """The facts whose ``near`` words are closest to ``mention`` in its sentence.
    ``places`` are where each fact's near words are, in text order; with
    ``before_only``, only near words before the value count."""
    sentence = reading.sentence_at(mention.start)
    first = reading.word_at(mention.start)
    last = max(first, reading.word_at(mention.end) - 1)
    distances: dict[str, float] = {}
    for fact in facts:
        found, firsts = places[fact.label]
        # The near words closest to the value: a few on each side of it.
        at = bisect.bisect_left(firsts, first)
        close = [
            m
            for m in found[max(0, at - 3) : at + 3]
            if reading.sentence_of(m) == sentence and not (before_only and m.first > last)
        ]
        if close:
            distances[fact.label] = min(_distance(m, first, last) for m in close)
    if not distances:
        return []
    closest = min(distances.values())
    return [f for f in facts if distances.get(f.label) == closest]


def _distance(near: Match, first: int, last: int) -> float:
    """How far a near word is from the words ``first``..``last`` of a value.

    A near word inside the value ("ten *working* days") is as near as can be; at
    the same distance, a word before the value beats one after it, so "from
    10:00 to 13:00" reads 10:00 as the start.
    """
    if near.last < first:
        return first - near.last
    if near.first > last:
        return near.first - last + 0.5
    return 0


def _wrong(fact: Fact | None, mention: Mention, reading: Reading) -> WrongFact:
    return WrongFact(
        fact=fact.label if fact else "",
        kind=fact.kind if fact else "",
        found=" ".join(mention.text.split()),
        expected=fact.value if fact else "",
        quote=_quote(reading, reading.sentence_at(mention.start)),
    )


def _without_subject(text: str) -> str:
    """``text`` with its subject line (if any) replaced by spaces."""
    end = _subject_end(text)
    return " " * end + text[end:]


def _subject_end(text: str) -> int:
    """Where the subject line of ``text`` ends (0 when it has none)."""
    match = re.match(r"\s*", text)
    first_line_end = text.find("\n", match.end())
    first_line_end = len(text) if first_line_end < 0 else first_line_end
    if _SUBJECT.fullmatch(text[match.end() : first_line_end].strip()):
        return first_line_end
    return 0


def _without_sign_off(text: str) -> str:
    """``text`` with its closing line and the lines under it replaced by spaces.

    The closing is looked for as :func:`_closing` does, in the last few lines.

    >>> _without_sign_off("It is on its way.\\nKind regards,\\nAl\\nHelp Desk").split()
    ['It', 'is', 'on', 'its', 'way.']
    """
    lines = text.splitlines(keepends=True)
    filled = [index for index, line in enumerate(lines) if line.strip()]
    for index in reversed(filled[-3:]):
        line = lines[index].strip()
        if _CLOSING.fullmatch(line) or _CLOSING_AND_NAME.fullmatch(line):
            end = index + 1
            # Names and titles under it; a sentence there is the reply's own.
            while end < len(lines) and (
                not lines[end].strip()
                or _is_name(lines[end].strip()) and lines[end].strip()[-1] not in ".!?"
            ):
                end += 1
            blanked = re.sub(r"[^\n]", " ", "".join(lines[index:end]))
            return "".join(lines[:index]) + blanked + "".join(lines[end:])
    return text


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


def _matched_text(reading: Reading, match: Match) -> str:
    """The words of ``match`` as the reply wrote them, "never ... share" for a negated one."""
    words = reading.text[reading.words[match.first].start : reading.words[match.last].end]
    return f"not ... {words}" if _wants_negation(match.keyword) else words


def _content_items(
    points: Sequence[RequiredPoint],
    reading: Reading,
    wrong_facts: Sequence[WrongFact],
    stated: set[str],
) -> list[FeedbackItem]:
    each = CONTENT_POINTS / len(points)
    items = []
    for point in points:
        wrong = [w for w in wrong_facts if w.fact in point.facts]
        if wrong:
            message = " ".join(w.message for w in wrong)
            items.append(FeedbackItem("content", point.label, 0.0, each, message))
            continue
        groups = _point_matches(point.keywords, reading)
        found = all(groups) and bool(groups)
        missing = [fact for fact in point.facts if fact not in stated]
        if found:
            words = ", ".join(repr(_matched_text(reading, matches[0])) for matches in groups)
            message = f"Covered (found {words})."
            item = FeedbackItem("content", point.label, each, each, message)
        elif not point.keywords and not missing:
            item = FeedbackItem("content", point.label, each, each, "Covered.")
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
