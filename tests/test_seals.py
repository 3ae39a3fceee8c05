"""Seals: every kind of tampering with sealed rows is found, and a password change re-seals."""

from __future__ import annotations

import io
import json
import os
import sys
import uuid
from contextlib import closing

import pytest

from typing_test.cli import main
from typing_test.core.screening import passwords, seals
from typing_test.core.screening.passwords import FAST_FOR_DOCTEST
from typing_test.core.screening.seals import (
    CHANGED,
    DELETED,
    FORGED,
    HEAD,
    INSERTED,
    MISSING_ENTRY,
    REORDERED,
    TRUNCATED,
    SealKey,
    canonical_json,
    content_mac,
)
from typing_test.store import ledger
from typing_test.store.admin import log_in, set_admin_password
from typing_test.store.database import Store
from typing_test.store.ledger import (
    SealedTable,
    SealsBroken,
    erase_sealed_rows,
    reseal_all,
    seal_count,
    seal_row,
    verify_all,
)

TABLE = "test_steps"
PASSWORD = "staple battery horse"
NEW_PASSWORD = "a new and longer one"


@pytest.fixture
def key():
    return SealKey(os.urandom(32))


@pytest.fixture(autouse=True)
def test_table_is_sealed(monkeypatch):
    monkeypatch.setitem(ledger.SEALED_TABLES, TABLE, SealedTable("id", "status = 'finished'"))


def make_table(store: Store) -> None:
    store.db[TABLE].create(
        {"id": str, "candidate": str, "step": int, "status": str, "net_wpm": float,
         "accuracy": float, "passed": int, "answer": str},
        pk="id", if_not_exists=True,
    )


def add_step(store: Store, key: SealKey | None, step: int, **columns) -> str:
    """A finished step, written and sealed in one transaction as the app does."""
    make_table(store)
    row = {"id": str(uuid.uuid4()), "candidate": "c-1", "step": step, "status": "finished",
           "net_wpm": 30.0 + step, "accuracy": 95.5, "passed": 1,
           "answer": f"Dear customer, step {step}. \u00e9"} | columns
    with store.db.conn:
        store.db.conn.execute("BEGIN IMMEDIATE")
        store.db[TABLE].insert(row)
        if key is not None:
            seal_row(store, key, TABLE, row["id"])
    return row["id"]


@pytest.fixture
def sealed(store, key):
    """A store with five sealed steps; returns their ids in order."""
    return [add_step(store, key, step) for step in range(1, 6)]


def problems(store: Store, key: SealKey) -> list[tuple[str, str | None]]:
    return [(problem.kind, problem.row_id) for problem in verify_all(store, key).problems]


def execute(store: Store, sql: str, *params) -> None:
    store.db.conn.execute(sql, params)


# Canonical content -------------------------------------------------------------------


def test_canonical_json_is_the_same_whatever_the_order_and_keeps_floats_exact():
    assert canonical_json({"b": 0.1 + 0.2, "a": 1}) == canonical_json({"a": 1, "b": 0.1 + 0.2})
    assert canonical_json({"a": 0.1 + 0.2}) == b'{"a":0.30000000000000004}'
    assert canonical_json(1) != canonical_json(1.0)
    assert canonical_json("caf\u00e9") == b'"caf\\u00e9"'
    with pytest.raises(TypeError):
        canonical_json(object())


def test_a_row_seal_is_bound_to_its_table_and_id(key):
    content = {"net_wpm": 31.0}
    assert content_mac(key, TABLE, "a", content) != content_mac(key, TABLE, "b", content)
    assert content_mac(key, TABLE, "a", content) != content_mac(key, "other", "a", content)


# Sound chains ------------------------------------------------------------------------


def test_sealed_rows_verify(store, key, sealed):
    verification = verify_all(store, key)
    assert verification.ok, verification.problems
    assert verification.rows_by_table == {TABLE: 5}
    assert verification.entries == 5 == seal_count(store)
    assert verification.summary().startswith("all seals hold: 5 rows (test_steps 5); 5 seals")


