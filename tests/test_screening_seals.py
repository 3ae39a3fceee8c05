"""A screening recorded with the ledger's sealer: every finished step and the
finished screening carry a seal, and a changed outcome is found."""

from __future__ import annotations

from typing_test.core.screening.candidates import Candidate
from typing_test.store import screenings as S
from typing_test.store.admin import log_in, set_admin_password
from typing_test.store.ledger import sealer_for, verify_all

PASSWORD = "correct horse battery"


def test_steps_and_the_finished_screening_are_sealed_and_a_changed_outcome_is_found(store):
    set_admin_password(store, PASSWORD)
    key = log_in(store, PASSWORD)
    sealer = sealer_for(store, key)
    ana = S.add_candidate(store, Candidate("Ana Cruz", email="ana@example.com"))
    screening_id = S.begin_screening(store, ana, "voice")
    rows = [
        {"kind": "typing", "score": 31.0, "accuracy": 97.0},
        {"kind": "proofreading", "score": 90.0},
        {"kind": "writing", "score": 85.0},
        {"kind": "quiz", "score": 80.0},
    ]
    for position, row in enumerate(rows):
        attempt_id = S.begin_step(store, screening_id, position, {"kind": row["kind"]})
        S.record_step(store, screening_id, position, {**row, "id": attempt_id}, sealer=sealer)
    assert verify_all(store, key).ok  # a running screening needs no seal yet
    S.finish_screening(store, screening_id, sealer=sealer)
    report = verify_all(store, key)
    assert report.ok, report.summary()

    assert S.screening(store, screening_id)["outcome"] == "pass"
    store.conn.execute("UPDATE screenings SET outcome = 'fail' WHERE id = ?", [screening_id])
    problems = verify_all(store, key).problems
    assert [(problem.kind, problem.table, problem.row_id) for problem in problems] == [
        ("changed", "screenings", screening_id)]
