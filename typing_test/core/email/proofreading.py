"""Grade a proofreading answer against the drill's answer key.

The candidate sees an email with seeded mistakes and corrects it in place.
:func:`grade_answer` lines the answer up with the email as shown and decides,
for each seeded mistake, whether it was *fixed* (the candidate's text at that
place is one of the accepted corrections, or rewords one, below) or *missed*
(left as it was, or changed to something not accepted). A change to text that
was already right is an *introduced* mistake unless it is a rewording that
keeps the meaning and the grammar, which is listed as *changed* and costs
nothing. The score is ``(fixed - introduced) / seeded``, in percent, kept
between 0 and 100.

Texts are compared as tokens: a word or a single punctuation mark, noting
whether whitespace comes before it. Whitespace is layout, not content: any run
of spaces, tabs and line breaks counts the same, and whitespace at the start
and end does not count. A doubled space, trailing spaces, CRLF line endings or
a re-wrapped line therefore never count as changes, while a space added or
removed between two words or marks ("Thankyou", "you ,") does. Curly quotes
count as straight ones and letters are compared in Unicode NFC form. Forms
that mean the same compare equal (``tokens.comparison_tokens``): a contraction
and its expansion ("There's"/"There is", "can't"/"cannot"/"can not"), the
British and American spellings of a word ("organise"/"organize"), a number
word and its digits ("five"/"5"), a time of day in any format
("08:00"/"8 a.m."/"8am") and "thanks"/"thank you". So writing "There's"
where the key has "There is" changes nothing, and "don't" fixes a mistake
whose correction is "do not"; such places are still listed in ``changed``.

Rewordings (``rewordings.same_meaning``): a change to correct text costs
nothing when the rules of ``rewordings`` say it keeps the meaning (an
optional comma, a synonym from a fixed table, a full stop for ", so", ". This"
for ", which") **and** the offline checker (``checker.load_checker()``)
finds nothing in the changed place or the word either side of it. Numbers,
amounts, dates, times, names, negation, modal verbs and tenses are never
rewritten by a rule, so changing them always counts. A missed mistake is
fixed after all when its place, read alone or together with the changes to
correct text within ``_NEAR`` tokens of it, differs from the mistake,
rewords one of its accepted corrections by the same rules (with another
article allowed when the mistake is a wrong article) and passes the checker:
"$119.00. This is" fixes ", witch is" whose correction is "which". The
mistake as it was is never accepted, and neither is another real word that
no rule lists ("there" for "their"), whatever the checker says.

How the answer is lined up: ``difflib.SequenceMatcher`` aligns the tokens of
the answer with the tokens of the email as shown. The email splits into correct
stretches and mistake slots; where a slot boundary falls inside a stretch the
candidate changed (an edit next to a mistake, a deleted sentence), a small
dynamic programme places the boundary so that, in order of importance, as many
slots as possible hold an accepted correction, boundaries fall at whitespace
where the email has whitespace (so a mark typed onto a word, "months'", goes
with that word), as few slots as possible hold something other than the
mistake or a correction, as few correct stretches as possible are changed,
and token counts stay as close as possible. So an edit right next to a
mistake left as it was counts as an introduced mistake, while one contiguous
edit that changes a mistake into something not accepted is just a miss. Each
contiguous change to correct text counts as one introduced mistake, so two
edits with an unchanged word between them count twice.
"""

from __future__ import annotations

import dataclasses
import difflib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from typing_test.core.email.checker import Checker, load_checker
from typing_test.core.email.drills import ProofreadingDrill
from typing_test.core.email.equivalents import keys_match
from typing_test.core.email.rewordings import START, same_meaning
from typing_test.core.email.tokens import Token, comparison_tokens, keys_in_place

# Above this many candidate positions for one slot boundary, only the likely
# ones are tried; this keeps a rewritten email fast to grade.
_MAX_POSITIONS = 48
# A change to correct text this many tokens or fewer from a missed mistake is
# read together with it ("," + "witch" -> "." + "This").
_NEAR = 3
# Tokens of context either side that the rewording rules look at.
_CONTEXT = 6

_REWORDED = "Reworded text that was already correct; the meaning stays the same."
_SAME_WORDS = "The same words in another form (contraction, spelling, number or time)."


