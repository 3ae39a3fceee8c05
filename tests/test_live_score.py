"""The live net WPM: the same figure the scoring rules give, at bounded cost."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from typing_test.core.typing import live
from typing_test.core.typing.live import LiveNetWpm
from typing_test.core.typing.passages import load_passages
from typing_test.core.typing.scoring import BACKSPACE, score

PASSAGE = "\n".join(p.text for p in load_passages()[0])[:5000]


def keys_of(text: str, rng: random.Random, wrong_words: float, slips: float) -> list[str]:
    """A typist: some words left wrong, some skipped or followed by an extra
    word, some typos corrected with Backspace."""
    keys: list[str] = []
    for word in text.split(" "):
        roll = rng.random()
        if roll < slips / 2:
            continue
        if roll < slips:
            keys += list("qx ")
        if rng.random() < wrong_words and len(word) > 1:
            at = rng.randrange(len(word))
            word = word[:at] + "#" + word[at + 1 :]
        for character in word + " ":
            if rng.random() < 0.02:
                keys += ["z", BACKSPACE]
            keys.append(character)
    return keys


def full_errors(keys: list[str]) -> int:
    log = [{"t": index, "key": key} for index, key in enumerate(keys)]
    return score(PASSAGE, log, 60).uncorrected_errors


def test_a_clean_run_has_no_errors_at_any_point():
    live_score = LiveNetWpm(PASSAGE)
    for key in PASSAGE[:800]:
        live_score.press(key)
        assert live_score.word_errors() == 0


@settings(max_examples=12, deadline=None)
@given(seed=st.integers(0, 10_000), wrong_words=st.sampled_from([0.01, 0.08, 0.2]))
def test_the_live_count_is_the_scored_count_as_the_test_goes(seed, wrong_words):
    keys = keys_of(PASSAGE[:1500], random.Random(seed), wrong_words, slips=0.02)
    live_score = LiveNetWpm(PASSAGE)
    for index, key in enumerate(keys, start=1):
        live_score.press(key)
        if index % 97 == 0 or index == len(keys):
            assert live_score.word_errors() == full_errors(keys[:index])


def test_backspace_past_settled_words_unsettles_them():
    live_score = LiveNetWpm("one two three four five six seven")
    typed = "one twx three four five six "
    for key in typed:
        live_score.press(key)
    assert live_score.word_errors() == 1
    for _ in typed:
        live_score.press(BACKSPACE)
    assert live_score.word_errors() == 0
    for key in "one two three ":
        live_score.press(key)
    assert live_score.word_errors() == 0


def test_garbage_never_keeps_more_than_a_bounded_number_of_words_open(monkeypatch):
    aligned_sizes = []
    real_alignment = live.word_alignment

    def recording(typed, expected, mid_word):
        aligned_sizes.append(len(typed))
        return real_alignment(typed, expected, mid_word)

    monkeypatch.setattr(live, "word_alignment", recording)
    live_score = LiveNetWpm(PASSAGE)
    rng = random.Random(3)
    for index in range(2000):
        live_score.press(rng.choice("qwxz "))
        if index % 10 == 0:  # the page asks four times a second, not every key
            live_score.word_errors()
    # At most the open limit plus the words ten keys can add between two updates.
    assert max(aligned_sizes) <= live.MAX_OPEN_WORDS + 10
    assert live_score.net_wpm(seconds=60) >= 0.0
