"""`typing-test demo-data`: made-up candidates with sealed screenings across
every preset and outcome, graded by the app's own code, the same for a seed,
and never mixed into a database of real results by accident."""

from __future__ import annotations

import io
import json
import sys
from collections import Counter
from datetime import UTC, datetime

import pytest

from typing_test.cli import main
from typing_test.core.email import load_checker, load_drills
from typing_test.core.email.writing import assess_reply
from typing_test.core.quiz import grade_quiz, load_builtin_banks
from typing_test.core.quiz.session import rebuild_quiz
from typing_test.core.screening import passwords
from typing_test.core.screening.candidates import Candidate
from typing_test.core.screening.demo_people import DEMO_REFERENCE_PREFIX
from typing_test.core.screening.passwords import FAST_FOR_DOCTEST
from typing_test.core.typing import automation_flags, score
from typing_test.store import screenings as S
from typing_test.store.admin import log_in, set_admin_password
from typing_test.store.database import Store
from typing_test.store.demo_data import PRESETS, DemoDataRefused, fill_demo_data
from typing_test.store.ledger import sealer_for, verify_all

PASSWORD = "correct horse battery"
NOW = datetime(2026, 11, 30, 18, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch):
    monkeypatch.setattr(passwords, "DEFAULT_PARAMS", FAST_FOR_DOCTEST)


@pytest.fixture
def key(store):
    set_admin_password(store, PASSWORD)
    return log_in(store, PASSWORD)


def run(capsys, monkeypatch, *argv: str, stdin: str = f"{PASSWORD}\n"):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode())))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def db_with_password(tmp_path) -> str:
    path = tmp_path / "demo.db"
    store = Store.open(path)
    set_admin_password(store, PASSWORD)
    store.close()
    return str(path)


def test_demo_data_then_verify_exits_0(tmp_path, capsys, monkeypatch):
    db = db_with_password(tmp_path)
    code, out, err = run(capsys, monkeypatch, "demo-data", "--candidates", "20", "--seed", "4",
                         "--db", db)
    assert (code, err) == (0, "")
    assert out.startswith("20 demo candidates, ") and "sealed screenings" in out
    code, out, _ = run(capsys, monkeypatch, "verify", "--db", db)
    assert code == 0, out
    assert out.startswith("all seals hold: ") and "screening_steps" in out
    store = Store.open(db)
    try:
        assert S.search_candidates(store, "demo").total == 20  # their HR reference
        assert len(store.attempts()) == 0  # no practice attempt: History stays empty
    finally:
        store.close()


@pytest.mark.parametrize("count", ["0", "-4", "100001", "many"])
def test_a_count_out_of_range_exits_2_with_one_line(tmp_path, capsys, monkeypatch, count):
    db = db_with_password(tmp_path)
    code, out, err = run(capsys, monkeypatch, "demo-data", "--candidates", count, "--db", db)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "--candidates" in err


def test_without_an_admin_password_nothing_can_be_sealed(tmp_path, capsys, monkeypatch):
    code, _, err = run(capsys, monkeypatch, "demo-data", "--candidates", "3",
                       "--db", str(tmp_path / "new.db"))
    assert code == 2 and "set-password" in err and err.count("\n") == 1


def test_a_wrong_password_exits_2_and_adds_nothing(tmp_path, capsys, monkeypatch):
    db = db_with_password(tmp_path)
    code, _, err = run(capsys, monkeypatch, "demo-data", "--candidates", "3", "--db", db,
                       stdin="not the password\n")
    assert code == 2 and err.count("\n") == 1
    store = Store.open(db)
    try:
        assert S.search_candidates(store).total == 0
    finally:
        store.close()


def a_real_screening(store, key) -> None:
    ana = S.add_candidate(store, Candidate("Ana Cruz", email="ana@example.com"))
    screening_id = S.begin_screening(store, ana, "voice")
    S.finish_screening(store, screening_id, "interrupted", sealer=sealer_for(store, key))


def a_practice_attempt(store, key) -> None:
    store.save_attempt({"kind": "quiz", "score": 80.0, "status": "completed"})


@pytest.mark.parametrize("real_result", [a_real_screening, a_practice_attempt])
def test_a_database_with_real_results_is_refused_without_force(tmp_path, capsys, monkeypatch,
                                                               real_result):
    db = db_with_password(tmp_path)
    store = Store.open(db)
    real_result(store, log_in(store, PASSWORD))
    candidates_before = S.search_candidates(store).total
    store.close()

    code, out, err = run(capsys, monkeypatch, "demo-data", "--candidates", "5", "--db", db)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "1 real result" in err and "--force" in err
    store = Store.open(db)
    assert S.search_candidates(store).total == candidates_before
    store.close()

    code, out, _ = run(capsys, monkeypatch, "demo-data", "--candidates", "5", "--force",
                       "--db", db)
    assert code == 0 and out.startswith("5 demo candidates")
    code, _, _ = run(capsys, monkeypatch, "verify", "--db", db)
    assert code == 0


def test_demo_data_may_be_added_to_demo_data(store, key):
    fill_demo_data(store, key, 3, seed=1, now=NOW)
    fill_demo_data(store, key, 3, seed=1, now=NOW)  # its own results are not real ones
    references = sorted(row["hr_reference"] for row in S.search_candidates(store).rows)
    assert references == [f"{DEMO_REFERENCE_PREFIX}{n:05d}" for n in range(1, 7)]
    emails = [row["email"] for row in S.search_candidates(store).rows if row["email"]]
    assert len(emails) == len(set(emails))
    assert verify_all(store, key).ok


