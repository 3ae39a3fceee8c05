"""Excel functions that the spreadsheet engine evaluates differently from Excel, done here.

formualizer 0.13 passes 340 of the 418 cases of tests/formula_conformance.toml.
The cases it fails come down to a few gaps, each closed here on every workbook
that :func:`typing_test.core.quiz.formulas.evaluate_formula` builds
(:func:`install`), so the quiz grades those formulas as Excel does:

- Scalar functions are not applied cell by cell over a range or array:
  ``=SUMPRODUCT(--ISBLANK(E2:E9))`` gives 0, ``=SUMPRODUCT(LEN(B2:B9))`` the
  length of B2 only. Dynamic-array Excel applies them to every cell. The
  functions in :data:`LIFTED` are re-registered to do that, calling the
  engine's own function for each cell (in a workbook of its own: an override
  may not call back into the workbook it is evaluating).
- ``MMULT`` is unknown (``#NAME?``).
- ``FILTER`` over a row keeps the wrong cells (``=FILTER(B1:E1,B2:E2>B3:E3)``).
- ``CHOOSE`` with an array index gives ``#REF!``
  (``=VLOOKUP("Omar",CHOOSE({1,2},B2:B7,A2:A7),2,FALSE)``).
- ``LOOKUP(2,1/(C2:C7="Ops"),B2:B7)`` gives ``#N/A``: errors in the lookup
  vector are not skipped.
- ``XLOOKUP`` with match_mode -1 or 1 gives ``#N/A`` when the lookup range is
  not sorted (``=XLOOKUP(1050,A2:A7,B2:B7,,-1)``); Excel needs no order there.
- ``NETWORKDAYS`` and ``WORKDAY`` ignore a single holiday given as a cell or a
  ``DATE()`` (``=NETWORKDAYS(B2,B3,DATE(2024,3,29))``).
- ``PROPER`` does not capitalise a letter after a digit (``=PROPER("76BudGet")``
  gives "76budget"; Excel's documentation gives "76Budget").
- ``VALUE`` refuses a currency amount (``=VALUE("$1,000")``, 1000 in Excel's
  documentation).
- ``COUNTIF``, ``SUMIF(S)`` and the like, ``LARGE`` and ``SMALL`` ignore an
  array of criteria or positions (``=SUM(COUNTIF(A2:A9,{"East","West"}))``
  gives 0): see :data:`LIFTED_OVER`.
- ``COUNTIFS``, ``SUMIFS``, ``AVERAGEIFS``, ``MAXIFS``, ``MINIFS`` and
  ``SUMPRODUCT`` read ranges of different sizes (``=COUNTIFS(B2:B10,"Open",
  C2:C9,"High")``) where Excel gives #VALUE!: see :data:`RANGES_OF_OTHER_SIZES`
  for ranges written out, and :func:`sumproduct` for arrays calculated.
- Arithmetic on two arrays of different sizes (``=SUMPRODUCT(C2:C5*C2:C6)``)
  gives #VALUE!, where Excel pads the smaller with #N/A: formulas.py wraps
  the smaller range in :data:`PAD_WITH_NA`.

More are fixed by rewriting the formula's text before evaluation, in
``formulas.py``: ``MATCH(x,range,FALSE)`` (read as approximate), an empty
``if_not_found`` argument of ``XLOOKUP``, ``ROW`` and ``COLUMN`` of a range
(which give only the first row or column), the calls of
:data:`LIFTED_OVER`, and ranges of different sizes where Excel wants one size.

Inside an override, values are as the engine hands them over: a float for a
number or date (its serial number), str, bool, None for an empty cell, a dict
``{"type": "Error", "kind": "Na"}`` for an error, and a list of rows for a range
or array.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Callable, Sequence

import formualizer

Value = object
"""One engine value (see the module docstring)."""

# Scalar functions Excel applies cell by cell when given a range or array, and
# which the engine does not (conformance cases "IS functions: ISBLANK cell by
# cell over a range", "LEN cell by cell over a range", "EXACT cell by cell over
# a range", "SEARCH cell by cell over a range" and the like). Functions that
# take a range as such (SUM, COUNTIF, TEXTJOIN, NETWORKDAYS's holidays...) are
# not in the list.
LIFTED = (
    # text
    "LEN", "TRIM", "CLEAN", "UPPER", "LOWER", "LEFT", "RIGHT", "MID", "FIND", "SEARCH",
    "SUBSTITUTE", "REPT", "TEXT", "EXACT", "CODE", "CHAR",
    # information
    "ISBLANK", "ISNUMBER", "ISTEXT", "ISNONTEXT", "ISLOGICAL", "ISERROR", "ISERR", "ISNA",
    "ISEVEN", "ISODD",
    # logical
    "NOT",
    # maths and rounding
    "ABS", "SIGN", "SQRT", "POWER", "EXP", "LN", "LOG10", "ROUND", "ROUNDUP", "ROUNDDOWN",
    "INT", "TRUNC", "MOD", "MROUND", "CEILING", "FLOOR",
    # dates
    "DATE", "YEAR", "MONTH", "DAY", "WEEKDAY", "WEEKNUM", "HOUR", "MINUTE", "SECOND",
    "EDATE", "EOMONTH", "DATEDIF", "DAYS",
)  # fmt: skip

# A product of larger matrices than this (multiplications) is refused with
# #NUM!: it would run for seconds in Python, and no sheet of a test needs it.
_MMULT_MAX_PRODUCTS = 1_000_000

# Excel's last date, 9999-12-31, as a serial number.
_LAST_SERIAL = 2958465
_EXCEL_EPOCH = datetime.date(1899, 12, 30)
_ERROR_LITERALS = {
    "Div": "#DIV/0!",
    "Na": "#N/A",
    "Name": "#NAME?",
    "Ref": "#REF!",
    "Value": "#VALUE!",
    "Num": "#NUM!",
    "Null": "#NULL!",
}


def install(workbook: formualizer.Workbook) -> None:
    """Register this module's functions on ``workbook``, replacing the engine's."""
    overrides: dict[str, Callable[..., Value]] = {
        name: _elementwise(_builtin(name)) for name in LIFTED
    }
    overrides.update(
        PROPER=_elementwise(proper),
        VALUE=_elementwise(value),
        MMULT=mmult,
        FILTER=filter_rows_or_columns,
        CHOOSE=choose,
        LOOKUP=lookup,
        XLOOKUP=xlookup,
        NETWORKDAYS=networkdays,
        WORKDAY=workday,
        SUMPRODUCT=sumproduct,
    )
    for name, lifted in LIFTED_OVER.items():
        overrides[f"{name}.EACH"] = _lifted_over(name, lifted)
    overrides[RANGES_OF_OTHER_SIZES] = ranges_of_other_sizes
    overrides[PAD_WITH_NA] = pad_with_na
    for name, function in overrides.items():
        workbook.register_function(name, function, allow_override_builtin=True)


# ---------------------------------------------------------------------------
# Values


def error(kind: str) -> dict:
    """The engine's error value, e.g. ``error("Na")`` for #N/A."""
    return {"type": "Error", "kind": kind}


