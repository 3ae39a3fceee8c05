"""`demo-data` for 1,000 candidates, and `verify` over the screenings of
10,000 candidates made by demo-data.

1. Fills a fresh database with ``--fill`` demo candidates (default 1,000),
   timing each candidate (their screenings, every step graded by the app's
   own code and sealed, each in its own transaction): median and p99 per
   candidate, and the whole fill.
2. Fills another with ``--verify-candidates`` (default 10,000) once, in a
   temporary folder (or reuses ``--database PATH`` if it exists, else keeps
   the one it builds there), then runs ``verify_all`` ``--runs`` times on a
   freshly opened store: median and p99.

Run: python bench/bench_demo_data.py [--fill N] [--verify-candidates N] [--runs R]
     [--database PATH]
(the 10,000-candidate fill takes several minutes; pass --database to keep it)
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from typing_test.core.screening.seals import SealKey
from typing_test.store.database import Store
from typing_test.store.demo_data import fill_demo_data
from typing_test.store.ledger import start_chain, verify_all

# The bench seals with a random key of its own: deriving one from a password
# takes 0.4 s and measures the login, which bench_login.py does.
KEY = SealKey(bytes(range(32)))


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[int(0.99 * (len(ordered) - 1))]


def fill(path: Path, candidates: int, seed: int = 1) -> tuple[list[float], float, str]:
    """Fill ``path``; return the seconds of each candidate, the total and the summary."""
    store = Store.open(path)
    start_chain(store, KEY)
    marks = [time.perf_counter()]
    report = fill_demo_data(store, KEY, candidates, seed,
                            progress=lambda done: marks.append(time.perf_counter()))
    store.close()
    each = [b - a for a, b in zip(marks, marks[1:], strict=False)]
    return each, marks[-1] - marks[0], report.summary()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fill", type=int, default=1_000)
    parser.add_argument("--verify-candidates", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--database", type=Path, help="the 10,000-candidate file to reuse "
                        "or keep")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        each, total, summary = fill(Path(folder) / "fill.db", args.fill)
        print(f"demo-data --candidates {args.fill:,}: {total:.1f} s in all; per candidate "
              f"median {statistics.median(each) * 1000:.0f} ms   p99 {p99(each) * 1000:.0f} ms")
        print(f"  {summary}")

        path = args.database or Path(folder) / "verify.db"
        if not path.exists():
            each, total, summary = fill(path, args.verify_candidates, seed=2)
            print(f"built {args.verify_candidates:,} candidates in {total:.0f} s "
                  f"({total / 60:.1f} min), {path.stat().st_size / 1e6:.0f} MB")
            print(f"  {summary}")
        timings = []
        for _ in range(args.runs):
            store = Store.open(path)
            began = time.perf_counter()
            verification = verify_all(store, KEY)
            timings.append(time.perf_counter() - began)
            store.close()
            assert verification.ok, verification.problems[:3]
        print(f"verify_all over {verification.entries:,} seals: median "
              f"{statistics.median(timings):.2f} s   p99 {p99(timings):.2f} s   "
              f"({args.runs} runs, {os.cpu_count()} CPUs)")
        print(f"  {verification.summary()}")


if __name__ == "__main__":
    main()
