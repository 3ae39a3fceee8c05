"""Deleting personal data through the seal ledger: a candidate deleted on request
or a retention purge leaves every seal holding, and `verify` shows who deleted
how many rows and when; rows deleted by hand are still named."""

from __future__ import annotations

import io
import json
import sys
from datetime import UTC, datetime, timedelta

import pytest

from typing_test.cli import main
from typing_test.core.screening import passwords
from typing_test.core.screening.candidates import Candidate
from typing_test.core.screening.passwords import FAST_FOR_DOCTEST
from typing_test.core.screening.seals import DELETED
from typing_test.store import screenings as S
from typing_test.store.admin import log_in, set_admin_password
from typing_test.store.database import Store
from typing_test.store.ledger import sealer_for, verify_all

PASSWORD = "correct horse battery"
JAN = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
VOICE_ROWS = [{"kind": "typing", "score": 31.0, "accuracy": 97.0},
              {"kind": "proofreading", "score": 90.0},
              {"kind": "writing", "score": 85.0},
              {"kind": "quiz", "score": 80.0}]


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch):
    monkeypatch.setattr(passwords, "DEFAULT_PARAMS", FAST_FOR_DOCTEST)


@pytest.fixture
def key(store):
    set_admin_password(store, PASSWORD)
    return log_in(store, PASSWORD)


def sealed_screening(store, key, candidate_id: str, when: datetime = JAN,
                     steps: int = 4) -> str:
    """A voice screening of ``steps`` steps, each sealed as it ends, then closed and sealed."""
    sealer = sealer_for(store, key)
    screening_id = S.begin_screening(store, candidate_id, "voice", now=when)
    for position, row in enumerate(VOICE_ROWS[:steps]):
        attempt_id = S.begin_step(store, screening_id, position, {"kind": row["kind"]})
        S.record_step(store, screening_id, position, {**row, "id": attempt_id}, sealer=sealer,
                      now=when)
    S.record_incident(store, screening_id, "focus_lost", step_position=0, t=5_000,
                      duration_ms=2_000)
    S.finish_screening(store, screening_id, "completed" if steps == 4 else "abandoned",
                       sealer=sealer, now=when + timedelta(minutes=40))
    return screening_id


def candidate(store, name: str, email: str) -> str:
    return S.add_candidate(store, Candidate(name, email=email, role="Voice"), now=JAN)


def test_deleting_a_candidate_with_sealed_screenings_keeps_every_seal(store, key):
    ana = candidate(store, "Ana Cruz", "ana@example.com")
    bo = candidate(store, "Bo Diaz", "bo@example.com")
    sealed_screening(store, key, ana)
    # A retake allowed by HR, abandoned after two steps.
    retake = S.begin_screening(store, ana, "voice", override_reason="fire alarm",
                               now=JAN + timedelta(days=1))
    S.finish_screening(store, retake, "interrupted", sealer=sealer_for(store, key),
                       now=JAN + timedelta(days=1))
    kept = sealed_screening(store, key, bo)
    assert verify_all(store, key).ok

    counts = S.delete_candidate(store, ana, who="HR: Maria Santos", reason="asked by email",
                                sealer=sealer_for(store, key), now=JAN + timedelta(days=60))
    assert (counts["screening_steps"], counts["screenings"]) == (4, 2)

    verification = verify_all(store, key)
    assert verification.ok, [str(problem) for problem in verification.problems]
    assert verification.erased_rows == 6  # 4 steps and 2 finished screenings
    assert verification.erasures == 2  # one entry for the steps, one for the screenings
    assert verification.rows_by_table == {"screening_steps": 4, "screenings": 1,
                                          "deletions": 1}
    (record,) = verification.deletions
    assert (record.who, record.at, record.what, record.total_rows) == (
        "HR: Maria Santos", (JAN + timedelta(days=60)).isoformat(), "candidate",
        sum(counts.values()))
    summary = verification.summary()
    assert "6 rows erased on request (2 erasures)" in summary
    assert (f"1 deletion recorded (latest {record.at} by HR: Maria Santos: candidate, "
            f"{record.total_rows} rows)") in summary
    assert len(S.screening_steps(store, kept)) == 4


