"""How long loading the drills, grading a proofreading answer and assessing a reply take.

Run from the repository root: PYTHONPATH=. python bench/bench_drills.py
Prints the median and the 99th percentile, in milliseconds.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable

from typing_test.core.email import proofreading
from typing_test.core.email.checker import load_checker
from typing_test.core.email.drills import load_drills
from typing_test.core.email.proofreading import grade_answer
from typing_test.core.email.writing import assess_reply


def measure(label: str, runs: list[Callable[[], object]], repeat: int = 3) -> None:
    times = []
    for _ in range(repeat):
        for run in runs:
            start = time.perf_counter()
            run()
            times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p99 = times[min(len(times) - 1, round(0.99 * (len(times) - 1)))]
    print(f"{label:<44} median {statistics.median(times):7.2f} ms   p99 {p99:7.2f} ms")


def sloppy_answer(drill, rng: random.Random) -> str:
    """Fix about half the mistakes and change a few correct words."""
    words = drill.reference.split(" ")
    for _ in range(3):
        words[rng.randrange(len(words))] = "changed"
    answer = " ".join(words)
    for mistake in rng.sample(drill.mistakes, len(drill.mistakes) // 2):
        fixed = mistake.corrections[0]
        answer = answer.replace(fixed, mistake.mistake, 1)
    return answer


def grade_first_time(drill, answer: str):
    """Grade without the drill's tokens and slots worked out by an earlier grade."""
    proofreading._prepared.cache_clear()
    return grade_answer(drill, answer)


def contracted_answer(drill) -> str:
    """The key with some expansions contracted and an American spelling."""
    answer = drill.reference
    for long, short in (("do not", "don't"), ("I have", "I've"), ("We are", "We're")):
        answer = answer.replace(long, short)
    return answer + "\nWe organize it."


def reworded_answer(drill) -> str:
    """The key with a rewording the checker must judge in each paragraph's first sentence."""
    paragraphs = drill.reference.split("\n\n")
    for index, paragraph in enumerate(paragraphs):
        first_stop = paragraph.find(". ")
        if first_stop > 0:
            # ". X" -> "; x": a sentence boundary rule, then the checker.
            rest = paragraph[first_stop + 2 :]
            paragraphs[index] = paragraph[:first_stop] + "; " + rest[:1].lower() + rest[1:]
    return "\n\n".join(paragraphs)


def rewritten_answer(drill) -> str:
    """Every sentence replaced by new words: the slowest case for alignment."""
    return " ".join(f"new{n}" for n in range(len(drill.text.split()))) + "."


def main() -> None:
    rng = random.Random(7)
    measure("load_drills (all files)", [load_drills], repeat=10)
    drills = load_drills()
    proofreading = list(drills.proofreading.values())
    measure(
        "grade: perfect answer", [lambda d=d: grade_answer(d, d.reference) for d in proofreading]
    )
    measure("grade: untouched email", [lambda d=d: grade_answer(d, d.text) for d in proofreading])
    measure(
        "grade: perfect answer, drill not seen before",
        [lambda d=d: grade_first_time(d, d.reference) for d in proofreading],
    )
    forms = [(d, contracted_answer(d)) for d in proofreading]
    measure("grade: key, contractions, US spelling", [lambda a=a: grade_answer(*a) for a in forms])
    sloppy = [(d, sloppy_answer(d, rng)) for d in proofreading]
    measure(
        "grade: half fixed, three words changed", [lambda p=p: grade_answer(*p) for p in sloppy]
    )
    load_checker()  # loaded once per process, as in the app
    reworded = [(d, reworded_answer(d)) for d in proofreading]
    measure(
        "grade: key, a rewording in every paragraph",
        [lambda p=p: grade_answer(*p) for p in reworded],
    )
    rewritten = [(d, rewritten_answer(d)) for d in proofreading]
    measure("grade: whole email rewritten", [lambda p=p: grade_answer(*p) for p in rewritten])
    scenarios = list(drills.writing.values())
    measure(
        "assess_reply: model reply",
        [lambda s=s: assess_reply(s, s.model_reply, []) for s in scenarios],
        repeat=20,
    )
    # Negation, red flags and facts must stay linear: a reply far longer than any email.
    long_replies = [(s, "\n\n".join([s.model_reply] * 100)) for s in scenarios[:3]]
    measure(
        "assess_reply: model reply x 100 (about 10,000 words)",
        [lambda p=p: assess_reply(*p) for p in long_replies],
        repeat=2,
    )


if __name__ == "__main__":
    main()
