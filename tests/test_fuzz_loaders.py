"""Hostile input through every file the command line reads (issue 7, section 7).

Each test feeds generated files to ``typing-test`` in-process and checks the
contract: exit 0 with sound figures, or exit 2 with one line on stderr;
never an internal error. The generators lean on what a fuzzer found:
deep nesting, huge integers, non-finite and negative times, lone
surrogates (escaped, and encoded as bytes that are not UTF-8), byte-order
marks, line separators inside strings, and plain random bytes.
"""

from __future__ import annotations

import contextlib
import io
import json
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from typing_test.cli import main
from typing_test.core.email.drills import load_drills

FUZZ = settings(max_examples=200, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
PASSAGE = "Please send the signed form to the office by Friday."
CONTRACT_KEYS = {"gross_wpm", "net_wpm", "accuracy", "uncorrected_errors", "corrected_errors",
                 "kph", "duration_s", "passed", "flags"}


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def assert_clean_exit(code: int, err: str) -> None:
    """Exit 0, or exit 2 with exactly one error line; never an internal error."""
    assert "internal error" not in err and "Traceback" not in err, err
    assert code in (0, 2), (code, err)
    if code == 2:
        errors = [line for line in err.splitlines() if line.startswith("typing-test: error:")]
        assert len(errors) == 1 and err.endswith("\n"), err


def encode(text: str, how: str) -> bytes:
    """``text`` as file bytes: UTF-8, with a byte-order mark, or with lone
    surrogates written as their (invalid) three-byte forms."""
    if how == "bom":
        return b"\xef\xbb\xbf" + text.encode("utf-8", "surrogatepass")
    return text.encode("utf-8", "surrogatepass")


encodings = st.sampled_from(["utf-8", "bom"])
some_text = st.text(st.characters(codec=None), max_size=40)  # surrogates included
separators = st.sampled_from(["\n", "\r\n", "\u2028", "\u2029", "\u0085", "\n\n"])

# --- keystroke logs ---------------------------------------------------------------

times = st.one_of(
    st.integers(min_value=-5, max_value=400_000).map(str),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.sampled_from(["1e999", "-1e999", "Infinity", "-Infinity", "NaN", "-0", "1" * 5000,
                     "9" * 4301, "86400000", "86400001", "true", "null", '"5"', "[]"]),
)
keys = st.one_of(
    st.characters(codec=None).map(lambda c: json.dumps(c, ensure_ascii=False)),
    st.characters(codec=None).map(json.dumps),
    st.sampled_from(['"\\ud800"', '"\\udfff"', '"\\ud83d\\ude00"', '""', '"ab"',
                     '"Backspace"', '"backspace"', '"\u2028"', '"\u0085"', '"\\u0000"', "1",
                     "null", "[]", '"e\\u0301"']),
)
nesting = st.integers(min_value=0, max_value=3000).map(
    lambda depth: f', "x": {"[" * depth}{"]" * depth}')


@st.composite
def event_lines(draw) -> str:
    if draw(st.integers(0, 9)) == 0:
        return draw(some_text)  # a line that is not an event at all
    extra = draw(st.one_of(st.just(""), nesting))
    return f'{{"t": {draw(times)}, "key": {draw(keys)}{extra}}}'


@st.composite
def keystroke_files(draw) -> bytes:
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=200))
    lines = draw(st.lists(event_lines(), max_size=30))
    if draw(st.booleans()):  # a well-formed run first, so scoring itself is reached
        lines = [json.dumps({"t": i * 150, "key": k}) for i, k in
                 enumerate(PASSAGE[: draw(st.integers(0, len(PASSAGE)))])] + lines
    text = "".join(line + draw(separators) for line in lines)
    return encode(text, draw(encodings))


@FUZZ
@given(content=keystroke_files(), seconds=st.sampled_from([None, "0.5", "2", "60", "1e-9"]))
def test_fuzz_keystroke_logs(tmp_path, content, seconds):
    passage = tmp_path / "passage.txt"
    passage.write_text(PASSAGE, encoding="utf-8")
    log = tmp_path / "keys.jsonl"
    log.write_bytes(content)
    extra = ["--seconds", seconds] if seconds else []
    code, out, err = run("score", "--passage", str(passage), "--keystrokes", str(log),
                         "--json", *extra)
    assert_clean_exit(code, err)
    if code == 0:
        figures = json.loads(out)
        assert set(figures) == CONTRACT_KEYS
        assert all(math.isfinite(v) for k, v in figures.items() if k not in ("passed", "flags"))
        assert 0 <= figures["accuracy"] <= 100


# --- passage files ----------------------------------------------------------------

toml_values = st.one_of(
    some_text.map(lambda s: json.dumps(s, ensure_ascii=False)),
    st.sampled_from(['"policy"', '"easy"', '"hard"', "1" * 5000, "[" * 3000, "inf", "nan",
                     '"""\nmulti\nline"""', "{a = 1}", "1979-05-27", "true"]),
)


