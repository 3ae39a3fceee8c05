"""Which spreadsheet engine gives Excel's values: the conformance cases on each.

Runs every case of tests/formula_conformance.toml (what Excel gives, from
Microsoft's function documentation) on each candidate engine and prints its
pass count and rate, and its median and p99 time per case (for formulas,
the median time to load and evaluate one sheet's workbook):

- formualizer: the engine the app uses, called directly (no fixes);
- formulas and pycel: the pure-Python engines, when installed
  (``pip install formulas pycel``; neither is a dependency of the app);
- the app: ``evaluate_formula``, formualizer with the fixes of
  typing_test/core/quiz/excel_functions.py and formulas.py.

A value counts as Excel's under the grader's rule (``values_match``, text with
its letter case). An engine that raises counts the case as failed.

Run: python bench/bench_formula_engines.py [--failures]
"""

from __future__ import annotations

import argparse
import datetime
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

# Import the repository's own package and the cases' loader, whichever
# checkout the interpreter has installed.
ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from formula_conformance import ConformanceCase, load_cases  # noqa: E402

from typing_test.core.quiz import formulas as app  # noqa: E402
from typing_test.core.quiz.formulas import FormulaValue, excel_serial, parse_address  # noqa: E402

Engine = Callable[[ConformanceCase], FormulaValue]

_ERROR_CODES = ("#DIV/0!", "#N/A", "#NAME?", "#REF!", "#VALUE!", "#NUM!", "#NULL!", "#CALC!")


def _plain_value(raw: object) -> FormulaValue:
    """A value from formulas or pycel as a FormulaValue (the first of an array)."""
    while hasattr(raw, "shape") or isinstance(raw, list | tuple):
        if hasattr(raw, "shape"):
            raw = raw.item(0) if raw.size else None
        else:
            raw = raw[0] if raw else None
    text = str(raw)
    if text in _ERROR_CODES:
        return FormulaValue("error", text)
    if raw is None or text == "empty":
        return FormulaValue("number", 0.0)
    if isinstance(raw, bool) or type(raw).__name__ == "bool_":
        return FormulaValue("boolean", bool(raw))
    if isinstance(raw, datetime.date):
        return FormulaValue("date", excel_serial(raw))
    if isinstance(raw, str):
        return FormulaValue("text", raw)
    return FormulaValue("number", float(raw))


def _serial_cells(case: ConformanceCase) -> list[list[object]]:
    # Excel stores a date as its serial number (the date format is only how
    # the cell shows it), and that is what the pure-Python engines take.
    return [
        [excel_serial(cell) if isinstance(cell, datetime.date) else cell for cell in row]
        for row in case.grid
    ]


def run_app(case: ConformanceCase) -> FormulaValue:
    return app.evaluate_formula(case.grid, case.target, case.formula)


def run_formualizer(case: ConformanceCase) -> FormulaValue:
    import formualizer

    workbook = formualizer.Workbook()
    workbook.add_sheet(app.SHEET_NAME)
    workbook.set_values_batch(app.SHEET_NAME, 1, 1, [list(row) for row in case.grid])
    row, column = parse_address(case.target)
    workbook.set_formula(app.SHEET_NAME, row, column, case.formula)
    return app._to_formula_value(workbook.evaluate_cell(app.SHEET_NAME, row, column), case.target)


_FORMULAS_RESULTS: dict[tuple[str, str], FormulaValue | Exception] = {}


def run_formulas(case: ConformanceCase) -> FormulaValue:
    # formulas evaluates a whole .xlsx workbook (its compiled single formulas
    # cannot see which rows a range covers, so ROW(A2:A9) would fail unfairly),
    # and loading one takes a second or two: each sheet's cases are put in one
    # workbook, each formula in a cell of its own far below the data, and
    # evaluated together on first use.
    key = (case.sheet, case.formula)
    if key not in _FORMULAS_RESULTS:
        _evaluate_sheet_with_formulas([c for c in load_cases() if c.sheet == case.sheet])
    result = _FORMULAS_RESULTS[key]
    if isinstance(result, Exception):
        raise result
    return result


