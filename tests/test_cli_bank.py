"""`typing-test bank validate FILE`."""

from __future__ import annotations

import json

import pytest

from typing_test.cli import main

GOOD = """
[bank]
topic = "hr-policies"
title = "Our HR policies"

[[questions]]
id = "hr-001"
type = "single"
difficulty = "basic"
prompt = "How many days of notice must you give before annual leave?"
options = ["5 working days", "1 day", "30 days"]
answer = "5 working days"
explanation = "The leave policy asks for five working days."

[[questions]]
id = "hr-002"
type = "truefalse"
difficulty = "basic"
prompt = "Timesheets are due every Friday."
answer = true
explanation = "Payroll closes on Friday afternoon."
"""

BROKEN = """
[bank]
topic = "hr-policies"
title = "Our HR policies"

[[questions]]
id = "hr-001"
type = "single"
difficulty = "basic"
prompt = "Pick one"
options = ["A", "B", ""]
answer = "C"
explanation = "x"

[[questions]]
id = "hr-001"
type = "essay"
difficulty = "basic"
prompt = "Write"
answer = "x"
explanation = "x"

[[questions]]
id = "hr-003"
type = "formula"
difficulty = "basic"
prompt = "Total"
target = "B4"
grid = [["Item", "Amount"], ["A", 1], ["B", 2], ["Total", ""]]
variant = [["Item", "Amount"], ["A", 3], ["B", 4], ["Total", ""]]
answer = "=SUM(B2:B3))"
explanation = "x"
"""


