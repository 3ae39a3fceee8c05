"""Score a data-entry test from its keystroke log: form entry and 10-key.

The rules (also in the README and docs/data-entry.md):

**Form entry.** The candidate keys records from source documents into a form,
one record after another. The log holds focus events
``{"t": ms, "record": 0, "field": "amount"}`` (from then on keys go into that
field of that record) and keys ``{"t": ms, "key": "1"}`` (one character, or
"Backspace" to remove the field's last character).

- A field's value is its keys applied in order, whenever it had the focus
  (going back to a field carries on from what it holds).
- Fields scored: every field of every record the candidate started, except
  that in the last record started only the fields typed into count (the time
  ran out there).
- A text field is right when the value, trimmed of surrounding spaces, is
  exactly the expected text (case and inner spaces included).
- An amount is right when it is the same number (``amount_value``):
  "1250", "1,250.00", "1 250.00", "£ 1250" and "1250.0" are all 1250,
  "(16.50)" and "- 16.50" are -16.50; "125.00" and "12,50" are not. A
  currency sign keyed other than the document's ("€" for "£") is wrong.
- A date is right when it is the same day (``date_value``) written in the
  task's stated format (leading zeros optional, "/", "-", "." or a space
  between the parts, or all eight digits with nothing between them) or an
  unambiguous form: ISO "2026-11-03", or a month name
  ("3 Nov 2026", "November 3, 2026"). "11/03/2026" for 3 November, when the
  format is DD/MM/YYYY, is 11 March: wrong.
- accuracy = fields right / fields scored * 100. character_errors: for each
  wrong field, the edit distance between the trimmed value and the expected
  text (``character_difference``); character_accuracy = (1 - character
  errors / expected characters of the scored fields) * 100, at least 0.

**10-key.** The candidate keys a column of numbers, Enter after each. Keys are
``{"t": ms, "key": "7", "keypad": true}`` (``keypad``: the key came from the
numeric keypad, false from the number row; it may be left out of keys that
are not digits), "\\n" for Enter, "Backspace".

- Each Enter ends an entry (an empty one too: a skipped number); entry i is
  compared with number i of the task; keys after the last Enter are an
  unfinished entry and not scored.
- An entry is right only when every character is: the typed text equals the
  number as the task shows it, commas left out of both (a keypad has no
  comma). "125.40" typed "125.4" is wrong: a digit is missing.
- When the test requires the numeric keypad (``keypad_required``), an entry
  is right only when, besides, every digit it holds came from the keypad: a
  digit keyed on the number row makes the entry wrong (listed with
  ``number_row`` true), however right its characters. A digit removed with
  Backspace does not count. Without the requirement, where the digits came
  from is only reported.
- accuracy = entries right / entries * 100; digits_from says whether the
  digits came from the "keypad", the "number row", "both" or "none";
  entries_off_keypad counts the entries holding a number-row digit.

**Both.** keystrokes = every key except Backspace (Enter included);
kph = keystrokes * 3600 / seconds, over the time of the last event.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from typing_test.core.typing.scoring import BACKSPACE, MIN_DURATION_S

ENTER = "\n"
# The format a task states for its dates, as HR writes it, and the order of
# the parts it means (d: day, m: month, y: four-digit year).
DATE_FORMATS = {"DD/MM/YYYY": "dmy", "MM/DD/YYYY": "mdy", "YYYY-MM-DD": "ymd"}
FIELD_TYPES = ("text", "amount", "date")
# A sign, a currency sign and the number, spaces allowed between them;
# thousands separators (a comma, or a space as in "12 500.00") must group by
# three. An amount in brackets is negative, as accountants write it.
_AMOUNT = re.compile(r"(?P<sign>[-+]?) ?(?P<currency>[$£€]?) ?"
                     r"(?P<number>(\d{1,3}(,\d{3})+|\d{1,3}( \d{3})+|\d+)?(\.\d+)?)")
_BRACKETED = re.compile(r"\((?P<inside>[^()]*)\)")
CURRENCY_SIGNS = "$£€"
_NUMERIC_DATE = re.compile(r"(\d{1,4})([/. -])(\d{1,2})\2(\d{1,4})")
# Eight digits with nothing between them, in the stated order ("03112026").
_COMPACT_DATE = re.compile(r"\d{8}")
_MONTHS = {name: number for number, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
     ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
     ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")], start=1) for name in names}
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})(?:st|nd|rd|th)? ([a-z]+)\.?,? (\d{4})")
_MONTH_DAY_YEAR = re.compile(r"([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})")

Event = Mapping[str, object]


def amount_value(text: str) -> Decimal | None:
    """The number an amount field holds, or None when it is not an amount.

    A sign, a currency sign ($, £, €), thousands separators grouped by three
    (commas, or spaces) and a decimal point are allowed, with a space after
    the sign or the currency sign; an amount in brackets is negative.
    Nothing else.

    >>> [amount_value(t) for t in ["1250", "1,250.00", "1250.0", " -$3.5 ", "£ 1,250.00"]]
    [Decimal('1250'), Decimal('1250.00'), Decimal('1250.0'), Decimal('-3.5'), Decimal('1250.00')]
    >>> [amount_value(t) for t in ["(16.50)", "- 16.50", "12 500.00"]]
    [Decimal('-16.50'), Decimal('-16.50'), Decimal('12500.00')]
    >>> amount_value("1,250.00") == amount_value("1250")
    True
    >>> [amount_value(t) for t in ["12,50", "1.250,00", "", "12a", "1,2500", ".", "(-3)", "1 25"]]
    [None, None, None, None, None, None, None, None]
    """
    parsed = _parse_amount(text)
    return parsed[0] if parsed else None


def currency_sign(text: str) -> str:
    """The currency sign written in an amount ("" when none).

    >>> currency_sign("-£42.10"), currency_sign("(€ 5)"), currency_sign("12.00")
    ('£', '€', '')
    """
    parsed = _parse_amount(text)
    return parsed[1] if parsed else ""


def _parse_amount(text: str) -> tuple[Decimal, str] | None:
    """(value, currency sign) of an amount, or None."""
    text = text.strip()
    bracketed = _BRACKETED.fullmatch(text)
    inside = bracketed["inside"].strip() if bracketed else text
    match = _AMOUNT.fullmatch(inside)
    if not match or not any(character.isdigit() for character in match["number"]):
        return None
    if bracketed and match["sign"]:
        return None  # "(-3)": which sign is meant is a guess
    negative = bool(bracketed) or match["sign"] == "-"
    digits = match["number"].replace(",", "").replace(" ", "")
    try:
        value = Decimal(digits)
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        return None
    return (-value if negative else value), match["currency"]


def date_value(text: str, stated_format: str) -> date | None:
    """The day a date field holds, read in the task's ``stated_format``
    (a key of DATE_FORMATS), or None when it is no date.

    >>> date_value("03/11/2026", "DD/MM/YYYY"), date_value("3-11-2026", "DD/MM/YYYY")
    (datetime.date(2026, 11, 3), datetime.date(2026, 11, 3))
    >>> date_value("11/03/2026", "DD/MM/YYYY")  # 11 March: not 3 November
    datetime.date(2026, 3, 11)
    >>> [date_value(t, "MM/DD/YYYY") for t in ["2026-11-03", "Nov 3, 2026", "3 November 2026"]]
    [datetime.date(2026, 11, 3), datetime.date(2026, 11, 3), datetime.date(2026, 11, 3)]
    >>> [date_value(t, "DD/MM/YYYY") for t in ["03112026", "3 11 2026"]]
    [datetime.date(2026, 11, 3), datetime.date(2026, 11, 3)]
    >>> date_value("20261103", "YYYY-MM-DD"), date_value("20261103", "DD/MM/YYYY")
    (datetime.date(2026, 11, 3), None)
    >>> [date_value(t, "DD/MM/YYYY") for t in ["31/02/2026", "03/11/26", "3/11", "soon"]]
    [None, None, None, None]
    """
    text = " ".join(text.strip().lower().split())
    if _COMPACT_DATE.fullmatch(text):
        order = DATE_FORMATS[stated_format]
        widths = {"d": 2, "m": 2, "y": 4}
        parts, start = {}, 0
        for part in order:
            parts[part] = text[start:start + widths[part]]
            start += widths[part]
        return _day(parts["y"], parts["m"], parts["d"])
    numeric = _NUMERIC_DATE.fullmatch(text)
    if numeric:
        first, _, second, third = numeric.groups()
        if len(first) == 4:  # year first: only ISO order is unambiguous
            parts = dict(zip("ymd", (first, second, third), strict=True))
        elif len(third) == 4:
            parts = dict(zip(DATE_FORMATS[stated_format].replace("y", ""), (first, second),
                             strict=True)) if stated_format != "YYYY-MM-DD" else {}
            parts["y"] = third
        else:
            return None  # a two-digit year: which century is a guess
        if set(parts) != {"d", "m", "y"} or len(parts["y"]) != 4:
            return None
        return _day(parts["y"], parts["m"], parts["d"])
    named = _DAY_MONTH_YEAR.fullmatch(text)
    if named:
        day, month, year = named.groups()
        return _day(year, _MONTHS.get(month), day)
    named = _MONTH_DAY_YEAR.fullmatch(text)
    if named:
        month, day, year = named.groups()
        return _day(year, _MONTHS.get(month), day)
    return None


def _day(year: str, month: str | int | None, day: str) -> date | None:
    if month is None:
        return None
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def field_is_right(typed: str, expected: str, field_type: str, stated_format: str) -> bool:
    """True when ``typed`` is a right entry of ``expected`` for a field of
    ``field_type`` (see the module docstring).

    >>> field_is_right("1250", "1,250.00", "amount", "DD/MM/YYYY")
    True
    >>> field_is_right("125.00", "1,250.00", "amount", "DD/MM/YYYY")
    False
    >>> field_is_right(" ACC-0042 ", "ACC-0042", "text", "DD/MM/YYYY")
    True
    >>> field_is_right("€1,250.00", "£1,250.00", "amount", "DD/MM/YYYY")
    False
    """
    if field_type == "amount":
        value = amount_value(typed)
        # A currency sign keyed is part of what goes on file: another one
        # than the document's records another currency.
        typed_sign, expected_sign = currency_sign(typed), currency_sign(expected)
        if typed_sign and expected_sign and typed_sign != expected_sign:
            return False
        return value is not None and value == amount_value(expected)
    if field_type == "date":
        value = date_value(typed, stated_format)
        return value is not None and value == date_value(expected, stated_format)
    return typed.strip() == expected.strip()


def edit_distance(first: str, second: str) -> int:
    """Levenshtein distance: the fewest characters inserted, deleted or changed.

    >>> edit_distance("1250", "1205"), edit_distance("", "abc"), edit_distance("same", "same")
    (2, 3, 0)
    """
    previous = list(range(len(second) + 1))
    for i, left in enumerate(first, start=1):
        current = [i]
        for j, right in enumerate(second, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (left != right)))
        previous = current
    return previous[-1]


# A field's value is a name, an address or a number: tens of characters. Past
# this the edit distance (length x length steps) is not worth its time.
MAX_COMPARED_CHARS = 1000


def character_difference(typed: str, expected: str) -> int:
    """The character errors of a wrong field: the edit distance, or, when
    either value is longer than MAX_COMPARED_CHARS, the longer length (every
    character an error: no field is that long).

    >>> character_difference("75.5", "75.50"), character_difference("x" * 5000, "12")
    (1, 5000)
    """
    if max(len(typed), len(expected)) > MAX_COMPARED_CHARS:
        return max(len(typed), len(expected))
    return edit_distance(typed, expected)


@dataclass(frozen=True)
class DataEntryBar:
    """What a data-entry run must reach: accuracy (the preset's default is
    98 %) and keystrokes per hour (HR sets it; 0 until then). Inclusive."""

    min_accuracy: float = 98.0
    min_kph: float = 0.0


@dataclass(frozen=True)
class FormField:
    """A field of a form task: its ``name`` in the records and the log, the
    ``label`` shown, and its ``type`` (one of FIELD_TYPES)."""

    name: str
    label: str
    type: str = "text"


@dataclass(frozen=True)
class FieldError:
    """A field scored wrong: record index (from 0), field name, what was
    typed (trimmed) and what the document says."""

    record: int
    field: str
    typed: str
    expected: str

    def as_json(self) -> dict:
        return {"record": self.record, "field": self.field, "typed": self.typed,
                "expected": self.expected}


@dataclass(frozen=True)
class FormResult:
    """Every figure of a form-entry run."""

    duration_s: float
    keystrokes: int
    kph: float
    records_started: int
    fields_scored: int
    fields_right: int
    accuracy: float
    character_errors: int
    character_accuracy: float
    field_errors: tuple[FieldError, ...] = field(default_factory=tuple)

    def passed(self, bar: DataEntryBar = DataEntryBar()) -> bool:
        return self.accuracy >= bar.min_accuracy and self.kph >= bar.min_kph

    def as_json(self, bar: DataEntryBar = DataEntryBar()) -> dict:
        """The figures with the keys of `typing-test score-entry --json`."""
        return {
            "kind": "form",
            "kph": round(self.kph, 1),
            "accuracy": round(self.accuracy, 2),
            "keystrokes": self.keystrokes,
            "duration_s": round(self.duration_s, 3),
            "records_started": self.records_started,
            "fields_scored": self.fields_scored,
            "fields_right": self.fields_right,
            "character_errors": self.character_errors,
            "character_accuracy": round(self.character_accuracy, 2),
            "field_errors": [error.as_json() for error in self.field_errors],
            "passed": self.passed(bar),
        }


def score_form(
    fields: Sequence[FormField],
    records: Sequence[Mapping[str, str]],
    events: Sequence[Event],
    stated_format: str,
) -> FormResult:
    """Score a form-entry log against the task's records.

    The log must be valid (``entry_tasks.check_form_log``): focus events name
    a record and field of the task, and a key comes after a focus event.

    >>> fields = [FormField("ref", "Reference"), FormField("amount", "Amount", "amount")]
    >>> records = [{"ref": "A-1", "amount": "1,250.00"}, {"ref": "B-2", "amount": "75.50"}]
    >>> log = [{"t": 0, "record": 0, "field": "ref"}, *[{"t": 100, "key": k} for k in "A-1"],
    ...        {"t": 500, "record": 0, "field": "amount"}, *[{"t": 900, "key": k} for k in "1250"],
    ...        {"t": 1000, "record": 1, "field": "ref"}, *[{"t": 1800, "key": k} for k in "B-3"]]
    >>> result = score_form(fields, records, log, "DD/MM/YYYY")
    >>> result.fields_scored, result.fields_right, result.accuracy, result.keystrokes
    (3, 2, 66.66666666666667, 10)
    >>> result.field_errors
    (FieldError(record=1, field='ref', typed='B-3', expected='B-2'),)
    """
    values: dict[tuple[int, str], list[str]] = {}
    focus: tuple[int, str] | None = None
    keystrokes = 0
    for event in events:
        if "record" in event:
            focus = (int(event["record"]), str(event["field"]))
            continue
        typed = values.setdefault(focus, [])
        if event["key"] == BACKSPACE:
            if typed:
                typed.pop()
            continue
        keystrokes += 1
        typed.append(str(event["key"]))
    started = sorted({record for record, _ in values})
    scored: list[tuple[int, FormField]] = []
    for record in started:
        for form_field in fields:
            if record < started[-1] or (record, form_field.name) in values:
                scored.append((record, form_field))
    errors: list[FieldError] = []
    character_errors = expected_characters = 0
    for record, form_field in scored:
        typed = "".join(values.get((record, form_field.name), [])).strip()
        expected = records[record][form_field.name].strip()
        expected_characters += len(expected)
        if not field_is_right(typed, expected, form_field.type, stated_format):
            errors.append(FieldError(record, form_field.name, typed, expected))
            character_errors += character_difference(typed, expected)
    right = len(scored) - len(errors)
    duration_s = _duration(events)
    return FormResult(
        duration_s=duration_s,
        keystrokes=keystrokes,
        kph=keystrokes * 3600 / duration_s if duration_s else 0.0,
        records_started=len(started),
        fields_scored=len(scored),
        fields_right=right,
        accuracy=100.0 * right / len(scored) if scored else 0.0,
        character_errors=character_errors,
        character_accuracy=(max(0.0, 100.0 * (1 - character_errors / expected_characters))
                            if expected_characters else 0.0),
        field_errors=tuple(errors),
    )


@dataclass(frozen=True)
class EntryError:
    """A 10-key entry scored wrong: its index (from 0), typed and expected;
    ``number_row``: it holds a digit keyed on the number row (wrong for that
    alone when the keypad is required)."""

    entry: int
    typed: str
    expected: str
    number_row: bool = False

    def as_json(self) -> dict:
        return {"entry": self.entry, "typed": self.typed, "expected": self.expected,
                "number_row": self.number_row}


@dataclass(frozen=True)
class TenKeyResult:
    """Every figure of a 10-key run."""

    duration_s: float
    keystrokes: int
    kph: float
    entries: int
    entries_right: int
    accuracy: float
    keypad_digits: int
    number_row_digits: int
    entry_errors: tuple[EntryError, ...] = field(default_factory=tuple)
    keypad_required: bool = False
    entries_off_keypad: int = 0  # entries holding a digit from the number row

    @property
    def digits_from(self) -> str:
        """Where the digits were typed: "keypad", "number row", "both" or "none"."""
        if self.keypad_digits and self.number_row_digits:
            return "both"
        if self.keypad_digits:
            return "keypad"
        return "number row" if self.number_row_digits else "none"

    def passed(self, bar: DataEntryBar = DataEntryBar()) -> bool:
        return self.accuracy >= bar.min_accuracy and self.kph >= bar.min_kph

    def as_json(self, bar: DataEntryBar = DataEntryBar()) -> dict:
        """The figures with the keys of `typing-test score-entry --json`."""
        return {
            "kind": "tenkey",
            "kph": round(self.kph, 1),
            "accuracy": round(self.accuracy, 2),
            "keystrokes": self.keystrokes,
            "duration_s": round(self.duration_s, 3),
            "entries": self.entries,
            "entries_right": self.entries_right,
            "digits_from": self.digits_from,
            "keypad_digits": self.keypad_digits,
            "number_row_digits": self.number_row_digits,
            "keypad_required": self.keypad_required,
            "entries_off_keypad": self.entries_off_keypad,
            "entry_errors": [error.as_json() for error in self.entry_errors],
            "passed": self.passed(bar),
        }


def score_tenkey(
    numbers: Sequence[str], events: Sequence[Event], keypad_required: bool = False
) -> TenKeyResult:
    """Score a 10-key log against the task's numbers (as the task shows them);
    ``keypad_required``: the test asks for the numeric keypad (see the module
    docstring).

    >>> log = [{"t": i * 150, "key": k, "keypad": True} for i, k in enumerate("125.4\\n-7\\n3")]
    >>> result = score_tenkey(["125.40", "-7", "3"], log)
    >>> result.entries, result.entries_right, result.digits_from, result.keystrokes
    (2, 1, 'keypad', 10)
    >>> result.entry_errors
    (EntryError(entry=0, typed='125.4', expected='125.40', number_row=False),)

    A digit from the number row makes its entry wrong when the keypad is required:

    >>> log = [{"t": 100, "key": "4", "keypad": False}, {"t": 200, "key": "\\n"},
    ...        {"t": 300, "key": "5", "keypad": True}, {"t": 400, "key": "\\n"}]
    >>> score_tenkey(["4", "5"], log).accuracy, score_tenkey(["4", "5"], log, True).accuracy
    (100.0, 50.0)
    """
    entries: list[tuple[str, bool]] = []  # (typed, holds a number-row digit)
    current: list[tuple[str, bool]] = []  # (character, a digit from the number row)
    keystrokes = keypad_digits = number_row_digits = 0
    for event in events:
        key = event["key"]
        if key == BACKSPACE:
            if current:
                current.pop()
            continue
        keystrokes += 1
        if key == ENTER:
            entries.append(("".join(character for character, _ in current),
                            any(number_row for _, number_row in current)))
            current = []
            continue
        number_row = False
        if isinstance(key, str) and key.isdigit():
            if event.get("keypad"):
                keypad_digits += 1
            else:
                number_row_digits += 1
                number_row = True
        current.append((str(key), number_row))
    errors = []
    for index, (typed, number_row) in enumerate(entries):
        expected = numbers[index] if index < len(numbers) else ""
        characters_right = (index < len(numbers)
                            and typed.replace(",", "") == expected.replace(",", ""))
        if not characters_right or (keypad_required and number_row):
            errors.append(EntryError(index, typed, expected, number_row))
    right = len(entries) - len(errors)
    duration_s = _duration(events)
    return TenKeyResult(
        duration_s=duration_s,
        keystrokes=keystrokes,
        kph=keystrokes * 3600 / duration_s if duration_s else 0.0,
        entries=len(entries),
        entries_right=right,
        accuracy=100.0 * right / len(entries) if entries else 0.0,
        keypad_digits=keypad_digits,
        number_row_digits=number_row_digits,
        entry_errors=tuple(errors),
        keypad_required=keypad_required,
        entries_off_keypad=sum(number_row for _, number_row in entries),
    )


def _duration(events: Sequence[Event]) -> float:
    """The time of the last event in seconds; 0 when under the log's 1 ms resolution."""
    seconds = float(events[-1]["t"]) / 1000 if events else 0.0
    return seconds if seconds >= MIN_DURATION_S else 0.0
