"""Tamper evidence: HMAC-SHA256 seals over stored rows, chained in a ledger.

Each sealed row gets one *ledger entry*:

- ``content_mac``: HMAC-SHA256 of the row's canonical content (``canonical_json``:
  sorted keys, no spaces, ASCII, floats as Python's shortest round-trip repr,
  NULL columns left out so that a column added by a later schema changes no
  seal), bound to the row's table and id;
- ``previous``: the seal of the entry before it (``GENESIS`` for the first);
- ``seal``: HMAC-SHA256 of the entry itself (kind, table, row id, content_mac,
  previous). The ``previous`` link chains the entries: an entry taken out,
  put in or moved breaks the link of the entry after it;
- ``hints``: a short MAC of each column, used only to name the column that
  changed when the content no longer matches (never trusted for the verdict).

A *chain head* (the number of entries and the last seal, sealed too) is kept
apart from the entries, so cutting the chain's end (the last rows together
with their entries) is found. Rows deleted on purpose (a candidate's request,
a retention purge) are recorded by an *erasure* entry listing the entries
whose rows are gone; it is chained and sealed like any other.

The key comes from the admin password (``derive_seal_key``) with a salt of
its own, so the stored password hash does not give it. Without the key a
change cannot be re-sealed; with it, anything can: see the README for what
sealing proves and what it does not.

This module is pure: the store reads rows and entries, and this module
decides what they prove.

>>> key = SealKey(bytes(32))
>>> first = make_row_entry(key, 1, "steps", "a", {"net_wpm": 31.5}, GENESIS)
>>> head = make_head(key, 1, first.seal)
>>> verify_chain(key, [first], head, [SealedRow("steps", "a", {"net_wpm": 31.5})]).ok
True
>>> [p.kind for p in verify_chain(key, [first], head,
...                              [SealedRow("steps", "a", {"net_wpm": 91.5})]).problems]
['changed']
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import math
import secrets
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

GENESIS = "0" * 64  # the "previous seal" of the first entry
ROW, ERASURE = "row", "erasure"  # the kinds of ledger entry
SEAL_SALT_BYTES = 16
HINT_HEX_DIGITS = 8  # a column hint only names a column; 32 bits is plenty
_HKDF_INFO = b"typing-test seal key v1"

# Problem kinds, one per way a chain can be broken.
CHANGED = "changed"  # a sealed row's content differs from what was sealed
DELETED = "deleted"  # a sealed row is gone and no erasure records it
INSERTED = "inserted"  # a row that must be sealed has no seal
REORDERED = "reordered"  # an entry stands elsewhere than where it was sealed
MISSING_ENTRY = "missing entry"  # an entry was taken out of the middle of the chain
FORGED = "forged"  # an entry whose own seal does not hold (edited, or made without the key)
TRUNCATED = "truncated"  # the chain's end is missing
HEAD = "head"  # the chain head is missing, altered or older than the chain


class SealKey:
    """The 32-byte seal key. It lives only in memory and never prints itself.

    >>> SealKey(bytes(32))
    SealKey(<hidden>)
    """

    __slots__ = ("_secret",)

    def __init__(self, secret: bytes):
        if len(secret) != 32:
            raise ValueError("a seal key is 32 bytes")
        self._secret = bytes(secret)

    def mac(self, purpose: str, value: object) -> str:
        """HMAC-SHA256 (hex) of ``value``'s canonical JSON, for one ``purpose``
        (each use has its own, so a MAC made for one can never pass for another)."""
        message = purpose.encode("ascii") + b"\0" + canonical_json(value)
        return hmac.digest(self._secret, message, "sha256").hex()

    def __repr__(self) -> str:
        return "SealKey(<hidden>)"


def new_seal_salt() -> str:
    """A fresh self-describing seal salt to store: 'hkdf-sha256$<base64 salt>'."""
    return "hkdf-sha256$" + base64.b64encode(secrets.token_bytes(SEAL_SALT_BYTES)).decode()


def derive_seal_key(key_material: bytes, seal_salt: str) -> SealKey:
    """The seal key: HKDF-SHA256 (RFC 5869) over the password's key material
    (``passwords.Stretched.key_material``) with the seal's own salt.

    >>> salt = "hkdf-sha256$" + "A" * 22 + "=="
    >>> derive_seal_key(bytes(32), salt).mac("x", 1) == derive_seal_key(bytes(32), salt).mac("x", 1)
    True
    """
    algorithm, _, encoded = seal_salt.partition("$") if isinstance(seal_salt, str) else ("", "", "")
    try:
        salt = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        salt = b""
    if algorithm != "hkdf-sha256" or len(salt) < SEAL_SALT_BYTES:
        raise ValueError("the stored seal salt is damaged")
    pseudo_random_key = hmac.digest(salt, key_material, "sha256")  # HKDF-Extract
    return SealKey(hmac.digest(pseudo_random_key, _HKDF_INFO + b"\x01", "sha256"))  # Expand


# Canonical content -------------------------------------------------------------


def canonical_json(value: object) -> bytes:
    """One byte string per value, the same on every run and machine: keys
    sorted, no spaces, ASCII only, floats by their shortest round-trip repr
    (31.5 stays 31.5; 1 and 1.0 differ, as SQLite keeps them apart),
    non-finite floats and bytes tagged.

    >>> canonical_json({"b": 1.0, "a": [1, "é", None]})
    b'{"a":[1,"\\\\u00e9",null],"b":1.0}'
    >>> canonical_json({"x": float("inf"), "y": b"\\x01"})
    b'{"x":{"$float":"inf"},"y":{"$bytes":"AQ=="}}'
    """
    return json.dumps(
        _plain(value), sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False
    ).encode("ascii")


def _plain(value: object) -> object:
    """``value`` with what JSON cannot hold tagged. The common types are
    tested first and exactly: a check reads every cell of 50,000 rows."""
    kind = type(value)
    if kind is str or kind is int or value is None:
        return value
    if kind is float:
        return value if math.isfinite(value) else {"$float": repr(value)}
    if kind is dict:
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, bytes | bytearray | memoryview):
        return {"$bytes": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, bool):
        return value
    for base in (str, int, float):  # a subclass (DamagedText) as its plain type
        if isinstance(value, base):
            return _plain(base(value))
    raise TypeError(f"cannot seal a value of type {type(value).__name__}")


def row_content(row: Mapping[str, object]) -> dict[str, object]:
    """What a row's seal covers: every column but the NULL ones.

    Leaving NULLs out keeps the seals of old rows whole when a later schema
    adds a column; a value set to NULL, or a NULL given a value, still
    changes the content.

    >>> row_content({"id": "a", "score": 31.5, "notes": None})
    {'id': 'a', 'score': 31.5}
    """
    return {column: value for column, value in row.items() if value is not None}


def content_mac(key: SealKey, table: str, row_id: str, content: Mapping[str, object]) -> str:
    """The MAC of one row's content, bound to its table and id (a row's seal
    cannot be given to another row)."""
    return key.mac("row", {"table": table, "row_id": row_id, "content": content})


def column_hints(
    key: SealKey, table: str, row_id: str, content: Mapping[str, object]
) -> dict[str, str]:
    """A short MAC of each column, to name what changed; not part of the seal."""
    return {
        column: key.mac("column", [table, row_id, column, value])[:HINT_HEX_DIGITS]
        for column, value in content.items()
    }


def erasure_mac(key: SealKey, table: str, erased: Sequence[int]) -> str:
    """The MAC of an erasure: which entries' rows of ``table`` were deleted on purpose."""
    return key.mac("erasure", {"table": table, "erased": list(erased)})


