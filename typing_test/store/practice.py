"""What the stored typing tests say about one person's keys.

The Progress page and targeted practice ask for the key and bigram
statistics (``core/practice/keystats.py``) of a person's last typing
attempts: typing tests and rounds of targeted practice (kinds ``typing`` and
``targeted``, both a passage and its keystroke log). Only practice attempts
count: HR's screenings are never shown to whoever sits at the PC, and
neither are their figures.
"""

from __future__ import annotations

import json

from typing_test.core.practice.keystats import DEFAULT_LAST_ATTEMPTS, Attempt, KeyStats, key_stats
from typing_test.store.database import Store

# Attempts whose keystrokes were all recorded: a completed test, or one the
# person stopped (still typed by them). Interrupted attempts have no log.
_WITH_LOG = "status IN ('completed', 'abandoned') AND keystrokes IS NOT NULL"


def typing_logs(store: Store, candidate: str | None = None,
                last: int = DEFAULT_LAST_ATTEMPTS) -> list[Attempt]:
    """The ``(passage text, keystroke log)`` of the newest ``last`` practice
    typing tests and targeted rounds (of ``candidate`` when given), oldest first, as
    ``key_stats`` takes them. An attempt whose log or passage cannot be
    read (a damaged row) is left out.

    >>> store = Store.open(":memory:")
    >>> _ = store.save_attempt({"kind": "typing", "details": {"passage_text": "ab"},
    ...                         "keystrokes": [{"t": 0, "key": "a"}]})
    >>> typing_logs(store)
    [('ab', [{'t': 0, 'key': 'a'}])]
    """
    if last <= 0:
        return []
    where, params = ["kind IN ('typing', 'targeted')", "screening_id IS NULL", _WITH_LOG], []
    if candidate is not None:
        where.append("candidate = ?")
        params.append(candidate)
    rows = store.conn.execute(
        "SELECT json_extract(details, '$.passage_text'), keystrokes FROM attempts "
        f"WHERE {' AND '.join(where)} AND json_valid(details) "
        "ORDER BY started_at DESC, rowid DESC LIMIT ?", [*params, last]).fetchall()
    attempts = []
    for passage, keystrokes in reversed(rows):
        try:
            log = json.loads(keystrokes)
        except (TypeError, ValueError, RecursionError):
            continue
        if isinstance(passage, str) and isinstance(log, list) and all(
                isinstance(event, dict) and isinstance(event.get("key"), str)
                and isinstance(event.get("t"), int | float) for event in log):
            attempts.append((passage, log))
    return attempts


def practice_key_stats(store: Store, candidate: str | None = None,
                       last: int = DEFAULT_LAST_ATTEMPTS) -> KeyStats:
    """The key and bigram statistics of the newest ``last`` practice typing
    attempts (of ``candidate`` when given).

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
    return key_stats(typing_logs(store, candidate, last), last=last)
