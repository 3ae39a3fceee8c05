"""`typing-test check` and `typing-test drill list|grade`."""

from __future__ import annotations

import json
import os

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


# drill show --------------------------------------------------------------------


def test_drill_show_prints_the_email_to_correct_so_it_can_be_graded(tmp_path, capsys, drills):
    drill = next(iter(drills.proofreading.values()))
    code, out, err = run(capsys, "drill", "show", drill.id)
    assert code == 0
    assert out.rstrip("\n") == drill.text.rstrip("\n")
    assert f"{len(drill.mistakes)} mistakes" in err
    # What the candidate is given, untouched, grades as no mistake fixed.
    answer = tmp_path / "answer.txt"
    answer.write_text(out, encoding="utf-8")
    code, graded, _ = run(capsys, "drill", "grade", drill.id, str(answer), "--json")
    assert code == 0 and json.loads(graded)["score"] == 0
    assert len(json.loads(graded)["missed"]) == len(drill.mistakes)


def test_drill_show_json_never_gives_the_key(capsys, drills):
    drill = next(iter(drills.proofreading.values()))
    code, out, _ = run(capsys, "drill", "show", drill.id, "--json")
    assert code == 0
    shown = json.loads(out)
    assert shown == {"id": drill.id, "type": "proofreading", "title": drill.title,
                     "difficulty": drill.difficulty,
                     "time_limit_minutes": drill.time_limit_minutes,
                     "mistakes": len(drill.mistakes), "text": drill.text}
    assert drill.reference not in out


def test_drill_show_prints_a_writing_scenarios_situation_and_task(capsys, drills):
    scenario = next(s for s in drills.writing.values() if s.subject_required)
    code, out, _ = run(capsys, "drill", "show", scenario.id)
    assert code == 0
    assert scenario.title in out
    assert scenario.situation.strip() in out
    for point in scenario.points:
        assert f"  - {point.label}\n" in out
    assert f"Write {scenario.min_words} to {scenario.max_words} words." in out
    assert "Start with a Subject: line." in out
    code, out, _ = run(capsys, "drill", "show", scenario.id, "--json")
    shown = json.loads(out)
    assert shown["situation"] == scenario.situation.strip()
    assert shown["points"] == [point.label for point in scenario.points]
    assert shown["words"] == [scenario.min_words, scenario.max_words]
    assert shown["subject_required"] is True
    assert "model_reply" not in shown and "keywords" not in out


def test_drill_show_unknown_id_is_one_line_exit_2(capsys):
    code, _, err = run(capsys, "drill", "show", "no-such-drill")
    assert code == 2
    assert err.strip().splitlines() == [
        "typing-test: error: no drill with id 'no-such-drill'; 'typing-test drill list' "
        "shows them"]


# hostile input -----------------------------------------------------------------


def test_check_reads_a_file_with_a_byte_order_mark_without_it(tmp_path, capsys):
    path = tmp_path / "email.txt"
    path.write_bytes(b"\xef\xbb\xbf" + EMAIL.encode())
    code, out, _ = run(capsys, "check", str(path), "--json")
    assert code == 0
    for finding in json.loads(out):
        assert EMAIL[finding["start"]:finding["end"]] == finding["text"]


def test_check_refuses_a_text_far_longer_than_any_email(tmp_path, capsys):
    path = tmp_path / "book.txt"
    path.write_text("We will send the form today. " * 2000, encoding="utf-8")  # 58,000 chars
    code, out, err = run(capsys, "check", str(path))
    assert code == 2 and out == ""
    assert err.strip().splitlines() == [
        f"typing-test: error: text file is too long: {path} has 58,000 characters; the limit "
        "is 50,000 characters"]


def test_check_refuses_a_megabyte_without_reading_it(tmp_path, capsys):
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 220_000)
    code, _, err = run(capsys, "check", str(path))
    assert code == 2
    assert "has 1,100,000 bytes; the limit is 50,000 characters" in err


def test_check_prints_a_file_name_that_is_not_utf8(tmp_path, capsys):
    path = tmp_path / os.fsdecode(b"r\xe9ponse.txt")  # a Latin-1 name: a lone surrogate
    path.write_text(EMAIL, encoding="utf-8")
    code, out, err = run(capsys, "check", str(path))
    assert code == 0, err
    assert "r\\udce9ponse.txt:3:9: spelling [spelling]" in out


def test_drill_grade_refuses_an_answer_far_longer_than_any_email(tmp_path, capsys, drills):
    drill = next(iter(drills.proofreading.values()))
    answer = tmp_path / "answer.txt"
    answer.write_text(drill.text * (50_001 // len(drill.text) + 1), encoding="utf-8")
    code, _, err = run(capsys, "drill", "grade", drill.id, str(answer))
    assert code == 2
    assert "the limit is 50,000 characters" in err and len(err.strip().splitlines()) == 1


def test_a_drill_id_that_is_not_utf8_is_one_line_exit_2(tmp_path, capsys):
    answer = tmp_path / "a.txt"
    answer.write_text("x", encoding="utf-8")
    code, _, err = run(capsys, "drill", "grade", os.fsdecode(b"caf\xe9"), str(answer))
    assert code == 2
    assert err.strip().splitlines() == [
        "typing-test: error: no drill with id 'caf\\udce9'; 'typing-test drill list' shows "
        "them"]


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
