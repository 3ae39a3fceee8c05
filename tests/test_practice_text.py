"""Practice rounds aimed at weak keys and pairs (core/practice/practice_text.py)."""

from __future__ import annotations

import re

from typing_test.core.practice.keystats import key_stats
from typing_test.core.practice.practice_text import (
    WeakSpots,
    common_words,
    practice_text,
    weak_spots,
)


def test_a_round_drills_the_weak_letters_far_more_than_plain_text_does():
    plain = " ".join(practice_text(WeakSpots(), seed, 50) for seed in range(20))
    aimed = " ".join(practice_text(WeakSpots(keys=("v",), pairs=("ck",)), seed, 50)
                     for seed in range(20))
    assert aimed.count("v") > 4 * max(1, plain.count("v"))
    assert aimed.count("ck") > 4 * max(1, plain.count("ck"))


def test_every_word_is_a_real_word_number_or_word_with_its_mark():
    vocabulary = set(common_words())
    spots = WeakSpots(keys=("x", "3", ";", "(", "?"), pairs=("ou",))
    text = practice_text(spots, seed=5, words=60)
    assert len(text.split()) == 60
    numbers = [w for w in text.split() if re.fullmatch(r"[\d.,]+", w)]
    assert numbers and all(re.fullmatch(r"\d{1,3}(\.\d\d)?|\d,\d{3}", n) for n in numbers)
    assert any("3" in n for n in numbers)
    words = [re.sub(r"^\(|\)?[;?]?$|\)$", "", w).rstrip(";?)") for w in text.split()
             if w not in numbers]
    assert {w.lower() for w in words} <= vocabulary
    assert ";" in text and "(" in text and "?" in text


def test_a_sentence_mark_capitalises_the_next_word_and_the_text_is_fixed_by_its_seed():
    spots = WeakSpots(keys=("?",))
    text = practice_text(spots, seed=2, words=100)
    after = re.findall(r"\? (\S)", text)
    assert after and all(letter.isupper() for letter in after)
    assert text[0].isupper()
    assert practice_text(spots, seed=2, words=100) == text != practice_text(spots, 3, 100)


def test_weak_spots_come_from_the_statistics():
    passage = "the quick brown fox jumps over the lazy dog " * 10
    log, t, js = [], 0, 0
    for character in passage:
        t += 300 if character == "k" else 100  # "ck" is slow
        js += character == "j"
        wrong = character == "z" or (character == "j" and js % 2)
        log.append({"t": t, "key": "#" if wrong else character})
    spots = weak_spots(key_stats([(passage, log)]), count=3)
    assert spots.keys[0] == "z" and "j" in spots.keys
    assert "ck" in spots.pairs and all(pair.isalpha() for pair in spots.pairs)
    assert "z" in practice_text(spots, seed=1, words=40)
