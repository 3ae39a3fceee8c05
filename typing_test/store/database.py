"""The local SQLite database: every attempt and the settings.

One file, opened through sqlite-utils, in WAL mode with synchronous=FULL so
that a saved attempt survives a crash or a power cut. The schema version is
SQLite's ``user_version``; ``MIGRATIONS[n]`` upgrades version n to n + 1.

A file that is not a database raises ``DatabaseError`` with a clear one-line
message, and so does one that fails ``PRAGMA quick_check`` when the last
program using it did not close it (a crash, a power cut): the check reads the
whole file, so a file closed cleanly is not read through at every start
(``typing-test check-db`` checks it on demand). Such a file is never written
to, overwritten or deleted: the person decides what to do with it. A file or
folder that cannot be written is reported as read-only. Damage that
quick_check does not see (one flipped bit in a value) spoils only that value:
``attempts()`` still returns the row and names the column in ``damaged``.

>>> store = Store.open(":memory:")
>>> attempt_id = store.save_attempt({"kind": "typing", "score": 31.5, "passed": True})
>>> store.attempts()[0]["score"]
31.5
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils

ENV_VARIABLE = "TYPING_TEST_DB"
APP_NAME = "typing-test"
# "targeted": a short round of targeted practice (weak keys); "data-entry":
# a form-entry or 10-key test.
ATTEMPT_KINDS = ("typing", "proofreading", "writing", "quiz", "targeted", "data-entry")
# Columns stored as JSON text; read back as Python objects.
JSON_COLUMNS = ("settings", "figures", "keystrokes", "details", "events")
# The other columns of the attempts table and the types they hold (or None).
TEXT_COLUMNS = ("id", "kind", "candidate", "started_at", "finished_at", "status",
                "item_id", "item_title", "screening_id")
NUMBER_COLUMNS = ("duration_s", "score", "accuracy")
# What a list of attempts reads, and the orders it can be sorted in.
LIST_COLUMNS = ("id", "kind", "started_at", "item_id", "item_title", "duration_s", "score",
                "accuracy", "status", "passed")
LIST_ORDERS = {
    "started_at": ("started_at",),
    "item_title": ("item_title",),
    "duration_s": ("duration_s",),
    "score": ("score",),
    "accuracy": ("accuracy",),
    "result": ("status", "passed"),
}


class DatabaseError(Exception):
    """The database cannot be used. The message says why and what to do.

    The message is always one line: SQLite's own text (a quick_check report,
    a file name) may hold line breaks.

    >>> str(DatabaseError("failed (row 3 missing\\nrow 4 missing)"))
    'failed (row 3 missing row 4 missing)'
    """

    def __init__(self, message: str):
        super().__init__(" ".join(line.strip() for line in message.splitlines()))


class ProtectedAttemptError(ValueError):
    """The attempt is a step of an HR screening and cannot be deleted on its own."""


def default_db_path() -> Path:
    """The database file: $TYPING_TEST_DB, or ``typing-test.db`` in the user data folder."""
    from_env = os.environ.get(ENV_VARIABLE)
    if from_env:
        return Path(from_env).expanduser()
    import platformdirs

    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "typing-test.db"


def _migrate_to_1(db: sqlite_utils.Database) -> None:
    db["attempts"].create(
        {
            "id": str,
            "kind": str,
            "candidate": str,
            "started_at": str,
            "finished_at": str,
            "status": str,
            "item_id": str,
            "item_title": str,
            "duration_s": float,
            "score": float,
            "accuracy": float,
            "passed": int,
            "settings": str,
            "figures": str,
            "keystrokes": str,
            "details": str,
            "events": str,
        },
        pk="id",
        not_null={"kind", "candidate", "started_at", "status", "passed"},
        defaults={"candidate": "", "status": "completed", "passed": 0},
    )
    db["attempts"].create_index(["started_at"])
    db["attempts"].create_index(["kind", "candidate"])
    db["settings"].create({"key": str, "value": str}, pk="key")


def _migrate_to_2(db: sqlite_utils.Database) -> None:
    # The home page's best net WPM reads this index alone: without it, MAX(score)
    # visits every attempt's row (about 0.15 s at 100,000 attempts).
    db["attempts"].create_index(["kind", "candidate", "status", "score"], if_not_exists=True)


def _migrate_to_3(db: sqlite_utils.Database) -> None:
    # HR screening: the admin password, the login lockout and the seal ledger;
    # candidates, batteries, screenings and their steps, incidents and the
    # record of deletions. Imported here: those modules use this one's Store.
    from typing_test.store.admin import create_admin_tables
    from typing_test.store.screenings import create_screening_tables

    create_admin_tables(db)
    create_screening_tables(db)


def _migrate_to_4(db: sqlite_utils.Database) -> None:
    # Opening marks the attempts a crash cut off as interrupted; without this
    # index that UPDATE reads every attempt. Only running attempts are in it.
    db.conn.execute("CREATE INDEX IF NOT EXISTS idx_attempts_in_progress ON attempts(status) "
                    "WHERE status = 'in-progress'")


def _migrate_to_5(db: sqlite_utils.Database) -> None:
    # The History list pages through the practice attempts of one kind in the
    # order the person picks. Each of these indexes holds only practice
    # attempts (screening_id IS NULL), so SQLite can count them, sum them up
    # and hand over a page in that order from the index alone, without
    # reading or sorting every attempt (100,000 of them on a busy PC).
    for name, columns in (("started_at", "started_at"), ("item_title", "item_title"),
                          ("duration_s", "duration_s"), ("score", "status, score"),
                          ("accuracy", "accuracy"), ("result", "status, passed")):
        db.conn.execute(f"CREATE INDEX IF NOT EXISTS idx_practice_{name} "
                        f"ON attempts(kind, {columns}) WHERE screening_id IS NULL")
    db.conn.execute("CREATE INDEX IF NOT EXISTS idx_practice_by_score "
                    "ON attempts(kind, score) WHERE screening_id IS NULL")


def _migrate_to_6(db: sqlite_utils.Database) -> None:
    # Results merged from another PC whose admin password was not known are
    # marked (1); NULL for everything else, so existing seals are unchanged
    # (a seal covers the columns that are not NULL).
    db.conn.execute("ALTER TABLE attempts ADD COLUMN unverified INTEGER")
    db.conn.execute("ALTER TABLE screenings ADD COLUMN unverified INTEGER")


def _migrate_to_7(db: sqlite_utils.Database) -> None:
    # The HR dashboard's filters and sorts (see store/dashboard.py).
    from typing_test.store.dashboard import create_dashboard_indexes

    create_dashboard_indexes(db.conn)


def _migrate_to_8(db: sqlite_utils.Database) -> None:
    # What each practice typing attempt counts per key and pair, kept so that
    # the Progress page never re-reads a thousand logs (see store/practice.py).
    from typing_test.store.practice import create_key_tally_table

    create_key_tally_table(db.conn)


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _migrate_to_1, _migrate_to_2, _migrate_to_3, _migrate_to_4, _migrate_to_5, _migrate_to_6,
    _migrate_to_7, _migrate_to_8,
]
SCHEMA_VERSION = len(MIGRATIONS)


class Store:
    """The attempts and settings in one SQLite file. Use ``Store.open(path)``."""

    def __init__(self, conn: sqlite3.Connection, path: str):
        self.conn = conn
        self.path = path
        # How many attempts were found in progress when the file was opened:
        # the app stopped during them (a crash, a killed process, a power cut).
        self.interrupted_on_open = 0
        # Whether opening ran the integrity check (the last session did not
        # close the file cleanly).
        self.checked_on_open = False

    @classmethod
    def open(cls, path: str | Path | None = None) -> Store:
        """Open (creating if needed) and migrate the database at ``path``.

        Raises DatabaseError when the file cannot be opened, is read-only
        (or in a read-only folder), is not a database, fails its integrity
        check or comes from a newer version.
        """
        path = str(path) if path is not None else str(default_db_path())
        if path != ":memory:":
            target = Path(path)
            if target.is_dir():
                raise DatabaseError(f"{path} is a folder, not a database file")
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise DatabaseError(f"cannot create the folder for {path}: {error}") from error
            _refuse_read_only(target)
        # Checking a file reads all of it (2 s at 4.6 GB), so it is done only
        # when the last program using it did not close it.
        check = path != ":memory:" and not closed_cleanly(path)
        conn = None
        try:
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            if check:
                cls._check_integrity(conn, path)
            else:
                cls._check_readable(conn, path)
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                conn.close()
                raise DatabaseError(
                    f"{path} was written by a newer version of typing-test "
                    f"(schema {version}, this one knows {SCHEMA_VERSION}); "
                    "update typing-test to open it"
                )
            if path != ":memory:":
                _use_wal(conn)
            conn.execute("PRAGMA synchronous=FULL")
            # A damaged byte in a text must not stop every row from being read.
            conn.text_factory = _text_or_damaged
            store = cls(conn, path)
            store.checked_on_open = check
            store._migrate(version)
            store.interrupted_on_open = store._mark_interrupted()
        except sqlite3.Error as error:
            if conn is not None:
                conn.close()  # a refused file is not held open
            raise DatabaseError(f"cannot open the database {path}: {error}") from error
        return store

    def reader(self) -> Store:
        """A second, read-only Store on the same file, for a worker thread (an
        export, a report) to read from while this one goes on saving. It
        reads SQLite's last committed state and writes nothing. An in-memory
        database has no file to share: it is this Store itself.
        """
        if self.path == ":memory:":
            return self
        conn = sqlite3.connect(Path(self.path).resolve().as_uri() + "?mode=ro", uri=True,
                               isolation_level=None, check_same_thread=False)
        conn.text_factory = _text_or_damaged
        return Store(conn, self.path)

    @staticmethod
    def _check_readable(conn: sqlite3.Connection, path: str) -> None:
        """Refuse a file that is not an SQLite database, reading only its header
        and schema."""
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as error:
            conn.close()
            raise DatabaseError(
                f"{path} is not a typing-test database or is damaged ({error}); "
                "it was left untouched: move it aside or choose another file with --db"
            ) from error

    @staticmethod
    def _check_integrity(conn: sqlite3.Connection, path: str) -> None:
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        except sqlite3.DatabaseError as error:
            conn.close()
            raise DatabaseError(
                f"{path} is not a typing-test database or is damaged ({error}); "
                "it was left untouched: move it aside or choose another file with --db"
            ) from error
        if rows != [("ok",)]:
            conn.close()
            raise DatabaseError(
                f"{path} failed its integrity check ({_first_problem(rows)}); it was left "
                "untouched: move it aside or choose another file with --db"
            )

    def _migrate(self, version: int) -> None:
        """Bring the file to SCHEMA_VERSION, one migration a transaction.

        ``version`` was read before any lock was held: another process (a
        second app, a CLI save) may have migrated the file since. So each step
        takes the write lock first and reads the version again under it.
        """
        while version < SCHEMA_VERSION:
            with self.conn:
                self.conn.execute("BEGIN IMMEDIATE")
                version = self.schema_version
                if version < SCHEMA_VERSION:
                    MIGRATIONS[version](self.db)
                    version += 1
                    self.conn.execute(f"PRAGMA user_version = {version}")

    @cached_property
    def db(self) -> sqlite_utils.Database:
        """The file through sqlite-utils, for writes and listings.

        Made on first use: importing sqlite-utils takes longer than the rest
        of opening the file, and the app's first screen needs only plain SQL.
        """
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    @property
    def schema_version(self) -> int:
        """The schema version of the open file."""
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        """Close the file; the Store cannot be used afterwards."""
        self.conn.close()

    # Attempts -----------------------------------------------------------

    def save_attempt(self, attempt: dict) -> str:
        """Store one attempt in a single transaction and return its UUID.

        ``attempt`` holds the columns of the attempts table; ``kind`` is
        required. Missing ``id``, ``started_at`` and ``status`` are filled in.
        An attempt with the ``id`` of one begun with ``begin_attempt`` replaces it.

        >>> store = Store.open(":memory:")
        >>> len(store.save_attempt({"kind": "quiz", "score": 80.0, "passed": True}))
        36
        """
        row = attempt_row(attempt)
        with self.conn:
            self.conn.execute("BEGIN IMMEDIATE")
            self.db["attempts"].insert(row, replace=True)
        return row["id"]

    def begin_attempt(self, attempt: dict) -> str:
        """Store an attempt that has just started, as ``in-progress``.

        If the app dies before ``save_attempt`` replaces it, the next
        ``Store.open`` marks it ``interrupted``: the attempt is never silently
        lost, and an HR screening can see that a test did not finish.
        """
        return self.save_attempt({**attempt, "status": "in-progress", "passed": False})

    def _mark_interrupted(self) -> int:
        with self.conn:
            cursor = self.conn.execute(
                "UPDATE attempts SET status = 'interrupted', passed = 0 "
                "WHERE status = 'in-progress'"
            )
        return cursor.rowcount

    def attempts(
        self, kind: str | None = None, candidate: str | None = None, screenings: bool = False
    ) -> list[dict]:
        """Attempts, newest first, with JSON columns decoded.

        ``kind`` and ``candidate`` filter when given. The steps of HR
        screenings are left out unless ``screenings`` is True: the practice
        History never shows them to whoever sits at the PC. A row whose columns
        cannot all be read (a damaged file) is still returned: each unreadable
        column is None and named in the row's ``damaged`` list, which is empty
        for a sound row.
        """
        where, params = [], []
        if kind is not None:
            where.append("kind = ?")
            params.append(kind)
        if candidate is not None:
            where.append("candidate = ?")
            params.append(candidate)
        if not screenings:
            where.append("screening_id IS NULL")
        rows = self.db["attempts"].rows_where(
            " and ".join(where) or None, params, order_by="started_at desc"
        )
        return [_decode(row) for row in rows]

    def attempt_page(self, kind: str, *, order_by: str = "started_at", descending: bool = True,
                     limit: int = 200, offset: int = 0,
                     candidate: str | None = None) -> list[dict]:
        """One page of the practice attempts of ``kind`` for a list, sorted by
        ``order_by`` (one of LIST_ORDERS): only the columns a list shows, never
        a log or an answer, each row checked as ``attempts()`` checks it.

        >>> store = Store.open(":memory:")
        >>> _ = store.save_attempt({"kind": "quiz", "score": 80.0, "item_title": "Excel"})
        >>> [(row["item_title"], row["score"]) for row in store.attempt_page("quiz")]
        [('Excel', 80.0)]
        """
        order = LIST_ORDERS[order_by]
        direction = "DESC" if descending else "ASC"
        mine, params = _candidate_condition(candidate)
        rows = self.conn.execute(
            f"SELECT {', '.join(LIST_COLUMNS)} FROM attempts "
            f"WHERE kind = ? AND screening_id IS NULL{mine} "
            f"ORDER BY {', '.join(f'{column} {direction}' for column in order)}, "
            f"rowid {direction} "
            "LIMIT ? OFFSET ?", [kind, *params, limit, offset]).fetchall()
        return [_decode(dict(zip(LIST_COLUMNS, row, strict=True))) for row in rows]

    def attempt_count(self, kind: str, candidate: str | None = None) -> int:
        """How many practice attempts of ``kind`` (of ``candidate`` when given)
        there are (an index count)."""
        mine, params = _candidate_condition(candidate)
        return self.conn.execute(
            f"SELECT count(*) FROM attempts WHERE kind = ? AND screening_id IS NULL{mine}",
            [kind, *params]).fetchone()[0]

    def score_summary(self, kind: str,
                      candidate: str | None = None) -> tuple[float | None, float | None, int]:
        """``(best, average, count)`` of the completed practice attempts of
        ``kind`` whose score can be read, worked out by SQLite.

        >>> store = Store.open(":memory:")
        >>> for score in (20.0, 30.0):
        ...     _ = store.save_attempt({"kind": "typing", "score": score})
        >>> store.score_summary("typing")
        (30.0, 25.0, 2)
        """
        mine, params = _candidate_condition(candidate)
        best, average, count = self.conn.execute(
            "SELECT max(score), avg(score), count(score) FROM attempts "
            "WHERE kind = ? AND status = 'completed' AND screening_id IS NULL "
            f"AND typeof(score) IN ('real', 'integer'){mine}", [kind, *params]).fetchone()
        return best, average, count

    def recent_attempts(self, candidate: str, limit: int = 5) -> list[dict]:
        """The newest finished attempts of ``candidate``, for a summary: only
        ``kind``, ``item_title``, ``started_at``, ``status``, ``score`` and
        ``passed``, never the logs (the started_at index keeps this quick
        however many attempts there are).

        >>> import tempfile, pathlib
        >>> store = Store.open(pathlib.Path(tempfile.mkdtemp()) / "doc.db")
        >>> store.recent_attempts("Ana")
        []
        """
        rows = self.conn.execute(
            "SELECT kind, item_title, started_at, status, score, passed FROM attempts "
            "WHERE candidate = ? AND status IN ('completed', 'abandoned') "
            "ORDER BY started_at DESC LIMIT ?",
            [candidate, limit],
        ).fetchall()
        names = ("kind", "item_title", "started_at", "status", "score", "passed")
        return [dict(zip(names, row, strict=True)) | {"passed": bool(row[5])} for row in rows]

    def score_series(self, kind: str, candidate: str | None = None,
                     limit: int = 60) -> list[tuple[str, float, float | None]]:
        """``(started_at, score, accuracy)`` of the newest ``limit`` completed
        practice attempts of ``kind`` (of ``candidate`` when given), oldest
        first: what a chart of progress draws. Reads three columns, never a log.

        >>> store = Store.open(":memory:")
        >>> _ = store.save_attempt({"kind": "typing", "score": 28.0, "accuracy": 96.0,
        ...                         "started_at": "2026-03-01T09:00:00+00:00"})
        >>> store.score_series("typing")
        [('2026-03-01T09:00:00+00:00', 28.0, 96.0)]
        """
        where = ["kind = ?", "status = 'completed'", "score IS NOT NULL",
                 "screening_id IS NULL"]
        params: list[object] = [kind]
        if candidate is not None:
            where.append("candidate = ?")
            params.append(candidate)
        rows = self.conn.execute(
            f"SELECT started_at, score, accuracy FROM attempts WHERE {' AND '.join(where)} "
            "ORDER BY started_at DESC LIMIT ?", [*params, limit]).fetchall()
        # A value a damaged file cannot give back is left out, not drawn.
        return [(started, score, accuracy if isinstance(accuracy, int | float) else None)
                for started, score, accuracy in reversed(rows)
                if isinstance(score, int | float) and not isinstance(score, bool)]

    def topic_scores(self, candidate: str | None = None) -> list[tuple[str, float]]:
        """The average score per topic of the completed practice quizzes (of
        ``candidate`` when given), best first, worked out by SQLite from each
        quiz's figures.

        >>> store = Store.open(":memory:")
        >>> for percent in (50.0, 100.0):
        ...     _ = store.save_attempt({"kind": "quiz", "score": percent, "figures": {
        ...         "topics": [{"topic": "excel", "title": "Excel", "percent": percent}]}})
        >>> store.topic_scores()
        [('Excel', 75.0)]
        """
        mine, params = _candidate_condition(candidate)
        rows = self.conn.execute(
            "SELECT coalesce(json_extract(t.value, '$.title'), json_extract(t.value, '$.topic')) "
            "AS title, avg(json_extract(t.value, '$.percent')) AS percent "
            "FROM attempts, json_each(attempts.figures, '$.topics') t "
            "WHERE kind = 'quiz' AND status = 'completed' AND screening_id IS NULL "
            f"AND json_valid(attempts.figures){mine} GROUP BY title "
            "HAVING percent IS NOT NULL ORDER BY percent DESC, title", params).fetchall()
        return [(str(title), round(float(percent), 1)) for title, percent in rows]

    def has_unfinished_screening(self) -> bool:
        """Whether an HR screening was cut off (a crash, a power cut): the app
        then offers to resume it. One indexed query; False for a file
        without screenings or one that cannot say.

        >>> Store.open(":memory:").has_unfinished_screening()
        False
        """
        try:
            return self.conn.execute(
                "SELECT 1 FROM screenings WHERE status = 'in_progress' LIMIT 1"
            ).fetchone() is not None
        except sqlite3.Error:
            return False

    def best_net_wpm(self, candidate: str) -> float | None:
        """``candidate``'s best net WPM over completed typing tests, or None."""
        row = self.conn.execute(
            "SELECT MAX(score) FROM attempts "
            "WHERE kind = 'typing' AND candidate = ? AND status = 'completed'",
            [candidate],
        ).fetchone()
        return row[0] if row and row[0] is not None else None

    def count_of_unknown_kind(self) -> int:
        """How many attempts have a kind that is none of ATTEMPT_KINDS.

        ``save_attempt`` never writes one, so each is a damaged row that no
        list by kind shows.
        """
        marks = ", ".join("?" for _ in ATTEMPT_KINDS)
        return self.conn.execute(
            f"SELECT count(*) FROM attempts WHERE kind IS NULL OR kind NOT IN ({marks})",
            ATTEMPT_KINDS,
        ).fetchone()[0]

    def delete_attempt(self, attempt_id: str) -> bool:
        """Delete one attempt by its UUID; False when there was none.

        An attempt that is a step of an HR screening is never deleted here:
        ProtectedAttemptError says so. Only deleting the candidate, or the
        retention purge, removes it, and both leave a record of the deletion.

        >>> import tempfile, pathlib
        >>> store = Store.open(pathlib.Path(tempfile.mkdtemp()) / "doc.db")
        >>> attempt_id = store.begin_attempt({"kind": "typing", "candidate": "",
        ...                                   "started_at": "2026-01-01T00:00:00Z"})
        >>> store.delete_attempt(attempt_id), store.delete_attempt(attempt_id)
        (True, False)
        """
        with self.conn:
            self.conn.execute("BEGIN IMMEDIATE")
            row = self.conn.execute(
                "SELECT screening_id FROM attempts WHERE id = ?", [attempt_id]
            ).fetchone()
            if row is not None and row[0] is not None:
                raise ProtectedAttemptError(
                    "this attempt is a step of an HR screening: it can only be deleted with "
                    "the candidate's data, by HR"
                )
            cursor = self.conn.execute("DELETE FROM attempts WHERE id = ?", [attempt_id])
        return cursor.rowcount > 0

    def attempt(self, attempt_id: str) -> dict:
        """One attempt by its UUID; KeyError when there is none."""
        try:
            return _decode(self.db["attempts"].get(attempt_id))
        except sqlite_utils_errors().NotFoundError as error:
            raise KeyError(attempt_id) from error

    # Settings -----------------------------------------------------------

    def get_setting(self, key: str, default: object = None) -> object:
        """A setting's value, or ``default`` when it was never set.

        >>> store = Store.open(":memory:")
        >>> store.set_setting("pass_wpm", 30)
        >>> store.get_setting("pass_wpm"), store.get_setting("unknown", 1)
        (30, 1)
        """
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        if row is None:
            return default
        try:
            return json.loads(row[0])
        except (TypeError, ValueError, RecursionError):  # a damaged value reads as unset
            return default

    def set_setting(self, key: str, value: object) -> None:
        """Save a setting (any JSON value)."""
        with self.conn:
            self.db["settings"].upsert({"key": key, "value": json.dumps(value)}, pk="key")


