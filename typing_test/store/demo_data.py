"""Fill a database with demonstration candidates and sealed screenings
(``typing-test demo-data``), for demonstrations, tests and benchmarks.

Each demo candidate takes one of the preset batteries as stored (HR's edits
included) through the same store functions the screening window uses:
``begin_screening``, ``record_step`` for each step, ``record_incident``,
``finish_screening``, every step and every finished screening sealed with
the key given. The answers come from ``core/screening/demo_answers.py`` and
are graded by the app's own code: typing logs scored by ``score``,
proofreading answers by ``grade_answer``, written replies checked for
spelling and grammar and assessed by ``assess_reply``, quizzes drawn by
``draw_quiz`` and graded by ``grade_quiz``. So every figure is one the app
would have given, and the verdicts follow the batteries' rules.

The outcomes cover what HR meets: passes, fails, screenings abandoned part
way (HR ended a step with the admin password) and screenings interrupted
(the PC went off during a step, closed as interrupted when the app
reopened), some candidates taking a battery again after the retake wait or
with HR's override, refused pastes, focus lost and attempts to leave, and a
few typing logs with a key-sending program's timing, which the automation
flags mark for review. The same ``seed`` gives the same candidates, answers
and figures (the UUIDs and the dates, counted back from ``now``, differ).

Demo candidates carry an HR reference starting ``DEMO-``; a database holding
any other result (a screening of another candidate, or a practice attempt)
is refused unless ``force`` is given, so demo data never mixes with real
results by accident.
"""

from __future__ import annotations

import math
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from typing_test.core.email import load_checker, load_drills
from typing_test.core.email.proofreading import ProofreadingAttempt, grade_answer
from typing_test.core.email.writing import WritingAttempt, assess_reply
from typing_test.core.quiz import draw_quiz, grade_quiz, load_builtin_banks
from typing_test.core.screening.batteries import (
    Battery,
    DrillStep,
    QuizStep,
    TypingStep,
    quiz_banks_for_step,
)
from typing_test.core.screening.demo_answers import (
    WRITING_KINDS,
    autotyper_log,
    proofreading_answer,
    quiz_answers,
    typing_log,
    writing_reply,
)
from typing_test.core.screening.demo_people import DEMO_REFERENCE_PREFIX, ROLES, DemoPeople
from typing_test.core.screening.seals import SealKey
from typing_test.core.typing import PassBar, automation_flags, score
from typing_test.core.typing.passages import choose_passage, load_passages
from typing_test.core.typing.scoring import final_text
from typing_test.store import screenings as S
from typing_test.store.database import Store
from typing_test.store.ledger import LedgerSealer, sealer_for
from typing_test.store.records import (
    proofreading_attempt,
    quiz_attempt,
    typing_attempt,
    writing_attempt,
)

# The preset battery ids, in the order of assets/batteries. The "data-entry"
# preset is left out for now: its steps' attempts are built by
# ``records.data_entry_attempt`` with the data-entry pages, and a demo copy of
# that row here would be the same logic written twice. Adding it later means a
# ROLES entry, a PRESET_WEIGHTS entry and an ``attempt`` branch that keys a
# task with ``demo_answers``' human timing and scores it with
# ``core/typing/data_entry``; it also changes what each seed draws.
PRESETS = tuple(ROLES)
# How a demo screening goes. "strong" and "weak" candidates pass or fail every
# step with a margin; "mixed" ones are drawn step by step, so the real
# grading decides; "abandoned" and "interrupted" stop part way.
PLANS = ("strong", "weak", "abandoned", "interrupted")
# How often each preset and each plan is drawn after the first candidates.
PRESET_WEIGHTS = {"back-office": 35, "semi-voice": 25, "voice": 30, "team-leader": 10}
PLAN_WEIGHTS = {"strong": 20, "weak": 12, "mixed": 48, "abandoned": 8, "interrupted": 12}
MAX_CANDIDATES = 100_000
HISTORY_DAYS = 420  # screenings spread over 14 months, so a 12-month purge has work
OVERRIDE_REASON = "Candidate was unwell during the first attempt; retake approved by HR manager"


class DemoDataRefused(S.ScreeningError):
    """The database holds real results (``count`` of them), and ``force`` was not given."""

    def __init__(self, count: int):
        super().__init__(
            f"the database already holds {count:,} real result{'s' if count != 1 else ''} "
            "(screenings of candidates not made by demo-data, or practice attempts); "
            "demo data would mix with them: use another database, or --force")
        self.count = count


