"""Mutation analysis of formula tasks (typing_test.core.quiz.mutations)."""

from __future__ import annotations

import dataclasses
import textwrap

import pytest

from typing_test.core.quiz.banks import (
    load_bank,
    load_builtin_banks,
    questions_by_id,
    validate_bank_file,
)
from typing_test.core.quiz.formulas import FormulaError
from typing_test.core.quiz.mutations import analyse_task, mutants

CALLS = (
    ("Month", "Calls"),
    ("Jan", 1240),
    ("Feb", 1185),
    ("Mar", 1322),
    ("Apr", 1290),
    ("Total", None),
)


def formulas_of(found) -> set[str]:
    return {mutant.formula for mutant in found}


def shipped(question_id: str):
    return questions_by_id(load_builtin_banks())[question_id]


def without_hidden_extras(question):
    """The shipped task as it was before its more_variants: grid and variant only."""
    task = question.formula
    return dataclasses.replace(task, more_variants=())


def task_file(tmp_path, body: str):
    path = tmp_path / "bank.toml"
    path.write_text('[bank]\ntopic = "crm"\ntitle = "CRM"\n' + textwrap.dedent(body), "utf-8")
    return path


# ---------------------------------------------------------------------------
# Writing the mutants


def test_ranges_shrink_grow_and_shift_at_either_end():
    found = formulas_of(mutants("=SUM(B2:B5)", CALLS, "B6"))
    assert {"=SUM(B3:B5)", "=SUM(B2:B4)", "=SUM(B1:B5)", "=SUM(B2:B6)"} <= found
    assert {"=SUM(B3:B6)", "=SUM(B1:B4)", "=SUM(C2:C5)", "=SUM(A2:A5)"} <= found
    assert "=5037" in found  # the right value typed in
    assert "=SUM(B2:B5)" not in found


def test_an_edge_shared_by_several_ranges_moves_in_all_of_them():
    found = formulas_of(mutants('=SUMIF(A2:A7,"East",C2:C7)', CALLS, "C8"))
    assert '=SUMIF(A3:A7,"East",C3:C7)' in found
    assert '=SUMIF(A2:A6,"East",C2:C6)' in found


def test_comparisons_are_swapped_and_conditions_dropped_or_negated():
    found = formulas_of(mutants("=IF(AND(B2>=B3,B4>=95),500,0)", CALLS, "B6"))
    for operator in ("<", "<=", ">", "=", "<>"):
        assert f"=IF(AND(B2{operator}B3,B4>=95),500,0)" in found
    assert "=IF(AND(B4>=95),500,0)" in found  # a condition dropped
    assert "=IF(AND(NOT(B2>=B3),B4>=95),500,0)" in found
    assert "=IF(OR(B2>=B3,B4>=95),500,0)" in found
    assert "=500" in found and "=0" in found  # the IF dropped
    assert "=IF(NOT(AND(B2>=B3,B4>=95)),500,0)" in found
    assert "=IF(AND(1240>=B3,B4>=95),500,0)" in found  # B2 typed in as its value
    assert "=IF(AND(B2>=B3,B4>=96),500,0)" not in found  # big numbers are left alone


def test_criteria_lookups_and_arithmetic_slips():
    grid = (("Region", "Sales"), ("East", 10), ("West", 20), (None, None))
    found = formulas_of(mutants('=COUNTIFS(A2:A3,"East",B2:B3,">=15")', grid, "B4"))
    assert '=COUNTIFS(A2:A3,"<>East",B2:B3,">=15")' in found
    assert '=COUNTIFS(A2:A3,"East",B2:B3,">15")' in found
    assert '=COUNTIFS(B2:B3,">=15")' in found
    assert '=COUNTIFS(A2:A3,A2,B2:B3,">=15")' in found  # the text taken from a cell
    found = formulas_of(mutants("=VLOOKUP(B9,A2:C7,3,FALSE)", CALLS, "B10"))
    assert {"=VLOOKUP(B9,A2:C7,3)", "=VLOOKUP(B9,A2:C7,3,TRUE)", "=VLOOKUP(B9,A2:C7,2,FALSE)"} <= (
        found
    )
    assert "=HLOOKUP(B9,A2:C7,3,FALSE)" in found
    found = formulas_of(mutants("=(B3-B2)/B2", CALLS, "B6"))
    assert {"=B3-B2/B2", "=(B2-B3)/B2", "=(B3+B2)/B2", "=(B3-B2)*B2"} <= found


