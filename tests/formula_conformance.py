"""The Excel formula conformance cases of ``formula_conformance.toml``, loaded.

Shared by tests/test_formula_conformance.py (every case through the app's
``evaluate_formula``) and bench/bench_formula_engines.py (every case through
each candidate engine), so both read the same cases the same way.
"""

from __future__ import annotations

import datetime
import tomllib
from dataclasses import dataclass
from pathlib import Path

from typing_test.core.quiz.formulas import FormulaValue, Grid, excel_serial, values_match

CASES_FILE = Path(__file__).with_name("formula_conformance.toml")
DEFAULT_TARGET = "J1"
_EXPECTED_KEYS = ("number", "text", "boolean", "date", "error")


@dataclass(frozen=True)
class ConformanceCase:
    """One formula typed into ``target`` of ``grid`` and the value Excel gives."""

    sheet: str
    grid: Grid
    target: str
    formula: str
    expected: FormulaValue
    source: str

    @property
    def name(self) -> str:
        """A short id for test reports, e.g. ``sales: =SUM(E2:E9)``."""
        return f"{self.sheet}: {self.formula}"

    def passes(self, given: FormulaValue) -> bool:
        """Whether ``given`` is the expected value (text with its letter case)."""
        return values_match(self.expected, given, match_case=True)


def load_cases(path: Path = CASES_FILE) -> list[ConformanceCase]:
    """Every case of the file, sheet by sheet in file order."""
    with path.open("rb") as file:
        data = tomllib.load(file)
    cases = []
    for sheet_name, sheet in data["sheets"].items():
        grid = tuple(tuple(None if cell == "" else cell for cell in row) for row in sheet["rows"])
        for raw in sheet["cases"]:
            cases.append(
                ConformanceCase(
                    sheet=sheet_name,
                    grid=grid,
                    target=raw.get("target", DEFAULT_TARGET),
                    formula=raw["formula"],
                    expected=_expected(raw),
                    source=raw["source"],
                )
            )
    return cases


def _expected(raw: dict) -> FormulaValue:
    given = [key for key in _EXPECTED_KEYS if key in raw]
    if len(given) != 1:
        raise ValueError(f"{raw['formula']}: give exactly one of {_EXPECTED_KEYS}, got {given}")
    key = given[0]
    value = raw[key]
    if key == "number":
        return FormulaValue("number", float(value))
    if key == "date":
        if not isinstance(value, datetime.date):
            raise ValueError(f"{raw['formula']}: date must be a TOML date, got {value!r}")
        return FormulaValue("date", excel_serial(value))
    if key == "boolean":
        return FormulaValue("boolean", bool(value))
    return FormulaValue(key, str(value))
