"""`typing-test check` and `typing-test drill list|grade`."""

from __future__ import annotations

import json

import pytest

from typing_test.cli import main
from typing_test.core.email.drills import load_drills

EMAIL = "Hi Sam,\n\nWe will recieve an refund tomorrow and they was happy.\n\nKind regards,\nAnna\n"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def drills():
    return load_drills()


def test_check_json_lists_findings_with_the_contract_keys(tmp_path, capsys):
    path = tmp_path / "email.txt"
    path.write_text(EMAIL, encoding="utf-8")
    code, out, _ = run(capsys, "check", str(path), "--json")
    assert code == 0
    findings = json.loads(out)
    assert {tuple(sorted(f)) for f in findings} == {
        ("end", "kind", "message", "rule", "start", "suggestions", "text")}
    by_text = {f["text"]: f for f in findings}
    assert by_text["recieve"]["kind"] == "spelling"
    assert "receive" in by_text["recieve"]["suggestions"]
    assert by_text["an"]["rule"] == "a-an"
    for finding in findings:
        assert EMAIL[finding["start"]:finding["end"]] == finding["text"]


def test_check_plain_output_gives_line_and_column(tmp_path, capsys):
    path = tmp_path / "email.txt"
    path.write_text(EMAIL, encoding="utf-8")
    code, out, _ = run(capsys, "check", str(path))
    assert code == 0
    assert f"{path}:3:9: spelling [spelling]" in out


def test_check_can_require_us_spelling(tmp_path, capsys):
    path = tmp_path / "email.txt"
    path.write_text("Hi Sam,\n\nThe colour of the form is wrong.\n\nRegards,\nAnna\n",
                    encoding="utf-8")
    assert json.loads(run(capsys, "check", str(path), "--json")[1]) == []
    findings = json.loads(run(capsys, "check", str(path), "--json", "--spelling", "us")[1])
    assert [f["suggestions"] for f in findings] == [["color"]]


def test_check_refuses_a_missing_or_binary_file(tmp_path, capsys):
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\xff\xfe\x00\x81")
    for path in (tmp_path / "none.txt", binary):
        code, _, err = run(capsys, "check", str(path))
        assert code == 2 and len(err.strip().splitlines()) == 1


def test_drill_list_json(capsys, drills):
    code, out, _ = run(capsys, "drill", "list", "--json")
    assert code == 0
    rows = json.loads(out)
    assert {row["type"] for row in rows} == {"proofreading", "writing"}
    assert len([r for r in rows if r["type"] == "proofreading"]) >= 20
    assert len([r for r in rows if r["type"] == "writing"]) >= 10


def test_drill_grade_a_perfect_proofreading_answer(tmp_path, capsys, drills):
    drill = next(iter(drills.proofreading.values()))
    answer = tmp_path / "answer.txt"
    answer.write_text(drill.reference, encoding="utf-8")
    code, out, _ = run(capsys, "drill", "grade", drill.id, str(answer), "--json")
    assert code == 0
    graded = json.loads(out)
    assert graded["score"] == 100
    assert graded["missed"] == [] and graded["introduced"] == []
    assert len(graded["fixed"]) == len(drill.mistakes)
    assert {"start", "end"} <= set(graded["fixed"][0])


def test_drill_grade_an_untouched_answer(tmp_path, capsys, drills):
    drill = next(iter(drills.proofreading.values()))
    answer = tmp_path / "answer.txt"
    answer.write_text(drill.text, encoding="utf-8")
    code, out, _ = run(capsys, "drill", "grade", drill.id, str(answer), "--json")
    assert code == 0
    assert json.loads(out)["score"] == 0


def test_drill_grade_a_writing_reply(tmp_path, capsys, drills):
    scenario = next(iter(drills.writing.values()))
    answer = tmp_path / "reply.txt"
    answer.write_text(scenario.model_reply, encoding="utf-8")
    code, out, _ = run(capsys, "drill", "grade", scenario.id, str(answer), "--json")
    assert code == 0
    assert json.loads(out)["score"] == 100


def test_drill_grade_unknown_id_is_one_line_exit_2(tmp_path, capsys):
    answer = tmp_path / "a.txt"
    answer.write_text("x", encoding="utf-8")
    code, _, err = run(capsys, "drill", "grade", "no-such-drill", str(answer))
    assert code == 2
    assert "no drill with id 'no-such-drill'" in err
    assert len(err.strip().splitlines()) == 1


def test_drill_grade_lists_rewordings_that_cost_nothing(tmp_path, capsys, drills):
    drill = drills.proofreading["refund-confirmation"]
    answer = tmp_path / "answer.txt"
    answer.write_text(drill.reference.replace("five to seven", "5 to 7"), encoding="utf-8")
    code, out, _ = run(capsys, "drill", "grade", drill.id, str(answer), "--json")
    assert code == 0
    graded = json.loads(out)
    assert graded["score"] == 100 and graded["introduced"] == []
    assert [(c["expected"], c["found"], c["kind"]) for c in graded["changed"]] == [
        ("five", "5", "changed"),
        ("seven", "7", "changed"),
    ]
    code, out, _ = run(capsys, "drill", "grade", drill.id, str(answer))
    assert code == 0
    assert "score 100%" in out
    assert "changed at" in out and "found '5', was 'five'" in out
