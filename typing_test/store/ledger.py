"""The seal ledger: seals rows of the tables listed in SEALED_TABLES, and checks them.

What a seal proves, and how, is in ``core/screening/seals.py``; this module
reads and writes the ``seal_ledger`` and ``seal_head`` tables and the sealed
rows. Seal a row in the same transaction that writes it (``seal_row`` joins a
transaction already open on the store's connection), so a crash never leaves
a finished result without its seal.

>>> from typing_test.store.database import Store
>>> from typing_test.core.screening.seals import SealKey
>>> store = Store.open(":memory:")
>>> key = SealKey(bytes(32))
>>> verify_all(store, key).summary()
'all seals hold: 0 rows; 0 seals'
"""

from __future__ import annotations

import hmac
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from typing_test.core.screening.seals import (
    ERASURE,
    GENESIS,
    HEAD,
    ROW,
    ChainHead,
    DeletionRecord,
    LedgerEntry,
    Problem,
    SealedRow,
    SealKey,
    Verification,
    live_row_entries,
    make_erasure_entry,
    make_head,
    make_row_entry,
    reseal_chain,
    row_content,
    verify_chain,
)
from typing_test.store.database import Store, now_iso

if TYPE_CHECKING:  # imported by the start-up, which needs no sqlite-utils
    import sqlite_utils

LEDGER_TABLE = "seal_ledger"
HEAD_TABLE = "seal_head"
_ENTRY_COLUMNS = "seq, kind, table_name, row_id, content_mac, previous, seal, erased"


@dataclass(frozen=True)
class SealedTable:
    """How a table's rows are sealed: the column naming a row, and an SQL
    condition saying which rows must carry a seal (None: every row). A row
    that need not be sealed (a step still running) is still checked once it is."""

    primary_key: str = "id"
    must_be_sealed: str | None = None


# The tables whose rows are sealed. Each finished screening step, and each
# deletion of personal data (who, when, how many rows), is sealed; a table
# that does not exist yet is simply skipped.
SEALED_TABLES: dict[str, SealedTable] = {
    "screening_steps": SealedTable("id"),
    "deletions": SealedTable("id"),
    # A screening is sealed when it finishes: its outcome, its candidate and
    # the battery snapshot it was judged by. One still running has no seal.
    "screenings": SealedTable("id", must_be_sealed="status != 'in_progress'"),
}


class SealsBroken(Exception):
    """The seals do not all hold, so the chain cannot be re-sealed under a new
    key: that would make the tampered rows look sound."""

    def __init__(self, verification: Verification):
        self.verification = verification
        count = len(verification.problems)
        super().__init__(
            f"{count:,} seal{'s' if count != 1 else ''} do not hold (first: "
            f"{verification.problems[0]}); re-sealing them under a new password would hide "
            "that, so nothing was changed: run 'typing-test verify' to see every problem"
        )


def create_ledger_tables(db: sqlite_utils.Database) -> None:
    """The ledger (one entry per seal, in chain order) and the chain's head (one row)."""
    db[LEDGER_TABLE].create(
        {
            "seq": int,
            "kind": str,
            "table_name": str,
            "row_id": str,
            "content_mac": str,
            "previous": str,
            "seal": str,
            "hints": str,  # JSON {column: short MAC}, only to name a changed column
            "erased": str,  # JSON list of seqs, for an erasure
            "sealed_at": str,
        },
        pk="seq",
        not_null={"kind", "table_name", "content_mac", "previous", "seal"},
    )
    db[LEDGER_TABLE].create_index(["table_name", "row_id"])
    db[HEAD_TABLE].create({"id": int, "count": int, "last_seal": str, "mac": str}, pk="id")


@contextmanager
def write_transaction(store: Store) -> Iterator[sqlite3.Connection]:
    """A write transaction on the store's connection, or the caller's own if one
    is open (so a row and its seal are written together)."""
    conn = store.db.conn
    if conn.in_transaction:
        yield conn
        return
    with conn:
        conn.execute("BEGIN IMMEDIATE")
        yield conn


@contextmanager
def _read_transaction(store: Store) -> Iterator[sqlite3.Connection]:
    """One snapshot for a whole check: a step sealed meanwhile by the app is
    either wholly in it or wholly out."""
    conn = store.db.conn
    if conn.in_transaction:
        yield conn
        return
    conn.execute("BEGIN")
    try:
        yield conn
    finally:
        conn.execute("COMMIT")


