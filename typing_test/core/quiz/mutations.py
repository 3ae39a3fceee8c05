"""Mutation analysis of a formula task: the plausible wrong formulas its sheets fail to catch.

A formula task is graded by value on the sheet shown and on its hidden sheets
(``variant``, ``more_variants``). A wrong formula that happens to give the
right value on every one of them is marked right. This module writes the wrong
formulas a candidate plausibly types, each a small change ("mutant") of the
reference formula or of one of the author's alternatives:

- a range shrunk, grown or shifted by one row or column at either end, alone
  or together with every other range sharing that edge (``A2:A7`` and
  ``C2:C7`` both starting at row 3);
- a cell moved by one row or column, moved to another column, or replaced by
  the value it shows (the number typed in instead of the reference);
- a comparison operator swapped for another of ``= <> < <= > >=``, also inside
  a criterion such as ``">=60"``; a criterion negated (``"<>East"``);
- a condition dropped or negated: an argument of AND/OR, the test of IF (the
  IF replaced by one branch), a range/criterion pair of COUNTIFS and its kin,
  the criterion of SUMIF/COUNTIF/AVERAGEIF (a plain SUM/COUNTA/AVERAGE); AND
  and OR swapped; a factor ``(test)*`` of a product dropped;
- the last argument of a function left out (VLOOKUP and MATCH then match
  approximately), TRUE and FALSE swapped, a small whole number one more or
  one less (ROUND's digits, VLOOKUP's column, MATCH's match type);
- a function confused with its neighbour (COUNT/COUNTA, ROUND/ROUNDUP/
  ROUNDDOWN, MAX/MIN, LEFT/RIGHT, VLOOKUP/HLOOKUP, UPPER/PROPER);
- brackets around a calculation left out (``B3-B2/B2``), the two sides of a
  subtraction or division swapped, ``+``/``-`` and ``*``/``/`` confused;
- a text in quotes replaced by a cell that shows it, and the right value
  typed in as a constant.

``$`` signs are kept as written: absolute or relative makes no difference in
a single cell.

Each mutant is graded exactly as the quiz grades an answer
(:meth:`FormulaTask.check`). One that passes is a problem only when it is
really wrong, that is when it differs from the reference on some *plausible
sheet*: a sheet of the task's layout with the data changed the way data
changes. Plausible sheets are made from each of the task's own sheets by

- putting the data rows (or columns) of the ranges the formulas read in
  another order (each rotation, and reversed); a row is data when its cells
  differ between the task's sheets, so headers and labels stay in place;
- giving every number and date other values (a few seeded random draws),
  and moving every date together by a year or by 100 days;
- making the two sides of each comparison equal, and one step apart.

A sheet counts only when the reference gives no error on it and every
alternative agrees with the reference there, so it stays within what the
author declared right. A mutant that passes and equals the reference on every
plausible sheet is *equivalent* and not reported: ``=SUM(B1:B5)`` for
``=SUM(B2:B5)`` when B1 is the column heading, which SUM ignores, or a range
grown over a row that is empty on every sheet. A mutant that passes and
differs on a plausible sheet is reported, with that sheet's description, so
the author can add a hidden sheet like it.
"""

from __future__ import annotations

import datetime
import random
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from typing_test.core.quiz.formulas import (
    FormulaError,
    FormulaValue,
    Grid,
    cell_address,
    column_letters,
    evaluate_formula,
    format_number,
    normalise_formula,
    parse_address,
    values_match,
)

if TYPE_CHECKING:  # banks imports this module; only the type is needed here
    from typing_test.core.quiz.banks import FormulaTask

# A formula longer than this is not analysed: its mutants would be too many to
# grade in reasonable time. Excel itself allows 8,192 characters; a task's
# reference is rarely over 100.
MAX_ANALYSED_FORMULA_LENGTH = 600

# The numbers a plausible sheet may hold: Excel's largest number, and the
# whole numbers it keeps exactly (15 digits), as the bank validator allows.
_LARGEST_NUMBER = 9.99999999999999e307
_LARGEST_WHOLE = 10**15

# Random draws of other numbers per sheet of the task; fixed seed, so a bank
# always gets the same report.
JITTERED_SHEETS_PER_SHEET = 4
_SEED = 20240515

_COMPARISONS = ("=", "<>", "<", "<=", ">", ">=")
_CRITERIA_FUNCTIONS = {
    # name: the argument number (from 0) of the first range/criterion pair,
    # after the sum range if there is one; None for the forms with one criterion.
    "COUNTIF": None,
    "SUMIF": None,
    "AVERAGEIF": None,
    "COUNTIFS": 0,
    "SUMIFS": 1,
    "AVERAGEIFS": 1,
    "MAXIFS": 1,
    "MINIFS": 1,
}
_CONFUSED_FUNCTIONS = (
    ("COUNT", "COUNTA"),
    ("ROUND", "ROUNDUP", "ROUNDDOWN"),
    ("MAX", "MIN"),
    ("LEFT", "RIGHT"),
    ("VLOOKUP", "HLOOKUP"),
    ("UPPER", "PROPER"),
)  # AND and OR are swapped with the conditions


@dataclass(frozen=True)
class Mutant:
    """A plausible wrong formula: ``formula`` and what was changed, ``how``."""

    formula: str
    how: str


