"""Building the key and bigram statistics over 1,000 stored attempts.

The attempts are simulated people (tests/keystroke_logs.py: log-normal gaps,
wrong keys put right with Backspace, pauses), each log 300 to 900 keystrokes
against the passage it was typed from.

Run: python bench/bench_keystats.py   (target: under 200 ms)
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from keystroke_logs import human_log, passage_text  # noqa: E402

from typing_test.core.practice.keystats import key_stats  # noqa: E402


def stored_attempts(count: int) -> list[tuple[str, list[dict]]]:
    """``count`` (passage, log) pairs with 300 to 900 keystrokes each."""
    attempts = []
    for seed in range(count):
        rng = random.Random(seed)
        wpm, seconds = rng.uniform(30, 75), 60
        log = human_log(seed, wpm, seconds, error_rate=rng.uniform(0.01, 0.05))
        keys = rng.randint(300, 900)
        # human_log types the text passage_text(seed, n) gives for this n.
        passage = passage_text(seed, int(wpm * 5 * seconds / 60 * 1.5) + 200)
        while len(log) < keys:  # a slow typist's minute: let the log run on
            log = human_log(seed, wpm, seconds * 2)
            seconds *= 2
            passage = passage_text(seed, int(wpm * 5 * seconds / 60 * 1.5) + 200)
        attempts.append((passage, log[:keys]))
    return attempts


def main() -> None:
    attempts = stored_attempts(1000)
    keystrokes = sum(len(log) for _, log in attempts)
    timings = []
    for _ in range(30):
        start = time.perf_counter()
        stats = key_stats(attempts, last=1000)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    print(f"key_stats() over {stats.attempts_used} attempts, {keystrokes:,} keystrokes: "
          f"{len(stats.keys)} keys, {len(stats.bigrams)} bigrams; "
          f"weakest keys {stats.weakest_keys()}, slowest bigrams {stats.slowest_bigrams()}")
    print(f"  median {statistics.median(timings):.1f} ms   "
          f"p99 {timings[int(0.99 * (len(timings) - 1))]:.1f} ms   (target: under 200 ms)")
    timings = []
    for end in range(20, 1001, 10):  # the Progress page's default: the last 20
        start = time.perf_counter()
        key_stats(attempts[:end], last=20)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    print(f"key_stats() over the last 20 attempts (the default): "
          f"median {statistics.median(timings):.2f} ms   "
          f"p99 {timings[int(0.99 * (len(timings) - 1))]:.2f} ms")


if __name__ == "__main__":
    main()
