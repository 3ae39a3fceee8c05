"""Made-up answers for demonstration databases: what a candidate of a given
skill types, corrects, writes and picks (``typing-test demo-data``).

Nothing here grades: the answers go through the app's own scoring, drill
grading, writing assessment and quiz grading, so the stored figures are the
ones the app would give these answers.

**Typing.** A person's keystroke log, after what is published on human
typing (the same sources as ``core/typing/automation.py``): the times between
keys are right-skewed, close to log-normal (González, Calot, Ierache and
Hasperué, Heliyon 7, 2021); a letter pair typed by the two hands is quicker
than one typed by one hand, one finger twice slowest; the first letter of a
word, capitals, digits and punctuation take longer (Dhakal, Feit,
Kristensson and Oulasvirta, CHI 2018). Typists pause to read, hit a
neighbouring key now and then, and put most slips right with Backspace a few
keys later. ``autotyper_log`` is a key-sending program's log instead: a near
constant delay, which ``automation_flags`` flags for review.

>>> import random
>>> log = typing_log(random.Random(3), "Dear customer, thank you for your order.", 40, 60)
>>> log[0]["t"] > 0 and all(a["t"] <= b["t"] for a, b in zip(log, log[1:]))
True
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Sequence
from functools import lru_cache

from typing_test.core.email.drills import ProofreadingDrill, WritingScenario
from typing_test.core.quiz.banks import FormulaTask
from typing_test.core.quiz.mutations import mutants
from typing_test.core.quiz.session import Quiz

BACKSPACE = "Backspace"

# QWERTY touch-typing: the hand and finger of each key.
_FINGERS = {
    **dict.fromkeys("qaz1", ("L", 1)), **dict.fromkeys("wsx2", ("L", 2)),
    **dict.fromkeys("edc3", ("L", 3)), **dict.fromkeys("rfvtgb45", ("L", 4)),
    **dict.fromkeys("yhnujm67", ("R", 4)), **dict.fromkeys("ik,8", ("R", 3)),
    **dict.fromkeys("ol.9", ("R", 2)), **dict.fromkeys("p;/0-'", ("R", 1)),
}
_NEIGHBOURS = {
    row[i]: row[max(0, i - 1)] + row[i + 1:i + 2]
    for row in ("qwertyuiop", "asdfghjkl", "zxcvbnm") for i in range(len(row))
}


def pair_factor(previous: str, key: str) -> float:
    """How much longer than a typist's usual gap the gap before ``key`` is."""
    factor = 1.0
    a, b = _FINGERS.get(previous.lower()), _FINGERS.get(key.lower())
    if a and b:
        if previous.lower() == key.lower():
            factor *= 0.95  # a double letter
        elif a == b:
            factor *= 1.45  # one finger, two keys
        elif a[0] == b[0]:
            factor *= 1.1  # one hand
        else:
            factor *= 0.8  # the two hands
    if previous == " ":
        factor *= 1.3  # starting a word
    if key.isupper():
        factor *= 1.6  # Shift
    elif not (key.isalpha() or key == " "):
        factor *= 1.5  # digits and punctuation
    if previous in ".?!":
        factor *= 1.4
    return factor