@dataclass(frozen=True)
class Survivor:
    """A mutant the task grades right although it is wrong.

    ``sheet`` describes a plausible sheet on which it differs from the
    reference, e.g. ``"the grid with rows 2-7 in another order"``.
    """

    mutant: Mutant
    sheet: str


@dataclass(frozen=True)
class MutationReport:
    """What the mutation analysis of one task found.

    ``tried`` counts the distinct mutants graded, ``caught`` those the task
    grades wrong; ``equivalent`` pass but equal the reference on every
    plausible sheet (right answers written differently); ``survivors`` pass
    and are wrong. ``skipped`` says why no analysis was made ("" if it was).
    """

    tried: int
    caught: int
    equivalent: tuple[Mutant, ...]
    survivors: tuple[Survivor, ...]
    skipped: str = ""


# ---------------------------------------------------------------------------
# Reading a formula into tokens


@dataclass(frozen=True)
class _Token:
    kind: str  # start, text, ref, range, number, bool, func, name, op, open, close, comma, other
    text: str


_TOKEN_PATTERN = re.compile(
    r"""
    (?P<text>"(?:[^"]|"")*"?)
  | (?P<range>\$?[A-Za-z]{1,3}\$?[1-9][0-9]{0,6}:\$?[A-Za-z]{1,3}\$?[1-9][0-9]{0,6}
      (?![A-Za-z0-9_.(]))
  | (?P<ref>\$?[A-Za-z]{1,3}\$?[1-9][0-9]{0,6}(?![A-Za-z0-9_.(:]))
  | (?P<func>[A-Za-z_][A-Za-z0-9_.]*(?=\s*\())
  | (?P<bool>(?:TRUE|FALSE)(?![A-Za-z0-9_.]))
  | (?P<name>[A-Za-z_][A-Za-z0-9_.]*)
  | (?P<number>(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)
  | (?P<op><>|<=|>=|[=<>+\-*/^&%])
  | (?P<open>\()
  | (?P<close>\))
  | (?P<comma>,)
  | (?P<space>\s+)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL | re.IGNORECASE,
)


def _tokenize(formula: str) -> list[_Token]:
    """The tokens of a normalised formula (it starts with ``=``); spaces are kept.

    >>> [t.text for t in _tokenize('=SUMIF(A2:A7,"East",C2:C7)')]
    ['=', 'SUMIF', '(', 'A2:A7', ',', '"East"', ',', 'C2:C7', ')']
    """
    tokens = [_Token("start", "=")]
    for match in _TOKEN_PATTERN.finditer(formula, 1):
        kind = match.lastgroup or "other"
        text = match.group()
        if kind == "bool":
            text = text.upper()
        tokens.append(_Token(kind, text))
    return tokens


def _join(tokens: Sequence[_Token]) -> str:
    return "".join(token.text for token in tokens)


@dataclass(frozen=True)
class _Call:
    """A function call: the index of its name token, its ``(`` and ``)``, and its arguments."""

    name: str
    start: int
    open: int
    close: int
    arguments: tuple[tuple[int, int], ...]  # token index spans [first, end)


def _calls(tokens: Sequence[_Token]) -> list[_Call]:
    """Every function call, and every bracket group (name ``""``), of the tokens."""
    calls = []
    for index, token in enumerate(tokens):
        if token.kind not in ("func", "open"):
            continue
        open_index = index
        if token.kind == "func":
            open_index = index + 1
            while open_index < len(tokens) and tokens[open_index].kind == "space":
                open_index += 1
        elif index > 0 and _previous_kind(tokens, index) == "func":
            continue  # the bracket of a call, handled with its name
        depth = 0
        arguments = []
        argument_start = open_index + 1
        close_index = None
        for position in range(open_index, len(tokens)):
            kind = tokens[position].kind
            text = tokens[position].text
            if kind == "open" or text == "{":
                depth += 1
            elif kind == "close" or text == "}":
                depth -= 1
                if depth == 0:
                    close_index = position
                    break
            elif kind == "comma" and depth == 1:
                arguments.append((argument_start, position))
                argument_start = position + 1
        if close_index is None:
            continue
        if close_index > argument_start or arguments:
            arguments.append((argument_start, close_index))
        name = token.text.upper() if token.kind == "func" else ""
        calls.append(_Call(name, index, open_index, close_index, tuple(arguments)))
    return calls


def _previous_kind(tokens: Sequence[_Token], index: int) -> str:
    position = index - 1
    while position >= 0 and tokens[position].kind == "space":
        position -= 1
    return tokens[position].kind if position >= 0 else ""


# ---------------------------------------------------------------------------
# Cell references


@dataclass(frozen=True)
class _Area:
    """A cell or range: 1-based rows and columns, with the ``$`` flags as written."""

    top: int
    left: int
    bottom: int
    right: int
    dollars: tuple[str, str, str, str] = ("", "", "", "")  # col, row of start; col, row of end
    is_range: bool = True

    def text(self) -> str:
        start = (
            f"{self.dollars[0]}{column_letters(self.left)}{self.dollars[1]}{self.top}"
        )
        if not self.is_range:
            return start
        end = f"{self.dollars[2]}{column_letters(self.right)}{self.dollars[3]}{self.bottom}"
        return f"{start}:{end}"

    def moved(self, top: int, left: int, bottom: int, right: int) -> _Area | None:
        """The area with new edges, or None when they do not make an area."""
        if top < 1 or left < 1 or top > bottom or left > right:
            return None
        if not self.is_range and (top != bottom or left != right):
            return None
        return _Area(top, left, bottom, right, self.dollars, self.is_range)


_PART = re.compile(r"(\$?)([A-Za-z]{1,3})(\$?)([1-9][0-9]{0,6})")


def _area(token: _Token) -> _Area:
    parts = token.text.split(":")
    start = _PART.fullmatch(parts[0])
    end = _PART.fullmatch(parts[-1])
    assert start is not None and end is not None  # the tokenizer matched them
    top, left = parse_address(start.group(2) + start.group(4))
    bottom, right = parse_address(end.group(2) + end.group(4))
    return _Area(
        min(top, bottom),
        min(left, right),
        max(top, bottom),
        max(left, right),
        (start.group(1), start.group(3), end.group(1), end.group(3)),
        token.kind == "range",
    )


# ---------------------------------------------------------------------------
# Writing the mutants


def mutants(formula: str, grid: Grid, target: str) -> list[Mutant]:
    """The plausible wrong formulas made by one small change of ``formula``.

    ``grid`` is the sheet shown (for the values a candidate would type in and
    for the columns a reference can move to). Mutants are distinct, in a fixed
    order; none is the formula itself (it may still be an equivalent one).
    Raises :class:`FormulaError` when ``formula`` is not a formula at all.

    >>> found = mutants("=SUM(B2:B5)", (("Month", "Calls"), ("Jan", 5), ("Feb", 7),
    ...                 ("Mar", 2), ("Apr", 4), ("Total", None)), "B6")
    >>> [m.formula for m in found][:4]
    ['=SUM(B3:B5)', '=SUM(B1:B5)', '=SUM(B2:B6)', '=SUM(B2:B4)']
    """
    normalised = normalise_formula(formula)
    tokens = _tokenize(normalised)
    width = max((len(row) for row in grid), default=1)
    found: dict[str, Mutant] = {}

    def add(new_tokens: Sequence[_Token], how: str) -> None:
        text = _join(new_tokens)
        if text != normalised and text not in found:
            found[text] = Mutant(text, how)

    for makes in (
        _range_mutants,
        _cell_mutants,
        _comparison_mutants,
        _condition_mutants,
        _argument_mutants,
        _arithmetic_mutants,
        _text_to_cell_mutants,
    ):
        for new_tokens, how in makes(tokens, grid, width):
            add(new_tokens, how)
    typed = _typed_in_value(grid, target, normalised)
    if typed is not None and typed.formula != normalised:
        found.setdefault(typed.formula, typed)
    return list(found.values())


_Made = Iterator[tuple[list[_Token], str]]


def _replaced(tokens: Sequence[_Token], changes: dict[int, str]) -> list[_Token]:
    return [
        _Token(token.kind, changes[index]) if index in changes else token
        for index, token in enumerate(tokens)
    ]


def _spliced(tokens: Sequence[_Token], first: int, end: int, text: str) -> list[_Token]:
    """Tokens ``first`` to ``end`` (excluded) replaced by one token of ``text``."""
    return [*tokens[:first], _Token("other", text), *tokens[end:]]


def _range_mutants(tokens: list[_Token], grid: Grid, width: int) -> _Made:
    ranges = {index: _area(token) for index, token in enumerate(tokens) if token.kind == "range"}
    edges = ("top", "bottom", "left", "right")
    for index, area in ranges.items():
        text = area.text()
        for edge in edges:
            for step in (1, -1):
                moved = _edge_moved(area, edge, step)
                if moved is not None:
                    new = moved.text()
                    yield _replaced(tokens, {index: new}), f"{text} changed to {new}"
        for rows, columns in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            moved = area.moved(
                area.top + rows, area.left + columns, area.bottom + rows, area.right + columns
            )
            if moved is not None:
                yield _replaced(tokens, {index: moved.text()}), f"{text} moved to {moved.text()}"
        if area.left == area.right:
            for column in range(1, width + 1):
                moved = area.moved(area.top, column, area.bottom, column)
                if column != area.left and moved is not None:
                    yield (
                        _replaced(tokens, {index: moved.text()}),
                        f"{text} changed to {moved.text()} (another column)",
                    )
    # The same edge moved in every range that has it: =SUMIF(A3:A7,"East",C3:C7)
    # skips row 2 in both ranges, as a candidate who starts below the first
    # data row would write it.
    groups: dict[tuple[str, int], list[int]] = {}
    for index, area in ranges.items():
        for edge in edges:
            groups.setdefault((edge, getattr(area, edge)), []).append(index)
    for (edge, value), members in groups.items():
        if len(members) < 2:
            continue
        for step in (1, -1):
            changes = {}
            for index in members:
                moved = _edge_moved(ranges[index], edge, step)
                if moved is None:
                    break
                changes[index] = moved.text()
            else:
                side = "row" if edge in ("top", "bottom") else "column"
                label = value if side == "row" else column_letters(value)
                new = value + step if side == "row" else column_letters(max(1, value + step))
                yield (
                    _replaced(tokens, changes),
                    f"the {edge} {side} {label} of every range changed to {new}",
                )


def _edge_moved(area: _Area, edge: str, step: int) -> _Area | None:
    top, left, bottom, right = area.top, area.left, area.bottom, area.right
    if edge == "top":
        top += step
    elif edge == "bottom":
        bottom += step
    elif edge == "left":
        left += step
    else:
        right += step
    return area.moved(top, left, bottom, right)


def _cell_mutants(tokens: list[_Token], grid: Grid, width: int) -> _Made:
    for index, token in enumerate(tokens):
        if token.kind != "ref":
            continue
        area = _area(token)
        text = area.text()
        for rows, columns in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            moved = area.moved(
                area.top + rows, area.left + columns, area.bottom + rows, area.right + columns
            )
            if moved is not None:
                yield _replaced(tokens, {index: moved.text()}), f"{text} changed to {moved.text()}"
        for column in range(1, width + 1):
            moved = area.moved(area.top, column, area.top, column)
            if column != area.left and moved is not None:
                yield (
                    _replaced(tokens, {index: moved.text()}),
                    f"{text} changed to {moved.text()} (another column)",
                )
        shown = _cell(grid, area.top, area.left)
        literal = _literal(shown)
        if literal is not None:
            yield _replaced(tokens, {index: literal}), f"{text} typed in as {literal}"


def _comparison_mutants(tokens: list[_Token], grid: Grid, width: int) -> _Made:
    calls = _calls(tokens)
    criteria = _criteria_arguments(tokens, calls)
    for index, token in enumerate(tokens):
        if token.kind == "op" and token.text in _COMPARISONS:
            for other in _COMPARISONS:
                if other != token.text:
                    yield (
                        _replaced(tokens, {index: other}),
                        f"{token.text} changed to {other}",
                    )
        elif token.kind == "text" and index in criteria:
            inner = token.text[1:-1]
            operator = re.match(r"<>|<=|>=|=|<|>", inner)
            rest = inner[operator.end():] if operator else inner
            current = operator.group() if operator else ""
            if current in ("", "="):
                choices = ["<>"]  # "East" negated; an order of texts is no slip
            else:
                # ">=60" as ">60", "<60"..., or "60" (equal to 60)
                choices = [op for op in _COMPARISONS if op not in (current, "=")] + [""]
            for other in choices:
                new = f'"{other}{rest}"'
                yield _replaced(tokens, {index: new}), f"criterion {token.text} changed to {new}"


def _criteria_arguments(tokens: list[_Token], calls: list[_Call]) -> set[int]:
    """Indexes of text tokens that are whole criteria of COUNTIF, SUMIFS and their kin."""
    found = set()
    for call in calls:
        if call.name not in _CRITERIA_FUNCTIONS:
            continue
        for number, (first, end) in enumerate(call.arguments):
            if _is_criterion(call.name, number):
                inside = [i for i in range(first, end) if tokens[i].kind != "space"]
                if len(inside) == 1 and tokens[inside[0]].kind == "text":
                    found.add(inside[0])
    return found


def _is_criterion(name: str, number: int) -> bool:
    first_pair = _CRITERIA_FUNCTIONS[name]
    if first_pair is None:
        return number == 1
    return number >= first_pair and (number - first_pair) % 2 == 1


def _condition_mutants(tokens: list[_Token], grid: Grid, width: int) -> _Made:
    for call in _calls(tokens):
        arguments = call.arguments
        whole = (call.start, call.close + 1)
        if call.name == "IF" and len(arguments) >= 2:
            test = _join(tokens[slice(*arguments[0])]).strip()
            yield (
                _spliced(tokens, *arguments[0], f"NOT({test})"),
                f"the test {test} negated",
            )
            for branch in arguments[1:3]:
                value = _join(tokens[slice(*branch)]).strip()
                yield _spliced(tokens, *whole, value), f"IF dropped, always {value}"
        elif call.name in ("AND", "OR"):
            other = "OR" if call.name == "AND" else "AND"
            yield _replaced(tokens, {call.start: other}), f"{call.name} changed to {other}"
            if len(arguments) >= 2:
                for argument in arguments:
                    kept = [_join(tokens[slice(*a)]).strip() for a in arguments if a != argument]
                    dropped = _join(tokens[slice(*argument)]).strip()
                    yield (
                        _spliced(tokens, *whole, f"{call.name}({','.join(kept)})"),
                        f"the condition {dropped} dropped",
                    )
                    yield (
                        _spliced(tokens, *argument, f"NOT({dropped})"),
                        f"the condition {dropped} negated",
                    )
        elif call.name == "IFS" and len(arguments) >= 4:
            for pair in range(0, len(arguments) - 1, 2):
                kept = [
                    _join(tokens[slice(*a)]).strip()
                    for position, a in enumerate(arguments)
                    if position not in (pair, pair + 1)
                ]
                dropped = _join(tokens[slice(*arguments[pair])]).strip()
                yield (
                    _spliced(tokens, *whole, f"IFS({','.join(kept)})"),
                    f"the test {dropped} dropped",
                )
        elif call.name in _CRITERIA_FUNCTIONS:
            yield from _criteria_dropped(tokens, call)
    # A factor (test)* or *(test) of a product: =(B2>=B3)*(B4>=95)*500.
    for group in _calls(tokens):
        if group.name or not _has_comparison(tokens, group):
            continue
        before = _neighbour(tokens, group.start, -1)
        after = _neighbour(tokens, group.close, 1)
        text = _join(tokens[group.start:group.close + 1])
        if after is not None and tokens[after].text == "*":
            yield [*tokens[:group.start], *tokens[after + 1:]], f"the factor {text} dropped"
        elif before is not None and tokens[before].text == "*":
            yield [*tokens[:before], *tokens[group.close + 1:]], f"the factor {text} dropped"


def _criteria_dropped(tokens: list[_Token], call: _Call) -> _Made:
    texts = [_join(tokens[slice(*a)]).strip() for a in call.arguments]
    whole = (call.start, call.close + 1)
    first_pair = _CRITERIA_FUNCTIONS[call.name]
    if first_pair is None:
        if len(texts) < 2:
            return  # no criterion to drop: Excel refuses the formula anyway
        # COUNTIF(range, crit) -> COUNTA(range); SUMIF(range, crit, sum) -> SUM(sum).
        plain = {"COUNTIF": "COUNTA", "SUMIF": "SUM", "AVERAGEIF": "AVERAGE"}[call.name]
        values = texts[2] if len(texts) >= 3 else texts[0]
        yield _spliced(tokens, *whole, f"{plain}({values})"), f"the criterion {texts[1]} dropped"
        return
    pairs = range(first_pair, len(texts) - 1, 2)
    if len(pairs) < 2:
        return
    for pair in pairs:
        kept = [t for position, t in enumerate(texts) if position not in (pair, pair + 1)]
        yield (
            _spliced(tokens, *whole, f"{call.name}({','.join(kept)})"),
            f"the condition {texts[pair]}, {texts[pair + 1]} dropped",
        )


def _has_comparison(tokens: list[_Token], group: _Call) -> bool:
    depth = 0
    for token in tokens[group.open + 1:group.close]:
        if token.kind == "open":
            depth += 1
        elif token.kind == "close":
            depth -= 1
        elif depth == 0 and token.kind == "op" and token.text in _COMPARISONS:
            return True
    return False


def _neighbour(tokens: list[_Token], index: int, step: int) -> int | None:
    position = index + step
    while 0 <= position < len(tokens) and tokens[position].kind == "space":
        position += step
    return position if 0 <= position < len(tokens) else None


def _argument_mutants(tokens: list[_Token], grid: Grid, width: int) -> _Made:
    for call in _calls(tokens):
        if not call.name:
            continue
        if len(call.arguments) >= 2:
            last = call.arguments[-1]
            previous = call.arguments[-2]
            dropped = _join(tokens[slice(*last)]).strip()
            yield (
                [*tokens[:previous[1]], *tokens[last[1]:]],
                f"the last argument {dropped} of {call.name} left out",
            )
        for group in _CONFUSED_FUNCTIONS:
            if call.name in group:
                for other in group:
                    if other != call.name:
                        how = f"{call.name} changed to {other}"
                        yield _replaced(tokens, {call.start: other}), how
    for index, token in enumerate(tokens):
        if token.kind == "bool":
            other = "FALSE" if token.text == "TRUE" else "TRUE"
            yield _replaced(tokens, {index: other}), f"{token.text} changed to {other}"
        elif token.kind == "number" and re.fullmatch(r"[0-9]+", token.text):
            number = int(token.text)
            if number <= 10 and _previous_kind(tokens, index) != "op":
                for other in (number - 1, number + 1):
                    if other >= -1:
                        yield _replaced(tokens, {index: str(other)}), f"{number} changed to {other}"


def _arithmetic_mutants(tokens: list[_Token], grid: Grid, width: int) -> _Made:
    for group in _calls(tokens):
        if group.name:
            continue
        text = _join(tokens[group.start:group.close + 1])
        yield (
            [*tokens[:group.start], *tokens[group.open + 1:group.close], *tokens[group.close + 1:]],
            f"the brackets of {text} left out",
        )
    simple = ("ref", "number")
    for index, token in enumerate(tokens):
        if token.kind != "op" or token.text not in "+-*/" or len(token.text) != 1:
            continue
        before = _neighbour(tokens, index, -1)
        after = _neighbour(tokens, index, 1)
        if before is None or after is None or tokens[before].kind not in (*simple, "close"):
            continue  # a sign, not a calculation
        other = {"+": "-", "-": "+", "*": "/", "/": "*"}[token.text]
        yield _replaced(tokens, {index: other}), f"{token.text} changed to {other}"
        if token.text in "-/" and tokens[before].kind in simple and tokens[after].kind in simple:
            outer_before = _neighbour(tokens, before, -1)
            outer_after = _neighbour(tokens, after, 1)
            # Only a lone a-b or a/b: in x*a-b the swap would change what binds.
            binds = ("*", "/", "^", "-")
            if (outer_before is None or tokens[outer_before].text not in binds) and (
                outer_after is None or tokens[outer_after].text not in binds
            ):
                yield (
                    _replaced(tokens, {before: tokens[after].text, after: tokens[before].text}),
                    f"{tokens[before].text}{token.text}{tokens[after].text} turned round",
                )


def _typed_in_value(grid: Grid, target: str, formula: str) -> Mutant | None:
    """The reference's value on the shown grid typed in as a constant."""
    try:
        value = evaluate_formula(grid, target, formula)
    except FormulaError:
        return None
    literal = _value_literal(value)
    if literal is None:
        return None
    return Mutant(f"={literal}", "the value typed in")


def _value_literal(value: FormulaValue) -> str | None:
    if value.kind in ("number", "date"):
        return format_number(float(value.value))
    if value.kind == "boolean":
        return "TRUE" if value.value else "FALSE"
    if value.kind == "text":
        return '"' + str(value.value).replace('"', '""') + '"'
    return None


def _literal(cell: object) -> str | None:
    """A cell's value as a candidate would type it into a formula."""
    if cell is None:
        return None
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, datetime.date):
        return f"DATE({cell.year},{cell.month},{cell.day})"
    if isinstance(cell, int | float):
        return format_number(float(cell))
    return '"' + str(cell).replace('"', '""') + '"'