def test_a_good_bank_prints_its_counts(tmp_path, capsys):
    path = tmp_path / "hr.toml"
    path.write_text(GOOD, encoding="utf-8")
    assert main(["bank", "validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "2 questions (1 single, 1 truefalse), OK" in out


def test_a_broken_bank_reports_every_problem_and_exits_2(tmp_path, capsys):
    path = tmp_path / "hr.toml"
    path.write_text(BROKEN, encoding="utf-8")
    assert main(["bank", "validate", str(path)]) == 2
    out = capsys.readouterr().out
    for expected in ("hr-001: option 3 is empty", "answer 'C' is not among the options",
                     "unknown type 'essay'", "duplicate id", "hr-003"):
        assert expected in out, expected
    assert "Traceback" not in out


def test_json_report(tmp_path, capsys):
    path = tmp_path / "hr.toml"
    path.write_text(BROKEN, encoding="utf-8")
    assert main(["bank", "validate", str(path), "--json"]) == 2
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False
    assert {problem["question_id"] for problem in report["problems"]} >= {"hr-001", "hr-003"}


def test_invalid_toml_and_missing_files(tmp_path, capsys):
    path = tmp_path / "bad.toml"
    path.write_text("[bank\ntopic = ", encoding="utf-8")
    assert main(["bank", "validate", str(path)]) == 2
    assert "bad.toml" in capsys.readouterr().out
    assert main(["bank", "validate", str(tmp_path / "none.toml")]) == 2
    err = capsys.readouterr().err
    assert "not found" in err and len(err.strip().splitlines()) == 1


# bank validate: a built-in bank's own file -----------------------------------


def test_a_builtin_bank_file_is_checked_as_its_replacement(tmp_path, monkeypatch, capsys):
    # As when the app is installed: the built-in banks are a copy elsewhere,
    # and the author validates the file of the source tree.
    import shutil

    from typing_test.core.quiz import banks

    installed = tmp_path / "installed"
    shutil.copytree(banks.quizzes_dir(), installed)
    source = banks.quizzes_dir() / "word.toml"
    monkeypatch.setattr(banks, "quizzes_dir", lambda: installed)
    assert main(["bank", "validate", str(source)]) == 0
    out = capsys.readouterr().out
    assert "already used" not in out
    assert "checked as the new version of the built-in bank word.toml" in out
    # The same questions under another file name would clash with word.toml.
    other = tmp_path / "our-word.toml"
    other.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["bank", "validate", str(other)]) == 2
    assert "id already used in the built-in bank word.toml" in capsys.readouterr().out


# bank try ----------------------------------------------------------------------

FORMULA_BANK = """
[bank]
topic = "hr-excel"
title = "Our Excel tasks"

[[questions]]
id = "hrx-001"
type = "formula"
difficulty = "basic"
prompt = "Enter a formula in B4 that adds up the two amounts."
target = "B4"
grid = [["Item", "Amount"], ["Pens", 12], ["Paper", 30], ["Total", ""]]
variant = [["Item", "Amount"], ["Pens", 15], ["Paper", 22], ["Total", ""]]
answer = "=SUM(B2:B3)"
explanation = "SUM adds the range."
"""


def test_try_grades_each_formula_as_the_quiz_would(capsys):
    formulas = ["=SUM(B2:B5)", "=B2+B3+B4+B5", "=5037", "=SUM(B2:B4))", "SUM(B2:B5)"]
    assert main(["bank", "try", "xlf-001", *formulas, "--json"]) == 0
    graded = json.loads(capsys.readouterr().out)
    assert [set(row) for row in graded] == [{"formula", "correct", "values", "feedback"}] * 5
    assert [row["formula"] for row in graded] == formulas
    assert [row["correct"] for row in graded] == [True, True, False, False, False]
    right = graded[0]
    assert [value["display"] for value in right["values"]] == ["5037", "4761"]
    assert right["feedback"] == ""
    typed_in = graded[2]
    assert [value["display"] for value in typed_in["values"]] == ["5037", "5037"]
    assert "when the numbers change" in typed_in["feedback"]
    assert graded[3]["values"] == [None, None]  # does not parse: no value on any sheet
    assert graded[4]["feedback"].startswith("Not a formula")


def test_try_prints_one_block_per_formula(capsys):
    assert main(["bank", "try", "xlf-007", '=IF(B4<B1,"Overdue","On time")',
                 '=IF(B4<>B1,"Overdue","On time")']) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith('xlf-007: right value "Overdue" on the sheet shown')
    assert lines[1].startswith('right =IF(B4<B1,"Overdue","On time")  gives "Overdue"')
    assert lines[2].startswith('WRONG =IF(B4<>B1,"Overdue","On time")')
    assert "not when the numbers change" in lines[3]


def test_try_finds_the_imported_banks_beside_the_database(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "question-banks"
    folder.mkdir()
    (folder / "ours.toml").write_text(FORMULA_BANK, encoding="utf-8")
    database = tmp_path / "typing-test.db"
    assert main(["--db", str(database), "bank", "try", "hrx-001", "=B2+B3", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["correct"] is True
    monkeypatch.setenv("TYPING_TEST_DB", str(database))
    assert main(["bank", "try", "hrx-001", "=B2*B3", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["correct"] is False
    assert not database.exists()  # trying formulas never creates a database


def test_try_refuses_an_unknown_task_or_a_question_that_is_no_formula_task(capsys):
    assert main(["bank", "try", "xlf-999", "=1"]) == 2
    err = capsys.readouterr().err
    assert "no question with id 'xlf-999'" in err and len(err.strip().splitlines()) == 1
    assert main(["bank", "try", "word-001", "=1"]) == 2
    assert "not a formula task" in capsys.readouterr().err
    assert main(["bank", "try", "xlf-001"]) == 2  # no formula given
    assert main(["bank", "try", "xlf-001", "=" + "1+" * 5000 + "1"]) == 2
    assert "Excel allows 8192" in capsys.readouterr().err


# Hostile bank files ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a = " + "[" * 5000 + "]" * 5000, "nested too deeply"),
        ("a = " + "9" * 5000, "invalid TOML"),
        ('[bank]\ntopic = "x"\ntitle = "\\ud800"', "not a Unicode scalar value"),
        ('[bank]\ntopic = "hr"\ntitle = "T"\n[[questions]]\nid = "a"\ntype = "formula"\n'
         'target = "B2"\ngrid = [[1e999], [99999999999999999999]]', "not a finite number"),
        ("\ufeff[bank]\ntopic = 5\ntitle = \"T\"", "topic in [bank] must be text"),
        ('[bank]\ntopic = "hr"\ntitle = "T"\ndescription = 5',
         "description in [bank] must be text"),
        ('[bank]\ntopic = "hr"\ntitle = "' + "x" * 10_000_000 + '"', "larger than 2 MB"),
    ],
)
def test_a_hostile_bank_gets_one_clear_problem(tmp_path, capsys, text, expected):
    path = tmp_path / "hostile.toml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    assert main(["bank", "validate", str(path)]) == 2
    captured = capsys.readouterr()
    assert expected in captured.out
    assert "internal error" not in captured.err and "Traceback" not in captured.err


def test_a_bank_starting_with_a_byte_order_mark_is_read(tmp_path, capsys):
    path = tmp_path / "hr.toml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode("utf-8"))
    assert main(["bank", "validate", str(path)]) == 0
    assert "2 questions (1 single, 1 truefalse), OK" in capsys.readouterr().out


def test_a_bank_file_name_that_is_not_valid_text_is_still_reported(tmp_path, capsys):
    path = tmp_path / "hr\udcff.toml"  # the byte 0xff in the name, as Linux allows
    path.write_text(GOOD.replace("title", "titel"), encoding="utf-8")
    assert main(["bank", "validate", str(path)]) == 2
    captured = capsys.readouterr()
    assert "hr\ufffd.toml: unknown key 'titel' in [bank]" in captured.out
    assert captured.err == ""


def test_try_warns_about_a_broken_import_and_uses_the_others(tmp_path, capsys):
    folder = tmp_path / "question-banks"
    folder.mkdir()
    (folder / "broken.toml").write_text("[bank\n", encoding="utf-8")
    (folder / "ours.toml").write_text(FORMULA_BANK, encoding="utf-8")
    database = tmp_path / "typing-test.db"
    assert main(["--db", str(database), "bank", "try", "hrx-001", "=SUM(B2:B3)"]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines()[1].startswith("right =SUM(B2:B3)  gives 42")
    assert "warning: " in captured.err and "broken.toml" in captured.err


def test_a_formula_too_long_to_analyse_is_said_so(tmp_path, capsys):
    padded = "=B2+B3+0*LEN(\\\"" + "x" * 600 + "\\\")"  # B2+B3 with 600 letters more
    path = tmp_path / "long.toml"
    path.write_text(FORMULA_BANK.replace('"=SUM(B2:B3)"', f'"{padded}"'), "utf-8")
    assert main(["bank", "validate", str(path)]) == 0
    assert "1 not analysed, their formulas being over 600 characters" in capsys.readouterr().out
