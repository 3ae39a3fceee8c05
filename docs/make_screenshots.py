"""Render the main screens offscreen to PNG files in docs/ (for the README and review).

Run: python docs/make_screenshots.py
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtTest import QTest  # noqa: E402
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
    window.typing_setup.startRequested.emit(60, "customer-email", "")
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

    # Email drills: a proofreading drill with two corrections, then its review.
    window.open_activity("drills")
    app.processEvents()
    window.grab().save(str(OUT / "screen-drills.png"))
    drill = next(iter(window.drills.proofreading.values()))
    window.start_proofreading(drill)
    app.processEvents()
    window.grab().save(str(OUT / "screen-proofreading.png"))
    answer = drill.text
    for mistake in reversed(drill.mistakes[:2]):
        answer = answer[: mistake.start] + mistake.corrections[0] + answer[mistake.end :]
    window.proofreading_page.editor.setPlainText(answer)
    now[0] += 150_000
    window.proofreading_page.submit()
    app.processEvents()
    window.grab().save(str(OUT / "screen-proofreading-review.png"))

    scenario = next(iter(window.drills.writing.values()))
    window.start_writing(scenario)
    window.writing_page.editor.setPlainText(
        "Subject: Your refund\n\nDear Ms Patel,\n\nThank you for your email. I have "
        "checked you're order and we will recieve the parcel back tomorow. Your refund "
        "will reach your card within five working days.\n\nKind regards,\nSam"
    )
    app.processEvents()
    window.grab().save(str(OUT / "screen-writing.png"))
    now[0] += 200_000
    window.writing_page.submit()
    for _ in range(200):
        app.processEvents()
        if window.stack.currentWidget() is window.writing_review:
            break
        window.checker_loader.check_now("")  # wait for the worker without sleeping
    app.processEvents()
    window.grab().save(str(OUT / "screen-writing-review.png"))

    # Office quiz: a formula task, then the result.
    window.open_activity("quiz")
    app.processEvents()
    window.grab().save(str(OUT / "screen-quiz-setup.png"))
    from typing_test.core.quiz.session import draw_quiz

    quiz = draw_quiz(window.banks, 8, topics=["excel", "word"], seed=4)
    window.start_quiz(quiz, 600)
    page = window.quiz_page
    for index, item in enumerate(quiz.items):
        if item.question.type == "formula":
            page.show_question(index)
            QTest.keyClicks(page.formula_edit, "=XLOOKUP(B9,C2:C7,A2:A7)")
            break
    app.processEvents()
    window.grab().save(str(OUT / "screen-quiz.png"))
    now[0] += 300_000
    page.submit()
    app.processEvents()
    window.grab().save(str(OUT / "screen-quiz-result.png"))
    print("wrote", ", ".join(sorted(p.name for p in OUT.glob("screen-*.png"))))


if __name__ == "__main__":
    main()
