"""Generating a practice round: 50 words aimed at five weak keys (a digit and a
punctuation mark among them) and five weak letter pairs, the word list
already loaded (it is read once per run of the app).

Run: python bench/bench_practice_text.py   (target: under 20 ms)
"""

from __future__ import annotations

import statistics
import time

from typing_test.core.practice.practice_text import WeakSpots, common_words, practice_text


def main() -> None:
    start = time.perf_counter()
    common_words()
    print(f"loading the word list: {(time.perf_counter() - start) * 1000:.1f} ms (once)")
    spots = WeakSpots(keys=("e", "z", "p", "7", ","), pairs=("th", "qu", "ei", "ng", "io"))
    timings = []
    for seed in range(500):
        start = time.perf_counter()
        text = practice_text(spots, seed=seed, words=50)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    print(f"practice_text(), 50 words: {text[:60]}...")
    print(f"  median {statistics.median(timings):.2f} ms   "
          f"p99 {timings[int(0.99 * (len(timings) - 1))]:.2f} ms   (target: under 20 ms)")


if __name__ == "__main__":
    main()
