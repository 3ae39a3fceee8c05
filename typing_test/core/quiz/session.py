"""Draw an Office-skills quiz from the question banks and grade it.

A quiz is drawn at random but reproducibly: the same banks, topics, count and
seed give the same questions in the same order, with the same option order.
The seed is stored with the attempt. Option order depends only on the seed and
the question id, so :func:`rebuild_quiz` recreates a stored quiz from its
question ids and seed even after the banks gained new questions.

Grading: a ``single`` answer is right when it is the right option; a
``multiple`` answer when it holds every right option and no wrong one; a
``truefalse`` answer when it is the right bool; a ``formula`` answer when it
gives the reference formula's value on the grid shown and on every hidden grid
of the task, its variant and any more variants (see
:mod:`typing_test.core.quiz.formulas`). An unanswered question counts as wrong.

The UI owns the timer, navigation and flags' display; :class:`QuizSession`
keeps the answers and flags so the UI stays thin.
"""

from __future__ import annotations

import random
import secrets
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from typing_test.core.quiz.banks import Bank, Question, topic_titles
from typing_test.core.quiz.formulas import FormulaCheck

DEFAULT_PASS_MARK = 70.0

Answer = str | tuple[str, ...] | bool | None
"""A candidate's answer: ``single``, the chosen option's text; ``multiple``, the
chosen options' texts; ``truefalse``, a bool; ``formula``, the typed formula;
None when unanswered."""


@dataclass(frozen=True)
class QuizItem:
    """A question as asked: ``options`` in the shuffled order shown (empty for
    ``truefalse`` and ``formula`` questions)."""

    question: Question
    options: tuple[str, ...]


@dataclass(frozen=True)
class Quiz:
    """The questions of one attempt, in the order asked, grouped by topic.

    ``topics`` are the topic ids asked, in order; ``titles`` maps each to its
    title. ``pass_mark`` is the percentage needed to pass.
    """

    seed: int
    topics: tuple[str, ...]
    titles: dict[str, str]
    items: tuple[QuizItem, ...]
    pass_mark: float = DEFAULT_PASS_MARK

    def question_ids(self) -> list[str]:
        """The question ids in the order asked."""
        return [item.question.id for item in self.items]

    def item(self, question_id: str) -> QuizItem:
        """The item of a question id; KeyError if the quiz does not ask it."""
        for item in self.items:
            if item.question.id == question_id:
                return item
        raise KeyError(question_id)

    def as_json(self) -> dict:
        """The quiz as JSON data: seed, pass mark, topics and the questions as shown."""
        return {
            "seed": self.seed,
            "pass_mark": self.pass_mark,
            "topics": [{"topic": t, "title": self.titles.get(t, t)} for t in self.topics],
            "question_ids": self.question_ids(),
            "questions": [
                {**item.question.as_json(), "options_shown": list(item.options)}
                for item in self.items
            ],
        }


@dataclass(frozen=True)
class QuestionResult:
    """How one question went, with what the review screen shows.

    ``given`` is the candidate's answer (None when unanswered); ``right_answer``
    is the question's answer (for a formula task, the reference formula) and
    ``right_value`` the value it shows on the grid ("" for other types).
    ``feedback`` says why a wrong answer is wrong when there is more to say
    than the right answer (a formula's value, "Not answered."), else "".
    """

    question_id: str
    topic: str
    type: str
    prompt: str
    options: tuple[str, ...]
    given: Answer
    right_answer: str | tuple[str, ...] | bool
    right_value: str
    correct: bool
    answered: bool
    explanation: str
    feedback: str = ""
    formula_check: FormulaCheck | None = None

    def as_json(self) -> dict:
        """The result as JSON data (tuples become lists)."""
        return {
            "question_id": self.question_id,
            "topic": self.topic,
            "type": self.type,
            "prompt": self.prompt,
            "options": list(self.options),
            "given": _answer_json(self.given),
            "right_answer": _answer_json(self.right_answer),
            "right_value": self.right_value,
            "correct": self.correct,
            "answered": self.answered,
            "explanation": self.explanation,
            "feedback": self.feedback,
            "formula_check": None if self.formula_check is None else self.formula_check.as_json(),
        }