@dataclass(frozen=True)
class GradedSpan:
    """One place in the answer, as the review screen marks it.

    ``start``/``end`` are offsets in the candidate's text (equal when the
    candidate deleted the place); ``original_start``/``original_end`` are offsets
    in the drill's text with mistakes. For a seeded mistake, ``expected`` is the
    first accepted correction, ``accepted`` all of them, ``kind`` the mistake's
    kind and ``reason`` its one-line explanation. For an introduced mistake,
    ``expected`` is the correct original text, ``accepted`` is empty and
    ``kind`` is ``"introduced"``; a change that costs nothing has kind
    ``"changed"``. ``found`` is always ``answer[start:end]``.
    """

    start: int
    end: int
    original_start: int
    original_end: int
    expected: str
    found: str
    reason: str
    kind: str
    accepted: tuple[str, ...] = ()

    def as_json(self) -> dict:
        """The span as a JSON object (see :meth:`ProofreadingResult.as_json`)."""
        return {
            "start": self.start,
            "end": self.end,
            "original_start": self.original_start,
            "original_end": self.original_end,
            "expected": self.expected,
            "found": self.found,
            "reason": self.reason,
            "kind": self.kind,
            "accepted": list(self.accepted),
        }


@dataclass(frozen=True)
class ProofreadingResult:
    """The grade of one answer.

    ``score`` is ``(len(fixed) - len(introduced)) / seeded * 100`` kept between
    0 and 100 and rounded to one decimal. ``fixed`` and ``missed`` together hold
    every seeded mistake once, in text order; ``introduced`` holds each change
    the candidate made to correct text (one entry per contiguous change) that
    counts as a new mistake. ``changed`` holds the changes to correct text that
    cost nothing: rewordings that keep the meaning and pass the checker, and
    other forms of the same words (a contraction, a spelling, "5" for "five").
    """

    drill_id: str
    score: float
    seeded: int
    fixed: tuple[GradedSpan, ...]
    missed: tuple[GradedSpan, ...]
    introduced: tuple[GradedSpan, ...]
    changed: tuple[GradedSpan, ...] = ()

    def as_json(self) -> dict:
        """The JSON printed by ``typing-test drill grade DRILL_ID ANSWER_FILE --json``."""
        return {
            "drill": self.drill_id,
            "score": self.score,
            "seeded": self.seeded,
            "fixed": [span.as_json() for span in self.fixed],
            "missed": [span.as_json() for span in self.missed],
            "introduced": [span.as_json() for span in self.introduced],
            "changed": [span.as_json() for span in self.changed],
        }


@dataclass(frozen=True)
class _Slot:
    """A seeded mistake in token terms: ``original[first:stop]`` in the shown text."""

    first: int
    stop: int
    mistake: tuple[str, ...]
    accepted: frozenset[tuple[str, ...]]
    lengths: tuple[int, ...]  # token counts of the mistake and of every correction
    # The mistake is a wrong article ("a account"): another article may fix it.
    wrong_article: bool = False


@dataclass(frozen=True)
class _Opcode:
    tag: str
    i1: int
    i2: int
    j1: int
    j2: int


