"""Scoring a 5-minute, 120 WPM keystroke log (3,000 characters plus corrections),
and the worst log the command line accepts: 1,500 words of garbage
(MAX_TYPED_WORDS), past a real passage and against a passage as long.

Run: python bench/bench_scoring.py   (targets: under 50 ms; the garbage under 5 s)
"""

from __future__ import annotations

import random
import statistics
import time

from typing_test.core.typing.passages import load_passages
from typing_test.core.typing.scoring import MAX_TYPED_WORDS, score


def make_log(passage: str, characters: int, seed: int = 7) -> list[dict]:
    """A realistic run: 3 % wrong keys, most of them corrected, a skipped word now and then."""
    rng = random.Random(seed)
    log, t, index = [], 0, 0
    while index < characters:
        t += 100
        if rng.random() < 0.03:
            log.append({"t": t, "key": "#"})
            if rng.random() < 0.7:
                t += 100
                log.append({"t": t, "key": "Backspace"})
                continue
        elif rng.random() < 0.005 and passage[index] == " ":
            index = passage.find(" ", index + 1)  # skip a word
            continue
        else:
            log.append({"t": t, "key": passage[index]})
        index += 1
    return log


def measure(label: str, passage: str, log: list[dict], runs: int) -> None:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        result = score(passage, log, 300.0)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    print(f"score() {label}: {len(log)} keystrokes, {len(result.typed_text)} characters, "
          f"{result.uncorrected_errors} uncorrected errors, net {result.net_wpm:.1f} WPM")
    print(f"  median {statistics.median(timings):.2f} ms   "
          f"p99 {timings[int(0.99 * (len(timings) - 1))]:.2f} ms")


def main() -> None:
    passages, _ = load_passages()
    passage = " ".join(p.text for p in passages)[:6000]
    measure("a real run", passage, make_log(passage, 3000), 60)
    garbage = [{"t": i * 50, "key": key} for i, key in enumerate("qz " * MAX_TYPED_WORDS)]
    measure("garbage past a passage", passages[0].text, garbage, 5)
    long_passage = " ".join(p.text for p in passages)
    measure("garbage against a long passage", long_passage, garbage, 5)


if __name__ == "__main__":
    main()
