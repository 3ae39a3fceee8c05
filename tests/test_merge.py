"""Merging other PCs' results: matched by UUID, checked first, sealed again
here, and refused whole when damaged or tampered with."""

from __future__ import annotations

import csv
import io
import sys

import pytest

from typing_test.cli import main
from typing_test.core.screening import passwords
from typing_test.core.screening.candidates import Candidate
from typing_test.store import screenings as S
from typing_test.store.admin import log_in, set_admin_password
from typing_test.store.database import Store
from typing_test.store.ledger import sealer_for, verify_all
from typing_test.store.merge import MergeRefused, merge_file

PASSWORD = "correct horse battery"
OTHER_PASSWORD = "another office password"


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch):
    monkeypatch.setattr(passwords, "DEFAULT_PARAMS", passwords.ScryptParams(n=1024))


def other_pc(tmp_path, password: str = PASSWORD, name: str = "pc2.db") -> tuple[str, str]:
    """A database with practice attempts and one sealed, finished screening;
    returns its path and the screening's id."""
    store = Store.open(tmp_path / name)
    for day in (1, 2):
        store.save_attempt({"kind": "typing", "candidate": "Home user", "score": 20.0 + day,
                            "started_at": f"2026-03-0{day}T10:00:00+00:00"})
    set_admin_password(store, password)
    key = log_in(store, password)
    sealer = sealer_for(store, key)
    ana = S.add_candidate(store, Candidate("Ana Cruz", email="ana@example.com"))
    screening_id = S.begin_screening(store, ana, "voice")
    for position, (kind, score) in enumerate([("typing", 31.0), ("proofreading", 90.0),
                                              ("writing", 80.0), ("quiz", 75.0)]):
        attempt_id = S.begin_step(store, screening_id, position, {"kind": kind})
        S.record_step(store, screening_id, position, {"kind": kind, "score": score,
                                                      "accuracy": 96.0, "id": attempt_id},
                      sealer=sealer)
        S.record_incident(store, screening_id, "focus_lost", step_position=position, t=1000,
                          duration_ms=2500)
    S.finish_screening(store, screening_id, sealer=sealer)
    store.close()
    return str(tmp_path / name), screening_id


@pytest.fixture
def here(tmp_path):
    store = Store.open(tmp_path / "here.db")
    set_admin_password(store, PASSWORD)
    return store, log_in(store, PASSWORD)


def test_a_file_is_merged_once_and_its_screenings_sealed_here(tmp_path, here):
    store, key = here
    path, screening_id = other_pc(tmp_path)
    summary = merge_file(store, key, path, PASSWORD)
    assert summary.verified and not summary.unverified
    assert summary.added["attempts"] == 6 and summary.added["screening_steps"] == 4
    assert summary.added["candidates"] == 1 and summary.added["incidents"] == 4
    merged = S.screening(store, screening_id)
    assert (merged["status"], merged["outcome"]) == ("completed", "pass")
    assert len(merged["incidents"]) == 4
    assert verify_all(store, key).ok  # sealed again in this database's chain
    again = merge_file(store, key, path, PASSWORD)
    assert sum(again.added.values()) == 0 and again.already_here["attempts"] == 6
    assert len(store.attempts(screenings=True)) == 6


def test_a_tampered_file_is_refused_even_when_unverified_results_are_allowed(tmp_path, here):
    store, key = here
    path, _ = other_pc(tmp_path)
    raw = Store.open(path)
    raw.conn.execute("UPDATE screening_steps SET passed = 1 - passed WHERE position = 0")
    raw.close()
    for allow in (False, True):
        with pytest.raises(MergeRefused, match="was tampered with"):
            merge_file(store, key, path, PASSWORD, allow_unverified=allow)
    assert store.attempts(screenings=True) == []


def test_an_unknown_password_is_refused_unless_merged_as_unverified(tmp_path, here):
    store, key = here
    path, screening_id = other_pc(tmp_path, password=OTHER_PASSWORD)
    with pytest.raises(MergeRefused, match="password given for it is wrong"):
        merge_file(store, key, path, PASSWORD)
    summary = merge_file(store, key, path, PASSWORD, allow_unverified=True)
    assert summary.unverified and not summary.verified
    rows = store.conn.execute("SELECT unverified FROM attempts WHERE screening_id = ?",
                              [screening_id]).fetchall()
    assert rows == [(1,)] * 4
    assert store.conn.execute("SELECT unverified FROM screenings").fetchone() == (1,)
    assert verify_all(store, key).ok


