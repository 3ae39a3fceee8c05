"""`verify` over the sealed screenings of 10,000 candidates (five steps each:
a typing test with its keystroke log, a proofreading and a writing drill with
the emails, a quiz with its answers, and the battery's overall verdict).

Builds the database once in a temporary folder, sealing each step as the app
does (its own transaction), then checks every seal several times.

Run: python bench/bench_verify.py [--candidates N] [--runs R]
(target: a whole check in seconds, not minutes; sealing a step in milliseconds)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from typing_test.core.screening.seals import SealKey
from typing_test.store import ledger
from typing_test.store.database import Store
from typing_test.store.ledger import SealedTable, seal_row, verify_all

TABLE = "bench_steps"
WORDS = ("the order was sent on Monday and will reach you by Friday please call us if "
         "anything is missing we apologise for the delay invoice account refund").split()


def typing_log(rng: random.Random, characters: int = 600) -> str:
    """A 3-minute log at about 40 WPM: one event per keystroke, a few corrections."""
    events, t = [], 0
    for _ in range(characters):
        t += rng.randint(90, 400)
        events.append({"t": t, "key": rng.choice("etaoinshrdlu ")})
        if rng.random() < 0.04:
            t += rng.randint(100, 300)
            events.append({"t": t, "key": "Backspace"})
    return json.dumps(events)


def email(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def step_rows(rng: random.Random, candidate: str) -> list[dict]:
    figures = {"net_wpm": round(rng.uniform(15, 60), 2), "accuracy": round(rng.uniform(80, 100), 2)}
    quiz = {f"q{n}": rng.choice("abcd") for n in range(20)}
    kinds = [("typing", typing_log(rng)), ("proofreading", email(rng, 200)),
             ("writing", email(rng, 150)), ("quiz", json.dumps(quiz)), ("overall", "")]
    return [
        {"id": str(uuid.uuid4()), "candidate_id": candidate, "step": step, "kind": kind,
         "status": "finished", "finished_at": "2026-11-27T09:30:00+00:00",
         "score": round(rng.uniform(0, 100), 2), "passed": rng.random() < 0.6,
         "figures": json.dumps(figures), "answer": answer}
        for step, (kind, answer) in enumerate(kinds, start=1)
    ]


def build(path: Path, candidates: int, key: SealKey) -> list[float]:
    """Fill the database; return the time of each seal_row call in ms."""
    store = Store.open(path)
    store.db[TABLE].create(
        {"id": str, "candidate_id": str, "step": int, "kind": str, "status": str,
         "finished_at": str, "score": float, "passed": int, "figures": str, "answer": str},
        pk="id",
    )
    rng = random.Random(9)
    seal_ms = []
    for _ in range(candidates):
        for row in step_rows(rng, str(uuid.uuid4())):
            with store.db.conn:
                store.db.conn.execute("BEGIN IMMEDIATE")
                store.db[TABLE].insert(row)
                start = time.perf_counter()
                seal_row(store, key, TABLE, row["id"])
                seal_ms.append((time.perf_counter() - start) * 1000)
    store.close()
    return seal_ms


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[int(0.99 * (len(ordered) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    ledger.SEALED_TABLES[TABLE] = SealedTable("id")
    key = SealKey(os.urandom(32))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        start = time.perf_counter()
        seal_ms = build(path, args.candidates, key)
        built_s = time.perf_counter() - start
        size_mb = path.stat().st_size / 1e6
        print(f"built {args.candidates:,} candidates x 5 steps = {len(seal_ms):,} sealed rows, "
              f"{size_mb:.0f} MB, in {built_s:.1f} s")
        print(f"seal_row per step: median {statistics.median(seal_ms):.3f} ms   "
              f"p99 {p99(seal_ms):.3f} ms")
        timings = []
        start = time.perf_counter()
        for _ in range(args.runs):
            store = Store.open(path)
            began = time.perf_counter()
            verification = verify_all(store, key)
            timings.append(time.perf_counter() - began)
            store.close()
            assert verification.ok, verification.problems[:3]
        total = time.perf_counter() - start
        print(f"verify_all over {verification.entries:,} seals: median "
              f"{statistics.median(timings):.2f} s   p99 {p99(timings):.2f} s   "
              f"({args.runs} runs, {total:.1f} s in all, opening included)")
        print(f"  {verification.summary()}")


if __name__ == "__main__":
    main()
