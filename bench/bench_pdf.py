"""A cohort PDF report of 500 candidates (each with 10 typing tests and a
quiz), written with Qt's PDF writer.

Goal (issue 10): under 10 s.

Run: python bench/bench_pdf.py [--candidates 500] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from typing_test.store.database import Store, attempt_row  # noqa: E402
from typing_test.ui.reports.pdf_report import ensure_gui_application, write_report  # noqa: E402


def fill(path: Path, candidates: int) -> None:
    store = Store.open(path)
    rng = random.Random(4)
    rows = []
    for number in range(candidates):
        for day in range(1, 11):
            wpm = 15 + rng.random() * 35
            rows.append(attempt_row({
                "kind": "typing", "candidate": f"Candidate {number:04d}", "score": wpm,
                "accuracy": 85 + rng.random() * 14, "passed": wpm >= 25,
                "started_at": f"2026-03-{day:02d}T10:00:00+00:00"}))
        rows.append(attempt_row({"kind": "quiz", "candidate": f"Candidate {number:04d}",
                                 "score": rng.random() * 100, "passed": True}))
    with store.conn:
        store.conn.execute("BEGIN IMMEDIATE")
        store.db["attempts"].insert_all(rows, batch_size=2000)
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    ensure_gui_application()
    with tempfile.TemporaryDirectory() as name:
        path = Path(name) / "results.db"
        fill(path, args.candidates)
        store = Store.open(path)
        timings = []
        for _ in range(args.runs):
            start = time.perf_counter()
            written = write_report(store, Path(name) / "cohort.pdf")
            timings.append(time.perf_counter() - start)
        timings.sort()
        print(f"cohort PDF of {args.candidates} candidates ({written}): median "
              f"{statistics.median(timings):.2f} s   p99 {timings[-1]:.2f} s (max of {args.runs})")


if __name__ == "__main__":
    main()