def _text_to_cell_mutants(tokens: list[_Token], grid: Grid, width: int) -> _Made:
    """A text in quotes replaced by a cell of the shown grid that holds it (the first three)."""
    for index, token in enumerate(tokens):
        if token.kind != "text" or len(token.text) < 3:
            continue
        wanted = token.text[1:-1].replace('""', '"').casefold()
        cells = [
            cell_address(row, column)
            for row, cells in enumerate(grid, start=1)
            for column, cell in enumerate(cells, start=1)
            if isinstance(cell, str) and cell.casefold() == wanted
        ]
        for address in cells[:3]:
            yield _replaced(tokens, {index: address}), f"{token.text} taken from {address}"


def _cell(grid: Grid, row: int, column: int) -> object:
    if 1 <= row <= len(grid) and 1 <= column <= len(grid[row - 1]):
        return grid[row - 1][column - 1]
    return None


# ---------------------------------------------------------------------------
# Grading the mutants


def analyse_task(task: FormulaTask, reference: str) -> MutationReport:
    """Grade every mutant of ``reference`` and of the task's alternatives as the quiz would.

    Returns the counts and the mutants that pass: those equal to the
    reference on every plausible sheet (``equivalent``) and the wrong ones
    (``survivors``), each with a plausible sheet that tells it apart.
    """
    formulas = [reference, *task.alternatives]
    if any(len(formula) > MAX_ANALYSED_FORMULA_LENGTH for formula in formulas):
        return MutationReport(
            0, 0, (), (), skipped=f"a formula is over {MAX_ANALYSED_FORMULA_LENGTH} characters"
        )
    declared_right = {_key(formula) for formula in formulas}
    candidates: dict[str, Mutant] = {}
    for formula in formulas:
        try:
            made = mutants(formula, task.grid, task.target)
        except FormulaError:
            continue  # the validator reports a formula that is not one
        for mutant in made:
            key = _key(mutant.formula)
            if key not in declared_right:
                candidates.setdefault(key, mutant)

    caught = 0
    passing: list[Mutant] = []
    for mutant in candidates.values():
        # The sheet shown first: most mutants fail there, and the quiz marks an
        # answer wrong whenever it fails there; the rest get the quiz's grading.
        try:
            shown = evaluate_formula(task.grid, task.target, mutant.formula)
        except FormulaError:
            caught += 1
            continue
        if not values_match(task.expected[0], shown, match_case=task.match_case):
            caught += 1
        elif task.check(mutant.formula).correct:
            passing.append(mutant)
        else:
            caught += 1

    equivalent: list[Mutant] = []
    survivors: list[Survivor] = []
    sheets = _LazyList(lambda: _plausible_sheets(task, formulas))
    for mutant in passing:
        telling = _telling_sheet(task, mutant, sheets)
        if telling is None:
            equivalent.append(mutant)
        else:
            survivors.append(Survivor(mutant, telling))
    return MutationReport(len(candidates), caught, tuple(equivalent), tuple(survivors))


