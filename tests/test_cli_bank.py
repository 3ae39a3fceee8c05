"""`typing-test bank validate FILE`."""

from __future__ import annotations

import json

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