def is_error(value: Value) -> bool:
    return isinstance(value, dict) and value.get("type") == "Error"


def rows_of(value: Value) -> list[list[Value]]:
    """A range, array or single value as a list of rows."""
    if not isinstance(value, list):
        return [[value]]
    if value and not isinstance(value[0], list):
        return [value]
    return value


def _element(rows: list[list[Value]], row: int, column: int) -> Value:
    # Excel stretches a single row or column across the other arrays of a
    # calculation; past the end of a larger array it gives #N/A.
    if len(rows) == 1:
        row = 0
    if len(rows[0]) == 1:
        column = 0
    if row >= len(rows) or column >= len(rows[row]):
        return error("Na")
    return rows[row][column]


def _single(rows: list[list[Value]]) -> Value:
    """A 1 x 1 array as its value; any other array as it is."""
    return rows[0][0] if len(rows) == 1 and len(rows[0]) == 1 else rows


def _broadcast(function: Callable[..., Value], arguments: Sequence[Value]) -> Value:
    """``function`` applied cell by cell over the array arguments, Excel's way."""
    arrays = [rows_of(argument) for argument in arguments]
    shaped = [
        rows for rows, argument in zip(arrays, arguments, strict=True) if isinstance(argument, list)
    ]
    height = max(len(rows) for rows in shaped)
    width = max(len(rows[0]) for rows in shaped)
    return [
        [function(*(_element(rows, r, c) for rows in arrays)) for c in range(width)]
        for r in range(height)
    ]


