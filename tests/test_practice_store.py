"""The key statistics of stored attempts, and the tallies kept for them
(store/practice.py)."""

from __future__ import annotations

import random

from test_keystats import random_log

from typing_test.core.practice.keystats import key_stats
from typing_test.store.database import Store
from typing_test.store.practice import practice_key_stats, typing_logs

PASSAGE = "Please check the invoice number before you send the reply. " * 6


def save_typing(store: Store, log: list[dict], *, candidate: str = "Ana", kind: str = "typing",
                started_at: str = "2026-05-01T09:00:00+00:00", **extra) -> str:
    return store.save_attempt({"kind": kind, "candidate": candidate, "started_at": started_at,
                               "details": {"passage_text": PASSAGE}, "keystrokes": log,
                               **extra})


def kept_tallies(store: Store) -> int:
    return store.conn.execute("SELECT count(*) FROM key_tallies").fetchone()[0]


def test_the_kept_tallies_give_the_figures_of_the_logs(store):
    rng = random.Random(3)
    for minute in range(12):
        save_typing(store, random_log(rng, PASSAGE), kind=("typing", "targeted")[minute % 2],
                    started_at=f"2026-05-01T09:{minute:02d}:00+00:00")
    from_logs = key_stats(typing_logs(store, "Ana", last=10), last=10)
    first = practice_key_stats(store, "Ana", last=10)
    assert kept_tallies(store) == 10  # worked out once, kept
    assert first == from_logs == practice_key_stats(store, "Ana", last=10)
    assert first.attempts_used == 10 and first.keys["e"].attempts > 50


def test_only_practice_attempts_of_the_person_count(store):
    log = [{"t": 0, "key": "x"}]
    save_typing(store, log)
    save_typing(store, log, candidate="Ben")
    save_typing(store, log, status="interrupted")
    save_typing(store, log, kind="quiz")
    screening = store.save_attempt({"kind": "typing", "candidate": "Ana", "keystrokes": log,
                                    "details": {"passage_text": PASSAGE}})
    store.conn.execute("UPDATE attempts SET screening_id = 's1' WHERE id = ?", [screening])
    stats = practice_key_stats(store, "Ana")
    assert stats.attempts_used == 1 and stats.keys["p"].errors == 1


def test_a_tally_goes_with_its_attempt(store):
    attempt_id = save_typing(store, [{"t": 0, "key": "x"}])
    assert practice_key_stats(store, "Ana").keys["p"].errors == 1
    assert kept_tallies(store) == 1
    # The log is put right (replaced with the same id): the old tally goes.
    save_typing(store, [{"t": 0, "key": "P"}], id=attempt_id)
    assert kept_tallies(store) == 0
    assert practice_key_stats(store, "Ana").keys["p"].errors == 0
    store.conn.execute("UPDATE attempts SET details = ? WHERE id = ?",
                       ['{"passage_text": "x"}', attempt_id])
    assert kept_tallies(store) == 0
    practice_key_stats(store, "Ana")
    store.delete_attempt(attempt_id)
    assert kept_tallies(store) == 0  # deleting an attempt leaves nothing of its log


def test_a_damaged_tally_is_counted_again_and_a_damaged_log_left_out(store):
    save_typing(store, [{"t": 0, "key": "x"}], started_at="2026-05-01T09:00:00+00:00")
    save_typing(store, [{"t": 0, "key": "P"}], started_at="2026-05-01T09:01:00+00:00")
    broken = save_typing(store, [{"t": 0, "key": "P"}], started_at="2026-05-01T09:02:00+00:00")
    store.conn.execute("UPDATE attempts SET keystrokes = '[{\"t\": NaN, \"key\": \"P\"}]' "
                       "WHERE id = ?", [broken])
    expected = practice_key_stats(store, "Ana")
    assert expected.attempts_used == 2 and expected.keys["p"].errors == 1
    store.conn.execute("UPDATE key_tallies SET counts = '[1, 2', gaps = x'00'")
    assert practice_key_stats(store, "Ana") == expected


def test_a_read_only_store_counts_without_keeping(tmp_path):
    store = Store.open(tmp_path / "r.db")
    save_typing(store, [{"t": 0, "key": "x"}])
    reader = store.reader()
    assert practice_key_stats(reader, "Ana").keys["p"].errors == 1
    assert kept_tallies(store) == 0
    reader.conn.close()
    store.close()
