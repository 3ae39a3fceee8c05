"""Exporting attempts to CSV and Excel at 1,000, 10,000 and 100,000 attempts
(each with a keystroke log, which an export never reads).

Goals (issue 10): CSV under 3 s and Excel under 30 s at 100,000 attempts.

Run: python bench/bench_export.py [--sizes 1000,10000,100000] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

from bench_open import fill  # the same realistic rows as the opening bench

from typing_test.store.database import Store
from typing_test.store.export import export


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for size in (int(part) for part in args.sizes.split(",")):
            path = folder / f"results-{size}.db"
            fill(path, size)
            store = Store.open(path)
            for file_format in ("csv", "xlsx"):
                timings = []
                for _ in range(args.runs):
                    start = time.perf_counter()
                    rows = export(store, folder / f"out.{file_format}", file_format)
                    timings.append(time.perf_counter() - start)
                timings.sort()
                # Memory in a run of its own: tracing slows Python down.
                tracemalloc.start()
                export(store, folder / f"out.{file_format}", file_format)
                peak = tracemalloc.get_traced_memory()[1]
                tracemalloc.stop()
                print(f"{size:>7,} attempts to {file_format:4}: {rows:,} rows, median "
                      f"{statistics.median(timings):6.2f} s   p99 {timings[-1]:6.2f} s "
                      f"(max of {args.runs}), Python peak {peak / 1e6:5.1f} MB")
            store.close()


if __name__ == "__main__":
    main()