def _elementwise(scalar_function: Callable[..., Value]) -> Callable[..., Value]:
    """A function that applies ``scalar_function`` cell by cell when given arrays."""

    def evaluate(*arguments: Value) -> Value:
        if not any(isinstance(argument, list) for argument in arguments):
            return scalar_function(*arguments)
        # A range holds few distinct values (most often many empty cells), and
        # each call of the engine's function costs tens of microseconds: work
        # each distinct set of arguments out once.
        results: dict[tuple, Value] = {}

        def once(*scalars: Value) -> Value:
            key = tuple(_hashable(scalar) for scalar in scalars)
            if key not in results:
                results[key] = scalar_function(*scalars)
            return results[key]

        return _broadcast(once, arguments)

    return evaluate


def _hashable(value: Value) -> tuple:
    # The type is part of the key: 1.0 and True are equal in Python, not in Excel.
    if is_error(value):
        return dict, str(value.get("kind"))
    return type(value), value


def _number(value: Value) -> float | dict:
    """A value as a number the way Excel's arithmetic reads it, or an error value."""
    if is_error(value):
        return value
    if value is None:
        return 0.0
    if isinstance(value, bool | int | float):
        return float(value)
    if isinstance(value, datetime.date):
        return _serial(value)
    try:
        return float(str(value).strip())
    except ValueError:
        return error("Value")


def _serial(day: datetime.date) -> float:
    """A date or date and time (as the engine's own functions give them) as a serial number."""
    if isinstance(day, datetime.datetime):
        midnight = datetime.datetime.combine(day.date(), datetime.time(), tzinfo=day.tzinfo)
        return (day.date() - _EXCEL_EPOCH).days + (day - midnight).total_seconds() / 86400
    return float((day - _EXCEL_EPOCH).days)


