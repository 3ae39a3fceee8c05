"""The database: schema, migrations, durability settings, damaged files."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from typing_test.cli import main
from typing_test.store.database import (
    SCHEMA_VERSION,
    DatabaseError,
    Store,
    closed_cleanly,
    default_db_path,
    integrity_problems,
)


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


# Two processes, damaged rows, read-only files (issue 7) ---------------------------


def _open_and_save(path: str, barrier, results) -> None:
    """In a child process: wait for the other one, then open the new file and save."""
    from typing_test.store.database import Store

    barrier.wait()
    try:
        store = Store.open(path)
        store.save_attempt({"kind": "typing", "candidate": str(os.getpid())})
        store.close()
        results.put("saved")
    except Exception as error:  # reported to the test, which shows it
        results.put(f"{type(error).__name__}: {error}")


def test_two_processes_creating_a_new_database_at_once_both_save(tmp_path):
    context = multiprocessing.get_context("spawn")  # no fork of a process that may hold Qt
    for run in range(4):
        path = str(tmp_path / f"new-{run}.db")
        barrier, results = context.Barrier(2), context.Queue()
        processes = [context.Process(target=_open_and_save, args=(path, barrier, results))
                     for _ in range(2)]
        for process in processes:
            process.start()
        outcomes = [results.get(timeout=60) for _ in processes]
        for process in processes:
            process.join(timeout=60)
        assert outcomes == ["saved", "saved"]
        assert len(Store.open(path).attempts()) == 2


def test_the_migration_reads_the_version_again_under_the_write_lock(tmp_path):
    # What a second process sees: it read version 0, then the first one migrated.
    path = tmp_path / "a.db"
    first = Store.open(path)
    first.save_attempt({"kind": "quiz"})
    late = Store(first.conn, str(path))
    late._migrate(0)  # must not create the tables again
    assert len(first.attempts()) == 1


def _damage(store: Store, attempt_id: str, **columns: bytes | str) -> None:
    """Write raw values into a row, as a flipped bit on disk leaves them."""
    for column, value in columns.items():
        sql_value = "CAST(? AS TEXT)" if isinstance(value, bytes) else "?"
        store.db.conn.execute(f"UPDATE attempts SET {column} = {sql_value} WHERE id = ?",
                              [value, attempt_id])


def test_a_damaged_row_keeps_what_can_be_read_and_says_what_cannot(store):
    sound = store.save_attempt({"kind": "typing", "score": 41.0, "passed": True,
                                "figures": {"net_wpm": 41.0}})
    damaged = store.save_attempt({"kind": "typing", "score": 33.0, "accuracy": 96.5,
                                  "item_title": "Memo", "passed": True,
                                  "figures": {"net_wpm": 33.0}, "keystrokes": []})
    _damage(store, damaged, figures='{"net_wpm": 3\x13.0}', item_title=b"M\xffmo",
            keystrokes=b"[\xfe]")
    store.db.conn.execute("UPDATE attempts SET duration_s = x'00ff' WHERE id = ?", [damaged])
    rows = {row["id"]: row for row in store.attempts()}
    assert rows[sound]["damaged"] == [] and rows[sound]["figures"] == {"net_wpm": 41.0}
    row = rows[damaged]
    assert row["damaged"] == ["item_title", "duration_s", "figures", "keystrokes"]
    assert (row["item_title"], row["duration_s"], row["figures"], row["keystrokes"]) == (
        None, None, None, None)
    assert (row["score"], row["accuracy"], row["passed"]) == (33.0, 96.5, True)
    assert store.attempt(damaged)["damaged"] == row["damaged"]


def test_a_damaged_setting_reads_as_unset(store):
    store.set_setting("pass_net_wpm", 30)
    store.db.conn.execute("UPDATE settings SET value = '3{' WHERE key = 'pass_net_wpm'")
    assert store.get_setting("pass_net_wpm", 25) == 25


def leave_a_crash_behind(path) -> None:
    """Leave the write-ahead log a killed program leaves beside its database."""
    Path(f"{path}-wal").write_bytes(b"")


def damage_rows(path) -> bytes:
    """Scribble over the pages of the attempts' rows of the closed file at
    ``path`` (not the schema's pages: every page of a new, empty database,
    made alongside); return the damaged bytes."""
    empty = path.with_name("empty-" + path.name)
    Store.open(empty).close()
    schema_pages = len(empty.read_bytes()) // 4096
    data = bytearray(path.read_bytes())
    for offset in range(4096 * schema_pages, len(data), 4096):
        data[offset + 8 : offset + 40] = b"\xff" * 32
    path.write_bytes(bytes(data))
    return bytes(data)


def test_a_cleanly_closed_file_is_not_read_through_on_open_but_check_db_finds_damage(
        tmp_path, capsys):
    path = tmp_path / "results.db"
    store = Store.open(path)
    assert store.checked_on_open is False  # a new file
    for index in range(300):
        store.save_attempt({"kind": "typing", "item_title": "x" * 500, "score": index})
    store.close()
    assert closed_cleanly(path)
    data = damage_rows(path)
    reopened = Store.open(path)  # reads the header and the schema only
    assert reopened.checked_on_open is False
    reopened.close()
    problems = integrity_problems(path)
    assert problems and "On tree page" in problems[0]
    assert main(["check-db", "--db", str(path)]) == 1
    out, err = capsys.readouterr()
    assert "problem" in out and err == ""
    assert path.read_bytes() == data  # checking never writes


def test_after_a_crash_the_file_is_checked_on_open(tmp_path):
    path = tmp_path / "results.db"
    Store.open(path).close()
    leave_a_crash_behind(path)
    store = Store.open(path)
    assert store.checked_on_open is True
    store.close()
    assert Store.open(path).checked_on_open is False


def test_check_db_says_ok_for_a_sound_file_and_2_for_a_missing_one(tmp_path, capsys):
    path = tmp_path / "results.db"
    Store.open(path).close()
    assert main(["check-db", "--db", str(path)]) == 0
    assert "ok" in capsys.readouterr().out
    assert main(["check-db", "--db", str(tmp_path / "none.db")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_a_damage_message_is_one_line(tmp_path):
    path = tmp_path / "damaged.db"
    store = Store.open(path)
    for index in range(300):
        store.save_attempt({"kind": "typing", "item_title": "x" * 500, "score": index})
    store.close()
    # Damage the pages of the attempts' rows only: a damaged schema page is
    # another kind of failure.
    damage_rows(path)
    leave_a_crash_behind(path)
    with pytest.raises(DatabaseError) as raised:
        Store.open(path)
    message = str(raised.value)
    assert len(message.splitlines()) == 1
    assert "failed its integrity check (On tree page" in message
    assert "more problems); it was left untouched" in message
    assert len(message) < 300


@pytest.fixture
def read_only(tmp_path):
    """Make a file or folder unwritable for real: by its permissions, or for
    root (whom permissions do not stop) by a read-only bind mount over itself."""
    mounts = []

    def make_read_only(path):
        if os.geteuid() != 0:
            path.chmod(0o555 if path.is_dir() else 0o444)
            return
        done = subprocess.run(["mount", "--bind", "-o", "ro", str(path), str(path)],
                              capture_output=True)
        if done.returncode != 0:
            pytest.skip("running as root and cannot mount read-only: "
                        f"{done.stderr.decode(errors='replace').strip()}")
        mounts.append(path)

    yield make_read_only
    for path in reversed(mounts):
        subprocess.run(["umount", "--lazy", str(path)], check=True)  # even if a file is open
    for path in [tmp_path, *tmp_path.rglob("*")]:
        path.chmod(0o755)


def _good_database(folder):
    folder.mkdir()
    store = Store.open(folder / "results.db")
    store.save_attempt({"kind": "typing", "score": 30.0})
    store.close()
    return folder / "results.db"


def test_a_good_database_in_a_read_only_folder_is_reported_as_read_only(tmp_path, read_only):
    path = _good_database(tmp_path / "shared")
    read_only(path.parent)
    with pytest.raises(DatabaseError) as raised:
        Store.open(path)
    message = str(raised.value)
    assert "read-only folder" in message
    assert "damaged" not in message and "integrity" not in message


def test_a_good_read_only_database_file_is_reported_as_read_only(tmp_path, read_only):
    path = _good_database(tmp_path / "mine")
    read_only(path)
    with pytest.raises(DatabaseError) as raised:
        Store.open(path)
    message = str(raised.value)
    assert message.startswith(f"{path} is read-only")
    assert "damaged" not in message


def test_a_new_database_in_a_read_only_folder_is_reported_as_read_only(tmp_path, read_only):
    (tmp_path / "empty").mkdir()
    read_only(tmp_path / "empty")
    with pytest.raises(DatabaseError, match="read-only folder"):
        Store.open(tmp_path / "empty" / "new.db")


def test_backup_copies_a_running_database_and_refuses_a_damaged_one(tmp_path, capsys):
    path = tmp_path / "results.db"
    store = Store.open(path)  # still open, as the app would be
    for index in range(300):
        store.save_attempt({"kind": "typing", "item_title": "x" * 500, "score": index})
    copy = tmp_path / "backup.db"
    assert main(["backup", "--db", str(path), str(copy)]) == 0
    assert "backed up" in capsys.readouterr().out
    assert closed_cleanly(copy)  # one self-contained file, no log beside it
    assert len(Store.open(copy).attempts()) == 300
    store.close()
    data = damage_rows(path)
    copy.unlink()
    assert main(["backup", "--db", str(path), str(copy)]) == 2
    assert "is damaged" in capsys.readouterr().err
    assert not copy.exists() and path.read_bytes() == data
    assert main(["backup", "--db", str(path), str(path)]) == 2
    assert "cannot be the database itself" in capsys.readouterr().err