@dataclass(frozen=True)
class TopicScore:
    """The score of one topic: ``percent`` is 100 * correct / total."""

    topic: str
    title: str
    correct: int
    total: int
    percent: float

    def as_json(self) -> dict:
        """The score as JSON data."""
        return {
            "topic": self.topic,
            "title": self.title,
            "correct": self.correct,
            "total": self.total,
            "percent": round(self.percent, 2),
        }


@dataclass(frozen=True)
class QuizResult:
    """The graded attempt: overall and per-topic scores, and one result per question.

    ``passed`` is ``percent >= pass_mark``. ``duration_seconds`` is None when
    the caller did not time the attempt.
    """

    seed: int
    pass_mark: float
    correct: int
    total: int
    percent: float
    passed: bool
    topics: tuple[TopicScore, ...]
    questions: tuple[QuestionResult, ...]
    duration_seconds: float | None = None

    @property
    def verdict(self) -> str:
        """``"PASS"`` or ``"FAIL"``."""
        return "PASS" if self.passed else "FAIL"

    def as_json(self) -> dict:
        """Everything needed to store the attempt: seed, questions, answers, scores."""
        return {
            "seed": self.seed,
            "pass_mark": self.pass_mark,
            "correct": self.correct,
            "total": self.total,
            "percent": round(self.percent, 2),
            "passed": self.passed,
            "verdict": self.verdict,
            "duration_seconds": self.duration_seconds,
            "question_ids": [result.question_id for result in self.questions],
            "answers": {r.question_id: _answer_json(r.given) for r in self.questions},
            "topics": [score.as_json() for score in self.topics],
            "questions": [result.as_json() for result in self.questions],
        }


# ---------------------------------------------------------------------------
# Drawing a quiz


def new_seed() -> int:
    """A fresh random seed for a quiz (fits in a signed 64-bit SQLite integer)."""
    return secrets.randbelow(2**63)


def draw_quiz(
    banks: Sequence[Bank],
    count: int,
    *,
    topics: Sequence[str] | None = None,
    seed: int | None = None,
    difficulties: Iterable[str] | None = None,
    pass_mark: float = DEFAULT_PASS_MARK,
) -> Quiz:
    """Draw ``count`` questions from ``banks``, spread evenly over ``topics``.

    ``topics`` defaults to every topic in the banks. Each topic gets an equal
    share (the first topics one more when ``count`` does not divide evenly); a
    topic with too few questions gives its shortfall to the others. Questions
    are grouped by topic in the order of ``topics`` and shuffled within it.
    ``difficulties`` keeps only questions of those difficulties. ``seed`` makes
    the draw reproducible; None picks a new one (it is in ``Quiz.seed``).

    Raises ValueError for an unknown topic, a count below 1, or more questions
    than the chosen topics hold.
    """
    titles = topic_titles(banks)
    chosen = list(titles) if topics is None else list(dict.fromkeys(topics))
    unknown = [topic for topic in chosen if topic not in titles]
    if unknown:
        known = ", ".join(titles) or "none"
        raise ValueError(f"unknown topic {', '.join(unknown)}: the banks have {known}")
    if not chosen:
        raise ValueError("choose at least one topic")
    if count < 1:
        raise ValueError(f"a quiz needs at least 1 question, not {count}")
    if not 0 <= pass_mark <= 100:
        raise ValueError(f"the pass mark is a percentage from 0 to 100, not {pass_mark}")
    wanted_difficulties = None if difficulties is None else set(difficulties)

    # Sorting by id makes the draw independent of the order banks were loaded in.
    pools: dict[str, list[Question]] = {topic: [] for topic in chosen}
    for bank in banks:
        if bank.topic in pools:
            pools[bank.topic].extend(
                question
                for question in bank.questions
                if wanted_difficulties is None or question.difficulty in wanted_difficulties
            )
    for pool in pools.values():
        pool.sort(key=lambda question: question.id)
    available = sum(len(pool) for pool in pools.values())
    if count > available:
        raise ValueError(f"only {available} questions in {', '.join(chosen)}; cannot draw {count}")

    shares = _spread(count, {topic: len(pool) for topic, pool in pools.items()})
    seed = new_seed() if seed is None else seed
    rng = random.Random(seed)
    questions = [
        question for topic in chosen for question in rng.sample(pools[topic], shares[topic])
    ]
    items = tuple(QuizItem(question, shuffled_options(question, seed)) for question in questions)
    return Quiz(seed, tuple(chosen), {t: titles[t] for t in chosen}, items, pass_mark)