def _telling_sheet(task: FormulaTask, mutant: Mutant, sheets: _LazyList) -> str | None:
    """The description of a plausible sheet where the mutant differs from the reference."""
    for sheet, description, expected in sheets:
        try:
            value = evaluate_formula(sheet, task.target, mutant.formula)
        except FormulaError:
            return description
        if value.kind == "error" or not values_match(expected, value, match_case=task.match_case):
            return description
    return None


class _LazyList:
    """A list made only when first needed (most tasks need no plausible sheets)."""

    def __init__(self, make: Callable[[], list]):
        self._make = make
        self._items: list | None = None

    def __iter__(self):
        if self._items is None:
            self._items = self._make()
        return iter(self._items)


def _key(formula: str) -> str:
    """A formula's text for comparing: letter case and ``$`` ignored outside quotes."""
    try:
        text = normalise_formula(formula)
    except FormulaError:
        text = formula
    parts = re.split(r'("(?:[^"]|"")*")', text)
    return "".join(
        part if part.startswith('"') else part.upper().replace("$", "").replace(" ", "")
        for part in parts
    )


# ---------------------------------------------------------------------------
# Plausible sheets


def _plausible_sheets(
    task: FormulaTask, formulas: Sequence[str]
) -> list[tuple[Grid, str, FormulaValue]]:
    """Sheets of the task's layout with the data changed; each with its description
    and the reference's value there. Only sheets where the reference gives no
    error and every alternative agrees are kept."""
    named = [("the grid", task.grid), ("the variant", task.variant)]
    named += [(f"more_variants[{n}]", sheet) for n, sheet in enumerate(task.more_variants, 1)]
    all_sheets = [sheet for _, sheet in named]
    token_lists = []
    for formula in formulas:
        try:
            token_lists.append(_tokenize(normalise_formula(formula)))
        except FormulaError:
            continue
    areas = [_area(t) for tokens in token_lists for t in tokens if t.kind == "range"]
    target = parse_address(task.target)

    made: list[tuple[Grid, str]] = []
    renamed: set[str] = set()  # each text is renamed on the first sheet showing it
    for number, (name, sheet) in enumerate(named):
        made += _reordered(sheet, name, areas, all_sheets, target)
        made += _renamed(sheet, name, areas, all_sheets, renamed)
        rng = random.Random(_SEED + number)
        for _ in range(JITTERED_SHEETS_PER_SHEET):
            made.append((_jittered(sheet, rng), f"{name} with other numbers and dates"))
        # Every date moved together keeps their order but changes the year and
        # month: a year typed into DATE(2024,...) fails there.
        shifts = ((365, "a year later"), (-365, "a year earlier"), (100, "100 days later"))
        for days, words in shifts:
            made.append((_dates_moved(sheet, days), f"{name} with every date {words}"))
        made += _ties(sheet, name, token_lists)

    reference, *alternatives = formulas
    kept: list[tuple[Grid, str, FormulaValue]] = []
    seen = set(all_sheets)
    for sheet, description in made:
        if sheet in seen:
            continue
        seen.add(sheet)
        value = _value_or_none(sheet, task.target, reference)
        if value is None or value.kind == "error":
            continue
        if all(
            (other := _value_or_none(sheet, task.target, alternative)) is not None
            and values_match(value, other, match_case=task.match_case)
            for alternative in alternatives
        ):
            kept.append((sheet, description, value))
    return kept