def grade_answer(
    drill: ProofreadingDrill, answer: str, checker: Checker | None = None
) -> ProofreadingResult:
    """Grade the candidate's corrected ``answer`` to ``drill``.

    ``answer`` is the whole email as the candidate left it; offsets in the
    result refer to it exactly as passed in (CRLF included). ``checker``
    judges rewordings (default: ``load_checker()``, loaded only when a
    rewording needs judging).
    """
    original, slots = _prepared(drill)
    typed = comparison_tokens(answer)
    original_keys = [t.key for t in original]
    typed_keys = [t.key for t in typed]

    matcher = difflib.SequenceMatcher(None, original_keys, typed_keys, autojunk=False)
    opcodes = [_Opcode(*op) for op in matcher.get_opcodes()]

    # Boundaries in the original: 0, then start and stop of every slot, then
    # the end. Segment k lies between boundaries k and k+1: even k is correct
    # text, odd k is slot k // 2.
    boundaries = [0] + [b for slot in slots for b in (slot.first, slot.stop)] + [len(original)]
    touching = [_changed_opcode_at(b, opcodes) for b in boundaries]
    choices = [
        _position_choices(k, b, touching[k], opcodes, slots, typed_keys)
        for k, b in enumerate(boundaries)
    ]
    choices[0], choices[-1] = [0], [len(typed)]

    def splits_a_word(k: int, q: int) -> int:
        # 1 when boundary k falls between two touching tokens of the answer
        # where the original has whitespace: a mark typed onto a word
        # ("months" -> "months'") goes with that word.
        b = boundaries[k]
        if 0 < b < len(original) and 0 < q < len(typed):
            return int(original_keys[b].startswith(" ") and not typed_keys[q].startswith(" "))
        return 0

    def segment_cost(k: int, p: int, q: int) -> tuple[int, int, int, int, int]:
        # (slots not fixed, words split by the segment's end, slots changed
        # but not fixed, correct pieces changed, token count gap): an edit
        # next to a mistake left as it was counts against the correct text,
        # not as a failed fix.
        split = splits_a_word(k + 1, q)
        if k % 2 == 1:
            slot = slots[k // 2]
            found = tuple(typed_keys[p:q])
            gap = min(abs((q - p) - n) for n in slot.lengths)
            if _is_accepted(found, slot):
                return (0, split, 0, 0, gap)
            return (1, split, 0 if keys_match(found, slot.mistake) else 1, 0, gap)
        # Only the parts of a correct stretch inside a changed opcode at either
        # end depend on where the boundaries go; the rest costs the same anyway.
        changed = gap = 0
        for o1, o2, a1, a2 in _variable_pieces(k, p, q, boundaries, touching):
            if not keys_match(original_keys[o1:o2], typed_keys[a1:a2]):
                changed += 1
            gap += abs((o2 - o1) - (a2 - a1))
        return (0, split, 0, changed, gap)

    positions = _cheapest_positions(choices, segment_cost)

    slot_is_fixed = [
        _is_accepted(tuple(typed_keys[positions[2 * n + 1] : positions[2 * n + 2]]), slot)
        for n, slot in enumerate(slots)
    ]
    changes = _changes_to_correct_text(
        opcodes, boundaries, positions, touching, original_keys, typed_keys, slot_is_fixed
    )
    judge = _Judge(answer, typed, checker)
    regions, taken_in = _reworded_fixes(
        slots, positions, slot_is_fixed, changes, original_keys, typed_keys, judge
    )

    fixed: list[GradedSpan] = []
    missed: list[GradedSpan] = []
    for number, mistake in enumerate(drill.mistakes):
        p, q = regions.get(number, (positions[2 * number + 1], positions[2 * number + 2]))
        start, end = _char_span(typed, p, q)
        span = GradedSpan(
            start=start,
            end=end,
            original_start=mistake.start,
            original_end=mistake.end,
            expected=mistake.corrections[0],
            found=answer[start:end],
            reason=mistake.reason,
            kind=mistake.kind,
            accepted=mistake.accepted,
        )
        (fixed if slot_is_fixed[number] else missed).append(span)

    introduced: list[GradedSpan] = []
    changed: list[GradedSpan] = []
    for o1, o2, a1, a2 in changes:
        if (o1, o2, a1, a2) in taken_in:
            continue  # part of a reworded fix
        span = _introduced_span(o1, o2, a1, a2, original, typed, drill.text, answer)
        if judge.rewords(original_keys[o1:o2], typed_keys, a1, a2):
            changed.append(_as_changed(span, _REWORDED))
        else:
            introduced.append(span)
    changed += _other_forms(opcodes, slots, original, typed, drill.text, answer)
    changed.sort(key=lambda span: span.start)

    seeded = len(slots)
    raw = (len(fixed) - len(introduced)) / seeded * 100 if seeded else 0.0
    return ProofreadingResult(
        drill_id=drill.id,
        score=round(min(100.0, max(0.0, raw)), 1),
        seeded=seeded,
        fixed=tuple(fixed),
        missed=tuple(missed),
        introduced=tuple(introduced),
        changed=tuple(changed),
    )


class _Judge:
    """Whether a change keeps the email right: the rewording rules, then the checker.

    The checker is loaded and run only when a rule matches, once per
    paragraph of the answer.
    """

    def __init__(self, answer: str, typed: Sequence[Token], checker: Checker | None) -> None:
        self.answer = answer
        self.typed = typed
        self.typed_keys = [token.key for token in typed]
        self.checker = checker
        self.findings: dict[int, list[tuple[int, int]]] = {}

    def rewords(
        self,
        before: Sequence[str],
        typed_keys: Sequence[str],
        a1: int,
        a2: int,
        *,
        at_mistake: bool = False,
    ) -> bool:
        """Whether answer tokens ``a1:a2`` reword ``before`` and the checker finds nothing there."""
        left = list(typed_keys[max(0, a1 - _CONTEXT) : a1])
        if a1 - _CONTEXT <= 0:
            left.insert(0, START)
        right = typed_keys[a2 : a2 + _CONTEXT]
        if not same_meaning(before, typed_keys[a1:a2], left, right, at_mistake=at_mistake):
            return False
        return self.is_clean(a1, a2)

    def is_clean(self, a1: int, a2: int) -> bool:
        """No checker finding touches answer tokens ``a1:a2`` or the token either side."""
        typed = self.typed
        if not typed:
            return True
        start = typed[max(0, a1 - 1)].start
        end = typed[min(len(typed) - 1, a2)].end
        paragraph = self.answer.rfind("\n", 0, start) + 1
        if paragraph not in self.findings:
            stop = self.answer.find("\n", paragraph)
            stop = len(self.answer) if stop < 0 else stop
            checker = self.checker or load_checker()
            found = checker.check(self.answer[paragraph:stop], suggestions=False)
            self.findings[paragraph] = [(paragraph + f.start, paragraph + f.end) for f in found]
        return not any(s < end and e > start for s, e in self.findings[paragraph])


def _reworded_fixes(
    slots, positions, slot_is_fixed, changes, original_keys, typed_keys, judge
) -> tuple[dict[int, tuple[int, int]], set[tuple[int, int, int, int]]]:
    """Mark as fixed each missed mistake whose place rewords an accepted correction.

    The place is the mistake's tokens in the answer, read together with the
    changes to correct text within ``_NEAR`` tokens of it (", witch is" ->
    ". This is"), or alone. It must differ from the mistake, reword one of
    the accepted corrections by the rules of ``rewordings`` (with another
    article allowed when the mistake is a wrong article) and pass the
    checker. Updates ``slot_is_fixed`` and returns, for each such mistake,
    the answer token range it now covers, and the changes it took in.
    """
    regions: dict[int, tuple[int, int]] = {}
    taken_in: set[tuple[int, int, int, int]] = set()
    for number, slot in enumerate(slots):
        if slot_is_fixed[number]:
            continue
        p, q = positions[2 * number + 1], positions[2 * number + 2]
        others = [s for n, s in enumerate(slots) if n != number]
        near = [
            c for c in changes
            if c not in taken_in
            and c[1] >= slot.first - _NEAR and c[0] <= slot.stop + _NEAR
            and not any(min(c[0], slot.first) <= s.first < max(c[1], slot.stop) for s in others)
        ]
        for group in ([*near], []) if near else ([],):
            o1 = min([slot.first, *(c[0] for c in group)])
            o2 = max([slot.stop, *(c[1] for c in group)])
            a1 = min([p, *(c[2] for c in group)])
            a2 = max([q, *(c[3] for c in group)])
            if keys_match(typed_keys[a1:a2], original_keys[o1:o2]):
                continue  # the mistake as it was
            if any(
                judge.rewords(
                    (*original_keys[o1 : slot.first], *keys, *original_keys[slot.stop : o2]),
                    typed_keys, a1, a2, at_mistake=slot.wrong_article,
                )
                for keys in slot.accepted
            ):
                slot_is_fixed[number] = True
                regions[number] = (a1, a2)
                taken_in.update(group)
                break
    return regions, taken_in


def _as_changed(span: GradedSpan, reason: str) -> GradedSpan:
    return dataclasses.replace(span, reason=reason, kind="changed")


def _other_forms(opcodes, slots, original, typed, original_text, answer) -> list[GradedSpan]:
    """Correct text written in another form with the same keys ("We've" for "We have").

    Grading does not count these; they are listed so that the review shows
    every change. Whole words are shown.
    """
    in_slot = set()
    for slot in slots:
        in_slot.update(range(slot.first, slot.stop))
    runs: list[tuple[_Opcode, list[int]]] = []  # (opcode, [o1, o2, a1, a2])
    for op in opcodes:
        if op.tag != "equal":
            continue
        for offset in range(op.i2 - op.i1):
            i, j = op.i1 + offset, op.j1 + offset
            if i in in_slot or _same_writing(original_text, original[i], answer, typed[j]):
                continue
            if runs and runs[-1][1][1] == i and runs[-1][1][3] == j:
                runs[-1][1][1], runs[-1][1][3] = i + 1, j + 1
            else:
                runs.append((op, [i, i + 1, j, j + 1]))
    spans = []
    for op, (o1, o2, a1, a2) in runs:
        # Take in the other part of a word split in two ("We" + "'ve").
        while a1 > op.j1 and (_joined(original, o1) or _joined(typed, a1)):
            o1, a1 = o1 - 1, a1 - 1
        while a2 < op.j2 and (_joined(original, o2) or _joined(typed, a2)):
            o2, a2 = o2 + 1, a2 + 1
        o_start, o_end = _whole_words(original_text, *_char_span(original, o1, o2))
        start, end = _whole_words(answer, *_char_span(typed, a1, a2))
        spans.append(
            GradedSpan(
                start=start,
                end=end,
                original_start=o_start,
                original_end=o_end,
                expected=original_text[o_start:o_end],
                found=answer[start:end],
                reason=_SAME_WORDS,
                kind="changed",
            )
        )
    return spans


def _joined(tokens: Sequence[Token], i: int) -> bool:
    """Whether tokens ``i - 1`` and ``i`` are two parts of one written word."""
    if not 0 < i < len(tokens):
        return False
    before, token = tokens[i - 1], tokens[i]
    return (
        before.end == token.start
        and before.key.strip()[:1].isalnum()
        and token.key.strip()[:1].isalnum()
    )


def _same_writing(text: str, token: Token, other_text: str, other: Token) -> bool:
    """Whether two tokens are written alike (curly and straight quotes, NFC forms alike)."""
    written = text[token.start : token.end]
    other_written = other_text[other.start : other.end]
    if written == other_written:
        return True
    return _written(written) == _written(other_written)


def _written(text: str) -> str:
    return unicodedata.normalize("NFC", text).translate(_STRAIGHT)


_STRAIGHT = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """``start:end`` widened to the whole words and contractions it touches."""
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "'\u2019"):
        start -= 1
    while end < len(text) and (text[end].isalnum() or text[end] in "'\u2019"):
        end += 1
    return start, end