def test_a_damaged_file_is_refused(tmp_path, here):
    store, key = here
    path = tmp_path / "notes.db"
    path.write_bytes(b"not a database at all" * 200)
    with pytest.raises(MergeRefused, match="not a typing-test database or is damaged"):
        merge_file(store, key, str(path))


def test_the_same_person_under_two_ids_is_listed_for_hr(tmp_path, here):
    store, key = here
    S.add_candidate(store, Candidate("Ana Cruz", email="ana@example.com"))
    path, _ = other_pc(tmp_path)
    summary = merge_file(store, key, path, PASSWORD)
    assert [name for name, _, _ in summary.possible_duplicates] == ["Ana Cruz"]
    assert any("possible duplicate: Ana Cruz" in line for line in summary.lines())


def test_the_merge_command(tmp_path, here, capsys, monkeypatch):
    store, _ = here
    database = store.path
    store.close()
    good, _ = other_pc(tmp_path, name="good.db")
    strange, _ = other_pc(tmp_path, password=OTHER_PASSWORD, name="strange.db")
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["merge", "--db", database, good, strange]) == 1
    out, err = capsys.readouterr()
    assert "good.db: added" in out and "its seals checked and holding" in out
    assert "refused" in err and "strange.db" in err
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"{PASSWORD}\n\n{OTHER_PASSWORD}\n"))
    assert main(["merge", "--db", database, good, strange]) == 0
    out, _ = capsys.readouterr()
    assert "good.db: added nothing new" in out and "strange.db: added" in out
    assert main(["merge", "--db", database, str(tmp_path / "none.db")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_unverified_results_say_so_in_an_export(tmp_path, here):
    from typing_test.store.export import export

    store, key = here
    path, _ = other_pc(tmp_path, password=OTHER_PASSWORD)
    merge_file(store, key, path, PASSWORD, allow_unverified=True)
    out = tmp_path / "all.csv"
    export(store, out, "csv")
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    # Everything that came from that file, its practice attempts too.
    assert [row["Unverified"] for row in rows] == ["unverified"] * 6


def test_one_row_per_screening(tmp_path, here):
    from typing_test.store.export import export

    store, key = here
    path, _ = other_pc(tmp_path)
    merge_file(store, key, path, PASSWORD)
    out = tmp_path / "screenings.csv"
    assert export(store, out, "csv", per="screening") == 1
    (row,) = csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig")))
    assert (row["Candidate"], row["Battery"], row["Outcome"]) == ("Ana Cruz", "Voice (calls)",
                                                                 "pass")
    assert row["Steps (number, activity, score, result)"] == (
        "1 typing 31 pass; 2 proofreading 90 pass; 3 writing 80 pass; 4 quiz 75 pass")
    assert row["Incidents"] == "4"
    assert export(store, tmp_path / "s.xlsx", "xlsx", per="screening") == 1


def test_two_records_of_one_person_are_joined_and_the_seals_still_hold(tmp_path, here):
    store, key = here
    local = S.add_candidate(store, Candidate("Ana Cruz", email="ana@example.com"))
    path, screening_id = other_pc(tmp_path)
    summary = merge_file(store, key, path, PASSWORD)
    ((_, here_id, there_id),) = summary.possible_duplicates
    assert here_id == local
    moved = S.join_candidates(store, local, there_id, who="M. Reyes (HR)",
                              sealer=sealer_for(store, key))
    assert moved == {"screenings": 1, "attempts": 4, "candidates": 1}
    assert S.screening(store, screening_id)["candidate_id"] == local
    assert [row["id"] for row in S.candidate_screenings(store, local)] == [screening_id]
    with pytest.raises(KeyError):
        S.get_candidate(store, there_id)
    report = verify_all(store, key)
    assert report.ok, report.summary()
    (record,) = [row for row in S.deletions(store) if row["what"] == "join"]
    assert record["who"] == "M. Reyes (HR)" and there_id in record["detail"]
    with pytest.raises(S.ScreeningError):
        S.join_candidates(store, local, local, who="HR", sealer=sealer_for(store, key))