def rebuild_quiz(
    banks: Sequence[Bank],
    question_ids: Sequence[str],
    seed: int,
    *,
    pass_mark: float = DEFAULT_PASS_MARK,
) -> Quiz:
    """The quiz of a stored attempt, from its question ids and seed.

    Raises KeyError naming an id no bank has any more.
    """
    titles = topic_titles(banks)
    by_id = {question.id: question for bank in banks for question in bank.questions}
    missing = [question_id for question_id in question_ids if question_id not in by_id]
    if missing:
        raise KeyError(f"questions no longer in the banks: {', '.join(missing)}")
    questions = [by_id[question_id] for question_id in question_ids]
    topics = tuple(dict.fromkeys(question.topic for question in questions))
    items = tuple(QuizItem(question, shuffled_options(question, seed)) for question in questions)
    return Quiz(seed, topics, {t: titles[t] for t in topics}, items, pass_mark)


def shuffled_options(question: Question, seed: int) -> tuple[str, ...]:
    """The question's options in the order shown for ``seed`` (empty when it has none)."""
    if not question.options:
        return ()
    # A string seed is hashed with SHA-512 by random.Random: stable across runs.
    rng = random.Random(f"{seed}:{question.id}")
    return tuple(rng.sample(question.options, len(question.options)))


def _spread(count: int, sizes: Mapping[str, int]) -> dict[str, int]:
    """Deal ``count`` questions round-robin to topics that still have some left."""
    shares = dict.fromkeys(sizes, 0)
    remaining = count
    while remaining:
        for topic, size in sizes.items():
            if remaining and shares[topic] < size:
                shares[topic] += 1
                remaining -= 1
    return shares


# ---------------------------------------------------------------------------
# Grading


def grade_question(
    question: Question, answer: Answer, options: Sequence[str] = ()
) -> QuestionResult:
    """Grade one answer. ``options`` is the order shown (defaults to the bank's order).

    Never raises for what a candidate answered: an answer of the wrong kind
    (a list for a ``single`` question) is graded wrong.
    """
    shown = tuple(options) or question.options
    given = _normalise_answer(question, answer)
    answered = given is not None
    right_value = ""
    feedback = ""
    check: FormulaCheck | None = None
    correct = False

    if question.type == "formula" and question.formula is not None:
        task = question.formula
        right_value = task.expected[0].display()
        if isinstance(given, str):
            check = task.check(given)
            correct = check.correct
            feedback = check.message
    elif question.type == "multiple":
        correct = isinstance(given, tuple) and set(given) == set(question.answer)
    else:
        correct = answered and type(given) is type(question.answer) and given == question.answer

    if not answered:
        feedback = "Not answered."
    elif not correct and not feedback and not _answer_has_right_kind(question, given):
        feedback = "The answer is of the wrong kind for this question."
    return QuestionResult(
        question_id=question.id,
        topic=question.topic,
        type=question.type,
        prompt=question.prompt,
        options=shown,
        given=given,
        right_answer=question.answer,
        right_value=right_value,
        correct=correct,
        answered=answered,
        explanation=question.explanation,
        feedback=feedback,
        formula_check=check,
    )


def grade_quiz(
    quiz: Quiz,
    answers: Mapping[str, Answer],
    *,
    duration_seconds: float | None = None,
) -> QuizResult:
    """Grade every question of ``quiz``; a question missing from ``answers`` is unanswered.

    Raises ValueError for an answer to a question the quiz does not ask.
    """
    asked = set(quiz.question_ids())
    stray = [question_id for question_id in answers if question_id not in asked]
    if stray:
        raise ValueError(f"answers to questions not in the quiz: {', '.join(stray)}")

    results = tuple(
        grade_question(item.question, answers.get(item.question.id), item.options)
        for item in quiz.items
    )
    topic_scores = []
    for topic in quiz.topics:
        in_topic = [result for result in results if result.topic == topic]
        right = sum(result.correct for result in in_topic)
        title = quiz.titles.get(topic, topic)
        topic_scores.append(
            TopicScore(topic, title, right, len(in_topic), _percent(right, len(in_topic)))
        )
    correct = sum(result.correct for result in results)
    total = len(results)
    return QuizResult(
        seed=quiz.seed,
        pass_mark=quiz.pass_mark,
        correct=correct,
        total=total,
        percent=_percent(correct, total),
        # Compared in whole numbers so 7 of 10 passes a 70% mark without float doubt.
        passed=correct * 100 >= quiz.pass_mark * total,
        topics=tuple(topic_scores),
        questions=results,
        duration_seconds=duration_seconds,
    )