def test_a_retention_purge_keeps_every_seal_and_is_shown(store, key):
    ana = candidate(store, "Ana Cruz", "ana@example.com")
    bo = candidate(store, "Bo Diaz", "bo@example.com")
    sealed_screening(store, key, ana, when=datetime(2025, 6, 1, tzinfo=UTC))
    sealed_screening(store, key, bo, when=datetime(2025, 7, 1, tzinfo=UTC), steps=2)
    recent = sealed_screening(store, key, bo, when=datetime(2026, 11, 1, tzinfo=UTC))
    counts = S.purge_screenings(store, 12, who="HR: Lee", sealer=sealer_for(store, key),
                                now=datetime(2026, 12, 1, tzinfo=UTC))
    assert (counts["screening_steps"], counts["screenings"]) == (6, 2)

    verification = verify_all(store, key)
    assert verification.ok, [str(problem) for problem in verification.problems]
    assert (verification.erased_rows, verification.erasures) == (8, 2)
    assert [(r.who, r.what) for r in verification.deletions] == [("HR: Lee", "retention-purge")]
    assert S.screening(store, recent)["status"] == "completed"

    # A second purge with nothing old enough is recorded and sealed too.
    S.purge_screenings(store, 12, who="HR: Lee", sealer=sealer_for(store, key),
                       now=datetime(2026, 12, 2, tzinfo=UTC))
    verification = verify_all(store, key)
    assert verification.ok and len(verification.deletions) == 2


def test_rows_deleted_by_hand_are_named_even_after_a_recorded_deletion(store, key):
    ana = candidate(store, "Ana Cruz", "ana@example.com")
    bo = candidate(store, "Bo Diaz", "bo@example.com")
    sealed_screening(store, key, ana)
    kept = sealed_screening(store, key, bo)
    S.delete_candidate(store, ana, who="HR", sealer=sealer_for(store, key))
    steps = [row["id"] for row in S.screening_steps(store, kept)]
    with store.db.conn:
        store.db.conn.execute("DELETE FROM screening_steps WHERE id IN (?, ?)", steps[:2])
        store.db.conn.execute("DELETE FROM screenings WHERE id = ?", [kept])
    problems = verify_all(store, key).problems
    assert sorted((p.kind, p.table, p.row_id) for p in problems) == sorted(
        [(DELETED, "screening_steps", steps[0]), (DELETED, "screening_steps", steps[1]),
         (DELETED, "screenings", kept)])


def test_an_edited_deletion_record_is_found(store, key):
    ana = candidate(store, "Ana Cruz", "ana@example.com")
    sealed_screening(store, key, ana)
    S.delete_candidate(store, ana, who="HR: Maria Santos", sealer=sealer_for(store, key))
    with store.db.conn:
        store.db.conn.execute("UPDATE deletions SET total_rows = 1, who = 'nobody'")
    (problem,) = verify_all(store, key).problems
    assert (problem.table, problem.kind) == ("deletions", "changed")
    assert "total_rows" in problem.message and "who" in problem.message


def test_a_failing_erasure_deletes_nothing(store, key):
    ana = candidate(store, "Ana Cruz", "ana@example.com")
    screening_id = sealed_screening(store, key, ana)
    sealer = sealer_for(store, key)

    class Broken:
        __call__ = sealer.__call__

        def erase(self, conn, table, row_ids):
            sealer.erase(conn, table, row_ids)
            raise OSError("disk full")

    with pytest.raises(OSError):
        S.delete_candidate(store, ana, who="HR", sealer=Broken())
    assert len(S.screening_steps(store, screening_id)) == 4
    assert S.deletions(store) == [] and verify_all(store, key).ok


def test_a_sealer_refuses_another_stores_connection(store, key, tmp_path):
    other = Store.open(tmp_path / "other.db")
    try:
        with pytest.raises(ValueError, match="another store"):
            sealer_for(store, key).erase(other.db.conn, "screenings", ["x"])
    finally:
        other.close()


def test_verify_on_the_command_line_lists_each_deletion(store, key, tmp_path, capsys,
                                                        monkeypatch):
    ana = candidate(store, "Ana Cruz", "ana@example.com")
    sealed_screening(store, key, ana)
    S.delete_candidate(store, ana, who="HR: Maria Santos", sealer=sealer_for(store, key),
                       now=datetime(2026, 3, 2, 10, 0, tzinfo=UTC))
    store.close()
    db = str(tmp_path / "results.db")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(f"{PASSWORD}\n".encode())))
    assert main(["verify", "--db", db]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("all seals hold: ")
    assert "5 rows erased on request (2 erasures)" in out
    assert "deleted on 2026-03-02T10:00:00+00:00 by HR: Maria Santos: candidate" in out
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(f"{PASSWORD}\n".encode())))
    assert main(["verify", "--db", db, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [(d["who"], d["what"]) for d in report["deletions"]] == [
        ("HR: Maria Santos", "candidate")]
    assert report["erased_rows"] == 5
