"""The screening tables: candidates, batteries, screenings step by step, a crash
in the middle, incidents, and deleting personal data with a record of it."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlite_utils

from typing_test.core.email import grade_answer, load_drills
from typing_test.core.email.proofreading import ProofreadingAttempt
from typing_test.core.quiz import draw_quiz, grade_quiz, load_builtin_banks
from typing_test.core.screening.batteries import QuizStep, quiz_banks_for_step
from typing_test.core.screening.candidates import Candidate
from typing_test.core.screening.seals import SealKey
from typing_test.core.typing import PassBar, score
from typing_test.store import screenings as S
from typing_test.store.database import (
    SCHEMA_VERSION,
    ProtectedAttemptError,
    Store,
    _migrate_to_1,
    _migrate_to_2,
)
from typing_test.store.ledger import sealer_for
from typing_test.store.records import proofreading_attempt, quiz_attempt, typing_attempt

ROOT = Path(__file__).resolve().parent.parent
JAN = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


@pytest.fixture
def ana(store) -> str:
    return S.add_candidate(store, Candidate("Ana Cruz", email="ana@example.com",
                                            phone="+63 917 555 0101", hr_reference="HR-114",
                                            role="Voice"), now=JAN)


@pytest.fixture
def sealer(store):
    """The ledger's sealer with a throwaway key: deleting personal data needs one."""
    return sealer_for(store, SealKey(bytes(range(32))))


def typing_row(net_wpm_text: str = "Dear customer, thank you.", seconds: float = 60.0,
               passage: str = "Dear customer, thank you.") -> dict:
    """A real typing attempt row: the text typed one key every 100 ms."""
    keys = [{"t": 100 * index, "key": key} for index, key in enumerate(net_wpm_text)]
    result = score(passage, keys, seconds)
    return typing_attempt(result, bar=PassBar(), passage_id="p", passage_title="P",
                          passage_text=passage, keystrokes=keys, incidents=[],
                          test_length_s=seconds)


def drill_row(score_percent: float, kind: str = "proofreading", status: str = "completed"):
    return {"kind": kind, "score": score_percent, "status": status, "item_id": "x",
            "item_title": "X", "details": {"answer": "..."}}


def run_steps(store, screening_id: str, rows: list[dict], sealer=None) -> list:
    verdicts = []
    for position, row in enumerate(rows):
        attempt_id = S.begin_step(store, screening_id, position, {"kind": row["kind"]})
        verdicts.append(S.record_step(store, screening_id, position, {**row, "id": attempt_id},
                                      sealer=sealer))
    return verdicts


# ------------------------------------------------------------------ the schema


def test_a_new_file_is_at_the_latest_schema_with_every_screening_table(store):
    assert store.schema_version == SCHEMA_VERSION >= 3
    tables = set(store.db.table_names())
    assert {"candidates", "candidate_keys", "batteries", "screenings", "screening_steps",
            "incidents", "deletions"} <= tables
    assert "screening_id" in store.db["attempts"].columns_dict


