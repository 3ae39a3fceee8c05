"""HR screenings in the database: candidates, batteries, screenings, their steps,
incidents, and the record of every deletion of personal data.

The tables (created by :func:`create_screening_tables`, schema migration 3):

- ``candidates``: one row per person, identified by a UUID, never by name;
  ``candidate_keys`` holds the words a search finds them by (indexed).
- ``batteries``: the role batteries as JSON; the shipped presets are copied in
  on first use (``preset`` = 1) and are editable and copyable like any other.
- ``screenings``: one candidate taking one battery. ``battery_snapshot`` is
  the battery as it was when the screening began, so editing a battery never
  changes a past verdict.
- ``screening_steps``: one row per finished step, written in the same
  transaction as the step's attempt, as the step ends: a crash or power cut
  never loses a finished step. ``figures`` holds the verdict and the SHA-256
  of the attempt row (``attempt_digest``), so sealing a step row protects
  the answers too.
- ``incidents``: refused pastes, focus losses, attempts to leave, with when
  (``t``: milliseconds from the start of the step) and how long.
- ``deletions``: who deleted how many rows of what, and when: a candidate's
  data on request, or a retention purge. It names the candidate by UUID
  only, and lists the ids of the removed step rows for the seal ledger.

Each attempt of a screening carries its ``screening_id`` (a column the
migration adds to ``attempts``) and the candidate's UUID as ``candidate``;
``Store.delete_attempt`` refuses it and ``Store.attempts`` leaves it out.

Functions that write take a ``sealer`` (``ledger.sealer_for(store, key)``):
called as ``sealer(conn, table, row)`` inside the same transaction after each
row of ``screening_steps``, a finished ``screenings`` row or a ``deletions``
row is written, so a seal is never missing for a stored row. Deleting
personal data also needs its ``erase(conn, table, ids)``: the sealed rows
deleted are recorded as an erasure in the seal chain, in the deletion's
transaction, so ``verify`` still holds afterwards and counts them.

>>> from typing_test.store.database import Store
>>> from typing_test.core.screening.candidates import Candidate
>>> store = Store.open(":memory:")
>>> ana = add_candidate(store, Candidate("Ana Cruz", email="ana@example.com"))
>>> [row["name"] for row in search_candidates(store, "cru").rows]
['Ana Cruz']
"""

from __future__ import annotations

import calendar
import hashlib
import json
import re
import sqlite3
import unicodedata
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol

import sqlite_utils

from typing_test.core.screening.batteries import (
    Battery,
    BatteryError,
    BatteryOutcome,
    Catalogue,
    StepResult,
    StepVerdict,
    battery_from_dict,
    battery_to_dict,
    content_problems,
    copy_battery,
    evaluate_battery,
    evaluate_step,
    load_presets,
)
from typing_test.core.screening.candidates import (
    FIELDS,
    Candidate,
    KnownContact,
    check_candidate,
    email_key,
    phone_key,
)
from typing_test.core.screening.retakes import PreviousScreening, RetakeDecision, may_take

if TYPE_CHECKING:
    from typing_test.store.database import Store

Sealer = Callable[[sqlite3.Connection, str, dict], None]


class ErasingSealer(Protocol):
    """A sealer that also records deletions of sealed rows (``ledger.LedgerSealer``)."""

    def __call__(self, conn: sqlite3.Connection, table: str, row: dict) -> None: ...

    def erase(self, conn: sqlite3.Connection, table: str, row_ids: list[str]) -> int: ...


SCREENING_STATUSES = ("in_progress", "completed", "interrupted", "abandoned")
FINISHED_STATUSES = ("completed", "interrupted", "abandoned")
PRESETS_COPIED = "screening_presets_copied"  # the settings key: preset ids copied in
MAX_PAGE = 500
_INCIDENT_KIND = re.compile(r"[a-z][a-z0-9_-]{0,39}")


class ScreeningError(ValueError):
    """A screening action that cannot be done; the message says why, in one line."""


class DuplicateCandidateError(ScreeningError):
    """Another candidate has the same email or phone. ``existing_id`` is theirs."""

    def __init__(self, message: str, existing_id: str):
        super().__init__(message)
        self.existing_id = existing_id


class RetakeRefusedError(ScreeningError):
    """The battery's retake rule refuses the screening; ``decision`` says why."""

    def __init__(self, decision: RetakeDecision):
        super().__init__(decision.reason)
        self.decision = decision