def _value_or_none(sheet: Grid, target: str, formula: str) -> FormulaValue | None:
    try:
        return evaluate_formula(sheet, target, formula)
    except FormulaError:
        return None


def _reordered(
    sheet: Grid,
    name: str,
    areas: Sequence[_Area],
    all_sheets: Sequence[Grid],
    target: tuple[int, int],
) -> list[tuple[Grid, str]]:
    """The sheet with the data rows (columns) of each block of ranges in other orders.

    Ranges over the same rows make one block, spanning their columns; a row
    of a block moves only when it is data, that is when its cells in the
    block differ between the task's sheets (a heading stays in place).
    """
    made = []
    for by_rows in (True, False):
        blocks: dict[tuple[int, int], list[int]] = {}
        for area in areas:
            first, last = (area.top, area.bottom) if by_rows else (area.left, area.right)
            low, high = (area.left, area.right) if by_rows else (area.top, area.bottom)
            if first == last:
                continue
            span = blocks.setdefault((first, last), [low, high])
            span[0], span[1] = min(span[0], low), max(span[1], high)
        for (first, last), (low, high) in blocks.items():
            if by_rows:
                inside = first <= target[0] <= last and low <= target[1] <= high
            else:
                inside = first <= target[1] <= last and low <= target[0] <= high
            if inside:
                continue
            lines = _data_lines(all_sheets, first, last, low, high, by_rows)
            if len(lines) < 2:
                continue
            orders = [lines[shift:] + lines[:shift] for shift in range(1, len(lines))]
            orders.append(lines[::-1])
            what = "rows" if by_rows else "columns"
            where = (
                f"{first}-{last}" if by_rows else f"{column_letters(first)}-{column_letters(last)}"
            )
            for order in orders:
                source_of = dict(zip(lines, order, strict=True))
                made.append(
                    (
                        _moved_lines(sheet, source_of, low, high, by_rows),
                        f"{name} with {what} {where} in another order",
                    )
                )
    return made