def test_dollar_signs_and_semicolons_are_read_as_written():
    found = formulas_of(mutants("=SUM($B$2;$B$5)", CALLS, "B6"))
    assert "=SUM($B$3,$B$5)" in found


# ---------------------------------------------------------------------------
# Grading them: the review's cases, on the shipped sheets before their fix


def test_the_review_cases_survive_without_the_new_hidden_sheets():
    cases = {
        "xlf-007": '=IF(B4<>B1,"Overdue","On time")',
        "xlf-013": "=VLOOKUP(B9,A3:C7,3,FALSE)",
        "xlf-014": "=XLOOKUP(B9,C3:C7,A3:A7)",
        "xlf-015": "=VLOOKUP(B7,A3:D5,MATCH(B8,A1:D1,0),FALSE)",
    }
    for question_id, wrong in cases.items():
        question = shipped(question_id)
        old = analyse_task(without_hidden_extras(question), question.answer)
        assert wrong in formulas_of(s.mutant for s in old.survivors), question_id
        assert question.formula.check(wrong).correct is False, question_id


# That no shipped task lets a wrong formula through is checked with every
# built-in bank, in test_banks.test_every_builtin_bank_file_is_valid.


def test_a_survivor_comes_with_a_sheet_that_tells_it_apart():
    question = shipped("xlf-013")
    old = analyse_task(without_hidden_extras(question), question.answer)
    survivor = next(s for s in old.survivors if s.mutant.formula == "=VLOOKUP(B9,A3:C7,3,FALSE)")
    assert survivor.mutant.how == "A2:C7 changed to A3:C7"
    assert "rows 2-7 in another order" in survivor.sheet


# ---------------------------------------------------------------------------
# Equivalent mutants are right answers, not problems


def test_a_range_grown_over_the_heading_or_an_empty_row_is_a_right_answer():
    question = shipped("xlf-001")
    report = analyse_task(question.formula, question.answer)
    equivalent = formulas_of(report.equivalent)
    assert "=SUM(B1:B5)" in equivalent  # B1 is the heading "Calls": SUM ignores it
    assert report.survivors == ()
    # A range over B6, the target itself, is a circular reference: wrong.
    assert "=SUM(B2:B6)" not in equivalent
    assert question.formula.check("=SUM(B2:B6)").correct is False
    question = shipped("xlf-021")
    equivalent = formulas_of(analyse_task(question.formula, question.answer).equivalent)
    assert '=TEXTJOIN(", ",TRUE,A2:A7)' in equivalent  # A7 is empty on every sheet


@pytest.mark.parametrize(
    ("question_id", "mutant"),
    [
        ("xlf-005", '=COUNTIFS(B2:B10,"Open",C2:C9,"High")'),
        ("xlf-006", '=SUMIFS(C2:C8,A2:A9,"East",B2:B8,"Q2")'),
        ("xlf-027", '=AVERAGEIFS(B2:B8,A2:A7,"Billing")'),
        ("xlf-028", "=SUMPRODUCT(A2:B5,C2:C5)"),
    ],
)
def test_ranges_of_other_sizes_are_wrong_answers_not_equivalent_ones(question_id, mutant):
    # Excel gives #VALUE! for them, though the extra row or column is empty.
    question = shipped(question_id)
    report = analyse_task(question.formula, question.answer)
    assert mutant not in formulas_of(report.equivalent)
    assert question.formula.check(mutant).correct is False


def test_a_sum_range_of_another_size_in_sumif_stays_a_right_answer():
    # SUMIF reads C2:C6 from C2 at the size of A2:A7, as Excel does.
    question = shipped("xlf-002")
    equivalent = formulas_of(analyse_task(question.formula, question.answer).equivalent)
    assert '=SUMIF(A2:A7,"East",C2:C6)' in equivalent


