"""Realistic screenings for the dashboard's tests and screenshots: real
attempts (a typing test scored from a keystroke log, a proofreading drill
graded, a writing reply assessed, a quiz graded), recorded step by step
through the screening store and sealed as the app seals them."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from typing_test.core.email import grade_answer, load_drills
from typing_test.core.email.findings import Finding
from typing_test.core.email.proofreading import ProofreadingAttempt
from typing_test.core.email.writing import WritingAttempt, assess_reply
from typing_test.core.quiz import draw_quiz, grade_quiz, load_builtin_banks
from typing_test.core.screening.batteries import quiz_banks_for_step
from typing_test.core.typing import PassBar, score
from typing_test.store import screenings as S
from typing_test.store.records import (
    proofreading_attempt,
    quiz_attempt,
    typing_attempt,
    writing_attempt,
)

PASSAGE = ("Thank you for contacting our support team. We have received your request "
           "and a member of our billing team will review your account within two working "
           "days. Please keep your reference number for any further questions.")
# Replies to the shipped "address-change" drill: one that covers every point,
# one that covers none of them.
GOOD_REPLY = ("Dear Ms Lopez,\n\nThank you for leting us know about your move. Your account "
              "now shows your new address, 14 Oak Street, Riverton.\n\nYour May bill was printed "
              "before the change, so it may still go to your old address. You can see the "
              "same bill at any time in your online account.\n\nFor your security, we have "
              "sent a letter to your old address to confirm the change.\n\nKind regards,\nAna "
              "Reyes")
WEAK_REPLY = ("Dear Ms Lopez,\n\nThank you for your message. I am sorry for the trouble. We "
              "will look into it and get back to you soon.\n\nKind regards,\nAna")
JAN = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)

_DRILLS = None
_BANKS = None


def content():
    """The shipped drills and question banks, loaded once per test run."""
    global _DRILLS, _BANKS
    if _DRILLS is None:
        _DRILLS = load_drills()
        _BANKS = load_builtin_banks(evaluate_formulas=False)
    return _DRILLS, _BANKS


def keystrokes(text: str, rng: random.Random, *, robot: bool = False,
               typos: int = 0) -> list[dict]:
    """A log typing ``text``: a person's uneven gaps, or a program's constant
    100 ms; ``typos`` letters typed wrong and left."""
    wrong = set(rng.sample(range(len(text)), typos)) if typos else set()
    events, t = [], 0
    for index, char in enumerate(text):
        t += 100 if robot else int(rng.lognormvariate(5.3, 0.45))
        key = ("x" if char != "x" else "y") if index in wrong else char
        events.append({"t": t, "key": key})
    return events


def typing_row(rng: random.Random, *, robot: bool = False, typos: int = 2) -> dict:
    keys = keystrokes(PASSAGE, rng, robot=robot, typos=typos)
    seconds = keys[-1]["t"] / 1000 + 1
    result = score(PASSAGE, keys, seconds)
    return typing_attempt(result, bar=PassBar(), passage_id="support-1",
                          passage_title="Support reply", passage_text=PASSAGE,
                          keystrokes=keys, incidents=[], test_length_s=180)


def proofreading_row(fixed: bool) -> dict:
    drills, _banks = content()
    drill = next(iter(drills.proofreading.values()))
    answer = drill.reference if fixed else drill.text
    return proofreading_attempt(ProofreadingAttempt(
        drill, answer, grade_answer(drill, answer), duration_s=140.0, status="completed",
        timed_out=False))


def writing_row(good: bool) -> dict:
    drills, _banks = content()
    scenario = drills.writing["address-change"]
    reply = GOOD_REPLY if good else WEAK_REPLY
    # The checker's finding on the misspelt word, as it reports it (running the
    # checker itself would take seconds a test).
    start = reply.find("leting")
    findings = () if start < 0 else (
        Finding(start, start + 6, "leting", "spelling", "spelling", "Unknown word", ("letting",)),)
    feedback = assess_reply(scenario, reply, findings)
    return writing_attempt(WritingAttempt(scenario, reply, feedback, duration_s=300.0,
                                          status="completed", timed_out=False))


def quiz_row(battery, position: int, right: bool) -> dict:
    _drills, banks = content()
    step = battery.steps[position]
    quiz = draw_quiz(quiz_banks_for_step(step, banks), step.count, topics=step.topics,
                     seed=11, pass_mark=step.min_score)
    answers = {item.question.id: item.question.answer for item in quiz.items} if right else {}
    return quiz_attempt(grade_quiz(quiz, answers), quiz, time_limit_s=600)


def record_voice_screening(store, candidate_id: str, *, sealer, rng: random.Random,
                           good: bool = True, robot: bool = False, now: datetime = JAN,
                           incidents: bool = False, finish: bool = True) -> str:
    """A screening of the "voice" battery: typing, proofreading, writing, quiz."""
    screening_id = S.begin_screening(store, candidate_id, "voice", now=now)
    battery = S.screening(store, screening_id)["battery"]
    rows = [typing_row(rng, robot=robot), proofreading_row(good), writing_row(good),
            quiz_row(battery, 3, good)]
    for position, row in enumerate(rows):
        attempt_id = S.begin_step(store, screening_id, position, {"kind": row["kind"]})
        S.record_step(store, screening_id, position, {**row, "id": attempt_id},
                      sealer=sealer, now=now + timedelta(minutes=10 * position + 8))
        if incidents and position == 0:
            S.record_incident(store, screening_id, "paste", step_position=0, t=42_000,
                              detail="97 characters by shortcut")
            S.record_incident(store, screening_id, "focus_lost", step_position=0, t=65_000,
                              duration_ms=4_200)
    if finish:
        S.finish_screening(store, screening_id, sealer=sealer, now=now + timedelta(minutes=45))
    return screening_id
