"""`typing-test score` and the command line's handling of bad input."""

from __future__ import annotations

import json

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
                            "corrected_errors", "kph", "duration_s", "passed"}
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
