"""The admin login's cost: one scrypt stretch at OWASP's parameters (N=2**17,
r=8, p=1) a try, and a whole ``log_in`` through the database, right and wrong.

Run: python bench/bench_login.py [--tries N]   (aim: 0.1 to 0.5 s a try: slow
enough that guessing is hopeless, quick enough that HR does not wait)
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from typing_test.core.screening.passwords import DEFAULT_PARAMS, hash_password, stretch_again
from typing_test.store.admin import WrongPassword, log_in, set_admin_password
from typing_test.store.database import Store

PASSWORD = "a long admin password"


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[int(0.99 * (len(ordered) - 1))]


def report(label: str, seconds: list[float]) -> None:
    print(f"{label}: median {statistics.median(seconds):.3f} s   p99 {p99(seconds):.3f} s   "
          f"({len(seconds)} tries)")


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tries", type=int, default=20)
    args = parser.parse_args()
    mebibytes = 128 * DEFAULT_PARAMS.n * DEFAULT_PARAMS.r * DEFAULT_PARAMS.p // 2**20
    print(f"scrypt {DEFAULT_PARAMS.describe()} ({mebibytes} MiB)")
    stored = hash_password(PASSWORD)
    report("hash time per try (stretch and compare)",
           [timed(lambda: stretch_again("a wrong guess!", stored)) for _ in range(args.tries)])
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "bench.db")
        set_admin_password(store, PASSWORD)
        report("log_in, right password (seal key included)",
               [timed(lambda: log_in(store, PASSWORD)) for _ in range(args.tries)])

        def wrong() -> float:
            start = time.perf_counter()
            try:
                log_in(store, "a wrong guess!")
            except WrongPassword:
                pass
            seconds = time.perf_counter() - start
            store.db.conn.execute("DELETE FROM admin_lockout")  # so the sixth try is tried too
            return seconds

        report("log_in, wrong password (the try counted)", [wrong() for _ in range(args.tries)])
        store.close()


if __name__ == "__main__":
    main()
