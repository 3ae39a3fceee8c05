"""Merging the results of another PC's database into this one.

Rows are matched by their UUID, so merging the same file twice adds nothing.
The other file is opened read-only and checked before anything is copied:

1. SQLite's ``integrity_check`` (a damaged file is refused);
2. its seals, with that PC's admin password: a file whose seals do not all
   hold was tampered with and is refused, whatever the options. A file whose
   password is not known is refused too, unless the caller allows unverified
   results: they are then copied and marked ``unverified`` (on the attempts
   and the screenings), wherever they are shown.

Everything of one file is copied in one transaction: a refused or failed file
imports nothing. Each screening step and finished screening copied is sealed
again in this database's chain, with this database's key, so ``verify`` keeps
holding after a merge (the ``unverified`` mark is part of what is sealed).

Two candidates with different UUIDs but the same name and email are not
joined by the merge; they are listed, for HR to decide.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from typing_test.core.screening.seals import SealKey
from typing_test.store.database import SCHEMA_VERSION, DatabaseError, Store, integrity_problems

BATCH_ROWS = 500
# Copied in this order (a step's screening, a screening's candidate first);
# each is matched by its "id" column.
TABLES_BY_ID = ("candidates", "batteries", "attempts", "screenings", "screening_steps")


class MergeRefused(Exception):
    """A file was not merged; the message says why. Nothing of it was copied."""


@dataclass
class MergeSummary:
    """What merging one file did."""

    path: str
    added: dict[str, int] = field(default_factory=dict)
    already_here: dict[str, int] = field(default_factory=dict)
    verified: bool = False  # its seals were checked with its password and hold
    unverified: bool = False  # copied without knowing its password
    possible_duplicates: list[tuple[str, str, str]] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The summary in words, one line each."""
        added = ", ".join(f"{count:,} {table.replace('_', ' ')}"
                          for table, count in self.added.items() if count) or "nothing new"
        here = sum(self.already_here.values())
        status = ("its seals checked and holding" if self.verified else
                  "marked unverified: its password was not known" if self.unverified else
                  "it has no sealed results")
        lines = [f"{self.path}: added {added}; {here:,} rows were already here; {status}"]
        lines += [f"  possible duplicate: {name} is candidate {here_id} here and "
                  f"{there_id} in {Path(self.path).name}; join them if they are one person"
                  for name, here_id, there_id in self.possible_duplicates]
        return lines


def open_read_only(path: str | Path) -> Store:
    """The database at ``path`` for reading only, checked: DatabaseError when
    it is damaged, not a database, or from a newer version."""
    problems = integrity_problems(path)
    if problems:
        raise DatabaseError(f"{path} is damaged ({problems[0]})")
    conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True,
                           isolation_level=None, check_same_thread=False)
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        conn.close()
        raise DatabaseError(f"{path} was written by a newer version of typing-test "
                            f"(schema {version}); update typing-test to merge it")
    return Store(conn, str(path))


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]


def _check_seals(incoming: Store, password: str | None, allow_unverified: bool,
                 summary: MergeSummary) -> None:
    """Verify ``incoming``'s seals, or refuse it; sets ``summary.verified`` or
    ``summary.unverified``."""
    from typing_test.store.admin import AdminError, NoAdminPassword, seal_key_for
    from typing_test.store.ledger import verify_all

    tables = _tables(incoming.conn)
    has_screenings = "screenings" in tables and incoming.conn.execute(
        "SELECT 1 FROM screenings LIMIT 1").fetchone() is not None
    try:
        key = seal_key_for(incoming, password) if (
            password and "admin_credential" in tables) else None
        if password and key is None and "admin_credential" in tables:
            if not allow_unverified:
                raise MergeRefused(f"{incoming.path}: the admin password given for it is wrong "
                                   "(give its PC's password, or merge it with --unverified)")
    except NoAdminPassword:
        key = None
    except AdminError as error:
        raise MergeRefused(str(error)) from None
    if key is not None:
        report = verify_all(incoming, key)
        if not report.ok:
            raise MergeRefused(f"{incoming.path} was tampered with: {report.problems[0]}")
        summary.verified = True
    elif has_screenings:
        if not allow_unverified:
            raise MergeRefused(f"{incoming.path}: its screenings cannot be checked without its "
                               "PC's admin password (or merge it with --unverified)")
        summary.unverified = True


def merge_file(store: Store, key: SealKey | None, path: str | Path,
               password: str | None = None, *, allow_unverified: bool = False,
               progress: Callable[[str, int], None] | None = None) -> MergeSummary:
    """Copy into ``store`` every candidate, battery, attempt, screening, step
    and incident of the database at ``path`` that is not here yet.

    ``key`` is this database's seal key (from ``admin.log_in``), needed when
    the file holds screenings; ``password`` is the file's own admin password.
    Raises MergeRefused (nothing copied) for a damaged or tampered file, an
    unknown password without ``allow_unverified``, or screenings to seal
    without ``key``.
    """
    summary = MergeSummary(str(path))
    try:
        incoming = open_read_only(path)
    except DatabaseError as error:
        raise MergeRefused(str(error)) from None
    try:
        _check_seals(incoming, password, allow_unverified, summary)
        there = _tables(incoming.conn)
        if "screenings" in there and key is None and incoming.conn.execute(
                "SELECT 1 FROM screenings LIMIT 1").fetchone() is not None:
            raise MergeRefused(f"{path} holds screenings: log in with this database's admin "
                               "password so they can be sealed here")
        _copy(store, key, incoming, there, summary, progress)
    finally:
        incoming.conn.close()
    return summary


