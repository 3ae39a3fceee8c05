"""Practice texts aimed at an applicant's weak keys and letter pairs.

A round is ``words`` real words (40 to 60 is a good round), drawn from the
common-word list in ``assets/words/common-english.txt``:

- About two words in three drill a weak spot: a weak letter or letter pair
  is picked (each as likely as the others, so none is crowded out), then a
  word holding it, the commoner words likelier. The others are common
  words, so the text still reads like text. With no weak letter or pair,
  every word is a common one.
- When a digit is weak, about one word in six is a number made with it
  ("4.50", "1,049", "47"); when a punctuation mark is weak, about one word
  in four is followed by it (and a sentence mark starts the next word with a
  capital). A weak Space needs nothing more: every round is full of them.
- The same weak spots, word count and seed give the same text.

After a round, the caller stores it as an attempt like any other and builds
the statistics again (``keystats.key_stats``), so the next round aims at the
weak spots as they are measured then.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from functools import lru_cache

from typing_test.core.assets import assets_dir, read_text
from typing_test.core.practice.keystats import KeyStats

WORD_LIST = "words/common-english.txt"
MIN_WORDS, MAX_WORDS = 5, 200
# Marks that follow a word, and those that end a sentence (next word capitalised).
FOLLOWING_MARKS = frozenset(",.;:?!")
SENTENCE_ENDS = frozenset(".?!")
# Marks that go around a word or inside it.
AROUND_MARKS = {"(": ("(", ")"), ")": ("(", ")"), '"': ('"', '"'), "'": ("", "'s"),
                "-": ("", "-based")}
TARGETED_SHARE = 2 / 3
NUMBER_SHARE = 1 / 6
MARK_SHARE = 1 / 4


@dataclass(frozen=True)
class WeakSpots:
    """What a round aims at: weak ``keys`` (folded as keystats names them)
    and weak letter ``pairs``."""

    keys: tuple[str, ...] = ()
    pairs: tuple[str, ...] = ()

    @property
    def digits(self) -> tuple[str, ...]:
        return tuple(key for key in self.keys if key.isdigit())

    @property
    def marks(self) -> tuple[str, ...]:
        return tuple(key for key in self.keys
                     if key in FOLLOWING_MARKS or key in AROUND_MARKS)


def weak_spots(stats: KeyStats, count: int = 5) -> WeakSpots:
    """The weak spots of ``stats``: the ``count`` keys with the highest error
    rate, and the letter pairs that are most often wrong or slowest (a pair
    of two letters only: punctuation and digits are trained as keys).

    >>> from typing_test.core.practice.keystats import key_stats
    >>> log = [{"t": i * 100, "key": "q" if c == "b" and i % 2 else c}
    ...        for i, c in enumerate("ab " * 40)]
    >>> weak_spots(key_stats([("ab " * 40, log)]))
    WeakSpots(keys=('b',), pairs=('ab',))
    """
    pairs = [pair for pair in stats.weakest_bigrams(count) + stats.slowest_bigrams(count)
             if pair.isalpha()]
    return WeakSpots(keys=tuple(stats.weakest_keys(count)),
                     pairs=tuple(dict.fromkeys(pairs))[:count])


@lru_cache(maxsize=1)
def common_words() -> tuple[str, ...]:
    """The word list, commonest first.

    >>> words = common_words()
    >>> words[:3], len(words) > 1000, all(word.isalpha() and word.islower() for word in words)
    (('the', 'of', 'and'), True, True)
    """
    text = read_text(assets_dir() / WORD_LIST)
    return tuple(line.strip() for line in text.splitlines()
                 if line.strip() and not line.startswith("#"))


def practice_text(spots: WeakSpots, seed: int, words: int = 50) -> str:
    """A round of ``words`` words aimed at ``spots``; the same for the same seed.

    >>> spots = WeakSpots(keys=("z", "7", ","), pairs=("qu",))
    >>> text = practice_text(spots, seed=3, words=40)
    >>> len(text.split()), text == practice_text(spots, seed=3, words=40)
    (40, True)
    >>> "qu" in text and "z" in text and "7" in text and "," in text
    True
    """
    words = max(MIN_WORDS, min(MAX_WORDS, words))
    rng = random.Random(seed)
    vocabulary = common_words()
    targets = [target for target in _targeted_words(spots, vocabulary) if target[0]]
    # Plain words: the commonest 300, the commoner the likelier.
    plain = vocabulary[:300]
    plain_weights = _commonness(len(plain))
    digits, marks = spots.digits, spots.marks
    chosen: list[str] = []
    sentence_start = True
    for _ in range(words):
        if digits and rng.random() < NUMBER_SHARE:
            word = _number(rng, digits)
        elif targets and rng.random() < TARGETED_SHARE:
            holding, weights = rng.choice(targets)
            word = rng.choices(holding, weights)[0]
        else:
            word = rng.choices(plain, plain_weights)[0]
        if word == "i" or sentence_start and word[0].isalpha():
            word = word[0].upper() + word[1:]
        sentence_start = False
        if marks and rng.random() < MARK_SHARE:
            mark = rng.choice(marks)
            if mark in AROUND_MARKS:
                before, after = AROUND_MARKS[mark]
                word = before + word + after
            else:
                word += mark
                sentence_start = mark in SENTENCE_ENDS
        chosen.append(word)
    return " ".join(chosen)


def _targeted_words(spots: WeakSpots, vocabulary: tuple[str, ...]
                    ) -> list[tuple[list[str], list[float]]]:
    """For each weak letter and letter pair: the words holding it and their
    weights (how common each is)."""
    commonness = _commonness(len(vocabulary))
    targets = []
    for spot in [*(key for key in spots.keys if key.isalpha()), *spots.pairs]:
        holding = [(word, common) for word, common in zip(vocabulary, commonness, strict=True)
                   if spot in word]
        targets.append(([word for word, _ in holding], [common for _, common in holding]))
    return targets


@lru_cache(maxsize=4)
def _commonness(size: int) -> list[float]:
    """A weight per rank, 1 for the commonest falling slowly (1 / log2(rank + 2)),
    so a rarer word that drills a weak spot still comes up."""
    return [1 / math.log2(rank + 2) for rank in range(size)]


def _number(rng: random.Random, digits: tuple[str, ...]) -> str:
    """A number of the kinds office text holds, made mostly of ``digits``:
    a count ("47"), an amount ("4.50") or a figure with a thousands
    separator ("1,049")."""

    def digit() -> str:
        return rng.choice(digits) if rng.random() < 0.4 else rng.choice("0123456789")

    def run(length: int) -> str:
        text = "".join(digit() for _ in range(length))
        return text.lstrip("0") or rng.choice(digits)

    kind = rng.randrange(3)
    if kind == 0:
        return run(rng.randint(2, 3))
    if kind == 1:
        return f"{run(rng.randint(1, 3))}.{digit()}{digit()}"
    return f"{rng.randint(1, 9)},{digit()}{digit()}{digit()}"
