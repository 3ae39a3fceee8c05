"""Exporting attempts to CSV and Excel for trainers and hiring managers.

One row per attempt, with the candidate, role, battery, date and every figure
of its kind. Rows are read from SQLite a batch at a time and written as they
come, never the whole table, and the keystroke logs and answers are never
read: an export of 100,000 attempts stays small in memory.

**No exported cell can run as a formula.** A text that starts with ``=``,
``+``, ``-``, ``@``, a tab, a carriage return or a line feed is a formula (or
becomes one) to a spreadsheet: in CSV it is prefixed with a single quote and
quoted, as OWASP advises; in Excel every text is written as a string cell,
never a formula, whatever it starts with. Numbers stay numbers and dates
become dates.

The file appears at its path only when the export is complete: it is written
to a temporary file beside it and renamed, so a failure or a cancel leaves
nothing half-written (and an older file at that path untouched).

>>> import tempfile, pathlib
>>> from typing_test.store.database import Store
>>> store = Store.open(":memory:")
>>> _ = store.save_attempt({"kind": "typing", "candidate": "=HYPERLINK(1)", "score": 31.5,
...                         "started_at": "2026-03-02T09:30:00+00:00"})
>>> out = pathlib.Path(tempfile.mkdtemp()) / "results.csv"
>>> export(store, out, "csv")
1
>>> out.read_text(encoding="utf-8-sig").splitlines()[1].split(",")[:3]
['"2026-03-02 09:30"', '"\\'=HYPERLINK(1)"', '""']
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from typing_test.core.screening.batteries import shown_figure, shown_kph
from typing_test.store.database import Store

FORMATS = ("csv", "xlsx")
# What a spreadsheet takes for the start of a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
BATCH_ROWS = 2000

# (header, how to get the value from a row read by _rows, kind: text|number|date)
Column = tuple[str, Callable[[dict], object], str]


def neutralise(text: str) -> str:
    """``text`` made safe for a CSV cell: a quote before a formula's first
    character, so the spreadsheet shows it as text instead of running it.

    >>> neutralise("=1+1"), neutralise("-2"), neutralise("Ana"), neutralise("")
    ("'=1+1", "'-2", 'Ana', '')
    """
    return "'" + text if text.startswith(FORMULA_STARTS) else text


@dataclass(frozen=True)
class Filters:
    """Which attempts to export; every filter left as None takes all.

    ``since`` and ``until`` are dates (``YYYY-MM-DD``), both included.
    ``candidate`` is a practising person's name or a screened candidate's UUID.
    """

    candidate: str | None = None
    role: str | None = None
    kind: str | None = None
    since: str | None = None
    until: str | None = None
    include_screenings: bool = True

    def where(self) -> tuple[str, list[object]]:
        """The SQL condition on ``attempts a`` (joined to ``candidates c``)."""
        clauses, params = self.conditions({
            "candidate": "a.candidate = ?", "role": "c.role = ?", "kind": "a.kind = ?",
            "since": "a.started_at >= ?", "until": "a.started_at < ?"})
        clauses.insert(0, "a.status != 'in-progress'")
        if not self.include_screenings:
            clauses.append("a.screening_id IS NULL")
        return " AND ".join(clauses), params

    def conditions(self, sql: dict[str, str]) -> tuple[list[str], list[object]]:
        """One clause of ``sql`` (by filter name, with one ``?``) for each filter
        set, and the parameters; ``until`` takes the whole of its day."""
        clauses, params = [], []
        for name, clause in sql.items():
            value = getattr(self, name)
            if value is not None:
                clauses.append(clause)
                params.append(value + "\uffff" if name == "until" else value)
        return clauses, params


EVERYTHING = Filters()  # no filter: every attempt


def _figure(name: str) -> Callable[[dict], object]:
    return lambda row: row["figures"].get(name)


# Kinds that set no pass bar (drills, targeted practice): "Completed", never
# "Fail", as the History list says.
KINDS_WITHOUT_A_BAR = ("proofreading", "writing", "targeted")


def _passed(row: dict) -> str:
    if row["status"] != "completed":
        return row["status"].capitalize()
    if row["kind"] in KINDS_WITHOUT_A_BAR:
        return "Completed"
    return "Pass" if row["passed"] else "Fail"


def _topics(row: dict) -> str:
    topics = row["figures"].get("topics") or []
    return "; ".join(f"{topic.get('title', topic.get('topic', ''))} {topic.get('percent', 0):g}%"
                     for topic in topics if isinstance(topic, dict))


def _incidents(row: dict) -> str:
    counts: dict[str, int] = {}
    for event in row["events"]:
        if isinstance(event, dict) and event.get("kind"):
            counts[event["kind"]] = counts.get(event["kind"], 0) + 1
    return "; ".join(f"{kind} x{count}" for kind, count in sorted(counts.items()))


def _flags(row: dict) -> str:
    """The automation flags stored with a typing test (never a fail)."""
    flags = row["figures"].get("flags") or []
    return "; ".join(str(flag.get("code", "")) for flag in flags if isinstance(flag, dict))


COLUMNS: list[Column] = [
    ("Date", lambda row: row["started_at"], "date"),
    ("Candidate", lambda row: row["candidate_name"] or row["candidate"], "text"),
    ("Role", lambda row: row["role"], "text"),
    ("Battery", lambda row: row["battery"], "text"),
    ("Activity", lambda row: row["kind"], "text"),
    ("Item", lambda row: row["item_title"], "text"),
    ("Result", _passed, "text"),
    ("Score", lambda row: row["score"], "number"),
    ("Accuracy %", lambda row: row["accuracy"], "number"),
    ("Net WPM", _figure("net_wpm"), "number"),
    ("Gross WPM", _figure("gross_wpm"), "number"),
    ("Uncorrected errors", _figure("uncorrected_errors"), "number"),
    ("Corrected errors", _figure("corrected_errors"), "number"),
    ("Keystrokes per hour", _figure("kph"), "number"),
    ("Questions right", _figure("correct"), "number"),
    ("Questions", _figure("total"), "number"),
    ("Score per topic", _topics, "text"),
    ("Words", _figure("word_count"), "number"),
    ("Duration s", lambda row: row["duration_s"], "number"),
    ("Incidents", _incidents, "text"),
    ("Flagged for review", _flags, "text"),
    # Merged from another PC without its password (typing-test merge --unverified).
    ("Unverified", lambda row: "unverified" if row["unverified"] else "", "text"),
    ("Attempt id", lambda row: row["id"], "text"),
]


def count(store: Store, filters: Filters = EVERYTHING) -> int:
    """How many attempts ``filters`` takes."""
    where, params = filters.where()
    return store.conn.execute(
        f"SELECT count(*) FROM attempts a {_JOINS} WHERE {where}", params).fetchone()[0]


_JOINS = ("LEFT JOIN screenings s ON s.id = a.screening_id "
          "LEFT JOIN candidates c ON c.id = s.candidate_id")


def _rows(store: Store, filters: Filters) -> Iterator[dict]:
    """The attempts ``filters`` takes, oldest first, a batch at a time: only
    the columns exported (never the keystroke log or the answers)."""
    where, params = filters.where()
    cursor = store.conn.execute(
        "SELECT a.id, a.kind, a.candidate, a.started_at, a.status, a.item_title, "
        "a.duration_s, a.score, a.accuracy, a.passed, a.figures, a.events, a.unverified, "
        "c.name AS candidate_name, c.role, json_extract(s.battery_snapshot, '$.name') "
        f"AS battery FROM attempts a {_JOINS} WHERE {where} ORDER BY a.started_at, a.id",
        params)
    names = [description[0] for description in cursor.description]
    while batch := cursor.fetchmany(BATCH_ROWS):
        for values in batch:
            row = dict(zip(names, values, strict=True))
            row["figures"] = _json(row["figures"], {})
            row["events"] = _json(row["events"], [])
            yield row


def _screening_where(filters: Filters) -> tuple[str, list[object]]:
    """The condition of ``filters`` on screenings ``s`` (joined to candidates ``c``)."""
    clauses, params = filters.conditions({
        "candidate": "s.candidate_id = ?", "role": "c.role = ?",
        "since": "s.started_at >= ?", "until": "s.started_at < ?",
        "kind": "EXISTS (SELECT 1 FROM screening_steps k WHERE k.screening_id = s.id "
                "AND k.kind = ?)"})
    return " AND ".join(["s.status != 'in_progress'", *clauses]), params


def count_screenings(store: Store, filters: Filters = EVERYTHING) -> int:
    """How many finished screenings ``filters`` takes (0 in a file without any)."""
    if not _has_screenings(store):
        return 0
    where, params = _screening_where(filters)
    return store.conn.execute(
        "SELECT count(*) FROM screenings s JOIN candidates c ON c.id = s.candidate_id "
        f"WHERE {where}", params).fetchone()[0]


def _has_screenings(store: Store) -> bool:
    return store.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'screenings'"
                              ).fetchone() is not None


def _screening_rows(store: Store, filters: Filters) -> Iterator[dict]:
    """Finished screenings, oldest first, each with its steps in one text."""
    if not _has_screenings(store):
        return
    where, params = _screening_where(filters)
    cursor = store.conn.execute(
        "SELECT s.id, s.started_at, s.status, s.outcome, s.weighted_score, s.unverified, "
        "s.override_reason, c.name, c.role, c.hr_reference, "
        "json_extract(s.battery_snapshot, '$.name') AS battery, "
        "(SELECT group_concat(k.position || char(31) || k.kind || char(31) || k.passed || "
        "char(31) || ifnull(json_extract(k.figures, '$.score'), '') || char(31) || "
        "ifnull(json_extract(k.figures, '$.accuracy'), ''), char(30)) FROM "
        "(SELECT * FROM screening_steps WHERE screening_id = s.id ORDER BY position) k) "
        "AS steps, (SELECT count(*) FROM incidents i WHERE i.screening_id = s.id) AS incidents "
        "FROM screenings s JOIN candidates c ON c.id = s.candidate_id "
        f"WHERE {where} ORDER BY s.started_at, s.id", params)
    names = [description[0] for description in cursor.description]
    while batch := cursor.fetchmany(BATCH_ROWS):
        for values in batch:
            yield dict(zip(names, values, strict=True))


def _steps_text(row: dict) -> str:
    """'1 typing 31 pass; 2 proofreading 90 pass' for a screening's steps; a
    data-entry step gives its keystrokes per hour and accuracy, the two
    figures its verdict rests on ('3 data-entry 8,000 KPH 98% pass').

    >>> _steps_text({"steps": "0\x1ftyping\x1f1\x1f31.5\x1f96\x1e"
    ...                       "1\x1fdata-entry\x1f0\x1f7999.6\x1f98.5"})
    '1 typing 31.5 pass; 2 data-entry 7,999 KPH 98.5% fail'
    """
    parts = []
    for step in (row["steps"] or "").split("\x1e"):
        if step:
            position, kind, passed, score, accuracy = step.split("\x1f")
            figure = f" {float(score):g}" if score else ""
            if kind == "data-entry" and score:
                figure = f" {shown_kph(float(score))} KPH"
                figure += f" {shown_figure(float(accuracy))}%" if accuracy else ""
            verdict = "pass" if passed == "1" else "fail"
            parts.append(f"{int(position) + 1} {kind}{figure} {verdict}")
    return "; ".join(parts)


SCREENING_COLUMNS: list[Column] = [
    ("Date", lambda row: row["started_at"], "date"),
    ("Candidate", lambda row: row["name"], "text"),
    ("HR reference", lambda row: row["hr_reference"], "text"),
    ("Role", lambda row: row["role"], "text"),
    ("Battery", lambda row: row["battery"], "text"),
    ("Status", lambda row: row["status"], "text"),
    ("Outcome", lambda row: row["outcome"], "text"),
    ("Weighted score", lambda row: row["weighted_score"], "number"),
    ("Steps (number, activity, score, result)", _steps_text, "text"),
    ("Incidents", lambda row: row["incidents"], "number"),
    ("Retake override", lambda row: row["override_reason"], "text"),
    ("Unverified", lambda row: "unverified" if row["unverified"] else "", "text"),
    ("Screening id", lambda row: row["id"], "text"),
]


def _json(text: object, empty: object) -> object:
    try:
        value = json.loads(text) if isinstance(text, str) else None
    except ValueError:  # a damaged value exports as empty
        value = None
    return value if isinstance(value, type(empty)) else empty


def _date(text: object) -> datetime | None:
    try:
        return datetime.fromisoformat(str(text)).replace(tzinfo=None)
    except ValueError:
        return None


def _number(value: object) -> float | int | None:
    if isinstance(value, bool):
        return int(value)
    return value if isinstance(value, int | float) else None


Progress = Callable[[int, int], bool]  # (rows done, rows in all) -> go on?


class ExportCancelled(Exception):
    """The person cancelled the export; nothing was written."""


def export(store: Store, path: str | Path, file_format: str, filters: Filters = EVERYTHING,
           progress: Progress | None = None, per: str = "attempt") -> int:
    """Write the attempts ``filters`` takes to ``path`` as ``file_format``
    ("csv" or "xlsx"), one row per attempt, or with ``per="screening"`` one
    row per HR screening (its steps summed up in one cell); return how many
    rows were written.

    ``progress(done, total)`` is called every batch; returning False cancels
    (ExportCancelled). Nothing appears at ``path`` unless the export is
    complete. OSError when the folder cannot be written.
    """
    if file_format not in FORMATS:
        raise ValueError(f"unknown export format {file_format!r}: use {' or '.join(FORMATS)}")
    if per not in ("attempt", "screening"):
        raise ValueError(f"one row per attempt or per screening, not {per!r}")
    path = Path(path)
    if per == "screening":
        total, rows, columns = (count_screenings(store, filters),
                                _screening_rows(store, filters), SCREENING_COLUMNS)
    else:
        total, rows, columns = count(store, filters), _rows(store, filters), COLUMNS
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part",
                                         dir=path.parent)
    os.close(handle)
    try:
        writer = _write_csv if file_format == "csv" else _write_xlsx
        written = writer(Path(temporary), rows, total, progress, columns)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return written


def _ticks(rows: Iterator[dict], total: int, progress: Progress | None) -> Iterator[dict]:
    done = 0
    for row in rows:
        yield row
        done += 1
        if progress is not None and done % BATCH_ROWS == 0 and not progress(done, total):
            raise ExportCancelled("export cancelled; nothing was written")
    if progress is not None:
        progress(done, total)


def _write_csv(path: Path, rows: Iterator[dict], total: int, progress: Progress | None,
               columns: list[Column]) -> int:
    written = 0
    # UTF-8 with a byte-order mark, so Excel reads accents right; every text
    # is quoted (numbers are not), and a formula-like one neutralised.
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_NONNUMERIC)
        writer.writerow([header for header, _, _ in columns])
        for row in _ticks(rows, total, progress):
            cells = []
            for _, value_of, kind in columns:
                value = value_of(row)
                if kind == "number":
                    number = _number(value)
                    cells.append("" if number is None else number)
                elif kind == "date":
                    moment = _date(value)
                    cells.append(moment.strftime("%Y-%m-%d %H:%M") if moment else "")
                else:
                    cells.append(neutralise("" if value is None else str(value)))
            writer.writerow(cells)
            written += 1
    return written


def _write_xlsx(path: Path, rows: Iterator[dict], total: int, progress: Progress | None,
                columns: list[Column]) -> int:
    import xlsxwriter  # only an Excel export needs it

    # constant_memory writes each row to disk as it is done; the three
    # strings_to_* options keep every text a text: never a formula, a
    # number or a link, whatever it looks like.
    workbook = xlsxwriter.Workbook(str(path), {
        "constant_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
        "strings_to_urls": False})
    sheet = workbook.add_worksheet("Results")
    bold = workbook.add_format({"bold": True})
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    widths = [len(header) for header, _, _ in columns]
    for column, (header, _, _) in enumerate(columns):
        sheet.write_string(0, column, header, bold)
    written = 0
    for written, row in enumerate(_ticks(rows, total, progress), start=1):
        for column, (_, value_of, kind) in enumerate(columns):
            value = value_of(row)
            if kind == "number":
                number = _number(value)
                if number is not None:
                    sheet.write_number(written, column, number)
                    widths[column] = max(widths[column], len(f"{number:g}"))
            elif kind == "date":
                moment = _date(value)
                if moment is not None:
                    sheet.write_datetime(written, column, moment, date_format)
                    widths[column] = max(widths[column], 16)
            elif value not in (None, ""):
                text = str(value)
                sheet.write_string(written, column, text)
                widths[column] = max(widths[column], min(len(text), 60))
    # Widths are known only at the end; in constant_memory mode they can
    # still be set, as they go in the sheet's header part.
    for column, width in enumerate(widths):
        sheet.set_column(column, column, width + 2)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(written, 1), len(columns) - 1)
    workbook.close()
    return written