def test_a_schema_2_file_is_migrated_and_keeps_its_attempts(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    _migrate_to_1(db)
    _migrate_to_2(db)
    db["attempts"].insert({"id": "old-1", "kind": "typing", "candidate": "Ana",
                           "started_at": "2025-06-01T10:00:00+00:00", "status": "completed",
                           "score": 31.0, "passed": 1})
    db.conn.execute("PRAGMA user_version = 2")
    db.conn.commit()
    db.conn.close()
    store = Store.open(path)
    assert store.schema_version == SCHEMA_VERSION
    (row,) = store.attempts()
    assert (row["id"], row["score"], row["screening_id"], row["damaged"]) == (
        "old-1", 31.0, None, [])
    assert store.delete_attempt("old-1")
    store.close()


def test_the_tables_are_created_inside_the_migrations_transaction(tmp_path):
    # Created any other way (executescript commits first), a second process
    # opening the new file at the same moment would create them again.
    db = sqlite_utils.Database(sqlite3.connect(tmp_path / "t.db", isolation_level=None))
    _migrate_to_1(db)
    db.conn.execute("BEGIN IMMEDIATE")
    S.create_screening_tables(db)
    assert db.conn.in_transaction
    db.conn.execute("ROLLBACK")
    assert "candidates" not in db.table_names()
    assert "screening_id" not in db["attempts"].columns_dict


# ------------------------------------------------------------------ candidates


def test_a_candidate_is_stored_under_a_uuid_and_found_by_any_of_their_details(store, ana):
    assert len(ana) == 36 and ana.count("-") == 4
    assert S.get_candidate(store, ana)["name"] == "Ana Cruz"
    for query in ("ana", "CRUZ", "ana cr", "ana@example.com", "example.com", "+63 917 555",
                  "639175550101", "hr-114", "Ána"):
        assert [row["id"] for row in S.search_candidates(store, query).rows] == [ana], query
    for query in ("bo", "cruz ana x", "ruz", "555 0101 9"):
        assert S.search_candidates(store, query).total == 0, query


def test_odd_unicode_names_are_stored_as_written_and_found_without_accents(store):
    names = ["Nguyễn Thị Minh Khai", "李小龍", "Zoë O'Brien-Smith", "Þórunn Ægisdóttir",
             "محمد عبد الله"]
    ids = {name: S.add_candidate(store, Candidate(name, email=f"c{n}@example.com"))
           for n, name in enumerate(names)}
    for name, candidate_id in ids.items():
        assert S.get_candidate(store, candidate_id)["name"] == name
    assert S.search_candidates(store, "nguyen thi").rows[0]["name"] == "Nguyễn Thị Minh Khai"
    assert S.search_candidates(store, "李").rows[0]["name"] == "李小龍"
    for query in ("o'brien", "obrien", "brien", "obriensmith"):
        assert S.search_candidates(store, query).rows[0]["name"] == "Zoë O'Brien-Smith", query
    assert S.search_candidates(store, "zoe smith").total == 1
    assert S.search_candidates(store, "thorunn").total == 0  # Þ is a letter, not a T with a mark
    assert S.search_candidates(store, "þórunn").total == 1
    assert S.search_candidates(store, "محمد").total == 1


def test_searches_come_a_page_at_a_time_in_name_order(store):
    for index in range(25):
        S.add_candidate(store, Candidate(f"Applicant {index:02d}", phone=f"0917 555 {index:04d}"))
    first = S.search_candidates(store, "applicant", limit=10)
    third = S.search_candidates(store, "applicant", limit=10, offset=20)
    assert first.total == third.total == 25
    assert [row["name"] for row in first.rows] == [f"Applicant {i:02d}" for i in range(10)]
    assert [row["name"] for row in third.rows] == [f"Applicant {i:02d}" for i in range(20, 25)]


def test_a_search_reads_the_index_not_every_candidate(store):
    plan = " ".join(str(row) for row in store.db.conn.execute(
        "EXPLAIN QUERY PLAN SELECT candidate_id FROM candidate_keys WHERE key >= ? AND key < ?",
        ["ana", "ana\U0010ffff"]))
    assert "candidate_keys_by_key" in plan and "SCAN" not in plan
    plan = " ".join(str(row) for row in store.db.conn.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM candidates ORDER BY name_key, id LIMIT 10"))
    assert "candidates_by_name" in plan
    for column in ("email_key", "phone_key"):  # the duplicate check of every added candidate
        plan = " ".join(str(row) for row in store.db.conn.execute(
            f"EXPLAIN QUERY PLAN SELECT id FROM candidates WHERE {column} = ? AND id != ?",
            ["x", ""]))
        assert f"candidates_by_{column.split('_')[0]}" in plan, plan


def test_a_second_candidate_with_the_same_email_or_phone_is_refused_unless_allowed(store, ana):
    with pytest.raises(S.DuplicateCandidateError) as raised:
        S.add_candidate(store, Candidate("Anna Cruz", email="ANA@example.com"))
    assert raised.value.existing_id == ana
    assert str(raised.value) == "Ana Cruz already has this email"
    with pytest.raises(S.DuplicateCandidateError, match="Ana Cruz already has this phone"):
        S.add_candidate(store, Candidate("Ben Cruz", phone="63 (917) 555-0101"))
    sibling = S.add_candidate(store, Candidate("Ben Cruz", phone="+63 917 555 0101"),
                              allow_duplicate=True)
    assert S.search_candidates(store, "cruz").total == 2 and sibling != ana


def test_invalid_details_are_refused_with_every_reason(store):
    with pytest.raises(S.ScreeningError, match="^the name is missing; an email address or a "
                       "phone number is needed$"):
        S.add_candidate(store, Candidate(" "))


def test_an_edit_replaces_the_details_and_what_a_search_finds(store, ana):
    later = JAN + timedelta(days=3)
    S.update_candidate(store, ana, Candidate("Ana Reyes", email="ana.reyes@example.com",
                                             role="Back office"), now=later)
    row = S.get_candidate(store, ana)
    assert (row["name"], row["phone"], row["role"]) == ("Ana Reyes", "", "Back office")
    assert (row["created_at"], row["updated_at"]) == (JAN.isoformat(), later.isoformat())
    assert S.search_candidates(store, "cruz").total == 0
    assert S.search_candidates(store, "reyes").total == 1
    with pytest.raises(KeyError):
        S.update_candidate(store, "no-such-id", Candidate("X", email="x@example.com"))


def test_an_import_stores_everyone_or_no_one(store, ana):
    ids = S.import_candidates(store, [Candidate("Bo Diaz", email="bo@example.com"),
                                      Candidate("Cy Eng", phone="0917 000 0001")])
    assert len(ids) == 2 and S.search_candidates(store).total == 3
    with pytest.raises(S.DuplicateCandidateError, match="nothing was imported"):
        S.import_candidates(store, [Candidate("Di Fox", email="di@example.com"),
                                    Candidate("Ana again", email="ana@example.com")])
    assert S.search_candidates(store, "fox").total == 0
    assert {contact.email_key for contact in S.known_contacts(store)} == {
        "ana@example.com", "bo@example.com", ""}


# ------------------------------------------------------------------- batteries


def test_the_presets_are_copied_in_on_first_use_and_can_be_edited_and_copied(store):
    listed = S.list_batteries(store)
    assert [(row["id"], row["preset"]) for row in listed] == [
        ("back-office", True), ("data-entry", True), ("semi-voice", True), ("team-leader", True),
        ("voice", True)]
    voice = S.get_battery(store, "voice")
    first = voice.steps[0]
    S.save_battery(store, voice.__class__(**{**voice.__dict__, "steps": (
        first.__class__(**{**first.__dict__, "min_net_wpm": 22.0}), *voice.steps[1:])}))
    assert S.get_battery(store, "voice").steps[0].min_net_wpm == 22.0
    copy_id = S.copy_stored_battery(store, "voice", "Voice (night shift)")
    copy = S.get_battery(store, copy_id)
    assert copy.name == "Voice (night shift)" and copy.steps == S.get_battery(store, "voice").steps
    assert {row["id"]: row["preset"] for row in S.list_batteries(store)}[copy_id] is False


def test_a_deleted_preset_stays_deleted(store):
    S.list_batteries(store)
    S.delete_battery(store, "voice")
    assert "voice" not in [row["id"] for row in S.list_batteries(store)]
    with pytest.raises(KeyError):
        S.get_battery(store, "voice")


def test_an_edit_asking_for_content_that_does_not_exist_is_refused(store):
    from typing_test.core.screening.batteries import DrillStep, load_catalogue

    voice = S.get_battery(store, "voice")
    edited = voice.__class__(**{**voice.__dict__, "steps": (
        *voice.steps[:1], DrillStep("proofreading", "P", ("no-such-drill",), 70),
        *voice.steps[2:])})
    with pytest.raises(ValueError, match="no proofreading drill 'no-such-drill'"):
        S.save_battery(store, edited, catalogue=load_catalogue())
    assert S.get_battery(store, "voice") == voice


def test_a_battery_a_screening_used_cannot_be_deleted(store, ana):
    S.begin_screening(store, ana, "voice")
    with pytest.raises(S.ScreeningError, match="1 screening used this battery"):
        S.delete_battery(store, "voice")


def test_a_broken_definition_is_refused_and_nothing_is_stored(store):
    voice = S.get_battery(store, "voice")
    first = voice.steps[0]
    broken = voice.__class__(**{**voice.__dict__, "steps": (
        first.__class__(**{**first.__dict__, "min_net_wpm": -5.0}), *voice.steps[1:])})
    with pytest.raises(ValueError, match="battery 'voice': step 1 .typing.: min_net_wpm: must"):
        S.save_battery(store, broken)
    assert S.get_battery(store, "voice") == voice


# ----------------------------------------------------------------- screenings


def test_the_retake_rule_is_applied_when_a_screening_begins(store, ana):
    first = S.begin_screening(store, ana, "voice", now=JAN)
    with pytest.raises(S.RetakeRefusedError, match="still unfinished"):
        S.begin_screening(store, ana, "voice", now=JAN + timedelta(days=40))
    S.finish_screening(store, first, "abandoned", now=JAN + timedelta(hours=1))
    with pytest.raises(S.RetakeRefusedError) as raised:
        S.begin_screening(store, ana, "voice", now=JAN + timedelta(days=29))
    assert str(raised.value) == ("the last attempt was on 2026-01-05; the next may start on "
                                 "2026-02-04")
    with pytest.raises(ValueError, match="an override needs a reason"):
        S.begin_screening(store, ana, "voice", now=JAN + timedelta(days=29), override_reason=" ")
    second = S.begin_screening(store, ana, "voice", now=JAN + timedelta(days=29),
                               override_reason="the first was cut short by a fire drill")
    assert S.screening(store, second)["override_reason"].endswith(
        "overridden: the first was cut short by a fire drill")
    assert S.screening(store, first)["override_reason"] is None
    # Another battery has its own count.
    S.begin_screening(store, ana, "back-office", now=JAN + timedelta(days=29))


def test_a_whole_battery_is_recorded_step_by_step_with_real_attempts(store, ana):
    screening_id = S.begin_screening(store, ana, "voice", now=JAN)
    battery = S.screening(store, screening_id)["battery"]
    # 1. Typing: 25 characters in 60 s is far below 20 net WPM.
    typing = typing_row()
    # 2. Proofreading: the drill's own clean reference scores 100.
    drill = next(iter(load_drills().proofreading.values()))
    graded = grade_answer(drill, drill.reference)
    proofreading = proofreading_attempt(ProofreadingAttempt(
        drill, drill.reference, graded, duration_s=120.0, status="completed", timed_out=False))
    # 3. Writing: a score as the assessment gives it.
    writing = drill_row(82.0, kind="writing")
    # 4. Quiz: every question of the step answered right.
    step = battery.steps[3]
    assert isinstance(step, QuizStep)
    quiz = draw_quiz(quiz_banks_for_step(step, load_builtin_banks(evaluate_formulas=False)),
                     step.count, topics=step.topics, seed=11, pass_mark=step.min_score)
    result = grade_quiz(quiz, {item.question.id: item.question.answer for item in quiz.items})
    quiz_row = quiz_attempt(result, quiz, time_limit_s=step.time_limit_minutes * 60)

    verdicts = run_steps(store, screening_id, [typing, proofreading, writing, quiz_row])
    assert [verdict.passed for verdict in verdicts] == [False, True, True, True]
    outcome = S.finish_screening(store, screening_id, now=JAN + timedelta(minutes=50))
    assert (outcome.outcome, outcome.reason) == ("fail", "step 1 (Typing test (3 minutes)) did "
                                                 "not pass")

    stored = S.screening(store, screening_id)
    assert (stored["status"], stored["outcome"]) == ("completed", "fail")
    assert stored["verdict"]["steps"][1]["reason"] == "score 100 % reaches 70 %"
    assert [row["kind"] for row in stored["steps"]] == ["typing", "proofreading", "writing",
                                                        "quiz"]
    for row in stored["steps"]:
        attempt = store.attempt(row["attempt_id"])
        assert attempt["screening_id"] == screening_id and attempt["candidate"] == ana
        assert attempt["passed"] == row["passed"]  # the battery's bar, not the practice bar
        assert row["figures"]["attempt_digest"] == S.attempt_digest(attempt)
    assert stored["steps"][0]["figures"]["rule"] == "net WPM >= 20"
    # The practice History never lists them, and cannot delete them.
    assert store.attempts() == []
    assert len(store.attempts(screenings=True)) == 4
    with pytest.raises(ProtectedAttemptError, match="step of an HR screening"):
        store.delete_attempt(stored["steps"][0]["attempt_id"])
    assert len(store.attempts(screenings=True)) == 4
    assert S.candidate_screenings(store, ana)[0]["battery_name"] == "Voice (calls)"


def test_a_practice_attempt_is_still_deleted_as_before(store, ana):
    practice = store.save_attempt(typing_row())
    S.begin_screening(store, ana, "voice")
    assert store.delete_attempt(practice) and store.attempts() == []


def test_steps_go_in_order_with_no_going_back_and_no_skipping(store, ana):
    screening_id = S.begin_screening(store, ana, "voice")
    with pytest.raises(S.ScreeningError, match="the next step of this screening is step 1"):
        S.record_step(store, screening_id, 1, drill_row(90))
    with pytest.raises(S.ScreeningError, match="step 1 is a typing step, not quiz"):
        S.record_step(store, screening_id, 0, {"kind": "quiz", "score": 90.0})
    S.record_step(store, screening_id, 0, typing_row())
    with pytest.raises(S.ScreeningError, match="cannot be recorded: the next step"):
        S.record_step(store, screening_id, 0, typing_row())
    S.finish_screening(store, screening_id, "abandoned")
    with pytest.raises(S.ScreeningError, match="the screening is abandoned, not in progress"):
        S.record_step(store, screening_id, 1, drill_row(90))
    with pytest.raises(S.ScreeningError, match="not in progress"):
        S.finish_screening(store, screening_id)


def test_an_abandoned_step_is_recorded_and_fails(store, ana):
    screening_id = S.begin_screening(store, ana, "voice")
    S.record_step(store, screening_id, 0, typing_row())
    verdict = S.record_step(store, screening_id, 1, drill_row(100, status="abandoned"))
    assert (verdict.passed, verdict.reason) == (False, "not finished (abandoned)")
    outcome = S.finish_screening(store, screening_id, "abandoned")
    assert outcome.outcome == "incomplete"


def test_the_verdict_follows_the_battery_as_it_was_when_the_screening_began(store, ana):
    screening_id = S.begin_screening(store, ana, "semi-voice")
    semi = S.get_battery(store, "semi-voice")
    S.save_battery(store, semi.__class__(**{**semi.__dict__, "pass_score": 99.0}))
    rows = [typing_row("Dear customer, thank you. " * 12, 60.0, "Dear customer, thank you. " * 12),
            drill_row(80, "writing"), drill_row(70, "writing"),
            {"kind": "quiz", "score": 60.0}]
    run_steps(store, screening_id, rows)
    outcome = S.finish_screening(store, screening_id)
    assert outcome.passed and S.screening(store, screening_id)["battery"].pass_score == 70.0


def test_a_sealer_runs_in_the_steps_transaction_and_its_failure_stores_nothing(store, ana):
    screening_id = S.begin_screening(store, ana, "voice")
    sealed = []

    def sealer(conn, table, row):
        # Inside the transaction: the row is there to read, and not yet committed.
        assert conn.in_transaction
        assert conn.execute(f"SELECT count(*) FROM {table} WHERE id = ?",
                            [row["id"]]).fetchone() == (1,)
        sealed.append((table, row))

    S.record_step(store, screening_id, 0, typing_row(), sealer=sealer)
    assert [table for table, _ in sealed] == ["screening_steps"]
    assert set(sealed[0][1]) == {"id", "screening_id", "position", "kind", "attempt_id",
                                 "figures", "passed", "finished_at"}

    def failing(conn, table, row):
        raise RuntimeError("the seal key is not loaded")

    with pytest.raises(RuntimeError):
        S.record_step(store, screening_id, 1, drill_row(90), sealer=failing)
    assert len(S.screening_steps(store, screening_id)) == 1
    assert len(store.attempts(screenings=True)) == 1  # the step's attempt was rolled back too


def test_the_finished_screening_row_is_handed_to_the_sealer_with_its_outcome(store, ana):
    screening_id = S.begin_screening(store, ana, "voice")
    sealed = []
    S.finish_screening(store, screening_id, "interrupted",
                       sealer=lambda conn, table, row: sealed.append((table, row)))
    ((table, row),) = sealed
    assert table == "screenings"
    assert (row["id"], row["candidate_id"], row["status"], row["outcome"]) == (
        screening_id, ana, "interrupted", "incomplete")
    assert "battery_snapshot" in row and row["finished_at"]


def test_incidents_are_logged_with_their_step_time_and_duration(store, ana):
    screening_id = S.begin_screening(store, ana, "voice")
    S.record_incident(store, screening_id, "paste", step_position=0, t=4_210,
                      detail="Ctrl+V refused in the typing area")
    S.record_incident(store, screening_id, "focus_lost", step_position=0, t=9_000,
                      duration_ms=12_500)
    S.record_incident(store, screening_id, "leave_attempt", detail="Esc on the instructions")
    assert [(i["kind"], i["step_position"], i["t"], i["duration_ms"])
            for i in S.incidents(store, screening_id)] == [
        ("paste", 0, 4_210, None), ("focus_lost", 0, 9_000, 12_500),
        ("leave_attempt", None, None, None)]
    with pytest.raises(ValueError, match="short lower-case word"):
        S.record_incident(store, screening_id, "Paste; DROP TABLE")


# -------------------------------------------------------- a crash and resuming

CRASH = textwrap.dedent("""
    import os, sys
    from datetime import UTC, datetime
    from typing_test.core.screening.candidates import Candidate
    from typing_test.store import screenings as S
    from typing_test.store.database import Store

    store = Store.open(sys.argv[1])
    ana = S.add_candidate(store, Candidate("Ana Cruz", email="ana@example.com"))
    screening_id = S.begin_screening(store, ana, "voice")
    attempt_id = S.begin_step(store, screening_id, 0, {"kind": "typing"})
    S.record_step(store, screening_id, 0, {"id": attempt_id, "kind": "typing", "score": 31.0,
                                           "accuracy": 97.0, "item_id": "p"})
    S.begin_step(store, screening_id, 1, {"kind": "proofreading", "item_id": "d"})
    S.record_incident(store, screening_id, "focus_lost", step_position=1, t=500)
    print(screening_id, flush=True)
    os._exit(1)  # the power goes: nothing closed, nothing flushed by Python
""")


def crash_mid_screening(path: Path) -> str:
    process = subprocess.run([sys.executable, "-c", CRASH, str(path)], cwd=ROOT,
                             capture_output=True, text=True, timeout=60)
    assert process.returncode == 1, process.stderr
    return process.stdout.strip()


def test_a_crash_mid_screening_keeps_the_finished_steps_and_offers_to_resume(tmp_path):
    path = tmp_path / "hr.db"
    screening_id = crash_mid_screening(path)
    store = Store.open(path)
    (unfinished,) = S.unfinished_screenings(store)
    assert (unfinished["id"], unfinished["candidate_name"], unfinished["battery_name"],
            unfinished["resume_position"]) == (screening_id, "Ana Cruz", "Voice (calls)", 1)
    (step,) = S.screening_steps(store, screening_id)
    assert (step["position"], step["passed"], step["figures"]["score"]) == (0, True, 31.0)
    # The step under way when the power went is kept, marked interrupted.
    statuses = sorted(row["status"] for row in store.attempts(screenings=True))
    assert statuses == ["completed", "interrupted"]
    assert S.incidents(store, screening_id)[0]["kind"] == "focus_lost"

    # Resume: the interrupted step restarts from its beginning, then the rest.
    run_from = [drill_row(90), drill_row(75, "writing"), {"kind": "quiz", "score": 80.0}]
    for position, row in enumerate(run_from, start=1):
        attempt_id = S.begin_step(store, screening_id, position, {"kind": row["kind"]})
        S.record_step(store, screening_id, position, {**row, "id": attempt_id})
    outcome = S.finish_screening(store, screening_id)
    assert outcome.outcome == "pass"
    assert S.unfinished_screenings(store) == []
    store.close()


def test_a_crashed_screening_can_be_closed_as_interrupted_and_does_not_count(tmp_path):
    path = tmp_path / "hr.db"
    screening_id = crash_mid_screening(path)
    store = Store.open(path)
    outcome = S.finish_screening(store, screening_id, "interrupted")
    assert (outcome.outcome, outcome.reason) == ("incomplete",
                                                 "step 2 (Proofreading drill) was not taken")
    assert S.screening(store, screening_id)["status"] == "interrupted"
    assert S.unfinished_screenings(store) == []
    # An interrupted screening is not an attempt: the candidate may start again now.
    candidate_id = S.screening(store, screening_id)["candidate_id"]
    S.begin_screening(store, candidate_id, "voice")
    store.close()


# -------------------------------------------------------------- personal data


def finished_screening(store, candidate_id: str, battery: str = "voice",
                       when: datetime = JAN) -> str:
    screening_id = S.begin_screening(store, candidate_id, battery, now=when)
    run_steps(store, screening_id, [typing_row(), drill_row(80)])
    S.record_incident(store, screening_id, "paste", step_position=1, t=100)
    S.finish_screening(store, screening_id, "abandoned", now=when + timedelta(minutes=30))
    return screening_id


def test_deleting_a_candidate_removes_all_their_data_and_records_how_much(store, ana, sealer):
    bo = S.add_candidate(store, Candidate("Bo Diaz", email="bo@example.com"))
    finished_screening(store, ana)
    finished_screening(store, ana, "back-office")
    kept = finished_screening(store, bo)
    step_ids = [row["id"] for s in S.candidate_screenings(store, ana)
                for row in S.screening_steps(store, s["id"])]
    sealed = []

    class Recording:  # the ledger's sealer, noting what it is handed
        def __call__(self, conn, table, row):
            sealed.append((table, row))
            sealer(conn, table, row)

        def erase(self, conn, table, row_ids):
            sealed.append((table, list(row_ids)))
            return sealer.erase(conn, table, row_ids)

    counts = S.delete_candidate(store, ana, who="HR: Maria Santos",
                                reason="asked by email on 2026-03-02", sealer=Recording(),
                                now=JAN + timedelta(days=60))
    assert counts == {"screenings": 2, "screening_steps": 4, "attempts": 4, "incidents": 2,
                      "candidates": 1, "candidate_keys": counts["candidate_keys"]}
    with pytest.raises(KeyError):
        S.get_candidate(store, ana)
    assert S.candidate_screenings(store, ana) == []
    assert S.search_candidates(store, "cruz").total == 0
    assert len(store.attempts(screenings=True)) == 2  # Bo's
    assert len(S.screening_steps(store, kept)) == 2

    (deletion,) = S.deletions(store)
    assert (deletion["who"], deletion["what"], deletion["at"]) == (
        "HR: Maria Santos", "candidate", (JAN + timedelta(days=60)).isoformat())
    assert deletion["detail"] == f"candidate {ana}: asked by email on 2026-03-02"
    assert deletion["rows"] == counts and deletion["total_rows"] == sum(counts.values())
    assert sorted(deletion["step_ids"]) == sorted(step_ids)
    assert "Ana" not in json.dumps(deletion) and "ana@" not in json.dumps(deletion)
    assert [table for table, _ in sealed] == ["screening_steps", "screenings", "deletions"]
    assert sorted(sealed[0][1]) == sorted(step_ids) and sealed[2][1]["id"] == deletion["id"]


def test_a_candidate_mid_screening_cannot_be_deleted_and_a_deletion_needs_a_name(store, ana,
                                                                                   sealer):
    S.begin_screening(store, ana, "voice")
    with pytest.raises(S.ScreeningError, match="in progress"):
        S.delete_candidate(store, ana, who="HR", sealer=sealer)
    with pytest.raises(ValueError, match="say who is deleting"):
        S.delete_candidate(store, ana, who="  ", sealer=sealer)
    with pytest.raises(KeyError):
        S.delete_candidate(store, "no-such-id", who="HR", sealer=sealer)
    assert S.deletions(store) == []


def test_deleting_personal_data_needs_a_sealer_that_can_erase(store, ana):
    finished_screening(store, ana)
    with pytest.raises(TypeError, match="sealer_for"):
        S.delete_candidate(store, ana, who="HR", sealer=lambda conn, table, row: None)
    with pytest.raises(TypeError, match="sealer_for"):
        S.purge_screenings(store, 1, who="HR", sealer=None)
    assert S.deletions(store) == [] and len(S.candidate_screenings(store, ana)) == 1


def test_a_retention_purge_removes_old_finished_screenings_only(store, ana, sealer):
    now = datetime(2027, 3, 15, 12, 0, tzinfo=UTC)
    old = finished_screening(store, ana, when=datetime(2026, 3, 14, 12, 0, tzinfo=UTC))
    recent = finished_screening(store, ana, "back-office",
                                when=datetime(2026, 3, 16, 12, 0, tzinfo=UTC))
    bo = S.add_candidate(store, Candidate("Bo Diaz", email="bo@example.com"), now=JAN)
    unfinished = S.begin_screening(store, bo, "voice", now=datetime(2025, 1, 1, tzinfo=UTC))
    counts = S.purge_screenings(store, 12, who="HR", sealer=sealer, now=now)
    assert counts == {"screenings": 1, "screening_steps": 2, "attempts": 2, "incidents": 1}
    with pytest.raises(KeyError):
        S.screening(store, old)
    assert S.screening(store, recent)["status"] == "abandoned"
    assert S.screening(store, unfinished)["status"] == "in_progress"
    (deletion,) = S.deletions(store)
    assert deletion["what"] == "retention-purge"
    assert deletion["detail"] == ("screenings started before 2026-03-15T12:00:00+00:00 "
                                  "(retention 12 months)")


def test_a_purge_can_take_old_candidates_with_nothing_left(store, sealer):
    old = S.add_candidate(store, Candidate("Old Applicant", phone="0917 000 0001"),
                          now=datetime(2025, 1, 1, tzinfo=UTC))
    new = S.add_candidate(store, Candidate("New Applicant", phone="0917 000 0002"),
                          now=datetime(2027, 1, 1, tzinfo=UTC))
    counts = S.purge_screenings(store, 12, who="HR", candidates_too=True, sealer=sealer,
                                now=datetime(2027, 3, 1, tzinfo=UTC))
    assert counts["candidates"] == 1
    assert [row["id"] for row in S.search_candidates(store).rows] == [new]
    with pytest.raises(KeyError):
        S.get_candidate(store, old)


@pytest.mark.parametrize("months", [0, -3, 1.5, True])
def test_a_retention_period_is_a_whole_number_of_months(store, months, sealer):
    with pytest.raises(ValueError, match="whole number of months"):
        S.purge_screenings(store, months, who="HR", sealer=sealer)


def test_a_purge_with_nothing_old_enough_is_recorded_too(store, sealer):
    assert S.purge_screenings(store, 12, who="HR", sealer=sealer) == {}
    assert S.deletions(store)[0]["total_rows"] == 0


def test_months_are_counted_on_the_calendar():
    assert S.months_before(datetime(2026, 3, 31, tzinfo=UTC), 1) == datetime(2026, 2, 28,
                                                                              tzinfo=UTC)
    assert S.months_before(datetime(2027, 1, 15, tzinfo=UTC), 12) == datetime(2026, 1, 15,
                                                                               tzinfo=UTC)
    assert S.months_before(datetime(2028, 2, 29, tzinfo=UTC), 12) == datetime(2027, 2, 28,
                                                                               tzinfo=UTC)


def test_foreign_keys_point_at_real_tables(store):
    for table in ("screenings", "screening_steps", "incidents", "candidate_keys"):
        for key in store.db[table].foreign_keys:
            assert key.other_table in store.db.table_names()
    assert isinstance(store.db.conn, sqlite3.Connection)