def _evaluate_sheet_with_formulas(cases: list[ConformanceCase]) -> None:
    import tempfile

    import formulas
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = app.SHEET_NAME
    for row in _serial_cells(cases[0]):
        sheet.append(row)
    # 20 rows apart, so that a formula that spills never meets the next one.
    cells = {case.formula: f"J{100 + 20 * index}" for index, case in enumerate(cases)}
    for formula, cell in cells.items():
        sheet[cell] = formula
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "book.xlsx"
        workbook.save(path)
        try:
            solution = formulas.ExcelModel().loads(str(path)).finish().calculate()
        except Exception as error:  # the engine's own failure fails every case
            for case in cases:
                _FORMULAS_RESULTS[(case.sheet, case.formula)] = error
            return
    values = {
        name.rsplit("!", 1)[-1].upper(): ranges.value
        for name, ranges in solution.items()
        if hasattr(ranges, "value")  # the solution also holds the engine's own nodes
    }
    for case in cases:
        cell = cells[case.formula]
        if cell in values:
            _FORMULAS_RESULTS[(case.sheet, case.formula)] = _plain_value(values[cell])
        else:
            _FORMULAS_RESULTS[(case.sheet, case.formula)] = KeyError(f"no value for {cell}")


def run_pycel(case: ConformanceCase) -> FormulaValue:
    import logging

    import openpyxl
    from pycel import ExcelCompiler

    # pycel logs a traceback for each function it lacks; the failure is counted.
    logging.getLogger("pycel").setLevel(logging.CRITICAL)

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = app.SHEET_NAME
    for row in _serial_cells(case):
        sheet.append(row)
    sheet[case.target] = case.formula
    compiler = ExcelCompiler(excel=workbook)
    return _plain_value(compiler.evaluate(f"{app.SHEET_NAME}!{case.target}"))


ENGINES: dict[str, tuple[str, Engine]] = {
    "formualizer": ("formualizer", run_formualizer),
    "formulas": ("formulas", run_formulas),
    "pycel": ("pycel", run_pycel),
    "the app (formualizer + fixes)": ("formualizer", run_app),
}


def measure(engine: Engine, cases: list[ConformanceCase]) -> tuple[list[str], list[float]]:
    """The cases the engine fails (with what it gave) and its time per case in ms."""
    failures, times = [], []
    for case in cases:
        start = time.perf_counter()
        try:
            given = engine(case)
            verdict = "" if case.passes(given) else f"{given.kind} {given.display()!r}"
        except Exception as error:  # an engine's own failure is a failed case
            first_line = (str(error).strip().splitlines() or [""])[0]
            verdict = f"raised {type(error).__name__}: {first_line[:60]}"
        times.append((time.perf_counter() - start) * 1000)
        if verdict:
            failures.append(f"{case.name:<60} gives {verdict}; Excel {case.expected.display()!r}")
    return failures, times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true", help="list each engine's failures")
    options = parser.parse_args()
    cases = load_cases()
    print(f"{len(cases)} conformance cases (tests/formula_conformance.toml)")
    for name, (module, engine) in ENGINES.items():
        try:
            version = __import__("importlib.metadata").metadata.version(module)
        except Exception:
            print(f"{name:<32} skipped: not installed (pip install {module})")
            continue
        failures, times = measure(engine, cases)
        passed = len(cases) - len(failures)
        times.sort()
        p99 = times[min(len(times) - 1, round(0.99 * (len(times) - 1)))]
        timing = f"median {statistics.median(times):6.2f} ms   p99 {p99:7.2f} ms per case"
        if engine is run_formulas:
            # Timed by sheet: the first case of a sheet loads its workbook.
            loads = sorted(ms for ms in times if ms > 1)
            timing = f"median {statistics.median(loads) / 1000:6.2f} s per workbook loaded"
        print(
            f"{name + ' ' + version:<40} {passed:4d} / {len(cases)} passed "
            f"({100 * passed / len(cases):5.1f} %)   {timing}"
        )
        if options.failures:
            for failure in failures:
                print(f"    {failure}")


if __name__ == "__main__":
    main()