def sqlite_utils_errors():
    """sqlite-utils' module of errors, imported when first needed."""
    import sqlite_utils.db

    return sqlite_utils.db


def attempt_row(attempt: dict) -> dict:
    """The attempts-table row of ``attempt``, ready to insert: ``id``,
    ``started_at``, ``finished_at``, ``status`` and ``candidate`` filled in when
    missing, ``passed`` only for a completed attempt, JSON columns encoded.

    >>> row = attempt_row({"kind": "quiz", "passed": True, "status": "abandoned"})
    >>> row["passed"], len(row["id"])
    (0, 36)
    """
    if attempt.get("kind") not in ATTEMPT_KINDS:
        raise ValueError(f"unknown attempt kind {attempt.get('kind')!r}")
    row = dict(attempt)
    row.pop("damaged", None)  # what reading found, not a column
    row.setdefault("id", str(uuid.uuid4()))
    row.setdefault("started_at", now_iso())
    row.setdefault("finished_at", now_iso())
    row.setdefault("status", "completed")
    row.setdefault("candidate", "")
    row["passed"] = int(bool(row.get("passed")) and row["status"] == "completed")
    for column in JSON_COLUMNS:
        if column in row and row[column] is not None:
            row[column] = json.dumps(row[column], ensure_ascii=False)
    return row


