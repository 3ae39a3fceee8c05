"""Fuzz tests: no bank file, however broken or hostile, crashes the loader or the validator.

Whatever the file holds, ``validate_bank_file`` returns a report (each problem
one line) and ``load_bank`` either loads or raises ``ContentError``.
"""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from typing_test.core.assets import ContentError
from typing_test.core.quiz.banks import load_bank, validate_bank_file

QUICK = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

GOOD = """[bank]
topic = "hr"
title = "HR"
description = "Our own questions"

[[questions]]
id = "hr-001"
type = "single"
difficulty = "basic"
prompt = "Pick one"
options = ["A", "B", "C"]
answer = "A"
explanation = "Because."

[[questions]]
id = "hr-002"
type = "formula"
difficulty = "basic"
prompt = "Add them up."
target = "B4"
grid = [["Item", "Amount"], ["Pens", 12], ["Paper", 30], ["Total", ""]]
variant = [["Item", "Amount"], ["Pens", 15], ["Paper", 22], ["Total", ""]]
more_variants = [[["Item", "Amount"], ["Pens", 8], ["Paper", 40], ["Total", ""]]]
answer = "=SUM(B2:B3)"
alternatives = ["=B2+B3"]
match_case = false
explanation = "SUM adds the range."
"""

# The values a hostile or careless author might put where any value goes.
HOSTILE_VALUES = [
    '"' + "x" * 40_000 + '"',
    "[" * 3000 + "]" * 3000,
    "9" * 5000,
    "99999999999999999999",
    "1e308",
    "-1e308",
    "1.7976931348623157e308",
    "inf",
    "nan",
    "0001-01-01",
    "9999-12-31",
    "1900-02-28",
    "2024-05-15T10:00:00",
    "10:00:00",
    "true",
    "[]",
    "[[]]",
    "{}",
    '{a = 1}',
    '"\\u0000"',
    '"=SUM("',
    '"=' + "1+" * 3000 + '1"',
    '"=A1:XFD1048576"',
    '"=SEQUENCE(100000)"',
    '"=INDIRECT(\\"A\\"&ROW())"',
    '"B99999999"',
    '"XFD1"',
    '""',
    '" "',
    "-0",
    "0",
    "1",
    "2.5",
    '[["a", 1], ["b"]]',
    '[[1e308, ""], [1e308, ""]]',
    '[[9999-12-31, ""], [9999-12-31, ""]]',
]


def _write(text: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="bank-fuzz-"))
    path = folder / "bank.toml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    return path


def _check_never_crashes(path: Path, *, mutation_analysis: bool):
    report = validate_bank_file(path, mutation_analysis=mutation_analysis)
    for problem in report.problems:
        assert "\n" not in problem.message, problem
    assert report.format()
    try:
        load_bank(path)
    except ContentError:
        assert not report.ok  # loading refuses only what validation reports
    return report


@QUICK
@given(st.text(max_size=300))
def test_any_text_gets_a_report(text):
    _check_never_crashes(_write(text), mutation_analysis=True)


@QUICK
@given(st.binary(max_size=300))
def test_any_bytes_get_a_report(data):
    path = _write("")
    path.write_bytes(data)
    _check_never_crashes(path, mutation_analysis=True)


@QUICK
@given(
    st.sampled_from(GOOD.splitlines()),
    st.sampled_from(HOSTILE_VALUES),
)
def test_a_hostile_value_anywhere_gets_a_report(line, value):
    # The value replaces the right-hand side of one line of a good bank.
    if " = " in line:
        key = line.split(" = ", 1)[0]
        text = GOOD.replace(line, f"{key} = {value}", 1)
    else:
        text = GOOD.replace(line, f"{line}\nextra = {value}", 1)
    _check_never_crashes(_write(text), mutation_analysis=False)


# Cells a sheet may hold, up to Excel's limits (beyond them is tested above):
# the analysis then runs on most tasks, with extreme numbers and dates.
cells = st.one_of(
    st.integers(min_value=-(10**15) + 1, max_value=10**15 - 1),
    st.floats(min_value=-9.99e307, max_value=9.99e307, allow_nan=False),
    st.dates(min_value=datetime.date(1900, 3, 1)),
    st.text(max_size=8),
    st.just(""),
    st.booleans(),
)


def _toml_cell(cell: object) -> str:
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, float):
        if cell != cell:
            return "nan"
        if cell in (float("inf"), float("-inf")):
            return "inf" if cell > 0 else "-inf"
        return repr(cell)
    if isinstance(cell, int):
        return str(cell)
    if isinstance(cell, datetime.date):
        return cell.isoformat()
    return '"' + cell.replace("\\", "\\\\").replace('"', '\\"') + '"'


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.lists(cells, min_size=2, max_size=2), min_size=3, max_size=3),
    st.lists(st.lists(cells, min_size=2, max_size=2), min_size=3, max_size=3),
    st.sampled_from(["=SUM(B1:B3)", "=B1*B2-B3", "=IF(B1>B2,A1,A2)", "=A1&B2", "=MAX(A1:B3)"]),
)
def test_formula_tasks_with_any_cells_get_a_report(grid, variant, answer):
    # Every kind of cell value, through the full validation with the mutation analysis.
    def rows(sheet):
        return ", ".join("[" + ", ".join(map(_toml_cell, row)) + "]" for row in sheet)

    text = (
        '[bank]\ntopic = "hr"\ntitle = "HR"\n\n[[questions]]\nid = "f-1"\ntype = "formula"\n'
        'difficulty = "basic"\nprompt = "p"\nexplanation = "e"\ntarget = "B4"\n'
        f'grid = [{rows(grid)}, ["Total", ""]]\nvariant = [{rows(variant)}, ["Total", ""]]\n'
        f'answer = "{answer}"\n'
    )
    _check_never_crashes(_write(text), mutation_analysis=True)
