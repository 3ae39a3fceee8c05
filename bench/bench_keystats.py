"""Building the key and bigram statistics over 1,000 stored attempts.

The attempts are simulated people (tests/keystroke_logs.py: log-normal gaps,
wrong keys put right with Backspace, pauses), each log 300 to 900 keystrokes
against the passage it was typed from.

The first figure counts every log in memory (``key_stats``); the last one
is what the Progress page does (``practice_key_stats``): the newest 1,000
attempts of a database, whose counts are kept per attempt once worked out.

Run: python bench/bench_keystats.py   (target: under 200 ms)
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from keystroke_logs import human_log, passage_text  # noqa: E402

from typing_test.core.practice.keystats import key_stats  # noqa: E402
from typing_test.store.database import attempt_row  # noqa: E402


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
    print(f"key_stats() over the last 20 attempts (the default, from the logs): "
          f"median {statistics.median(timings):.2f} ms   "
          f"p99 {timings[int(0.99 * (len(timings) - 1))]:.2f} ms")
    bench_store(attempts)


def bench_store(attempts: list[tuple[str, list[dict]]]) -> None:
    """The Progress page's path: the newest 1,000 attempts of a database,
    the first time (every log read and counted, the tallies kept) and after."""
    from typing_test.store.database import Store
    from typing_test.store.practice import practice_key_stats

    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "bench.db")
        with store.conn:
            store.db["attempts"].insert_all(
                attempt_row({"kind": "typing", "candidate": "Ana", "keystrokes": log,
                             "details": {"passage_text": passage},
                             "started_at": f"2026-01-01T00:00:{index // 100:02d}.{index:06d}"})
                for index, (passage, log) in enumerate(attempts))
        start = time.perf_counter()
        stats = practice_key_stats(store, "Ana", last=1000)
        first = (time.perf_counter() - start) * 1000
        timings = []
        for _ in range(30):
            start = time.perf_counter()
            again = practice_key_stats(store, "Ana", last=1000)
            timings.append((time.perf_counter() - start) * 1000)
        assert again == stats, "the kept tallies must give the same figures as the logs"
        timings.sort()
        print(f"practice_key_stats() from a database of {stats.attempts_used} attempts: "
              f"first time (logs read and counted, tallies kept) {first:.0f} ms; then "
              f"median {statistics.median(timings):.1f} ms   "
              f"p99 {timings[int(0.99 * (len(timings) - 1))]:.1f} ms   (target: under 200 ms)")
        store.close()


if __name__ == "__main__":
    main()
