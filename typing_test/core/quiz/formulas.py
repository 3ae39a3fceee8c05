"""Evaluate a candidate's spreadsheet formula on a small grid, for the Excel formula tasks.

A formula task shows a small sheet (rows from 1, columns from A) with one empty
target cell. The candidate types a formula for that cell. It is graded by the
value it gives, not by its text: it must give the same value as the task's
reference formula on the grid shown *and* on every hidden copy of the grid
(same layout, other numbers): the variant, and any more variants the task
has. ``=B2+B3+B4`` and ``=SUM(B2:B4)`` are both right; a typed-in constant such
as ``=1500`` is right on one grid at most, and a formula that covers only part
of a rule fails on a hidden grid where the other part decides.

The spreadsheet engine (formualizer) is used only in :func:`evaluate_formula`,
so it can be swapped for another one without touching the callers. The
engines tried were measured on tests/formula_conformance.toml, cases of what
Excel gives taken from Microsoft's function documentation
(bench/bench_formula_engines.py; the figures are in the README). formualizer
was kept: each case it fails lies in one function or call, and grading with it
takes well under a millisecond. Where it differs from Excel the formula is
rewritten before evaluation (:func:`rewrite_for_engine`) or the function is
evaluated by us (``excel_functions``), so every case passes here.

Rules, matching what Excel does where it can:

- A formula starts with ``=`` (or ``+`` or ``-``, which Excel turns into a
  formula). Anything else is text, not a formula.
- ``;`` is accepted as the argument separator, as in the many Excel locales that
  use it: ``=ROUND(B2;2)`` is read as ``=ROUND(B2,2)``. Inside a text in quotes,
  a sheet name in single quotes or an array constant in braces it is kept.
- Numbers (and dates, which are numbers in Excel) match within a relative
  tolerance of 1e-9. Text matches ignoring letter case, as Excel's ``=``
  compares, unless the task asks for exact case (a task about UPPER or PROPER).
- ``TODAY()`` and ``NOW()`` are pinned to a fixed instant, so grading never
  depends on the day it runs. Tasks put "today" in a cell instead.
- A whole column (``A:A``) or row (``1:1``) is the full column or row where a
  function takes it as a range (``ROWS(A:A)`` is 1,048,576, ``COUNTBLANK``
  counts its empty cells); where array arithmetic works on it cell by cell
  (``=SUMPRODUCT((A:A="East")*B:B)``) every such reference is cut where the
  sheet's cells in use end (:func:`cut_to_cells_in_use`), which gives Excel's
  value unless the million empty cells count, as in
  ``=SUMPRODUCT(--(A:A=""))``: such a formula gets a message instead.
- A formula may be up to 8,192 characters long, Excel's limit; a long chain
  such as ``=B2+B3+...+B300`` is worked out as Excel does, left to right
  (:func:`split_long_chains`).
"""

from __future__ import annotations

import datetime
import itertools
import math
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

import formualizer

from typing_test.core.quiz import excel_functions

CellValue = str | int | float | bool | datetime.date | None
"""One cell of a grid: text, number, TRUE/FALSE, a date, or None for an empty cell."""

Grid = tuple[tuple[CellValue, ...], ...]
"""A rectangular sheet: ``grid[0][0]`` is cell A1, ``grid[1][0]`` is A2, ``grid[0][1]`` is B1."""

ValueKind = Literal["number", "text", "boolean", "date", "error"]

SHEET_NAME = "Sheet1"

# The instant TODAY() and NOW() return while grading: fixed, so a re-grade of
# a stored attempt gives the same result on any day.
FIXED_NOW = datetime.datetime(2000, 1, 1, 12, 0, tzinfo=datetime.UTC)

# A guard against a formula that would run for a long time (a huge SEQUENCE).
MAX_EVALUATION_MS = 2000

# Excel's limit on the length of a formula (its specifications and limits).
MAX_FORMULA_LENGTH = 8192

RELATIVE_TOLERANCE = 1e-9
ABSOLUTE_TOLERANCE = 1e-12

# Excel's 1900 date system: serial 1 is 1900-01-01, but Excel counts a
# 29 February 1900 that never existed, so for every date from March 1900 on the
# serial number is the count of days since 30 December 1899.
_EXCEL_EPOCH = datetime.date(1899, 12, 30)

_ERROR_CODES = {
    "Div": "#DIV/0!",
    "Na": "#N/A",
    "Name": "#NAME?",
    "Ref": "#REF!",
    "Value": "#VALUE!",
    "Num": "#NUM!",
    "Null": "#NULL!",
    "Spill": "#SPILL!",
    "Calc": "#CALC!",
}

_ADDRESS = re.compile(r"\$?([A-Za-z]{1,3})\$?([1-9][0-9]{0,6})")


class FormulaError(ValueError):
    """The candidate's input cannot be evaluated as a formula.

    The message is for the candidate, e.g. ``"not a valid formula"``.
    """


@dataclass(frozen=True)
class FormulaValue:
    """The value a formula gives in its cell.

    ``kind`` is ``"number"``, ``"text"``, ``"boolean"``, ``"date"`` or
    ``"error"``. ``value`` is a float for a number, and for a date its Excel
    serial number (2024-03-01 is 45352.0); a str for text; a bool for a boolean;
    the Excel error code such as ``"#DIV/0!"`` for an error.

    >>> FormulaValue("number", 1500.0).display()
    '1500'
    >>> FormulaValue("date", 45352.0).display()
    '2024-03-01'
    >>> FormulaValue("text", "Overdue ").display()
    'Overdue␣'
    """

    kind: ValueKind
    value: float | str | bool

    def display(self) -> str:
        """The value as a person reads it in the cell, except that a text's
        spaces at its start and end show as ␣ (a cell hides them, and a
        formula that leaves one in gives a different text)."""
        if self.kind == "boolean":
            return "TRUE" if self.value else "FALSE"
        if self.kind == "date":
            return date_from_serial(float(self.value)).isoformat()
        if self.kind == "number":
            return format_number(float(self.value))
        if self.kind == "text":
            return mark_edge_spaces(str(self.value))
        return str(self.value)

    def describe(self, *, with_kind: bool = False) -> str:
        """The value for a sentence of feedback: text in quotes, and with
        ``with_kind`` what it is, so the text "500" reads apart from the number 500.

        >>> FormulaValue("text", "500").describe(with_kind=True)
        'the text "500"'
        >>> FormulaValue("number", 500.0).describe(with_kind=True)
        'the number 500'
        >>> FormulaValue("text", "Paid ").describe()
        '"Paid␣"'
        """
        shown = f'"{self.display()}"' if self.kind == "text" else self.display()
        if not with_kind:
            return shown
        kind_name = {"boolean": "the logical value", "error": "the error"}.get(
            self.kind, f"the {self.kind}"
        )
        return f"{kind_name} {shown}"

    def as_json(self) -> dict:
        """``{"kind": ..., "value": ..., "display": ...}``, for storing with an attempt."""
        return {"kind": self.kind, "value": self.value, "display": self.display()}


