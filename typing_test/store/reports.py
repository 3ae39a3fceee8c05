"""What the printed reports show, read from SQLite: one candidate's results,
and a cohort's summary. Plain data, drawn by ``ui/reports/pdf_report.py``.

Every query reads the figures columns only, never a keystroke log or an
answer, and sums up in SQL, so a cohort of thousands of attempts is quick.

>>> from typing_test.store.database import Store
>>> store = Store.open(":memory:")
>>> _ = store.save_attempt({"kind": "typing", "candidate": "Ana", "score": 31.0,
...                         "accuracy": 96.0, "passed": True})
>>> report = candidate_report(store, "Ana")
>>> report.name, [row.score for row in report.attempts]
('Ana', [31.0])
>>> cohort_report(store).candidates[0].best_net_wpm
31.0
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from typing_test.store.database import Store
from typing_test.store.export import EVERYTHING, Filters

KIND_NAMES = {"typing": "Typing test", "proofreading": "Proofreading", "writing": "Writing",
              "quiz": "Office quiz", "data-entry": "Data entry"}
# Kinds judged against a bar (the drills are scored but set none).
KINDS_WITH_A_BAR = ("typing", "quiz", "data-entry")
# The unit of each kind's score column: net WPM, keystrokes per hour, or percent.
SCORE_UNITS = {"typing": " WPM", "data-entry": " KPH"}


@dataclass(frozen=True)
class AttemptLine:
    """One attempt as a report lists it."""

    started_at: str
    kind: str
    item_title: str
    score: float | None
    accuracy: float | None
    result: str


@dataclass
class CandidateReport:
    """One person's results: their attempts, newest first, and what the charts need."""

    candidate: str
    name: str
    role: str
    attempts: list[AttemptLine] = field(default_factory=list)
    typing_series: list[tuple[str, float, float | None]] = field(default_factory=list)
    quiz_topics: list[tuple[str, float]] = field(default_factory=list)
    incidents: dict[str, int] = field(default_factory=dict)
    flags: list[tuple[str, str]] = field(default_factory=list)  # (when, the flags' codes)
    total_attempts: int = 0


@dataclass(frozen=True)
class CohortLine:
    """One candidate of a cohort."""

    candidate: str
    name: str
    attempts: int
    best_net_wpm: float | None
    best_accuracy: float | None
    best_quiz: float | None
    passed: int


@dataclass
class CohortReport:
    """A group of candidates: each one's line, and the pass rate per activity."""

    candidates: list[CohortLine]
    pass_rates: dict[str, tuple[int, int]]  # kind -> (passed, completed)


def _result(status: str, passed: int, kind: str) -> str:
    if status != "completed":
        return str(status).capitalize()
    if kind not in KINDS_WITH_A_BAR:
        return "Completed"
    return "Pass" if passed else "Fail"


_JOINS = ("LEFT JOIN screenings s ON s.id = a.screening_id "
          "LEFT JOIN candidates c ON c.id = s.candidate_id")


def candidate_report(store: Store, candidate: str, latest: int = 14) -> CandidateReport:
    """The report of ``candidate`` (a practising person's name or a screened
    candidate's id): the ``latest`` attempts, every completed typing test for
    the chart (the newest 60), the latest quiz's score per topic, and the
    incidents recorded."""
    row = store.conn.execute(
        "SELECT name, role FROM candidates WHERE id = ?", [candidate]).fetchone() if (
        _has_table(store, "candidates")) else None
    name, role = (row if row is not None else (candidate, ""))
    report = CandidateReport(candidate, name, role)
    report.total_attempts = store.conn.execute(
        "SELECT count(*) FROM attempts WHERE candidate = ? AND status != 'in-progress'",
        [candidate]).fetchone()[0]
    for started, kind, title, score, accuracy, status, passed in store.conn.execute(
            "SELECT started_at, kind, item_title, score, accuracy, status, passed "
            "FROM attempts WHERE candidate = ? AND status != 'in-progress' "
            "ORDER BY started_at DESC LIMIT ?", [candidate, latest]):
        report.attempts.append(AttemptLine(
            started, kind, title or "", _number(score), _number(accuracy),
            _result(status, passed, kind)))
    report.typing_series = [
        (started, score, _number(accuracy)) for started, score, accuracy in reversed(
            store.conn.execute(
                "SELECT started_at, score, accuracy FROM attempts WHERE candidate = ? AND "
                "kind = 'typing' AND status = 'completed' AND typeof(score) IN "
                "('real', 'integer') ORDER BY started_at DESC LIMIT 60", [candidate]
            ).fetchall())]
    quiz = store.conn.execute(
        "SELECT figures FROM attempts WHERE candidate = ? AND kind = 'quiz' AND "
        "status = 'completed' ORDER BY started_at DESC LIMIT 1", [candidate]).fetchone()
    if quiz is not None:
        for topic in _json(quiz[0]).get("topics", []):
            if isinstance(topic, dict) and isinstance(topic.get("percent"), int | float):
                report.quiz_topics.append((str(topic.get("title") or topic.get("topic")),
                                           float(topic["percent"])))
    for started, figures in store.conn.execute(
            "SELECT started_at, figures FROM attempts WHERE candidate = ? AND kind = 'typing' "
            "AND figures LIKE '%\"flags\"%' ORDER BY started_at", [candidate]):
        codes = [str(flag.get("code")) for flag in _json(figures).get("flags", [])
                 if isinstance(flag, dict)]
        if codes:
            report.flags.append((started, ", ".join(codes)))
    for (events,) in store.conn.execute(
            "SELECT events FROM attempts WHERE candidate = ? AND events IS NOT NULL "
            "AND events != '[]'", [candidate]):
        for event in _json(events, []):
            if isinstance(event, dict) and isinstance(event.get("kind"), str):
                report.incidents[event["kind"]] = report.incidents.get(event["kind"], 0) + 1
    return report


def cohort_report(store: Store, filters: Filters = EVERYTHING) -> CohortReport:
    """Every candidate ``filters`` takes, by name, with their best figures, and
    the pass rate of each activity among the attempts taken."""
    where, params = filters.where()
    name = "COALESCE(c.name, a.candidate)"
    lines = [
        CohortLine(candidate, display or "(no name)", attempts, _number(wpm), _number(accuracy),
                   _number(quiz), passed or 0)
        for candidate, display, attempts, wpm, accuracy, quiz, passed in store.conn.execute(
            f"SELECT a.candidate, {name}, count(*), "
            "max(CASE WHEN a.kind = 'typing' AND a.status = 'completed' THEN a.score END), "
            "max(CASE WHEN a.kind = 'typing' AND a.status = 'completed' THEN a.accuracy END), "
            "max(CASE WHEN a.kind = 'quiz' AND a.status = 'completed' THEN a.score END), "
            "sum(a.passed) "
            f"FROM attempts a {_JOINS} WHERE {where} GROUP BY a.candidate "
            f"ORDER BY {name} COLLATE NOCASE", params)
    ]
    rates = {kind: (passed or 0, completed) for kind, passed, completed in store.conn.execute(
        f"SELECT a.kind, sum(a.passed), count(*) FROM attempts a {_JOINS} "
        f"WHERE {where} AND a.status = 'completed' GROUP BY a.kind", params)}
    return CohortReport(lines, rates)


def _has_table(store: Store, name: str) -> bool:
    return store.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                              [name]).fetchone() is not None


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _json(text: object, empty: object = None) -> object:
    empty = {} if empty is None else empty
    try:
        value = json.loads(text) if isinstance(text, str) else empty
    except ValueError:
        return empty
    return value if isinstance(value, type(empty)) else empty
