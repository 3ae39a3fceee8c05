"""What targeted practice does on the UI thread, with 1,000 attempts stored:

- opening the page: the statistics of the person's last 20 attempts read
  from SQLite (``store/practice.py``) and their weak spots;
- starting a round: its text, 110 words for a minute (220 capped at 200
  for two);
- after a round: the round measured on its own and compared with before,
  then the last 20 attempts measured again.

The stored attempts are simulated people (tests/keystroke_logs.py), 300 to
900 keystrokes each. Run: python bench/bench_targeted.py (aim: each under 50 ms,
a pause nobody notices).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_keystats import stored_attempts  # noqa: E402
from keystroke_logs import human_log  # noqa: E402

from typing_test.core.practice.keystats import key_stats  # noqa: E402
from typing_test.core.practice.practice_text import weak_spots  # noqa: E402
from typing_test.core.practice.targeted import (  # noqa: E402
    SPOTS_PER_ROUND,
    new_round,
    remeasure,
)
from typing_test.store.database import Store  # noqa: E402
from typing_test.store.practice import practice_key_stats  # noqa: E402


def timed(what: str, run: Callable[[int], object], times: int = 60) -> None:
    timings = []
    for index in range(times):
        start = time.perf_counter()
        run(index)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    print(f"{what}: median {statistics.median(timings):.2f} ms   "
          f"p99 {timings[int(0.99 * (len(timings) - 1))]:.2f} ms")


def main() -> None:
    store = Store.open(Path(tempfile.mkdtemp()) / "bench.db")
    with store.conn:
        for day, (passage, log) in enumerate(stored_attempts(1000)):
            store.save_attempt({"kind": "typing", "candidate": "Ana",
                                "started_at": f"2026-01-01T00:00:{day:06d}",
                                "details": {"passage_text": passage}, "keystrokes": log})
    stats = practice_key_stats(store, "Ana")
    spots = weak_spots(stats, count=SPOTS_PER_ROUND)
    print(f"weak spots of the last {stats.attempts_used} attempts: {spots}")

    timed("opening the page (last 20 attempts from SQLite, weak spots)",
          lambda _: weak_spots(practice_key_stats(store, "Ana"), count=SPOTS_PER_ROUND))
    timed("a 1-minute round's text", lambda seed: new_round(1, spots, stats, seed, 60))
    timed("a 2-minute round's text", lambda seed: new_round(1, spots, stats, seed, 120))
    practice_round = new_round(1, spots, stats, 5, 60)
    # A 45 WPM minute's timing and slips, its keys put on the round's text.
    log = [dict(event, key=practice_round.text[index % len(practice_round.text)])
           if event["key"] != "Backspace" else event
           for index, event in enumerate(human_log(5, 45, 60, error_rate=0.03))]
    timed("measuring a round and comparing it with before",
          lambda _: remeasure(stats, key_stats([(practice_round.text, log)]), spots))
    store.close()


if __name__ == "__main__":
    main()
