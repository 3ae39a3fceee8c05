"""Merging another PC's database: two files of 50,000 attempts each (with
their keystroke logs), merged once and then a second time.

Goals (issue 10): the first merge under 30 s, the second (nothing new) under 5 s.

Run: python bench/bench_merge.py [--attempts 50000]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bench_open import fill  # the same realistic rows as the opening bench

from typing_test.store.database import Store
from typing_test.store.merge import merge_file


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=50_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        here, there = Path(name) / "here.db", Path(name) / "there.db"
        fill(here, args.attempts)
        fill(there, args.attempts)
        store = Store.open(here)
        for attempt in ("first", "second"):
            start = time.perf_counter()
            summary = merge_file(store, None, there)
            elapsed = time.perf_counter() - start
            print(f"{attempt} merge (one run) of {args.attempts:,} attempts into "
                  f"{args.attempts:,}: {elapsed:.1f} s, "
                  f"added {summary.added.get('attempts', 0):,}")
        print(f"the merged file holds {store.attempt_count('typing'):,} typing tests, "
              f"{here.stat().st_size / 1e6:.0f} MB")
        store.close()


if __name__ == "__main__":
    main()