def _renamed(
    sheet: Grid, name: str, areas: Sequence[_Area], all_sheets: Sequence[Grid], done: set[str]
) -> list[tuple[Grid, str]]:
    """The sheet with one text of the data renamed wherever it appears, to sort first or last.

    The task's texts are examples ("East", "West", "North"): another region
    may sort before or after them, which tells ``="East"`` from ``<="East"``.
    A text is data when it is in a data row or column of a range (as for
    :func:`_reordered`) or in a cell that differs between the task's sheets;
    each is renamed once, on the first sheet showing it (``done`` holds
    those already renamed).
    """
    texts: dict[str, None] = {}
    for area in areas:
        rows = _data_lines(all_sheets, area.top, area.bottom, area.left, area.right, True)
        columns = _data_lines(all_sheets, area.left, area.right, area.top, area.bottom, False)
        for row in range(area.top, area.bottom + 1):
            for column in range(area.left, area.right + 1):
                cell = _cell(sheet, row, column)
                if isinstance(cell, str) and cell and (row in rows or column in columns):
                    texts.setdefault(cell, None)
    # A text cell that differs between the task's sheets is data wherever it is.
    for row_number, row in enumerate(sheet, start=1):
        for column_number, cell in enumerate(row, start=1):
            if isinstance(cell, str) and cell and any(
                _cell(other, row_number, column_number) != cell for other in all_sheets
            ):
                texts.setdefault(cell, None)
    made = []
    for text in texts:
        if text in done:
            continue
        done.add(text)
        for prefix, where in (("A ", "first"), ("Z ", "last")):
            new = prefix + text
            renamed = tuple(
                tuple(new if cell == text else cell for cell in row) for row in sheet
            )
            made.append((renamed, f"{name} with {text} renamed {new} (sorting {where})"))
    return made