@dataclass
class DemoReport:
    """What a fill wrote: candidates, screenings and steps, the screenings per
    (battery id, status, outcome), typing logs written by a program, and
    incidents."""

    candidates: int = 0
    screenings: int = 0
    steps: int = 0
    incidents: int = 0
    autotyped: int = 0
    outcomes: Counter = field(default_factory=Counter)
    missing_presets: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        """One line, e.g. '40 candidates, 47 screenings (...) ... in 3.1 s'."""
        by_outcome = Counter()
        for (_battery, status, outcome), count in self.outcomes.items():
            by_outcome[outcome if status == "completed" else status] += count
        parts = ", ".join(f"{count:,} {name}" for name, count in sorted(by_outcome.items()))
        text = (f"{_count(self.candidates, 'demo candidate')}, "
                f"{_count(self.screenings, 'sealed screening')} ({parts}), "
                f"{_count(self.steps, 'step')}, {_count(self.incidents, 'incident')}, "
                f"{_count(self.autotyped, 'typing log')} with a program's timing, in "
                f"{self.seconds:.1f} s")
        if self.missing_presets:
            text += (f"; presets deleted from this database were left out: "
                     f"{', '.join(self.missing_presets)}")
        return text


def _count(number: int, noun: str) -> str:
    """
    >>> _count(1, "step"), _count(1_000, "step")
    ('1 step', '1,000 steps')
    """
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def real_results(store: Store) -> int:
    """How many results the database holds that demo-data did not make: the
    screenings of candidates whose HR reference does not start ``DEMO-``,
    and every practice attempt (demo-data writes none)."""
    conn = store.db.conn
    screenings = conn.execute(
        "SELECT count(*) FROM screenings s LEFT JOIN candidates c ON c.id = s.candidate_id "
        "WHERE c.hr_reference IS NULL OR substr(c.hr_reference, 1, ?) != ?",
        [len(DEMO_REFERENCE_PREFIX), DEMO_REFERENCE_PREFIX]).fetchone()[0]
    practice = conn.execute(
        "SELECT count(*) FROM attempts WHERE screening_id IS NULL").fetchone()[0]
    return screenings + practice


class _Content:
    """Everything the answers are drawn from and graded with, loaded once."""

    def __init__(self) -> None:
        self.passages, _problems = load_passages()
        self.drills = load_drills()
        self.banks = load_builtin_banks()
        self.checker = load_checker("both")
        self.step_banks: dict[QuizStep, list] = {}

    def banks_for(self, step: QuizStep) -> list:
        if step not in self.step_banks:
            self.step_banks[step] = quiz_banks_for_step(step, self.banks)
        return self.step_banks[step]


def fill_demo_data(store: Store, key: SealKey, candidates: int, seed: int = 0, *,
                   force: bool = False, now: datetime | None = None,
                   progress: Callable[[int], None] | None = None) -> DemoReport:
    """Add ``candidates`` demo candidates, each with one or more sealed
    screenings, and return what was written.

    Raises ValueError for a count below 1 or above MAX_CANDIDATES, and
    DemoDataRefused when the database holds real results and ``force`` is
    False. ``now`` is the moment the history ends (default: now); each
    candidate is committed as it is written (``progress(done)`` after each).
    """
    if isinstance(candidates, bool) or not isinstance(candidates, int) or not (
            1 <= candidates <= MAX_CANDIDATES):
        raise ValueError(f"the number of demo candidates is a whole number from 1 to "
                         f"{MAX_CANDIDATES:,}, not {candidates!r}")
    if not force:
        found = real_results(store)
        if found:
            raise DemoDataRefused(found)
    started = time.perf_counter()
    end = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    batteries = {}
    report = DemoReport()
    for preset in PRESETS:
        try:
            batteries[preset] = S.get_battery(store, preset)
        except (KeyError, ValueError):
            report.missing_presets.append(preset)
    if not batteries:
        raise S.ScreeningError("every preset battery was deleted from this database: "
                               "demo-data screens candidates on the presets")
    contacts = S.known_contacts(store)
    rng = random.Random(seed)
    writer = _Writer(store, sealer_for(store, key), _Content(), report)
    people = DemoPeople(random.Random(rng.getrandbits(64)),
                        {c.email_key for c in contacts if c.email_key},
                        {c.phone_key for c in contacts if c.phone_key})
    first = _first_number(store)
    # The first candidates cover every preset with every kind of screening,
    # so even a small demo shows them all; the rest are drawn.
    grid = [(preset, plan) for preset in batteries for plan in PLANS]
    rng.shuffle(grid)
    # Only this fill trades the last seconds' durability for speed, and the
    # setting is put back after it: in WAL mode, NORMAL is never corrupted by
    # a power cut, it may only lose the newest demo rows.
    conn = store.db.conn
    (synchronous,) = conn.execute("PRAGMA synchronous").fetchone()
    conn.execute("PRAGMA synchronous=NORMAL")
    try:
        for index in range(candidates):
            candidate_rng = random.Random(rng.getrandbits(64))
            if index < len(grid):
                preset, plan = grid[index]
            else:
                preset = candidate_rng.choices(
                    list(batteries), [PRESET_WEIGHTS[name] for name in batteries])[0]
                plan = candidate_rng.choices(list(PLAN_WEIGHTS), list(PLAN_WEIGHTS.values()))[0]
            # A few typing logs from a key-sending program, among the drawn ones.
            autotyped = index == len(grid) + 1 or (
                index > len(grid) and candidate_rng.random() < 0.015)
            candidate = people.candidate(first + index, preset)
            writer.candidate(candidate_rng, candidate, batteries[preset], plan, autotyped,
                             end, may_resume=index >= len(grid))
            if progress is not None:
                progress(index + 1)
    finally:
        conn.execute(f"PRAGMA synchronous={int(synchronous)}")
    report.seconds = time.perf_counter() - started
    return report