def _candidate_condition(candidate: str | None) -> tuple[str, list[object]]:
    """The SQL to add to a WHERE for one candidate's attempts only (none for None)."""
    return ("", []) if candidate is None else (" AND candidate = ?", [candidate])


def closed_cleanly(path: str | Path) -> bool:
    """Whether the last program to use the database file closed it.

    SQLite deletes the write-ahead log (``PATH-wal``) when the last connection
    closes, so a log left beside the file means that a program was killed,
    the computer lost power, or another program has the file open now. A
    file that does not exist yet was closed cleanly.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> store = Store.open(folder / "doc.db")
    >>> closed_cleanly(folder / "doc.db")  # open now
    False
    >>> store.close()
    >>> closed_cleanly(folder / "doc.db")
    True
    """
    return not Path(f"{path}-wal").exists()


def integrity_problems(path: str | Path) -> list[str]:
    """Every problem ``PRAGMA integrity_check`` finds in the database at
    ``path``, opened read-only (nothing is written); [] for a sound file.

    Raises DatabaseError when the file is missing or is not a database.
    """
    if not Path(path).is_file():
        raise DatabaseError(f"{path}: no such file")
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as error:
        raise DatabaseError(f"cannot open {path}: {error}") from error
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError as error:
        raise DatabaseError(f"{path} is not a typing-test database or is damaged "
                            f"({error})") from error
    finally:
        conn.close()
    return [] if rows == [("ok",)] else [str(row[0]) for row in rows]