def _data_lines(
    sheets: Sequence[Grid], first: int, last: int, low: int, high: int, by_rows: bool
) -> list[int]:
    """The data rows (columns) ``first..last`` of a block spanning ``low..high``.

    A line is data when its cells differ between the task's sheets or hold a
    number or date; every line between two data lines is data too (a row the
    author happened to keep the same), while the fixed lines at either end,
    headings and labels, are not.
    """
    found = [
        line
        for line in range(first, last + 1)
        if _is_data_line(sheets, line, low, high, by_rows)
    ]
    return list(range(found[0], found[-1] + 1)) if found else []


def _is_data_line(sheets: Sequence[Grid], line: int, low: int, high: int, by_rows: bool) -> bool:
    def cells(sheet: Grid) -> tuple:
        if by_rows:
            return tuple(_cell(sheet, line, column) for column in range(low, high + 1))
        return tuple(_cell(sheet, row, line) for row in range(low, high + 1))

    first = cells(sheets[0])
    return any(cells(sheet) != first for sheet in sheets[1:]) or any(
        isinstance(cell, int | float | datetime.date) and not isinstance(cell, bool)
        for cell in first
    )


def _moved_lines(
    sheet: Grid, source_of: dict[int, int], low: int, high: int, by_rows: bool
) -> Grid:
    """The sheet with each line taking the cells of line ``source_of[line]`` in ``low..high``."""
    rows = [list(row) for row in sheet]
    for line, source in source_of.items():
        for other in range(low, high + 1):
            row, column, from_row, from_column = (
                (line, other, source, other) if by_rows else (other, line, other, source)
            )
            if row <= len(rows) and column <= len(rows[row - 1]):
                rows[row - 1][column - 1] = _cell(sheet, from_row, from_column)
    return tuple(tuple(row) for row in rows)