def _text(value: Value) -> str:
    """A value as the text Excel's text functions see."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float | int):
        number = float(value)
        return str(int(number)) if number.is_integer() else f"{number:.15g}"
    return str(value)


# ---------------------------------------------------------------------------
# The engine's own functions, on single values


class _BuiltinCalls:
    """Calls one of the engine's functions, in a workbook of its own.

    An override cannot call the function it replaces on the workbook being
    evaluated (that workbook is locked while it evaluates), so the arguments
    go into sheet "Args" of a private workbook, each in its own block of
    columns (a range or array as a block of its size), and the call, with a
    reference to each block, into sheet "Call". Grading evaluates one formula
    at a time (formulas.py holds a lock), and so does this workbook.
    """

    def __init__(self) -> None:
        self._workbook = formualizer.Workbook()
        self._workbook.add_sheet("Args")
        self._workbook.add_sheet("Call")

    def call(self, name: str, arguments: Sequence[Value]) -> Value:
        references = []
        column = 1
        for argument in arguments:
            rows = rows_of(argument)
            width = len(rows[0])
            self._workbook.set_values_batch(
                "Args",
                1,
                column,
                [[None if is_error(cell) else cell for cell in row] for row in rows],
            )
            for r, row in enumerate(rows, start=1):
                for c, cell in enumerate(row, start=column):
                    if is_error(cell):
                        literal = _ERROR_LITERALS.get(str(cell.get("kind")), "#VALUE!")
                        self._workbook.set_formula("Args", r, c, "=" + literal)
            first = f"{_column_letters(column)}1"
            last = f"{_column_letters(column + width - 1)}{len(rows)}"
            references.append(f"Args!{first}" if first == last else f"Args!{first}:{last}")
            column += width
        self._workbook.set_formula("Call", 1, 1, f"={name}({','.join(references)})")
        return self._workbook.evaluate_cell("Call", 1, 1)


def _column_letters(column: int) -> str:
    letters = ""
    while column:
        column, remainder = divmod(column - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


_BUILTINS = _BuiltinCalls()


def _builtin(name: str) -> Callable[..., Value]:
    def call(*arguments: Value) -> Value:
        return _BUILTINS.call(name, arguments)

    return call


def _lifted_over(name: str, lifted: Callable[[int], bool]) -> Callable[..., Value]:
    """The engine's function ``name`` applied once per cell of the arguments at
    the positions ``lifted`` accepts, the other arguments passed whole: what
    Excel does with ``COUNTIF(A2:A9,{"East","West"})`` (a count per criterion)."""

    def evaluate(*arguments: Value) -> Value:
        positions = [i for i, argument in enumerate(arguments) if lifted(i)]
        if not any(isinstance(arguments[i], list) for i in positions):
            return _BUILTINS.call(name, arguments)

        def once(*scalars: Value) -> Value:
            call = list(arguments)
            for position, scalar in zip(positions, scalars, strict=True):
                call[position] = scalar
            return _BUILTINS.call(name, call)

        return _elementwise(once)(*(arguments[i] for i in positions))

    return evaluate


# Functions that take a range whole and a criterion or a position as a single
# value, and which Excel calls once per value when that argument is an array
# or range (conformance cases "COUNTIF: an array of criteria", "SUMIFS: an
# array of criteria", "LARGE: an array of positions", "COUNTIF: 1/COUNTIF
# counts distinct values"). formulas.py renames a call to NAME.EACH when such
# an argument is written as a range or an array constant; any other call
# keeps the engine's own function (and its way with ranges of another size).
LIFTED_OVER = {
    "COUNTIF": lambda i: i == 1,
    "SUMIF": lambda i: i == 1,
    "AVERAGEIF": lambda i: i == 1,
    "COUNTIFS": lambda i: i % 2 == 1,
    "SUMIFS": lambda i: i >= 2 and i % 2 == 0,
    "AVERAGEIFS": lambda i: i >= 2 and i % 2 == 0,
    "MAXIFS": lambda i: i >= 2 and i % 2 == 0,
    "MINIFS": lambda i: i >= 2 and i % 2 == 0,
    "LARGE": lambda i: i == 1,
    "SMALL": lambda i: i == 1,
}


# formulas.py renames a call of COUNTIFS, SUMIFS, AVERAGEIFS, MAXIFS, MINIFS
# or SUMPRODUCT to this when ranges that must be of one size are written with
# different sizes: the engine reads such ranges anyway, Excel gives #VALUE!.
RANGES_OF_OTHER_SIZES = "RANGES.OF.OTHER.SIZES"


def ranges_of_other_sizes(*arguments: Value) -> Value:
    """What Excel gives for ``COUNTIFS(B2:B10,"Open",C2:C9,"High")`` and
    ``SUMPRODUCT(A2:B5,C2:C5)``, ranges of different sizes: #VALUE!.

    >>> ranges_of_other_sizes([["Open"], ["Closed"]], "Open", [["High"]], "High")
    {'type': 'Error', 'kind': 'Value'}
    """
    return error("Value")


# formulas.py wraps a range in this when a calculation works on it together
# with a longer or wider range: Excel pads the smaller array with #N/A
# ("={1,2}+{1,2,3;4,5,6} is expanded to {1,2,#N/A;1,2,#N/A}+{1,2,3;4,5,6}",
# Guidelines and examples of array formulas), the engine gives #VALUE!.
PAD_WITH_NA = "PAD.NA"


def pad_with_na(array: Value, rows: Value, columns: Value) -> Value:
    """``array`` padded with #N/A to ``rows`` by ``columns``.

    >>> pad_with_na([[1.0], [2.0]], 3.0, 1.0)
    [[1.0], [2.0], [{'type': 'Error', 'kind': 'Na'}]]
    """
    cells = rows_of(array)
    return [
        [
            cells[r][c] if r < len(cells) and c < len(cells[r]) else error("Na")
            for c in range(int(_number(columns)))
        ]
        for r in range(int(_number(rows)))
    ]


def sumproduct(*arrays: Value) -> Value:
    """Excel's SUMPRODUCT: #VALUE! unless every array has the same rows and
    columns ("The array arguments must have the same dimensions"); the engine
    stretches a single row or column across the others, so
    ``SUMPRODUCT(A2:A5,{1,2,3,4})`` gave a number. Arrays of one shape go to
    the engine's own SUMPRODUCT.

    >>> sumproduct([[1.0], [2.0]], [[3.0, 4.0]])
    {'type': 'Error', 'kind': 'Value'}
    >>> sumproduct([[1.0], [2.0]], [[3.0], [4.0]])
    11.0
    """
    shapes = {(len(rows), len(rows[0]) if rows else 0) for rows in map(rows_of, arrays)}
    if len(shapes) > 1:
        return error("Value")
    return _BUILTINS.call("SUMPRODUCT", arrays)


# ---------------------------------------------------------------------------
# Text


def proper(text: Value) -> Value:
    """Excel's PROPER: a capital after anything that is not a letter, digits included.

    >>> proper("76BudGet"), proper("2-way street"), proper("this is a TITLE")
    ('76Budget', '2-Way Street', 'This Is A Title')
    """
    if is_error(text):
        return text
    letters = []
    after_letter = False
    for char in _text(text):
        letters.append(char.lower() if after_letter else char.upper())
        after_letter = char.isalpha()
    return "".join(letters)


_AMOUNT = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+")


def value(text: Value) -> Value:
    """Excel's VALUE: the engine's reading, and also amounts like "$1,000" or "(250.50)".

    >>> value("$1,000"), value("(250.50)"), value("12%"), value("abc")
    (1000.0, -250.5, 0.12, {'type': 'Error', 'kind': 'Value'})
    """
    if is_error(text):
        return text
    if isinstance(text, float | int | datetime.date) and not isinstance(text, bool):
        return _number(text)
    engine = _BUILTINS.call("VALUE", [text])
    if not is_error(engine) or not isinstance(text, str):
        return engine
    body = text.strip()
    negative = body.startswith("(") and body.endswith(")")
    if negative:
        body = body[1:-1].strip()
    if body[:1] in "+-":
        negative = negative != (body[0] == "-")
        body = body[1:].strip()
    if body[:1] in ("$", "€", "£"):
        body = body[1:].strip()
    percent = body.endswith("%")
    if percent:
        body = body[:-1].strip()
    if not _AMOUNT.fullmatch(body):
        return engine
    amount = float(body.replace(",", ""))
    if percent:
        amount /= 100
    return -amount if negative else amount


# ---------------------------------------------------------------------------
# Arrays


def mmult(first: Value, second: Value) -> Value:
    """Excel's MMULT: the matrix product; #VALUE! for a non-number or unequal sides,
    #NUM! for matrices too large to multiply here (see _MMULT_MAX_PRODUCTS).

    >>> mmult([[1.0, 3.0], [7.0, 2.0]], [[2.0, 0.0], [0.0, 2.0]])
    [[2.0, 6.0], [14.0, 4.0]]
    """
    left, right = rows_of(first), rows_of(second)
    cells = [cell for rows in (left, right) for row in rows for cell in row]
    for cell in cells:
        if is_error(cell):
            return cell
    if any(isinstance(cell, bool) or not isinstance(cell, float | int) for cell in cells):
        return error("Value")
    left = [[_number(cell) for cell in row] for row in left]
    right = [[_number(cell) for cell in row] for row in right]
    if len(left[0]) != len(right):
        return error("Value")
    if len(left) * len(right) * len(right[0]) > _MMULT_MAX_PRODUCTS:
        return error("Num")
    return [
        [
            math.fsum(left_row[k] * right[k][column] for k in range(len(right)))
            for column in range(len(right[0]))
        ]
        for left_row in left
    ]


def filter_rows_or_columns(array: Value, include: Value, *if_empty: Value) -> Value:
    """Excel's FILTER: the rows (include is a column) or columns (include is a row) kept.

    >>> filter_rows_or_columns([["Jan", "Feb", "Mar"]], [[True, False, True]])
    [['Jan', 'Mar']]
    """
    rows, keep = rows_of(array), rows_of(include)
    if len(keep[0]) == 1 and len(keep) == len(rows):
        flags, by_row = [row[0] for row in keep], True
    elif len(keep) == 1 and len(keep[0]) == len(rows[0]):
        flags, by_row = keep[0], False
    else:
        return error("Value")
    kept = []
    for flag in flags:
        if is_error(flag):
            return flag
        if isinstance(flag, str):
            return error("Value")
        kept.append(bool(flag))
    if by_row:
        result = [row for row, wanted in zip(rows, kept, strict=True) if wanted]
    else:
        result = [[cell for cell, wanted in zip(row, kept, strict=True) if wanted] for row in rows]
        result = result if result[0] else []
    if not result:
        return if_empty[0] if if_empty else error("Calc")
    return result


def choose(index: Value, *choices: Value) -> Value:
    """Excel's CHOOSE, also with an array of index numbers: ``CHOOSE({1,2},B2:B7,A2:A7)``
    puts B2:B7 and A2:A7 side by side as a two-column table.

    >>> choose(2.0, "a", "b"), choose([[1.0, 2.0]], [["x"], ["y"]], [[10.0], [20.0]])
    ('b', [['x', 10.0], ['y', 20.0]])
    """

    def pick(number: Value) -> Value:
        if is_error(number):
            return number
        position = _number(number)
        if is_error(position):
            return position
        if not 1 <= int(position) <= len(choices):
            return error("Value")
        return choices[int(position) - 1]

    if not isinstance(index, list):
        return pick(index)
    arrays = [rows_of(index), *(rows_of(choice) for choice in choices if isinstance(choice, list))]
    height = max(len(rows) for rows in arrays)
    width = max(len(rows[0]) for rows in arrays)
    indexes = rows_of(index)
    result = []
    for r in range(height):
        row = []
        for c in range(width):
            chosen = pick(_element(indexes, r, c))
            row.append(_element(rows_of(chosen), r, c) if isinstance(chosen, list) else chosen)
        result.append(row)
    return result


# ---------------------------------------------------------------------------
# Lookups


def _kind_and_key(item: Value) -> tuple[int, object] | None:
    """How Excel orders a value in a lookup: numbers, then text (ignoring case),
    then TRUE/FALSE; None for an empty cell or an error, which never match."""
    if item is None or is_error(item):
        return None
    if isinstance(item, bool):
        return 2, item
    if isinstance(item, float | int | datetime.date):
        return 0, _number(item)
    return 1, str(item).casefold()


def _wildcard(pattern: str) -> re.Pattern[str]:
    """Excel's * and ? (with ~ before either for the character itself) as a regex."""
    parts = []
    characters = iter(pattern)
    for char in characters:
        if char == "~":
            parts.append(re.escape(next(characters, "~")))
        elif char == "*":
            parts.append(".*")
        elif char == "?":
            parts.append(".")
        else:
            parts.append(re.escape(char))
    return re.compile("".join(parts), re.IGNORECASE | re.DOTALL)