def test_a_row_and_its_seal_are_written_together_or_not_at_all(store, key, sealed):
    with pytest.raises(RuntimeError), store.db.conn:
        store.db.conn.execute("BEGIN IMMEDIATE")
        store.db[TABLE].insert({"id": "x", "status": "finished", "step": 9})
        seal_row(store, key, TABLE, "x")
        raise RuntimeError("the app died before the commit")
    assert store.db[TABLE].count == 5 and seal_count(store) == 5
    assert verify_all(store, key).ok


def test_a_step_still_running_need_not_be_sealed(store, key, sealed):
    add_step(store, None, 6, status="running")
    assert verify_all(store, key).ok


def test_a_column_added_by_a_later_schema_breaks_no_seal(store, key, sealed):
    execute(store, f"ALTER TABLE {TABLE} ADD COLUMN reviewer TEXT")
    assert verify_all(store, key).ok


def test_sealing_a_row_again_checks_it_against_its_newest_seal(store, key, sealed):
    execute(store, f"UPDATE {TABLE} SET answer = 'amended by HR' WHERE id = ?", sealed[0])
    seal_row(store, key, TABLE, sealed[0])
    assert verify_all(store, key).ok


def test_a_wrong_key_verifies_nothing(store, key, sealed):
    found = verify_all(store, SealKey(os.urandom(32))).problems
    assert {problem.kind for problem in found} >= {FORGED, HEAD}
    assert len([p for p in found if p.kind == FORGED]) == 5


def test_sealing_a_missing_row_or_an_unlisted_table_is_refused(store, key, sealed):
    with pytest.raises(KeyError):
        seal_row(store, key, TABLE, "no such row")
    with pytest.raises(ValueError, match="not a sealed table"):
        seal_row(store, key, "attempts", "any")


# Each kind of tampering ----------------------------------------------------------------


def test_a_changed_figure_names_the_row_and_the_column(store, key, sealed):
    execute(store, f"UPDATE {TABLE} SET net_wpm = 55.0 WHERE id = ?", sealed[2])
    [problem] = verify_all(store, key).problems
    assert (problem.kind, problem.table, problem.row_id, problem.seq) == (
        CHANGED, TABLE, sealed[2], 3)
    assert str(problem) == (f"{TABLE} row {sealed[2]}, seal #3: its content changed since it "
                            "was sealed (net_wpm)")


@pytest.mark.parametrize("sql", [
    f"UPDATE {TABLE} SET passed = 0 WHERE id = ?",  # the verdict
    f"UPDATE {TABLE} SET accuracy = NULL WHERE id = ?",  # a figure removed
    f"UPDATE {TABLE} SET net_wpm = net_wpm + 0.01 WHERE id = ?",  # a hundredth more
    f"UPDATE {TABLE} SET answer = answer || ' ' WHERE id = ?",  # one space added
    f"UPDATE {TABLE} SET step = 5 WHERE id = ?",  # its place in the battery
    f"UPDATE {TABLE} SET status = 'running' WHERE id = ?",  # hidden as unfinished
])
def test_every_change_of_a_sealed_row_is_found(store, key, sealed, sql):
    execute(store, sql, sealed[2])
    assert problems(store, key) == [(CHANGED, sealed[2])]


def test_contents_swapped_between_two_rows_are_found(store, key, sealed):
    execute(store, f"UPDATE {TABLE} SET id = 'tmp' WHERE id = ?", sealed[0])
    execute(store, f"UPDATE {TABLE} SET id = ? WHERE id = ?", sealed[0], sealed[1])
    execute(store, f"UPDATE {TABLE} SET id = ? WHERE id = 'tmp'", sealed[1])
    assert sorted(problems(store, key)) == sorted([(CHANGED, sealed[0]), (CHANGED, sealed[1])])


def test_a_deleted_row_is_found(store, key, sealed):
    execute(store, f"DELETE FROM {TABLE} WHERE id = ?", sealed[1])
    [problem] = verify_all(store, key).problems
    assert (problem.kind, problem.row_id, problem.seq) == (DELETED, sealed[1], 2)
    assert "deleted" in str(problem)