@dataclass(frozen=True)
class FormulaCheck:
    """How a candidate's formula compares with the reference, grid by grid.

    ``expected`` holds the reference formula's values and ``given`` the
    candidate's, one per grid in grading order: the grid shown first, then the
    variant, then each of the more variants. A value in ``given`` is None where
    the input is not a formula that evaluates. ``message`` says in one sentence
    why the answer is wrong, or is ``""`` when it is right.
    """

    correct: bool
    message: str
    expected: tuple[FormulaValue, ...]
    given: tuple[FormulaValue | None, ...]

    def as_json(self) -> dict:
        """The check as plain JSON data."""
        return {
            "correct": self.correct,
            "message": self.message,
            "expected": [value.as_json() for value in self.expected],
            "given": [None if value is None else value.as_json() for value in self.given],
        }


# ---------------------------------------------------------------------------
# Cell addresses and values


def column_letters(column: int) -> str:
    """The letters of a 1-based column number.

    >>> column_letters(1), column_letters(26), column_letters(28)
    ('A', 'Z', 'AB')
    """
    if column < 1:
        raise ValueError(f"column numbers start at 1, got {column}")
    letters = ""
    while column:
        column, remainder = divmod(column - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def parse_address(address: str) -> tuple[int, int]:
    """The 1-based ``(row, column)`` of an A1-style address; ``$`` signs are allowed.

    >>> parse_address("B6"), parse_address("$AA$10")
    ((6, 2), (10, 27))
    """
    match = _ADDRESS.fullmatch(address.strip())
    if match is None:
        raise ValueError(f"not a cell address: {address!r} (write it like B6)")
    column = 0
    for letter in match.group(1).upper():
        column = column * 26 + ord(letter) - ord("A") + 1
    return int(match.group(2)), column


def cell_address(row: int, column: int) -> str:
    """The A1-style address of a 1-based row and column.

    >>> cell_address(6, 2)
    'B6'
    """
    return f"{column_letters(column)}{row}"


def excel_serial(day: datetime.date) -> float:
    """Excel's serial number of a date (1900 date system), e.g. 45352.0 for 2024-03-01."""
    return float((day - _EXCEL_EPOCH).days)


def date_from_serial(serial: float) -> datetime.date:
    """The date of an Excel serial number; a time of day is dropped."""
    return _EXCEL_EPOCH + datetime.timedelta(days=math.floor(serial))


def format_number(number: float) -> str:
    """A number as Excel's General format would roughly show it: no trailing zeros.

    >>> format_number(1500.0), format_number(0.1 + 0.2), format_number(-2.5)
    ('1500', '0.3', '-2.5')
    """
    if number == 0:
        return "0"  # also for -0.0
    return f"{number:.10g}"


SPACE_MARK = "␣"
"""Stands for a space at the start or end of a text value shown to a person."""


def mark_edge_spaces(text: str) -> str:
    """``text`` with each space at its start and end shown as ␣.

    >>> mark_edge_spaces("  Jane Smith "), mark_edge_spaces("a b"), mark_edge_spaces(" ")
    ('␣␣Jane Smith␣', 'a b', '␣')
    """
    body = text.strip(" ")
    if not body:
        return SPACE_MARK * len(text)
    leading = len(text) - len(text.lstrip(" "))
    trailing = len(text) - len(text.rstrip(" "))
    return SPACE_MARK * leading + body + SPACE_MARK * trailing


def display_cell(value: CellValue) -> str:
    """A grid cell as the sheet shows it: dates as YYYY-MM-DD, booleans as TRUE/FALSE.

    >>> display_cell(None), display_cell(True), display_cell(12.50), display_cell("East")
    ('', 'TRUE', '12.5', 'East')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int | float):
        return format_number(float(value))
    return value


# ---------------------------------------------------------------------------
# Reading what the candidate typed


def normalise_formula(text: str) -> str:
    """The formula the engine evaluates, from what a person typed.

    Strips surrounding spaces, turns a leading ``+`` or ``-`` into a formula as
    Excel does, reads ``;`` as the argument separator, and adds the closing
    brackets missing at the end, as Excel does on Enter. Raises
    :class:`FormulaError` for an empty input or one that is not a formula.

    >>> normalise_formula(" =ROUND(B2;2) ")
    '=ROUND(B2,2)'
    >>> normalise_formula('=IF(A1="a;b";1;0)')
    '=IF(A1="a;b",1,0)'
    >>> normalise_formula("+B2+B3")
    '=+B2+B3'
    >>> normalise_formula("=ROUND(SUM(B2:B5;2")
    '=ROUND(SUM(B2:B5,2))'
    """
    stripped = text.strip()
    if not stripped:
        raise FormulaError("no formula entered")
    if stripped[0] in "+-":
        stripped = "=" + stripped
    if stripped[0] != "=":
        raise FormulaError(
            "not a formula: a formula starts with = "
            "(without it, Excel keeps what you typed as text)"
        )
    if len(stripped) == 1:
        raise FormulaError("not a valid formula: nothing follows the =")
    return _close_brackets(_semicolons_to_commas(stripped))


def _semicolons_to_commas(formula: str) -> str:
    # Only a ; in the formula's code, outside an {array constant}, is an
    # argument separator.
    result = []
    brace_depth = 0
    for char, in_code in zip(formula, _code_mask(formula), strict=True):
        if in_code:
            if char == "{":
                brace_depth += 1
            elif char == "}":
                brace_depth = max(0, brace_depth - 1)
            elif char == ";" and brace_depth == 0:
                char = ","
        result.append(char)
    return "".join(result)


def _code_mask(formula: str) -> list[bool]:
    """For each character, whether it is formula code: not inside a "text" or a
    'sheet name', and not one of their quotes.

    >>> "".join("c" if code else "." for code in _code_mask('=A1&"a,b"&B1'))
    'cccc.....ccc'
    """
    return _scan_quotes(formula)[0]


def _scan_quotes(formula: str) -> tuple[list[bool], bool]:
    # The code mask, and whether the formula ends inside a text or sheet name.
    # In a text "" is an escaped quote: leaving and re-entering the text on it
    # gives the same result.
    mask = []
    in_text = in_sheet_name = False
    for char in formula:
        if in_text:
            in_text = char != '"'
            mask.append(False)
        elif in_sheet_name:
            in_sheet_name = char != "'"
            mask.append(False)
        else:
            in_text, in_sheet_name = char == '"', char == "'"
            mask.append(not (in_text or in_sheet_name))
    return mask, in_text or in_sheet_name


def _close_brackets(formula: str) -> str:
    """The formula with the closing brackets it lacks at its end added, as Excel
    adds them on Enter; any other formula unchanged.

    >>> _close_brackets("=ROUND(SUM(A1:A3),2"), _close_brackets("=SUM(A1))")
    ('=ROUND(SUM(A1:A3),2)', '=SUM(A1))')
    """
    mask, ends_in_quotes = _scan_quotes(formula)
    if ends_in_quotes:
        return formula
    depth = 0
    for char, in_code in zip(formula, mask, strict=True):
        if in_code and char == "(":
            depth += 1
        elif in_code and char == ")":
            depth -= 1
            if depth < 0:
                return formula
    return formula + ")" * depth


# Where the engine reads a call differently from Excel, the call is rewritten
# before evaluation (the other differences are evaluated in excel_functions).
# Each rewrite takes the name as typed and the arguments' texts and gives the
# call to evaluate.
Call = tuple[str, list[str]]


def _match_false_as_exact(name: str, arguments: list[str]) -> Call:
    # MATCH(x,range,FALSE) is exact in Excel, like MATCH(x,range,0); the engine
    # reads FALSE as approximate (conformance case "MATCH: FALSE is 0, an exact
    # match": =MATCH(1050,A2:A7,FALSE) gave a row instead of #N/A). TRUE is 1.
    if len(arguments) == 3 and arguments[2].strip().upper() in ("FALSE", "TRUE"):
        return name, [*arguments[:2], "0" if arguments[2].strip().upper() == "FALSE" else "1"]
    return name, arguments


def _xlookup_empty_if_not_found(name: str, arguments: list[str]) -> Call:
    # The engine hands an empty argument to our XLOOKUP as 0, which would come
    # back as the "not found" value; an empty if_not_found means #N/A, so it
    # becomes NA() (conformance case "XLOOKUP: match_mode -1, next smaller").
    if len(arguments) >= 4 and not arguments[3].strip():
        return name, [*arguments[:3], "NA()", *arguments[4:]]
    return name, arguments


_RANGE = re.compile(
    r"\s*\$?([A-Za-z]{1,3})\$?([1-9][0-9]{0,6})\s*:\s*\$?([A-Za-z]{1,3})\$?([1-9][0-9]{0,6})\s*"
)


def _row_or_column_of_a_range(name: str, arguments: list[str]) -> Call:
    # ROW(A2:A9) gives the row numbers 2 to 9 in Excel, COLUMN(B1:D1) the
    # column numbers 2 to 4; the engine gives only the first (conformance case
    # "ROW: a range gives its row numbers"). A range written out becomes the
    # SEQUENCE of its numbers; anything else is left to the engine.
    if len(arguments) != 1 or not (found := _RANGE.fullmatch(arguments[0])):
        return name, arguments
    first_row, first_column = parse_address(found.group(1) + found.group(2))
    last_row, last_column = parse_address(found.group(3) + found.group(4))
    top, bottom = sorted((first_row, last_row))
    left, right = sorted((first_column, last_column))
    if name.upper() == "ROW" and bottom > top:
        return "SEQUENCE", [str(bottom - top + 1), "1", str(top)]
    if name.upper() == "COLUMN" and right > left:
        return "SEQUENCE", ["1", str(right - left + 1), str(left)]
    return name, arguments


def _each_for_array_arguments(name: str, arguments: list[str]) -> Call:
    # COUNTIF(A2:A9,{"East","West"}) counts once per criterion in Excel; the
    # engine ignores an array of criteria. Such a call goes to NAME.EACH
    # (excel_functions.LIFTED_OVER), written when the argument is a range or
    # an array constant.
    lifted = excel_functions.LIFTED_OVER[name.upper()]
    for position, argument in enumerate(arguments):
        mask = _code_mask(argument)
        written_as_array = any(
            in_code and char in ":{" for char, in_code in zip(argument, mask, strict=True)
        )
        if lifted(position) and written_as_array:
            return f"{name}.EACH", arguments
    return name, arguments


# The arguments that must be ranges of one size, by function: Excel gives
# #VALUE! when they differ ("Each additional range must have the same number
# of rows and columns as the criteria_range1 argument"; SUMPRODUCT: "The array
# arguments must have the same dimensions"). The engine reads them anyway
# (conformance cases "COUNTIFS: each criteria range must have the rows and
# columns of the first", "SUMPRODUCT: arrays of other dimensions give
# #VALUE!" and the like). SUMIF and AVERAGEIF are not here: Excel reads their
# sum range from its first cell at the size of the criteria range.
_SAME_SIZE_ARGUMENTS: dict[str, Callable[[int], bool]] = {
    "COUNTIFS": lambda i: i % 2 == 0,
    "SUMIFS": lambda i: i == 0 or i % 2 == 1,
    "AVERAGEIFS": lambda i: i == 0 or i % 2 == 1,
    "MAXIFS": lambda i: i == 0 or i % 2 == 1,
    "MINIFS": lambda i: i == 0 or i % 2 == 1,
    "SUMPRODUCT": lambda i: True,
}

# Excel's sheet size, for the size of a whole column (A:A) or row (1:1).
_SHEET_ROWS = 1_048_576
_SHEET_COLUMNS = 16_384

_REFERENCE = re.compile(
    r"""\s*(?:(?:'[^']+'|[A-Za-z0-9_.]+)!)?    # an optional sheet name
    (?:\$?(?P<column>[A-Za-z]{1,3})\$?(?P<row>[1-9][0-9]{0,6})   # a cell...
       (?:\s*:\s*\$?(?P<last_column>[A-Za-z]{1,3})\$?(?P<last_row>[1-9][0-9]{0,6}))?  # ...or range
     | \$?(?P<first_of_columns>[A-Za-z]{1,3})\s*:\s*\$?(?P<last_of_columns>[A-Za-z]{1,3})
     | \$?(?P<first_of_rows>[1-9][0-9]{0,6})\s*:\s*\$?(?P<last_of_rows>[1-9][0-9]{0,6})
    )\s*""",
    re.VERBOSE,
)


def _reference_size(argument: str) -> tuple[int, int] | None:
    """The rows and columns of an argument written as a cell or range
    reference; None for anything else (a calculation, a name, OFFSET(...)).

    >>> _reference_size("$B$2:C9"), _reference_size("B2"), _reference_size("A:B")
    ((8, 2), (1, 1), (1048576, 2))
    >>> _reference_size("2:3"), _reference_size("B2:B9*2")
    ((2, 16384), None)
    """
    found = _REFERENCE.fullmatch(argument)
    if found is None:
        return None
    if found["first_of_columns"]:
        first = parse_address(found["first_of_columns"] + "1")[1]
        last = parse_address(found["last_of_columns"] + "1")[1]
        return _SHEET_ROWS, abs(last - first) + 1
    if found["first_of_rows"]:
        return abs(int(found["last_of_rows"]) - int(found["first_of_rows"])) + 1, _SHEET_COLUMNS
    if not found["last_column"]:
        return 1, 1
    first_row, first_column = parse_address(found["column"] + found["row"])
    last_row, last_column = parse_address(found["last_column"] + found["last_row"])
    return abs(last_row - first_row) + 1, abs(last_column - first_column) + 1


def _value_error_for_ranges_of_other_sizes(name: str, arguments: list[str]) -> Call:
    # Only ranges written out are compared: the engine hands a function whole
    # columns cut to the cells in use, so their sizes are not known there.
    must_match = _SAME_SIZE_ARGUMENTS[name.upper()]
    sizes = {
        size
        for position, argument in enumerate(arguments)
        if must_match(position) and (size := _reference_size(argument)) is not None
    }
    if len(sizes) > 1:
        return excel_functions.RANGES_OF_OTHER_SIZES, arguments
    if name.upper() in excel_functions.LIFTED_OVER:
        return _each_for_array_arguments(name, arguments)
    return name, arguments


_CALL_REWRITES: dict[str, Callable[[str, list[str]], Call]] = {
    "MATCH": _match_false_as_exact,
    "XLOOKUP": _xlookup_empty_if_not_found,
    "ROW": _row_or_column_of_a_range,
    "COLUMN": _row_or_column_of_a_range,
    **{name: _each_for_array_arguments for name in excel_functions.LIFTED_OVER},
    **{name: _value_error_for_ranges_of_other_sizes for name in _SAME_SIZE_ARGUMENTS},
}
_FUNCTION_CALL = re.compile(r"(?<![A-Za-z0-9_.$])([A-Za-z_][A-Za-z0-9_.]*)\(")


def rewrite_for_engine(formula: str) -> str:
    """The formula as the engine must read it to give Excel's value (see the
    rewrites above); calls of other functions are kept as typed.

    >>> rewrite_for_engine("=INDEX(B2:B7,MATCH(B9,A2:A7,FALSE))")
    '=INDEX(B2:B7,MATCH(B9,A2:A7,0))'
    >>> rewrite_for_engine('=XLOOKUP(B9,A2:A7,B2:B7,,-1)&"MATCH(a,b,FALSE)"')
    '=XLOOKUP(B9,A2:A7,B2:B7,NA(),-1)&"MATCH(a,b,FALSE)"'
    >>> rewrite_for_engine('=SUM(COUNTIF(A2:A9,{"East","West"}))+ROW($A$2:$A$9)')
    '=SUM(COUNTIF.EACH(A2:A9,{"East","West"}))+SEQUENCE(8,1,2)'
    """
    mask = _code_mask(formula)
    pieces = []
    done = 0
    for call in _FUNCTION_CALL.finditer(formula):
        if call.start() < done or not mask[call.start()]:
            continue
        split = _split_arguments(formula, mask, call.end())
        if split is None:  # no closing bracket: leave the rest to the parser
            break
        arguments, closing = split
        arguments = [rewrite_for_engine(argument) for argument in arguments]
        name = call.group(1)
        rewrite = _CALL_REWRITES.get(name.upper())
        if rewrite is not None:
            name, arguments = rewrite(name, arguments)
        pieces.append(formula[done : call.start()])
        pieces.append(f"{name}({','.join(arguments)})")
        done = closing + 1
    pieces.append(formula[done:])
    return "".join(pieces)


def _split_arguments(formula: str, mask: list[bool], start: int) -> tuple[list[str], int] | None:
    # The arguments of the call whose "(" ends just before start, and the index
    # of its ")". A , inside brackets or an {array constant} belongs to them.
    depth = 0
    arguments = []
    begin = start
    for index in range(start, len(formula)):
        if not mask[index]:
            continue
        char = formula[index]
        if char in "({":
            depth += 1
        elif char in ")}" and depth:
            depth -= 1
        elif char == ")":
            arguments.append(formula[begin:index])
            return ([] if arguments == [""] else arguments), index
        elif char == "," and not depth:
            arguments.append(formula[begin:index])
            begin = index + 1
    return None


# Excel works on a whole column (A:A) or row (1:1) at its full size, 1,048,576
# rows or 16,384 columns, so =SUMPRODUCT(B:B,C:C) multiplies two arrays of one
# size. The engine hands array arithmetic each whole column cut to its own
# last filled cell, so where the columns end at different rows the arrays
# differed in size and it gave #VALUE! (conformance sheet "ragged"). Where a
# reference is worked on cell by cell, as an operand of an operator or an
# argument of one of these functions, a reference that runs to the sheet's
# edge is cut where the cells in use end: every such reference to the same
# row, or column, and the cells cut off are all empty. Functions that take a
# range as such (SUM, COUNTBLANK, ROWS, MATCH, VLOOKUP, COUNTIFS...) are left
# the full reference, which the engine reads as Excel does.
_CELL_BY_CELL_ARGUMENTS = frozenset(
    {
        *("SUMPRODUCT", "XLOOKUP", "FILTER", "LOOKUP", "MMULT", "CHOOSE", "SORTBY"),
        *("IF", "IFERROR", "IFNA", "PROPER", "VALUE"),
        *excel_functions.LIFTED,
    }
)


# A whole column (A:A), a whole row (1:1) or a reference to the last row or
# column: a quick test before the formula is read token by token (a formula
# it finds may have none, as "a:b" in a text).
_MAY_REACH_THE_EDGE = re.compile(r"[A-Z]\s*:\s*\$?[A-Z]|[0-9]\s*:\s*\$?[0-9]|1048576|XFD", re.I)


def cut_to_cells_in_use(formula: str, last_row: int, last_column: int) -> str:
    """The formula with each reference that array arithmetic works on and that
    runs to the sheet's last row (A:A, A2:A1048576) cut at ``last_row``, and
    each that runs to its last column (1:1) cut at ``last_column``. References
    passed whole to a function that takes a range are kept.

    >>> cut_to_cells_in_use('=SUMPRODUCT((A:A="East")*B:B)+SUM(B:B)', 8, 4)
    '=SUMPRODUCT((A1:A8="East")*B1:B8)+SUM(B:B)'
    >>> cut_to_cells_in_use("=SUMPRODUCT(1:1,Sheet1!$B2:$B1048576)+ROWS(A:A)", 8, 4)
    '=SUMPRODUCT(A1:D1,Sheet1!$B2:$B8)+ROWS(A:A)'
    """
    if not _MAY_REACH_THE_EDGE.search(formula):
        return formula
    pieces = []
    done = 0
    for token in _tokens_worked_cell_by_cell(formula):
        cut = _cut_reference(token.value, last_row, last_column)
        if cut != token.value:
            pieces.extend([formula[done : token.start], cut])
            done = token.end
    pieces.append(formula[done:])
    return "".join(pieces)


def _tokens_worked_cell_by_cell(formula: str) -> Iterator:
    """The range tokens of the formula that are an operand of an operator or a
    whole argument of a function in _CELL_BY_CELL_ARGUMENTS."""
    for token, _ in _references_worked_cell_by_cell(formula):
        yield token


def _references_worked_cell_by_cell(formula: str) -> Iterator[tuple[object, tuple | None]]:
    """Each range token that an operator or a function works on cell by cell,
    with, for an operand of an operator, the calculation it belongs to: the
    function call and argument it is written in (brackets do not part it), so
    the operands of one key are worked together, cell by cell."""
    tokens = [
        token
        for token in formualizer.Tokenizer(formula).tokens()
        if str(token.token_type) != "Whitespace"
    ]
    # For each open bracket, the function it belongs to ("" for a bracket of
    # its own), and the call's number and argument reached.
    calls: list[list] = [["", 0, 0]]
    numbers = itertools.count(1)
    for index, token in enumerate(tokens):
        kind, subtype = str(token.token_type), str(token.subtype)
        if kind == "Func" and subtype == "Open":
            calls.append([token.value.rstrip("(").upper(), next(numbers), 0])
        elif kind == "Paren" and subtype == "Open":
            calls.append(["", None, 0])
        elif kind in ("Func", "Paren") and subtype == "Close" and len(calls) > 1:
            calls.pop()
        elif kind == "Sep" and calls[-1][1] is not None:
            calls[-1][2] += 1
        if kind != "Operand" or subtype != "Range":
            continue
        before = tokens[index - 1] if index else None
        after = tokens[index + 1] if index + 1 < len(tokens) else None
        if _is_arithmetic_operator(before, "OpPrefix") or _is_arithmetic_operator(
            after, "OpPostfix"
        ):
            call = next(frame for frame in reversed(calls) if frame[1] is not None)
            yield token, (call[1], call[2])
        elif (
            calls[-1][0] in _CELL_BY_CELL_ARGUMENTS
            and before is not None
            and str(before.token_type) in ("Func", "Sep")
            and after is not None
            and str(after.token_type) in ("Func", "Sep")
        ):
            yield token, None


def pad_arrays_of_other_sizes(formula: str) -> str:
    """The formula with each range that a calculation works on together with a
    longer or wider one padded to its size with #N/A, as Excel does
    (``=C2:C5*C2:C6`` is ``{C2*C2;...;C5*C5;#N/A}``); the engine gives
    #VALUE! instead. A single row or column is stretched, not padded.

    >>> pad_arrays_of_other_sizes("=SUMPRODUCT((C2:C5>0)*C2:C6)+SUM(C2:C5*D1)")
    '=SUMPRODUCT((PAD.NA(C2:C5,5,1)>0)*C2:C6)+SUM(C2:C5*D1)'
    """
    if formula.count(":") < 2:  # fewer than two ranges
        return formula
    groups: dict[tuple, list[tuple[object, tuple[int, int]]]] = {}
    for token, group in _references_worked_cell_by_cell(formula):
        size = _reference_size(token.value)
        if group is not None and size is not None:
            groups.setdefault(group, []).append((token, size))
    padded: list[tuple[object, str]] = []
    for references in groups.values():
        height = max(size[0] for _, size in references)
        width = max(size[1] for _, size in references)
        for token, (rows, columns) in references:
            to_rows = height if 1 < rows < height else rows
            to_columns = width if 1 < columns < width else columns
            if (to_rows, to_columns) != (rows, columns):
                call = f"{excel_functions.PAD_WITH_NA}({token.value},{to_rows},{to_columns})"
                padded.append((token, call))
    pieces = []
    done = 0
    for token, call in sorted(padded, key=lambda item: item[0].start):
        pieces.extend([formula[done : token.start], call])
        done = token.end
    pieces.append(formula[done:])
    return "".join(pieces)


def _furthest_cell_written(formula: str) -> tuple[int, int]:
    """The largest row and column number of the formula's cell references,
    short of the sheet's last row and column (0 when it names none).

    >>> _furthest_cell_written("=SUMPRODUCT(A2:A20*B:B)+C1048576+AB3")
    (20, 28)
    """
    if not _MAY_REACH_THE_EDGE.search(formula):
        return 0, 0  # nothing will be cut
    furthest_row = furthest_column = 0
    for token in formualizer.Tokenizer(formula).tokens():
        if str(token.token_type) != "Operand" or str(token.subtype) != "Range":
            continue
        for _, letters, _, digits in re.findall(r"(\$?)([A-Za-z]{1,3})(\$?)([0-9]+)", token.value):
            if int(digits) < _SHEET_ROWS:
                furthest_row = max(furthest_row, int(digits))
            column = parse_address(letters + "1")[1]
            if column < _SHEET_COLUMNS:
                furthest_column = max(furthest_column, column)
    return furthest_row, furthest_column


def _is_arithmetic_operator(token: object, unary_kind: str) -> bool:
    # An infix operator, or the prefix (before) or postfix (after) kind; the
    # reference operators (: and the space of an intersection) and the union's
    # comma are not arithmetic.
    if token is None:
        return False
    kind = str(token.token_type)
    return kind == unary_kind or (kind == "OpInfix" and token.value not in (":", " ", ","))


def _cut_reference(reference: str, last_row: int, last_column: int) -> str:
    """A reference running to the sheet's last row or column, cut at
    ``last_row`` or ``last_column``; any other reference as it is.

    >>> _cut_reference("$A:$B", 8, 4), _cut_reference("2:3", 8, 4), _cut_reference("B2:C5", 8, 4)
    ('$A1:$B8', 'A2:D3', 'B2:C5')
    """
    sheet, mark, address = reference.rpartition("!")
    found = _REFERENCE.fullmatch(address)
    if found is None:
        return reference
    if found["first_of_columns"]:
        first, last = address.split(":")
        cut = f"{first.strip()}1:{last.strip()}{last_row}"
    elif found["first_of_rows"]:
        first, last = address.split(":")
        cut = f"A{first.strip()}:{column_letters(last_column)}{last.strip()}"
    elif found["last_column"]:
        # Each corner keeps its $ signs; a row or column at the sheet's edge
        # becomes the last in use (or the other corner's, when that is further).
        corners = re.findall(r"(\$?)([A-Za-z]+)(\$?)([0-9]+)", address)
        rows = [int(corner[3]) for corner in corners]
        columns = [parse_address(corner[1] + "1")[1] for corner in corners]
        if _SHEET_ROWS not in rows and _SHEET_COLUMNS not in columns:
            return reference
        texts = []
        for (column_mark, letters, row_mark, _), row, column, other_row, other_column in zip(
            corners, rows, columns, reversed(rows), reversed(columns), strict=True
        ):
            if row == _SHEET_ROWS:
                row = max(last_row, other_row)
            if column == _SHEET_COLUMNS:
                letters = column_letters(max(last_column, other_column))
            texts.append(f"{column_mark}{letters}{row_mark}{row}")
        cut = ":".join(texts)
    else:
        return reference
    return sheet + mark + cut


# The engine's parser refuses a formula whose syntax tree is more than 256
# levels high, and a chain of operators such as =B2+B3+...+B300 is one level
# per operator (Excel works it out left to right: ((B2+B3)+B4)+...). Excel
# takes such a formula as long as it is at most 8,192 characters. Before it is
# refused, a chain of more operators than this is cut into steps of a LET,
# each step going on from the one before: the same calculation in the same
# order, so the same value, in a tree a few dozen levels high.
_CHAIN_STEP_OPERATORS = 64
_LET_NAME = "_step{}"


def split_long_chains(formula: str) -> str:
    """The formula with every chain of more than 64 operators of one precedence
    (``+``/``-``, ``*``/``/``, ``&``, a comparison...) worked out in steps of a
    LET, in Excel's left-to-right order; a formula with no such chain unchanged.

    >>> split_long_chains("=SUM(B2:B5)*2")
    '=SUM(B2:B5)*2'
    >>> long = "=" + "+".join(["B2"] * 130)
    >>> split_long_chains(long) == (
    ...     "=LET(_step1," + "+".join(["B2"] * 65) + ",_step2,_step1+" + "+".join(["B2"] * 64)
    ...     + ",_step2+B2)"
    ... )
    True
    """
    tokens = formualizer.Tokenizer(formula).tokens()
    names = itertools.count(1)
    return "=" + _expression_text(tokens, 0, len(tokens), names)[0]


def _expression_text(tokens: list, start: int, stop: int, names: Iterator[int]) -> tuple[str, int]:
    """The text of the expression from ``tokens[start]`` up to a closing
    bracket or an argument separator at its own level (or ``stop``), with its
    long chains split, and the index of the token that ended it."""
    # The expression as terms and infix operators: [term, (operator,
    # precedence), term, ...]. A term is everything between two infix
    # operators: operands, prefix and postfix operators, whole calls and
    # bracketed parts (their insides split in turn).
    parts: list = [""]
    index = start
    while index < stop:
        token = tokens[index]
        kind, subtype = str(token.token_type), str(token.subtype)
        if kind in ("Func", "Paren", "Array") and subtype == "Close" or kind == "Sep":
            break
        if kind == "OpInfix":
            parts.extend([(token.value, token.get_precedence()[0]), ""])
            index += 1
        elif kind in ("Func", "Paren") and subtype == "Open":
            pieces = [token.value]
            index += 1
            while True:
                inside, index = _expression_text(tokens, index, stop, names)
                pieces.append(inside)
                if index >= stop:
                    break
                pieces.append(tokens[index].value)  # the , or the )
                index += 1
                if pieces[-1] != ",":
                    break
            parts[-1] += "".join(pieces)
        elif kind == "Array" and subtype == "Open":
            # An array constant holds only constants: kept as written.
            depth = 0
            while index < stop:
                depth += {"Open": 1, "Close": -1}.get(str(tokens[index].subtype), 0)
                parts[-1] += tokens[index].value
                index += 1
                if depth == 0 and str(tokens[index - 1].token_type) == "Array":
                    break
        else:
            parts[-1] += token.value
            index += 1
    return _chain_text(parts, names), index


def _chain_text(parts: list, names: Iterator[int]) -> str:
    # Split at the operators of the lowest precedence (they are applied last);
    # each piece between them is a chain of higher ones, split the same way.
    operators = parts[1::2]
    if not operators:
        return parts[0]
    lowest = min(precedence for _, precedence in operators)
    pieces: list[list] = [[parts[0]]]
    links: list[str] = []
    for operator, term in zip(operators, parts[2::2], strict=True):
        if operator[1] == lowest:
            links.append(operator[0])
            pieces.append([term])
        else:
            pieces[-1].extend([operator, term])
    texts = [_chain_text(piece, names) for piece in pieces]
    if len(links) <= _CHAIN_STEP_OPERATORS:
        return texts[0] + "".join(link + text for link, text in zip(links, texts[1:], strict=True))
    steps = []
    so_far = texts[0]
    for first in range(0, len(links), _CHAIN_STEP_OPERATORS):
        chunk = zip(links[first : first + _CHAIN_STEP_OPERATORS], texts[first + 1 :], strict=False)
        step = so_far + "".join(link + text for link, text in chunk)
        if first + _CHAIN_STEP_OPERATORS >= len(links):
            return f"LET({','.join(steps)},{step})"
        so_far = _LET_NAME.format(next(names))
        steps.extend([so_far, step])
    raise AssertionError("unreachable: the last step returns")


def _parsed(formula: str) -> str:
    """The formula as the engine evaluates it, once it parses: as typed, or with
    its long chains split (:func:`split_long_chains`) when the parser finds
    it too deep. Raises :class:`FormulaError` for one that does not parse."""
    try:
        formualizer.parse(formula)
        return formula
    except Exception as error:  # the parser raises its own ParserError
        if "height limit" not in str(error):
            raise FormulaError(_syntax_hint(formula, str(error))) from error
    split = split_long_chains(formula)
    try:
        formualizer.parse(split)
    except Exception as error:
        raise FormulaError(_syntax_hint(formula, str(error))) from error
    return split


def _syntax_hint(formula: str, parser_message: str = "") -> str:
    """A short reason for a formula that does not parse, when an easy one is visible."""
    if "nesting too deep" in parser_message or "height limit" in parser_message:
        return "the formula nests too many brackets or functions inside one another for this test"
    if "node limit" in parser_message:  # over 8,192 numbers, references and operators
        return "the formula has too many parts for this test to calculate"
    outside_text = re.sub(r'"[^"]*"', "", formula)
    if outside_text.count('"') % 2:
        return "not a valid formula: a text in quotes is not closed"
    if outside_text.count("(") != outside_text.count(")"):
        return "not a valid formula: the brackets do not pair up"
    return "not a valid formula"


# ---------------------------------------------------------------------------
# Evaluating


def evaluate_formula(grid: Grid, target: str, formula: str) -> FormulaValue:
    """Evaluate ``formula`` typed into cell ``target`` of a sheet holding ``grid``.

    Returns the value the cell shows, which may be an Excel error value such as
    ``#DIV/0!`` (kind ``"error"``). Raises :class:`FormulaError` when the input
    is not a formula, does not parse, is longer than the 8,192 characters
    Excel allows, refers to its own cell (a circular reference) or cannot be
    calculated by the engine (the message says why).

    >>> grid = (("Sales",), (100,), (250,), (None,))
    >>> evaluate_formula(grid, "A4", "=SUM(A2:A3)")
    FormulaValue(kind='number', value=350.0)
    >>> evaluate_formula(grid, "A4", "=A2/0").display()
    '#DIV/0!'
    """
    normalised = normalise_formula(formula)
    if len(normalised) > MAX_FORMULA_LENGTH:
        raise FormulaError(
            f"the formula is longer than the {MAX_FORMULA_LENGTH:,} characters Excel allows"
        )
    normalised = _parsed(normalised)
    row, column = parse_address(target)
    # Put back what the grid holds in the target cell, so the cached workbook
    # is again a copy of the grid for the next formula.
    inside = row <= len(grid) and column <= len(grid[row - 1])
    original = grid[row - 1][column - 1] if inside else None

    engine_formula = rewrite_for_engine(normalised)
    # The cells in use end at the grid's last row and column, or at the
    # formula's own cell when that lies beyond (a reference through it is
    # circular), or at the furthest cell the formula names (a whole column
    # worked on with A2:A20 is longer than A2:A20, whose cells past the grid
    # are empty too).
    written_rows, written_columns = _furthest_cell_written(engine_formula)
    last_row = max(len(grid), row, written_rows)
    last_column = max(max((len(cells) for cells in grid), default=0), column, written_columns)
    cut = pad_arrays_of_other_sizes(cut_to_cells_in_use(engine_formula, last_row, last_column))

    with _WORKBOOKS_LOCK:
        try:
            workbook = _workbook_for(grid)
            value = _evaluate_in(workbook, row, column, cut, target)
            if cut != engine_formula:
                # A whole column's empty cells may count, as in
                # =SUMPRODUCT(--(A:A="")), which Excel counts over a million
                # rows: one empty row more must not change the value.
                beyond = pad_arrays_of_other_sizes(
                    cut_to_cells_in_use(engine_formula, last_row + 1, last_column + 1)
                )
                if not values_match(
                    value, _evaluate_in(workbook, row, column, beyond, target), match_case=True
                ):
                    raise FormulaError(_EMPTY_CELLS_COUNT_MESSAGE)
            workbook.set_value(SHEET_NAME, row, column, _engine_cell(original))
        except FormulaError:
            _WORKBOOKS.pop(_grid_key(grid), None)
            raise
        except Exception as error:  # engine limits, or a formula the engine rejects late
            _WORKBOOKS.pop(_grid_key(grid), None)
            # Depending on its settings the engine reports a circular
            # reference as an error value or raises when the formula is set.
            if "#CIRC!" in str(error):
                raise FormulaError(_circular_message(target)) from error
            raise FormulaError("the formula could not be calculated") from error
    return value


_EMPTY_CELLS_COUNT_MESSAGE = (
    "the formula's value depends on the empty cells of a whole column or row (such as A:A), "
    "over a million in Excel, which this test does not calculate: use the range of the "
    "cells in use, such as A2:A10"
)


def _evaluate_in(
    workbook: formualizer.Workbook, row: int, column: int, formula: str, target: str
) -> FormulaValue:
    workbook.set_formula(SHEET_NAME, row, column, formula)
    return _to_formula_value(workbook.evaluate_cell(SHEET_NAME, row, column), target)


# Building a workbook and filling in a grid costs several times more than
# evaluating one formula, and grading evaluates many formulas on the same few
# grids, so the last grids' workbooks are kept (least recently used first):
# enough for every grid of the built-in banks, about 70, and an imported bank
# or two, at roughly 0.1 MB each.
_WORKBOOKS: OrderedDict[tuple, formualizer.Workbook] = OrderedDict()
_WORKBOOKS_LOCK = threading.Lock()
_WORKBOOKS_KEPT = 128


def _grid_key(grid: Grid) -> tuple:
    # The type is part of the key: 1, 1.0 and True are equal in Python but
    # not in a sheet.
    return tuple(tuple((type(cell), cell) for cell in row) for row in grid)


def _workbook_for(grid: Grid) -> formualizer.Workbook:
    key = _grid_key(grid)
    workbook = _WORKBOOKS.get(key)
    if workbook is not None:
        _WORKBOOKS.move_to_end(key)
        return workbook
    config = formualizer.EvaluationConfig()
    config.max_eval_time_ms = MAX_EVALUATION_MS
    workbook = formualizer.Workbook(config=formualizer.WorkbookConfig(eval_config=config))
    workbook.add_sheet(SHEET_NAME)
    workbook.set_deterministic_clock(FIXED_NOW)
    excel_functions.install(workbook)
    if grid:
        workbook.set_values_batch(
            SHEET_NAME, 1, 1, [[_engine_cell(cell) for cell in cells] for cells in grid]
        )
    _WORKBOOKS[key] = workbook
    if len(_WORKBOOKS) > _WORKBOOKS_KEPT:
        _WORKBOOKS.popitem(last=False)
    return workbook


def _engine_cell(cell: CellValue) -> CellValue:
    """A grid cell as the engine takes it: a whole number too large for its 64
    bits as a float, which is how Excel keeps every number.

    >>> _engine_cell(2**63), _engine_cell(12), _engine_cell("12")
    (9.223372036854776e+18, 12, '12')
    """
    if isinstance(cell, int) and not isinstance(cell, bool) and not -(2**63) <= cell < 2**63:
        try:
            return float(cell)
        except OverflowError:
            # Over about 1.8e308: no Excel number is that large.
            raise FormulaError("the sheet holds a number too large for Excel") from None
    return cell


def clear_workbook_cache() -> None:
    """Forget the cached workbooks (tests use it to compare with fresh ones)."""
    with _WORKBOOKS_LOCK:
        _WORKBOOKS.clear()


def _circular_message(target: str) -> str:
    return f"circular reference: the formula uses its own cell {target.upper()}"


def _to_formula_value(raw: object, target: str) -> FormulaValue:
    if isinstance(raw, dict) and raw.get("type") == "Error":
        kind = raw.get("kind")
        if kind == "Circ":
            raise FormulaError(_circular_message(target))
        if kind == "NImpl":
            raise FormulaError("the formula uses a function this test cannot calculate")
        return FormulaValue("error", _ERROR_CODES.get(str(kind), "#VALUE!"))
    if isinstance(raw, list):
        # A formula that spills shows its first value in its own cell.
        while isinstance(raw, list) and raw:
            raw = raw[0]
        if isinstance(raw, list):
            return FormulaValue("error", "#CALC!")
        return _to_formula_value(raw, target)
    if raw is None:
        # A formula pointing at an empty cell shows 0.
        return FormulaValue("number", 0.0)
    if isinstance(raw, bool):
        return FormulaValue("boolean", raw)
    if isinstance(raw, datetime.datetime):
        midnight = datetime.datetime.combine(raw.date(), datetime.time())
        fraction = (raw.replace(tzinfo=None) - midnight).total_seconds() / 86400
        return FormulaValue("date", excel_serial(raw.date()) + fraction)
    if isinstance(raw, datetime.date):
        return FormulaValue("date", excel_serial(raw))
    if isinstance(raw, int | float):
        return FormulaValue("number", float(raw))
    if isinstance(raw, str):
        return FormulaValue("text", raw)
    raise FormulaError(f"the formula gives a value this test cannot show ({type(raw).__name__})")


# ---------------------------------------------------------------------------
# Comparing and grading


def values_match(expected: FormulaValue, given: FormulaValue, *, match_case: bool = False) -> bool:
    """Whether ``given`` shows the same value as ``expected``.

    Numbers and dates compare as numbers within a relative tolerance of 1e-9
    (a date is a number in Excel); text compares ignoring letter case unless
    ``match_case``; booleans and error codes compare exactly. Kinds otherwise
    never match: the text "10" is not the number 10.

    >>> values_match(FormulaValue("number", 0.3), FormulaValue("number", 0.1 + 0.2))
    True
    >>> values_match(FormulaValue("text", "Overdue"), FormulaValue("text", "OVERDUE"))
    True
    """
    numeric = ("number", "date")
    if expected.kind in numeric and given.kind in numeric:
        return math.isclose(
            float(expected.value),
            float(given.value),
            rel_tol=RELATIVE_TOLERANCE,
            abs_tol=ABSOLUTE_TOLERANCE,
        )
    if expected.kind != given.kind:
        return False
    if expected.kind == "text" and not match_case:
        return str(expected.value).casefold() == str(given.value).casefold()
    return expected.value == given.value


def check_formula(
    grid: Grid,
    variant: Grid,
    target: str,
    expected: Sequence[FormulaValue],
    answer: str,
    *,
    match_case: bool = False,
    more_variants: Sequence[Grid] = (),
) -> FormulaCheck:
    """Grade a typed formula by value: it must give the reference formula's value
    on the grid shown, on ``variant`` and on every grid of ``more_variants``.

    ``expected`` holds one value per grid, in that order: ``expected[0]`` for
    ``grid``, ``expected[1]`` for ``variant``, ``expected[2]`` for
    ``more_variants[0]`` and so on. Raises ValueError when the counts differ,
    a mistake of the caller. Never raises for what a candidate typed; the
    reason for a wrong answer is in ``FormulaCheck.message``.
    """
    sheets = (grid, variant, *more_variants)
    if len(expected) != len(sheets):
        raise ValueError(
            f"expected holds {len(expected)} values for {len(sheets)} grids: give one per grid"
        )
    wanted = tuple(expected)
    given: list[FormulaValue | None] = []
    for sheet in sheets:
        try:
            given.append(evaluate_formula(sheet, target, answer))
        except FormulaError as error:
            # Wrong whatever the other grids give, and almost always for a
            # reason of the text itself (syntax, its own cell), so stop here.
            given.extend([None] * (len(sheets) - len(given)))
            return FormulaCheck(False, _sentence(str(error)), wanted, tuple(given))
    shown = given[0]
    hidden_wrong = sum(
        not values_match(value, got, match_case=match_case)
        for value, got in zip(wanted[1:], given[1:], strict=True)
    )
    if shown.kind == "error":
        message = f"The formula gives {shown.display()} on the sheet shown."
    elif not values_match(wanted[0], shown, match_case=match_case):
        # Name both kinds when they differ: "gives the text "500"; the right
        # value is the number 500" says what "gives 500; the right value is
        # 500" cannot.
        with_kind = shown.kind != wanted[0].kind
        message = (
            f"The formula gives {shown.describe(with_kind=with_kind)} on the sheet shown; "
            f"the right value is {wanted[0].describe(with_kind=with_kind)}."
        )
    elif hidden_wrong:
        # A typed-in value and a formula that covers only part of the rule
        # fail the same way here, and the grader cannot tell which it was.
        hidden = len(sheets) - 1
        count = "" if hidden == 1 else f" (wrong on {hidden_wrong} of {hidden} hidden sheets)"
        message = (
            "The formula gives the right value on the sheet shown but not when the "
            f"numbers change{count}: use cell references, not typed-in values, and "
            "check that it follows every part of the rule."
        )
    else:
        message = ""
    return FormulaCheck(message == "", message, wanted, tuple(given))


def _sentence(text: str) -> str:
    text = text[:1].upper() + text[1:]
    return text if text.endswith(".") else text + "."