# The screening tables (schema migration 3).
_SCHEMA = """
    CREATE TABLE candidates (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        email TEXT NOT NULL DEFAULT '',
        phone TEXT NOT NULL DEFAULT '',
        hr_reference TEXT NOT NULL DEFAULT '',
        role TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        name_key TEXT NOT NULL,
        email_key TEXT NOT NULL DEFAULT '',
        phone_key TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX candidates_by_name ON candidates (name_key, id);
    CREATE INDEX candidates_by_email ON candidates (email_key);
    CREATE INDEX candidates_by_phone ON candidates (phone_key);
    CREATE INDEX candidates_by_created ON candidates (created_at);

    CREATE TABLE candidate_keys (
        key TEXT NOT NULL,
        candidate_id TEXT NOT NULL REFERENCES candidates (id)
    );
    CREATE INDEX candidate_keys_by_key ON candidate_keys (key, candidate_id);
    CREATE INDEX candidate_keys_by_candidate ON candidate_keys (candidate_id);

    CREATE TABLE batteries (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        definition TEXT NOT NULL,
        preset INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );

    CREATE TABLE screenings (
        id TEXT PRIMARY KEY,
        candidate_id TEXT NOT NULL REFERENCES candidates (id),
        battery_id TEXT NOT NULL,
        battery_snapshot TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL DEFAULT 'in_progress',
        outcome TEXT,
        weighted_score REAL,
        verdict TEXT,
        override_reason TEXT
    );
    CREATE INDEX screenings_by_candidate ON screenings (candidate_id, battery_id, started_at);
    CREATE INDEX screenings_by_start ON screenings (started_at);
    CREATE INDEX screenings_by_status ON screenings (status);

    CREATE TABLE screening_steps (
        id TEXT PRIMARY KEY,
        screening_id TEXT NOT NULL REFERENCES screenings (id),
        position INTEGER NOT NULL,
        kind TEXT NOT NULL,
        attempt_id TEXT REFERENCES attempts (id),
        figures TEXT NOT NULL,
        passed INTEGER NOT NULL,
        finished_at TEXT NOT NULL,
        UNIQUE (screening_id, position)
    );

    CREATE TABLE incidents (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        screening_id TEXT NOT NULL REFERENCES screenings (id),
        step_position INTEGER,
        t INTEGER,
        kind TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '',
        duration_ms INTEGER,
        recorded_at TEXT NOT NULL
    );
    CREATE INDEX incidents_by_screening ON incidents (screening_id, step_position);

    CREATE TABLE deletions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        who TEXT NOT NULL,
        at TEXT NOT NULL,
        what TEXT NOT NULL,
        detail TEXT NOT NULL,
        rows TEXT NOT NULL,
        total_rows INTEGER NOT NULL,
        step_ids TEXT NOT NULL
    );

    ALTER TABLE attempts ADD COLUMN screening_id TEXT;
    CREATE INDEX attempts_by_screening ON attempts (screening_id)
        WHERE screening_id IS NOT NULL;
"""


def create_screening_tables(db: sqlite_utils.Database) -> None:
    """Create the screening tables and indexes (schema migration 3)."""
    # One statement at a time, not executescript: that would commit the
    # migration's transaction first, letting a second process in half-way.
    for statement in _SCHEMA.split(";"):
        if statement.strip():
            db.conn.execute(statement)


@contextmanager
def _writing(store: Store) -> Iterator[sqlite3.Connection]:
    """One write transaction: committed when the block ends, rolled back on an error."""
    conn = store.db.conn
    with conn:
        conn.execute("BEGIN IMMEDIATE")
        yield conn


