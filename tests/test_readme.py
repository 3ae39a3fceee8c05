"""The README's examples and commands stay true."""

from __future__ import annotations

import re
from pathlib import Path

from typing_test.cli import build_parser
from typing_test.core.quiz.banks import validate_bank_file

README = Path(__file__).resolve().parent.parent / "README.md"


def test_the_bank_example_is_a_valid_bank_with_every_question_type(tmp_path):
    example = re.search(r"```toml\n(\[bank\].*?)```", README.read_text(encoding="utf-8"), re.S)
    path = tmp_path / "example.toml"
    path.write_text(example.group(1), encoding="utf-8")
    report = validate_bank_file(path, against_builtin=True)
    assert report.ok, report.format()
    assert report.counts == {"single": 1, "multiple": 1, "truefalse": 1, "formula": 1}


def test_every_subcommand_in_the_readme_exists():
    text = README.read_text(encoding="utf-8")
    documented = set(re.findall(r"`typing-test (\w[\w-]*)", text))
    parser = build_parser()
    commands = next(
        action for action in parser._actions if action.dest == "command"
    ).choices
    assert documented <= set(commands)
    assert {"score", "check", "drill", "bank"} <= documented