def backup(path: str | Path, target: str | Path) -> int:
    """Copy the database at ``path`` to ``target``, consistent even while the
    app is saving into it (SQLite's backup API takes a snapshot), after
    checking it; return the copy's size in bytes.

    The source is checked first (``integrity_problems``): a damaged file is
    refused, so a backup is never a copy of damage. The copy is written
    beside ``target`` and renamed, so a failed backup leaves nothing
    half-written and an older backup there untouched.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> store = Store.open(folder / "results.db")
    >>> _ = store.save_attempt({"kind": "typing", "score": 30.0})
    >>> backup(folder / "results.db", folder / "copy.db") > 0
    True
    >>> [row["score"] for row in Store.open(folder / "copy.db").attempts()]
    [30.0]
    """
    problems = integrity_problems(path)
    if problems:
        raise DatabaseError(f"{path} is damaged ({problems[0]}); it was not copied")
    target = Path(target)
    if target.is_dir():
        raise DatabaseError(f"{target} is a folder; give the backup a file name")
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part",
                                         dir=target.parent)
    os.close(handle)
    source = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
    copy = sqlite3.connect(temporary)
    try:
        source.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        copy.close()
        os.replace(temporary, target)
    except BaseException:
        copy.close()
        Path(temporary).unlink(missing_ok=True)
        raise
    finally:
        source.close()
    return target.stat().st_size


