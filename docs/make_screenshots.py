"""Render the main screens offscreen to PNG files in docs/ (for the README and review).

Run: python docs/make_screenshots.py
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from typing_test.store.database import Store  # noqa: E402
from typing_test.ui.main_window import MainWindow  # noqa: E402

OUT = Path(__file__).resolve().parent


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    now = [0.0]
    store = Store.open(":memory:")
    window = MainWindow(store, clock=lambda: now[0], rng=random.Random(3))
    window.resize(1040, 720)
    window.show()
    app.processEvents()
    window.grab().save(str(OUT / "screen-home.png"))

    window.open_activity("typing")
    app.processEvents()
    window.grab().save(str(OUT / "screen-typing-setup.png"))
    window.typing_setup.startRequested.emit(60, "customer-email")
    page = window.typing_page
    text = page.session.passage
    rng = random.Random(5)
    for index in range(260):
        now[0] += 180
        key = text[index] if rng.random() > 0.03 else "x"
        page.typing_area.keyTyped.emit(key)
    now[0] += 300
    page.refresh()
    app.processEvents()
    window.grab().save(str(OUT / "screen-typing.png"))

    now[0] = 61_000
    page.refresh()
    app.processEvents()
    window.grab().save(str(OUT / "screen-result.png"))
    window.show_history()
    app.processEvents()
    window.grab().save(str(OUT / "screen-history.png"))
    window.show_settings()
    app.processEvents()
    window.grab().save(str(OUT / "screen-settings.png"))
    print("wrote", ", ".join(sorted(p.name for p in OUT.glob("screen-*.png"))))


if __name__ == "__main__":
    main()