def _normalise_answer(question: Question, answer: object) -> Answer:
    """The answer in its canonical form, or None when it counts as unanswered."""
    if answer is None:
        return None
    if isinstance(answer, str):
        if not answer.strip():
            return None
        return answer.strip() if question.type == "formula" else answer
    if isinstance(answer, list | tuple | set | frozenset):
        if not answer:
            return None
        chosen = set(answer)
        # Keep the bank's option order so stored answers read the same way.
        ordered = [option for option in question.options if option in chosen]
        extra = sorted(str(option) for option in chosen if option not in question.options)
        return tuple(ordered + extra)
    if isinstance(answer, bool):
        return answer
    return str(answer)


def _answer_has_right_kind(question: Question, given: Answer) -> bool:
    if question.type == "multiple":
        return isinstance(given, tuple)
    if question.type == "truefalse":
        return isinstance(given, bool)
    return isinstance(given, str)


def _percent(correct: int, total: int) -> float:
    return 100.0 * correct / total if total else 0.0


def _answer_json(answer: object) -> object:
    return list(answer) if isinstance(answer, tuple) else answer


# ---------------------------------------------------------------------------
# Taking a quiz


@dataclass
class QuizSession:
    """The state of a quiz being taken: answers by question id and flagged questions.

    ``clock`` returns seconds (``time.monotonic`` by default; tests inject a
    fake); the session starts timing when created and :meth:`finish` stores the
    elapsed time as the attempt's duration.
    """

    quiz: Quiz
    clock: Callable[[], float] = time.monotonic
    answers: dict[str, Answer] = field(default_factory=dict)
    flagged: set[str] = field(default_factory=set)
    started: float = field(init=False)

    def __post_init__(self) -> None:
        self.started = self.clock()
        self._ids = self.quiz.question_ids()

    def set_answer(self, question_id: str, answer: Answer) -> None:
        """Record an answer; None, "" or an empty selection clears it."""
        self._check_id(question_id)
        item = self.quiz.item(question_id)
        if _normalise_answer(item.question, answer) is None:
            self.answers.pop(question_id, None)
        else:
            self.answers[question_id] = answer

    def answer_of(self, question_id: str) -> Answer:
        """The recorded answer, or None."""
        self._check_id(question_id)
        return self.answers.get(question_id)

    def is_answered(self, question_id: str) -> bool:
        """Whether the question has an answer."""
        return self.answer_of(question_id) is not None

    def toggle_flag(self, question_id: str) -> bool:
        """Flag or unflag a question for review; returns whether it is now flagged."""
        self._check_id(question_id)
        if question_id in self.flagged:
            self.flagged.discard(question_id)
            return False
        self.flagged.add(question_id)
        return True

    def unanswered(self) -> list[str]:
        """Ids of questions without an answer, in the order asked."""
        return [question_id for question_id in self._ids if question_id not in self.answers]

    def flagged_ids(self) -> list[str]:
        """Ids of flagged questions, in the order asked."""
        return [question_id for question_id in self._ids if question_id in self.flagged]

    def elapsed_seconds(self) -> float:
        """Seconds since the session started, by the injected clock."""
        return self.clock() - self.started

    def finish(self) -> QuizResult:
        """Grade the attempt, with the elapsed time as its duration."""
        return grade_quiz(self.quiz, self.answers, duration_seconds=self.elapsed_seconds())

    def _check_id(self, question_id: str) -> None:
        if question_id not in self._ids:
            raise KeyError(f"question {question_id!r} is not in this quiz")