def start_chain(store: Store, key: SealKey) -> None:
    """Write the head of an empty chain, when there is no head yet. Done when the
    admin password is first set: from then on a deleted head is noticed."""
    with write_transaction(store) as conn:
        if _read_head(conn) is None and _last_entry(conn) is None:
            _write_head(conn, make_head(key, 0, GENESIS))


def seal_row(store: Store, key: SealKey, table: str, row_id: str) -> int:
    """Seal the row ``row_id`` of ``table`` (one of SEALED_TABLES) as it is now;
    return its place in the chain. Sealing a row again (after a recorded
    change) makes the new seal the one its content is checked against.

    Raises KeyError when there is no such row, ValueError for a table that is
    not sealed. When the chain's head does not match its end (someone cut
    the chain), the row is still sealed but the head is left as it is, so
    ``verify_all`` keeps reporting the damage.
    """
    spec = _sealed_table(table)
    with write_transaction(store) as conn:
        row = _read_row(conn, table, spec, row_id)
        if row is None:
            raise KeyError(f"{table} has no row {row_id!r} to seal")
        return _append(conn, key, lambda seq, previous: make_row_entry(
            key, seq, table, str(row_id), row_content(row), previous))


class LedgerSealer:
    """What the writing functions of ``store.screenings`` take as ``sealer``:
    it seals each row they write, and records each sealed row they delete on
    purpose as an erasure, with one key, in their transaction.

    Calling it seals a row (``sealer(conn, table, row)``), so a plain function
    of that shape can stand in where only sealing is needed; ``erase`` deletes
    rows of a sealed table and records it (see :func:`erase_sealed_rows`).
    """

    def __init__(self, store: Store, key: SealKey):
        self._store = store
        self._key = key

    def __call__(self, conn: sqlite3.Connection, table: str, row: dict) -> None:
        """Seal ``row`` of ``table`` as it now stands in the database."""
        self._check_connection(conn)
        seal_row(self._store, self._key, table, str(row[_sealed_table(table).primary_key]))

    def erase(self, conn: sqlite3.Connection, table: str, row_ids: list[str]) -> int:
        """Delete the rows ``row_ids`` of ``table`` and record the erasure in the
        chain; return how many rows were deleted."""
        self._check_connection(conn)
        return erase_sealed_rows(self._store, self._key, table, row_ids)

    def _check_connection(self, conn: sqlite3.Connection) -> None:
        # The seal must be written in the caller's transaction, on its connection.
        if conn is not self._store.db.conn:
            raise ValueError("this sealer belongs to another store's connection")

    def __repr__(self) -> str:
        return "LedgerSealer(<key hidden>)"


def sealer_for(store: Store, key: SealKey) -> LedgerSealer:
    """The ``sealer`` that the writing functions of ``store.screenings`` take:
    it seals each row they write, and records the sealed rows they delete
    (a candidate deleted on request, a retention purge) as an erasure, with
    ``key``, in their transaction: for example ``S.record_step(store, sid, 0,
    row, sealer=sealer_for(store, key))`` or ``S.delete_candidate(store, cid,
    who="HR", sealer=sealer_for(store, key))`` (tests/test_screening_seals.py
    and tests/test_erasures.py run them so).
    """
    return LedgerSealer(store, key)


def erase_sealed_rows(store: Store, key: SealKey, table: str, row_ids: list[str]) -> int:
    """Delete rows of a sealed table on purpose (a candidate's request, a
    retention purge) and record it in the chain; return how many rows were deleted.

    The erasure is itself an entry of the chain, so ``verify_all`` still holds
    and counts the rows erased. The column hints of the erased rows are
    cleared: nothing derived from their personal data stays. Record who asked
    and why in a sealed row of its own (the ``deletions`` table).
    """
    spec = _sealed_table(table)
    with write_transaction(store) as conn:
        deleted, erased = 0, []
        for row_id in row_ids:
            newest = conn.execute(
                f"SELECT max(seq) FROM {LEDGER_TABLE} "
                "WHERE kind = ? AND table_name = ? AND row_id = ?",
                [ROW, table, str(row_id)],
            ).fetchone()[0]
            cursor = conn.execute(
                f"DELETE FROM {_quote(table)} WHERE {_quote(spec.primary_key)} = ?", [row_id]
            )
            deleted += cursor.rowcount
            if cursor.rowcount and newest is not None:
                erased.append(newest)
        if erased:
            erased.sort()
            _append(conn, key, lambda seq, previous: make_erasure_entry(
                key, seq, table, erased, previous))
            conn.executemany(f"UPDATE {LEDGER_TABLE} SET hints = NULL WHERE seq = ?",
                             [(seq,) for seq in erased])
    return deleted


