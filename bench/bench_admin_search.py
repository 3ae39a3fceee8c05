"""How long the admin area's candidate list takes to answer a keystroke, over
10,000 candidates: the search (``search_candidates``, a page of 50) plus
filling the table, as HR types into the search box.

Run from the repository root: PYTHONPATH=. python bench/bench_admin_search.py
Prints the median and the 99th percentile, in milliseconds (target: under
50 ms, so typing never lags).
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from typing_test.core.screening.candidates import Candidate  # noqa: E402
from typing_test.store.database import Store  # noqa: E402
from typing_test.store.screenings import import_candidates  # noqa: E402
from typing_test.ui.screening.candidates_tab import CandidatesTab  # noqa: E402

CANDIDATES = 10_000
GIVEN = ["Ana", "José", "Nguyễn Thị", "Siobhán", "Zoë", "Mohammed", "Ngozi", "Li", "Priya",
         "María José", "Kwame", "Chen", "Dmitri", "Bea", "Carlo"]
FAMILY = ["Cruz", "Núñez", "Minh Khai", "O'Brien", "Santos", "Abdullah", "Mensah", "Wei",
          "de la Cruz", "Reyes", "Raghunathan", "Xu", "Ivanov", "Garcia", "Lim"]


def main() -> None:
    app = QApplication.instance() or QApplication([])
    rng = random.Random(7)
    store = Store.open(Path(tempfile.mkdtemp()) / "bench.db")
    import_candidates(store, [
        Candidate(f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}", email=f"a{index}@example.com",
                  hr_reference=f"HR-2026-{index:05d}", role=rng.choice(["Voice", "Chat"]))
        for index in range(CANDIDATES)])
    tab = CandidatesTab(store, lambda: None)
    tab.resize(1000, 560)
    tab.show()
    # What HR types, one keystroke at a time: names, an email, an HR reference.
    typed = ["ana cruz", "nguyen", "a1234@ex", "hr-2026-0042", "mar jo", "zoe o'b"]
    timings = []
    for _round in range(5):
        for text in typed:
            for end in range(1, len(text) + 1):
                start = time.perf_counter()
                tab.search_edit.setText(text[:end])
                app.processEvents()
                timings.append((time.perf_counter() - start) * 1000)
        tab.search_edit.clear()
    # Paging through everyone, 50 at a time.
    pages = []
    tab.search_edit.clear()
    for _step in range(40):
        start = time.perf_counter()
        tab.next_button.click()
        app.processEvents()
        pages.append((time.perf_counter() - start) * 1000)
    for label, values in (("a keystroke in the search box", timings),
                          ("the next page of everyone", pages)):
        values.sort()
        print(f"{label} ({CANDIDATES:,} candidates, {len(values)} runs):")
        print(f"  median {statistics.median(values):.1f} ms   "
              f"p99 {values[int(0.99 * (len(values) - 1))]:.1f} ms")
    store.close()


if __name__ == "__main__":
    main()