def test_an_inserted_row_is_found(store, key, sealed):
    intruder = add_step(store, None, 6, net_wpm=88.0)
    [problem] = verify_all(store, key).problems
    assert (problem.kind, problem.row_id) == (INSERTED, intruder)
    assert "no seal" in str(problem)


def test_an_inserted_row_with_a_forged_ledger_entry_is_found(store, key, sealed):
    intruder = add_step(store, None, 6)
    last = store.db.conn.execute("SELECT seal FROM seal_ledger WHERE seq = 5").fetchone()[0]
    execute(store, "INSERT INTO seal_ledger (seq, kind, table_name, row_id, content_mac, "
            "previous, seal) VALUES (6, 'row', ?, ?, ?, ?, ?)",
            TABLE, intruder, "ab" * 32, last, "cd" * 32)
    execute(store, "UPDATE seal_head SET count = 6, last_seal = ?", "cd" * 32)
    found = problems(store, key)
    assert (FORGED, intruder) in found and (INSERTED, intruder) in found
    assert (HEAD, None) in found  # the head cannot be moved without the key either


def test_a_reordered_chain_is_found(store, key, sealed):
    execute(store, "UPDATE seal_ledger SET seq = 100 WHERE seq = 2")
    execute(store, "UPDATE seal_ledger SET seq = 2 WHERE seq = 3")
    execute(store, "UPDATE seal_ledger SET seq = 3 WHERE seq = 100")
    found = verify_all(store, key).problems
    # Three links break: the two moved entries, and the one after them.
    assert [(p.kind, p.row_id, p.seq) for p in found] == [
        (REORDERED, sealed[2], 2), (REORDERED, sealed[1], 3), (REORDERED, sealed[3], 4)]
    assert "it was sealed right after seal #3" in found[0].message


def test_a_ledger_entry_taken_out_of_the_middle_is_found(store, key, sealed):
    execute(store, f"DELETE FROM {TABLE} WHERE id = ?", sealed[2])
    execute(store, "DELETE FROM seal_ledger WHERE seq = 3")
    found = verify_all(store, key).problems
    assert [(p.kind, p.row_id) for p in found] == [(MISSING_ENTRY, sealed[3]), (HEAD, None)]
    assert "was deleted" in found[0].message


def test_the_end_of_the_chain_cut_off_with_its_rows_is_found(store, key, sealed):
    for seq, row_id in ((5, sealed[4]), (4, sealed[3])):
        execute(store, f"DELETE FROM {TABLE} WHERE id = ?", row_id)
        execute(store, "DELETE FROM seal_ledger WHERE seq = ?", seq)
    [problem] = verify_all(store, key).problems
    assert problem.kind == TRUNCATED
    assert str(problem) == ("the chain: the chain is cut short: it ended at seal #5, and the "
                            "last 2 seals (and the rows they sealed, unless listed above as "
                            "unsealed) are gone")


def test_a_deleted_or_edited_head_is_found(store, key, sealed):
    execute(store, "UPDATE seal_head SET count = 4")
    assert problems(store, key) == [(HEAD, None)]
    execute(store, "DELETE FROM seal_head")
    [problem] = verify_all(store, key).problems
    assert problem.kind == HEAD and "missing" in problem.message


def test_a_cut_chain_stays_reported_after_the_next_seal(store, key, sealed):
    execute(store, f"DELETE FROM {TABLE} WHERE id = ?", sealed[4])
    execute(store, "DELETE FROM seal_ledger WHERE seq = 5")
    add_step(store, key, 6)  # the app goes on sealing; the evidence must not vanish
    assert [kind for kind, _ in problems(store, key)] == [HEAD]


def test_a_dropped_table_reports_its_rows_deleted(store, key, sealed):
    execute(store, f"DROP TABLE {TABLE}")
    assert problems(store, key) == [(DELETED, row_id) for row_id in sealed]


def test_dropped_seal_tables_are_reported(store, key, sealed):
    execute(store, "DROP TABLE seal_head")
    assert problems(store, key) == [(HEAD, None)]