def typing_log(rng: random.Random, passage: str, wpm: float, seconds: float, *,
               error_rate: float = 0.02, pause_rate: float = 0.015,
               sigma: float = 0.45) -> list[dict]:
    """A person typing ``passage`` at about ``wpm`` for at most ``seconds``:
    ``{"t": ms, "key": ...}`` events, ending when the time is up or the
    passage is typed. ``error_rate`` is the chance of a wrong key (most are
    put right with Backspace a few keys later); ``pause_rate`` the chance of
    stopping 0.5 to 3 s to read on."""
    # Five characters a word; the pair factors average about 1.15 over prose
    # and log-normal noise adds exp(sigma^2 / 2): divide both out.
    base = 12000 / wpm / 1.15 / math.exp(sigma ** 2 / 2)
    limit = seconds * 1000
    drift = rng.uniform(0.0, 0.12)  # slowing down a little over the test
    log: list[dict] = []
    t = 0.0
    previous = " "

    def gap(before: str, key: str) -> float:
        value = base * pair_factor(before, key) * rng.lognormvariate(0, sigma)
        value *= 1 + drift * t / limit
        if rng.random() < pause_rate:
            value += rng.uniform(500, 3000)
        return max(value, 8.0)

    index = 0
    while index < len(passage):
        key = passage[index]
        if key.isalpha() and rng.random() < error_rate:
            wrong = rng.choice(_NEIGHBOURS.get(key.lower(), "e"))
            t += gap(previous, wrong)
            log.append({"t": round(t), "key": wrong})
            if rng.random() < 0.8:  # noticed, a key or two later, and put right
                extra = 0
                while rng.random() < 0.4 and index + 1 + extra < len(passage) and extra < 2:
                    extra += 1
                    t += gap(log[-1]["key"], passage[index + extra])
                    log.append({"t": round(t), "key": passage[index + extra]})
                t += rng.uniform(150, 500)
                for _ in range(extra + 1):
                    t += base * rng.lognormvariate(0, sigma) * 0.9
                    log.append({"t": round(t), "key": BACKSPACE})
                previous = BACKSPACE
            else:  # left as typed: the next key goes on with the passage
                previous = wrong
                index += 1
                continue
        t += gap(previous, key)
        log.append({"t": round(t), "key": key})
        previous = key
        index += 1
        if t >= limit:
            break
    return [event for event in log if event["t"] < limit]


def autotyper_log(rng: random.Random, passage: str, seconds: float) -> list[dict]:
    """A key-sending program typing ``passage``: every key after the same
    delay (40 to 90 ms) with a little jitter, no slips, no pauses."""
    delay = rng.uniform(40, 90)
    log, t = [], 0.0
    for key in passage:
        t += delay + rng.uniform(-2, 2)
        if t >= seconds * 1000:
            break
        log.append({"t": round(t), "key": key})
    return log


# Proofreading -------------------------------------------------------------------


def proofreading_answer(rng: random.Random, drill: ProofreadingDrill, fix_rate: float,
                        slip_rate: float = 0.0) -> str:
    """The drill's email as a candidate leaves it: each seeded mistake put
    right with chance ``fix_rate`` (with one of the accepted corrections),
    and, with chance ``slip_rate``, a new mistake made elsewhere (two letters
    swapped in a word)."""
    text = drill.text
    pieces, last = [], 0
    for mistake in drill.mistakes:
        pieces.append(text[last:mistake.start])
        if rng.random() < fix_rate:
            pieces.append(rng.choice(mistake.accepted))
        else:
            pieces.append(mistake.mistake)
        last = mistake.end
    pieces.append(text[last:])
    answer = "".join(pieces)
    if rng.random() < slip_rate:
        answer = _swap_letters(rng, answer)
    return answer


def _swap_letters(rng: random.Random, text: str) -> str:
    """``text`` with two neighbouring letters swapped in one longer word."""
    words = [m for m in re.finditer(r"[a-z]{6,}", text)]
    if not words:
        return text
    word = rng.choice(words)
    i = word.start() + rng.randrange(1, len(word.group()) - 2)
    return text[:i] + text[i + 1] + text[i] + text[i + 2:]


# Writing ----------------------------------------------------------------------

WRITING_KINDS = ("model", "missing-point", "sloppy", "short")
_CLOSINGS = re.compile(r"^(kind regards|best regards|regards|best wishes|yours sincerely|"
                       r"many thanks|thanks|thank you|sincerely|warm regards),?$", re.I)