def verify_all(store: Store, key: SealKey) -> Verification:
    """Check every seal in the database with ``key``: the chain, its head, and
    every row of every sealed table. ``.problems`` lists each broken row and
    what is wrong with it (empty when all hold); ``.summary()`` says what holds.
    """
    with _read_transaction(store) as conn:
        missing = [name for name in (LEDGER_TABLE, HEAD_TABLE) if not _table_exists(conn, name)]
        if missing:
            return Verification(problems=[Problem(
                HEAD, f"the seal tables are missing ({', '.join(missing)}): they were deleted")])
        entries = _entries(conn)
        tables = dict(SEALED_TABLES)
        for entry in entries:  # a table sealed once but no longer listed is still checked
            tables.setdefault(entry.table, SealedTable())
        verification = verify_chain(key, entries, _read_head(conn), _rows(conn, tables),
                                    load_hints=lambda seq: _hints(conn, seq))
        verification.deletions = _deletion_records(conn)
        return verification


def reseal_all(store: Store, old_key: SealKey, new_key: SealKey) -> int:
    """Seal again with ``new_key`` everything ``old_key`` sealed, in one
    transaction; return how many seals were rewritten.

    Raises SealsBroken (and changes nothing) when the seals do not all hold
    under ``old_key``: re-sealing would make tampered rows look sound.
    """
    with write_transaction(store) as conn:
        verification = verify_all(store, old_key)
        if not verification.ok:
            raise SealsBroken(verification)
        entries = _entries(conn)
        live, _erased = live_row_entries(entries)
        contents = {}
        for (table, row_id), entry in live.items():
            spec = SEALED_TABLES.get(table, SealedTable())
            contents[entry.seq] = row_content(_read_row(conn, table, spec, row_id))
        resealed, head = reseal_chain(new_key, entries, contents)
        conn.executemany(
            f"UPDATE {LEDGER_TABLE} SET content_mac = ?, previous = ?, seal = ?, hints = ? "
            "WHERE seq = ?",
            [(entry.content_mac, entry.previous, entry.seal,
              json.dumps(entry.hints) if entry.hints else None, entry.seq)
             for entry in resealed],
        )
        _write_head(conn, head)
    return len(resealed)


def seal_count(store: Store) -> int:
    """How many entries the ledger holds."""
    return store.db.conn.execute(f"SELECT count(*) FROM {LEDGER_TABLE}").fetchone()[0]


def ledger_in_use(store: Store) -> bool:
    """Whether anything has been sealed, or a sealed table holds rows: then a
    missing admin password record means it was deleted, not never set."""
    conn = store.db.conn
    if _read_head(conn) is not None or _last_entry(conn) is not None:
        return True
    return any(
        conn.execute(f"SELECT 1 FROM {_quote(table)} LIMIT 1").fetchone() is not None
        for table in SEALED_TABLES if _table_exists(conn, table)
    )


# Reading and writing ---------------------------------------------------------------


def _sealed_table(table: str) -> SealedTable:
    try:
        return SEALED_TABLES[table]
    except KeyError:
        raise ValueError(f"{table} is not a sealed table (see SEALED_TABLES)") from None


def _append(conn: sqlite3.Connection, key: SealKey, make_entry) -> int:
    """Add the entry ``make_entry(seq, previous)`` at the chain's end and move
    the head, unless the head did not match the end (then it stays as evidence)."""
    last = _last_entry(conn)
    seq, previous = (last[0] + 1, last[1]) if last else (1, GENESIS)
    head = _read_head(conn)
    # The head holds when it names the last entry and its MAC is the key's: a
    # middle entry taken out would break a link, so its count can be trusted.
    head_matches = (head is None and last is None) or (
        head is not None and head.last_seal == previous
        and hmac.compare_digest(make_head(key, head.count, head.last_seal).mac.encode(),
                                head.mac.encode())
    )
    count = head.count if head is not None and head_matches else 0
    entry: LedgerEntry = make_entry(seq, previous)
    conn.execute(
        f"INSERT INTO {LEDGER_TABLE} (seq, kind, table_name, row_id, content_mac, previous, "
        "seal, hints, erased, sealed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [entry.seq, entry.kind, entry.table, entry.row_id, entry.content_mac, entry.previous,
         entry.seal, json.dumps(entry.hints) if entry.hints else None,
         json.dumps(list(entry.erased)) if entry.kind == ERASURE else None, now_iso()],
    )
    if head_matches:
        _write_head(conn, make_head(key, count + 1, entry.seal))
    return seq


