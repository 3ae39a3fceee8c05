"""Key latency on the typing screen, with the live net WPM ticking.

Run: python bench/bench_live_score.py
Types a 5,000-character passage into the real TypingTestPage, offscreen, one
key every 120 ms of an injected clock, and runs the page's 250 ms refresh
(time left and live net WPM) when it falls due, as its QTimer would. A key
that arrives just after a refresh waits for it, so its latency is the
refresh plus its own handling. Two typists: a careful one (a few mistakes,
corrected) and a sloppy one who leaves about 8 % of words wrong, skips or adds
words. For comparison it also times re-scoring the whole log, which is what
the refresh did before the live figure was made incremental.
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

KEY_MS = 120
REFRESH_MS = 250
NO_MODIFIER = Qt.KeyboardModifier.NoModifier


def passage_of(length: int) -> str:
    passages, _ = load_passages()
    return "\n".join(p.text for p in passages)[:length]


def keys_of(text: str, rng: random.Random, wrong_words: float, slips: float) -> list[str]:
    """A typist's keys: ``wrong_words`` of the words left with a wrong letter,
    ``slips`` of them skipped or followed by an extra word, a few corrected typos."""
    keys: list[str] = []
    for word in text.split(" "):
        roll = rng.random()
        if roll < slips / 2:
            continue
        if roll < slips:
            keys += list("qx ")
        if rng.random() < wrong_words and len(word) > 1:
            at = rng.randrange(len(word))
            word = word[:at] + "#" + word[at + 1 :]
        for character in word + " ":
            if rng.random() < 0.02:
                keys += ["z", "Backspace"]
            keys.append(character)
    return keys


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def run(app: QApplication, passage: str, keys: list[str]) -> tuple[list[float], list[float]]:
    """Key latencies and full re-scoring times (ms) for one typist."""
    now = [0.0]
    page = TypingTestPage(clock=lambda: now[0])
    page.resize(1000, 700)
    page.show()
    page.start_passage(passage, duration_s=3600, passage_id="bench", title="Bench")
    app.processEvents()
    latencies, rescoring = [], []
    next_refresh = REFRESH_MS
    for index, key in enumerate(keys):
        now[0] += KEY_MS
        waited = 0.0
        if now[0] >= next_refresh:
            start = time.perf_counter()
            page.refresh()
            waited = (time.perf_counter() - start) * 1000
            next_refresh += REFRESH_MS * ((now[0] - next_refresh) // REFRESH_MS + 1)
        if key == "Backspace":
            event = QKeyEvent(QKeyEvent.Type.KeyPress, Qt.Key.Key_Backspace, NO_MODIFIER)
        elif key == "\n":
            event = QKeyEvent(QKeyEvent.Type.KeyPress, Qt.Key.Key_Return, NO_MODIFIER, "\r")
        else:
            event = QKeyEvent(QKeyEvent.Type.KeyPress, 0, NO_MODIFIER, key)
        start = time.perf_counter()
        QApplication.sendEvent(page.typing_area, event)
        latencies.append(waited + (time.perf_counter() - start) * 1000)
        if index % 200 == 0 and page.session is not None:
            start = time.perf_counter()
            page.session.result()
            rescoring.append((time.perf_counter() - start) * 1000)
        if index % 50 == 0:
            app.processEvents()
        if page.session is None or page.session.finished:
            break
    page.close()
    return latencies, rescoring


def main() -> None:
    app = QApplication.instance() or QApplication([])
    passage = passage_of(5000)
    typists = {
        "careful": keys_of(passage, random.Random(1), wrong_words=0.005, slips=0.0),
        "sloppy (8% words wrong)": keys_of(passage, random.Random(2), wrong_words=0.08,
                                          slips=0.02),
    }
    print(f"5,000-character passage, a key every {KEY_MS} ms, refresh every {REFRESH_MS} ms")
    for name, keys in typists.items():
        latencies, rescoring = run(app, passage, keys)
        print(f"{name}: {len(latencies)} keys")
        print(f"  key latency with the live figure: median {statistics.median(latencies):.3f} ms"
              f"   p99 {percentile(latencies, 0.99):.3f} ms   max {max(latencies):.3f} ms")
        print(f"  re-scoring the whole log instead: median {statistics.median(rescoring):.1f} ms"
              f"   p99 {percentile(rescoring, 0.99):.1f} ms")


if __name__ == "__main__":
    main()