# Erasure on request --------------------------------------------------------------------


def test_rows_erased_on_request_still_verify_and_are_counted(store, key, sealed):
    assert erase_sealed_rows(store, key, TABLE, sealed[:2]) == 2
    verification = verify_all(store, key)
    assert verification.ok, verification.problems
    assert (verification.erased_rows, verification.erasures) == (2, 1)
    assert verification.rows_by_table == {TABLE: 3}
    assert "2 rows erased on request (1 erasure)" in verification.summary()
    hints = store.db.conn.execute("SELECT hints FROM seal_ledger WHERE seq <= 2").fetchall()
    assert hints == [(None,), (None,)]  # nothing derived from their data stays


def test_an_erased_row_put_back_is_found(store, key, sealed):
    row = store.db[TABLE].get(sealed[0])
    erase_sealed_rows(store, key, TABLE, [sealed[0]])
    store.db[TABLE].insert(row)
    [problem] = verify_all(store, key).problems
    assert (problem.kind, problem.row_id) == (INSERTED, sealed[0])
    assert "erased on request" in problem.message


def test_an_erasure_does_not_cover_other_deletions(store, key, sealed):
    erase_sealed_rows(store, key, TABLE, [sealed[0]])
    execute(store, f"DELETE FROM {TABLE} WHERE id = ?", sealed[1])
    assert problems(store, key) == [(DELETED, sealed[1])]


def test_an_edited_erasure_list_is_found(store, key, sealed):
    erase_sealed_rows(store, key, TABLE, [sealed[0]])
    execute(store, f"DELETE FROM {TABLE} WHERE id = ?", sealed[1])
    execute(store, "UPDATE seal_ledger SET erased = '[1, 2]' WHERE kind = 'erasure'")
    found = problems(store, key)
    assert (FORGED, None) in found and (DELETED, sealed[1]) in found


# Re-sealing on a password change --------------------------------------------------------


def test_resealing_moves_every_seal_to_the_new_key(store, key, sealed):
    erase_sealed_rows(store, key, TABLE, [sealed[0]])
    seal_row(store, key, TABLE, sealed[1])  # a row sealed twice
    new_key = SealKey(os.urandom(32))
    assert reseal_all(store, key, new_key) == 7
    assert verify_all(store, new_key).ok
    assert not verify_all(store, key).ok
    # And the new seals still catch a change.
    execute(store, f"UPDATE {TABLE} SET net_wpm = 99.0 WHERE id = ?", sealed[3])
    assert [p.message for p in verify_all(store, new_key).problems] == [
        "its content changed since it was sealed (net_wpm)"]


def test_resealing_refuses_to_bless_a_tampered_row(store, key, sealed):
    execute(store, f"UPDATE {TABLE} SET net_wpm = 99.0 WHERE id = ?", sealed[3])
    before = store.db.conn.execute("SELECT seal FROM seal_ledger").fetchall()
    with pytest.raises(SealsBroken, match="do not hold"):
        reseal_all(store, key, SealKey(os.urandom(32)))
    assert store.db.conn.execute("SELECT seal FROM seal_ledger").fetchall() == before


# Through the admin password and the command line -------------------------------------


@pytest.fixture
def cheap_scrypt(monkeypatch):
    monkeypatch.setattr(passwords, "DEFAULT_PARAMS", FAST_FOR_DOCTEST)


def verify_cli(capsys, monkeypatch, db: str, password: str, *options: str):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(f"{password}\n".encode())))
    code = main(["verify", "--db", db, *options])
    return (code, *capsys.readouterr())