def _last_entry(conn: sqlite3.Connection) -> tuple[int, str] | None:
    return conn.execute(
        f"SELECT seq, seal FROM {LEDGER_TABLE} ORDER BY seq DESC LIMIT 1"
    ).fetchone()


def _read_head(conn: sqlite3.Connection) -> ChainHead | None:
    row = conn.execute(f"SELECT count, last_seal, mac FROM {HEAD_TABLE} WHERE id = 1").fetchone()
    if row is None:
        return None
    count, last_seal, mac = row
    # A damaged or edited value still reads as a head, one whose MAC fails.
    return ChainHead(count if isinstance(count, int) else -1, str(last_seal), str(mac))


def _write_head(conn: sqlite3.Connection, head: ChainHead) -> None:
    conn.execute(
        f"INSERT OR REPLACE INTO {HEAD_TABLE} (id, count, last_seal, mac) VALUES (1, ?, ?, ?)",
        [head.count, head.last_seal, head.mac],
    )


def _entries(conn: sqlite3.Connection) -> list[LedgerEntry]:
    """Every ledger entry in chain order, without the hints (read only when needed)."""
    return [
        LedgerEntry(seq, str(kind), str(table), None if row_id is None else str(row_id),
                    str(mac), str(previous), str(seal), None, _erased(kind, erased))
        for seq, kind, table, row_id, mac, previous, seal, erased in conn.execute(
            f"SELECT {_ENTRY_COLUMNS} FROM {LEDGER_TABLE} ORDER BY seq")
    ]


def _erased(kind: str, text: str | None) -> tuple[int, ...]:
    """An erasure's list of seqs; () when unreadable (its MAC then fails)."""
    if kind != ERASURE or text is None:
        return ()
    try:
        seqs = json.loads(text)
    except (TypeError, ValueError, RecursionError):
        return ()
    if not isinstance(seqs, list) or not all(type(seq) is int for seq in seqs):
        return ()
    return tuple(seqs)


def _deletion_records(conn: sqlite3.Connection) -> list[DeletionRecord]:
    """The recorded deletions of personal data, oldest first (their rows are
    sealed: a changed one is among the problems)."""
    if not _table_exists(conn, "deletions"):
        return []
    return [
        DeletionRecord(str(who), str(at), str(what),
                       total if isinstance(total, int) else 0)
        for who, at, what, total in conn.execute(
            "SELECT who, at, what, total_rows FROM deletions ORDER BY id")
    ]


def _hints(conn: sqlite3.Connection, seq: int) -> dict[str, str] | None:
    row = conn.execute(f"SELECT hints FROM {LEDGER_TABLE} WHERE seq = ?", [seq]).fetchone()
    try:
        hints = json.loads(row[0]) if row and row[0] else None
    except (TypeError, ValueError, RecursionError):
        return None
    return hints if isinstance(hints, dict) else None


def _read_row(conn: sqlite3.Connection, table: str, spec: SealedTable,
              row_id: str) -> dict | None:
    cursor = conn.execute(
        f"SELECT * FROM {_quote(table)} WHERE {_quote(spec.primary_key)} = ?", [row_id]
    )
    values = cursor.fetchone()
    if values is None:
        return None
    return dict(zip([column[0] for column in cursor.description], values, strict=True))


_MUST = "__must_be_sealed__"


def _rows(conn: sqlite3.Connection, tables: dict[str, SealedTable]) -> Iterator[SealedRow]:
    """Every row of the sealed tables that exist, one at a time."""
    for table, spec in tables.items():
        if not _table_exists(conn, table):
            continue  # its sealed rows, if any, are reported as deleted
        condition = spec.must_be_sealed or "1"
        cursor = conn.execute(f"SELECT *, ({condition}) AS {_MUST} FROM {_quote(table)}")
        names = [column[0] for column in cursor.description]
        key_index = names.index(spec.primary_key)
        for values in cursor:
            row = dict(zip(names, values, strict=True))
            must = bool(row.pop(_MUST))
            yield SealedRow(table, str(values[key_index]), row_content(row), must)


def _table_exists(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [name]
    ).fetchone() is not None


def _quote(name: str) -> str:
    """An SQL identifier in double quotes (table names come from SEALED_TABLES,
    never from input, but a name may still hold odd characters)."""
    return '"' + name.replace('"', '""') + '"'
