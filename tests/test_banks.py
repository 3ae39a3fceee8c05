"""Tests for loading and validating question banks (typing_test.core.quiz.banks)."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest

from typing_test.core.assets import ContentError
from typing_test.core.quiz.banks import (
    load_bank,
    load_builtin_banks,
    quizzes_dir,
    topic_titles,
    validate_bank_file,
)
from typing_test.core.quiz.formulas import check_formula

HEADER = """
[bank]
topic = "word"
title = "Microsoft Word"
"""

SINGLE = """
[[questions]]
id = "t-001"
type = "single"
difficulty = "basic"
prompt = "Which shortcut makes text bold?"
options = ["Ctrl+B", "Ctrl+I", "Ctrl+U", "Ctrl+D"]
answer = "Ctrl+B"
explanation = "Ctrl+B toggles bold."
"""

MULTIPLE = """
[[questions]]
id = "t-002"
type = "multiple"
difficulty = "intermediate"
prompt = "Which of these are paragraph settings?"
options = ["Line spacing", "Indentation", "Font colour", "Bold"]
answer = ["Line spacing", "Indentation"]
explanation = "Spacing and indents belong to the paragraph; colour and bold to characters."
"""

TRUEFALSE = """
[[questions]]
id = "t-003"
type = "truefalse"
difficulty = "basic"
prompt = "Ctrl+Z undoes the last action."
answer = true
explanation = "Ctrl+Z is Undo."
"""

FORMULA = """
[[questions]]
id = "t-004"
type = "formula"
difficulty = "basic"
prompt = "Enter a formula in B4 that adds up B2 and B3."
target = "B4"
grid = [["Item", "Amount"], ["Pens", 12], ["Paper", 30], ["Total", ""]]
variant = [["Item", "Amount"], ["Pens", 15], ["Paper", 22], ["Total", ""]]
answer = "=SUM(B2:B3)"
alternatives = ["=B2+B3"]
explanation = "SUM adds the range."
"""

GOOD_BANK = HEADER + SINGLE + MULTIPLE + TRUEFALSE + FORMULA

# The formula task with two more hidden grids (totals 48 and 25).
MORE_VARIANTS = """more_variants = [
  [["Item", "Amount"], ["Pens", 8], ["Paper", 40], ["Total", ""]],
  [["Item", "Amount"], ["Pens", 20], ["Paper", 5], ["Total", ""]],
]
"""
FORMULA_MORE = FORMULA.replace('answer = "=SUM', MORE_VARIANTS + 'answer = "=SUM', 1)


def write(tmp_path: Path, text: str, name: str = "bank.toml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def messages(path: Path) -> list[str]:
    return [str(problem) for problem in validate_bank_file(path).problems]


# ---------------------------------------------------------------------------
# A good bank


def test_good_bank_loads_every_type(tmp_path):
    bank = load_bank(write(tmp_path, GOOD_BANK))
    assert (bank.topic, bank.title) == ("word", "Microsoft Word")
    assert [q.id for q in bank.questions] == ["t-001", "t-002", "t-003", "t-004"]
    assert bank.counts() == {"single": 1, "multiple": 1, "truefalse": 1, "formula": 1}
    single, multiple, truefalse, formula = bank.questions
    assert single.answer == "Ctrl+B" and single.options[0] == "Ctrl+B"
    assert multiple.answer == ("Line spacing", "Indentation")
    assert truefalse.answer is True and truefalse.options == ()
    assert formula.formula is not None
    assert formula.formula.target == "B4"
    assert formula.formula.grid[1] == ("Pens", 12)
    assert formula.formula.grid[3] == ("Total", None)
    assert [v.display() for v in formula.formula.expected] == ["42", "37"]
    assert formula.formula.alternatives == ("=B2+B3",)
    assert all(q.topic == "word" for q in bank.questions)


def test_a_formula_task_without_more_variants_loads_as_before(tmp_path):
    task = load_bank(write(tmp_path, HEADER + FORMULA)).questions[0].formula
    assert task.more_variants == ()
    assert len(task.expected) == 2
    assert task.hidden_grids() == (task.variant,)
    assert task.as_json()["more_variants"] == []
    # Graded on the grid and the variant only, with the old call as well.
    assert task.check("=B2+B3").correct and not task.check("=42").correct
    old_call = check_formula(task.grid, task.variant, task.target, task.expected, "=B2+B3")
    assert old_call == task.check("=B2+B3")


def test_more_variants_are_loaded_in_order_with_their_expected_values(tmp_path):
    task = load_bank(write(tmp_path, HEADER + FORMULA_MORE)).questions[0].formula
    assert [sheet[1][1] for sheet in task.more_variants] == [8, 20]
    assert task.more_variants[0][3] == ("Total", None)
    assert [value.display() for value in task.expected] == ["42", "37", "48", "25"]
    assert task.hidden_grids() == (task.variant, *task.more_variants)
    data = json.loads(json.dumps(task.as_json()))
    assert data["more_variants"][1][1:] == [["Pens", 20], ["Paper", 5], ["Total", None]]
    assert len(data["expected"]) == 4
    check = task.check("=B2+B3")
    assert check.correct and len(check.given) == 4


def test_good_bank_report(tmp_path):
    report = validate_bank_file(write(tmp_path, GOOD_BANK))
    assert report.ok
    assert report.counts == {"single": 1, "multiple": 1, "truefalse": 1, "formula": 1}
    assert report.format().endswith(
        "4 questions (1 single, 1 multiple, 1 truefalse, 1 formula), OK"
    )
    json.dumps(report.as_json())


def test_question_json_is_plain_data(tmp_path):
    bank = load_bank(write(tmp_path, GOOD_BANK))
    text = json.dumps([q.as_json() for q in bank.questions])
    assert '"target": "B4"' in text


# ---------------------------------------------------------------------------
# Every problem is reported, with the file, the id and what to fix


@pytest.mark.parametrize(
    ("text", "question_id", "expected"),
    [
        (SINGLE.replace('answer = "Ctrl+B"\n', ""), "t-001", "missing answer"),
        (
            SINGLE.replace('answer = "Ctrl+B"', 'answer = "Ctrl+X"'),
            "t-001",
            "not among the options",
        ),
        (
            SINGLE.replace('answer = "Ctrl+B"', 'answer = "ctrl+b"'),
            "t-001",
            "did you mean 'Ctrl+B'",
        ),
        (SINGLE.replace('"Ctrl+D"', '" "'), "t-001", "option 4 is empty"),
        (SINGLE.replace('"Ctrl+D"', '"ctrl+b"'), "t-001", "options 1 and 4 are the same"),
        (SINGLE.replace('"single"', '"essay"'), "t-001", "unknown type 'essay'"),
        (SINGLE.replace('"basic"', '"easy"'), "t-001", "unknown difficulty 'easy'"),
        (
            SINGLE.replace('explanation = "Ctrl+B toggles bold."\n', ""),
            "t-001",
            "missing explanation",
        ),
        (
            SINGLE.replace('prompt = "Which shortcut makes text bold?"', 'prompt = " "'),
            "t-001",
            "prompt is empty",
        ),
        (
            SINGLE.replace('["Ctrl+B", "Ctrl+I", "Ctrl+U", "Ctrl+D"]', '["Ctrl+B"]'),
            "t-001",
            "at least 2 options",
        ),
        (SINGLE.replace("explanation =", "explaination ="), "t-001", "did you mean 'explanation'"),
        (SINGLE.replace('id = "t-001"\n', ""), "#1", "missing id"),
        (SINGLE.replace('id = "t-001"', 'id = "t 001"'), "t 001", "no spaces"),
        (
            MULTIPLE.replace('["Line spacing", "Indentation"]', '["Line spacing", "Margins"]'),
            "t-002",
            "'Margins' is not among the options",
        ),
        (MULTIPLE.replace('["Line spacing", "Indentation"]', "[]"), "t-002", "answer is empty"),
        (
            MULTIPLE.replace('["Line spacing", "Indentation"]', '"Line spacing"'),
            "t-002",
            "must be a list",
        ),
        (
            MULTIPLE.replace(
                '["Line spacing", "Indentation"]',
                '["Line spacing", "Indentation", "Font colour", "Bold"]',
            ),
            "t-002",
            "add at least one wrong option",
        ),
        (
            TRUEFALSE.replace("answer = true", 'answer = "true"'),
            "t-003",
            "true or false (no quotes)",
        ),
        (
            TRUEFALSE.replace("answer = true", 'answer = true\noptions = ["True", "False"]'),
            "t-003",
            "has no options: remove options",
        ),
    ],
)
def test_each_problem_is_named_with_its_question(tmp_path, text, question_id, expected):
    path = write(tmp_path, HEADER + text)
    found = validate_bank_file(path).problems
    assert found, "the problem was not found"
    assert any(p.question_id == question_id and expected in p.message for p in found), found
    assert all(p.file == str(path) for p in found)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (('answer = "=SUM(B2:B3)"', 'answer = "=SUM(B2:B3))"'), "does not evaluate on the grid"),
        (('answer = "=SUM(B2:B3)"', 'answer = "=B2/0"'), "gives #DIV/0! on the grid"),
        (('answer = "=SUM(B2:B3)"', 'answer = "=B4+1"'), "circular reference"),
        (('answer = "=SUM(B2:B3)"', 'answer = "SUM(B2:B3)"'), "must be the reference formula"),
        (
            ('answer = "=SUM(B2:B3)"', 'answer = "=COUNT(B2:B3)"'),
            "on both the grid and the variant",
        ),
        (('answer = "=SUM(B2:B3)"', 'answer = "=SUM(B2:B3)+TODAY()"'), "uses TODAY"),
        (('["Paper", 22], ["Total", ""]]', '["Total", ""]]'), "give the variant the same layout"),
        (('target = "B4"', 'target = "B5"'), "target B5 is outside the grid"),
        (('target = "B4"', 'target = "A4"'), "target A4 is not empty in the grid"),
        (('target = "B4"', 'target = "4B"'), "not a cell address"),
        (
            ('["Pens", 12], ["Paper", 30]', '["Pens", 12, 5], ["Paper", 30]'),
            "grid row 2 has 3 cells, row 1 has 2",
        ),
        (
            ('["Pens", 12], ["Paper", 30]', '["Pens", 2024-05-01T09:30:00], ["Paper", 30]'),
            "grid cell B2 has a time of day",
        ),
        (
            ('alternatives = ["=B2+B3"]', 'alternatives = ["=B2*B3"]'),
            "alternative '=B2*B3' gives 360",
        ),
        (("variant = [", "variants = ["), "did you mean 'variant'"),
        (("variant = [", 'options = ["a", "b"]\nvariant = ['), "has no options"),
    ],
)
def test_formula_task_problems(tmp_path, change, expected):
    old, new = change
    assert old in FORMULA
    path = write(tmp_path, HEADER + FORMULA.replace(old, new, 1))
    found = validate_bank_file(path).problems
    assert any(p.question_id == "t-004" and expected in p.message for p in found), found


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            [('["Pens", 20], ["Paper", 5], ["Total", ""]]', '["Pens", 20], ["Total", ""]]')],
            "more_variants[2] is 3 rows x 2 columns but grid is 4 rows x 2 columns: "
            "give more_variants[2] the same layout as the grid",
        ),
        (
            [('["Pens", 8], ["Paper", 40]', '["Pens", 8, 1], ["Paper", 40]')],
            "more_variants[1] row 2 has 3 cells, row 1 has 2",
        ),
        (
            [('["Pens", 8]', '["Pens", [8]]')],
            "more_variants[1] cell B2 holds a list or table",
        ),
        (
            [('["Paper", 40], ["Total", ""]]', '["Paper", 40], ["Total", 0]]')],
            "target B4 is not empty in more_variants[1]",
        ),
        (
            [('answer = "=SUM(B2:B3)"', 'answer = "=B3/B2"'), ('["Pens", 20]', '["Pens", 0]')],
            "the reference formula gives #DIV/0! on more_variants[2]: fix the formula",
        ),
        (
            [('answer = "=SUM(B2:B3)"', 'answer = "=B2+B3"'), ('["Pens", 8]', '["Pens", "eight"]')],
            "the reference formula gives #VALUE! on more_variants[1]",
        ),
        (
            [('alternatives = ["=B2+B3"]', 'alternatives = ["=IF(B2<20,B2+B3,0)"]')],
            "alternative '=IF(B2<20,B2+B3,0)' gives 0 on more_variants[2], the reference gives 25",
        ),
        (
            [('["Pens", 20], ["Paper", 5]', '["Pens", 15], ["Paper", 22]')],
            "more_variants[2] is the same as the variant, so it checks nothing more",
        ),
        (
            [('["Pens", 20], ["Paper", 5]', '["Pens", 8], ["Paper", 40]')],
            "more_variants[2] is the same as more_variants[1]",
        ),
        (
            [(MORE_VARIANTS, "more_variants = []\n")],
            "more_variants is empty: add a grid or remove more_variants",
        ),
        (
            [(MORE_VARIANTS, 'more_variants = "none"\n')],
            "more_variants must be a list of grids",
        ),
        (
            [
                (
                    MORE_VARIANTS,
                    'more_variants = [["Item", "Amount"], ["Pens", 8], ["Paper", 40], '
                    '["Total", ""]]\n',
                )
            ],
            "with even a single grid inside [ ]",
        ),
        (
            [("more_variants = [", "more_variant = [")],
            "unknown field 'more_variant': did you mean 'more_variants'?",
        ),
    ],
)
def test_more_variants_problems(tmp_path, changes, expected):
    text = FORMULA_MORE
    for old, new in changes:
        assert old in text
        text = text.replace(old, new, 1)
    found = validate_bank_file(write(tmp_path, HEADER + text)).problems
    assert any(p.question_id == "t-004" and expected in p.message for p in found), found


def test_each_bad_extra_grid_is_reported_on_its_own(tmp_path):
    text = FORMULA_MORE.replace('["Pens", 8], ["Paper", 40]', '["Pens", 8]', 1).replace(
        '["Pens", 20], ["Paper", 5], ["Total", ""]]', '["Pens", 20], ["Total", "x"], [1, 2]]', 1
    )
    found = [p.message for p in validate_bank_file(write(tmp_path, HEADER + text)).problems]
    assert found == [
        "more_variants[1] is 3 rows x 2 columns but grid is 4 rows x 2 columns: "
        "give more_variants[1] the same layout as the grid",
        'target B4 is not empty in more_variants[2]: put "" in that cell',
    ]


def test_only_a_formula_question_has_more_variants(tmp_path):
    single = SINGLE.replace("explanation =", MORE_VARIANTS + "explanation =", 1)
    found = messages(write(tmp_path, HEADER + single))
    message = "t-001: a single question has no more_variants: remove more_variants"
    assert any(message in m for m in found), found


def test_every_problem_is_reported_not_just_the_first(tmp_path):
    broken = (
        HEADER
        + SINGLE.replace('answer = "Ctrl+B"', 'answer = "Ctrl+X"').replace('"basic"', '"easy"')
        + MULTIPLE.replace('"Bold"', '""')
        + TRUEFALSE.replace('id = "t-003"', 'id = "t-001"')
        + FORMULA.replace('["Paper", 22], ["Total", ""]]', '["Total", ""]]')
    )
    report = validate_bank_file(write(tmp_path, broken))
    text = report.format()
    assert "t-001: answer 'Ctrl+X' is not among the options" in text
    assert "t-001: unknown difficulty 'easy'" in text
    assert "t-002: option 4 is empty" in text
    assert "t-001: duplicate id in this file" in text
    assert "t-004: variant is 3 rows x 2 columns but grid is 4 rows x 2 columns" in text
    assert report.counts == {"single": 1, "multiple": 1, "truefalse": 1, "formula": 1}
    assert text.splitlines()[-1].endswith("5 problems")


def test_bank_table_problems(tmp_path):
    found = messages(write(tmp_path, '[bank]\ntopic = "Word Skills"\ncolour = 1\n' + SINGLE))
    assert any("not a short id" in m for m in found)
    assert any("missing title" in m for m in found)
    assert any("unknown key 'colour' in [bank]" in m for m in found)
    assert any("missing [bank]" in m for m in messages(write(tmp_path, SINGLE, "b.toml")))
    assert any(
        "add at least one question" in m for m in messages(write(tmp_path, HEADER, "c.toml"))
    )


def test_invalid_toml_is_a_problem_with_its_line(tmp_path):
    found = messages(write(tmp_path, HEADER + '[[questions]]\nid = "x\nprompt = 1\n'))
    assert len(found) == 1
    assert "invalid TOML" in found[0] and re.search(r"line \d+", found[0])


def test_missing_file_is_a_problem(tmp_path):
    assert "file not found" in messages(tmp_path / "nope.toml")[0]


def test_load_bank_refuses_a_broken_bank_and_lists_every_problem(tmp_path):
    broken = (
        HEADER
        + SINGLE.replace('"basic"', '"easy"')
        + TRUEFALSE.replace("answer = true", 'answer = "yes"')
    )
    path = write(tmp_path, broken)
    with pytest.raises(ContentError) as raised:
        load_bank(path)
    message = str(raised.value)
    assert message.startswith("2 problems in question banks:")
    assert f"{path}: t-001: unknown difficulty" in message
    assert f"{path}: t-003: answer of a truefalse question" in message


def test_duplicate_ids_across_files(tmp_path):
    write(tmp_path, GOOD_BANK, "a.toml")
    write(tmp_path, HEADER.replace("word", "outlook") + TRUEFALSE, "b.toml")
    with pytest.raises(ContentError, match="b.toml: t-003: id already used in a.toml"):
        load_builtin_banks(tmp_path)


def test_duplicate_id_against_the_builtin_banks(tmp_path):
    builtin = load_builtin_banks()
    taken = builtin[0].questions[0].id
    path = write(tmp_path, HEADER + SINGLE.replace("t-001", taken))
    assert validate_bank_file(path).ok
    report = validate_bank_file(path, against_builtin=True)
    assert [p.question_id for p in report.problems] == [taken]
    assert "built-in bank" in report.problems[0].message
    # A built-in bank checked against the others does not clash with itself.
    assert validate_bank_file(builtin[0].path, against_builtin=True, mutation_analysis=False).ok


def test_load_folder_sorted_by_file_name(tmp_path):
    write(tmp_path, GOOD_BANK, "b.toml")
    write(tmp_path, HEADER.replace("word", "outlook") + SINGLE.replace("t-001", "o-1"), "a.toml")
    banks = load_builtin_banks(tmp_path)
    assert [b.path.name for b in banks] == ["a.toml", "b.toml"]
    assert list(topic_titles(banks)) == ["outlook", "word"]


# ---------------------------------------------------------------------------
# The built-in banks


def test_every_builtin_bank_file_is_valid():
    reports = [
        validate_bank_file(p, against_builtin=True) for p in sorted(quizzes_dir().glob("*.toml"))
    ]
    assert reports
    problems = [str(problem) for report in reports for problem in report.problems]
    assert problems == []
    # The mutation analysis ran on every formula task, and no wrong formula passes.
    formulas = next(report for report in reports if report.path.name == "excel-formulas.toml")
    counts = formulas.mutants
    assert counts.tasks == formulas.counts["formula"] == 30
    assert counts.surviving == 0 and counts.tried == counts.caught + counts.equivalent
    assert counts.caught > 1000
    assert "plausible wrong formulas tried on 30 formula tasks" in formulas.format()
    assert formulas.as_json()["mutants"]["surviving"] == 0


def test_the_app_loads_the_shipped_banks_without_evaluating_them_and_grades_the_same():
    # Start-up skips evaluating the shipped formula tasks (the test above does
    # it); the values a task grades against are then worked out on first use.
    checked = load_builtin_banks()
    quick = load_builtin_banks(evaluate_formulas=False)
    assert [bank.questions for bank in quick] == [bank.questions for bank in checked]
    tasks = [q for bank in quick for q in bank.questions if q.type == "formula"]
    assert "expected" not in tasks[0].formula.__dict__  # nothing evaluated yet
    for task in tasks:
        assert task.formula.check(task.answer).correct, task.id


def formula_bank():
    return load_bank(quizzes_dir() / "excel-formulas.toml")


def test_formula_bank_has_enough_tasks_covering_the_functions():
    bank = formula_bank()
    assert bank.topic == "excel"
    assert len(bank.questions) >= 22
    assert all(q.type == "formula" and re.fullmatch(r"xlf-\d{3}", q.id) for q in bank.questions)
    used = " ".join(
        str(q.answer) + " " + " ".join(q.formula.alternatives) for q in bank.questions
    ).upper()
    functions = (
        "SUM( SUMIF( SUMIFS( AVERAGE( COUNTIF( COUNTIFS( IF( AND( OR( VLOOKUP( XLOOKUP( "
        "INDEX( MATCH( ROUND( CONCAT( TEXTJOIN( MAX( MIN( LEFT( RIGHT( LEN("
    ).split()
    for function in functions:
        assert re.search(r"(?<![A-Z])" + re.escape(function), used), function


def test_every_formula_task_accepts_its_reference_and_alternatives_and_rejects_constants():
    for question in formula_bank().questions:
        task = question.formula
        for formula in (question.answer, *task.alternatives):
            check = task.check(formula)
            assert check.correct, (question.id, formula, check.message)
        for value in task.expected:
            shown = value.display()
            constant = f'="{shown}"' if value.kind == "text" else f"={value.value!r}"
            assert not task.check(constant).correct, (question.id, constant)


EXPECTED_ON_THE_GRID_SHOWN = {
    "xlf-001": "5037",
    "xlf-002": "12960",
    "xlf-006": "25500",
    "xlf-007": "Overdue",
    "xlf-008": "14",
    "xlf-009": "2024-05-12",
    "xlf-010": "500",
    "xlf-013": "45.75",
    "xlf-014": "Jamal Reed",
    "xlf-015": "340",
    "xlf-016": "5.4",
    "xlf-017": "139.74",
    "xlf-018": "0.775",
    "xlf-021": "Ana Costa, Ben Okafor, Chloe Martin, Dev Patel",
    "xlf-028": "189",
    "xlf-029": "3",
}


def test_reference_values_are_what_a_person_works_out():
    expected = {q.id: q.formula.expected[0].display() for q in formula_bank().questions}
    for question_id, value in EXPECTED_ON_THE_GRID_SHOWN.items():
        assert expected[question_id] == value, question_id


@pytest.mark.parametrize(
    ("question_id", "formula", "correct"),
    [
        ("xlf-001", "=B2+B3+B4+B5", True),
        ("xlf-001", "=SUM(B2:B5)", True),
        ("xlf-001", "=5037", False),
        ("xlf-013", "=VLOOKUP(B9,A2:C7,3,FALSE)", True),
        ("xlf-013", "=XLOOKUP(B9,A2:A7,C2:C7)", True),
        ("xlf-013", "=INDEX(C2:C7,MATCH(B9,A2:A7,0))", True),
        ("xlf-013", '=VLOOKUP("P-130",A2:C7,3,FALSE)', False),
        ("xlf-013", "=VLOOKUP(B9,A2:C7,2,FALSE)", False),
        ("xlf-007", '=IF(B4<B1;"Overdue";"On time")', True),
        ("xlf-007", '=IF(B4<B1,"overdue","on time")', True),
        ("xlf-007", '=IF(B4<TODAY(),"Overdue","On time")', False),
        ("xlf-007", '="Overdue"', False),
        ("xlf-010", "=IF(OR(B2>=B3,B4>=95),500,0)", False),
        ("xlf-010", "=IF(AND(B2>=B3,B4>=95),500,0)", True),
        ("xlf-010", "=IF(AND($B$2>=$B$3;$B$4>=95);500;0)", True),
        ("xlf-010", "=IF(B2>=B3,IF(B4>=95,500,0),0)", True),
        ("xlf-010", "=(B2>=B3)*(B4>=95)*500", True),
        ("xlf-010", "=IF(OR(B2<B3,B4<95),0,500)", True),
        ("xlf-011", '=IF(OR(B2<20,B3>60),"Reorder","OK")', True),
        ("xlf-011", '=IF(AND(B2>=20,B3<=60),"OK","Reorder")', True),
        ("xlf-011", '=IF(B2<20,"Reorder",IF(B3>60,"Reorder","OK"))', True),
        ("xlf-011", '=IF(OR($B$2<20;$B$3>60);"reorder";"ok")', True),
        ("xlf-011", '=IF((B2<20)+(B3>60),"Reorder","OK")', True),
        ("xlf-011", '=IF(OR(B2<=20,B3>=60),"Reorder","OK")', False),
        ("xlf-012", '=IF(B1>=60,"Fast",IF(B1>=40,"Average","Slow"))', True),
        ("xlf-012", '=IFS(B1>=60,"Fast",B1>=40,"Average",TRUE,"Slow")', True),
        ("xlf-012", '=IF(B1<40,"Slow",IF(B1<60,"Average","Fast"))', True),
        ("xlf-012", '=IF($B$1>=60;"Fast";IF($B$1>=40;"Average";"Slow"))', True),
        ("xlf-012", '=IF(B1>60,"Fast",IF(B1>=40,"Average","Slow"))', False),
        ("xlf-002", '=SUMPRODUCT((A2:A7="East")*C2:C7)', True),
        ("xlf-002", "=C2+C4+C6", False),
        ("xlf-025", "=MID(A2,LEN(A2)-3,4)", True),
        ("xlf-027", '=SUMIF(A2:A7,"Billing",B2:B7)/COUNTIF(A2:A7,"Billing")', True),
        ("xlf-016", "=AVERAGE(B2:B6)", False),
        ("xlf-018", "=B2/B1*100", False),
        ("xlf-030", "=A2", False),
        ("xlf-030", "=upper(a2)", True),
    ],
)
def test_common_answers_to_formula_tasks(question_id, formula, correct):
    check = formula_task(question_id).check(formula)
    assert check.correct is correct, check.message


def formula_task(question_id):
    return next(q.formula for q in formula_bank().questions if q.id == question_id)


# Formulas that cover only part of a task's rule, or hold a number or a row
# that belongs in a cell: each gives the reference's values on the grid shown
# and on the variant, so only the task's more_variants catch it.
HALF_RIGHT = [
    ("xlf-010", "=IF(B4>=95,500,0)"),  # attendance only
    ("xlf-010", "=IF(AND(B2>=50000,B4>=95),500,0)"),  # the target typed in
    ("xlf-010", "=IF(AND(B2=B3,B4=95),500,0)"),  # = for "at least"
    ("xlf-010", "=IF(B4>=95,IF(B2>=50000,500,0),0)"),
    ("xlf-011", '=IF(B2<20,"Reorder","OK")'),  # stock only
    ("xlf-011", '=IF(OR(B2<20,B3<60),"Reorder","OK")'),  # days the wrong way round
    ("xlf-012", '=IF(B1>=60,"Fast","Average")'),  # no Slow band
    ("xlf-012", '=IF(B1>=60,"Fast",IF(B1>=40,"Average"))'),  # FALSE for Slow
    ("xlf-012", '=IFS(B1>=60,"Fast",B1>=40,"Average")'),  # #N/A for Slow
    ("xlf-012", '=IF(B1=60,"Fast",IF(B1>=40,"Average","Slow"))'),
    ("xlf-012", '=IF(B1>=60,"Fast",IF(B1=40,"Average","Slow"))'),
    ("xlf-002", "=SUMIF(A2:A7,A2,C2:C7)"),  # the region taken from a data row
    ("xlf-025", "=MID(A2,10,4)"),  # counts on one length of account number
    ("xlf-027", "=AVERAGE(B2,B4,B7)"),  # Billing rows picked by hand
    ("xlf-027", '=SUMIF(A2:A7,"Billing",B2:B7)/3'),  # the count typed in
    ("xlf-027", "=AVERAGEIF(A2:A7,A2,B2:B7)"),
]


@pytest.mark.parametrize(("question_id", "formula"), HALF_RIGHT)
def test_a_half_right_formula_fails_on_a_more_variant(question_id, formula):
    task = formula_task(question_id)
    two_grids = check_formula(task.grid, task.variant, task.target, task.expected[:2], formula)
    assert two_grids.correct, "fails without more_variants, so this case shows nothing"
    check = task.check(formula)
    assert not check.correct
    assert "not when the numbers change (wrong on" in check.message


def test_examples_in_the_docs_are_a_valid_bank(tmp_path):
    docs = (Path(__file__).parent.parent / "docs" / "question-banks.md").read_text("utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", docs, flags=re.DOTALL)
    assert len(blocks) == 6
    bank = load_bank(write(tmp_path, "\n".join(blocks)))
    types = ["single", "multiple", "truefalse", "formula", "formula"]
    assert [q.type for q in bank.questions] == types
    bonus = bank.questions[-1].formula
    assert len(bonus.more_variants) == 3
    assert not bonus.check("=IF(B4>=95,500,0)").correct
    assert not bonus.check("=IF(AND(B2>=50000,B4>=95),500,0)").correct
    assert not bonus.check("=IF(AND(50000>=B3,B4>=95),500,0)").correct
    assert bonus.check("=IF(AND(B2>=B3;B4>=95);500;0)").correct
    # And the docs' examples let no plausible wrong formula through.
    report = validate_bank_file(write(tmp_path, "\n".join(blocks)))
    assert report.ok and report.mutants.tasks == 2 and report.mutants.surviving == 0


# ---------------------------------------------------------------------------
# Wrong types and hostile content: a problem each, never an exception


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (('title = "Microsoft Word"', 'title = "Microsoft Word"\ndescription = ["x"]'),
         "description in [bank] must be text in quotes"),
        (('title = "Microsoft Word"', 'title = "Microsoft Word"\ndescription = " "'),
         "description in [bank] is empty"),
        (('title = "Microsoft Word"', "title = 2024"), "title in [bank] must be text in quotes"),
        (('topic = "word"', "topic = true"), "topic in [bank] must be text in quotes"),
        (('prompt = "Which shortcut makes text bold?"', "prompt = 42"),
         "prompt must be text in quotes"),
        (('explanation = "Ctrl+B toggles bold."', "explanation = [1, 2]"),
         "explanation must be text in quotes"),
    ],
)
def test_a_known_key_of_the_wrong_type_is_a_problem(tmp_path, change, expected):
    old, new = change
    path = write(tmp_path, (HEADER + SINGLE).replace(old, new, 1))
    found = messages(path)
    assert any(expected in line for line in found), found
    with pytest.raises(ContentError):
        load_bank(path)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('["Pens", 12]', '["Pens", 12345678901234567]', "more than 15 digits"),
        ('["Pens", 12]', '["Pens", 1900-01-15]', "a date before 1900-03-01"),
        ('["Pens", 12]', '["Pens", "' + "x" * 33000 + '"]', "a cell holds at most 32767"),
        ('answer = "=SUM(B2:B3)"', 'answer = "=' + "B2+" * 3000 + 'B3"', "Excel allows 8192"),
        ('alternatives = ["=B2+B3"]', "alternatives = [" + '"=B2+B3",' * 21 + "]",
         "21 alternatives"),
    ],
)
def test_formula_task_values_beyond_excel_limits_are_problems(tmp_path, old, new, expected):
    path = write(tmp_path, (HEADER + FORMULA).replace(old, new, 1))
    found = messages(path)
    assert any(expected in line for line in found), found


def test_too_many_sheets_or_questions_are_refused_with_the_limit(tmp_path):
    sheet = '[["Item", "Amount"], ["Pens", 1], ["Paper", 2], ["Total", ""]]'
    many = "more_variants = [" + ", ".join(
        sheet.replace('"Pens", 1', f'"Pens", {n}') for n in range(3, 25)
    ) + "]\n"
    path = write(tmp_path, (HEADER + FORMULA).replace('answer = "=SUM', many + 'answer = "=SUM'))
    assert any("keep it within 20" in line for line in messages(path))
    questions = "".join(TRUEFALSE.replace("t-003", f"t-{n}") for n in range(501))
    found = messages(write(tmp_path, HEADER + questions))
    assert len(found) == 1 and "at most 500 questions" in found[0]


def test_a_long_value_is_cut_short_in_a_message(tmp_path):
    path = write(tmp_path, (HEADER + SINGLE).replace('"basic"', '"' + "b" * 5000 + '"', 1))
    found = messages(path)
    assert len(found) == 1 and "(5000 characters)" in found[0] and len(found[0]) < 300