def _vector(value: Value) -> list[Value] | None:
    """A single row or column as a flat list; None for a table of several of each."""
    rows = rows_of(value)
    if len(rows) == 1:
        return list(rows[0])
    if all(len(row) == 1 for row in rows):
        return [row[0] for row in rows]
    return None


def lookup(lookup_value: Value, lookup_vector: Value, *result_vector: Value) -> Value:
    """Excel's LOOKUP: the last position whose value is the largest not above
    ``lookup_value``, of the same kind; errors and other kinds are skipped,
    so ``LOOKUP(2,1/(C2:C7="Ops"),B2:B7)`` finds the last "Ops" row.

    >>> lookup(2.0, [[{"type": "Error", "kind": "Div"}], [1.0], [{"type": "Error"}], [1.0]], [["a"], ["b"], ["c"], ["d"]])
    'd'
    """  # noqa: E501
    if isinstance(lookup_value, list):
        return _broadcast(lambda item: lookup(item, lookup_vector, *result_vector), [lookup_value])
    if is_error(lookup_value):
        return lookup_value
    wanted = _kind_and_key(lookup_value)
    if result_vector:
        searched, results = _vector(lookup_vector), _vector(result_vector[0])
    else:
        # The array form: search the first row of a wide table and give its last
        # row, else the first column and the last column.
        table = rows_of(lookup_vector)
        if len(table[0]) > len(table):
            searched, results = table[0], table[-1]
        else:
            searched, results = [row[0] for row in table], [row[-1] for row in table]
    if searched is None or results is None or wanted is None:
        return error("Na")
    best = None
    for position, item in enumerate(searched):
        key = _kind_and_key(item)
        if key is None or key[0] != wanted[0] or key[1] > wanted[1]:
            continue
        if best is None or key[1] >= best[1]:
            best = (position, key[1])
    if best is None or best[0] >= len(results):
        return error("Na")
    return results[best[0]]