# Ledger entries and the head -----------------------------------------------------


@dataclass(frozen=True)
class LedgerEntry:
    """One link of the chain. ``seq`` is its place (1, 2, ...); ``row_id`` is
    None and ``erased`` lists the seqs of the entries whose rows were deleted
    for an erasure; ``hints`` may be None (cleared when the row is erased)."""

    seq: int
    kind: str
    table: str
    row_id: str | None
    content_mac: str
    previous: str
    seal: str
    hints: dict[str, str] | None = None
    erased: tuple[int, ...] = ()


def entry_seal(key: SealKey, kind: str, table: str, row_id: str | None,
               mac: str, previous: str) -> str:
    """The seal of an entry: its own fields and the seal before it. Its place
    (seq) is left out on purpose: the ``previous`` link fixes the order, so an
    entry moved elsewhere still proves itself and reads as moved, not forged."""
    return key.mac("link", {"kind": kind, "table": table, "row_id": row_id,
                            "content_mac": mac, "previous": previous})


def make_row_entry(key: SealKey, seq: int, table: str, row_id: str,
                   content: Mapping[str, object], previous: str) -> LedgerEntry:
    """The entry sealing one row's ``content`` (see ``row_content``) after ``previous``."""
    mac = content_mac(key, table, row_id, content)
    return LedgerEntry(seq, ROW, table, row_id, mac, previous,
                       entry_seal(key, ROW, table, row_id, mac, previous),
                       column_hints(key, table, row_id, content))


