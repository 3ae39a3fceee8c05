"""Scoring a 5-minute, 120 WPM keystroke log (3,000 characters plus corrections).

Run: python bench/bench_scoring.py   (target: under 50 ms)
"""

from __future__ import annotations

import random
import statistics
import time

from typing_test.core.typing.passages import load_passages
from typing_test.core.typing.scoring import score


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


def main() -> None:
    passages, _ = load_passages()
    passage = " ".join(p.text for p in passages)[:6000]
    log = make_log(passage, 3000)
    timings = []
    for _ in range(60):
        start = time.perf_counter()
        result = score(passage, log, 300.0)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    print(f"score(): {len(log)} keystrokes, {len(result.typed_text)} characters, "
          f"{result.uncorrected_errors} uncorrected errors, net {result.net_wpm:.1f} WPM")
    print(f"  median {statistics.median(timings):.2f} ms   "
          f"p99 {timings[int(0.99 * (len(timings) - 1))]:.2f} ms")


if __name__ == "__main__":
    main()
