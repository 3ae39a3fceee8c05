"""Flagging a 5-minute keystroke log, and the longest log the command line accepts.

A person at 120 WPM for 5 minutes leaves about 3,000 keystrokes; the command
line accepts up to 20,000 (MAX_LOG_EVENTS), which a program typing at 800 WPM
fills in 5 minutes. The flags run once per scored log, so either should take
well under the time of scoring it.

Run: python bench/bench_automation.py   (targets: under 50 ms; 20,000 keys under 0.5 s)
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from keystroke_logs import human_log, uniform_bot  # noqa: E402

from typing_test.cli import MAX_LOG_EVENTS  # noqa: E402
from typing_test.core.typing.automation import automation_flags  # noqa: E402


def measure(label: str, log: list[dict], runs: int) -> None:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        flags = automation_flags(log)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    print(f"automation_flags() {label}: {len(log):,} keystrokes, {len(flags)} flags")
    print(f"  median {statistics.median(timings):.2f} ms   "
          f"p99 {timings[int(0.99 * (len(timings) - 1))]:.2f} ms")


def main() -> None:
    person = human_log(1, wpm=130, seconds=300)
    wpm = len(person) / 5 / (person[-1]["t"] / 60_000)
    measure(f"a person, {wpm:.0f} WPM for 5 minutes", person, 60)
    program = uniform_bot(2)
    gaps = [b["t"] - a["t"] for a, b in zip(program, program[1:], strict=False)]
    longest, t = [], 0
    for index in range(MAX_LOG_EVENTS):
        t += gaps[index % len(gaps)]
        longest.append({"t": t, "key": "x"})
    measure("the longest log accepted (a program)", longest, 10)
    person_long = [dict(event) for event in human_log(2, wpm=130, seconds=300)]
    repeated = [{"t": e["t"] + k * 300_000, "key": e["key"]}
                for k in range(MAX_LOG_EVENTS // len(person_long) + 1) for e in person_long]
    measure("the longest log accepted (a person's)", repeated[:MAX_LOG_EVENTS], 10)


if __name__ == "__main__":
    main()
