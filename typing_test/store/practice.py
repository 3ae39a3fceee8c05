"""What the stored typing tests say about one person's keys.

The Progress page and targeted practice ask for the key and bigram
statistics (``core/practice/keystats.py``) of a person's last typing
attempts: typing tests and rounds of targeted practice (kinds ``typing`` and
``targeted``, both a passage and its keystroke log). Only practice attempts
count: HR's screenings are never shown to whoever sits at the PC, and neither
are their figures.

Reading a thousand keystroke logs takes half a second, so each attempt's
counts (``attempt_tally``) are kept in the ``key_tallies`` table the first
time they are worked out, and added up from there afterwards. A tally goes
with its attempt: triggers delete it when the attempt is deleted (an erasure
leaves nothing of the log behind), replaced, or its log or passage changes;
a tally of another ``TALLY_VERSION`` is counted again.
"""

from __future__ import annotations

import json
import math
import sqlite3
import sys
from array import array

from typing_test.core.practice.keystats import (
    DEFAULT_LAST_ATTEMPTS,
    TALLY_VERSION,
    Attempt,
    KeyStats,
    attempt_tally,
    key_stats_from_tallies,
)
from typing_test.store.database import Store

# Attempts whose keystrokes were all recorded: a completed test, or one the
# person stopped (still typed by them). Interrupted attempts have no log.
_PRACTICE_TYPING = ("a.kind IN ('typing', 'targeted') AND a.screening_id IS NULL "
                    "AND a.status IN ('completed', 'abandoned') AND a.keystrokes IS NOT NULL")


def create_key_tally_table(conn: sqlite3.Connection) -> None:
    """Create ``key_tallies`` and the triggers that keep it true to ``attempts``.

    >>> store = Store.open(":memory:")  # the migrations call this
    >>> store.conn.execute("SELECT count(*) FROM key_tallies").fetchone()
    (0,)
    """
    conn.execute("CREATE TABLE IF NOT EXISTS key_tallies (attempt_id TEXT PRIMARY KEY, "
                 "version INTEGER NOT NULL, counts TEXT NOT NULL, timed TEXT NOT NULL, "
                 "gaps BLOB NOT NULL)")
    # An INSERT fires on a replaced attempt too (REPLACE fires no DELETE trigger).
    for name, event, row in (("insert", "INSERT", "new"), ("delete", "DELETE", "old"),
                             ("update", "UPDATE OF keystrokes, details", "old")):
        conn.execute(f"CREATE TRIGGER IF NOT EXISTS key_tallies_after_{name} AFTER {event} "
                     f"ON attempts BEGIN DELETE FROM key_tallies WHERE attempt_id = {row}.id; "
                     "END")


def practice_key_stats(store: Store, candidate: str | None = None,
                       last: int = DEFAULT_LAST_ATTEMPTS) -> KeyStats:
    """The key and bigram statistics of the newest ``last`` practice typing
    tests and targeted rounds (of ``candidate`` when given). An attempt whose
    log or passage cannot be read (a damaged row) is left out.

    >>> store = Store.open(":memory:")
    >>> log = [{"t": 0, "key": "a"}, {"t": 120, "key": "x"}]
    >>> _ = store.save_attempt({"kind": "typing", "candidate": "Ana",
    ...                         "details": {"passage_text": "ab"}, "keystrokes": log})
    >>> stats = practice_key_stats(store, "Ana")
    >>> stats.attempts_used, stats.keys["b"].errors
    (1, 1)
    >>> practice_key_stats(store, "Ben").attempts_used
    0
    """
    if last <= 0:
        return key_stats_from_tallies([])
    where, params = _PRACTICE_TYPING, [TALLY_VERSION]
    if candidate is not None:
        where += " AND a.candidate = ?"
        params.append(candidate)
    rows = store.conn.execute(
        "SELECT a.id, k.counts, k.timed, k.gaps FROM attempts a LEFT JOIN key_tallies k "
        f"ON k.attempt_id = a.id AND k.version = ? WHERE {where} "
        "ORDER BY a.started_at DESC, a.rowid DESC LIMIT ?", [*params, last]).fetchall()
    # A tally not kept yet, or damaged, is counted again from the log.
    kept = {attempt_id: _decode(counts, timed, gaps)
            for attempt_id, counts, timed, gaps in rows if counts is not None}
    kept.update(_count_missing(store, [row[0] for row in rows if kept.get(row[0]) is None]))
    tallies = [kept[row[0]] for row in reversed(rows) if kept.get(row[0]) is not None]
    return key_stats_from_tallies(tallies)