def _first_problem(rows: list[tuple]) -> str:
    """The first problem quick_check reported, and how many more, on one line.

    Its answer can hold a hundred problems, and a row can hold several lines
    under a "*** in database main ***" heading.

    >>> _first_problem([("*** in database main ***\\nOn page 3: bad\\nOn page 4: bad",)])
    'On page 3: bad, and 1 more problem'
    """
    lines = [line.strip() for (text, *_rest) in rows for line in str(text).splitlines()]
    problems = [line for line in lines if line and not line.startswith("***")]
    if not problems:
        return "no answer"
    more = len(problems) - 1
    return problems[0] + (f", and {more} more problem{'s' if more > 1 else ''}" if more else "")


def _refuse_read_only(target: Path) -> None:
    """Raise DatabaseError when the file, or the folder it is in, cannot be written.

    Checked before SQLite opens the file: SQLite fails on a read-only folder
    with "unable to open database file", which would read as a damaged file.
    The folder must be writable too, for the -wal and -shm files of WAL mode.
    """
    if not os.access(target.parent, os.W_OK):
        raise DatabaseError(
            f"{target} is in a read-only folder ({target.parent}): typing-test writes its "
            "results there (the file and its -wal and -shm files); make the folder "
            "writable or choose another file with --db"
        )
    if target.exists() and not os.access(target, os.W_OK):
        raise DatabaseError(
            f"{target} is read-only: typing-test saves results in it; make it writable "
            "or choose another file with --db"
        )