def test_a_cell_that_shows_the_criterion_by_chance_is_wrong_not_equivalent(tmp_path):
    # B4 shows Open on both sheets, and rows 2-5 are data: =COUNTIF(B2:B5,B4)
    # counts whatever B4 holds, so it is reported.
    path = task_file(tmp_path, """
        [[questions]]
        id = "crm-1"
        type = "formula"
        difficulty = "basic"
        prompt = "Count the Open tickets."
        target = "B6"
        grid = [["Ticket", "Status"], ["T-1", "Open"], ["T-2", "Closed"], ["T-3", "Open"],
                ["T-4", "Open"], ["Open", ""]]
        variant = [["Ticket", "Status"], ["T-1", "Closed"], ["T-2", "Open"], ["T-3", "Open"],
                   ["T-4", "Closed"], ["Open", ""]]
        answer = "=COUNTIF(B2:B5,\\"Open\\")"
        explanation = "COUNTIF counts the cells equal to Open."
    """)
    report = validate_bank_file(path)
    texts = [problem.message for problem in report.problems]
    assert any("=COUNTIF(B2:B5,B4)" in text for text in texts), texts
    assert all(problem.question_id == "crm-1" for problem in report.problems)
    assert all("more_variants" in text for text in texts)
    assert report.mutants is not None and report.mutants.surviving == len(texts)
    # Without the analysis the same file is fine, and it loads.
    assert validate_bank_file(path, mutation_analysis=False).ok
    assert load_bank(path).questions[0].id == "crm-1"


@pytest.mark.parametrize(
    ("answer", "wrong"),
    [
        ("=IF(B2>=60,\\\"Fast\\\",\\\"Slow\\\")", '=IF(B2>60,"Fast","Slow")'),
        ("=B2*B3", "=B2*60"),
    ],
)
def test_a_weak_task_is_reported_with_its_id_and_the_mutant(tmp_path, answer, wrong):
    # The speed is never exactly 60, and B3 always holds 60.
    path = task_file(tmp_path, f"""
        [[questions]]
        id = "crm-2"
        type = "formula"
        difficulty = "basic"
        prompt = "Band or pay."
        target = "B4"
        grid = [["Name", "Ana"], ["Speed", 72], ["Rate", 60], ["Result", ""]]
        variant = [["Name", "Ben"], ["Speed", 41], ["Rate", 60], ["Result", ""]]
        answer = "{answer}"
        explanation = "x"
    """)
    found = [str(problem) for problem in validate_bank_file(path).problems]
    assert any(f"crm-2: the wrong formula {wrong} " in line for line in found), found


def test_the_analysis_copes_with_the_largest_numbers_and_dates(tmp_path):
    path = task_file(tmp_path, """
        [[questions]]
        id = "crm-3"
        type = "formula"
        difficulty = "basic"
        prompt = "Largest and latest."
        target = "C3"
        grid = [["When", "Amount", ""], [9999-12-31, 9.99e307, ""], [1900-03-01, -9.99e307, ""]]
        variant = [["When", "Amount", ""], [9999-12-30, 9.98e307, ""], [1900-03-02, 1, ""]]
        answer = "=IF(A2>A3,B2,B3)"
        explanation = "x"
    """)
    report = validate_bank_file(path)
    assert report.mutants is not None and report.mutants.tasks == 1
    assert report.mutants.tried > 10


# ---------------------------------------------------------------------------
# Any formula text: the mutants are written without an exception

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

PIECES = [
    "A1", "B2", "$C$3", "A0", "B12345678", "XFD1", "ZZZZ9", "A1:B2", "B5:A1", "A:A", "1:1",
    "SUM(", "IF(", "AND(", "OR(", "COUNTIFS(", "SUMIF(", "VLOOKUP(", "MATCH(", "NOT(", "IFS(",
    "(", ")", ",", ";", "{", "}", '"East"', '">=60"', '""', '"', "TRUE", "FALSE", "0", "1",
    "10", "2.5", "1e308", "+", "-", "*", "/", "^", "&", "%", "=", "<>", "<", "<=", ">", ">=",
    " ", "name", "_xlfn.X(", "'Sheet 1'!A1",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=14))
def test_mutants_of_any_formula_text_never_raise(pieces):
    formula = "=" + "".join(pieces)
    try:
        found = mutants(formula, CALLS, "B6")
    except FormulaError:  # the documented refusal of what is not a formula
        return
    for mutant in found:
        assert mutant.formula.startswith("=") and mutant.how


def test_a_year_that_never_changes_is_caught_by_moving_every_date():
    # xlf-009 had its invoices in 2024 only: the year typed in passed.
    question = shipped("xlf-009")
    old = analyse_task(without_hidden_extras(question), question.answer)
    typed_year = "=DATE(YEAR(DATE(2024,4,12)),MONTH(B1),DAY(B1)+B2)"
    assert [s.mutant.formula for s in old.survivors] == [typed_year]
    assert "every date a year" in old.survivors[0].sheet
    assert question.formula.check("=DATE(2024,MONTH(B1),DAY(B1)+B2)").correct is False
