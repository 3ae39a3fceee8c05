"""How long importing an applicant list of 10,000 rows takes, and searching the result.

Run from the repository root: PYTHONPATH=. python bench/bench_candidates_import.py
Prints the median and the 99th percentile, in milliseconds: the preview of the
CSV file (decoding, header matching, every row checked, duplicates found
against 10,000 candidates already stored), storing the 10,000 rows in one
transaction, and a candidate search over 20,000 candidates.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from typing_test.core.screening.candidates import read_candidates_csv
from typing_test.store.database import Store
from typing_test.store.screenings import (
    import_candidates,
    known_contacts,
    search_candidates,
)

ROWS = 10_000
GIVEN = ["Ana", "José", "Nguyễn Thị", "Siobhán", "Zoë", "Mohammed", "Ngozi", "Li", "Þórunn",
         "María José", "Kwame", "Priya", "Chen", "Olúwaseun", "Dmitri"]
FAMILY = ["Cruz", "Núñez", "Minh Khai", "O'Brien", "Ångström", "Abdullah", "Okonjo-Iweala",
          "Wei", "Ægisdóttir", "de la Cruz", "Mensah", "Raghunathan", "Xu", "Adébáyọ̀", "Ivanov"]


def applicant_list(rng: random.Random, offset: int) -> bytes:
    """A CSV as a job-fair export looks: odd headers, a BOM, some broken rows."""
    lines = ["Full name,E-mail,Mobile No.,Position applied for,Remarks"]
    for index in range(offset, offset + ROWS):
        name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)} {index}"
        email = f"applicant{index}@example.com" if index % 3 else ""
        phone = f"+63 917 {index:07d}" if index % 2 or not email else ""
        if index % 97 == 0:
            phone = "12"  # a broken row the preview refuses
        lines.append(f'"{name}",{email},{phone},Back office,"walk-in, {index}"')
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def measure(label: str, run: Callable[[], object], repeat: int) -> object:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p99 = times[min(len(times) - 1, round(0.99 * (len(times) - 1)))]
    print(f"{label:<52} median {statistics.median(times):8.2f} ms   p99 {p99:8.2f} ms")
    return result


def main() -> None:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "bench.db")
        first = read_candidates_csv(applicant_list(rng, 0))
        import_candidates(store, [row.candidate for row in first.good])
        data = applicant_list(rng, ROWS)
        contacts = known_contacts(store)
        print(f"{ROWS:,} rows, {len(first.good):,} candidates stored before")
        preview = measure(f"preview of {ROWS:,} rows (against {len(contacts):,})",
                          lambda: read_candidates_csv(data, known_contacts(store)), repeat=7)
        print(f"  {len(preview.good):,} to import, {len(preview.refused):,} refused")
        candidates = [row.candidate for row in preview.good]

        def store_once() -> None:
            # Import into a copy each time, so every run stores the same rows.
            target = Store.open(Path(folder) / f"copy-{time.perf_counter_ns()}.db")
            import_candidates(target, candidates)
            target.close()

        measure(f"store {len(candidates):,} candidates (one transaction)", store_once, repeat=5)
        import_candidates(store, candidates)
        queries = ["cruz", "zoe ang", "nguyen", "applicant1234@example.com", "+63 917 000",
                   "o'brien 77", ""]
        measure(f"search over {search_candidates(store).total:,} candidates (7 queries)",
                lambda: [search_candidates(store, query, limit=50) for query in queries],
                repeat=50)
        store.close()


if __name__ == "__main__":
    main()