def _use_wal(conn: sqlite3.Connection, patience_s: float = 5.0) -> None:
    """Switch the file to WAL mode (a no-op when it already is).

    The switch needs the file to itself, and SQLite answers "database is
    locked" at once, without waiting, when another process opens the file at
    that moment (two processes creating a new database). So try again for a
    while, as SQLite waits for any other lock.
    """
    deadline = time.monotonic() + patience_s
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def now_iso() -> str:
    """The current UTC time as ISO 8601 with seconds, e.g. '2026-11-27T09:30:00+00:00'."""
    return datetime.now(UTC).isoformat(timespec="seconds")


class DamagedText(str):
    """Text read from a column whose bytes are not UTF-8: the file is damaged.
    Bad bytes read as U+FFFD; ``_decode`` marks the column as damaged."""


def _text_or_damaged(data: bytes) -> str:
    """SQLite's text factory: decode UTF-8, and keep going on a damaged value."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return DamagedText(data.decode("utf-8", "replace"))


def _decode(row: dict) -> dict:
    """Decode the JSON columns of an attempts row and check every column's type.

    A column that cannot be read becomes None and is named in
    ``row["damaged"]``; the others keep their values.

    >>> _decode({"kind": "typing", "score": "x", "passed": 1, "figures": "{bad"})["damaged"]
    ['score', 'figures']
    """
    damaged = []
    for column, value in row.items():
        if value is None:
            continue
        if column in TEXT_COLUMNS:
            sound = isinstance(value, str) and not isinstance(value, DamagedText)
        elif column in NUMBER_COLUMNS:
            sound = isinstance(value, int | float) and not isinstance(value, bool)
        elif column == "passed":
            sound = value in (0, 1)
        elif column in JSON_COLUMNS:
            try:
                if isinstance(value, DamagedText) or not isinstance(value, str):
                    raise ValueError("not UTF-8 text")
                row[column] = json.loads(value)
                sound = True
            except (ValueError, RecursionError):
                sound = False
        else:
            sound = True
        if not sound:
            row[column] = None
            damaged.append(column)
    row["passed"] = bool(row.get("passed"))
    row["damaged"] = damaged
    return row
