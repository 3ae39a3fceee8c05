"""Memory of the running app: peak resident size after each thing it loads.

Run: python bench/bench_memory.py
Each figure is the process's peak RSS (from getrusage) after the step, so the
differences show what each step costs. Linux reports kilobytes.
"""

from __future__ import annotations

import os
import resource
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def peak_mb() -> float:
    kilobytes = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kilobytes / 1024 if sys.platform != "darwin" else kilobytes / 1024 / 1024


def main() -> None:
    steps = [("python", peak_mb())]
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    steps.append(("Qt application", peak_mb()))
    from typing_test.store.database import Store
    from typing_test.ui.main_window import MainWindow

    window = MainWindow(Store.open(":memory:"))
    window.show()
    app.processEvents()
    steps.append(("main window (passages, drills, banks)", peak_mb()))
    window.checker_loader.check_now("Warm the dictionary.")
    steps.append(("spelling checker loaded", peak_mb()))
    window.start_typing_test(300, "")
    passage = window.typing_page.session.passage
    for character in passage[:2000]:
        window.typing_page.typing_area.keyTyped.emit(character)
    app.processEvents()
    steps.append(("typing test, 2,000 keystrokes", peak_mb()))
    previous = 0.0
    for name, value in steps:
        print(f"{name:<40} peak RSS {value:7.1f} MB   (+{value - previous:.1f})")
        previous = value


if __name__ == "__main__":
    main()
