"""The scoring rules, rule by rule, then as properties over random runs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from typing_test.core.typing.scoring import (
    PassBar,
    WordError,
    align_words,
    final_text,
    log_duration_s,
    score,
)

PASSAGE = "The invoice was paid on time and the account is now closed for the year."


def typed(text: str, step_ms: int = 200) -> list[dict]:
    """A log that types ``text`` with no mistakes, one key every ``step_ms``."""
    return [{"t": index * step_ms, "key": key} for index, key in enumerate(text)]


def with_keys(keys: list[str], step_ms: int = 200) -> list[dict]:
    return [{"t": index * step_ms, "key": key} for index, key in enumerate(keys)]


def test_final_text_applies_backspace_and_ignores_it_on_empty_text():
    assert final_text(with_keys(["Backspace", "a", "b", "Backspace", "c"])) == "ac"


def test_perfect_run_has_no_errors_and_full_accuracy():
    result = score(PASSAGE, typed(PASSAGE), 60.0)
    assert result.uncorrected_errors == 0
    assert result.corrected_errors == 0
    assert result.accuracy == 100.0
    assert result.gross_wpm == pytest.approx(len(PASSAGE) / 5)
    assert result.net_wpm == result.gross_wpm
    assert result.kph == pytest.approx(len(PASSAGE) * 60)


def test_gross_and_net_wpm_follow_the_formulas():
    # 30 seconds; "The invoice wax paid " has one wrong word.
    result = score(PASSAGE, typed("The invoice wax paid "), 30.0)
    assert result.gross_wpm == pytest.approx(21 / 5 / 0.5)
    assert result.uncorrected_errors == 1
    assert result.net_wpm == pytest.approx(21 / 5 / 0.5 - 1 / 0.5)
    assert result.word_errors == (WordError("wax", "was"),)


def test_one_skipped_word_costs_one_error_not_every_word_after_it():
    result = score(PASSAGE, typed("The invoice paid on time and the account"), 60.0)
    assert result.uncorrected_errors == 1
    assert result.word_errors == (WordError("", "was"),)


def test_an_extra_word_costs_one_error():
    assert align_words("The big invoice was", PASSAGE) == [WordError("big", "")]


def test_last_word_cut_mid_word_is_not_an_error():
    assert score(PASSAGE, typed("The invoice was pa"), 60.0).uncorrected_errors == 0


def test_last_word_wrong_mid_word_is_an_error():
    assert score(PASSAGE, typed("The invoice was px"), 60.0).uncorrected_errors == 1


def test_a_finished_word_that_is_only_a_prefix_is_an_error():
    assert score(PASSAGE, typed("The invoice was pa "), 60.0).uncorrected_errors == 1


def test_accuracy_counts_corrected_mistakes():
    # T, x (wrong), Backspace, h, e: 4 character keystrokes, 3 right.
    result = score(PASSAGE, with_keys(["T", "x", "Backspace", "h", "e"]), 10.0)
    assert result.accuracy == pytest.approx(75.0)
    assert result.corrected_errors == 1
    assert result.uncorrected_errors == 0
    assert result.backspaces == 1


def test_a_correct_keystroke_removed_is_not_a_corrected_error():
    result = score(PASSAGE, with_keys(["T", "h", "Backspace", "h"]), 10.0)
    assert result.corrected_errors == 0
    assert result.accuracy == 100.0


def test_keystrokes_past_the_end_of_the_passage_are_wrong():
    result = score("ab", with_keys(["a", "b", "c"]), 10.0)
    assert result.accuracy == pytest.approx(200 / 3)


def test_kph_excludes_backspace():
    result = score(PASSAGE, with_keys(["T", "x", "Backspace"]), 3.6)
    assert result.kph == pytest.approx(2 * 1000)


@pytest.mark.parametrize("duration", [0.0, -5.0])
def test_zero_duration_gives_zeros(duration):
    result = score(PASSAGE, typed("The"), duration)
    assert (result.gross_wpm, result.net_wpm, result.kph) == (0.0, 0.0, 0.0)


def test_empty_log_gives_zeros():
    result = score(PASSAGE, [], 60.0)
    assert result.as_json() == {
        "gross_wpm": 0.0, "net_wpm": 0.0, "accuracy": 0.0, "uncorrected_errors": 0,
        "corrected_errors": 0, "kph": 0.0, "duration_s": 60.0, "passed": False,
    }
    assert log_duration_s([]) == 0.0


def test_empty_passage_does_not_raise():
    result = score("", typed("abc"), 10.0)
    assert result.accuracy == 0.0
    assert result.uncorrected_errors == 1


def test_net_wpm_never_goes_below_zero():
    assert score(PASSAGE, typed("x y z q w e r t "), 60.0).net_wpm == 0.0


def test_pass_bar_needs_both_speed_and_accuracy():
    fast_sloppy = score("aaaaaaaaaa", with_keys(list("aaaaaaaab") + ["a"], 10), 1.2)
    assert fast_sloppy.accuracy == 90.0
    assert fast_sloppy.passed(PassBar(25, 90))
    assert not fast_sloppy.passed(PassBar(25, 91))
    assert not fast_sloppy.passed(PassBar(fast_sloppy.net_wpm + 1, 90))


def test_forty_skipped_words_in_a_row_cost_forty_errors():
    passage = " ".join(f"w{i}" for i in range(200))
    # The candidate lost their place and jumped ahead 40 words.
    text = " ".join(f"w{i}" for i in range(40, 120)) + " "
    errors = align_words(text, passage)
    assert len(errors) == 40
    assert all(error.typed == "" for error in errors)


def test_unicode_and_composed_characters_are_one_keystroke():
    passage = "Café déjà vu"
    result = score(passage, typed(passage), 6.0)
    assert result.accuracy == 100.0
    assert result.char_keystrokes == len(passage)


# Properties -----------------------------------------------------------------

words = st.text(alphabet="abcdefghij", min_size=1, max_size=8)
passages = st.lists(words, min_size=3, max_size=40).map(" ".join)
keys = st.one_of(st.sampled_from(["Backspace"]), st.characters(min_codepoint=32,
                                                              max_codepoint=0x2FF))


@given(passage=passages, seconds=st.floats(min_value=1, max_value=600))
def test_property_perfect_run_is_perfect(passage, seconds):
    result = score(passage, typed(passage), seconds)
    assert result.uncorrected_errors == 0
    assert result.accuracy == 100.0
    assert result.net_wpm == pytest.approx(result.gross_wpm)


@given(passage=passages, log=st.lists(keys, max_size=200),
       seconds=st.floats(min_value=0, max_value=600))
def test_property_figures_stay_in_range(passage, log, seconds):
    result = score(passage, with_keys(log), seconds)
    assert 0.0 <= result.accuracy <= 100.0
    assert 0.0 <= result.net_wpm <= result.gross_wpm or result.gross_wpm == 0.0
    assert result.uncorrected_errors >= 0 and result.corrected_errors >= 0
    assert result.kph >= 0.0


@settings(max_examples=200)
@given(passage=passages, data=st.data(), seconds=st.floats(min_value=1, max_value=600))
def test_property_making_a_word_wrong_never_raises_net_wpm(passage, data, seconds):
    passage_words = passage.split()
    count = data.draw(st.integers(min_value=1, max_value=len(passage_words)))
    right = passage_words[:count]
    index = data.draw(st.integers(min_value=0, max_value=count - 1))
    # The same number of keystrokes, one word wrong: only the error changes.
    wrong = list(right)
    wrong[index] = "z" * len(right[index])
    before = score(passage, typed(" ".join(right) + " "), seconds)
    after = score(passage, typed(" ".join(wrong) + " "), seconds)
    assert after.net_wpm <= before.net_wpm
    assert after.uncorrected_errors == before.uncorrected_errors + 1


@settings(max_examples=200)
@given(passage=passages, data=st.data(), seconds=st.floats(min_value=1, max_value=600),
       extra=st.text(alphabet="xyz", min_size=1, max_size=4))
def test_property_adding_a_wrong_word_never_raises_net_wpm(passage, data, seconds, extra):
    # A wrong word of up to 4 letters plus its space is at most one standard
    # 5-keystroke word of gross speed, and costs one error: net cannot rise.
    # (A longer one adds more gross than the one-error penalty; the accuracy
    # bar is what keeps such a run from passing. See the README.)
    passage_words = passage.split()
    count = data.draw(st.integers(min_value=1, max_value=len(passage_words)))
    text = " ".join(passage_words[:count]) + " "
    before = score(passage, typed(text), seconds)
    after = score(passage, typed(text + extra + " "), seconds)
    assert after.net_wpm <= before.net_wpm + 1e-9


def joins(whole: str, left: str, right: str) -> bool:
    return whole == left + right or (
        len(whole) == len(left) + len(right) + 1
        and whole.startswith(left) and whole.endswith(right))


def reference_error_count(typed: str, passage: str) -> int:
    """The rule as written, by the full O(n*m) table: min over leading runs,
    with a space-bar slip (two passage words typed as one, or one as two)
    costing one error."""
    a, b = typed.split(), passage.split()
    if not a:
        return 0
    mid_word = not typed[-1].isspace()
    table = [list(range(len(b) + 1))]
    for i, word in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, target in enumerate(b, start=1):
            same = word == target or (mid_word and i == len(a) and target.startswith(word))
            options = [table[i - 1][j] + 1, current[j - 1] + 1,
                       table[i - 1][j - 1] + (0 if same else 1)]
            if j >= 2 and joins(word, b[j - 2], target):
                options.append(table[i - 1][j - 2] + 1)
            if i >= 2 and joins(target, a[i - 2], word):
                options.append(table[i - 2][j - 1] + 1)
            current[j] = min(options)
        table.append(current)
    return min(table[-1])


@settings(max_examples=400)
@given(passage=passages, typed_words=st.lists(words, max_size=30),
       trailing=st.sampled_from(["", " "]))
def test_property_error_count_matches_the_full_table(passage, typed_words, trailing):
    text = " ".join(typed_words) + trailing
    assert len(align_words(text, passage)) == reference_error_count(text, passage)


@settings(max_examples=400)
@given(passage=passages, data=st.data(), trailing=st.sampled_from(["", " "]))
def test_property_space_slips_match_the_full_table(passage, data, trailing):
    # Start from the passage and slip the space bar (two words run together,
    # or a space typed inside a word), then make a few other errors.
    typed_words = passage.split()
    for _ in range(data.draw(st.integers(min_value=1, max_value=4))):
        i = data.draw(st.integers(min_value=0, max_value=len(typed_words) - 1))
        word = typed_words[i]
        if data.draw(st.booleans()) and i + 1 < len(typed_words):
            glue = data.draw(st.sampled_from(["", "z"]))
            typed_words[i:i + 2] = [word + glue + typed_words[i + 1]]
        elif len(word) >= 2:
            cut = data.draw(st.integers(min_value=1, max_value=len(word) - 1))
            rest = word[cut + 1:] if data.draw(st.booleans()) else word[cut:]
            typed_words[i:i + 1] = [word[:cut], rest] if rest else [word[:cut]]
    for _ in range(data.draw(st.integers(min_value=0, max_value=3))):
        i = data.draw(st.integers(min_value=0, max_value=len(typed_words) - 1))
        typed_words[i] = data.draw(words)
    text = " ".join(typed_words) + trailing
    assert len(align_words(text, passage)) == reference_error_count(text, passage)