def xlookup(
    lookup_value: Value,
    lookup_array: Value,
    return_array: Value,
    if_not_found: Value = None,
    match_mode: Value = 0.0,
    search_mode: Value = 1.0,
) -> Value:
    """Excel's XLOOKUP. ``formulas.py`` turns an empty ``if_not_found`` argument into
    ``NA()`` (the engine hands an empty argument over as 0), so #N/A is what
    comes back when nothing is found and no if_not_found is given.

    >>> xlookup(1050.0, [[1040.0], [1007.0], [1061.0]], [["Kofi"], ["Lena"], ["Priya"]], {"type": "Error", "kind": "Na"}, -1.0)
    'Kofi'
    """  # noqa: E501
    if isinstance(lookup_value, list):
        return _broadcast(
            lambda item: _first(
                xlookup(item, lookup_array, return_array, if_not_found, match_mode, search_mode)
            ),
            [lookup_value],
        )
    for argument in (lookup_value, match_mode, search_mode):
        if is_error(argument):
            return argument
    searched = _vector(lookup_array)
    table = rows_of(return_array)
    by_row = len(rows_of(lookup_array)) > 1 or len(rows_of(lookup_array)[0]) == 1
    length = len(table) if by_row else len(table[0])
    if searched is None or length != len(searched):
        return error("Value")
    mode, direction = int(_number(match_mode)), int(_number(search_mode))
    if mode not in (-1, 0, 1, 2) or direction not in (-2, -1, 1, 2):
        return error("Value")
    position = _find(lookup_value, searched, mode, reverse=direction < 0)
    if position is None:
        return error("Na") if if_not_found is None else if_not_found
    if by_row:
        return _single([table[position]])
    return _single([[row[position]] for row in table])