def typing_logs(store: Store, candidate: str | None = None,
                last: int = DEFAULT_LAST_ATTEMPTS) -> list[Attempt]:
    """The ``(passage text, keystroke log)`` of the newest ``last`` practice
    typing tests and targeted rounds (of ``candidate`` when given), oldest
    first, as ``key_stats`` takes them; damaged rows are left out.

    >>> store = Store.open(":memory:")
    >>> _ = store.save_attempt({"kind": "typing", "details": {"passage_text": "ab"},
    ...                         "keystrokes": [{"t": 0, "key": "a"}]})
    >>> typing_logs(store)
    [('ab', [{'t': 0, 'key': 'a'}])]
    """
    if last <= 0:
        return []
    where, params = _PRACTICE_TYPING, []
    if candidate is not None:
        where += " AND a.candidate = ?"
        params.append(candidate)
    rows = store.conn.execute(
        "SELECT a.details, a.keystrokes FROM attempts a "
        f"WHERE {where} ORDER BY a.started_at DESC, a.rowid DESC LIMIT ?",
        [*params, last]).fetchall()
    return [attempt for attempt in map(_readable, reversed(rows)) if attempt is not None]


def keep_key_tallies(store: Store, attempt_ids: list[str]) -> None:
    """Work out and keep the tallies of these attempts now (the app does it as
    it saves a typing test), so that no later read counts their logs again.
    Attempts that are not practice typing attempts with a readable log are
    left alone; a store that cannot be written is left as it is.

    >>> store = Store.open(":memory:")
    >>> attempt_id = store.save_attempt({"kind": "typing", "keystrokes": [],
    ...                                  "details": {"passage_text": "ab"}})
    >>> keep_key_tallies(store, [attempt_id])
    >>> store.conn.execute("SELECT count(*) FROM key_tallies").fetchone()
    (1,)
    """
    _count_missing(store, attempt_ids)


def _count_missing(store: Store, attempt_ids: list[str]) -> dict[str, dict]:
    """Count the attempts that have no tally yet from their logs, and keep
    the tallies (unless the store cannot be written: a reader, a full disk)."""
    counted: dict[str, dict] = {}
    for start in range(0, len(attempt_ids), 500):  # SQLite's limit on ? in one query
        chunk = attempt_ids[start:start + 500]
        rows = store.conn.execute(
            "SELECT a.id, a.details, a.keystrokes FROM attempts a "
            f"WHERE a.id IN ({', '.join('?' * len(chunk))}) AND {_PRACTICE_TYPING}",
            chunk).fetchall()
        for attempt_id, details, keystrokes in rows:
            attempt = _readable((details, keystrokes))
            if attempt is not None:
                counted[attempt_id] = attempt_tally(*attempt)
    if counted:
        try:
            with store.conn:
                store.conn.executemany(
                    "INSERT OR REPLACE INTO key_tallies VALUES (?, ?, ?, ?, ?)",
                    [(attempt_id, TALLY_VERSION, *_encode(tally))
                     for attempt_id, tally in counted.items()])
        except sqlite3.Error:
            pass  # counted again next time: slower, never wrong
    return counted


def _readable(row: tuple) -> Attempt | None:
    """``(passage, log)`` from an attempt's details and keystrokes columns,
    or None when either cannot be read as one."""
    details, keystrokes = row
    try:
        passage = json.loads(details).get("passage_text")
        log = json.loads(keystrokes)
    except (TypeError, ValueError, AttributeError, RecursionError):
        return None
    if not isinstance(passage, str) or not isinstance(log, list):
        return None
    for event in log:
        if not (isinstance(event, dict) and isinstance(event.get("key"), str)
                and isinstance(event.get("t"), int | float)
                and not isinstance(event["t"], bool) and math.isfinite(event["t"])):
            return None
    return passage, log


def _encode(tally: dict) -> tuple[str, str, bytes]:
    """A tally as the three columns it is kept in: the times as 8-byte
    little-endian floats, a tenth of the space of JSON and read back at once."""
    counts = json.dumps([tally["first"], tally["first_typed"], tally["first_errors"],
                         tally["pairs"], tally["pair_errors"]], ensure_ascii=False)
    gaps = array("d", tally["gaps"])
    if sys.byteorder == "big":
        gaps.byteswap()
    return counts, tally["timed"], gaps.tobytes()


def _decode(counts: str, timed: str, gaps: bytes) -> dict | None:
    """The tally kept as ``_encode`` wrote it (None if the row is damaged)."""
    try:
        first, first_typed, first_errors, pairs, pair_errors = json.loads(counts)
        times = array("d", gaps)
    except (TypeError, ValueError):
        return None
    if sys.byteorder == "big":
        times.byteswap()
    if not (isinstance(first, str) and isinstance(first_typed, int)
            and isinstance(first_errors, int) and isinstance(pairs, str)
            and isinstance(pair_errors, str) and len(pairs) % 2 == len(pair_errors) % 2 == 0
            and len(times) * 2 == len(timed)):
        return None
    return {"first": first, "first_typed": first_typed, "first_errors": first_errors,
            "pairs": pairs, "pair_errors": pair_errors, "timed": timed, "gaps": times}