@lru_cache(maxsize=64)
def _prepared(drill: ProofreadingDrill) -> tuple[list[Token], list[_Slot]]:
    """The drill's comparison tokens and its slots, worked out once per drill."""
    original = comparison_tokens(drill.text)
    return original, _slots(drill, original)


def _slots(drill: ProofreadingDrill, original: list[Token]) -> list[_Slot]:
    """Turn each seeded mistake's character span into a token range."""
    first_at = {token.start: i for i, token in enumerate(original)}
    stop_at = {token.end: i + 1 for i, token in enumerate(original)}
    slots = []
    for mistake in drill.mistakes:
        # The loader guarantees that a mistake covers whole tokens.
        first, stop = first_at[mistake.start], stop_at[mistake.end]
        # A correction follows whitespace exactly where the mistake does.
        spaced = original[first].key.startswith(" ")
        accepted = frozenset(
            _after_space(_correction_keys(drill.text, mistake.start, mistake.end, c), spaced)
            for c in mistake.accepted
        )
        lengths = (stop - first, *(len(keys) for keys in accepted))
        mistake_keys = tuple(token.key for token in original[first:stop])
        wrong_article = any(_differ_in_articles(mistake_keys, keys) for keys in accepted)
        slots.append(_Slot(first, stop, mistake_keys, accepted, lengths, wrong_article))
    return slots


