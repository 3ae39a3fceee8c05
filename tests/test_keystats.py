"""Key and bigram statistics from keystroke logs (core/practice/keystats.py)."""

from __future__ import annotations

import json
import random
import statistics
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from typing_test.core.practice.keystats import (
    _median,
    attempt_tally,
    fold_key,
    key_stats,
    key_stats_from_tallies,
)
from typing_test.core.typing.scoring import BACKSPACE, keystroke_is_correct


def plain_key_stats(attempts):
    """The rules of the module docstring, one keystroke at a time: the
    reference the quick version must agree with."""
    counts = {}  # name -> [attempts, errors, times]
    for passage, events in attempts:
        typed = 0
        previous_ok, previous_t = False, 0
        for event in events:
            if event["key"] == BACKSPACE:
                typed = max(0, typed - 1)
                previous_ok = False
                continue
            position, typed = typed, typed + 1
            if position >= len(passage):
                previous_ok = False
                continue
            ok = keystroke_is_correct(passage, position, event["key"])
            names = [fold_key(passage[position])]
            if position and not {passage[position - 1], passage[position]} & {" ", "\n"}:
                names.append("pair " + fold_key(passage[position - 1]) + names[0])
            for name in names:
                entry = counts.setdefault(name, [0, 0, []])
                entry[0] += 1
                entry[1] += not ok
                if ok and previous_ok:
                    entry[2].append(event["t"] - previous_t)
            previous_ok, previous_t = ok, event["t"]
    return counts


def random_log(rng: random.Random, passage: str) -> list[dict]:
    """Right keys, wrong keys (case slips, neighbours, Enter for Space),
    Backspaces (some on an empty text) and keys typed past the end."""
    log, t, typed = [], 0, 0
    while len(log) < 400:
        t += rng.randint(20, 600)
        roll = rng.random()
        if roll < 0.12:
            log.append({"t": t, "key": BACKSPACE})
            typed = max(0, typed - 1)
            continue
        expected = passage[typed] if typed < len(passage) else "x"
        if roll < 0.2:
            key = rng.choice(["q", expected.upper(), "\n", " ", "É"])
        else:
            key = "\n" if expected == " " and rng.random() < 0.1 else expected
        log.append({"t": t, "key": key})
        typed += 1
    return log


def test_the_quick_count_agrees_with_the_plain_rules_on_random_logs():
    rng = random.Random(11)
    passages = ["The quick brown Fox, 42 times.\nJumps over the lazy dog!",
                "İstanbul ist groß", "a b", "x" * 30]
    attempts = [(passage, random_log(rng, passage)) for passage in passages for _ in range(5)]
    stats = key_stats(attempts, last=len(attempts))
    reference = plain_key_stats(attempts)
    got = {name: (s.attempts, s.errors, s.median_ms) for name, s in stats.keys.items()}
    got |= {"pair " + name: (s.attempts, s.errors, s.median_ms)
            for name, s in stats.bigrams.items()}
    want = {name: (n, errors, float(statistics.median(times)) if times else None)
            for name, (n, errors, times) in reference.items()}
    assert got == want
    assert any(s.errors for s in stats.keys.values()) and stats.bigrams


def test_only_the_last_attempts_count_and_wrong_case_is_an_error_on_that_key():
    old = ("aaaa", [{"t": i * 100, "key": "b"} for i in range(4)])
    new = ("Abc", [{"t": 0, "key": "a"}, {"t": 200, "key": "b"}, {"t": 330, "key": "c"}])
    stats = key_stats([old, new], last=1)
    assert stats.attempts_used == 1
    assert (stats.keys["a"].attempts, stats.keys["a"].errors) == (1, 1)
    # "b" follows a wrong key: not timed; "c" follows a right one: 130 ms.
    assert stats.keys["b"].median_ms is None and stats.keys["c"].median_ms == 130.0
    assert key_stats([old, new], last=2).keys["a"].errors == 5
    assert key_stats([old, new], last=0).keys == {}


def test_weakest_keys_need_enough_attempts_and_slowest_bigrams_enough_times():
    passage = "abab " * 20 + "zz"
    log, t = [], 0
    for index, character in enumerate(passage):
        t += 400 if character == "b" else 100
        wrong = character == "a" and index % 10 == 0 or character == "z"
        log.append({"t": t, "key": "q" if wrong else character})
    stats = key_stats([(passage, log)])
    # "z" is wrong every time but typed twice: too few to judge.
    assert stats.weakest_keys(min_attempts=10) == ["a"]
    assert stats.keys["a"].error_rate == 0.25
    assert stats.slowest_bigrams(2) == ["ab", "ba"]
    assert stats.bigrams["ab"].median_ms == 400.0


@given(st.lists(st.integers(min_value=0, max_value=3000) | st.floats(
    min_value=0, max_value=1e6, allow_nan=False), min_size=1, max_size=400))
def test_the_median_of_counted_times_is_the_median(values):
    assert _median(Counter(values)) == statistics.median(values)


def test_kept_tallies_add_up_to_the_figures_of_the_logs_in_any_grouping():
    rng = random.Random(5)
    passage = "the quick brown fox jumps over the lazy dog. " * 12
    attempts = [(passage, random_log(rng, passage)) for _ in range(30)]
    tallies = [attempt_tally(*attempt) for attempt in attempts]
    # Through JSON, as a store could keep them.
    tallies = [json.loads(json.dumps(tally)) for tally in tallies]
    assert key_stats_from_tallies(tallies) == key_stats(attempts, last=30)
    stats = key_stats_from_tallies(tallies)
    assert stats.keys["e"].timed > 64  # the long-list median is exercised


def test_times_come_from_the_newest_attempts_and_errors_from_all(monkeypatch):
    slow = ("ab", [{"t": 0, "key": "a"}, {"t": 900, "key": "b"}])
    quick_but_wrong = ("ab", [{"t": 0, "key": "x"}, {"t": 1, "key": "a"},
                              {"t": 2, "key": "Backspace"}, {"t": 3, "key": "Backspace"},
                              {"t": 4, "key": "a"}, {"t": 104, "key": "b"}])
    monkeypatch.setattr("typing_test.core.practice.keystats.TIMED_ATTEMPTS", 1)
    stats = key_stats([slow, quick_but_wrong], last=2)
    assert stats.keys["a"].errors == 1 and stats.keys["a"].attempts == 3
    assert stats.bigrams["ab"].median_ms == 100.0 and stats.bigrams["ab"].timed == 1
    monkeypatch.setattr("typing_test.core.practice.keystats.TIMED_ATTEMPTS", 2)
    assert key_stats([slow, quick_but_wrong], last=2).bigrams["ab"].median_ms == 500.0