def _first(value: Value) -> Value:
    return rows_of(value)[0][0]


def _find(wanted: Value, searched: list[Value], mode: int, *, reverse: bool) -> int | None:
    """The position XLOOKUP picks: exact, exact-or-next-smaller (-1),
    exact-or-next-larger (1) or wildcard (2); the first in search order on ties."""
    order = range(len(searched) - 1, -1, -1) if reverse else range(len(searched))
    target = _kind_and_key(wanted)
    if target is None:
        return next((i for i in order if searched[i] is None), None)
    if mode == 2 and target[0] == 1:
        pattern = _wildcard(str(wanted))
        return next(
            (i for i in order if isinstance(searched[i], str) and pattern.fullmatch(searched[i])),
            None,
        )
    best: tuple[int, object] | None = None
    for i in order:
        key = _kind_and_key(searched[i])
        if key is None or key[0] != target[0]:
            continue
        if key[1] == target[1]:
            return i
        if mode == -1 and key[1] < target[1]:
            closer = best is None or key[1] > best[1]
        elif mode == 1 and key[1] > target[1]:
            closer = best is None or key[1] < best[1]
        else:
            closer = False
        if closer:
            best = (i, key[1])
    return None if best is None else best[0]


# ---------------------------------------------------------------------------
# Working days


def _day_serial(value: Value) -> int | dict:
    number = _number(value)
    if is_error(number):
        return number
    if not 0 <= number <= _LAST_SERIAL:
        return error("Num")
    return int(number)


def _holidays(values: Sequence[Value]) -> set[int] | dict:
    days = set()
    for holiday in values:
        for row in rows_of(holiday):
            for cell in row:
                if cell is None:
                    continue
                day = _day_serial(cell)
                if is_error(day):
                    return day
                days.add(day)
    return days


def _is_weekday(serial: int) -> bool:
    return (_EXCEL_EPOCH + datetime.timedelta(days=serial)).weekday() < 5


def networkdays(start: Value, end: Value, *holidays: Value) -> Value:
    """Excel's NETWORKDAYS: Mondays to Fridays from start to end, both counted,
    less the holidays (one date, a range or an array); negative when end is first.

    >>> networkdays(45366.0, 45384.0, 45380.0)  # 2024-03-15 to 2024-04-02, Good Friday off
    12
    """
    first, last = _day_serial(start), _day_serial(end)
    days_off = _holidays(holidays)
    for checked in (first, last, days_off):
        if is_error(checked):
            return checked
    sign = 1 if first <= last else -1
    low, high = min(first, last), max(first, last)
    weeks, rest = divmod(high - low + 1, 7)
    count = weeks * 5 + sum(_is_weekday(low + weeks * 7 + i) for i in range(rest))
    count -= sum(1 for day in days_off if low <= day <= high and _is_weekday(day))
    return sign * count


def workday(start: Value, days: Value, *holidays: Value) -> Value:
    """Excel's WORKDAY: the working day ``days`` working days after (or before) start.

    >>> workday(45379.0, 1.0, 45380.0)  # 2024-03-28 plus one, Good Friday off: 2024-04-01
    45383
    """
    first, step_count = _day_serial(start), _number(days)
    days_off = _holidays(holidays)
    for checked in (first, step_count, days_off):
        if is_error(checked):
            return checked
    remaining = int(step_count)
    step = 1 if remaining > 0 else -1
    day = first
    while remaining:
        day += step
        if not 0 <= day <= _LAST_SERIAL:
            return error("Num")
        if _is_weekday(day) and day not in days_off:
            remaining -= step
    return day
