"""Opening the database as it grows: `typing-test score --save` into files of
0, 1,000, 10,000 and 100,000 attempts, each with a keystroke log.

Opening used to read the whole file (PRAGMA quick_check) and mark interrupted
attempts with an unindexed UPDATE, so its cost grew with the file. The goal
(issue 10): a save into 100,000 attempts within 1.5 times a save into an empty
file.

Run: python bench/bench_open.py [--sizes 0,1000,10000,100000] [--runs 7]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

PASSAGE = "Dear customer, thank you for your patience while we checked your account. " * 4
LOG_KEYS = 300  # keystrokes per stored attempt: a one-minute test at 60 WPM


def fill(path: Path, attempts: int) -> None:
    """A database of ``attempts`` completed typing tests, written in one go."""
    from typing_test.store.database import Store, attempt_row

    store = Store.open(path)
    log = json.dumps([{"t": 180 * index, "key": PASSAGE[index % len(PASSAGE)]}
                      for index in range(LOG_KEYS)])
    rows = (attempt_row({
        "id": str(uuid.uuid4()), "kind": "typing", "candidate": f"Candidate {n % 500}",
        "started_at": f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}T10:00:00+00:00",
        "status": "completed", "score": 20 + n % 40, "accuracy": 90.0, "passed": n % 3 > 0,
        "item_id": "bench", "item_title": "Bench passage", "duration_s": 60.0,
    }) | {"keystrokes": log} for n in range(attempts))
    with store.conn:
        store.conn.execute("BEGIN IMMEDIATE")
        store.db["attempts"].insert_all(rows, batch_size=2000)
    store.close()


def timed_saves(path: Path, folder: Path, runs: int) -> list[float]:
    passage, log = folder / "passage.txt", folder / "log.jsonl"
    passage.write_text(PASSAGE, encoding="utf-8")
    log.write_text("\n".join(json.dumps({"t": 200 * i, "key": k})
                             for i, k in enumerate(PASSAGE[:200])), encoding="utf-8")
    command = [sys.executable, "-m", "typing_test", "--db", str(path), "score", "--passage",
               str(passage), "--keystrokes", str(log), "--seconds", "60", "--save",
               "--candidate", "Bench"]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    subprocess.run(command, env=env, check=True, capture_output=True)  # warm the caches
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, env=env, check=True, capture_output=True)
        timings.append(time.perf_counter() - start)
    return sorted(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0,1000,10000,100000")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    medians = {}
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for size in (int(part) for part in args.sizes.split(",")):
            path = folder / f"results-{size}.db"
            started = time.perf_counter()
            fill(path, size)
            built = time.perf_counter() - started
            timings = timed_saves(path, folder, args.runs)
            medians[size] = statistics.median(timings)
            megabytes = path.stat().st_size / 1e6
            print(f"{size:>7,} attempts ({megabytes:7.1f} MB, built in {built:5.1f} s): "
                  f"score --save median {medians[size]:.3f} s   p99 {timings[-1]:.3f} s "
                  f"(max of {args.runs})")
    if 0 in medians and len(medians) > 1:
        largest = max(medians)
        print(f"a save into {largest:,} attempts takes {medians[largest] / medians[0]:.2f} "
              "times a save into an empty file (aim: at most 1.5)")


if __name__ == "__main__":
    main()
