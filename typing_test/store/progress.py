"""Everything the Progress page shows, read in one go (on a worker thread).

A person's practice typing tests (never HR's screenings): the net WPM and
accuracy of the newest ones, the best, the key statistics of the last
attempts, and the roles' typing bars: the shipped batteries, as HR may have
edited them in this database, and HR's own. Reading writes nothing (the
presets are not copied in, as the admin area does), so a read-only
connection serves.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from typing_test.core.assets import ContentError
from typing_test.core.practice.keystats import DEFAULT_LAST_ATTEMPTS, KeyStats
from typing_test.core.practice.progress import RoleBar, SeriesRow, role_bars
from typing_test.core.screening.batteries import Battery, battery_from_dict, load_presets
from typing_test.store.database import Store
from typing_test.store.practice import practice_key_stats

CHART_TESTS = 60  # tests drawn on the charts


@dataclass(frozen=True)
class ProgressData:
    """What the Progress page shows for one person (or everyone's practice)."""

    series: list[SeriesRow]  # the newest CHART_TESTS completed tests, oldest first
    best: float | None  # the best net WPM of every completed test
    count: int  # how many completed tests there are
    key_stats: KeyStats  # over the last DEFAULT_LAST_ATTEMPTS attempts with a log
    role_bars: list[RoleBar]


def load_progress(store: Store, candidate: str | None) -> ProgressData:
    """Read the Progress page's figures for ``candidate`` (everyone's when None).

    >>> store = Store.open(":memory:")
    >>> data = load_progress(store, None)
    >>> data.count, data.best, [bar.rule for bar in data.role_bars][:1]
    (0, None, ['20 net WPM'])
    """
    best, _, count = store.score_summary("typing", candidate)
    return ProgressData(
        series=store.score_series("typing", candidate, limit=CHART_TESTS),
        best=best,
        count=count,
        key_stats=practice_key_stats(store, candidate, DEFAULT_LAST_ATTEMPTS),
        role_bars=role_bars(known_batteries(store)),
    )


def known_batteries(store: Store) -> list[Battery]:
    """The shipped presets, each replaced by its copy in the database when HR
    edited it there, and HR's other batteries. A definition that no longer
    reads is left out (the admin area reports it)."""
    try:
        batteries = {battery.id: battery for battery in load_presets()}
    except ContentError:
        batteries = {}
    try:
        rows = store.conn.execute("SELECT id, definition FROM batteries").fetchall()
    except sqlite3.Error:  # a file without screening tables
        rows = []
    for battery_id, definition in rows:
        try:
            batteries[battery_id] = battery_from_dict(json.loads(definition))
        except (ValueError, TypeError, RecursionError):
            continue
    return list(batteries.values())