def _copy(store: Store, key: SealKey | None, incoming: Store, there: set[str],
          summary: MergeSummary, progress: Callable[[str, int], None] | None) -> None:
    from typing_test.store.ledger import seal_row, write_transaction

    here = _tables(store.conn)
    with write_transaction(store) as conn:
        new_ids: dict[str, list[str]] = {}
        for table in TABLES_BY_ID:
            if table not in there or table not in here:
                continue
            new_ids[table] = _copy_table(conn, incoming.conn, table, summary,
                                         mark_unverified=summary.unverified)
            if progress is not None:
                progress(table, summary.added.get(table, 0))
        _copy_candidate_keys(conn, incoming.conn, new_ids.get("candidates", []), there)
        _copy_incidents(conn, incoming.conn, new_ids.get("screenings", []), there, summary)
        _find_duplicates(conn, incoming.conn, there, summary)
        for table in ("screening_steps", "screenings"):
            for row_id in new_ids.get(table, []):
                if table == "screenings" and conn.execute(
                        "SELECT status FROM screenings WHERE id = ?", [row_id]
                ).fetchone()[0] == "in_progress":
                    continue  # a screening still running there is sealed when it ends
                seal_row(store, key, table, row_id)


def _copy_table(conn: sqlite3.Connection, source: sqlite3.Connection, table: str,
                summary: MergeSummary, mark_unverified: bool) -> list[str]:
    """Insert the rows of ``table`` whose id is not here; return their ids.
    With ``mark_unverified``, attempts and screenings come marked unverified."""
    here_columns = set(_columns(conn, table))
    mark = mark_unverified and "unverified" in here_columns and table in (
        "attempts", "screenings")
    columns = [column for column in _columns(source, table) if column in here_columns
               and not (mark and column == "unverified")]
    target = columns + (["unverified"] if mark else [])
    insert = (f"INSERT INTO {table} ({', '.join(target)}) "
              f"VALUES ({', '.join('?' for _ in target)})")
    cursor = source.execute(f"SELECT {', '.join(columns)} FROM {table}")
    id_at = columns.index("id")
    added: list[str] = []
    seen = 0
    while batch := cursor.fetchmany(BATCH_ROWS):
        seen += len(batch)
        ids = [row[id_at] for row in batch]
        existing = {row_id for (row_id,) in conn.execute(
            f"SELECT id FROM {table} WHERE id IN ({', '.join('?' for _ in ids)})", ids)}
        fresh = [(*row, 1) if mark else row for row in batch if row[id_at] not in existing]
        conn.executemany(insert, fresh)
        added += [row[id_at] for row in fresh]
    summary.added[table] = len(added)
    summary.already_here[table] = seen - len(added)
    return added


def _copy_candidate_keys(conn: sqlite3.Connection, source: sqlite3.Connection,
                         candidate_ids: list[str], there: set[str]) -> None:
    if "candidate_keys" not in there:
        return
    for start in range(0, len(candidate_ids), BATCH_ROWS):
        ids = candidate_ids[start:start + BATCH_ROWS]
        rows = source.execute("SELECT key, candidate_id FROM candidate_keys WHERE candidate_id "
                              f"IN ({', '.join('?' for _ in ids)})", ids).fetchall()
        conn.executemany("INSERT INTO candidate_keys (key, candidate_id) VALUES (?, ?)", rows)


def _copy_incidents(conn: sqlite3.Connection, source: sqlite3.Connection,
                    screening_ids: list[str], there: set[str], summary: MergeSummary) -> None:
    """The incidents of the screenings new here (their numbering is the other
    PC's, so they are matched through their screening)."""
    if "incidents" not in there:
        return
    columns = [column for column in _columns(source, "incidents")
               if column != "id" and column in set(_columns(conn, "incidents"))]
    count = 0
    for start in range(0, len(screening_ids), BATCH_ROWS):
        ids = screening_ids[start:start + BATCH_ROWS]
        rows = source.execute(
            f"SELECT {', '.join(columns)} FROM incidents WHERE screening_id IN "
            f"({', '.join('?' for _ in ids)}) ORDER BY id", ids).fetchall()
        conn.executemany(f"INSERT INTO incidents ({', '.join(columns)}) "
                         f"VALUES ({', '.join('?' for _ in columns)})", rows)
        count += len(rows)
    summary.added["incidents"] = count


def _find_duplicates(conn: sqlite3.Connection, source: sqlite3.Connection, there: set[str],
                     summary: MergeSummary) -> None:
    """Candidates with the same name and email here and there under two UUIDs."""
    if "candidates" not in there:
        return
    for candidate_id, name, name_key, email_key in source.execute(
            "SELECT id, name, name_key, email_key FROM candidates WHERE email_key != ''"):
        for (here_id,) in conn.execute(
                "SELECT id FROM candidates WHERE name_key = ? AND email_key = ? AND id != ?",
                [name_key, email_key, candidate_id]):
            summary.possible_duplicates.append((name, here_id, candidate_id))
