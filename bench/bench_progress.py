"""The Progress page's figures as the results grow: 1,000, 10,000 and 100,000
practice typing tests, each with its passage and a 300-keystroke log, spread
over 500 names.

Printed for each size: ``load_progress`` (what the worker thread reads: the
chart's series, the best, the key statistics of the last 20 attempts and the
roles' bars) for one name and for everyone, and the time the UI thread spends
in ``show_progress`` before the worker answers; median and p99 of 20 runs.

Run: python bench/bench_progress.py [--sizes 1000,10000,100000]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from typing_test.store.database import Store, attempt_row  # noqa: E402
from typing_test.store.progress import load_progress  # noqa: E402
from typing_test.ui.main_window import MainWindow  # noqa: E402

PASSAGE = ("Thank you for your email about the invoice dated 3 March. I have checked the "
           "account and the payment of 245.80 reached us on Friday; the reminder was sent "
           "before it was matched. ") * 3
LOG_KEYS = 300
RUNS = 20


def fill(path: Path, attempts: int) -> None:
    """``attempts`` completed practice typing tests with passage and log, in one go."""
    store = Store.open(path)
    log = json.dumps([{"t": 180 * index, "key": "x" if index % 23 == 0 else PASSAGE[index]}
                      for index in range(LOG_KEYS)])
    rows = (attempt_row({
        "id": str(uuid.uuid4()), "kind": "typing", "candidate": f"Candidate {n % 500}",
        "started_at": f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}T10:{n % 60:02d}:00+00:00",
        "status": "completed", "score": 20 + n % 40, "accuracy": 90.0 + n % 10,
        "passed": n % 3 > 0, "item_id": "bench", "item_title": "Bench passage",
        "duration_s": 60.0, "details": {"passage_text": PASSAGE},
    }) | {"keystrokes": log} for n in range(attempts))
    with store.conn:
        store.conn.execute("BEGIN IMMEDIATE")
        store.db["attempts"].insert_all(rows, batch_size=2000)
    store.close()


def spread(timings: list[float]) -> str:
    timings = sorted(timings)
    p99 = timings[min(len(timings) - 1, round(0.99 * (len(timings) - 1)))]
    return f"median {statistics.median(timings) * 1000:6.1f} ms, p99 {p99 * 1000:6.1f} ms"


def timed(call) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def measure(app: QApplication, path: Path) -> dict[str, list[float]]:
    """The three timings, ``RUNS`` times each, on the database at ``path``."""
    store = Store.open(path)
    timings = {
        "load_progress one name ": [timed(lambda: load_progress(store, "Candidate 7"))
                                    for _ in range(RUNS)],
        "load_progress everyone ": [timed(lambda: load_progress(store, None))
                                    for _ in range(RUNS)],
        "UI thread in show_progress": [],
    }
    window = MainWindow(store)
    window.show()
    page = window.progress_page
    for _ in range(RUNS):
        page.data = None
        timings["UI thread in show_progress"].append(timed(window.show_progress))
        while page.data is None:  # the worker's answer, before the next run
            app.processEvents()
    window.close()
    store.close()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    for size in (int(part) for part in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "bench.db"
            fill(path, size)
            for index, (name, timings) in enumerate(measure(app, path).items()):
                print(f"{size if index == 0 else '':>7} {name:<27} {spread(timings)}")


if __name__ == "__main__":
    main()