def writing_reply(rng: random.Random, scenario: WritingScenario, kind: str,
                  signature: str) -> str:
    """A reply to ``scenario`` of one kind, signed ``signature``:

    - "model": the scenario's example reply, as a good candidate writes it;
    - "missing-point": the same with one body paragraph left out;
    - "sloppy": a few words misspelt and the capital letters of sentence
      starts dropped in places;
    - "short": the greeting, the first paragraph and the sign-off only.

    The scenario's sign-off name is replaced by ``signature``.
    """
    lines = _signed(scenario.model_reply.strip().splitlines(), signature)
    paragraphs = _paragraphs(lines)
    subject = [p for p in paragraphs if p[0].lower().startswith("subject:")]
    body = [p for p in paragraphs if p not in subject]
    # body: greeting, the paragraphs, then the sign-off block.
    greeting, middle, closing = body[:1], body[1:-1], body[-1:]
    if kind == "missing-point" and len(middle) > 2:
        left_out = rng.randrange(1, len(middle))  # never the opening paragraph
        middle = [p for i, p in enumerate(middle) if i != left_out]
    elif kind == "short" and middle:
        middle = middle[:1]
    head = "\n\n".join("\n".join(p) for p in [*subject, *greeting])
    main = "\n\n".join("\n".join(p) for p in middle)
    if kind == "sloppy":  # slips in the body; nobody misspells their own name
        for _ in range(rng.randint(3, 6)):
            main = _swap_letters(rng, main)
        main = re.sub(r"(?<=\. )([A-Z])", lambda m: m.group(1).lower()
                      if rng.random() < 0.5 else m.group(1), main)
    return "\n\n".join(part for part in (head, main, "\n".join(*closing)) if part) + "\n"


def _signed(lines: list[str], signature: str) -> list[str]:
    """The reply's lines with the name under the closing replaced by ``signature``."""
    for i, line in enumerate(lines):
        if _CLOSINGS.match(line.strip()) and i + 1 < len(lines):
            return [*lines[:i + 1], signature, *lines[i + 2:]]
    return [*lines, "", signature]


def _paragraphs(lines: Sequence[str]) -> list[list[str]]:
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return [p for p in paragraphs if p]


# Quizzes ----------------------------------------------------------------------


def quiz_answers(rng: random.Random, quiz: Quiz, right: int, unanswered: int = 0) -> dict:
    """Answers to ``quiz``: ``right`` questions answered as the bank says, up
    to ``unanswered`` left blank, the rest answered wrong the way people get
    them wrong (another option, one option of several missed, the other
    truth value; for a formula task a plausible wrong formula, or the value
    typed in instead of a formula). Which questions is drawn from ``rng``.
    A formula answered "right" is the reference or one of the author's
    alternatives, sometimes typed in lower case (Excel accepts both)."""
    items = list(quiz.items)
    order = list(range(len(items)))
    rng.shuffle(order)
    right_ones = set(order[:right])
    blank = set(order[right:right + unanswered])
    answers: dict[str, object] = {}
    for index, item in enumerate(items):
        question = item.question
        if index in blank:
            continue
        if index in right_ones:
            answers[question.id] = _right_answer(rng, question)
        else:
            answers[question.id] = _wrong_answer(rng, question, item.options)
    return answers


def _right_answer(rng: random.Random, question) -> object:
    if question.type == "formula" and question.formula is not None:
        formula = rng.choice((question.formula.reference, *question.formula.alternatives))
        return _lower_outside_quotes(formula) if rng.random() < 0.2 else formula
    if question.type == "multiple":
        return list(question.answer)
    return question.answer


@lru_cache(maxsize=512)
def _mutants(task: FormulaTask) -> list:
    """The plausible wrong formulas of a task (worked out once per task)."""
    return mutants(task.reference, task.grid, task.target)


def _lower_outside_quotes(formula: str) -> str:
    """A formula typed in lower case, its text in quotes left as it was.

    >>> _lower_outside_quotes('=COUNTIF(B2:B8,"Open")')
    '=countif(b2:b8,"Open")'
    """
    parts = formula.split('"')
    return '"'.join(part.lower() if i % 2 == 0 else part for i, part in enumerate(parts))


def _wrong_answer(rng: random.Random, question, shown: Sequence[str]) -> object:
    if question.type == "truefalse":
        return not question.answer
    if question.type == "single":
        return rng.choice([option for option in shown if option != question.answer])
    if question.type == "multiple":
        right = list(question.answer)
        if len(right) > 1 and rng.random() < 0.6:
            return right[:-1]  # one right option missed
        others = [option for option in shown if option not in right]
        return [*right, rng.choice(others)] if others else right[:-1]
    task = question.formula
    wrong = _mutants(task) if task is not None else []
    if wrong and rng.random() < 0.8:
        return rng.choice(wrong).formula
    # The value read off the sheet and typed in: right on the sheet shown only.
    return task.expected[0].display() if task is not None else "=0"
