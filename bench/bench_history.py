"""The History page as the results grow: 1,000, 10,000 and 100,000 attempts,
each with its keystroke log.

Printed for each size: the time from asking for the page to its first paint,
the longest main-thread step while scrolling to the end of the first 2,000
rows and while re-sorting by each column (median and p99 of those steps), and
the process's peak memory. Goals (issue 10, at 100,000): first paint under
0.5 s, no step over 100 ms, under 300 MB.

Run: python bench/bench_history.py [--sizes 1000,10000,100000]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_open import fill  # noqa: E402  (the same rows as the opening bench)
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from typing_test.store.database import Store  # noqa: E402
from typing_test.ui.main_window import MainWindow  # noqa: E402


def timed(step) -> float:
    start = time.perf_counter()
    step()
    QApplication.processEvents()
    return time.perf_counter() - start


def measure(path: Path) -> tuple[float, list[float]]:
    store = Store.open(path)
    window = MainWindow(store)
    window.resize(1366, 768)
    window.show()
    QApplication.processEvents()

    def first_paint() -> None:
        window.show_history()
        window.history_page.table.viewport().repaint()

    paint = timed(first_paint)
    page = window.history_page
    steps = []
    table = page.table
    for _ in range(10):  # scroll down a page of rows at a time, fetching as the view does
        steps.append(timed(lambda: table.verticalScrollBar().setValue(
            table.verticalScrollBar().maximum())))
    for column in range(page.model.columnCount()):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            steps.append(timed(lambda column=column, order=order: table.sortByColumn(column,
                                                                                    order)))
    window.close()
    store.close()
    return paint, sorted(steps)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    args = parser.parse_args()
    QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as name:
        for size in (int(part) for part in args.sizes.split(",")):
            path = Path(name) / f"results-{size}.db"
            fill(path, size)
            paint, steps = measure(path)
            peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"{size:>7,} attempts: first paint {paint:.3f} s; scroll and sort steps "
                  f"median {statistics.median(steps) * 1000:.0f} ms, p99 "
                  f"{steps[-1] * 1000:.0f} ms (max of {len(steps)}); peak memory so far "
                  f"{peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
