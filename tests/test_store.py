"""The database: schema, migrations, durability settings, damaged files."""

from __future__ import annotations

import sqlite3

import pytest

from typing_test.store.database import SCHEMA_VERSION, DatabaseError, Store, default_db_path


def test_new_database_gets_the_schema_wal_and_full_sync(tmp_path):
    store = Store.open(tmp_path / "new.db")
    assert store.schema_version == SCHEMA_VERSION
    assert store.db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert {"attempts", "settings"} <= set(store.db.table_names())


def test_attempt_round_trip_keeps_json_columns(tmp_path):
    store = Store.open(tmp_path / "a.db")
    attempt_id = store.save_attempt({
        "kind": "typing", "candidate": "Asha", "score": 31.0, "passed": True,
        "keystrokes": [{"t": 0, "key": "é"}], "events": [{"t": 5, "type": "focus-lost"}],
        "settings": {"test_length_s": 60},
    })
    store.close()
    row = Store.open(tmp_path / "a.db").attempt(attempt_id)
    assert row["candidate"] == "Asha"
    assert row["keystrokes"] == [{"t": 0, "key": "é"}]
    assert row["events"][0]["type"] == "focus-lost"
    assert row["passed"] is True


def test_an_abandoned_attempt_is_never_a_pass(tmp_path):
    store = Store.open(tmp_path / "a.db")
    attempt_id = store.save_attempt({"kind": "typing", "status": "abandoned", "passed": True})
    assert store.attempt(attempt_id)["passed"] is False


def test_unknown_kind_is_refused(tmp_path):
    with pytest.raises(ValueError):
        Store.open(tmp_path / "a.db").save_attempt({"kind": "poker"})


def test_a_file_that_is_not_a_database_is_reported_and_left_untouched(tmp_path):
    path = tmp_path / "notes.db"
    content = b"these are my notes, not a database" * 100
    path.write_bytes(content)
    with pytest.raises(DatabaseError, match="not a typing-test database or is damaged"):
        Store.open(path)
    assert path.read_bytes() == content


def test_a_damaged_database_is_reported_and_left_untouched(tmp_path):
    path = tmp_path / "damaged.db"
    store = Store.open(path)
    for index in range(300):
        store.save_attempt({"kind": "typing", "item_title": "x" * 500, "score": index})
    store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = bytearray(path.read_bytes())
    for offset in range(4096 * 2, len(data), 4096):  # scribble over every page after the first
        data[offset + 8 : offset + 40] = b"\xff" * 32
    path.write_bytes(bytes(data))
    with pytest.raises(DatabaseError):
        Store.open(path)
    assert path.read_bytes() == bytes(data)


def test_a_database_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(DatabaseError, match="newer version"):
        Store.open(path)


def test_a_folder_is_not_a_database(tmp_path):
    with pytest.raises(DatabaseError, match="folder"):
        Store.open(tmp_path)


def test_reopening_does_not_migrate_again_or_lose_rows(tmp_path):
    path = tmp_path / "a.db"
    Store.open(path).save_attempt({"kind": "typing"})
    store = Store.open(path)
    assert len(store.attempts()) == 1
    assert store.schema_version == SCHEMA_VERSION


def test_settings_round_trip(tmp_path):
    store = Store.open(tmp_path / "a.db")
    store.set_setting("pass_net_wpm", 30)
    store.set_setting("pass_net_wpm", 35)
    assert store.get_setting("pass_net_wpm") == 35


def test_the_environment_variable_chooses_the_file(tmp_path, monkeypatch):
    monkeypatch.setenv("TYPING_TEST_DB", str(tmp_path / "env.db"))
    assert default_db_path() == tmp_path / "env.db"


def test_without_the_variable_the_file_is_in_the_user_data_folder(monkeypatch):
    monkeypatch.delenv("TYPING_TEST_DB", raising=False)
    path = default_db_path()
    assert path.name == "typing-test.db"
    assert "typing-test" in str(path.parent)


def test_an_attempt_cut_off_by_a_crash_is_kept_as_interrupted(tmp_path):
    path = tmp_path / "a.db"
    store = Store.open(path)
    finished = store.save_attempt({"kind": "typing", "score": 40.0, "passed": True})
    running = store.begin_attempt({"kind": "typing", "item_id": "memo"})
    store.db.conn.close()  # the process dies: no save_attempt for the running test
    reopened = Store.open(path)
    assert reopened.interrupted_on_open == 1
    assert reopened.attempt(running)["status"] == "interrupted"
    assert reopened.attempt(finished)["passed"] is True
    assert Store.open(path).interrupted_on_open == 0  # reported once


def test_finishing_a_begun_attempt_replaces_it(tmp_path):
    store = Store.open(tmp_path / "a.db")
    attempt_id = store.begin_attempt({"kind": "typing"})
    store.save_attempt({"id": attempt_id, "kind": "typing", "score": 30.0, "passed": True})
    (row,) = store.attempts()
    assert row["status"] == "completed" and row["score"] == 30.0
