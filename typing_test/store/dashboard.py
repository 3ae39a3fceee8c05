"""What HR's dashboard reads: screenings listed a page at a time, filtered and
sorted, and everything about one screening for its review.

A page is read with LIMIT and OFFSET and the filter's total is counted
separately, so the table never holds more than what was scrolled to, however
many screenings the database keeps. The listing reads only the screenings,
candidates and incidents tables; a step's answers (keystroke logs, emails,
quiz answers) are read only for the one screening picked.

Times are stored in UTC; a filter's dates are the caller's (aware) datetimes,
so "the 3rd of March" is HR's calendar day, not UTC's.

>>> from typing_test.store.database import Store
>>> store = Store.open(":memory:")
>>> list_screenings(store).total
0
>>> list_screenings(store, ScreeningFilter(outcome="pass"), sort="candidate").rows
[]
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from typing_test.store import screenings as S

if TYPE_CHECKING:
    from typing_test.core.screening.seals import Problem, SealKey, Verification
    from typing_test.store.database import Store

OUTCOMES = ("pass", "fail", "incomplete")
PAGE_SIZE = 50

# The ways a list can be sorted, each ending on the screening's id so that a
# page boundary never falls between two screenings that sort equal.
SORTS = {
    "newest": "s.started_at DESC, s.id DESC",
    "oldest": "s.started_at ASC, s.id ASC",
    "candidate": "c.name_key ASC, s.started_at DESC, s.id DESC",
    # SQLite sorts NULL lowest, so a screening without a weighted score comes last.
    "score": "s.weighted_score DESC, s.started_at DESC, s.id DESC",
}

# Created by schema migration 7. Without them, counting the screenings of
# one battery or outcome over a date range reads every screening's whole row
# (the battery snapshot is a few kilobytes of JSON); with them the count
# reads the first index alone.
DASHBOARD_INDEXES = (
    "CREATE INDEX IF NOT EXISTS screenings_for_dashboard ON screenings "
    "(started_at, battery_id, outcome, status, candidate_id)",
    # The list sorted by score reads this in order instead of sorting them all.
    "CREATE INDEX IF NOT EXISTS screenings_by_score ON screenings "
    "(weighted_score, started_at, id)",
    # The role filter starts from the candidates of that role.
    "CREATE INDEX IF NOT EXISTS candidates_by_role ON candidates (role COLLATE NOCASE)",
)


@dataclass(frozen=True)
class ScreeningFilter:
    """Which screenings to list; an empty field does not filter.

    ``started_from`` (inclusive) and ``started_before`` (exclusive) bound
    when the screening began; ``role`` is the candidate's role (compared
    without regard to case); ``outcome`` one of OUTCOMES; ``status`` one of
    ``screenings.SCREENING_STATUSES``; ``with_incidents`` keeps only the
    screenings with at least one incident (a refused paste, a focus loss, an
    attempt to leave, or any other kind recorded); ``with_flags`` only those
    with a typing step flagged for review (the automation flags the screening
    stored with the step's attempt).
    """

    started_from: datetime | None = None
    started_before: datetime | None = None
    role: str = ""
    battery_id: str = ""
    outcome: str = ""
    status: str = ""
    with_incidents: bool = False
    with_flags: bool = False


@dataclass(frozen=True)
class ScreeningPage:
    """One page of the dashboard's list: ``rows`` in order and ``total``
    screenings matching the filter."""

    rows: list[dict]
    total: int


def _stamp(moment: datetime) -> str:
    """``moment`` as stored: UTC, ISO 8601 to the second (compares as text)."""
    if moment.tzinfo is None:
        raise ValueError("a filter's time needs its time zone (HR's calendar day)")
    return moment.astimezone(UTC).isoformat(timespec="seconds")


# A screening with a typing step flagged for review: the flags are stored in
# the step's attempt's figures (ui/screening/session_window.py), a small JSON
# read ahead of the keystroke log.
_FLAGGED = ("EXISTS (SELECT 1 FROM attempts a WHERE a.screening_id = s.id AND "
            "a.kind = 'typing' AND json_array_length(a.figures, '$.flags') > 0)")


def _where(filters: ScreeningFilter) -> tuple[str, list]:
    """The WHERE clause over ``screenings s`` and its parameters."""
    if filters.outcome and filters.outcome not in OUTCOMES:
        raise ValueError(f"an outcome is one of {', '.join(OUTCOMES)}, not {filters.outcome!r}")
    if filters.status and filters.status not in S.SCREENING_STATUSES:
        raise ValueError(f"a status is one of {', '.join(S.SCREENING_STATUSES)}, "
                         f"not {filters.status!r}")
    conditions: list[str] = []
    params: list = []
    if filters.started_from is not None:
        conditions.append("s.started_at >= ?")
        params.append(_stamp(filters.started_from))
    if filters.started_before is not None:
        conditions.append("s.started_at < ?")
        params.append(_stamp(filters.started_before))
    if filters.battery_id:
        conditions.append("s.battery_id = ?")
        params.append(filters.battery_id)
    if filters.outcome:
        conditions.append("s.outcome = ?")
        params.append(filters.outcome)
    if filters.status:
        conditions.append("s.status = ?")
        params.append(filters.status)
    if filters.with_incidents:
        conditions.append("EXISTS (SELECT 1 FROM incidents i WHERE i.screening_id = s.id)")
    if filters.with_flags:
        conditions.append(_FLAGGED)
    if filters.role.strip():
        conditions.append("s.candidate_id IN "
                          "(SELECT id FROM candidates WHERE role = ? COLLATE NOCASE)")
        params.append(filters.role.strip())
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    return where, params


def create_dashboard_indexes(conn: sqlite3.Connection) -> None:
    """Create the dashboard's indexes (schema migration 7: a few hundred
    milliseconds, once, on a file of tens of thousands of screenings)."""
    for statement in DASHBOARD_INDEXES:
        conn.execute(statement)


def count_screenings(store: Store, filters: ScreeningFilter = ScreeningFilter()) -> int:
    """How many screenings match ``filters``.

    >>> from typing_test.store.database import Store
    >>> count_screenings(Store.open(":memory:"), ScreeningFilter(role="Voice"))
    0
    """
    where, params = _where(filters)
    return store.db.conn.execute(f"SELECT count(*) FROM screenings s {where}",
                                 params).fetchone()[0]


def list_screenings(store: Store, filters: ScreeningFilter = ScreeningFilter(), *,
                    sort: str = "newest", limit: int = PAGE_SIZE,
                    offset: int = 0) -> ScreeningPage:
    """A page of the screenings matching ``filters``, sorted by ``sort`` (a
    key of SORTS), with the total that match.

    Each row holds id, started_at, finished_at, status, outcome,
    weighted_score, candidate_id, candidate_name, role, battery_id,
    battery_name (as it was when the screening began), planned_steps (the
    battery's), steps (recorded), steps_passed and incidents (how many).

    >>> from typing_test.store.database import Store
    >>> list_screenings(Store.open(":memory:"), sort="fastest")
    Traceback (most recent call last):
    ...
    ValueError: a list is sorted by newest, oldest, candidate or score, not 'fastest'
    """
    if sort not in SORTS:
        raise ValueError(f"a list is sorted by {', '.join(list(SORTS)[:-1])} or "
                         f"{list(SORTS)[-1]}, not {sort!r}")
    limit = max(1, min(S.MAX_PAGE, limit))
    offset = max(0, offset)
    where, params = _where(filters)
    conn = store.db.conn
    # The page's ids first (the filter and the order read narrow columns
    # only); then their details, the subqueries run for this page alone.
    ids = [row[0] for row in conn.execute(
        f"SELECT s.id FROM screenings s JOIN candidates c ON c.id = s.candidate_id {where} "
        f"ORDER BY {SORTS[sort]} LIMIT ? OFFSET ?", [*params, limit, offset])]
    return ScreeningPage(_page_rows(conn, ids), count_screenings(store, filters))


def screening_rows(store: Store, ids: list[str]) -> list[dict]:
    """The rows :func:`list_screenings` gives for the screenings ``ids``, in
    that order (an id no longer stored is left out): to read again what a
    list shows.

    >>> from typing_test.store.database import Store
    >>> screening_rows(Store.open(":memory:"), ["gone"])
    []
    """
    rows = []
    for start in range(0, len(ids), S.MAX_PAGE):  # SQLite's limit on parameters
        rows += _page_rows(store.db.conn, ids[start:start + S.MAX_PAGE])
    return rows


def _page_rows(conn: sqlite3.Connection, ids: list[str]) -> list[dict]:
    """The listed columns of the screenings ``ids``, in that order."""
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    rows = S._rows(conn.execute(
        "SELECT s.id, s.started_at, s.finished_at, s.status, s.outcome, s.weighted_score, "
        "s.candidate_id, c.name AS candidate_name, c.role, s.battery_id, "
        "json_extract(s.battery_snapshot, '$.name') AS battery_name, "
        "json_array_length(s.battery_snapshot, '$.steps') AS planned_steps, "
        "(SELECT count(*) FROM screening_steps t WHERE t.screening_id = s.id) AS steps, "
        "(SELECT count(*) FROM screening_steps t WHERE t.screening_id = s.id AND t.passed) "
        "AS steps_passed, "
        "(SELECT count(*) FROM incidents i WHERE i.screening_id = s.id) AS incidents, "
        f"{_FLAGGED} AS flagged, s.unverified "
        f"FROM screenings s JOIN candidates c ON c.id = s.candidate_id WHERE s.id IN ({marks})",
        ids))
    by_id = {row["id"]: row for row in rows}
    return [by_id[screening_id] for screening_id in ids if screening_id in by_id]


def roles(store: Store) -> list[str]:
    """The roles candidates applied for, each once (case aside), in order:
    the choices of the dashboard's role filter.

    >>> from typing_test.store.database import Store
    >>> from typing_test.core.screening.candidates import Candidate
    >>> store = Store.open(":memory:")
    >>> for name, role in (("Ana", "Voice"), ("Bo", "voice"), ("Cy", "Back office")):
    ...     _ = S.add_candidate(store, Candidate(name, email=f"{name}@example.com", role=role))
    >>> roles(store)
    ['Back office', 'Voice']
    """
    return [row[0] for row in store.db.conn.execute(
        "SELECT min(role) FROM candidates WHERE role != '' "
        "GROUP BY role COLLATE NOCASE ORDER BY role COLLATE NOCASE")]


def batteries_screened(store: Store) -> list[tuple[str, str]]:
    """(battery id, name) of every battery HR can pick, and of any battery a
    screening used that has since been deleted (under the name it had then)."""
    known = {row["id"]: row["name"] for row in S.list_batteries(store)}
    conn = store.db.conn
    # DISTINCT reads the dashboard's index, not every screening's row.
    for (battery_id,) in conn.execute("SELECT DISTINCT battery_id FROM screenings").fetchall():
        if battery_id not in known:
            name = conn.execute(
                "SELECT json_extract(battery_snapshot, '$.name') FROM screenings "
                "WHERE battery_id = ? LIMIT 1", [battery_id]).fetchone()[0]
            known[battery_id] = name or battery_id
    return list(known.items())


def screening_detail(store: Store, screening_id: str) -> dict:
    """Everything HR reviews about one screening: the screening as
    ``screenings.screening`` returns it (battery, verdict, steps, incidents),
    its ``candidate`` (the row, or None when deleted), and for each step its
    ``attempt`` (the attempts-table row: answers, keystroke log, figures;
    None when it cannot be found). KeyError for an unknown screening.
    """
    detail = S.screening(store, screening_id)
    try:
        detail["candidate"] = S.get_candidate(store, detail["candidate_id"])
    except KeyError:
        detail["candidate"] = None
    for step in detail["steps"]:
        try:
            step["attempt"] = store.attempt(step["attempt_id"]) if step["attempt_id"] else None
        except KeyError:
            step["attempt"] = None
    return detail


def verify_seals(store: Store, key: SealKey) -> Verification:
    """``ledger.verify_all`` on a connection of its own to the same file, so it
    can run on a worker thread while the page keeps reading on the store's
    connection (a database in memory has only the one connection: it is
    checked on it). The file is not opened with ``Store.open``: that would
    mark a step running in this app's screening window as interrupted."""
    from typing_test.store.database import Store as StoreClass
    from typing_test.store.database import _text_or_damaged
    from typing_test.store.ledger import verify_all

    if store.path == ":memory:":
        return verify_all(store, key)
    conn = sqlite3.connect(store.path, isolation_level=None, check_same_thread=False)
    try:
        conn.text_factory = _text_or_damaged  # read each value as the app and verify do
        return verify_all(StoreClass(conn, store.path), key)
    finally:
        conn.close()



def seal_problem_lines(store: Store, problems: list[Problem]) -> list[tuple[str | None, str]]:
    """Each seal problem as (the id of the screening it touches, or None; a
    line for HR that names the candidate, the day and the battery rather than
    only a row's UUID, which is kept, shortened, to match ``typing-test verify``).

    >>> from typing_test.store.database import Store
    >>> from typing_test.core.screening.seals import Problem
    >>> seal_problem_lines(Store.open(":memory:"), [Problem("missing", "the row is gone",
    ...                                                     "screenings", "1a2b3c4d-0000")])
    [('1a2b3c4d-0000', 'a screening no longer in the database: the row is gone \
[screenings row 1a2b3c4d]')]
    """
    conn = store.db.conn
    lines = []
    for problem in problems:
        screening_id = None
        if problem.table == "screenings":
            screening_id = problem.row_id
        elif problem.table == "screening_steps" and problem.row_id is not None:
            row = conn.execute("SELECT screening_id FROM screening_steps WHERE id = ?",
                               [problem.row_id]).fetchone()
            screening_id = row[0] if row else None
        if screening_id is None:
            lines.append((None, str(problem)))
            continue
        found = conn.execute(
            "SELECT c.name, s.started_at, json_extract(s.battery_snapshot, '$.name') "
            "FROM screenings s LEFT JOIN candidates c ON c.id = s.candidate_id "
            "WHERE s.id = ?", [screening_id]).fetchone()
        if found is None:
            where = "a screening no longer in the database"
        else:
            name, started_at, battery = found
            day = datetime.fromisoformat(started_at).astimezone().strftime("%Y-%m-%d %H:%M")
            where = f"{name or 'a deleted candidate'}'s screening of {day} ({battery})"
            if problem.table == "screening_steps":
                where += ", a step"
        reference = f"{problem.table} row {str(problem.row_id)[:8]}"
        lines.append((screening_id, f"{where}: {problem.message} [{reference}]"))
    return lines
