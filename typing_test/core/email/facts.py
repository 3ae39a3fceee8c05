"""Amounts, dates, times, durations and reference numbers, read from text by value.

A writing scenario declares the facts of its situation ("$25.00", "30 June",
"09:00", "30 minutes", "INV-44120"); :func:`mentions` finds every value of a
kind in a reply, in the forms competent writers use, so that a reply's facts
can be compared with the situation's by value, not by spelling:

- **amount**: "$45", "$45.00", "45.00 dollars", "USD 45", "45 USD", "US$45",
  "$1,350" -- all mean 45 or 1350. A bare number ("45") is not an amount.
- **date**: "5 March", "5th March", "5th of March", "March 5", "March 5th",
  "2026-03-05", "05/03/2026", "30/06". The year is ignored. A numeric date
  whose two numbers could each be the month ("05/03": 5 March in Britain, May 3
  in the United States) is *ambiguous*: both readings are kept, it is never
  called wrong when either reading is right, and it never counts as stating
  the date (write the month as a word).
- **day**: a day of the week ("Thursday", "Thu").
- **time**: "09:00", "9:00", "9.00", "9am", "9 a.m.", "1 pm", "13:00", "noon".
  Without am/pm, "2:00" may be 02:00 or 14:00 (both readings are kept); a
  leading zero ("09:00") or an hour from 13 means the 24-hour clock.
- **duration**: a number (digits or words, "a", "an", "half an") and a unit:
  "30 minutes", "half an hour", "five working days", "a week", "one month".
  Compared in minutes: a week is 7 days, a month 30 days, and a working or
  business day counts as a day.
- **reference**: an order, invoice or account number, a phone number or a
  house number. The declared value gives the shape ("INV-44120",
  "order 51877", "0800 555 0110", "14 Oak Street"): its words must appear as
  written and its digits may differ; the digits are compared, ignoring spaces
  and hyphens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

FactKind = Literal["amount", "date", "day", "time", "duration", "reference"]
FACT_KINDS: tuple[str, ...] = ("amount", "date", "day", "time", "duration", "reference")

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
WEEKDAYS = {
    name: number
    for number, names in enumerate(
        (
            ("monday", "mon"), ("tuesday", "tue", "tues"), ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"), ("friday", "fri"), ("saturday", "sat"),
            ("sunday", "sun"),
        )
    )
    for name in names
}  # fmt: skip
NUMBER_WORDS = {
    "a": 1, "an": 1, "next": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "forty-five": 45, "fifty": 50, "sixty": 60, "ninety": 90,
}  # fmt: skip
MINUTES_PER_UNIT = {"minute": 1, "min": 1, "hour": 60, "hr": 60, "day": 1440,
                    "week": 7 * 1440, "fortnight": 14 * 1440, "month": 30 * 1440,
                    "year": 365 * 1440}  # fmt: skip

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_CURRENCY = r"(?:US\$|\$|£|€|USD|GBP|EUR)"
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_AMOUNT = re.compile(
    rf"{_CURRENCY}\s?(?P<a>{_NUMBER})(?!\d)"
    rf"|(?<![\d.,])(?P<b>{_NUMBER})\s?(?:dollars?|usd|pounds?|euros?|gbp|eur)\b",
    re.IGNORECASE,
)
_DATE = re.compile(
    rf"\b(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{_MONTH})\b"
    rf"|\b(?P<m2>{_MONTH})\.?\s+(?:the\s+)?(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b(?!:)"
    r"|\b(?P<y>\d{4})-(?P<m3>\d{1,2})-(?P<d3>\d{1,2})\b"
    r"|(?<![\d/])(?P<n1>\d{1,2})/(?P<n2>\d{1,2})(?:/(?:\d{4}|\d{2}))?(?![\d/])",
    re.IGNORECASE,
)
_DAY = re.compile(
    r"\b(" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")(?:day)?\b", re.IGNORECASE
)
_AM_PM = r"(?P<{}>[ap]\.\s?m\.|[ap]m\b)"
_HOUR_WORDS = "|".join(w for w, n in NUMBER_WORDS.items() if 1 <= n <= 12 and len(w) > 2)
_TIME = re.compile(
    r"(?<![\d.,:$])(?P<h1>\d{1,2})[:.](?P<m1>\d{2})(?!\d|[.,]\d)\s?" + _AM_PM.format("p1") + "?"
    r"|(?<![\d.,:$])(?P<h2>\d{1,2})\s?"
    + _AM_PM.format("p2")
    + rf"|\b(?P<h3>\d{{1,2}}|{_HOUR_WORDS})\s+o['\u2019]clock\b"
    r"|\b(?P<noon>noon|midday|midnight)\b",
    re.IGNORECASE,
)
_NUMBER_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_DURATION = re.compile(
    rf"\b(?:the\s+)?(?P<n>\d+|{_NUMBER_WORD}|half\s+an?)\s+"
    r"(?:(?:full|whole|calendar|working|business|clear)\s+)?"
    r"(?P<u>minute|min|hour|hr|day|week|fortnight|month|year)s?\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Mention:
    """A value found in a text: ``text[start:end]``, with every reading of it.

    ``readings`` holds one value, or two for an ambiguous date or time.
    """

    start: int
    end: int
    text: str
    readings: frozenset

    @property
    def ambiguous(self) -> bool:
        return len(self.readings) > 1

    def agrees_with(self, value: frozenset) -> bool:
        """Whether one reading of this mention is the value."""
        return bool(self.readings & value)


def fact_value(kind: str, value: str) -> frozenset:
    """The readings of a scenario's fact; raise ValueError when ``value`` is not one ``kind``.

    >>> sorted(fact_value("amount", "$1,350.00"))
    [Decimal('1350.00')]
    >>> fact_value("time", "2 pm") == fact_value("time", "14:00")
    True
    """
    if kind == "reference":
        if not re.search(r"\d", value):
            raise ValueError(f"a reference needs digits, as in 'INV-44120', not {value!r}")
        return frozenset({_digits(value)})
    found = mentions(kind, value)
    if len(found) != 1 or found[0].text.strip() != value.strip():
        raise ValueError(f"{value!r} is not one {kind} ({_EXAMPLES[kind]})")
    if kind == "time" and found[0].ambiguous:
        # A scenario writes its times as they are meant: "10:00" is ten in the morning.
        hour, minute = (int(part) for part in re.findall(r"\d+", value)[:2])
        return frozenset({hour * 60 + minute})
    if found[0].ambiguous:
        raise ValueError(f"{value!r} can be read two ways; {_EXAMPLES[kind]}")
    return found[0].readings


_EXAMPLES = {
    "amount": "write it as '$25.00'",
    "date": "write it as '30 June'",
    "day": "write it as 'Thursday'",
    "time": "write it as '09:00' or '2 pm'",
    "duration": "write it as '30 minutes' or 'five working days'",
}


def mentions(kind: str, text: str, reference: str = "") -> list[Mention]:
    """Every value of ``kind`` in ``text``, in order.

    For ``kind == "reference"``, ``reference`` is the declared value whose shape
    is looked for.

    >>> [sorted(m.readings) for m in mentions("amount", "We owe you $45, not 45.00 dollars.")]
    [[Decimal('45.00')], [Decimal('45.00')]]
    >>> [m.text for m in mentions("date", "Pay by June 30th or 05/03.")]
    ['June 30th', '05/03']
    """
    finders = {
        "amount": _amounts,
        "date": _dates,
        "day": _days,
        "time": _times,
        "duration": _durations,
    }
    if kind == "reference":
        return _references(text, reference)
    return finders[kind](text)


def _mention(match: re.Match, readings: set) -> Mention:
    return Mention(match.start(), match.end(), match.group(), frozenset(readings))


def _amounts(text: str) -> list[Mention]:
    found = []
    for match in _AMOUNT.finditer(text):
        number = (match.group("a") or match.group("b")).replace(",", "")
        try:
            value = Decimal(number).quantize(Decimal("0.01"))
        except InvalidOperation:
            continue
        found.append(_mention(match, {value}))
    return found


def _dates(text: str) -> list[Mention]:
    found = []
    for match in _DATE.finditer(text):
        groups = match.groupdict()
        if groups["m1"] or groups["m2"]:
            month = MONTHS[(groups["m1"] or groups["m2"]).lower()]
            readings = {(month, int(groups["d1"] or groups["d2"]))}
        elif groups["y"]:
            readings = {(int(groups["m3"]), int(groups["d3"]))}
        else:
            first, second = int(groups["n1"]), int(groups["n2"])
            if (first, second) == (24, 7):
                continue  # "open 24/7"
            # Day first (Britain) and month first (the United States).
            readings = {(second, first), (first, second)}
        readings = {(m, d) for m, d in readings if 1 <= m <= 12 and 1 <= d <= DAYS_IN_MONTH[m - 1]}
        if readings:
            found.append(_mention(match, readings))
    return found


def _days(text: str) -> list[Mention]:
    found = []
    for match in _DAY.finditer(text):
        word = match.group(1).lower()
        if word in {"sun", "sat", "wed", "mon"} and match.group(1).islower():
            continue  # "the sun", "I sat"
        found.append(_mention(match, {WEEKDAYS[word]}))
    return found


def _times(text: str) -> list[Mention]:
    amounts = _amounts(text)
    found = []
    for match in _TIME.finditer(text):
        if any(a.start <= match.start() < a.end for a in amounts):
            continue  # "$12.50" is not ten to one
        groups = match.groupdict()
        if groups["noon"]:
            minutes = 0 if groups["noon"].lower() == "midnight" else 12 * 60
            found.append(_mention(match, {minutes}))
            continue
        hour_text = groups["h1"] or groups["h2"] or groups["h3"]
        hour = int(hour_text) if hour_text.isdigit() else NUMBER_WORDS[hour_text.lower()]
        minute = int(groups["m1"] or 0)
        marker = (groups["p1"] or groups["p2"] or "").lower()
        if hour > 23 or minute > 59 or (marker and not 1 <= hour <= 12):
            continue
        if marker:
            hour = hour % 12 + (12 if marker.startswith("p") else 0)
            readings = {hour * 60 + minute}
        elif hour_text.startswith("0") or hour >= 13 or hour == 0:
            readings = {hour * 60 + minute}
        else:
            readings = {(hour % 12) * 60 + minute, (hour % 12 + 12) * 60 + minute}
        found.append(_mention(match, readings))
    return found


def _durations(text: str) -> list[Mention]:
    found = []
    for match in _DURATION.finditer(text):
        number_text = match.group("n").lower()
        if number_text.startswith("half"):
            number = 0.5
        elif number_text.isdigit():
            number = int(number_text)
        else:
            number = NUMBER_WORDS[number_text]
        minutes = number * MINUTES_PER_UNIT[match.group("u").lower()]
        found.append(_mention(match, {minutes}))
    return found


def _references(text: str, reference: str) -> list[Mention]:
    """Places with the shape of ``reference``: its words as written, any digits."""
    parts = re.findall(r"\d+|[^\W\d_]+", reference)
    if not parts:
        return []
    joiner = r"[\s#:.,-]*(?:(?:no|number|nr|num|ref)\.?[\s#:.-]*)?"
    # A number with no words (a phone number) needs runs of two digits or more,
    # so that "3 of 4" is not taken for one.
    digit_run = r"\d+" if any(part.isalpha() for part in parts) else r"\d{2,}"
    pattern = ""
    for index, part in enumerate(parts):
        if index:
            between_digits = part.isdigit() and parts[index - 1].isdigit()
            pattern += r"[\s-]?" if between_digits else joiner
        pattern += digit_run if part.isdigit() else re.escape(part)
    found = []
    for match in re.finditer(rf"(?<![\w-]){pattern}(?![\w-])", text, re.IGNORECASE):
        found.append(_mention(match, {_digits(match.group())}))
    return found


def _digits(text: str) -> str:
    return "".join(re.findall(r"\d", text))