def test_changing_the_password_reseals_and_the_old_one_no_longer_verifies(
        tmp_path, cheap_scrypt, capsys, monkeypatch):
    db = str(tmp_path / "results.db")
    with closing(Store.open(db)) as store:
        key = set_admin_password(store, PASSWORD)
        ids = [add_step(store, key, step) for step in range(1, 4)]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(
        f"{PASSWORD}\n{NEW_PASSWORD}\n".encode())))
    assert main(["admin", "set-password", "--db", db]) == 0
    assert capsys.readouterr().out == "admin password changed; 3 seals re-sealed with the new " \
        "password\n"
    code, out, _ = verify_cli(capsys, monkeypatch, db, NEW_PASSWORD)
    assert code == 0 and out.startswith("all seals hold: 3 rows (test_steps 3); 3 seals")
    code, _, err = verify_cli(capsys, monkeypatch, db, PASSWORD)
    assert code == 2 and "wrong admin password" in err
    with closing(Store.open(db)) as store:
        old_key = seals.derive_seal_key(
            passwords.stretch_again(NEW_PASSWORD, store.db.conn.execute(
                "SELECT password_hash FROM admin_credential").fetchone()[0]),
            "hkdf-sha256$" + "A" * 22 + "==")
        assert not verify_all(store, old_key).ok  # another key: nothing holds
        assert verify_all(store, log_in(store, NEW_PASSWORD)).ok
        assert {row[0] for row in store.db.conn.execute("SELECT row_id FROM seal_ledger")} \
            == set(ids)


def test_verify_exits_1_naming_each_broken_row(tmp_path, cheap_scrypt, capsys, monkeypatch):
    db = str(tmp_path / "results.db")
    with closing(Store.open(db)) as store:
        key = set_admin_password(store, PASSWORD)
        ids = [add_step(store, key, step) for step in range(1, 5)]
        execute(store, f"UPDATE {TABLE} SET passed = 0 WHERE id = ?", ids[0])
        execute(store, f"DELETE FROM {TABLE} WHERE id = ?", ids[1])
        intruder = add_step(store, None, 9)
    code, out, err = verify_cli(capsys, monkeypatch, db, PASSWORD)
    assert code == 1 and err == ""
    lines = out.splitlines()
    assert lines[:3] == [
        f"{TABLE} row {ids[0]}, seal #1: its content changed since it was sealed (passed)",
        f"{TABLE} row {intruder}: this row has no seal: it was added outside the app, or after "
        "its seal was removed",
        f"{TABLE} row {ids[1]}, seal #2: this sealed row was deleted, and no erasure records it",
    ]
    assert lines[3].startswith("3 problems: 2 rows (test_steps 2); 4 seals, chain head ")
    code, out, _ = verify_cli(capsys, monkeypatch, db, PASSWORD, "--json")
    report = json.loads(out)
    assert code == 1 and report["ok"] is False and report["seals"] == 4
    assert [(p["kind"], p["row_id"]) for p in report["problems"]] == [
        (CHANGED, ids[0]), (INSERTED, intruder), (DELETED, ids[1])]


def test_verify_finds_tampering_in_a_table_it_no_longer_lists(tmp_path, cheap_scrypt, capsys,
                                                              monkeypatch):
    db = str(tmp_path / "results.db")
    with closing(Store.open(db)) as store:
        key = set_admin_password(store, PASSWORD)
        row_id = add_step(store, key, 1)
        execute(store, f"UPDATE {TABLE} SET net_wpm = 70.0 WHERE id = ?", row_id)
    monkeypatch.delitem(ledger.SEALED_TABLES, TABLE)
    code, out, _ = verify_cli(capsys, monkeypatch, db, PASSWORD)
    assert code == 1 and "(net_wpm)" in out


def test_a_password_change_is_refused_while_a_seal_is_broken(tmp_path, cheap_scrypt, capsys,
                                                             monkeypatch):
    db = str(tmp_path / "results.db")
    with closing(Store.open(db)) as store:
        key = set_admin_password(store, PASSWORD)
        row_id = add_step(store, key, 1)
        execute(store, f"UPDATE {TABLE} SET net_wpm = 70.0 WHERE id = ?", row_id)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(
        f"{PASSWORD}\n{NEW_PASSWORD}\n".encode())))
    assert main(["admin", "set-password", "--db", db]) == 1
    err = capsys.readouterr().err
    assert "do not hold" in err and err.count("\n") == 1
    with closing(Store.open(db)) as store:
        log_in(store, PASSWORD)  # still the old password