def _first_number(store: Store) -> int:
    """The number after the highest demo HR reference already stored (DEMO-00041 -> 42)."""
    (highest,) = store.db.conn.execute(
        "SELECT max(CAST(substr(hr_reference, ?) AS INTEGER)) FROM candidates "
        "WHERE substr(hr_reference, 1, ?) = ?",
        [len(DEMO_REFERENCE_PREFIX) + 1, len(DEMO_REFERENCE_PREFIX),
         DEMO_REFERENCE_PREFIX]).fetchone()
    return (highest or 0) + 1


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


class _Writer:
    """Writes one demo candidate's screenings through the screening store."""

    def __init__(self, store: Store, sealer: LedgerSealer, content: _Content,
                 report: DemoReport):
        self.store, self.sealer, self.content, self.report = store, sealer, content, report
        self.signature = ""  # the name the candidate signs their emails with

    def candidate(self, rng: random.Random, candidate, battery: Battery, plan: str,
                  autotyped: bool, end: datetime, may_resume: bool = True) -> None:
        start = _working_moment(rng, end - timedelta(days=rng.uniform(3, HISTORY_DAYS)))
        candidate_id = S.add_candidate(self.store, candidate,
                                       now=start - timedelta(days=rng.uniform(1, 14)))
        self.report.candidates += 1
        self.signature = candidate.name
        status, outcome, finished = self.screening(rng, candidate_id, battery, plan,
                                                   autotyped, start, may_resume=may_resume)
        # What happens next, as in an HR office: an interrupted screening is
        # usually started again the same day; some who failed come back after
        # the retake wait, or sooner with HR's override.
        again = None
        if status == "interrupted" and rng.random() < 0.7:
            again = (finished + timedelta(minutes=rng.uniform(20, 120)), None)
        elif outcome == "fail" and rng.random() < 0.25:
            wait = battery.retake.min_days_between
            again = (_working_moment(rng, finished + timedelta(days=wait + rng.uniform(1, 40))),
                     None)
        elif outcome == "fail" and rng.random() < 0.04:
            again = (_working_moment(rng, finished + timedelta(days=rng.uniform(2, 6))),
                     OVERRIDE_REASON)
        if again is not None and again[0] < end:
            plan = rng.choices(("strong", "mixed", "weak"), [30, 55, 15])[0]
            self.screening(rng, candidate_id, battery, plan, False, again[0], again[1])

    def screening(self, rng: random.Random, candidate_id: str, battery: Battery, plan: str,
                  autotyped: bool, start: datetime, override: str | None = None, *,
                  may_resume: bool = False) -> tuple[str, str, datetime]:
        """One screening; returns its status, outcome and when it ended. An
        interrupted one is closed as interrupted, or (``may_resume``, 2 in 5)
        resumed at the interrupted step, as HR may choose when the app reopens."""
        store = self.store
        screening_id = S.begin_screening(store, candidate_id, battery.id,
                                         override_reason=override, now=start)
        steps = len(battery.steps)
        stop_at = rng.randrange(steps) if plan in ("abandoned", "interrupted") else steps
        moment = start
        for position, step in enumerate(battery.steps):
            moment += timedelta(seconds=rng.uniform(45, 150))  # instructions, practice item
            if position == stop_at and plan == "interrupted":
                # The PC went off during this step: its attempt stays as begun,
                # marked interrupted when the app reopens (as Store.open does).
                attempt_id = S.begin_step(store, screening_id, position,
                                          {"kind": step.kind, "started_at": _stamp(moment)})
                with store.db.conn:
                    store.db.conn.execute("UPDATE attempts SET status = 'interrupted' "
                                          "WHERE id = ?", [attempt_id])
                moment += timedelta(minutes=rng.uniform(3, 15))
                if not (may_resume and rng.random() < 0.4):
                    break  # HR closes the screening as interrupted
                plan = "mixed"  # HR resumes it: the step starts again from its beginning
                moment += timedelta(seconds=rng.uniform(45, 150))
            abandoned = position == stop_at and plan == "abandoned"
            incidents = self._incidents(rng, screening_id, position, step, moment)
            row, seconds = self.attempt(rng, step, plan,
                                        "abandoned" if abandoned else "completed",
                                        autotyped and step.kind == "typing", moment, incidents)
            moment += timedelta(seconds=seconds)
            S.record_step(store, screening_id, position, row, sealer=self.sealer, now=moment)
            self.report.steps += 1
            if abandoned:
                # The candidate asked to stop: HR typed the admin password and
                # stopped the screening, the running step stored as abandoned.
                t = int(seconds * 1000)
                self._log(screening_id, "hr_unlocked", position, t,
                          "HR typed the admin password", moment)
                self._log(screening_id, "hr_stopped", position, t,
                          f"HR stopped the screening at step {position + 1}", moment)
                break
        status = {"abandoned": "abandoned", "interrupted": "interrupted"}.get(plan, "completed")
        outcome = S.finish_screening(store, screening_id, status, sealer=self.sealer, now=moment)
        self.report.screenings += 1
        self.report.outcomes[(battery.id, status, outcome.outcome)] += 1
        return status, outcome.outcome, moment

    def _incidents(self, rng: random.Random, screening_id: str, position: int, step,
                   moment: datetime) -> list[dict]:
        """Log this step's incidents as the screening window words them (some
        steps have none) and return the attempt's own events."""
        events: list[dict] = []
        if rng.random() < 0.06 and step.kind != "quiz":
            t, chars = rng.randint(5_000, 120_000), rng.randint(40, 900)
            how = rng.choice(("shortcut", "shortcut", "context-menu", "drop", "key-event"))
            self._log(screening_id, "paste", position, t, f"{how}: {chars} characters refused",
                      moment)
            events.append({"t": t, "type": "paste-refused", "how": how, "chars": chars})
        if rng.random() < 0.1:
            t, away = rng.randint(3_000, 150_000), rng.randint(1_500, 45_000)
            self._log(screening_id, "focus_lost", position, t,
                      f"away from the test for {away / 1000:.1f} s", moment, away)
            events += [{"t": t, "type": "focus-lost"}, {"t": t + away, "type": "focus-returned"}]
        if rng.random() < 0.02:
            self._log(screening_id, "leave_attempt", position, rng.randint(3_000, 100_000),
                      rng.choice(("pressed Esc", "tried to close the window")), moment)
        return events

    def _log(self, screening_id: str, kind: str, position: int | None, t: int | None,
             detail: str, moment: datetime, duration_ms: int | None = None) -> None:
        S.record_incident(self.store, screening_id, kind, step_position=position, t=t,
                          detail=detail, duration_ms=duration_ms, now=moment)
        self.report.incidents += 1

    def attempt(self, rng: random.Random, step, plan: str, status: str, autotyped: bool,
                moment: datetime, incidents: list[dict]) -> tuple[dict, float]:
        """The attempts-table row of one step and how long it took (seconds)."""
        if isinstance(step, TypingStep):
            return self._typing(rng, step, plan, status, autotyped, moment, incidents)
        if isinstance(step, DrillStep) and step.kind == "proofreading":
            return self._proofreading(rng, step, plan, status, moment, incidents)
        if isinstance(step, DrillStep):
            return self._writing(rng, step, plan, status, moment, incidents)
        return self._quiz(rng, step, plan, status, moment)

    def _typing(self, rng, step: TypingStep, plan, status, autotyped, moment, incidents):
        passage = choose_passage(self.content.passages, step.category, rng, step.difficulty)
        seconds = step.duration_s if status == "completed" else rng.uniform(20, step.duration_s)
        bar = step.min_net_wpm
        if autotyped:
            keys = autotyper_log(rng, passage.text, seconds)
            self.report.autotyped += 1
        else:
            wpm, errors = {
                "strong": (bar + rng.uniform(12, 35), rng.uniform(0.004, 0.015)),
                "weak": (bar * rng.uniform(0.45, 0.75), rng.uniform(0.03, 0.07)),
            }.get(plan, (max(10.0, rng.gauss(38, 11)), rng.uniform(0.008, 0.05)))
            keys = typing_log(rng, passage.text, wpm, seconds, error_rate=errors,
                              pause_rate=rng.uniform(0.005, 0.03))
        # The test ends when the time is up, or at the last key when the passage is done.
        typed_all = bool(keys) and len(final_text(keys)) >= len(passage.text)
        duration = keys[-1]["t"] / 1000 if typed_all and status == "completed" else seconds
        result = score(passage.text, keys, duration)
        row = typing_attempt(result, bar=PassBar(step.min_net_wpm, step.min_accuracy),
                             passage_id=passage.id, passage_title=passage.title,
                             passage_text=passage.text, keystrokes=keys, incidents=incidents,
                             test_length_s=step.duration_s, category=passage.category,
                             status=status, started_at=_stamp(moment))
        # For HR's review, as the screening window stores it: flagged, never failed.
        row["figures"]["flags"] = [flag.as_json() for flag in automation_flags(keys)]
        return row, duration

    def _proofreading(self, rng, step: DrillStep, plan, status, moment, incidents):
        drill = self.content.drills.proofreading[rng.choice(step.drills)]
        # A strong candidate fixes every mistake and now and then makes one
        # slip of their own: never below 80 %, so "strong" passes with a margin.
        fix, slip = {"strong": (1.0, 0.25),
                     "weak": (rng.uniform(0.2, 0.55), 0.5)}.get(
            plan, (rng.uniform(0.45, 1.0), 0.2))
        if status != "completed":
            fix /= 2
        answer = proofreading_answer(rng, drill, fix, slip)
        result = grade_answer(drill, answer, self.content.checker)
        seconds = drill.time_limit_seconds * rng.uniform(0.35, 0.95)
        attempt = ProofreadingAttempt(drill, answer, result, round(seconds, 1), status,
                                      False, incidents)
        return {**proofreading_attempt(attempt, started_at=_stamp(moment))}, seconds

    def _writing(self, rng, step: DrillStep, plan, status, moment, incidents):
        scenario = self.content.drills.writing[rng.choice(step.drills)]
        kind = {"strong": "model", "weak": rng.choice(("short", "sloppy"))}.get(
            plan, rng.choices(WRITING_KINDS, [40, 25, 20, 15])[0])
        if status != "completed":
            kind = "short"
        text = writing_reply(rng, scenario, kind, self.signature)
        findings = self.content.checker.check(text)
        seconds = scenario.time_limit_seconds * rng.uniform(0.4, 0.97)
        attempt = WritingAttempt(scenario, text, assess_reply(scenario, text, findings),
                                 round(seconds, 1), status, False, incidents)
        return writing_attempt(attempt, started_at=_stamp(moment)), seconds

    def _quiz(self, rng, step: QuizStep, plan, status, moment):
        quiz = draw_quiz(self.content.banks_for(step), step.count, topics=step.topics,
                         seed=rng.getrandbits(62), pass_mark=step.min_score)
        count = len(quiz.items)
        need = math.ceil(step.min_score * count / 100)
        right = {"strong": max(need + (1 if need < count else 0),
                               round(rng.uniform(0.82, 1.0) * count)),
                 "weak": round(rng.uniform(0.15, 0.55) * count)}.get(
            plan, round(rng.uniform(0.4, 1.0) * count))
        right = min(count, right)
        blank = rng.randint(1, 3) if plan == "mixed" and rng.random() < 0.1 else 0
        limit = step.time_limit_minutes * 60
        timed_out = blank > 0
        seconds = limit if timed_out else limit * rng.uniform(0.35, 0.9)
        if status != "completed":
            right, blank, seconds = right // 2, count // 2, seconds / 2
        answers = quiz_answers(rng, quiz, right, blank)
        result = grade_quiz(quiz, answers, duration_seconds=round(seconds, 1))
        row = quiz_attempt(result, quiz, time_limit_s=limit, timed_out=timed_out,
                           abandoned=status != "completed", started_at=_stamp(moment))
        return row, seconds


def _working_moment(rng: random.Random, day: datetime) -> datetime:
    """A moment of office hours (08:00 to 15:30 UTC) on ``day`` or the next weekday."""
    while day.weekday() >= 5:
        day += timedelta(days=1)
    minutes = rng.randint(8 * 60, 15 * 60 + 30)
    return day.replace(hour=minutes // 60, minute=minutes % 60, second=rng.randint(0, 59),
                       microsecond=0)
