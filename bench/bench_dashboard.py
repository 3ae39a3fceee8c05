"""The HR dashboard's queries over a large results database: a page of the
list (first page, a deep page), the count, each filter, each sort, and the
detail of one screening.

Builds, once, in a temporary folder, a database of ``--candidates`` people
with about 2.5 screenings each on the shipped batteries (every status and
outcome, incidents on about one in six), each finished step with its
attempt row (a typing step carries a keystroke log of ``--keys`` keys):
with the defaults 10,000 candidates, 25,000 screenings and 100,000
attempts. Rows are written with plain SQL in big transactions, in the shape
``store.screenings`` writes them (seals are not needed to list).

Run: python bench/bench_dashboard.py [--candidates N] [--keys K] [--runs R]
(target: every listing well under 50 ms, so a page appears at once)
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from typing_test.core.screening.batteries import battery_to_dict, load_presets
from typing_test.store import dashboard as D
from typing_test.store.database import Store
from typing_test.store.screenings import fold

FIRST = ("Ana Bea Carlo Dina Eli Fe Gino Hana Ivan Joy Karl Lea Marco Nina Oscar Pia "
         "Ramon Sofia Tomas Una Vic Wen Xian Yuri Zoe").split()
LAST = ("Cruz Reyes Santos Garcia Tan Lim Dela Torre Bautista Ramos Mendoza Aquino "
        "Navarro Castillo Flores Villanueva Domingo").split()
ROLES = ("Back office", "Chat support", "Voice", "Team leader")
START = datetime(2025, 1, 6, 8, 0, tzinfo=UTC)


def typing_log(rng: random.Random, keys: int) -> list[dict]:
    t, events = 0, []
    for _ in range(keys):
        t += rng.randint(90, 400)
        events.append({"t": t, "key": rng.choice("etaoinshrdlu ")})
    return events


def fill(store: Store, candidates: int, keys: int, rng: random.Random) -> int:
    """Write the rows; return how many screenings."""
    presets = load_presets()
    snapshots = [(battery.id, json.dumps(battery_to_dict(battery)), battery) for battery in presets]
    conn = store.db.conn
    count = 0
    conn.execute("BEGIN")
    for n in range(candidates):
        candidate_id = str(uuid.uuid4())
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {n}"
        stamp = (START + timedelta(minutes=n * 5)).isoformat(timespec="seconds")
        conn.execute(
            "INSERT INTO candidates (id, name, email, role, name_key, email_key, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [candidate_id, name, f"c{n}@example.com", rng.choice(ROLES), fold(name),
             f"c{n}@example.com", stamp, stamp])
        for _ in range(rng.choice((1, 2, 2, 3, 3, 4))):
            count += 1
            battery_id, snapshot, battery = rng.choice(snapshots)
            started = START + timedelta(minutes=rng.randrange(0, 60 * 24 * 540))
            status = rng.choices(("completed", "interrupted", "abandoned", "in_progress"),
                                 (90, 5, 4, 1))[0]
            steps = len(battery.steps)
            if status != "completed":
                steps = rng.randrange(steps)
            outcome = None
            if status != "in_progress":
                outcome = ("incomplete" if steps < len(battery.steps)
                           else rng.choice(("pass", "pass", "fail")))
            screening_id = str(uuid.uuid4())
            conn.execute(
                "INSERT INTO screenings (id, candidate_id, battery_id, battery_snapshot, "
                "started_at, finished_at, status, outcome, weighted_score, verdict) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [screening_id, candidate_id, battery_id, snapshot,
                 started.isoformat(timespec="seconds"),
                 None if status == "in_progress" else
                 (started + timedelta(minutes=40)).isoformat(timespec="seconds"),
                 status, outcome, round(rng.uniform(30, 100), 2) if outcome else None,
                 json.dumps({"outcome": outcome, "steps": []}) if outcome else None])
            for position, step in enumerate(battery.steps[:steps]):
                attempt_id = str(uuid.uuid4())
                details = ({"passage_text": "x" * 600, "typed_text": "x" * 590}
                           if step.kind == "typing" else {"answer": "word " * 150})
                conn.execute(
                    "INSERT INTO attempts (id, kind, candidate, started_at, finished_at, status, "
                    "score, accuracy, passed, figures, keystrokes, details, screening_id) "
                    "VALUES (?, ?, ?, ?, ?, 'completed', ?, ?, ?, ?, ?, ?, ?)",
                    [attempt_id, step.kind, candidate_id, started.isoformat(), started.isoformat(),
                     rng.uniform(10, 100), rng.uniform(80, 100), rng.random() < 0.7, "{}",
                     json.dumps(typing_log(rng, keys)) if step.kind == "typing" else None,
                     json.dumps(details), screening_id])
                conn.execute(
                    "INSERT INTO screening_steps (id, screening_id, position, kind, attempt_id, "
                    "figures, passed, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [str(uuid.uuid4()), screening_id, position, step.kind, attempt_id,
                     json.dumps({"status": "completed", "reason": "..."}),
                     int(rng.random() < 0.7), started.isoformat()])
            if rng.random() < 1 / 6:
                conn.execute(
                    "INSERT INTO incidents (screening_id, step_position, t, kind, detail, "
                    "duration_ms, recorded_at) VALUES (?, 0, 5000, 'focus_lost', '', 4200, ?)",
                    [screening_id, started.isoformat()])
    conn.execute("COMMIT")
    return count


def timed(function, runs: int) -> tuple[float, float]:
    """(median, p99) in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.99))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=10_000)
    parser.add_argument("--keys", type=int, default=600)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    rng = random.Random(9)
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "bench.db")
        start = time.perf_counter()
        screenings = fill(store, args.candidates, args.keys, rng)
        attempts = store.conn.execute("SELECT count(*) FROM attempts").fetchone()[0]
        size = (Path(folder) / "bench.db").stat().st_size / 1e6
        print(f"filled {args.candidates:,} candidates, {screenings:,} screenings, "
              f"{attempts:,} attempts ({size:.0f} MB) in {time.perf_counter() - start:.1f} s")
        store.conn.execute("ANALYZE")
        some_screening = store.conn.execute("SELECT id FROM screenings LIMIT 1").fetchone()[0]
        since = datetime(2025, 9, 1, tzinfo=UTC)
        cases = {
            "first page, no filter": lambda: D.list_screenings(store),
            "page at offset 10,000": lambda: D.list_screenings(
                store, offset=min(10_000, screenings // 2)),
            "count, no filter": lambda: D.count_screenings(store),
            "first page, one battery": lambda: D.list_screenings(
                store, D.ScreeningFilter(battery_id="voice")),
            "first page, outcome fail": lambda: D.list_screenings(
                store, D.ScreeningFilter(outcome="fail")),
            "first page, status interrupted": lambda: D.list_screenings(
                store, D.ScreeningFilter(status="interrupted")),
            "first page, role Voice": lambda: D.list_screenings(
                store, D.ScreeningFilter(role="Voice")),
            "first page, with incidents": lambda: D.list_screenings(
                store, D.ScreeningFilter(with_incidents=True)),
            "first page, one month": lambda: D.list_screenings(
                store, D.ScreeningFilter(started_from=since,
                                         started_before=since + timedelta(days=30))),
            "first page, every filter": lambda: D.list_screenings(
                store, D.ScreeningFilter(started_from=since, role="Voice", battery_id="voice",
                                         outcome="pass", status="completed",
                                         with_incidents=True)),
            "first page by candidate": lambda: D.list_screenings(store, sort="candidate"),
            "first page by score": lambda: D.list_screenings(store, sort="score"),
            "roles for the filter": lambda: D.roles(store),
            "batteries for the filter": lambda: D.batteries_screened(store),
            "one screening's detail": lambda: D.screening_detail(store, some_screening),
        }

        def run_all(label: str) -> None:
            print(f"\n{label}: median / p99 over {args.runs} runs (ms)")
            for name, function in cases.items():
                median, p99 = timed(function, args.runs)
                print(f"  {name:32} {median:8.2f} {p99:8.2f}")

        run_all("without the dashboard's index")
        start = time.perf_counter()
        D.ensure_indexes(store)
        print(f"\ncreating the dashboard's index: {(time.perf_counter() - start) * 1000:.0f} ms")
        store.conn.execute("ANALYZE")
        run_all("with it")
        store.close()


if __name__ == "__main__":
    main()