def test_the_api_refuses_too(store, key):
    a_practice_attempt(store, key)
    with pytest.raises(DemoDataRefused):
        fill_demo_data(store, key, 2)
    with pytest.raises(ValueError, match="whole number"):
        fill_demo_data(store, key, 0, force=True)


def content(path) -> dict:
    """What a seed fixes: everything but the UUIDs and the moment of sealing."""
    store = Store.open(path)
    conn = store.db.conn
    try:
        candidates = conn.execute(
            "SELECT name, email, phone, hr_reference, role, notes, created_at FROM candidates "
            "ORDER BY hr_reference").fetchall()
        order = {row[0]: row[3] for row in conn.execute(
            "SELECT id, name, email, hr_reference FROM candidates")}
        screenings = sorted(
            (order[candidate], started, finished, status, outcome, weighted)
            for candidate, started, finished, status, outcome, weighted in conn.execute(
                "SELECT candidate_id, started_at, finished_at, status, outcome, "
                "weighted_score FROM screenings"))
        steps = []
        for screening_id, candidate, started in conn.execute(
                "SELECT id, candidate_id, started_at FROM screenings"):
            for step in S.screening_steps(store, screening_id):
                figures = {k: v for k, v in step["figures"].items() if k != "attempt_digest"}
                attempt = store.attempt(step["attempt_id"])
                answers = (attempt["keystrokes"], attempt["details"])
                steps.append((order[candidate], started, step["position"], step["kind"],
                              json.dumps(figures, sort_keys=True),
                              json.dumps(answers, sort_keys=True, default=str)))
        incidents = sorted(conn.execute(
            "SELECT step_position, t, kind, detail, duration_ms, recorded_at FROM incidents"
        ).fetchall())
        return {"candidates": candidates, "screenings": screenings, "steps": sorted(steps),
                "incidents": incidents}
    finally:
        store.close()


def filled(tmp_path, name: str, seed: int, count: int = 12):
    path = tmp_path / name
    store = Store.open(path)
    set_admin_password(store, PASSWORD)
    fill_demo_data(store, log_in(store, PASSWORD), count, seed=seed, now=NOW)
    store.close()
    return path


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data(tmp_path):
    first = content(filled(tmp_path, "a.db", seed=7))
    assert first == content(filled(tmp_path, "b.db", seed=7))
    other = content(filled(tmp_path, "c.db", seed=8))
    assert other["candidates"] != first["candidates"] and other["steps"] != first["steps"]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_forty_candidates_cover_every_preset_and_every_outcome(store, key, seed):
    report = fill_demo_data(store, key, 40, seed=seed, now=NOW)
    found = {(row[0], row[1], row[2]) for row in store.db.conn.execute(
        "SELECT battery_id, status, outcome FROM screenings")}
    for preset in PRESETS:
        for status, outcome in (("completed", "pass"), ("completed", "fail"),
                                ("abandoned", "incomplete"), ("interrupted", "incomplete")):
            assert (preset, status, outcome) in found, (preset, status, outcome)
    assert report.candidates == 40 and report.screenings >= 40
    kinds = {row[0] for row in store.db.conn.execute("SELECT kind FROM incidents")}
    assert {"paste", "focus_lost", "leave_attempt", "hr_stopped"} <= kinds
    verification = verify_all(store, key)
    assert verification.ok, verification.problems[:3]
    assert verification.rows_by_table["screenings"] == report.screenings
    # A crash leaves the step's attempt interrupted, never "in progress".
    assert store.db.conn.execute(
        "SELECT count(*) FROM attempts WHERE status = 'in-progress'").fetchone() == (0,)


def test_the_figures_are_the_apps_own_and_only_program_timing_is_flagged(store, key):
    report = fill_demo_data(store, key, 40, seed=3, now=NOW)
    drills, checker = load_drills(), load_checker("both")
    banks = load_builtin_banks()
    flagged, checked = 0, Counter()
    for attempt in store.attempts(screenings=True):
        if attempt["status"] not in ("completed", "abandoned"):
            continue
        checked[attempt["kind"]] += 1
        details = attempt["details"]
        if attempt["kind"] == "typing":
            result = score(details["passage_text"], attempt["keystrokes"], attempt["duration_s"])
            assert result.net_wpm == attempt["score"]
            flags = automation_flags(attempt["keystrokes"])
            assert attempt["figures"]["flags"] == [flag.as_json() for flag in flags]
            flagged += bool(flags)
            assert not flags or result.net_wpm > 100  # only the program's logs
        elif attempt["kind"] == "writing":
            scenario = drills.writing[attempt["item_id"]]
            text = details["text"]
            assert assess_reply(scenario, text, checker.check(text)).score == attempt["score"]
        elif attempt["kind"] == "quiz":
            quiz = rebuild_quiz(banks, details["quiz"]["question_ids"], details["quiz"]["seed"],
                                pass_mark=details["quiz"]["pass_mark"])
            answers = {q["question_id"]: q["given"] for q in details["result"]["questions"]
                       if q["answered"]}
            assert grade_quiz(quiz, answers).percent == attempt["score"]
    assert flagged == report.autotyped >= 1
    assert min(checked.values()) >= 10 and len(checked) == 4