def make_erasure_entry(key: SealKey, seq: int, table: str, erased: Sequence[int],
                       previous: str) -> LedgerEntry:
    """The entry recording that the rows of the entries ``erased`` (seqs) were deleted."""
    mac = erasure_mac(key, table, erased)
    return LedgerEntry(seq, ERASURE, table, None, mac, previous,
                       entry_seal(key, ERASURE, table, None, mac, previous),
                       None, tuple(erased))


@dataclass(frozen=True)
class ChainHead:
    """The chain's end as last written: how many entries, the last seal, and a MAC of both."""

    count: int
    last_seal: str
    mac: str

    @property
    def fingerprint(self) -> str:
        """A short name of the chain's end, for HR to note down: a later check
        showing another fingerprint with the same count means the file was swapped."""
        return self.last_seal[:12]


def make_head(key: SealKey, count: int, last_seal: str) -> ChainHead:
    """The sealed head of a chain of ``count`` entries ending in ``last_seal``."""
    return ChainHead(count, last_seal, key.mac("head", {"count": count, "last": last_seal}))


# Verification ------------------------------------------------------------------


@dataclass(frozen=True)
class SealedRow:
    """A row of a sealed table as read now: ``content`` per ``row_content``;
    ``must_be_sealed`` is False for rows the table does not seal (e.g. a step
    still in progress), which are then only checked if they carry a seal."""

    table: str
    row_id: str
    content: Mapping[str, object]
    must_be_sealed: bool = True


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the seals: what kind, which row (when known), which
    ledger entry, and a one-line explanation for HR."""

    kind: str
    message: str
    table: str | None = None
    row_id: str | None = None
    seq: int | None = None

    def __str__(self) -> str:
        where = []
        if self.table is not None and self.row_id is not None:
            where.append(f"{self.table} row {self.row_id}")
        elif self.table is not None:
            where.append(self.table)
        if self.seq is not None:
            where.append(f"seal #{self.seq}")
        return f"{', '.join(where) or 'the chain'}: {self.message}"


@dataclass(frozen=True)
class DeletionRecord:
    """A recorded deletion of personal data, as its sealed row says: who, when
    (ISO 8601), what ("candidate" or "retention-purge") and how many rows in all."""

    who: str
    at: str
    what: str
    total_rows: int

    def __str__(self) -> str:
        """
        >>> str(DeletionRecord("HR: Maria Santos", "2026-03-02T10:00:00+00:00", "candidate", 13))
        '2026-03-02T10:00:00+00:00 by HR: Maria Santos: candidate, 13 rows'
        """
        return f"{self.at} by {self.who}: {self.what}, {self.total_rows:,} row{_s(self.total_rows)}"


@dataclass
class Verification:
    """What a check found: the problems (none when every seal holds), counts
    for the summary, and the recorded deletions (who erased how many rows, when)."""

    problems: list[Problem] = field(default_factory=list)
    entries: int = 0
    rows_by_table: dict[str, int] = field(default_factory=dict)  # rows whose seals hold
    erased_rows: int = 0
    erasures: int = 0
    head: ChainHead | None = None
    deletions: list[DeletionRecord] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        """One line: what holds.

        >>> Verification(entries=3, rows_by_table={"steps": 2}, erased_rows=1, erasures=1,
        ...              head=ChainHead(3, "ab" * 32, "")).summary()
        'all seals hold: 2 rows (steps 2), 1 row erased on request (1 erasure); 3 seals, \
chain head abababababab'
        """
        rows = sum(self.rows_by_table.values())
        tables = ", ".join(f"{table} {count:,}" for table, count in sorted(
            self.rows_by_table.items()))
        text = f"{rows:,} row{_s(rows)}" + (f" ({tables})" if tables else "")
        if self.erasures:
            text += (f", {self.erased_rows:,} row{_s(self.erased_rows)} erased on request "
                     f"({self.erasures:,} erasure{_s(self.erasures)})")
        if self.deletions:
            text += (f", {len(self.deletions):,} deletion{_s(len(self.deletions))} recorded "
                     f"(latest {self.deletions[-1]})")
        verdict = "all seals hold" if self.ok else f"{len(self.problems):,} problem" + _s(
            len(self.problems))
        head = f", chain head {self.head.fingerprint}" if self.head else ""
        return f"{verdict}: {text}; {self.entries:,} seal{_s(self.entries)}{head}"


def _s(count: int) -> str:
    return "" if count == 1 else "s"


def verify_chain(key: SealKey, entries: Sequence[LedgerEntry], head: ChainHead | None,
                 rows: Iterable[SealedRow],
                 load_hints: Callable[[int], dict[str, str] | None] | None = None
                 ) -> Verification:
    """Check the ledger ``entries`` (in seq order), the ``head`` and the rows as
    they are now; every problem names the row and what is wrong with it.

    ``rows`` is read once, as it comes (a table of 50,000 rows need not be in
    memory): it must hold every row of every sealed table. ``load_hints(seq)``
    gives an entry's column hints when its row changed (the store reads them
    only then); without it the entries' own ``hints`` are used.
    """
    result = Verification(entries=len(entries), head=head)
    problems = result.problems
    by_seal = {entry.seal: entry for entry in entries}
    sound: list[LedgerEntry] = []
    expected_previous = GENESIS
    for position, entry in enumerate(entries):
        if not _entry_holds(key, entry):
            problems.append(Problem(
                FORGED, "this ledger entry was altered, or written without the key",
                entry.table, entry.row_id, entry.seq))
        else:
            sound.append(entry)
            if entry.previous != expected_previous:
                before = entries[position - 1] if position else None
                problems.append(_link_problem(entry, before, by_seal))
        expected_previous = entry.seal
    live, erased = live_row_entries(sound)
    result.erasures = sum(entry.kind == ERASURE for entry in sound)
    result.erased_rows = len(erased)
    problems.extend(_head_problems(key, entries, head, by_seal))

    for row in rows:
        entry = live.pop((row.table, row.row_id), None)
        if entry is None:
            if (row.table, row.row_id) in erased:
                problems.append(Problem(
                    INSERTED, "this row was erased on request, and is back without a seal",
                    row.table, row.row_id))
            elif row.must_be_sealed:
                problems.append(Problem(
                    INSERTED, "this row has no seal: it was added outside the app, or after "
                    "its seal was removed", row.table, row.row_id))
            continue
        if _same(content_mac(key, row.table, row.row_id, row.content),
                               entry.content_mac):
            result.rows_by_table[row.table] = result.rows_by_table.get(row.table, 0) + 1
        else:
            hints = load_hints(entry.seq) if load_hints else entry.hints
            problems.append(Problem(CHANGED, _what_changed(key, hints, row),
                                    row.table, row.row_id, entry.seq))
    for (table, row_id), entry in live.items():
        problems.append(Problem(
            DELETED, "this sealed row was deleted, and no erasure records it",
            table, row_id, entry.seq))
    return result


def live_row_entries(
    entries: Iterable[LedgerEntry],
) -> tuple[dict[tuple[str, str], LedgerEntry], set[tuple[str, str]]]:
    """The newest entry of each row still expected to exist, by (table, row id),
    and the (table, row id) of the rows erased on purpose. ``entries`` are
    sound ones, in chain order: a row sealed again is checked against its
    newest seal; an erasure takes its rows out.

    >>> key = SealKey(bytes(32))
    >>> a = make_row_entry(key, 1, "t", "a", {}, GENESIS)
    >>> b = make_row_entry(key, 2, "t", "b", {}, a.seal)
    >>> gone = make_erasure_entry(key, 3, "t", [1], b.seal)
    >>> live, erased = live_row_entries([a, b, gone])
    >>> sorted(live), erased
    ([('t', 'b')], {('t', 'a')})
    """
    live: dict[tuple[str, str], LedgerEntry] = {}
    by_seq: dict[int, LedgerEntry] = {}
    erased: set[tuple[str, str]] = set()
    for entry in entries:
        by_seq[entry.seq] = entry
        if entry.kind == ROW:
            live[(entry.table, entry.row_id)] = entry
            erased.discard((entry.table, entry.row_id))
            continue
        for seq in entry.erased:
            gone = by_seq.get(seq)
            if gone is not None and live.get((gone.table, gone.row_id)) is gone:
                del live[(gone.table, gone.row_id)]
                erased.add((gone.table, gone.row_id))
    return live, erased


def _same(mac: str, other: str) -> bool:
    """Whether two MACs are equal, in constant time (``hmac.compare_digest``).
    Compared as UTF-8 bytes: a value edited in the file may hold any character.

    >>> _same("ab", "ab"), _same("ab", "é")
    (True, False)
    """
    return hmac.compare_digest(str(mac).encode("utf-8"), str(other).encode("utf-8"))


def _entry_holds(key: SealKey, entry: LedgerEntry) -> bool:
    """Whether an entry's own seal (and an erasure's list) is what the key gives."""
    if entry.kind == ERASURE:
        if not _same(erasure_mac(key, entry.table, entry.erased),
                                   entry.content_mac):
            return False
    elif entry.kind != ROW or entry.row_id is None:
        return False
    expected = entry_seal(key, entry.kind, entry.table, entry.row_id, entry.content_mac,
                          entry.previous)
    return _same(expected, entry.seal)


def _link_problem(entry: LedgerEntry, before: LedgerEntry | None,
                  by_seal: Mapping[str, LedgerEntry]) -> Problem:
    """An entry whose own seal holds, but which does not follow the entry before it."""
    where = f"seal #{before.seq}" if before else "the start of the chain"
    if entry.previous == GENESIS:
        message = f"out of order: it was the chain's first seal, and now follows {where}"
        return Problem(REORDERED, message, entry.table, entry.row_id, entry.seq)
    sealed_after = by_seal.get(entry.previous)
    if sealed_after is not None:
        message = (f"out of order: it was sealed right after seal #{sealed_after.seq} "
                   f"({_name(sealed_after)}), and now follows {where}")
        return Problem(REORDERED, message, entry.table, entry.row_id, entry.seq)
    return Problem(MISSING_ENTRY, f"the seal before it is missing from the ledger: an entry "
                   f"between {where} and this one was deleted", entry.table, entry.row_id,
                   entry.seq)


def _name(entry: LedgerEntry) -> str:
    return f"{entry.table} row {entry.row_id}" if entry.row_id else f"an erasure in {entry.table}"


def _head_problems(key: SealKey, entries: Sequence[LedgerEntry], head: ChainHead | None,
                   by_seal: Mapping[str, LedgerEntry]) -> list[Problem]:
    last_seal = entries[-1].seal if entries else GENESIS
    if head is None:
        if not entries:
            return []
        return [Problem(HEAD, f"the chain's head record is missing, so its end cannot be "
                        f"confirmed ({len(entries):,} seals in the ledger)")]
    if not _same(make_head(key, head.count, head.last_seal).mac, head.mac):
        return [Problem(HEAD, "the chain's head record was altered")]
    if head.count == len(entries) and head.last_seal == last_seal:
        return []
    if head.count > len(entries) and head.last_seal not in by_seal:
        missing = head.count - len(entries)
        return [Problem(TRUNCATED, f"the chain is cut short: it ended at seal #{head.count}, "
                        f"and the last {missing:,} seal{_s(missing)} (and the rows "
                        "they sealed, unless listed above as unsealed) are gone")]
    if head.last_seal in by_seal:
        newer = len(entries) - head.count
        return [Problem(HEAD, f"the chain's head record is older than the chain ({newer:,} "
                        f"seal{_s(newer)} past it): it was replaced by an old copy")]
    return [Problem(HEAD, f"the chain's head record names seal #{head.count}, which is not in "
                    "the ledger")]


def _what_changed(key: SealKey, hints: Mapping[str, str] | None, row: SealedRow) -> str:
    """'its content changed since it was sealed (net_wpm)', naming the columns
    whose hints no longer match when the hints are there."""
    if not hints:
        return "its content changed since it was sealed"
    now = column_hints(key, row.table, row.row_id, row.content)
    columns = sorted(
        column for column in set(now) | set(hints)
        if not _same(now.get(column, ""), str(hints.get(column, "")))
    )
    if not columns:
        return "its content changed since it was sealed"
    return f"its content changed since it was sealed ({', '.join(columns)})"


# Re-sealing under a new key ----------------------------------------------------


def reseal_chain(new_key: SealKey, entries: Sequence[LedgerEntry],
                 live_contents: Mapping[int, Mapping[str, object]]
                 ) -> tuple[list[LedgerEntry], ChainHead]:
    """The same chain sealed with ``new_key``, and its head.

    ``live_contents`` maps the seq of each live row entry (its row still there,
    and this its newest entry) to the row's content now; the caller has
    verified the chain with the old key first, so that content is what was
    sealed. Older entries keep their content MAC as an opaque value (their
    rows are gone or changed since, legitimately), linked anew.
    """
    resealed: list[LedgerEntry] = []
    previous = GENESIS
    for entry in entries:  # each keeps its seq: erasures name entries by it
        if entry.kind == ERASURE:
            new = make_erasure_entry(new_key, entry.seq, entry.table, entry.erased, previous)
        elif entry.seq in live_contents:
            new = make_row_entry(new_key, entry.seq, entry.table, entry.row_id,
                                 live_contents[entry.seq], previous)
        else:
            new = LedgerEntry(entry.seq, ROW, entry.table, entry.row_id, entry.content_mac,
                              previous, entry_seal(new_key, ROW, entry.table, entry.row_id,
                                                   entry.content_mac, previous))
        resealed.append(new)
        previous = new.seal
    return resealed, make_head(new_key, len(resealed), previous)

