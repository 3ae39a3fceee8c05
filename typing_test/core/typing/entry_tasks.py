"""Data-entry task files (TOML, one task a file) and the checks on their logs.

The format is in docs/data-entry.md. A form task: ``kind = "form"``,
``title``, ``document`` (the kind of source document), ``date_format`` (a key
of ``data_entry.DATE_FORMATS``), ``time_limit_s``, then ``[[fields]]``
(``name``, ``label``, ``type``) and ``[[records]]`` (one value per field
name, as the source document shows it). A 10-key task: ``kind = "tenkey"``,
``title``, ``time_limit_s`` and ``numbers``, a list of strings.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from typing_test.core.assets import ContentError, assets_dir, parse_toml, read_text
from typing_test.core.typing.data_entry import (
    DATE_FORMATS,
    ENTER,
    FIELD_TYPES,
    FormField,
    FormResult,
    TenKeyResult,
    amount_value,
    date_value,
    score_form,
    score_tenkey,
)
from typing_test.core.typing.scoring import BACKSPACE

_NUMBER = re.compile(r"-?\d{1,3}(,\d{3})*(\.\d+)?|-?\d+(\.\d+)?")
# How each stated format writes a date, so a record's date is shown in it.
_WRITTEN = {"DD/MM/YYYY": r"\d\d/\d\d/\d{4}", "MM/DD/YYYY": r"\d\d/\d\d/\d{4}",
            "YYYY-MM-DD": r"\d{4}-\d\d-\d\d"}


@dataclass(frozen=True)
class EntryTask:
    """A data-entry task: a form task has ``fields``, ``records`` and a
    ``date_format``; a 10-key task has ``numbers``."""

    id: str
    kind: str  # "form" or "tenkey"
    title: str
    time_limit_s: int
    document: str = ""
    date_format: str = ""
    fields: tuple[FormField, ...] = ()
    records: tuple[dict[str, str], ...] = ()
    numbers: tuple[str, ...] = ()


def load_task(path: Path) -> EntryTask:
    """Read one task file; ContentError naming the file and the problem."""
    try:
        data = parse_toml(read_text(path))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ContentError(f"{path.name}: cannot read task: {error}") from None
    return task_from_table(data, path.stem, path.name)


def task_from_table(data: Mapping, task_id: str, where: str) -> EntryTask:
    """The task a parsed TOML table describes; ContentError for any problem."""

    def fail(problem: str) -> ContentError:
        return ContentError(f"{where}: {problem}")

    kind, title, limit = data.get("kind"), data.get("title"), data.get("time_limit_s")
    if kind not in ("form", "tenkey"):
        raise fail('"kind" must be "form" or "tenkey"')
    if not isinstance(title, str) or not title.strip():
        raise fail('"title" is missing or empty')
    if isinstance(limit, bool) or not isinstance(limit, int) or not 10 <= limit <= 3600:
        raise fail('"time_limit_s" must be a whole number of seconds from 10 to 3600')
    if kind == "tenkey":
        numbers = data.get("numbers")
        if not isinstance(numbers, list) or not numbers:
            raise fail('"numbers" must be a list of numbers written as strings')
        for number in numbers:
            if not isinstance(number, str) or not _NUMBER.fullmatch(number):
                raise fail(f"{number!r} in numbers is not a number like \"1,250.00\" or "
                           "\"-42\" written as a string")
        return EntryTask(task_id, kind, title.strip(), limit, numbers=tuple(numbers))
    date_format, document = data.get("date_format"), data.get("document")
    if not isinstance(date_format, str) or date_format not in DATE_FORMATS:
        raise fail(f'"date_format" must be one of {", ".join(DATE_FORMATS)}')
    if not isinstance(document, str) or not document.strip():
        raise fail('"document" (the kind of source document) is missing or empty')
    fields = []
    for number, entry in enumerate(data.get("fields") or [], start=1):
        if not isinstance(entry, dict) or not all(
            isinstance(entry.get(key), str) and entry[key].strip() for key in ("name", "label")
        ):
            raise fail(f"field {number} needs a name and a label")
        if entry.get("type", "text") not in FIELD_TYPES:
            raise fail(f"field {entry['name']!r}: type must be one of {', '.join(FIELD_TYPES)}")
        fields.append(FormField(entry["name"], entry["label"], entry.get("type", "text")))
    names = [form_field.name for form_field in fields]
    if not fields or len(set(names)) != len(names):
        raise fail("[[fields]] must list the form's fields, each name once")
    records = data.get("records")
    if not isinstance(records, list) or not records:
        raise fail("[[records]] must list the records to key")
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict) or set(record) != set(names):
            raise fail(f"record {number} must have exactly the fields {', '.join(names)}")
        for form_field in fields:
            value = record[form_field.name]
            if not isinstance(value, str) or not value.strip():
                raise fail(f"record {number}: {form_field.name} must be a non-empty string")
            if form_field.type == "amount" and amount_value(value) is None:
                raise fail(f"record {number}: {form_field.name} {value!r} is not an amount")
            if form_field.type == "date" and not (
                re.fullmatch(_WRITTEN[date_format], value) and date_value(value, date_format)
            ):
                raise fail(f"record {number}: {form_field.name} {value!r} is not a date "
                           f"written {date_format}")
    return EntryTask(task_id, kind, title.strip(), limit, document.strip(), date_format,
                     tuple(fields), tuple(dict(record) for record in records))


def task_table(task: EntryTask) -> dict:
    """The TOML table of ``task``, as its file would hold it: what
    ``task_from_table`` reads back into the same task (a stored attempt keeps
    its task this way, so its review never depends on the file).

    >>> task = EntryTask("codes", "tenkey", "Codes", 60, numbers=("00417", "-12"))
    >>> task_from_table(task_table(task), "codes", "stored") == task
    True
    """
    if task.kind == "tenkey":
        return {"kind": "tenkey", "title": task.title, "time_limit_s": task.time_limit_s,
                "numbers": list(task.numbers)}
    return {
        "kind": "form", "title": task.title, "document": task.document,
        "date_format": task.date_format, "time_limit_s": task.time_limit_s,
        "fields": [{"name": form_field.name, "label": form_field.label,
                    "type": form_field.type} for form_field in task.fields],
        "records": [dict(record) for record in task.records],
    }


def score_task(
    task: EntryTask, events: list[dict], keypad_required: bool = False
) -> FormResult | TenKeyResult:
    """Score a checked log of ``task`` (``keypad_required``: a 10-key test
    that asks for the numeric keypad; see ``data_entry.score_tenkey``)."""
    if task.kind == "form":
        return score_form(task.fields, task.records, events, task.date_format)
    return score_tenkey(task.numbers, events, keypad_required=keypad_required)


def load_tasks(folder: Path | None = None) -> list[EntryTask]:
    """Every task in ``folder`` (default: the built-in ones), sorted by id."""
    folder = folder or assets_dir() / "data-entry"
    return [load_task(path) for path in sorted(folder.glob("*.toml"))]


def check_event(event: object, task: EntryTask) -> str | None:
    """What is wrong with one parsed log event for ``task``, or None.

    >>> task = EntryTask("t", "tenkey", "T", 60, numbers=("1",))
    >>> check_event({"t": 5, "key": "7", "keypad": True}, task) is None
    True
    >>> check_event({"t": 5, "key": "7", "keypad": "yes"}, task)
    '"keypad" must be true or false'
    """
    if not isinstance(event, dict) or "t" not in event:
        return 'expected an object with "t"'
    if task.kind == "form" and "record" in event:
        record, name = event.get("record"), event.get("field")
        if isinstance(record, bool) or not isinstance(record, int) or not (
            0 <= record < len(task.records)
        ):
            return f'"record" must be a record number from 0 to {len(task.records) - 1}'
        if name not in {form_field.name for form_field in task.fields}:
            return f'"field" must be one of the form\'s fields, not {name!r}'
        return None
    key = event.get("key")
    if not isinstance(key, str) or (key != BACKSPACE and len(key) != 1):
        return '"key" must be one character or "Backspace"' + (
            ' (or a focus event with "record" and "field")' if task.kind == "form" else "")
    if "\ud800" <= key <= "\udfff":
        return f'"key" is a lone surrogate {key!r}, not a character'
    if "keypad" in event and not isinstance(event["keypad"], bool):
        return '"keypad" must be true or false'
    if task.kind == "form" and key == ENTER:
        return 'Enter is not a key of a form field (a focus event moves to the next field)'
    return None
