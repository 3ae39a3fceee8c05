"""Wall time of `typing-test --smoke-test` (start, show the window, first paint,
exit), side by side with a bare Qt window measured in the same run.

Run: python bench/bench_startup.py   (aim: at most 3 times the bare window)

Run it with the Python of an environment made as the README says
(``pip install .``): a development environment that also holds numpy (pulled
in by optional formula engines) makes sqlite-utils import it.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

# The least a Qt app can do: start, show an empty window, paint it, exit.
BARE_WINDOW = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
window = QWidget()
window.resize(1040, 720)
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""


def timed_runs(command: list[str], env: dict, runs: int) -> list[float]:
    # One untimed run first: it writes the bytecode caches and creates the
    # database, which a person's second start no longer pays for.
    subprocess.run(command, env=env, check=True, capture_output=True)
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, env=env, check=True, capture_output=True)
        timings.append(time.perf_counter() - start)
    return sorted(timings)


def main(runs: int = 10) -> None:
    with tempfile.TemporaryDirectory() as folder:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
                   TYPING_TEST_DB=os.path.join(folder, "bench.db"))
        # An installed app has its bytecode compiled (pip does it); a shell
        # that forbids writing it would time the compiler instead.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        app = timed_runs([sys.executable, "-m", "typing_test", "--smoke-test"], env, runs)
        bare = timed_runs([sys.executable, "-c", BARE_WINDOW], env, runs)
    for name, timings in (("typing-test --smoke-test", app), ("bare QApplication + QWidget", bare)):
        print(f"{name:28} over {runs} runs: median {statistics.median(timings):.2f} s"
              f"   p99 {timings[-1]:.2f} s (max of {runs})")
    print(f"the app takes {statistics.median(app) / statistics.median(bare):.1f} times the bare "
          "window (aim: at most 3)")


if __name__ == "__main__":
    main()