def _jittered(sheet: Grid, rng: random.Random) -> Grid:
    """The sheet with every number and date given another value of the same kind and size."""
    return tuple(tuple(_jittered_cell(cell, rng) for cell in row) for row in sheet)


def _jittered_cell(cell: object, rng: random.Random) -> object:
    if isinstance(cell, bool) or cell is None or isinstance(cell, str):
        return cell
    if isinstance(cell, datetime.date):
        try:
            return cell + datetime.timedelta(days=rng.randint(-45, 45))
        except OverflowError:  # next to 9999-12-31
            return cell
    if isinstance(cell, int):
        spread = max(3, abs(cell) // 2)
        new = cell + rng.randint(-spread, spread)
        new = max(-_LARGEST_WHOLE + 1, min(_LARGEST_WHOLE - 1, new))
        return max(0, new) if cell >= 0 else min(0, new)
    if isinstance(cell, float):
        decimals = _decimals(cell)
        spread = min(max(abs(cell) / 2, 3 * 10**-decimals), _LARGEST_NUMBER / 4)
        new = round(cell + rng.uniform(-spread, spread), decimals)
        new = max(-_LARGEST_NUMBER, min(_LARGEST_NUMBER, new))
        return max(0.0, new) if cell >= 0 else min(0.0, new)
    return cell


def _dates_moved(sheet: Grid, days: int) -> Grid:
    """The sheet with every date moved by ``days`` (a date that would leave the calendar stays)."""

    def moved(cell: object) -> object:
        if not isinstance(cell, datetime.date):
            return cell
        try:
            return cell + datetime.timedelta(days=days)
        except OverflowError:
            return cell

    return tuple(tuple(moved(cell) for cell in row) for row in sheet)


def _decimals(number: float) -> int:
    text = repr(number)
    if "e" in text or "." not in text:
        return 0
    return min(6, len(text.split(".")[1].rstrip("0")))


def _ties(
    sheet: Grid, name: str, token_lists: Sequence[list[_Token]]
) -> list[tuple[Grid, str]]:
    """The sheet with the two sides of each comparison equal, and one step apart."""
    made = []
    for tokens in token_lists:
        for index, token in enumerate(tokens):
            if token.kind != "op" or token.text not in _COMPARISONS or index < 2:
                continue
            before = _neighbour(tokens, index, -1)
            after = _neighbour(tokens, index, 1)
            if before is None or after is None:
                continue
            sides = (tokens[before], tokens[after])
            for changed, other in (sides, sides[::-1]):
                if changed.kind != "ref" or other.kind not in ("ref", "number"):
                    continue
                area = _area(changed)
                if other.kind == "number":
                    value: object = float(other.text)
                else:
                    other_area = _area(other)
                    value = _cell(sheet, other_area.top, other_area.left)
                current = _cell(sheet, area.top, area.left)
                for step, words in ((0, "equal to"), (-1, "just below"), (1, "just above")):
                    new = _stepped(value, current, step)
                    if new is None:
                        continue
                    rows = [list(row) for row in sheet]
                    if area.top <= len(rows) and area.left <= len(rows[area.top - 1]):
                        rows[area.top - 1][area.left - 1] = new
                        made.append(
                            (
                                tuple(tuple(row) for row in rows),
                                f"{name} with {area.text()} {words} {other.text}",
                            )
                        )
    return made


def _stepped(value: object, current: object, step: int) -> object:
    """``value`` moved by ``step`` units in the kind of ``current`` (a day for a date)."""
    if isinstance(current, bool) or isinstance(value, bool):
        return None
    if isinstance(current, datetime.date) and isinstance(value, datetime.date):
        try:
            return value + datetime.timedelta(days=step)
        except OverflowError:
            return None
    if isinstance(current, int | float) and isinstance(value, int | float):
        unit = 10 ** -_decimals(float(current)) if isinstance(current, float) else 1
        new = value + step * unit
        if abs(new) > _LARGEST_NUMBER:
            return None
        whole = isinstance(current, int) and float(new).is_integer() and abs(new) < _LARGEST_WHOLE
        return int(new) if whole else new
    return None