def _differ_in_articles(mistake: Sequence[str], correction: Sequence[str]) -> bool:
    """Whether ``correction`` differs from ``mistake`` only in articles ("a" -> "an")."""
    if len(mistake) != len(correction) or list(mistake) == list(correction):
        return False
    return all(
        a.strip().lower() in _ARTICLES and b.strip().lower() in _ARTICLES
        for a, b in zip(mistake, correction, strict=True)
        if a != b
    )


_ARTICLES = frozenset({"a", "an", "the"})


def _correction_keys(text: str, start: int, end: int, correction: str) -> tuple[str, ...]:
    """The keys of ``correction`` put in place of ``text[start:end]``.

    In place, because the next words decide what a contraction stands for
    ("It's" before "best" is "It is"). The loader has checked the correction
    is whole tokens there.
    """
    keys = keys_in_place(text, start, end, correction)
    assert keys is not None, correction
    return keys[1]


def _is_accepted(found: tuple[str, ...], slot: _Slot) -> bool:
    """Whether ``found`` is one of the slot's accepted corrections."""
    return found in slot.accepted or any(keys_match(found, keys) for keys in slot.accepted)


def _after_space(keys: tuple[str, ...], spaced: bool) -> tuple[str, ...]:
    if not spaced or not keys:
        return keys
    return (" " + keys[0], *keys[1:])


