"""`typing-test score` and the command line's handling of bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from typing_test.cli import main
from typing_test.store.database import Store

PASSAGE = "The parcel left our warehouse on Monday and will arrive on Friday."


@pytest.fixture
def files(tmp_path):
    passage = tmp_path / "passage.txt"
    passage.write_text(PASSAGE + "\n", encoding="utf-8")
    text = "The parcel lefy our"
    keystrokes = tmp_path / "keys.jsonl"
    keystrokes.write_text(
        "\n".join(json.dumps({"t": i * 250, "key": k}) for i, k in enumerate(text)) + "\n",
        encoding="utf-8",
    )
    return passage, keystrokes


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_score_json_has_the_contract_keys(files, capsys):
    passage, keystrokes = files
    code, out, err = run(capsys, "score", "--passage", str(passage),
                         "--keystrokes", str(keystrokes), "--seconds", "60", "--json")
    assert code == 0, err
    figures = json.loads(out)
    assert set(figures) == {"gross_wpm", "net_wpm", "accuracy", "uncorrected_errors",
                            "corrected_errors", "kph", "duration_s", "passed", "flags"}
    assert figures["uncorrected_errors"] == 1
    assert figures["gross_wpm"] == pytest.approx(19 / 5)
    assert figures["duration_s"] == 60
    assert figures["passed"] is False


def test_without_seconds_the_duration_is_the_last_keystroke(files, capsys):
    passage, keystrokes = files
    code, out, _ = run(capsys, "score", "--passage", str(passage),
                       "--keystrokes", str(keystrokes), "--json")
    assert code == 0
    assert json.loads(out)["duration_s"] == pytest.approx(18 * 0.25)


def test_plain_output_is_readable(files, capsys):
    passage, keystrokes = files
    code, out, _ = run(capsys, "score", "--passage", str(passage), "--keystrokes",
                       str(keystrokes))
    assert code == 0
    assert "net WPM" in out and "PASS (bar: 25 net WPM, 90% accuracy)" in out


def test_save_stores_an_attempt_of_the_candidate(files, capsys, tmp_path):
    passage, keystrokes = files
    db = tmp_path / "results.db"
    code, _, err = run(capsys, "--db", str(db), "score", "--passage", str(passage),
                       "--keystrokes", str(keystrokes), "--save", "--candidate", "Ravi Kumar")
    assert code == 0, err
    (row,) = Store.open(db).attempts()
    assert row["candidate"] == "Ravi Kumar"
    assert row["kind"] == "typing"
    assert row["keystrokes"][3] == {"t": 750, "key": " "}
    assert row["figures"]["uncorrected_errors"] == 1


def test_save_uses_the_environment_database(files, capsys, tmp_path, monkeypatch):
    passage, keystrokes = files
    monkeypatch.setenv("TYPING_TEST_DB", str(tmp_path / "env.db"))
    code, _, _ = run(capsys, "score", "--passage", str(passage), "--keystrokes",
                     str(keystrokes), "--save", "--candidate", "Li")
    assert code == 0
    assert len(Store.open(tmp_path / "env.db").attempts()) == 1


def test_a_passage_toml_file_is_accepted(capsys, tmp_path, files):
    _, keystrokes = files
    toml = tmp_path / "p.toml"
    toml.write_text(f'title = "T"\ncategory = "policy"\ndifficulty = "easy"\n'
                    f'text = "{PASSAGE}"\n', encoding="utf-8")
    code, out, _ = run(capsys, "score", "--passage", str(toml), "--keystrokes",
                       str(keystrokes), "--json")
    assert code == 0
    assert json.loads(out)["uncorrected_errors"] == 1


BAD_LOGS = {
    "not json": ("{t: 0}", "line 1: not valid JSON"),
    "no key": ('{"t": 0}', 'expected an object with "t" and "key"'),
    "long key": ('{"t": 0, "key": "ab"}', '"key" must be one character or "Backspace"'),
    "negative t": ('{"t": -4, "key": "a"}', '"t" must be a number'),
    "string t": ('{"t": "0", "key": "a"}', '"t" must be a number'),
    "back in time": ('{"t": 50, "key": "a"}\n{"t": 10, "key": "b"}', "line 2"),
    "array": ("[1, 2]", 'expected an object'),
}


@pytest.mark.parametrize("name", sorted(BAD_LOGS))
def test_bad_keystroke_files_give_one_line_and_exit_2(name, capsys, tmp_path, files):
    passage, _ = files
    content, message = BAD_LOGS[name]
    log = tmp_path / "bad.jsonl"
    log.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "score", "--passage", str(passage), "--keystrokes", str(log))
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


@pytest.mark.parametrize("argv, message", [
    (["score", "--passage", "/no/such/file.txt", "--keystrokes", "k"], "not found"),
    (["score", "--passage", "P"], "required"),
    (["score", "--passage", "P", "--keystrokes", "K", "--seconds", "abc"], "invalid float"),
    (["frobnicate"], "invalid choice"),
])
def test_bad_arguments_give_one_line_and_exit_2(argv, message, capsys, files):
    passage, keystrokes = files
    argv = [str(passage) if a == "P" else str(keystrokes) if a == "K" else a for a in argv]
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1


def test_negative_seconds_and_save_without_candidate_are_refused(capsys, files):
    passage, keystrokes = files
    base = ["score", "--passage", str(passage), "--keystrokes", str(keystrokes)]
    assert run(capsys, *base, "--seconds", "-3")[0] == 2
    code, _, err = run(capsys, *base, "--save")
    assert code == 2 and "--candidate" in err


def test_binary_and_empty_passages_are_refused(capsys, tmp_path, files):
    _, keystrokes = files
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    empty = tmp_path / "e.txt"
    empty.write_text("   \n", encoding="utf-8")
    for path, message in ((binary, "not UTF-8"), (empty, "empty")):
        code, _, err = run(capsys, "score", "--passage", str(path), "--keystrokes",
                           str(keystrokes))
        assert code == 2 and message in err


def test_a_damaged_database_is_one_line_and_left_alone(capsys, tmp_path, files):
    passage, keystrokes = files
    db = tmp_path / "broken.db"
    db.write_bytes(b"not a database at all" * 50)
    code, _, err = run(capsys, "--db", str(db), "score", "--passage", str(passage),
                       "--keystrokes", str(keystrokes), "--save", "--candidate", "A")
    assert code == 2
    assert "left untouched" in err
    assert db.read_bytes() == b"not a database at all" * 50


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.startswith("typing-test ")


def test_an_internal_error_is_one_line_not_a_traceback(capsys, files, monkeypatch):
    passage, keystrokes = files

    def broken(*args, **kwargs):
        raise RuntimeError("scoring exploded")

    monkeypatch.setattr("typing_test.core.typing.score", broken)
    monkeypatch.delenv("TYPING_TEST_DEBUG", raising=False)
    code, _, err = run(capsys, "score", "--passage", str(passage), "--keystrokes",
                       str(keystrokes))
    assert code == 1
    assert err.strip().splitlines() == [
        "typing-test: internal error: RuntimeError: scoring exploded "
        "(set TYPING_TEST_DEBUG=1 for details, and please report it)"
    ]


# Found by a fuzzer and a probe (issue 7) ---------------------------------------


def write_log(path, events):
    path.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events),
                    encoding="utf-8")
    return path


def test_a_passage_with_a_byte_order_mark_is_scored_without_it(capsys, tmp_path):
    passage = tmp_path / "hello.txt"
    passage.write_bytes(b"\xef\xbb\xbfhello\n")
    log = write_log(tmp_path / "k.jsonl", [{"t": i * 100, "key": k} for i, k in
                                            enumerate("hello")])
    code, out, err = run(capsys, "score", "--passage", str(passage), "--keystrokes", str(log),
                         "--json")
    assert code == 0, err
    assert json.loads(out)["accuracy"] == 100.0
    assert json.loads(out)["uncorrected_errors"] == 0


def test_a_passage_toml_and_a_log_with_a_byte_order_mark_are_read(capsys, tmp_path, files):
    toml = tmp_path / "p.toml"
    toml.write_bytes(b"\xef\xbb\xbf" + (f'title = "T"\ncategory = "policy"\ndifficulty = '
                                        f'"easy"\ntext = "{PASSAGE}"\n').encode())
    log = tmp_path / "k.jsonl"
    log.write_bytes(b"\xef\xbb\xbf" + files[1].read_bytes())
    code, out, err = run(capsys, "score", "--passage", str(toml), "--keystrokes", str(log),
                         "--json")
    assert code == 0, err
    assert json.loads(out)["uncorrected_errors"] == 1


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085"])
def test_a_line_separator_inside_a_json_string_is_a_key_not_a_line_break(
        separator, capsys, tmp_path, files):
    passage, _ = files
    log = tmp_path / "k.jsonl"
    # Written raw (not escaped) inside the string, as json.dumps(ensure_ascii=False) does.
    log.write_text('{"t": 0, "key": "T"}\n{"t": 100, "key": "' + separator + '"}\n',
                   encoding="utf-8")
    code, out, err = run(capsys, "score", "--passage", str(passage), "--keystrokes", str(log),
                         "--json")
    assert code == 0, err
    assert json.loads(out)["accuracy"] == 50.0


HOSTILE_LOGS = {
    "nested arrays": ("[" * 100_000 + "]" * 100_000, "too long for one event"),
    "5,000-digit integer": ('{"t": ' + "7" * 5000 + ', "key": "a"}', "too long for one event"),
    "float overflow": ('{"t": 1e999, "key": "a"}', '"t" must be a number'),
    "infinite time": ('{"t": Infinity, "key": "a"}', '"t" must be a number'),
    "NaN time": ('{"t": NaN, "key": "a"}', '"t" must be a number'),
    "epoch time": ('{"t": 1764700000000, "key": "a"}', "one day"),
    "lone surrogate key": ('{"t": 0, "key": "\\ud800"}', "lone surrogate"),
    "other half of a pair": ('{"t": 0, "key": "\\udc00"}', "lone surrogate"),
    "times going backwards": ('{"t": 9, "key": "a"}\n{"t": 3, "key": "b"}', "back in time"),
    "negative time": ('{"t": -0.5, "key": "a"}', '"t" must be a number'),
    "empty key": ('{"t": 0, "key": ""}', '"key" must be one character'),
    "two characters": ('{"t": 0, "key": "e\\u0301"}', '"key" must be one character'),
    "key not text": ('{"t": 0, "key": 65}', '"key" must be one character'),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_LOGS))
def test_hostile_keystroke_logs_are_refused_in_one_line(name, capsys, tmp_path, files):
    passage, _ = files
    content, message = HOSTILE_LOGS[name]
    log = tmp_path / "bad.jsonl"
    log.write_text(content, encoding="utf-8")
    code, _, err = run(capsys, "score", "--passage", str(passage), "--keystrokes", str(log))
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1
    assert "internal error" not in err
    assert message in err


def test_a_key_pair_written_as_two_escapes_is_one_character(capsys, tmp_path, files):
    passage, _ = files
    log = tmp_path / "k.jsonl"
    log.write_text('{"t": 0, "key": "\\ud83d\\ude00"}\n', encoding="utf-8")
    code, out, err = run(capsys, "score", "--passage", str(passage), "--keystrokes", str(log),
                         "--json")
    assert code == 0, err


def test_a_long_run_of_garbage_is_refused_with_the_limit(capsys, tmp_path, files):
    passage, _ = files
    log = write_log(tmp_path / "k.jsonl", [{"t": i, "key": k} for i, k in
                                           enumerate("a " * 1600)])
    code, _, err = run(capsys, "score", "--passage", str(passage), "--keystrokes", str(log))
    assert code == 2
    assert "1,600 words" in err and "the limit is 1,500" in err


def test_a_log_far_longer_than_any_test_is_refused_with_the_limit(capsys, tmp_path, files):
    passage, _ = files
    log = write_log(tmp_path / "k.jsonl", [{"t": i, "key": "x"} for i in range(20_001)])
    code, _, err = run(capsys, "score", "--passage", str(passage), "--keystrokes", str(log))
    assert code == 2
    assert "more than 20,000 keystrokes" in err


def test_a_passage_far_longer_than_any_test_is_refused_with_the_limit(capsys, tmp_path, files):
    _, keystrokes = files
    passage = tmp_path / "huge.txt"
    passage.write_text("word " * 20_000, encoding="utf-8")
    code, _, err = run(capsys, "score", "--passage", str(passage), "--keystrokes",
                       str(keystrokes))
    assert code == 2
    assert "the limit is 50,000 characters" in err


def test_seconds_cuts_the_log_and_says_how_much_it_dropped(capsys, tmp_path, files):
    passage, keystrokes = files  # 19 keystrokes, one every 250 ms: the last at 4.5 s
    code, out, err = run(capsys, "score", "--passage", str(passage), "--keystrokes",
                         str(keystrokes), "--seconds", "2", "--json")
    assert code == 0
    figures = json.loads(out)
    assert set(figures) == {"gross_wpm", "net_wpm", "accuracy", "uncorrected_errors",
                            "corrected_errors", "kph", "duration_s", "passed", "flags"}
    assert figures["gross_wpm"] == pytest.approx(8 / 5 / (2 / 60))  # "The parc" in 2 s
    assert figures["kph"] == pytest.approx(8 * 3600 / 2)
    assert figures["uncorrected_errors"] == 0
    assert err.strip() == ("typing-test: note: 11 keystrokes at or after 2 s not counted: "
                           "the test ended then")


def test_db_may_come_after_the_subcommand(files, capsys, tmp_path):
    passage, keystrokes = files
    db = tmp_path / "after.db"
    code, _, err = run(capsys, "score", "--passage", str(passage), "--keystrokes",
                       str(keystrokes), "--save", "--candidate", "Ravi", "--db", str(db))
    assert code == 0, err
    assert [row["candidate"] for row in Store.open(db).attempts()] == ["Ravi"]


def test_db_after_the_subcommand_wins_and_before_it_still_works(files, capsys, tmp_path):
    passage, keystrokes = files
    before, after = tmp_path / "before.db", tmp_path / "after.db"
    base = ["score", "--passage", str(passage), "--keystrokes", str(keystrokes), "--save",
            "--candidate", "Li"]
    assert run(capsys, "--db", str(before), *base)[0] == 0
    assert run(capsys, "--db", str(before), *base, "--db", str(after))[0] == 0
    assert len(Store.open(before).attempts()) == 1
    assert len(Store.open(after).attempts()) == 1


def test_candidate_without_save_is_an_error(files, capsys):
    passage, keystrokes = files
    code, out, err = run(capsys, "score", "--passage", str(passage), "--keystrokes",
                         str(keystrokes), "--candidate", "Ravi")
    assert code == 2
    assert out == ""
    assert err.strip().splitlines() == ["typing-test: error: --candidate is only used with "
                                        "--save"]


def test_an_attempt_saved_from_a_built_in_passage_text_takes_its_title(capsys, tmp_path):
    from typing_test.core.typing import load_passages

    built_in = load_passages()[0][0]
    passage = tmp_path / "passage.txt"
    passage.write_text(built_in.text + "\n", encoding="utf-8")
    log = write_log(tmp_path / "k.jsonl", [{"t": i * 200, "key": k} for i, k in
                                           enumerate(built_in.text[:40])])
    db = tmp_path / "r.db"
    code, _, err = run(capsys, "--db", str(db), "score", "--passage", str(passage),
                       "--keystrokes", str(log), "--save", "--candidate", "Ana")
    assert code == 0, err
    (row,) = Store.open(db).attempts()
    assert (row["item_id"], row["item_title"]) == (built_in.id, built_in.title)


def test_a_file_name_that_is_not_utf8_is_printed_and_stored_without_failing(
        capsys, tmp_path, files):
    _, keystrokes = files
    passage = tmp_path / os.fsdecode(b"caf\xe9.txt")  # a Latin-1 name: a lone surrogate
    passage.write_text(PASSAGE, encoding="utf-8")
    db = tmp_path / "r.db"
    code, out, err = run(capsys, "--db", str(db), "score", "--passage", str(passage),
                         "--keystrokes", str(keystrokes), "--save", "--candidate", "Ana")
    assert code == 0, err
    assert Store.open(db).attempts()[0]["item_title"] == "caf\ufffd"
    toml = tmp_path / os.fsdecode(b"m\xe9mo.toml")
    toml.write_text(f'title = "Memo"\ncategory = "policy"\ndifficulty = "easy"\n'
                    f'text = "{PASSAGE}"\n', encoding="utf-8")
    code, _, err = run(capsys, "--db", str(db), "score", "--passage", str(toml),
                       "--keystrokes", str(keystrokes), "--save", "--candidate", "Ana")
    assert code == 0, err
    assert {row["item_id"] for row in Store.open(db).attempts()} == {"caf\ufffd", "m\ufffdmo"}
    code, _, err = run(capsys, "score", "--passage", str(passage), "--keystrokes",
                       str(keystrokes), "--save", "--candidate", os.fsdecode(b"Jos\xe9"))
    assert code == 2 and "not UTF-8" in err


def test_a_broken_pipe_ends_quietly(tmp_path):
    # The reader is gone before the command writes a byte, as with `| head -1`
    # once head has its line: every write fails with EPIPE.
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "typing_test", "drill", "list"], stdout=write_end,
            stderr=subprocess.PIPE, text=True, timeout=60, cwd=Path(__file__).parent.parent,
        )
    finally:
        os.close(write_end)
    assert result.stderr == ""
    assert result.returncode == 141  # 128 + SIGPIPE, as a shell reports `| head`
