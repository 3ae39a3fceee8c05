"""Excel conformance: every case of formula_conformance.toml, through the app's grader.

The cases state what Excel gives, taken from Microsoft's function documentation
(see the file's header); each is evaluated with ``evaluate_formula``, the
function that grades the quiz's formula tasks, so a failure here is a formula
the quiz would grade differently from Excel.
"""

from __future__ import annotations

import pytest
from formula_conformance import load_cases

from typing_test.core.quiz.formulas import evaluate_formula

CASES = load_cases()


def test_the_suite_covers_at_least_150_cases_with_a_source_each():
    assert len(CASES) >= 150
    assert all(case.source.strip() for case in CASES)
    assert len({(case.sheet, case.formula) for case in CASES}) == len(CASES), "a case repeats"


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_formula_gives_the_value_excel_gives(case):
    given = evaluate_formula(case.grid, case.target, case.formula)
    assert case.passes(given), (
        f"{case.formula} gives {given.kind} {given.display()!r}; "
        f"Excel gives {case.expected.kind} {case.expected.display()!r} ({case.source})"
    )
