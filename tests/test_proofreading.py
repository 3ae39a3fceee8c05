"""Grading a proofreading answer: fixed, missed and introduced mistakes."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from typing_test.core.email.drills import ProofreadingDrill, load_drills, load_proofreading_drill
from typing_test.core.email.proofreading import ProofreadingResult, grade_answer
from typing_test.core.email.tokens import comparison_keys, tokenize

SAMPLE = '''
id = "sample"
title = "Sample drill"
difficulty = "easy"
text = """
Dear Ana,

Thank you for your email. We {{recieve|receive}} many requests every day,
and {{its|it's|it is}} our job to answer them.
Please {{sned|send}} us the form by {{monday|Monday}}. This is {{teh|the}} last step.

Kind regards,
Ben
"""

[[mistakes]]
kind = "spelling"
reason = "i before e"

[[mistakes]]
kind = "word-choice"
reason = "it is"

[[mistakes]]
kind = "spelling"
reason = "send"

[[mistakes]]
kind = "capitalisation"
reason = "days"

[[mistakes]]
kind = "spelling"
reason = "the"
'''


@pytest.fixture
def drill(tmp_path: Path) -> ProofreadingDrill:
    path = tmp_path / "sample.toml"
    path.write_text(SAMPLE, encoding="utf-8")
    return load_proofreading_drill(path)


def check_spans(result: ProofreadingResult, drill: ProofreadingDrill, answer: str) -> None:
    """Every span's offsets point at its text in the answer and in the original."""
    for span in result.fixed + result.missed + result.introduced:
        assert 0 <= span.start <= span.end <= len(answer)
        assert answer[span.start : span.end] == span.found
        assert 0 <= span.original_start <= span.original_end <= len(drill.text)
    for span in result.fixed + result.missed:
        assert drill.text[span.original_start : span.original_end] in {
            m.mistake for m in drill.mistakes
        }
    for span in result.introduced:
        assert drill.text[span.original_start : span.original_end] == span.expected
    assert len(result.fixed) + len(result.missed) == result.seeded == len(drill.mistakes)


def grade(drill: ProofreadingDrill, answer: str) -> ProofreadingResult:
    result = grade_answer(drill, answer)
    check_spans(result, drill, answer)
    return result


def test_perfect_answer_scores_100(drill):
    result = grade(drill, drill.reference)
    assert result.score == 100
    assert [s.found for s in result.fixed] == ["receive", "it's", "send", "Monday", "the"]
    assert result.missed == () and result.introduced == ()


def test_untouched_text_scores_0(drill):
    result = grade(drill, drill.text)
    assert result.score == 0
    assert result.fixed == () and result.introduced == ()
    assert [s.found for s in result.missed] == ["recieve", "its", "sned", "monday", "teh"]
    assert [s.expected for s in result.missed] == ["receive", "it's", "send", "Monday", "the"]
    assert result.missed[0].reason == "i before e"
    assert result.missed[1].accepted == ("it's", "it is")


def test_alternative_correction_counts_as_fixed(drill):
    result = grade(drill, drill.reference.replace("it's", "it is"))
    assert result.score == 100
    assert result.fixed[1].found == "it is"


def test_wrong_correction_is_missed(drill):
    result = grade(drill, drill.reference.replace("Monday", "MONDAY"))
    assert result.score == 80
    assert [(s.found, s.expected) for s in result.missed] == [("MONDAY", "Monday")]
    assert result.introduced == ()


def test_partial_fix_scores_the_share_fixed(drill):
    answer = drill.text.replace("recieve", "receive").replace("sned", "send")
    result = grade(drill, answer)
    assert result.score == 40
    assert len(result.fixed) == 2 and len(result.missed) == 3


def test_rewording_a_correct_sentence_is_introduced(drill):
    answer = drill.reference.replace("Thank you for your email.", "Many thanks!")
    result = grade(drill, answer)
    assert len(result.fixed) == 5
    assert [(s.expected, s.found) for s in result.introduced] == [
        ("Thank you for your email.", "Many thanks!")
    ]
    assert result.introduced[0].kind == "introduced"
    assert result.introduced[0].reason == "Changed text that was already correct."
    assert result.score == 80


def test_two_separate_rewordings_count_twice(drill):
    answer = drill.reference.replace("many", "lots of").replace("every day", "daily")
    result = grade(drill, answer)
    assert [(s.expected, s.found) for s in result.introduced] == [
        ("many", "lots of"),
        ("every day", "daily"),
    ]
    assert result.score == 60


def test_fix_with_an_edit_next_to_it(drill):
    result = grade(drill, drill.text.replace("sned us", "send me"))
    assert [s.found for s in result.fixed] == ["send"]
    assert [(s.expected, s.found) for s in result.introduced] == [("us", "me")]
    assert result.score == 0  # (1 fixed - 1 introduced) / 5


def test_wrong_fix_with_an_edit_next_to_it(drill):
    result = grade(drill, drill.text.replace("recieve many", "get lots of"))
    assert result.missed[0].found == "get"
    assert [(s.expected, s.found) for s in result.introduced] == [("many", "lots of")]


def test_word_added_next_to_a_fixed_mistake(drill):
    answer = drill.reference.replace("by Monday", "by next Monday")
    result = grade(drill, answer)
    assert len(result.fixed) == 5
    assert [(s.expected, s.found) for s in result.introduced] == [("", "next")]
    assert result.introduced[0].reason.startswith("Added")


def test_word_added_next_to_a_mistake_left_as_it_was(drill):
    result = grade(drill, drill.text.replace("by monday", "by next monday"))
    assert result.missed[3].found == "monday"
    assert [(s.expected, s.found) for s in result.introduced] == [("", "next")]


def test_one_edit_over_a_mistake_and_its_neighbour_is_just_a_miss(drill):
    # The candidate tried to fix "sned" and rewrote the word after it too.
    result = grade(drill, drill.text.replace("sned us", "mail to us"))
    assert result.missed[2].found in {"mail to", "mail to us"}
    assert result.introduced == ()


def test_deleting_a_sentence_with_a_mistake(drill):
    answer = drill.reference.replace(" This is the last step.", "")
    result = grade(drill, answer)
    assert [s.expected for s in result.missed] == ["the"]
    assert result.missed[0].found == ""
    # One deletion is one introduced mistake, even though it spans the slot.
    assert len(result.introduced) == 1
    # Either full stop may go with the deleted sentence; both are the same edit.
    assert result.introduced[0].expected.strip(". ") == "This is teh last step"
    assert result.introduced[0].found == ""
    assert result.introduced[0].reason.startswith("Deleted")
    assert result.score == 60


def test_empty_answer(drill):
    for answer in ("", "   \n\n "):
        result = grade(drill, answer)
        assert result.score == 0
        assert result.fixed == ()
        assert all(s.found == "" for s in result.missed)
        assert len(result.introduced) == 1


def test_crlf_line_endings_and_trailing_spaces_do_not_count(drill):
    answer = drill.reference.replace("\n", "  \r\n") + "\r\n"
    result = grade(drill, answer)
    assert result.score == 100 and result.introduced == ()
    # Offsets refer to the answer exactly as given, CRLF included.
    assert answer[result.fixed[-1].start : result.fixed[-1].end] == "the"


def test_doubled_spaces_and_rewrapped_lines_do_not_count(drill):
    answer = drill.reference.replace("many requests", "many  requests")
    answer = answer.replace("every day,\nand", "every day, and").replace("the form", "the\nform")
    assert answer != drill.reference
    result = grade(drill, "\n\n\t" + answer)
    assert result.score == 100 and result.introduced == ()


def test_removing_a_space_between_words_counts(drill):
    result = grade(drill, drill.reference.replace("Thank you", "Thankyou"))
    assert [(s.expected, s.found) for s in result.introduced] == [("Thank you", "Thankyou")]


def test_space_before_a_comma_counts(drill):
    result = grade(drill, drill.reference.replace("Dear Ana,", "Dear Ana ,"))
    assert len(result.introduced) == 1


def test_curly_apostrophe_is_accepted(drill):
    assert grade(drill, drill.reference.replace("it's", "it\u2019s")).score == 100


def test_unicode_in_the_answer(drill):
    result = grade(drill, drill.reference.replace("Dear Ana", "Dear Ana\u00efs"))
    assert [(s.expected, s.found) for s in result.introduced] == [("Ana", "Ana\u00efs")]
    # The same letters in decomposed form (NFD) are the same text.
    composed = drill.reference.replace("Ana", "Jos\u00e9")
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert [s.found for s in grade(drill, decomposed).introduced] == ["Jose\u0301"]
    assert [s.found for s in grade(drill, composed).introduced] == ["Jos\u00e9"]


def test_unicode_in_the_drill(tmp_path):
    text = "Estimada Mar\u00eda,\\n\\n{{Gracais|Gracias}} por su {{mesaje|mensaje}}"
    text += " de {{ayer|ayer.}} {{Le|Les}} escribo {{hoy|hoy.}} Saludos, Jos\u00e9"
    tables = "".join(f'[[mistakes]]\nkind = "spelling"\nreason = "r{n}"\n' for n in range(5))
    path = tmp_path / "es.toml"
    path.write_text(
        f'id = "es"\ntitle = "T"\ndifficulty = "easy"\ntext = "{text}"\n{tables}', encoding="utf-8"
    )
    drill = load_proofreading_drill(path)
    assert drill.mistakes[0].mistake == "Gracais"
    nfd = unicodedata.normalize("NFD", drill.reference)
    assert grade(drill, nfd).score == 100


def test_score_is_floored_at_zero(drill):
    answer = drill.text.replace("Dear", "Hi").replace("Thank you", "Thanks").replace("Ben", "B.")
    result = grade(drill, answer)
    assert len(result.introduced) == 3
    assert result.score == 0


def test_rewritten_email_is_graded_quickly_and_sanely(drill):
    # A long replacement exercises the path that limits boundary positions.
    filler = " ".join(f"word{n}" for n in range(200))
    answer = drill.text.replace("Thank you for your email.", filler).replace("teh", "the")
    result = grade(drill, answer)
    assert [s.found for s in result.fixed] == ["the"]
    assert len(result.introduced) == 1


def test_as_json(drill):
    answer = drill.reference.replace("many", "lots of").replace("Monday", "monday")
    data = grade(drill, answer).as_json()
    json.dumps(data)
    assert set(data) >= {"score", "fixed", "missed", "introduced"}
    assert data["score"] == 60
    for key in ("fixed", "missed", "introduced"):
        for item in data[key]:
            assert set(item) >= {
                "start",
                "end",
                "original_start",
                "original_end",
                "expected",
                "found",
                "reason",
            }
    assert data["missed"][0]["found"] == "monday"
    assert data["missed"][0]["expected"] == "Monday"
    assert data["introduced"][0]["expected"] == "many"


def test_tokenize_keeps_offsets_and_notes_whitespace():
    text = "\n Hello,  world\u2019s\r\n"
    tokens = tokenize(text)
    assert [t.key for t in tokens] == ["Hello", ",", " world", "'", "s"]
    assert [text[t.start : t.end] for t in tokens] == ["Hello", ",", "world", "\u2019", "s"]
    assert comparison_keys("a\tb") == comparison_keys("a \n b")
    assert comparison_keys("ab") != comparison_keys("a b")
    assert comparison_keys("a ,") != comparison_keys("a,")


BUNDLED = load_drills()


@pytest.mark.parametrize("drill_id", sorted(BUNDLED.proofreading))
def test_bundled_reference_and_every_alternative(drill_id):
    drill = BUNDLED.proofreading[drill_id]
    assert grade(drill, drill.reference).score == 100
    assert grade(drill, drill.text).score == 0
    for number, mistake in enumerate(drill.mistakes):
        for correction in mistake.corrections:
            answer = drill.text[: mistake.start] + correction + drill.text[mistake.end :]
            result = grade(drill, answer)
            assert [s.original_start for s in result.fixed] == [mistake.start], (number, correction)
            assert result.introduced == ()


@settings(derandomize=True, max_examples=60, deadline=None)
@given(data=st.data())
def test_any_mix_of_fixes_scores_exactly(data):
    drill = data.draw(st.sampled_from(sorted(BUNDLED.proofreading.values(), key=lambda d: d.id)))
    choices = [
        data.draw(st.sampled_from((None, *m.corrections)), label=f"mistake {n}")
        for n, m in enumerate(drill.mistakes)
    ]
    answer, position = [], 0
    for mistake, choice in zip(drill.mistakes, choices, strict=True):
        answer.append(drill.text[position : mistake.start])
        answer.append(mistake.mistake if choice is None else choice)
        position = mistake.end
    answer.append(drill.text[position:])
    result = grade(drill, "".join(answer))
    fixed = sum(choice is not None for choice in choices)
    assert len(result.fixed) == fixed
    assert result.introduced == ()
    assert result.score == round(fixed / len(drill.mistakes) * 100, 1)


@settings(derandomize=True, max_examples=60, deadline=None)
@given(data=st.data())
def test_each_edit_to_correct_text_counts_once(data):
    """Edits to correct words, away from the mistakes and each other, are each one introduced."""
    drill = data.draw(st.sampled_from(sorted(BUNDLED.proofreading.values(), key=lambda d: d.id)))
    tokens = tokenize(drill.text)
    near_a_mistake = {
        i + step
        for i, t in enumerate(tokens)
        for m in drill.mistakes
        if m.start <= t.start < m.end
        for step in (-1, 0, 1)
    }
    free = [i for i in range(len(tokens)) if i not in near_a_mistake]
    wanted = data.draw(st.lists(st.sampled_from(free), min_size=1, max_size=4, unique=True))
    chosen = [i for n, i in enumerate(wanted) if all(abs(i - j) > 2 for j in wanted[:n])]
    edits = []
    for i in chosen:
        how = data.draw(st.sampled_from(("replace", "delete", "insert")))
        token = tokens[i]
        if how == "replace":
            edits.append((token.start, token.end, "zzz"))
        elif how == "delete":
            edits.append((token.start, token.end, ""))
        else:
            edits.append((token.start, token.start, "qqq "))
    answer = drill.text
    for start, end, replacement in sorted(edits, reverse=True):
        answer = answer[:start] + replacement + answer[end:]
    result = grade(drill, answer)
    assert len(result.introduced) == len(chosen)
    assert result.fixed == ()