def _changed_opcode_at(b: int, opcodes: Sequence[_Opcode]) -> _Opcode | None:
    """The non-equal opcode touching original position ``b``, if any.

    Two changed opcodes are always separated by at least one equal token, so
    at most one touches a position.
    """
    for op in opcodes:
        if op.tag != "equal" and op.i1 <= b <= op.i2:
            return op
    return None


def _position_choices(
    k: int,
    b: int,
    op: _Opcode | None,
    opcodes: Sequence[_Opcode],
    slots: Sequence[_Slot],
    typed_keys: Sequence[str],
) -> list[int]:
    """Where boundary ``k`` (original position ``b``) may fall in the answer."""
    if op is None:
        for equal in opcodes:
            if equal.i1 <= b <= equal.i2:
                return [equal.j1 + (b - equal.i1)]
        return [0]  # both texts are empty
    if op.j2 - op.j1 <= _MAX_POSITIONS:
        return list(range(op.j1, op.j2 + 1))
    # A long rewrite: try the ends, the proportional place, and every place
    # where an accepted correction (or the mistake) starts or ends.
    proportional = op.j1 + round((b - op.i1) * (op.j2 - op.j1) / max(1, op.i2 - op.i1))
    choices = {op.j1, op.j2, proportional}
    if 0 < k < 2 * len(slots) + 1:
        slot = slots[(k - 1) // 2]
        starts_slot = k % 2 == 1
        for p in range(op.j1, op.j2 + 1):
            for keys in slot.accepted:
                n = len(keys)
                if starts_slot and keys_match(typed_keys[p : p + n], keys):
                    choices.add(p)
                if not starts_slot and p - n >= 0 and keys_match(typed_keys[p - n : p], keys):
                    choices.add(p)
    return sorted(choices)


def _cheapest_positions(choices, segment_cost) -> list[int]:
    """Pick one position per boundary, non-decreasing, with the least total cost.

    ``segment_cost(k, p, q)`` is the cost of giving answer tokens ``p:q`` to
    segment ``k``; costs are tuples compared in order and added element-wise.
    """
    best = {p: (0, 0, 0, 0, 0) for p in choices[0]}
    came_from: list[dict[int, int]] = []
    for k in range(1, len(choices)):
        step_best: dict[int, tuple[int, ...]] = {}
        step_from: dict[int, int] = {}
        for q in choices[k]:
            for p, cost in best.items():
                if p > q:
                    continue
                extra = segment_cost(k - 1, p, q)
                total = tuple(a + b for a, b in zip(cost, extra, strict=True))
                if q not in step_best or total < step_best[q]:
                    step_best[q], step_from[q] = total, p
        best = step_best
        came_from.append(step_from)
    positions = [choices[-1][0]]
    for step_from in reversed(came_from):
        positions.append(step_from[positions[-1]])
    positions.reverse()
    return positions


def _variable_pieces(k, p, q, boundaries, touching):
    """The (o1, o2, a1, a2) pieces of correct segment ``k`` inside changed opcodes at its ends.

    ``p`` and ``q`` are the answer positions chosen for the segment's two
    boundaries; ``touching[k]`` is the changed opcode at boundary ``k``, if any.
    """
    f1, f2 = boundaries[k], boundaries[k + 1]
    left, right = touching[k], touching[k + 1]
    if left is not None and left is right:
        return [(f1, f2, p, q)]
    pieces = []
    if left is not None:
        pieces.append((f1, left.i2, p, left.j2))
    if right is not None:
        pieces.append((right.i1, f2, right.j1, q))
    return pieces


def _changes_to_correct_text(
    opcodes, boundaries, positions, touching, original_keys, typed_keys, slot_is_fixed
) -> list[tuple[int, int, int, int]]:
    """Every change the candidate made to correct text, as (o1, o2, a1, a2) token ranges.

    Parts of one changed opcode on both sides of a missed mistake are one
    change (for example a deleted sentence that held a mistake).
    """
    pieces = []  # (opcode index, segment k, o1, o2, a1, a2)
    for k in range(0, len(boundaries) - 1, 2):
        f1, f2 = boundaries[k], boundaries[k + 1]
        p, q = positions[k], positions[k + 1]
        for index, op in enumerate(opcodes):
            if op.tag == "equal" or op.i2 < f1 or op.i1 > f2:
                continue
            o1, o2 = max(op.i1, f1), min(op.i2, f2)
            a1 = p if op is touching[k] else op.j1
            a2 = q if op is touching[k + 1] else op.j2
            if o1 == o2 and a1 >= a2:
                continue
            if not keys_match(original_keys[o1:o2], typed_keys[a1:a2]):
                pieces.append((index, k, o1, o2, a1, a2))

    changes: list[tuple[int, int, int, int]] = []
    previous = None
    for index, k, o1, o2, a1, a2 in pieces:
        if previous is not None:
            p_index, p_k, p_o1, _, p_a1, _ = previous
            slots_between = range(p_k // 2, k // 2)
            if index == p_index and not any(slot_is_fixed[s] for s in slots_between):
                changes[-1] = (p_o1, o2, p_a1, a2)
                previous = (index, k, p_o1, o2, p_a1, a2)
                continue
        changes.append((o1, o2, a1, a2))
        previous = (index, k, o1, o2, a1, a2)
    return changes


def _char_span(tokens: Sequence[Token], i: int, j: int) -> tuple[int, int]:
    """Character offsets of tokens ``i:j``; an empty range sits where token ``i`` starts."""
    if i < j:
        return tokens[i].start, tokens[j - 1].end
    if i < len(tokens):
        return tokens[i].start, tokens[i].start
    end = tokens[-1].end if tokens else 0
    return end, end


def _introduced_span(o1, o2, a1, a2, original, typed, original_text, answer) -> GradedSpan:
    start, end = _char_span(typed, a1, a2)
    original_start, original_end = _char_span(original, o1, o2)
    expected = original_text[original_start:original_end]
    found = answer[start:end]
    if not found:
        reason = "Deleted text that was already correct."
    elif not expected:
        reason = "Added text where the original was already correct."
    else:
        reason = "Changed text that was already correct."
    return GradedSpan(
        start=start,
        end=end,
        original_start=original_start,
        original_end=original_end,
        expected=expected,
        found=found,
        reason=reason,
        kind="introduced",
    )


@dataclass(frozen=True)
class ProofreadingAttempt:
    """One proofreading drill as it ended, as the UI reports it when it ends.

    ``answer`` is the email as the candidate left it (edits made after the time
    ran out are not in it) and ``result`` its grade. ``duration_s`` runs from
    the start to the end, at most the time limit. ``status`` is "completed" or
    "abandoned"; ``timed_out`` says the time ran out and the email was submitted
    automatically. ``incidents`` are like the typing test's:
    ``{"t": ms since the start, "type": "paste-refused", "how": ...}``,
    ``{"t": ..., "type": "focus-lost"}`` and ``"focus-returned"``.
    """

    drill: ProofreadingDrill
    answer: str
    result: ProofreadingResult
    duration_s: float
    status: str
    timed_out: bool
    incidents: list[dict] = field(default_factory=list)
