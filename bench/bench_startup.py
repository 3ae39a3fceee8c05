"""Wall time of `typing-test --smoke-test` (start, show the window, first paint, exit).

Run: python bench/bench_startup.py   (aim: under 1.5 s on a 2-core machine)
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time


def main(runs: int = 10) -> None:
    timings = []
    with tempfile.TemporaryDirectory() as folder:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
                   TYPING_TEST_DB=os.path.join(folder, "bench.db"))
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "typing_test", "--smoke-test"], env=env,
                           check=True, capture_output=True)
            timings.append(time.perf_counter() - start)
    timings.sort()
    print(f"typing-test --smoke-test over {runs} runs: median {statistics.median(timings):.2f} s"
          f"   p99 {timings[-1]:.2f} s (max of {runs})")


if __name__ == "__main__":
    main()