def _now(now: datetime | None) -> str:
    return (now or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")


def _rows(cursor: sqlite3.Cursor) -> list[dict]:
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


# ---------------------------------------------------------------------------
# Candidates


def fold(text: str) -> str:
    """Text as searched: accents dropped, case folded (``"Zoë"`` finds ``"zoe"``).

    >>> fold("Ångström ÉLODIE")
    'angstrom elodie'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", stripped).casefold()


def _search_keys(candidate: Candidate) -> set[str]:
    """The words a candidate is found by: each word of the name (with and
    without its hyphens and apostrophes, and each part between them), the email and its domain, the
    phone's digits and the HR reference."""
    keys = set()
    for word in fold(candidate.name).split():
        keys.add(word)
        # O'Brien-Smith is found by "o'brien", "obrien", "brien" and "smith".
        keys.add(re.sub(r"[-'’.]", "", word))
        keys.update(part for part in re.split(r"[-'’.]", word) if part)
    if candidate.email:
        address = email_key(candidate.email)
        keys.add(address)
        keys.add(address.rsplit("@", 1)[-1])
    if candidate.phone:
        keys.add(phone_key(candidate.phone))
    if candidate.hr_reference:
        keys.add(fold(candidate.hr_reference))
    return keys


def _query_words(query: str) -> list[str]:
    """The words of a search: a phone number typed with spaces is one word.

    >>> _query_words("+63 917 555"), _query_words("Ana  CRUZ")
    (['63917555'], ['ana', 'cruz'])
    """
    query = query.strip()
    if re.fullmatch(r"\+?[0-9 ()./-]+", query) and sum(c.isdigit() for c in query) >= 3:
        return [phone_key(query)]
    return fold(query).split()


def _checked(candidate: Candidate) -> Candidate:
    checked, problems = check_candidate(candidate.as_json())
    if checked is None:
        raise ScreeningError("; ".join(problems))
    return checked


def _duplicate_of(conn: sqlite3.Connection, candidate: Candidate,
                  except_id: str | None = None) -> tuple[str, str] | None:
    """(id, message) of another candidate with the same email or phone."""
    for column, key, what in (("email_key", email_key(candidate.email), "email"),
                              ("phone_key", phone_key(candidate.phone), "phone")):
        if not key:
            continue
        row = conn.execute(
            f"SELECT id, name FROM candidates WHERE {column} = ? AND id != ? LIMIT 1",
            [key, except_id or ""],
        ).fetchone()
        if row is not None:
            return row[0], f"{row[1]} already has this {what}"
    return None


def _write_candidate(conn: sqlite3.Connection, candidate_id: str, candidate: Candidate,
                     stamp: str, new: bool) -> None:
    values = candidate.as_json() | {
        "name_key": fold(candidate.name),
        "email_key": email_key(candidate.email),
        "phone_key": phone_key(candidate.phone),
    }
    if new:
        columns = ", ".join(values)
        conn.execute(
            f"INSERT INTO candidates (id, {columns}, created_at, updated_at) "
            f"VALUES (?, {', '.join('?' for _ in values)}, ?, ?)",
            [candidate_id, *values.values(), stamp, stamp],
        )
    else:
        assignments = ", ".join(f"{column} = ?" for column in values)
        cursor = conn.execute(
            f"UPDATE candidates SET {assignments}, updated_at = ? WHERE id = ?",
            [*values.values(), stamp, candidate_id],
        )
        if cursor.rowcount == 0:
            raise KeyError(candidate_id)
        conn.execute("DELETE FROM candidate_keys WHERE candidate_id = ?", [candidate_id])
    conn.executemany("INSERT INTO candidate_keys (key, candidate_id) VALUES (?, ?)",
                     [(key, candidate_id) for key in sorted(_search_keys(candidate))])


def add_candidate(store: Store, candidate: Candidate, *, allow_duplicate: bool = False,
                  now: datetime | None = None) -> str:
    """Store a new candidate and return their UUID.

    Raises ScreeningError for invalid details and DuplicateCandidateError when
    another candidate has the same email or phone (unless ``allow_duplicate``:
    two people may share a family phone).

    >>> from typing_test.store.database import Store
    >>> store = Store.open(":memory:")
    >>> _ = add_candidate(store, Candidate("Ana Cruz", phone="0917 555 0101"))
    >>> add_candidate(store, Candidate("Ana C.", phone="09175550101"))
    Traceback (most recent call last):
    ...
    typing_test.store.screenings.DuplicateCandidateError: Ana Cruz already has this phone
    """
    candidate = _checked(candidate)
    candidate_id = str(uuid.uuid4())
    with _writing(store) as conn:
        duplicate = None if allow_duplicate else _duplicate_of(conn, candidate)
        if duplicate is not None:
            raise DuplicateCandidateError(duplicate[1], duplicate[0])
        _write_candidate(conn, candidate_id, candidate, _now(now), new=True)
    return candidate_id


def update_candidate(store: Store, candidate_id: str, candidate: Candidate, *,
                     allow_duplicate: bool = False, now: datetime | None = None) -> None:
    """Replace a candidate's details. KeyError for an unknown id; ScreeningError
    and DuplicateCandidateError as for :func:`add_candidate`."""
    candidate = _checked(candidate)
    with _writing(store) as conn:
        duplicate = None if allow_duplicate else _duplicate_of(conn, candidate, candidate_id)
        if duplicate is not None:
            raise DuplicateCandidateError(duplicate[1], duplicate[0])
        _write_candidate(conn, candidate_id, candidate, _now(now), new=False)


def import_candidates(store: Store, candidates: Iterable[Candidate], *,
                      now: datetime | None = None) -> list[str]:
    """Store the candidates of an import preview in one transaction; their UUIDs.

    The preview already refused duplicates; a candidate added since then with
    the same email or phone makes the whole import fail, storing nothing.
    """
    stamp = _now(now)
    ids = []
    with _writing(store) as conn:
        for candidate in candidates:
            candidate = _checked(candidate)
            duplicate = _duplicate_of(conn, candidate)
            if duplicate is not None:
                raise DuplicateCandidateError(
                    f"{candidate.name}: {duplicate[1]}; nothing was imported", duplicate[0])
            candidate_id = str(uuid.uuid4())
            _write_candidate(conn, candidate_id, candidate, stamp, new=True)
            ids.append(candidate_id)
    return ids


_CANDIDATE_COLUMNS = ("id", *FIELDS, "created_at", "updated_at")


def get_candidate(store: Store, candidate_id: str) -> dict:
    """A candidate's row (id, the fields, created_at, updated_at); KeyError if none."""
    cursor = store.db.conn.execute(
        f"SELECT {', '.join(_CANDIDATE_COLUMNS)} FROM candidates WHERE id = ?", [candidate_id]
    )
    rows = _rows(cursor)
    if not rows:
        raise KeyError(candidate_id)
    return rows[0]


@dataclass(frozen=True)
class CandidatePage:
    """One page of a candidate search: ``rows`` ordered by name, and ``total``
    matching candidates."""

    rows: list[dict]
    total: int


def search_candidates(store: Store, query: str = "", *, limit: int = 50,
                      offset: int = 0) -> CandidatePage:
    """Candidates whose name, email, phone or HR reference has words starting
    with every word of ``query`` (accents and case ignored), a page at a time.

    An empty query lists everyone. Each word is looked up in an index, so a
    search stays quick however many candidates there are.

    >>> from typing_test.store.database import Store
    >>> store = Store.open(":memory:")
    >>> _ = add_candidate(store, Candidate("Zoë O'Brien", email="zoe@example.org",
    ...                                    hr_reference="HR-2026-114"))
    >>> [search_candidates(store, q).total for q in ("zoe", "brien", "hr-2026", "example.org")]
    [1, 1, 1, 1]
    """
    limit = max(1, min(MAX_PAGE, limit))
    offset = max(0, offset)
    conditions, params = [], []
    for word in _query_words(query):
        conditions.append(
            "id IN (SELECT candidate_id FROM candidate_keys WHERE key >= ? AND key < ?)"
        )
        params += [word, word + "\U0010ffff"]
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    conn = store.db.conn
    total = conn.execute(f"SELECT count(*) FROM candidates {where}", params).fetchone()[0]
    rows = _rows(conn.execute(
        f"SELECT {', '.join(_CANDIDATE_COLUMNS)} FROM candidates {where} "
        "ORDER BY name_key, id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ))
    return CandidatePage(rows, total)


def known_contacts(store: Store) -> list[KnownContact]:
    """Every candidate's contact keys, for the CSV import's duplicate check."""
    return [
        KnownContact(*row)
        for row in store.db.conn.execute(
            "SELECT id, name, email_key, phone_key FROM candidates"
        )
    ]


# ---------------------------------------------------------------------------
# Batteries


def ensure_presets(store: Store, now: datetime | None = None) -> None:
    """Copy in the shipped presets not copied before (a preset HR deleted stays deleted)."""
    copied = set(store.get_setting(PRESETS_COPIED, []) or [])
    missing = [battery for battery in load_presets() if battery.id not in copied]
    if not missing:
        return
    stamp = _now(now)
    with _writing(store) as conn:
        for battery in missing:
            conn.execute(
                "INSERT OR IGNORE INTO batteries (id, name, definition, preset, created_at, "
                "updated_at) VALUES (?, ?, ?, 1, ?, ?)",
                [battery.id, battery.name, json.dumps(battery_to_dict(battery)), stamp, stamp],
            )
        conn.execute(
            "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
            [PRESETS_COPIED, json.dumps(sorted(copied | {b.id for b in missing}))],
        )


def list_batteries(store: Store) -> list[dict]:
    """Every battery: ``id``, ``name``, ``preset`` (bool) and ``battery``
    (a Battery, None when its stored definition no longer reads, with the
    reason in ``problem``), presets first, then by name."""
    ensure_presets(store)
    rows = _rows(store.db.conn.execute(
        "SELECT id, name, preset, definition FROM batteries ORDER BY preset DESC, name, id"
    ))
    listed = []
    for row in rows:
        battery, problem = None, ""
        try:
            battery = battery_from_dict(json.loads(row["definition"]))
        except (ValueError, TypeError) as error:
            problem = str(error)
        listed.append({"id": row["id"], "name": row["name"], "preset": bool(row["preset"]),
                       "battery": battery, "problem": problem})
    return listed


def get_battery(store: Store, battery_id: str) -> Battery:
    """The battery with ``battery_id``; KeyError when there is none."""
    ensure_presets(store)
    row = store.db.conn.execute(
        "SELECT definition FROM batteries WHERE id = ?", [battery_id]
    ).fetchone()
    if row is None:
        raise KeyError(battery_id)
    return battery_from_dict(json.loads(row[0]))


def save_battery(store: Store, battery: Battery, now: datetime | None = None,
                 catalogue: Catalogue | None = None) -> None:
    """Store a new battery or HR's edit of one (a preset stays marked as one).

    The definition is checked by reading it back first, so a broken edit is
    refused (BatteryError naming the field) and nothing is stored. With a
    ``catalogue`` (``load_catalogue(...)``), a battery asking for a drill,
    passage or quiz topic that does not exist is refused too.
    """
    definition = battery_to_dict(battery)
    battery_from_dict(definition)
    if catalogue is not None:
        problems = content_problems(battery, catalogue)
        if problems:
            raise BatteryError(problems)
    stamp = _now(now)
    with _writing(store) as conn:
        conn.execute(
            "INSERT INTO batteries (id, name, definition, preset, created_at, updated_at) "
            "VALUES (?, ?, ?, 0, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
            "definition = excluded.definition, updated_at = excluded.updated_at",
            [battery.id, battery.name, json.dumps(definition), stamp, stamp],
        )


def copy_stored_battery(store: Store, battery_id: str, name: str | None = None) -> str:
    """Store a copy of a battery under a new UUID (named "Copy of ..." by
    default) and return the new id."""
    new_id = str(uuid.uuid4())
    save_battery(store, copy_battery(get_battery(store, battery_id), new_id, name))
    return new_id


def delete_battery(store: Store, battery_id: str) -> None:
    """Delete a battery no screening used; ScreeningError when one did (its
    screenings keep their own copy, but the battery stays to be listed)."""
    with _writing(store) as conn:
        used = conn.execute("SELECT count(*) FROM screenings WHERE battery_id = ?",
                            [battery_id]).fetchone()[0]
        if used:
            raise ScreeningError(f"{used} screening{'s' if used > 1 else ''} used this battery; "
                                 "copy it and edit the copy instead")
        conn.execute("DELETE FROM batteries WHERE id = ?", [battery_id])


# ---------------------------------------------------------------------------
# Screenings


def previous_screenings(store: Store, candidate_id: str,
                        battery_id: str) -> list[PreviousScreening]:
    """A candidate's screenings on a battery, for the retake rule, their
    start in the PC's time zone (the retake rule counts HR's calendar days)."""
    return [
        PreviousScreening(datetime.fromisoformat(started_at).astimezone(), status)
        for started_at, status in store.db.conn.execute(
            "SELECT started_at, status FROM screenings WHERE candidate_id = ? AND battery_id = ? "
            "ORDER BY started_at", [candidate_id, battery_id])
    ]


def begin_screening(store: Store, candidate_id: str, battery_id: str, *,
                    override_reason: str | None = None, now: datetime | None = None) -> str:
    """Start a screening of a candidate on a battery; return its UUID.

    The battery's retake rule is applied here, under the write lock:
    RetakeRefusedError when it refuses and no ``override_reason`` is given
    (ValueError for a blank reason). The screening keeps a copy of the
    battery and the override reason. KeyError for an unknown candidate or battery.
    """
    moment = now or datetime.now(UTC)
    battery = get_battery(store, battery_id)
    get_candidate(store, candidate_id)
    screening_id = str(uuid.uuid4())
    with _writing(store) as conn:
        decision = may_take(battery.retake, previous_screenings(store, candidate_id, battery_id),
                            moment.astimezone(), override_reason)
        if not decision.allowed:
            raise RetakeRefusedError(decision)
        conn.execute(
            "INSERT INTO screenings (id, candidate_id, battery_id, battery_snapshot, started_at, "
            "status, override_reason) VALUES (?, ?, ?, ?, ?, 'in_progress', ?)",
            [screening_id, candidate_id, battery_id, json.dumps(battery_to_dict(battery)),
             _now(moment), decision.reason if decision.overridden else None],
        )
    return screening_id


def screening(store: Store, screening_id: str) -> dict:
    """A screening row with its ``battery`` (the snapshot, as a Battery),
    ``verdict`` decoded, ``steps`` and ``incidents``; KeyError if none."""
    rows = _rows(store.db.conn.execute("SELECT * FROM screenings WHERE id = ?",
                                       [screening_id]))
    if not rows:
        raise KeyError(screening_id)
    row = rows[0]
    row["battery"] = battery_from_dict(json.loads(row.pop("battery_snapshot")))
    row["verdict"] = json.loads(row["verdict"]) if row["verdict"] else None
    row["steps"] = screening_steps(store, screening_id)
    row["incidents"] = incidents(store, screening_id)
    return row


def screening_steps(store: Store, screening_id: str) -> list[dict]:
    """The finished steps of a screening in order, ``figures`` decoded and
    ``passed`` a bool."""
    rows = _rows(store.db.conn.execute(
        "SELECT * FROM screening_steps WHERE screening_id = ? ORDER BY position",
        [screening_id]))
    for row in rows:
        row["figures"] = json.loads(row["figures"])
        row["passed"] = bool(row["passed"])
    return rows


def incidents(store: Store, screening_id: str) -> list[dict]:
    """The incidents of a screening in the order recorded."""
    return _rows(store.db.conn.execute(
        "SELECT step_position, t, kind, detail, duration_ms, recorded_at FROM incidents "
        "WHERE screening_id = ? ORDER BY id", [screening_id]))


def candidate_screenings(store: Store, candidate_id: str) -> list[dict]:
    """A candidate's screenings, newest first: id, battery_id, the battery's
    name then, started_at, finished_at, status, outcome, weighted_score."""
    rows = _rows(store.db.conn.execute(
        "SELECT id, battery_id, battery_snapshot, started_at, finished_at, status, outcome, "
        "weighted_score, override_reason FROM screenings WHERE candidate_id = ? "
        "ORDER BY started_at DESC, id", [candidate_id]))
    for row in rows:
        row["battery_name"] = json.loads(row.pop("battery_snapshot")).get("name", "")
    return rows


def _in_progress(conn: sqlite3.Connection, screening_id: str) -> tuple[Battery, str, int]:
    """(battery snapshot, candidate id, steps recorded) of an unfinished screening."""
    row = conn.execute(
        "SELECT battery_snapshot, candidate_id, status FROM screenings WHERE id = ?",
        [screening_id]).fetchone()
    if row is None:
        raise KeyError(screening_id)
    if row[2] != "in_progress":
        raise ScreeningError(f"the screening is {row[2].replace('_', ' ')}, not in progress")
    recorded = conn.execute("SELECT count(*) FROM screening_steps WHERE screening_id = ?",
                            [screening_id]).fetchone()[0]
    return battery_from_dict(json.loads(row[0])), row[1], recorded


def _step_attempt(attempt: dict, screening_id: str, candidate_id: str) -> dict:
    return {**attempt, "screening_id": screening_id, "candidate": candidate_id}


def begin_step(store: Store, screening_id: str, position: int, attempt: dict) -> str:
    """Store the attempt of a step that has just started, as in progress, and
    return its id (pass that ``id`` in the attempt given to :func:`record_step`).

    If the app dies during the step, the next ``Store.open`` marks this
    attempt interrupted, and the screening is found by
    :func:`unfinished_screenings`.
    """
    from typing_test.store.database import attempt_row

    with _writing(store) as conn:
        battery, candidate_id, recorded = _in_progress(conn, screening_id)
        _check_position(battery, position, recorded, attempt.get("kind"))
        row = attempt_row({**_step_attempt(attempt, screening_id, candidate_id),
                           "status": "in-progress", "passed": False})
        store.db["attempts"].insert(row, replace=True)
    return row["id"]


def _check_position(battery: Battery, position: int, recorded: int, kind: object) -> None:
    if position != recorded:
        raise ScreeningError(f"step {position + 1} cannot be recorded: the next step of this "
                             f"screening is step {recorded + 1} (no going back, no skipping)")
    if position >= len(battery.steps):
        raise ScreeningError(f"the battery has {len(battery.steps)} steps, all recorded")
    if kind != battery.steps[position].kind:
        raise ScreeningError(f"step {position + 1} is a {battery.steps[position].kind} step, "
                             f"not {kind}")


def attempt_digest(attempt: dict) -> str:
    """The SHA-256 of an attempt row as ``Store.attempt`` returns it: the
    answers, keystrokes and figures of a step, in one value a seal can cover.

    >>> attempt_digest({"kind": "quiz", "score": 80.0, "damaged": []}) == attempt_digest(
    ...     {"score": 80.0, "kind": "quiz"})
    True
    """
    content = {key: value for key, value in attempt.items() if key != "damaged"}
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def record_step(store: Store, screening_id: str, position: int, attempt: dict, *,
                sealer: Sealer | None = None, now: datetime | None = None) -> StepVerdict:
    """Store a finished step: its attempt and its ``screening_steps`` row, in one
    transaction; return the step's verdict.

    ``attempt`` is the attempts-table row the practice code builds
    (``typing_attempt``, ``quiz_attempt``...), with the ``id`` from
    :func:`begin_step` if the step was begun. Its ``status`` is "completed",
    or "abandoned" when HR ended the step early. The verdict is the battery
    snapshot's pass rule for the step, applied to the attempt's ``score`` and
    ``accuracy``; it also sets the attempt's ``passed``. Steps are recorded in
    order: ScreeningError for any other position or a step of another kind.
    """
    from typing_test.store.database import _decode, attempt_row

    stamp = _now(now)
    with _writing(store) as conn:
        battery, candidate_id, recorded = _in_progress(conn, screening_id)
        _check_position(battery, position, recorded, attempt.get("kind"))
        step = battery.steps[position]
        status = attempt.get("status", "completed")
        result = StepResult(status, attempt.get("score"), attempt.get("accuracy"))
        verdict = evaluate_step(step, result, position)
        row = attempt_row({"finished_at": stamp,
                           **_step_attempt(attempt, screening_id, candidate_id),
                           "status": status, "passed": verdict.passed})
        store.db["attempts"].insert(row, replace=True)
        stored = _decode(dict(store.db["attempts"].get(row["id"])))
        figures = {
            **verdict.as_json(),
            "status": status,
            "score": attempt.get("score"),
            "accuracy": attempt.get("accuracy"),
            "duration_s": attempt.get("duration_s"),
            "item_id": attempt.get("item_id"),
            "item_title": attempt.get("item_title"),
            "attempt_digest": attempt_digest(stored),
        }
        step_row = {
            "id": str(uuid.uuid4()),
            "screening_id": screening_id,
            "position": position,
            "kind": step.kind,
            "attempt_id": row["id"],
            "figures": json.dumps(figures, sort_keys=True, ensure_ascii=False),
            "passed": int(verdict.passed),
            "finished_at": stamp,
        }
        conn.execute(
            f"INSERT INTO screening_steps ({', '.join(step_row)}) "
            f"VALUES ({', '.join('?' for _ in step_row)})", list(step_row.values()))
        if sealer is not None:
            sealer(conn, "screening_steps", step_row)
    return verdict


def record_incident(store: Store, screening_id: str, kind: str, *,
                    step_position: int | None = None, t: int | None = None, detail: str = "",
                    duration_ms: int | None = None, now: datetime | None = None) -> None:
    """Log an incident of a screening: ``kind`` is a short word ("paste",
    "focus_lost", "leave_attempt"...), ``t`` the milliseconds from the start
    of step ``step_position`` (None between steps), ``duration_ms`` how long
    it lasted (a focus loss). Committed at once."""
    if not _INCIDENT_KIND.fullmatch(kind):
        raise ValueError(f"an incident kind is a short lower-case word, not {kind!r}")
    with _writing(store) as conn:
        conn.execute(
            "INSERT INTO incidents (screening_id, step_position, t, kind, detail, duration_ms, "
            "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [screening_id, step_position, t, kind, detail, duration_ms, _now(now)])


def finish_screening(store: Store, screening_id: str, status: str = "completed", *,
                     sealer: Sealer | None = None,
                     now: datetime | None = None) -> BatteryOutcome:
    """Close a screening as completed, abandoned or interrupted, with its
    verdict from the recorded steps (a step not recorded fails; a screening
    with one never passes). Returns the outcome.

    ``sealer`` is called with the finished ``screenings`` row (every column),
    in the same transaction: sealing it protects the outcome, the candidate
    it belongs to and the battery it was judged by."""
    if status not in FINISHED_STATUSES:
        raise ValueError(f"a screening finishes as {', '.join(FINISHED_STATUSES)}, not {status!r}")
    with _writing(store) as conn:
        battery, _candidate_id, _recorded = _in_progress(conn, screening_id)
        results: list[StepResult | None] = [None] * len(battery.steps)
        for position, figures in conn.execute(
            "SELECT position, figures FROM screening_steps WHERE screening_id = ?",
            [screening_id],
        ):
            figures = json.loads(figures)
            results[position] = StepResult(figures["status"], figures["score"],
                                           figures["accuracy"])
        outcome = evaluate_battery(battery, results)
        conn.execute(
            "UPDATE screenings SET status = ?, finished_at = ?, outcome = ?, weighted_score = ?, "
            "verdict = ? WHERE id = ?",
            [status, _now(now), outcome.outcome, outcome.weighted_score,
             json.dumps(outcome.as_json(), ensure_ascii=False), screening_id])
        if sealer is not None:
            (row,) = _rows(conn.execute("SELECT * FROM screenings WHERE id = ?",
                                        [screening_id]))
            sealer(conn, "screenings", row)
    return outcome


def unfinished_screenings(store: Store) -> list[dict]:
    """Screenings still in progress, as found when the app opens: each with
    id, candidate_id, candidate_name, battery_name, started_at, and
    ``resume_position``, the step to restart from its beginning (the steps
    before it are kept)."""
    rows = _rows(store.db.conn.execute(
        "SELECT s.id, s.candidate_id, c.name AS candidate_name, s.battery_snapshot, "
        "s.started_at, (SELECT count(*) FROM screening_steps WHERE screening_id = s.id) "
        "AS resume_position FROM screenings s JOIN candidates c ON c.id = s.candidate_id "
        "WHERE s.status = 'in_progress' ORDER BY s.started_at"))
    for row in rows:
        row["battery_name"] = json.loads(row.pop("battery_snapshot")).get("name", "")
    return rows


# ---------------------------------------------------------------------------
# Deleting personal data


def _delete_screenings(conn: sqlite3.Connection, screening_ids: Sequence[str],
                       counts: dict[str, int], step_ids: list[str],
                       sealer: ErasingSealer) -> None:
    """Delete screenings with their steps, attempts and incidents, counting rows;
    the sealed rows (steps, finished screenings) through ``sealer.erase``."""
    for start in range(0, len(screening_ids), 500):  # SQLite's limit on parameters
        chunk = list(screening_ids[start:start + 500])
        marks = ", ".join("?" for _ in chunk)
        step_ids.extend(row[0] for row in conn.execute(
            f"SELECT id FROM screening_steps WHERE screening_id IN ({marks}) "
            "ORDER BY screening_id, position", chunk))
        for table, column in (("incidents", "screening_id"), ("attempts", "screening_id")):
            cursor = conn.execute(f"DELETE FROM {table} WHERE {column} IN ({marks})", chunk)
            counts[table] = counts.get(table, 0) + cursor.rowcount
    # One erasure entry per table for the whole deletion, steps before their screenings.
    if screening_ids:
        counts["screening_steps"] = (
            sealer.erase(conn, "screening_steps", step_ids) if step_ids else 0)
        counts["screenings"] = sealer.erase(conn, "screenings", list(screening_ids))


def _check_sealer(sealer: object) -> ErasingSealer:
    if not callable(getattr(sealer, "erase", None)):
        raise TypeError("deleting personal data needs the ledger's sealer "
                        "(ledger.sealer_for(store, key)): sealed rows are erased through it")
    return sealer  # type: ignore[return-value]


def _record_deletion(conn: sqlite3.Connection, who: str, what: str, detail: str,
                     counts: dict[str, int], step_ids: list[str], stamp: str,
                     sealer: Sealer) -> dict:
    row = {"who": who, "at": stamp, "what": what, "detail": detail,
           "rows": json.dumps(counts, sort_keys=True), "total_rows": sum(counts.values()),
           "step_ids": json.dumps(step_ids)}
    cursor = conn.execute(
        f"INSERT INTO deletions ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})",
        list(row.values()))
    row = {"id": cursor.lastrowid, **row}
    sealer(conn, "deletions", row)
    return row


def _who(who: str) -> str:
    who = " ".join(who.split())
    if not who:
        raise ValueError("say who is deleting: the deletion record needs a name")
    return who


def delete_candidate(store: Store, candidate_id: str, *, who: str, reason: str = "",
                     sealer: ErasingSealer, now: datetime | None = None) -> dict[str, int]:
    """Delete a candidate and everything of theirs (screenings, steps,
    attempts, incidents) in one transaction, and record the deletion (by
    the candidate's UUID, never their name; ``reason`` is kept as written,
    so it should not name them either). Returns the rows deleted per
    table. KeyError for an unknown candidate; ScreeningError while one of
    their screenings is in progress.

    ``sealer`` (``ledger.sealer_for(store, key)``) erases the sealed rows
    through the seal chain and seals the ``deletions`` row, in the same
    transaction: ``verify`` still holds afterwards and shows the deletion."""
    who = _who(who)
    sealer = _check_sealer(sealer)
    counts: dict[str, int] = {}
    step_ids: list[str] = []
    with _writing(store) as conn:
        if conn.execute("SELECT 1 FROM candidates WHERE id = ?", [candidate_id]).fetchone() is None:
            raise KeyError(candidate_id)
        statuses = dict(conn.execute(
            "SELECT id, status FROM screenings WHERE candidate_id = ?", [candidate_id]))
        if "in_progress" in statuses.values():
            raise ScreeningError("a screening of this candidate is in progress: finish it or "
                                 "close it as interrupted first")
        screening_ids = list(statuses)
        _delete_screenings(conn, screening_ids, counts, step_ids, sealer)
        # Attempts saved under the candidate's UUID outside a screening, if any.
        counts["attempts"] = counts.get("attempts", 0) + conn.execute(
            "DELETE FROM attempts WHERE candidate = ?", [candidate_id]).rowcount
        counts["candidate_keys"] = conn.execute(
            "DELETE FROM candidate_keys WHERE candidate_id = ?", [candidate_id]).rowcount
        counts["candidates"] = conn.execute(
            "DELETE FROM candidates WHERE id = ?", [candidate_id]).rowcount
        detail = f"candidate {candidate_id}" + (f": {' '.join(reason.split())}" if reason else "")
        _record_deletion(conn, who, "candidate", detail, counts, step_ids, _now(now), sealer)
    return counts


def months_before(moment: datetime, months: int) -> datetime:
    """The same time ``months`` calendar months earlier (the day clamped to the
    month's length: 31 March less one month is 28 or 29 February).

    >>> months_before(datetime(2026, 3, 31, 12, 0, tzinfo=UTC), 1).date().isoformat()
    '2026-02-28'
    """
    total = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(total, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def purge_screenings(store: Store, months: int, *, who: str, candidates_too: bool = False,
                     sealer: ErasingSealer, now: datetime | None = None) -> dict[str, int]:
    """Delete the finished screenings started more than ``months`` months ago,
    with their steps, attempts and incidents, in one transaction, and record
    the purge. With ``candidates_too``, candidates created before then who
    have no screening left go too. Returns the rows deleted per table (the
    deletion is recorded even when nothing was old enough). ``sealer`` as
    for :func:`delete_candidate`."""
    who = _who(who)
    sealer = _check_sealer(sealer)
    if isinstance(months, bool) or not isinstance(months, int) or months < 1:
        raise ValueError(f"the retention period is a whole number of months (1 or more), "
                         f"not {months!r}")
    moment = now or datetime.now(UTC)
    cutoff = _now(months_before(moment.astimezone(UTC), months))
    counts: dict[str, int] = {}
    step_ids: list[str] = []
    with _writing(store) as conn:
        screening_ids = [row[0] for row in conn.execute(
            "SELECT id FROM screenings WHERE started_at < ? AND status != 'in_progress'",
            [cutoff])]
        _delete_screenings(conn, screening_ids, counts, step_ids, sealer)
        if candidates_too:
            stale = "created_at < ? AND id NOT IN (SELECT candidate_id FROM screenings)"
            counts["candidate_keys"] = conn.execute(
                f"DELETE FROM candidate_keys WHERE candidate_id IN "
                f"(SELECT id FROM candidates WHERE {stale})", [cutoff]).rowcount
            counts["candidates"] = conn.execute(
                f"DELETE FROM candidates WHERE {stale}", [cutoff]).rowcount
        detail = f"screenings started before {cutoff} (retention {months} months)"
        _record_deletion(conn, who, "retention-purge", detail, counts, step_ids, _now(moment),
                         sealer)
    return counts


def deletions(store: Store) -> list[dict]:
    """Every recorded deletion, oldest first, ``rows`` and ``step_ids`` decoded."""
    rows = _rows(store.db.conn.execute("SELECT * FROM deletions ORDER BY id"))
    for row in rows:
        row["rows"] = json.loads(row["rows"])
        row["step_ids"] = json.loads(row["step_ids"])
    return rows


def join_candidates(store: Store, keep_id: str, duplicate_id: str, *, who: str,
                    sealer: Sealer, now: datetime | None = None) -> dict[str, int]:
    """Make two records of one person one: the screenings and attempts of
    ``duplicate_id`` become ``keep_id``'s, and the duplicate record goes.
    Returns the rows moved per table.

    Two records arise when two PCs registered the same applicant (a merge
    lists them, ``merge.MergeSummary.possible_duplicates``). The screenings
    moved are sealed again (the candidate they belong to is part of what a
    seal covers), and the join is recorded, sealed, in ``deletions`` (what:
    "join"), in the same transaction. KeyError for an unknown id;
    ScreeningError for the same id twice or a screening of either still in
    progress.
    """
    who = _who(who)
    if keep_id == duplicate_id:
        raise ScreeningError("a record cannot be joined with itself")
    counts: dict[str, int] = {}
    with _writing(store) as conn:
        for candidate_id in (keep_id, duplicate_id):
            if conn.execute("SELECT 1 FROM candidates WHERE id = ?",
                            [candidate_id]).fetchone() is None:
                raise KeyError(candidate_id)
        if conn.execute("SELECT 1 FROM screenings WHERE candidate_id IN (?, ?) AND "
                        "status = 'in_progress'", [keep_id, duplicate_id]).fetchone():
            raise ScreeningError("a screening of one of them is in progress: finish it or "
                                 "close it as interrupted first")
        moved = [row[0] for row in conn.execute(
            "SELECT id FROM screenings WHERE candidate_id = ?", [duplicate_id])]
        conn.execute("UPDATE screenings SET candidate_id = ? WHERE candidate_id = ?",
                     [keep_id, duplicate_id])
        counts["screenings"] = len(moved)
        counts["attempts"] = conn.execute(
            "UPDATE attempts SET candidate = ? WHERE candidate = ?",
            [keep_id, duplicate_id]).rowcount
        conn.execute("DELETE FROM candidate_keys WHERE candidate_id = ?", [duplicate_id])
        counts["candidates"] = conn.execute(
            "DELETE FROM candidates WHERE id = ?", [duplicate_id]).rowcount
        for screening_id in moved:
            (row,) = _rows(conn.execute("SELECT * FROM screenings WHERE id = ?",
                                        [screening_id]))
            if row["status"] != "in_progress":
                sealer(conn, "screenings", row)
        _record_deletion(conn, who, "join",
                         f"candidate {duplicate_id} joined into {keep_id}", counts, [],
                         _now(now), sealer)
    return counts
