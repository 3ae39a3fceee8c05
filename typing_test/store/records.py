"""Turn core results into rows of the attempts table.

Every kind of attempt shares the same columns: ``score`` is net WPM for a
typing test, keystrokes per hour for a data-entry test (``accuracy`` its
percentage of fields or entries right) and a percentage for the others;
``figures`` holds every figure,
``details`` what is needed to review the attempt later.
"""

from __future__ import annotations

from typing_test.core.email.proofreading import ProofreadingAttempt
from typing_test.core.email.writing import WritingAttempt
from typing_test.core.quiz.session import Quiz, QuizResult
from typing_test.core.typing.data_entry import DataEntryBar
from typing_test.core.typing.entry_session import EntryOutcome
from typing_test.core.typing.entry_tasks import check_event, task_from_table, task_table
from typing_test.core.typing.scoring import PassBar, TypingResult


def typing_attempt(
    result: TypingResult,
    *,
    bar: PassBar,
    passage_id: str,
    passage_title: str,
    passage_text: str,
    keystrokes: list[dict],
    incidents: list[dict],
    test_length_s: float,
    category: str = "",
    candidate: str = "",
    status: str = "completed",
    started_at: str | None = None,
) -> dict:
    """The attempts-table row of one typing test.

    >>> from typing_test.core.typing.scoring import score
    >>> row = typing_attempt(score("ab", [], 0), bar=PassBar(), passage_id="p",
    ...     passage_title="P", passage_text="ab", keystrokes=[], incidents=[],
    ...     test_length_s=60)
    >>> row["kind"], row["score"], row["passed"]
    ('typing', 0.0, False)
    """
    row = {
        "kind": "typing",
        "candidate": candidate,
        "status": status,
        "item_id": passage_id,
        "item_title": passage_title,
        "duration_s": result.duration_s,
        "score": result.net_wpm,
        "accuracy": result.accuracy,
        "passed": status == "completed" and result.passed(bar),
        "settings": {
            "test_length_s": test_length_s,
            "category": category,
            "min_net_wpm": bar.min_net_wpm,
            "min_accuracy": bar.min_accuracy,
        },
        "figures": {
            **result.as_json(bar),
            "char_keystrokes": result.char_keystrokes,
            "correct_keystrokes": result.correct_keystrokes,
            "backspaces": result.backspaces,
            "word_errors": [
                {"typed": error.typed, "expected": error.expected}
                for error in result.word_errors
            ],
        },
        "keystrokes": keystrokes,
        "details": {"passage_text": passage_text, "typed_text": result.typed_text},
        "events": incidents,
    }
    if started_at is not None:
        row["started_at"] = started_at
    return row


def targeted_attempt(
    result: TypingResult,
    *,
    title: str,
    passage_text: str,
    keystrokes: list[dict],
    incidents: list[dict],
    test_length_s: float,
    targets: dict,
    seed: int,
    candidate: str = "",
    status: str = "completed",
    started_at: str | None = None,
) -> dict:
    """The attempts-table row of one round of targeted practice: a typing
    attempt (the same figures, log and passage) of kind ``targeted``, never a
    pass (practice rounds set no bar); ``settings`` keep the round's length,
    the weak spots it aimed at (``targets``) and the seed of its text.

    >>> from typing_test.core.typing.scoring import score
    >>> row = targeted_attempt(score("ab", [{"t": 0, "key": "a"}, {"t": 200, "key": "b"}], 0.2),
    ...     title="Aimed at b", passage_text="ab", keystrokes=[], incidents=[],
    ...     test_length_s=60, targets={"keys": ["b"], "pairs": []}, seed=7)
    >>> row["kind"], row["passed"], row["figures"]["passed"], row["settings"]["seed"]
    ('targeted', False, False, 7)
    """
    row = typing_attempt(
        result, bar=PassBar(), passage_id="targeted", passage_title=title,
        passage_text=passage_text, keystrokes=keystrokes, incidents=incidents,
        test_length_s=test_length_s, candidate=candidate, status=status,
        started_at=started_at,
    )
    row["kind"] = "targeted"
    row["passed"] = False
    row["figures"]["passed"] = False
    row["settings"] = {"test_length_s": test_length_s, "targets": targets, "seed": seed}
    return row


def quiz_attempt(
    result: QuizResult,
    quiz: Quiz,
    *,
    time_limit_s: float,
    timed_out: bool = False,
    abandoned: bool = False,
    candidate: str = "",
    started_at: str | None = None,
) -> dict:
    """The attempts-table row of one Office-skills quiz. An abandoned quiz
    keeps its answers but never counts as a pass.

    ``details`` keeps the questions as shown (options in the order asked)
    and the graded answers, so the review can be rebuilt later; the seed is
    in both ``settings`` and ``details``.
    """
    topics = [quiz.titles.get(topic, topic) for topic in quiz.topics]
    row = {
        "kind": "quiz",
        "candidate": candidate,
        "status": "abandoned" if abandoned else "completed",
        "item_id": ",".join(quiz.topics),
        "item_title": "Quiz: " + ", ".join(topics),
        "duration_s": result.duration_seconds,
        "score": result.percent,
        "passed": result.passed and not abandoned,
        "settings": {
            "topics": list(quiz.topics),
            "question_count": len(quiz.items),
            "time_limit_s": time_limit_s,
            "pass_mark": quiz.pass_mark,
            "seed": quiz.seed,
        },
        "figures": {
            "correct": result.correct,
            "total": result.total,
            "percent": round(result.percent, 2),
            "timed_out": timed_out,
            "topics": [score.as_json() for score in result.topics],
        },
        "details": {"quiz": quiz.as_json(), "result": result.as_json()},
    }
    if started_at is not None:
        row["started_at"] = started_at
    return row