@st.composite
def passage_files(draw) -> tuple[str, bytes]:
    suffix = draw(st.sampled_from([".toml", ".txt"]))
    if suffix == ".txt" or draw(st.integers(0, 4)) == 0:
        text = draw(st.one_of(some_text, st.just(PASSAGE), st.binary(max_size=100).map(
            lambda b: b.decode("latin-1"))))
    else:
        fields = {"title": '"T"', "category": '"policy"', "difficulty": '"easy"',
                  "text": json.dumps(PASSAGE)}
        for key in draw(st.lists(st.sampled_from([*fields, "other"]), max_size=3)):
            fields[key] = draw(toml_values)
        text = "".join(f"{key} = {value}\n" for key, value in fields.items())
    return suffix, encode(text, draw(encodings))


@FUZZ
@given(passage=passage_files())
def test_fuzz_passage_files(tmp_path, passage):
    suffix, content = passage
    path = tmp_path / f"passage{suffix}"
    path.write_bytes(content)
    log = tmp_path / "keys.jsonl"
    log.write_text("".join(json.dumps({"t": i * 150, "key": k}) + "\n"
                           for i, k in enumerate(PASSAGE[:20])), encoding="utf-8")
    code, out, err = run("score", "--passage", str(path), "--keystrokes", str(log), "--json")
    assert_clean_exit(code, err)
    if code == 0:
        assert set(json.loads(out)) == CONTRACT_KEYS


# --- texts to check and drill answers ------------------------------------------------

words = st.one_of(
    st.sampled_from(["Dear", "Sam,", "recieve", "an", "refund", "they", "was", "the", "the",
                     "I", "i", "it's", "your", "you", "Regards,", "1.", "£25.00", "e-mail",
                     "\t", "\n", "\n\n", ".", ",", "...", "?!", "—", "«", "a" * 60]),
    st.text(st.characters(codec=None), min_size=1, max_size=12),
)


@st.composite
def emails(draw) -> bytes:
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=300))
    text = " ".join(draw(st.lists(words, max_size=80)))
    return encode(text, draw(encodings))


@FUZZ
@given(content=emails(), spelling=st.sampled_from(["both", "us", "uk"]),
       as_json=st.booleans())
def test_fuzz_text_files_to_check(tmp_path, content, spelling, as_json):
    path = tmp_path / "email.txt"
    path.write_bytes(content)
    code, out, err = run("check", str(path), "--spelling", spelling,
                         *(["--json"] if as_json else []))
    assert_clean_exit(code, err)
    if code == 0 and as_json:
        text = content.decode("utf-8-sig")
        for finding in json.loads(out):
            assert text[finding["start"]:finding["end"]] == finding["text"]


@pytest.fixture(scope="module")
def drills():
    """The drills, read once: the command reads them on every run (50 ms)."""
    drills = load_drills()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("typing_test.core.email.load_drills", lambda: drills)
        yield drills


@FUZZ
@given(content=emails(), which=st.sampled_from(["proofreading", "writing"]),
       as_json=st.booleans(), start=st.booleans())
def test_fuzz_drill_answers(tmp_path, drills, content, which, as_json, start):
    drill = next(iter(getattr(drills, which).values()))
    if start and which == "proofreading":  # an edit of the email, as a real answer is
        content = drill.text.encode() + content
    path = tmp_path / "answer.txt"
    path.write_bytes(content)
    code, out, err = run("drill", "grade", drill.id, str(path),
                         *(["--json"] if as_json else []))
    assert_clean_exit(code, err)
    if code == 0 and as_json:
        assert "score" in json.loads(out)


# --- arguments: names and ids as a shell passes them (bytes that may not be UTF-8) ---

arguments = st.one_of(st.text(st.characters(codec=None), min_size=1, max_size=20),
                      st.binary(min_size=1, max_size=20).filter(lambda b: b"\0" not in b)
                      .map(lambda b: b.decode("utf-8", "surrogateescape")))


@FUZZ
@given(candidate=arguments, drill_id=arguments)
def test_fuzz_names_and_ids(tmp_path, drills, candidate, drill_id):
    passage = tmp_path / "passage.txt"
    passage.write_text(PASSAGE, encoding="utf-8")
    log = tmp_path / "keys.jsonl"
    log.write_text('{"t": 0, "key": "P"}\n', encoding="utf-8")
    code, _, err = run("--db", str(tmp_path / "r.db"), "score", "--passage", str(passage),
                       "--keystrokes", str(log), "--save", "--candidate", candidate)
    assert_clean_exit(code, err)
    code, _, err = run("drill", "grade", drill_id, str(log))
    assert_clean_exit(code, err)
