"""Per-keystroke cost of the typing screen on a 5,000-character passage.

Run: python bench/bench_typing_widget.py
Measures, offscreen, the time from a key event reaching the typing area to
the session having recorded it and the character being re-formatted (the
work done on the UI thread per key), and prints median and p99.
"""

from __future__ import annotations

import os
import random
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from typing_test.core.typing.passages import load_passages  # noqa: E402
from typing_test.ui.typing.typing_test_page import TypingTestPage  # noqa: E402

NO_MODIFIER = Qt.KeyboardModifier.NoModifier


def passage_of(length: int) -> str:
    passages, _ = load_passages()
    text = " ".join(p.text for p in passages)
    while len(text) < length:
        text += " " + text
    return text[:length]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> None:
    app = QApplication.instance() or QApplication([])
    passage = passage_of(5000)
    now = [0.0]
    page = TypingTestPage(clock=lambda: now[0])
    page.resize(1000, 700)
    page.show()
    page.start_passage(passage, duration_s=3600, passage_id="bench", title="Bench")
    app.processEvents()
    area = page.typing_area
    rng = random.Random(1)
    timings = []
    for index in range(4800):
        key = passage[index] if rng.random() > 0.04 else "#"
        if rng.random() < 0.02:
            event = QKeyEvent(QKeyEvent.Type.KeyPress, Qt.Key.Key_Backspace, NO_MODIFIER)
        else:
            event = QKeyEvent(QKeyEvent.Type.KeyPress, 0, NO_MODIFIER, key)
        now[0] += 120
        start = time.perf_counter()
        QApplication.sendEvent(area, event)
        timings.append((time.perf_counter() - start) * 1000)
        if index % 50 == 0:
            app.processEvents()  # let paints happen as they would between keys
    print(f"per-keystroke handling, 5,000-char passage, {len(timings)} keys:")
    print(f"  median {statistics.median(timings):.3f} ms   p99 {percentile(timings, 0.99):.3f} ms"
          f"   max {max(timings):.3f} ms")
    paint = []
    for _ in range(50):
        start = time.perf_counter()
        area.viewport().repaint()
        paint.append((time.perf_counter() - start) * 1000)
    print(f"full repaint of the typing area: median {statistics.median(paint):.3f} ms"
          f"   p99 {percentile(paint, 0.99):.3f} ms")


if __name__ == "__main__":
    main()