def proofreading_attempt(
    attempt: ProofreadingAttempt,
    *,
    candidate: str = "",
    started_at: str | None = None,
) -> dict:
    """The attempts-table row of one proofreading drill.

    ``details`` keeps the email as given, the candidate's answer and the full
    grade (each mistake fixed, missed or introduced, with positions).
    """
    drill, result = attempt.drill, attempt.result
    row = {
        "kind": "proofreading",
        "candidate": candidate,
        "status": attempt.status,
        "item_id": drill.id,
        "item_title": drill.title,
        "duration_s": attempt.duration_s,
        "score": result.score,
        "passed": False,  # drills are practice and screening evidence; they set no bar
        "settings": {"time_limit_s": drill.time_limit_seconds},
        "figures": {
            "score": result.score,
            "seeded": result.seeded,
            "fixed": len(result.fixed),
            "missed": len(result.missed),
            "introduced": len(result.introduced),
            "timed_out": attempt.timed_out,
        },
        "details": {
            "email": drill.text,
            "answer": attempt.answer,
            "result": result.as_json(),
        },
        "events": list(attempt.incidents),
    }
    if started_at is not None:
        row["started_at"] = started_at
    return row


def writing_attempt(
    attempt: WritingAttempt,
    *,
    candidate: str = "",
    started_at: str | None = None,
) -> dict:
    """The attempts-table row of one writing drill.

    ``details`` keeps the reply, every finding with its position, and the
    score's breakdown; ``check_error`` says when spelling and grammar could
    not be checked (the language points are then not to be trusted).
    """
    scenario, feedback = attempt.scenario, attempt.feedback
    row = {
        "kind": "writing",
        "candidate": candidate,
        "status": attempt.status,
        "item_id": scenario.id,
        "item_title": scenario.title,
        "duration_s": attempt.duration_s,
        "score": float(feedback.score),
        "passed": False,
        "settings": {
            "time_limit_s": scenario.time_limit_seconds,
            "words": [scenario.min_words, scenario.max_words],
            "subject_required": scenario.subject_required,
        },
        "figures": {
            "score": feedback.score,
            "word_count": feedback.word_count,
            "findings": len(feedback.findings),
            "timed_out": attempt.timed_out,
            "check_error": attempt.check_error,
        },
        "details": {"text": attempt.text, "feedback": feedback.as_json()},
        "events": list(attempt.incidents),
    }
    if started_at is not None:
        row["started_at"] = started_at
    return row


def data_entry_attempt(
    outcome: EntryOutcome,
    *,
    bar: DataEntryBar,
    candidate: str = "",
    started_at: str | None = None,
) -> dict:
    """The attempts-table row of one data-entry test (form entry or 10-key),
    scored from its log: ``score`` is keystrokes per hour, ``accuracy`` the
    percentage of fields (or entries) right. An abandoned test keeps its
    figures but never counts as a pass.

    ``details`` keeps the task as it was (its TOML table), so the review is
    rebuilt from the stored log whatever becomes of the task file.

    >>> from typing_test.core.typing.entry_tasks import EntryTask
    >>> task = EntryTask("codes", "tenkey", "Codes", 60, numbers=("12",))
    >>> log = [{"t": 0, "key": "1", "keypad": True}, {"t": 500, "key": "2", "keypad": True},
    ...        {"t": 1000, "key": "\\n", "keypad": True}]
    >>> row = data_entry_attempt(EntryOutcome(task, log, 60, False, "completed"),
    ...                          bar=DataEntryBar(98, 1000))
    >>> row["kind"], row["score"], row["accuracy"], row["passed"]
    ('data-entry', 10800.0, 100.0, True)
    """
    task, result = outcome.task, outcome.result()
    row = {
        "kind": "data-entry",
        "candidate": candidate,
        "status": outcome.status,
        "item_id": task.id,
        "item_title": task.title,
        "duration_s": result.duration_s,
        "score": result.kph,
        "accuracy": result.accuracy,
        "passed": outcome.status == "completed" and result.passed(bar),
        "settings": {
            "mode": task.kind,
            "duration_s": outcome.duration_s,
            "keypad_required": outcome.keypad_required,
            "min_kph": bar.min_kph,
            "min_accuracy": bar.min_accuracy,
        },
        "figures": {**result.as_json(bar), "timed_out": outcome.timed_out},
        "keystrokes": list(outcome.events),
        "details": {"task": task_table(task)},
        "events": list(outcome.incidents),
    }
    if started_at is not None:
        row["started_at"] = started_at
    return row


def stored_data_entry(row: dict) -> tuple[EntryOutcome, DataEntryBar]:
    """A stored data-entry attempt as it was run, to score and review again:
    the outcome (its task from ``details``, its log) and the bar it was
    judged against. KeyError, TypeError or ValueError (ContentError) for a
    row that does not hold them.
    """
    settings, stored_task = row["settings"], row["details"]["task"]
    if not isinstance(stored_task, dict) or not isinstance(row["keystrokes"] or [], list):
        raise ValueError("its task or its keystroke log cannot be read")
    task = task_from_table(stored_task, row["item_id"] or "", "the stored task")
    events = list(row["keystrokes"] or [])
    for number, event in enumerate(events, start=1):
        problem = check_event(event, task)
        if problem:
            raise ValueError(f"event {number} of the stored log: {problem}")
    outcome = EntryOutcome(
        task=task, events=events, duration_s=settings["duration_s"],
        keypad_required=bool(settings.get("keypad_required")),
        status="completed" if row["status"] == "completed" else "abandoned",
        incidents=list(row.get("events") or []))
    return outcome, DataEntryBar(min_accuracy=float(settings["min_accuracy"]),
                                 min_kph=float(settings["min_kph"]))
